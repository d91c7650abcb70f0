/*
 * The i386 libm on the x87: glibc's float, double and long double
 * functions (which use FSIN, FPATAN, FYL2X, F2XM1, FSCALE, FPREM, FRNDINT
 * and friends), fegetround/fesetround, lrint and strtold, printed exactly
 * (%a) over a spread of arguments.
 */
#include <fenv.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

static const double args[] = {
    0.0, -0.0, 1e-310, 1e-300, 0.1, 0.5, 0.7853981633974483, 1.0, 1.5,
    2.0, 3.141592653589793, 10.0, 100.5, 1e10, 1e22, 1e300, -0.3, -2.5,
    -1e5, 709.7, -745.1, 1e-5,
};
#define NA (int)(sizeof(args) / sizeof(args[0]))

static void doubles(void)
{
    for (int i = 0; i < NA; i++) {
        double x = args[i];
        printf("x=%a sin %a cos %a tan %a atan %a exp %a log %a\n", x,
               sin(x), cos(x), tan(x), atan(x), exp(x), log(fabs(x)));
        printf("  sqrt %a pow %a atan2 %a fmod %a remainder %a cbrt %a\n",
               sqrt(fabs(x)), pow(fabs(x), 0.37), atan2(x, 0.75),
               fmod(x, 0.7), remainder(x, 0.7), cbrt(x));
        printf("  log10 %a log2 %a exp2 %a expm1 %a log1p %a sinh %a "
               "rint %a\n", log10(fabs(x)), log2(fabs(x)), exp2(x / 7),
               expm1(x / 9), log1p(fabs(x)), sinh(x / 100), rint(x));
    }
}

static void long_doubles(void)
{
    for (int i = 0; i < NA; i++) {
        long double x = args[i] * 1.0000000001L;
        printf("xl=%La sinl %La expl %La logl %La powl %La atan2l %La\n", x,
               sinl(x), expl(x / 8), logl(fabsl(x) + 1), powl(fabsl(x), 0.3L),
               atan2l(x, 3));
    }
}

static void floats(void)
{
    for (int i = 0; i < NA; i++) {
        float x = (float)args[i];
        printf("xf=%a sinf %a expf %a logf %a powf %a sqrtf %a\n", x,
               sinf(x), expf(x / 8), logf(fabsf(x) + 1), powf(fabsf(x), 0.3f),
               sqrtf(fabsf(x)));
    }
}

static void rounding(void)
{
    static const int modes[] = { FE_TONEAREST, FE_DOWNWARD, FE_UPWARD,
                                 FE_TOWARDZERO };
    for (int m = 0; m < 4; m++) {
        fesetround(modes[m]);
        volatile double a = 1.0, b = 3.0;
        printf("mode %d: 1/3 %a rint(2.5) %a lrint(-2.5) %ld nearbyint(3.5) "
               "%a strtold %La\n", fegetround() == modes[m], a / b, rint(2.5),
               lrint(-2.5), nearbyint(3.5), strtold("0.1", NULL));
    }
    fesetround(FE_TONEAREST);
    feclearexcept(FE_ALL_EXCEPT);
    volatile double z = 0.0;
    volatile double r = 1.0 / z;
    printf("1/0 = %a, divbyzero flag %d, inexact %d\n", r,
           fetestexcept(FE_DIVBYZERO) != 0, fetestexcept(FE_INEXACT) != 0);
}

int main(void)
{
    doubles();
    long_doubles();
    floats();
    rounding();
    return 0;
}
