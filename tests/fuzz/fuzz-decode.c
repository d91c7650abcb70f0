/*
 * libFuzzer target: arbitrary bytes translated as guest code (the guest
 * is fixed per binary: FUZZ_GUEST_PPC selects PowerPC, else i386). The
 * bytes end exactly at the end of the only mapped page, so decoding also
 * runs into fetch faults. The front end, the optimizer and the backend
 * must never crash or assert, whatever the bytes; nothing is executed.
 */
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <sys/mman.h>
#include "accel/tcg/tb-internal.h"
#include "exec/exec-all.h"
#include "exec/user-pages.h"
#ifdef FUZZ_GUEST_PPC
#include "target-ppc/cpu.h"
#define FUZZ_ARCH ppc_guest_arch
#else
#include "target-i386/cpu.h"
#define FUZZ_ARCH x86_guest_arch
#endif

#define CODE_PAGE 0x00400000u

static CPUState *cpu;
static unsigned runs;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    if (!guest_space_reserve()) {
        abort();
    }
    tcg_exec_init(&FUZZ_ARCH, "jit", 8u << 20);
    cpu = cpu_create(&FUZZ_ARCH);
#ifndef FUZZ_GUEST_PPC
    x86_cpu_reset_user((CPUX86State *)cpu);
#endif
    if (mmap(g2h(CODE_PAGE), TARGET_PAGE_SIZE, PROT_READ | PROT_WRITE,
             MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0) == MAP_FAILED) {
        abort();
    }
    page_set_flags(CODE_PAGE, CODE_PAGE + TARGET_PAGE_SIZE,
                   PAGE_VALID | PAGE_READ | PAGE_WRITE | PAGE_EXEC);
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0 || size > TARGET_PAGE_SIZE) {
        return 0;
    }
    uint32_t pc = CODE_PAGE + TARGET_PAGE_SIZE - (uint32_t)size;
    /* Translation write-protects the page (self-modifying code): drop
     * its blocks and the protection before writing the next input. */
    page_unprotect(CODE_PAGE, 0);
    memcpy(g2h(pc), data, size);
#ifdef FUZZ_GUEST_PPC
    ((CPUPPCState *)cpu)->nip = pc & ~3u;
#else
    ((CPUX86State *)cpu)->eip = pc;
#endif
    uint32_t gpc, cs_base, flags;
    cpu->arch->get_tb_cpu_state(cpu, &gpc, &cs_base, &flags);
    current_cpu = cpu;
    cpu->in_exec = true;
    if (sigsetjmp(cpu->jmp_env, 0) == 0) {
        tb_gen_code(cpu, gpc, cs_base, flags, tb_default_cflags());
    } else {
        tb_lock_reset();     /* a fetch fault left translation */
    }
    cpu->in_exec = false;
    if (++runs % 4096 == 0) {
        tb_flush();
    }
    return 0;
}
