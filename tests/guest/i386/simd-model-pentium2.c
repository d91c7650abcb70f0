// mimic-test: mimic-opts -cpu pentium2
/* Which SIMD extensions raise SIGILL with -cpu pentium2 (see simd-sigill.h). */
#include "simd-sigill.h"

int main(void)
{
    simd_sigill_report();
    return 0;
}
