// mimic-test: mimic-opts -cpu pentium3
/* Which SIMD extensions raise SIGILL with -cpu pentium3 (see simd-sigill.h). */
#include "simd-sigill.h"

int main(void)
{
    simd_sigill_report();
    return 0;
}
