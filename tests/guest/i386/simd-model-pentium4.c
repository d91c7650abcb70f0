// mimic-test: mimic-opts -cpu pentium4
/* Which SIMD extensions raise SIGILL with -cpu pentium4 (see simd-sigill.h). */
#include "simd-sigill.h"

int main(void)
{
    simd_sigill_report();
    return 0;
}
