/*
 * lwarx/stwcx. reservations. The default is a host compare-and-swap from
 * the word lwarx read (int_helper.c: fast, atomic, but a store of the
 * same value by another thread in between goes unnoticed: ABA). The exact
 * mode (MIMIC_PPC_RESERVE=exact) loses the reservation on any store to
 * its 32-byte granule by another thread: every guest store then goes
 * through ppc_helper_st_exact, which bumps a generation counter of the
 * granule's bucket under the bucket's lock, and stwcx. succeeds only if
 * the counter moved by no more than the thread's own stores. See
 * docs/ppc.md for what it costs.
 */
#include <stdlib.h>
#include <string.h>

#include "exec/cpu-ldst.h"
#include "exec/exec-all.h"
#include "exec/user-pages.h"
#include "target-ppc/helper.h"

bool ppc_reserve_exact;

/* Buckets of reservation granules (32 bytes, the 750's cache line). */
enum { RESV_GRANULE_SHIFT = 5, RESV_BUCKETS = 4096 };

typedef struct PpcResvBucket {
    uint32_t lock;
    uint32_t gen;        /* stores to the bucket's granules so far */
} PpcResvBucket;

static PpcResvBucket ppc_resv[RESV_BUCKETS];

static PpcResvBucket *resv_bucket(uint32_t ea)
{
    return &ppc_resv[(ea >> RESV_GRANULE_SHIFT) & (RESV_BUCKETS - 1)];
}

static void resv_lock(PpcResvBucket *b)
{
    while (__atomic_exchange_n(&b->lock, 1, __ATOMIC_ACQUIRE)) {
        while (__atomic_load_n(&b->lock, __ATOMIC_RELAXED)) {
            __builtin_ia32_pause();
        }
    }
}

static void resv_unlock(PpcResvBucket *b)
{
    __atomic_store_n(&b->lock, 0, __ATOMIC_RELEASE);
}

void ppc_reserve_init(void)
{
    const char *m = getenv("MIMIC_PPC_RESERVE");
    ppc_reserve_exact = m && strcmp(m, "exact") == 0;
}

/* Locks the buckets of [ea, ea+len) (at most two: len <= 32 and the
 * range is within one or two granules), in a fixed order, and counts
 * the store: the generation moves, and so does the storing thread's own
 * count if it holds a reservation in one of them. */
void ppc_reserve_store_begin(CPUPPCState *env, uint32_t ea, uint32_t len)
{
    PpcResvBucket *b1 = resv_bucket(ea), *b2 = resv_bucket(ea + len - 1);
    if (b2 < b1) {
        PpcResvBucket *t = b1;
        b1 = b2;
        b2 = t;
    }
    resv_lock(b1);
    if (b2 != b1) {
        resv_lock(b2);
    }
    PpcResvBucket *mine = env->reserve_addr != (uint32_t)-1 ? resv_bucket(env->reserve_addr)
                                                          : NULL;
    b1->gen++;
    env->reserve_own += mine == b1;
    if (b2 != b1) {
        b2->gen++;
        env->reserve_own += mine == b2;
    }
}

void ppc_reserve_store_end(uint32_t ea, uint32_t len)
{
    PpcResvBucket *b1 = resv_bucket(ea), *b2 = resv_bucket(ea + len - 1);
    if (b2 != b1) {
        resv_unlock(b2);
    }
    resv_unlock(b1);
}

/* Host address of [ea, ea+len) after checking every page for a store (a
 * bad address raises the guest DSI here, before any lock is taken). */
static uint8_t *resv_probe(CPUPPCState *env, uint32_t ea, uint32_t len, int access,
                           uintptr_t ra)
{
    CPUState *cpu = &env->cs;
    int mmu_idx = cpu_mmu_index(cpu, false);
    uint8_t *p = probe_access(cpu, ea, 1, access, mmu_idx, ra);
    uint32_t last = ea + len - 1;
    if ((last & TARGET_PAGE_MASK) != (ea & TARGET_PAGE_MASK)) {
        probe_access(cpu, last, 1, access, mmu_idx, ra);
    }
    return p;
}

/* Every guest store in exact mode. mo: MO_8..MO_64 | MO_BE or MO_LE. */
void ppc_helper_st_exact(CPUPPCState *env, uint32_t ea, uint64_t val, uint32_t mo)
{
    uintptr_t ra = GETPC();
    uint32_t len = 1u << (mo & MO_SIZE);
    uint8_t *p = resv_probe(env, ea, len, MMU_DATA_STORE, ra);
    uint8_t bytes[8];
    for (uint32_t i = 0; i < len; i++) {
        uint32_t shift = (mo & MO_BSWAP) ? 8 * (len - 1 - i) : 8 * i;
        bytes[i] = (uint8_t)(val >> shift);
    }
    ppc_reserve_store_begin(env, ea, len);
    if (p) {
        /* user mode: the guest space is contiguous in the host */
        if (len == 4 && !(ea & 3)) {
            uint32_t w;
            memcpy(&w, bytes, 4);
            __atomic_store_n((uint32_t *)p, w, __ATOMIC_RELAXED);
        } else {
            memcpy(p, bytes, len);
        }
    } else {
        int mmu_idx = cpu_mmu_index(&env->cs, false);
        for (uint32_t i = 0; i < len; i++) {
            cpu_stb_mmu(&env->cs, ea + i, bytes[i], mmu_idx, ra);
        }
    }
    ppc_reserve_store_end(ea, len);
}

/* lwarx in exact mode: the word and the bucket's generation, together. */
uint32_t ppc_helper_lwarx_exact(CPUPPCState *env, uint32_t ea)
{
    uintptr_t ra = GETPC();
    uint32_t *p = (uint32_t *)resv_probe(env, ea, 4, MMU_DATA_LOAD, ra);
    PpcResvBucket *b = resv_bucket(ea);
    uint32_t v;
    resv_lock(b);
    if (p) {
        v = __builtin_bswap32(__atomic_load_n(p, __ATOMIC_RELAXED));
    } else {
        v = cpu_ldl_mmu(&env->cs, ea, cpu_mmu_index(&env->cs, false), ra);
    }
    env->reserve_gen = b->gen;
    resv_unlock(b);
    env->reserve_own = 0;
    env->reserve_addr = ea;
    env->reserve_val = v;
    return v;
}

/* stwcx. in exact mode (the address already matched): succeeds if no
 * other thread stored to the bucket since lwarx and the word still holds
 * what lwarx read (it may also have been changed by a syscall). */
uint32_t ppc_helper_stwcx_exact(CPUPPCState *env, uint32_t ea, uint32_t val)
{
    uintptr_t ra = GETPC();
    uint32_t *p = (uint32_t *)resv_probe(env, ea, 4, MMU_DATA_STORE, ra);
    PpcResvBucket *b = resv_bucket(ea);
    uint32_t ok;
    resv_lock(b);
    ok = b->gen == env->reserve_gen + env->reserve_own;
    if (ok && p) {
        ok = __builtin_bswap32(__atomic_load_n(p, __ATOMIC_RELAXED)) == env->reserve_val;
        if (ok) {
            __atomic_store_n(p, __builtin_bswap32(val), __ATOMIC_RELAXED);
        }
    } else if (ok) {
        int mmu_idx = cpu_mmu_index(&env->cs, false);
        ok = cpu_ldl_mmu(&env->cs, ea, mmu_idx, ra) == env->reserve_val;
        if (ok) {
            cpu_stl_mmu(&env->cs, ea, val, mmu_idx, ra);
        }
    }
    if (ok) {
        b->gen++;
    }
    resv_unlock(b);
    return ok;
}

TCGHelperInfo ppc_helper_st_exact_info = TCG_HELPER(ppc_helper_st_exact, TCG_CALL_MAY_RAISE, TCG_HT_VOID, TCG_HT_PTR, TCG_HT_I32, TCG_HT_I64, TCG_HT_I32);
/* lwarx writes the reservation fields, which are IR globals. */
TCGHelperInfo ppc_helper_lwarx_exact_info = TCG_HELPER(ppc_helper_lwarx_exact, TCG_CALL_MAY_RAISE | TCG_CALL_WRITES_GLOBALS, TCG_HT_I32, TCG_HT_PTR, TCG_HT_I32);
TCGHelperInfo ppc_helper_stwcx_exact_info = TCG_HELPER(ppc_helper_stwcx_exact, TCG_CALL_MAY_RAISE, TCG_HT_I32, TCG_HT_PTR, TCG_HT_I32, TCG_HT_I32);
