/*
 * LOCK-prefixed read-modify-write, XCHG with memory and CMPXCHG(8B): done
 * with host atomics on the host address probe_access gives, so they are
 * atomic against other guest threads. Bad addresses raise the guest's #PF
 * first. Memory with no host address (MMIO, or an operand split over two
 * system-mode pages) takes a plain load and store: system mode has one CPU.
 */
#include "exec/cpu-ldst.h"
#include "exec/exec-all.h"
#include "exec/user-pages.h"
#include "target-i386/translate-int.h"

/* The host address of [addr, addr + size) made writable (code on it
 * invalidated), or NULL if the operand has no single host address; raises
 * #AC if alignment checks are on and addr is misaligned, then #PF if the
 * guest may not write it. */
static void *x86_atomic_prepare(CPUX86State *env, uint32_t addr, int size,
                                uintptr_t ra)
{
    CPUState *cpu = &env->cs;
    int mmu_idx = cpu_mmu_index(cpu, false);
    uint32_t last = addr + size - 1, page2 = last & TARGET_PAGE_MASK;
    uint8_t *h1, *h2;

    if ((addr & (size - 1)) && (env->eflags & AC_MASK) && (env->hflags & HF_AM_MASK) &&
        (env->hflags & HF_CPL_MASK) == 3) {
        x86_raise_exception_err(env, EXCP11_ALGN, 0, ra);   /* #AC(0) */
    }
    if (!((addr ^ last) & TARGET_PAGE_MASK)) {
        return probe_access(cpu, addr, size, MMU_DATA_STORE, mmu_idx, ra);
    }
    h1 = probe_access(cpu, addr, page2 - addr, MMU_DATA_STORE, mmu_idx, ra);
    h2 = probe_access(cpu, page2, last - page2 + 1, MMU_DATA_STORE, mmu_idx, ra);
    /* Contiguous on the host (user mode): one host atomic covers both. */
    return h1 && h2 == h1 + (page2 - addr) ? h1 : NULL;
}

static uint64_t x86_atomic_ld(CPUX86State *env, uint32_t addr, int size, uintptr_t ra)
{
    CPUState *cpu = &env->cs;
    int mmu_idx = cpu_mmu_index(cpu, false);

    switch (size) {
    case 1:
        return cpu_ldub_mmu(cpu, addr, mmu_idx, ra);
    case 2:
        return cpu_lduw_mmu(cpu, addr, mmu_idx, ra);
    case 4:
        return cpu_ldl_mmu(cpu, addr, mmu_idx, ra);
    default:
        return cpu_ldq_mmu(cpu, addr, mmu_idx, ra);
    }
}

static void x86_atomic_st(CPUX86State *env, uint32_t addr, uint64_t val, int size,
                          uintptr_t ra)
{
    CPUState *cpu = &env->cs;
    int mmu_idx = cpu_mmu_index(cpu, false);

    switch (size) {
    case 1:
        cpu_stb_mmu(cpu, addr, (uint32_t)val, mmu_idx, ra);
        return;
    case 2:
        cpu_stw_mmu(cpu, addr, (uint32_t)val, mmu_idx, ra);
        return;
    case 4:
        cpu_stl_mmu(cpu, addr, (uint32_t)val, mmu_idx, ra);
        return;
    default:
        cpu_stq_mmu(cpu, addr, val, mmu_idx, ra);
        return;
    }
}

/* The read-modify-write without a host address. */
static uint32_t x86_atomic_rmw_slow(CPUX86State *env, uint32_t addr, uint32_t val,
                                    int op, int size, uintptr_t ra)
{
    uint32_t old = (uint32_t)x86_atomic_ld(env, addr, size, ra), res;

    switch (op) {
    case X86_ATOMIC_ADD: res = old + val; break;
    case X86_ATOMIC_AND: res = old & val; break;
    case X86_ATOMIC_OR: res = old | val; break;
    case X86_ATOMIC_XOR: res = old ^ val; break;
    case X86_ATOMIC_XCHG: res = val; break;
    default: res = -old; break;
    }
    x86_atomic_st(env, addr, res, size, ra);
    return old;
}

static uint32_t x86_atomic_op8(uint8_t *p, uint32_t val, int op)
{
    uint8_t v = (uint8_t)val, old;
    switch (op) {
    case X86_ATOMIC_ADD: return __atomic_fetch_add(p, v, __ATOMIC_SEQ_CST);
    case X86_ATOMIC_AND: return __atomic_fetch_and(p, v, __ATOMIC_SEQ_CST);
    case X86_ATOMIC_OR: return __atomic_fetch_or(p, v, __ATOMIC_SEQ_CST);
    case X86_ATOMIC_XOR: return __atomic_fetch_xor(p, v, __ATOMIC_SEQ_CST);
    case X86_ATOMIC_XCHG: return __atomic_exchange_n(p, v, __ATOMIC_SEQ_CST);
    default:
        old = __atomic_load_n(p, __ATOMIC_SEQ_CST);
        while (!__atomic_compare_exchange_n(p, &old, (uint8_t)-old, false,
                                            __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST)) {
        }
        return old;
    }
}

static uint32_t x86_atomic_op16(uint16_t *p, uint32_t val, int op)
{
    uint16_t v = (uint16_t)val, old;
    switch (op) {
    case X86_ATOMIC_ADD: return __atomic_fetch_add(p, v, __ATOMIC_SEQ_CST);
    case X86_ATOMIC_AND: return __atomic_fetch_and(p, v, __ATOMIC_SEQ_CST);
    case X86_ATOMIC_OR: return __atomic_fetch_or(p, v, __ATOMIC_SEQ_CST);
    case X86_ATOMIC_XOR: return __atomic_fetch_xor(p, v, __ATOMIC_SEQ_CST);
    case X86_ATOMIC_XCHG: return __atomic_exchange_n(p, v, __ATOMIC_SEQ_CST);
    default:
        old = __atomic_load_n(p, __ATOMIC_SEQ_CST);
        while (!__atomic_compare_exchange_n(p, &old, (uint16_t)-old, false,
                                            __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST)) {
        }
        return old;
    }
}

static uint32_t x86_atomic_op32(uint32_t *p, uint32_t v, int op)
{
    uint32_t old;
    switch (op) {
    case X86_ATOMIC_ADD: return __atomic_fetch_add(p, v, __ATOMIC_SEQ_CST);
    case X86_ATOMIC_AND: return __atomic_fetch_and(p, v, __ATOMIC_SEQ_CST);
    case X86_ATOMIC_OR: return __atomic_fetch_or(p, v, __ATOMIC_SEQ_CST);
    case X86_ATOMIC_XOR: return __atomic_fetch_xor(p, v, __ATOMIC_SEQ_CST);
    case X86_ATOMIC_XCHG: return __atomic_exchange_n(p, v, __ATOMIC_SEQ_CST);
    default:
        old = __atomic_load_n(p, __ATOMIC_SEQ_CST);
        while (!__atomic_compare_exchange_n(p, &old, -old, false,
                                            __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST)) {
        }
        return old;
    }
}

uint32_t x86_helper_atomic_rmw(CPUX86State *env, uint32_t addr, uint32_t val,
                               uint32_t op)
{
    int ot = op & 3;
    uintptr_t ra = GETPC();
    void *p = x86_atomic_prepare(env, addr, 1 << ot, ra);
    if (!p) {
        return x86_atomic_rmw_slow(env, addr, val, op & ~3u, 1 << ot, ra);
    }
    switch (ot) {
    case MO_8:
        return x86_atomic_op8(p, val, op & ~3u);
    case MO_16:
        return x86_atomic_op16(p, val, op & ~3u);
    default:
        return x86_atomic_op32(p, val, op & ~3u);
    }
}

uint32_t x86_helper_atomic_cmpxchg(CPUX86State *env, uint32_t addr,
                                   uint32_t cmp, uint32_t newv, uint32_t ot)
{
    uintptr_t ra = GETPC();
    void *p = x86_atomic_prepare(env, addr, 1 << ot, ra);
    if (!p) {
        /* The destination is written back even when the compare fails. */
        uint32_t mask = ot == MO_32 ? ~0u : (1u << (8 << ot)) - 1;
        uint32_t old = (uint32_t)x86_atomic_ld(env, addr, 1 << ot, ra);
        x86_atomic_st(env, addr, old == (cmp & mask) ? newv : old, 1 << ot, ra);
        return old;
    }
    if (ot == MO_8) {
        uint8_t e = (uint8_t)cmp;
        __atomic_compare_exchange_n((uint8_t *)p, &e, (uint8_t)newv, false,
                                    __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);
        return e;
    }
    if (ot == MO_16) {
        uint16_t e = (uint16_t)cmp;
        __atomic_compare_exchange_n((uint16_t *)p, &e, (uint16_t)newv, false,
                                    __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);
        return e;
    }
    uint32_t e = cmp;
    __atomic_compare_exchange_n((uint32_t *)p, &e, newv, false,
                                __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);
    return e;
}

uint64_t x86_helper_atomic_cmpxchg8b(CPUX86State *env, uint32_t addr,
                                     uint64_t cmp, uint64_t newv)
{
    uintptr_t ra = GETPC();
    uint64_t *p = x86_atomic_prepare(env, addr, 8, ra);
    uint64_t e = cmp;
    if (!p) {
        uint64_t old = x86_atomic_ld(env, addr, 8, ra);
        x86_atomic_st(env, addr, old == cmp ? newv : old, 8, ra);
        return old;
    }
    __atomic_compare_exchange_n(p, &e, newv, false, __ATOMIC_SEQ_CST,
                                __ATOMIC_SEQ_CST);
    return e;
}

TCGHelperInfo x86_helper_info_atomic_rmw =
    TCG_HELPER(x86_helper_atomic_rmw, TCG_CALL_MAY_RAISE, TCG_HT_I32,
               TCG_HT_PTR, TCG_HT_I32, TCG_HT_I32, TCG_HT_I32);
TCGHelperInfo x86_helper_info_atomic_cmpxchg =
    TCG_HELPER(x86_helper_atomic_cmpxchg, TCG_CALL_MAY_RAISE, TCG_HT_I32,
               TCG_HT_PTR, TCG_HT_I32, TCG_HT_I32, TCG_HT_I32, TCG_HT_I32);
TCGHelperInfo x86_helper_info_atomic_cmpxchg8b =
    TCG_HELPER(x86_helper_atomic_cmpxchg8b, TCG_CALL_MAY_RAISE, TCG_HT_I64,
               TCG_HT_PTR, TCG_HT_I32, TCG_HT_I64, TCG_HT_I64);
