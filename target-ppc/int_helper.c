/*
 * Integer, control and memory helpers of the PowerPC front end: exceptions,
 * traps, the time base, the lwarx/stwcx. reservation and the string
 * loads/stores. Guest memory is checked before it is touched, so a bad
 * address becomes a guest DSI, never a host crash.
 */
#include <string.h>
#include <time.h>

#include "exec/cpu-ldst.h"
#include "exec/exec-all.h"
#include "exec/user-pages.h"
#include "target-ppc/helper.h"

uint32_t ppc_get_xer(const CPUPPCState *env)
{
    return (env->xer_so << 31) | (env->xer_ov << 30) | (env->xer_ca << 29) |
           (env->xer_bc & 0x7f);
}

void ppc_set_xer(CPUPPCState *env, uint32_t xer)
{
    env->xer_so = (xer >> 31) & 1;
    env->xer_ov = (xer >> 30) & 1;
    env->xer_ca = (xer >> 29) & 1;
    env->xer_bc = xer & 0x7f;
}

uint32_t ppc_get_cr(const CPUPPCState *env)
{
    uint32_t cr = 0;
    for (int i = 0; i < 8; i++) {
        cr |= (env->crf[i] & 15) << (28 - 4 * i);
    }
    return cr;
}

void ppc_helper_raise(CPUPPCState *env, uint32_t excp, uint32_t error_code)
{
    env->cs.exception_index = excp;
    env->cs.error_code = error_code;
    cpu_loop_exit(&env->cs);
}

void ppc_helper_tw(CPUPPCState *env, uint32_t a, uint32_t b, uint32_t to)
{
    int32_t sa = a, sb = b;
    if (((to & 0x10) && sa < sb) || ((to & 0x08) && sa > sb) ||
        ((to & 0x04) && a == b) || ((to & 0x02) && a < b) ||
        ((to & 0x01) && a > b)) {
        env->cs.exception_index = POWERPC_EXCP_PROGRAM;
        env->cs.error_code = POWERPC_PROG_TRAP;
        cpu_loop_exit_restore(&env->cs, GETPC());
    }
}

uint32_t ppc_helper_mftb(CPUPPCState *env, uint32_t upper)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    /* A 512 MHz time base, as AT_CLKTCK-independent code expects ticks. */
    uint64_t tb = ((uint64_t)ts.tv_sec * 1000000000u + ts.tv_nsec) / 2 + env->tb_offset;
    return upper ? (uint32_t)(tb >> 32) : (uint32_t)tb;
}

/* Raises a DSI for [ea, ea+len) unless every page allows the access
 * (through the guest-memory API, which also unprotects code pages). */
static void ppc_probe(CPUPPCState *env, uint32_t ea, uint32_t len, bool write,
                      uintptr_t ra)
{
    CPUState *cpu = &env->cs;
    int mmu_idx = cpu_mmu_index(cpu, false);
    uint64_t end = (uint64_t)ea + len;

    for (uint64_t a = ea & TARGET_PAGE_MASK; a < end; a += TARGET_PAGE_SIZE) {
        uint64_t lo = a < ea ? ea : a;
        uint64_t hi = a + TARGET_PAGE_SIZE < end ? a + TARGET_PAGE_SIZE : end;
        probe_access(cpu, (uint32_t)lo, (int)(hi - lo),
                     write ? MMU_DATA_STORE : MMU_DATA_LOAD, mmu_idx, ra);
    }
}

/* The alignment interrupt of lwarx/stwcx. (and so SIGBUS) for ea. */
void ppc_helper_raise_align(CPUPPCState *env, uint32_t ea)
{
    env->cs.exception_index = POWERPC_EXCP_ALIGN;
    env->cs.fault_addr = ea;
    cpu_loop_exit_restore(&env->cs, GETPC());
}

/* The compare-and-swap is on an aligned word, so it never straddles a
 * page (or the end of the guest space) and is a plain host atomic. */
uint32_t ppc_helper_stwcx(CPUPPCState *env, uint32_t ea, uint32_t expected, uint32_t val)
{
    if (ea & 3) {
        ppc_helper_raise_align(env, ea);
    }
    uintptr_t ra = GETPC();
    CPUState *cpu = &env->cs;
    int mmu_idx = cpu_mmu_index(cpu, false);
    uint32_t *p = probe_access(cpu, ea, 4, MMU_DATA_STORE, mmu_idx, ra);
    if (!p) {
        /* No host address (system mode, one CPU): a plain compare and store. */
        if (cpu_ldl_mmu(cpu, ea, mmu_idx, ra) != expected) {
            return 0;
        }
        cpu_stl_mmu(cpu, ea, val, mmu_idx, ra);
        return 1;
    }
    uint32_t exp_be = __builtin_bswap32(expected);
    return __atomic_compare_exchange_n(p, &exp_be, __builtin_bswap32(val), false,
                                       __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);
}

/* lswi/lswx: nb bytes into rD, rD+1, ... (wrapping), high byte first. */
void ppc_helper_lsw(CPUPPCState *env, uint32_t ea, uint32_t nb, uint32_t reg)
{
    if (nb == 0) {
        return;
    }
    uintptr_t ra = GETPC();
    int mmu_idx = cpu_mmu_index(&env->cs, false);
    ppc_probe(env, ea, nb, false, ra);
    for (uint32_t i = 0; i < nb; i += 4, reg = (reg + 1) & 31) {
        uint32_t w = 0;
        for (uint32_t j = 0; j < 4; j++) {
            uint32_t b = i + j < nb ? cpu_ldub_mmu(&env->cs, ea + i + j, mmu_idx, ra) : 0;
            w |= (uint32_t)b << (24 - 8 * j);
        }
        env->gpr[reg] = w;
    }
}

void ppc_helper_stsw(CPUPPCState *env, uint32_t ea, uint32_t nb, uint32_t reg)
{
    if (nb == 0) {
        return;
    }
    uintptr_t ra = GETPC();
    int mmu_idx = cpu_mmu_index(&env->cs, false);
    ppc_probe(env, ea, nb, true, ra);
    for (uint32_t i = 0; i < nb; i++) {
        uint32_t w = env->gpr[(reg + i / 4) & 31];
        if (ppc_reserve_exact) {
            ppc_reserve_store_begin(env, ea + i, 1);
        }
        cpu_stb_mmu(&env->cs, ea + i, (w >> (24 - 8 * (i % 4))) & 0xff, mmu_idx, ra);
        if (ppc_reserve_exact) {
            ppc_reserve_store_end(ea + i, 1);
        }
    }
}

TCGHelperInfo ppc_helper_raise_info = TCG_HELPER(ppc_helper_raise, TCG_CALL_MAY_RAISE, TCG_HT_VOID, TCG_HT_PTR, TCG_HT_I32, TCG_HT_I32);
TCGHelperInfo ppc_helper_tw_info = TCG_HELPER(ppc_helper_tw, TCG_CALL_MAY_RAISE, TCG_HT_VOID, TCG_HT_PTR, TCG_HT_I32, TCG_HT_I32, TCG_HT_I32);
TCGHelperInfo ppc_helper_mftb_info = TCG_HELPER(ppc_helper_mftb, TCG_CALL_SIDE_EFFECTS, TCG_HT_I32, TCG_HT_PTR, TCG_HT_I32);
TCGHelperInfo ppc_helper_stwcx_info = TCG_HELPER(ppc_helper_stwcx, TCG_CALL_MAY_RAISE, TCG_HT_I32, TCG_HT_PTR, TCG_HT_I32, TCG_HT_I32, TCG_HT_I32);
TCGHelperInfo ppc_helper_lsw_info = TCG_HELPER(ppc_helper_lsw, TCG_CALL_MAY_RAISE | TCG_CALL_WRITES_GLOBALS, TCG_HT_VOID, TCG_HT_PTR, TCG_HT_I32, TCG_HT_I32, TCG_HT_I32);
TCGHelperInfo ppc_helper_raise_align_info = TCG_HELPER(ppc_helper_raise_align, TCG_CALL_MAY_RAISE, TCG_HT_VOID, TCG_HT_PTR, TCG_HT_I32);
TCGHelperInfo ppc_helper_stsw_info = TCG_HELPER(ppc_helper_stsw, TCG_CALL_MAY_RAISE, TCG_HT_VOID, TCG_HT_PTR, TCG_HT_I32, TCG_HT_I32, TCG_HT_I32);
