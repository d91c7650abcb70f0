/*
 * libFuzzer target: the linux-user ELF loader's checks (header, program
 * headers against the file size, PT_INTERP, the load span) on arbitrary
 * bytes, for one guest per binary (FUZZ_GUEST_PPC selects PowerPC, else
 * i386). The checks must reject or accept, never crash or read out of
 * bounds (built with AddressSanitizer).
 */
#include <stddef.h>
#include <stdint.h>
#include "linux-user/lu.h"
#include "tests/fuzz/fuzz-lu-arch.h"


int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char err[256];
    lu_arch = &FUZZ_LU_ARCH;
    lu_elf_check_image(data, size, err, sizeof(err));
    return 0;
}
