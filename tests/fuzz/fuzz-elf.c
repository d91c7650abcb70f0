/*
 * libFuzzer target: the linux-user ELF loader on arbitrary bytes, for one
 * guest per binary (FUZZ_GUEST_PPC selects PowerPC, else i386). First its
 * checks (lu_elf_check_image); an image they accept is then loaded for
 * real from a memfd (lu_elf_load_image_fd: segments, bss, brk, the
 * PT_INTERP interpreter looked up under the cross toolchain's sysroot as
 * -L, so a dynamic seed gets Debian's real ld.so of the guest) and
 * everything mapped is unmapped again.
 * Nothing may crash or read out of bounds (AddressSanitizer).
 */
#define _GNU_SOURCE
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>
#include "exec/user-pages.h"
#include "linux-user/lu.h"
#include "tests/fuzz/fuzz-lu-arch.h"

#ifdef FUZZ_GUEST_PPC
#define FUZZ_SYSROOT "/usr/powerpc-linux-gnu"   /* libc6-dev-powerpc-cross */
#else
#define FUZZ_SYSROOT "/usr/i686-linux-gnu"      /* libc6-dev-i386-cross */
#endif

static int image_fd;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    lu_arch = &FUZZ_LU_ARCH;
    if (!guest_space_reserve()) {
        abort();
    }
    lu_opts.sysroot = FUZZ_SYSROOT;
    image_fd = memfd_create("fuzz-elf", MFD_CLOEXEC);
    if (image_fd < 0) {
        abort();
    }
    return 0;
}

/* Unmaps every guest mapping, as listed for /proc/self/maps. */
static void fuzz_unmap_all(void)
{
    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);
    lu_write_maps(f);
    fclose(f);
    for (char *line = text; line && *line;) {
        unsigned long start, end;
        if (sscanf(line, "%lx-%lx", &start, &end) == 2 && end > start) {
            lu_target_munmap((uint32_t)start, (uint32_t)(end - start));
        }
        char *nl = strchr(line, '\n');
        line = nl ? nl + 1 : NULL;
    }
    free(text);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char err[256];
    if (!lu_elf_check_image(data, size, err, sizeof(err))) {
        return 0;
    }
    if (ftruncate(image_fd, 0) != 0 || pwrite(image_fd, data, size, 0) != (ssize_t)size) {
        abort();
    }
    LuImage img;
    lu_elf_load_image_fd(image_fd, &img, err, sizeof(err));
    fuzz_unmap_all();
    return 0;
}
