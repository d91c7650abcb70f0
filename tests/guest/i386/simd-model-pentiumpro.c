// mimic-test: mimic-opts -cpu pentiumpro
/* Which SIMD extensions raise SIGILL with -cpu pentiumpro (see simd-sigill.h). */
#include "simd-sigill.h"

int main(void)
{
    simd_sigill_report();
    return 0;
}
