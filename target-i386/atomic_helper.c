/*
 * LOCK-prefixed read-modify-write, XCHG with memory and CMPXCHG(8B):
 * done with host atomics on the guest's memory (g2h), so they are atomic
 * against other guest threads. Bad addresses raise the guest's #PF first.
 */
#include "exec/exec-all.h"
#include "exec/user-pages.h"
#include "target-i386/translate-int.h"

/* Makes [addr, addr + size) writable for the host or raises #PF. */
static void *x86_atomic_prepare(CPUX86State *env, uint32_t addr, int size,
                                uintptr_t ra)
{
    uint32_t pages[2] = { addr & TARGET_PAGE_MASK,
                          (addr + size - 1) & TARGET_PAGE_MASK };
    for (int i = 0; i < 2; i++) {
        int flags = page_get_flags(pages[i]);
        if (!(flags & PAGE_VALID) || !(flags & PAGE_READ) ||
            !(flags & (PAGE_WRITE | PAGE_WRITE_ORG))) {
            env->cs.fault_addr = i ? pages[i] : addr;
            env->cs.fault_is_write = true;
            env->cs.error_code = (flags & PAGE_VALID) ? 7 : 6;
            cpu_raise_exception(&env->cs, EXCP0E_PAGE, ra);
        }
        if (!(flags & PAGE_WRITE)) {
            /* A page of translated code: if the running block is on it,
             * this re-runs the instruction as a block of its own. */
            tb_handle_write_fault(&env->cs, pages[i], ra);
        }
    }
    return g2h(addr);
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
    void *p = x86_atomic_prepare(env, addr, 1 << ot, GETPC());
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
    void *p = x86_atomic_prepare(env, addr, 1 << ot, GETPC());
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
    uint64_t *p = x86_atomic_prepare(env, addr, 8, GETPC());
    uint64_t e = cmp;
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
