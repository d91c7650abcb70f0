/*
 * Port I/O of the i386 CPU: IN/OUT/INS/OUTS reach the machine's I/O port
 * space (include/exec/memory.h) after the protection check: at CPL >
 * IOPL or in VM86, every byte of the access must be allowed by the I/O
 * permission bitmap of the current 32-bit TSS, else #GP(0). Also HLT.
 */
#include "exec/memory.h"
#include "target-i386/seg-internal.h"

static void x86_check_io_bitmap(CPUX86State *env, uint32_t port, uint32_t size,
                                uintptr_t ra)
{
    int type = X86_DESC_TYPE(env->tr.flags);
    if (!(env->tr.flags & X86_DESC_P) ||
        (type != X86_SYS_TSS32 && type != X86_SYS_TSS32_BUSY) ||
        env->tr.limit < 0x67) {
        x86_raise_exception_err(env, EXCP0D_GPF, 0, ra);
    }
    uint32_t map = x86_lduw_kernel(env, env->tr.base + 0x66, ra);
    uint32_t off = map + (port >> 3);
    if (off + 1 > env->tr.limit) {
        x86_raise_exception_err(env, EXCP0D_GPF, 0, ra);
    }
    uint32_t bits = x86_lduw_kernel(env, env->tr.base + off, ra);
    uint32_t mask = ((1u << size) - 1) << (port & 7);
    if (bits & mask) {
        x86_raise_exception_err(env, EXCP0D_GPF, 0, ra);
    }
}

/* Checks an access of size bytes (1, 2, 4) to port (the translator calls
 * this only when CPL > IOPL or in VM86). */
void x86_helper_check_io(CPUX86State *env, uint32_t port, uint32_t size)
{
    x86_check_io_bitmap(env, port & 0xffff, size, GETPC());
}

/* (linux-user: its processes run at IOPL 0 without a TSS, so the check
 * above faults before any port is reached.) */
uint32_t x86_helper_in(CPUX86State *env, uint32_t port, uint32_t size)
{
    return ioport_read((uint16_t)port, size);
}

void x86_helper_out(CPUX86State *env, uint32_t port, uint32_t val, uint32_t size)
{
    ioport_write((uint16_t)port, val, size);
}

/* HLT at CPL 0 (the translator stored EIP after it). */
_Noreturn void x86_helper_hlt(CPUX86State *env)
{
    env->hflags &= ~(uint32_t)HF_INHIBIT_IRQ_MASK;
    env->cs.halted = true;
    env->cs.exception_index = EXCP_HLT;
    cpu_loop_exit(&env->cs);
}

TCGHelperInfo x86_helper_info_check_io =
    TCG_HELPER(x86_helper_check_io, TCG_CALL_MAY_RAISE, TCG_HT_VOID, TCG_HT_PTR,
               TCG_HT_I32, TCG_HT_I32);
TCGHelperInfo x86_helper_info_in =
    TCG_HELPER(x86_helper_in, TCG_CALL_SIDE_EFFECTS | TCG_CALL_READS_GLOBALS,
               TCG_HT_I32, TCG_HT_PTR, TCG_HT_I32, TCG_HT_I32);
TCGHelperInfo x86_helper_info_out =
    TCG_HELPER(x86_helper_out, TCG_CALL_SIDE_EFFECTS | TCG_CALL_READS_GLOBALS,
               TCG_HT_VOID, TCG_HT_PTR, TCG_HT_I32, TCG_HT_I32, TCG_HT_I32);
TCGHelperInfo x86_helper_info_hlt =
    TCG_HELPER(x86_helper_hlt, TCG_CALL_MAY_RAISE, TCG_HT_VOID, TCG_HT_PTR);
