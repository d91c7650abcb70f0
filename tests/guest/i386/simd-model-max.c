// mimic-test: mimic-opts -cpu max
/* Which SIMD extensions raise SIGILL with -cpu max (see simd-sigill.h). */
#include "simd-sigill.h"

int main(void)
{
    simd_sigill_report();
    return 0;
}
