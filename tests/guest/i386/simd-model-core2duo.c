// mimic-test: mimic-opts -cpu core2duo
/* Which SIMD extensions raise SIGILL with -cpu core2duo (see simd-sigill.h). */
#include "simd-sigill.h"

int main(void)
{
    simd_sigill_report();
    return 0;
}
