/*
 * REP MOVS and REP STOS with 32-bit addresses, done in C a page at a time
 * through the guest-memory API: each chunk is probed first, so a fault
 * leaves ESI/EDI/ECX as far as the copy got (as on hardware). A store to a
 * page holding the running block's code makes the API restart this
 * instruction alone, with the registers as far as it got.
 */
#include <string.h>
#include "exec/cpu-ldst.h"
#include "exec/exec-all.h"
#include "exec/user-pages.h"
#include "target-i386/translate-int.h"

/* Elements of `size` bytes from addr to the edge of its page, in the
 * direction of the copy (at least the one element starting at addr). */
static uint32_t x86_page_room(uint32_t addr, int size, bool down)
{
    uint32_t off = addr & ~TARGET_PAGE_MASK;
    uint32_t bytes = down ? off + size : TARGET_PAGE_SIZE - off;
    return bytes / size;
}

static uint32_t x86_string_ld(CPUState *cpu, uint32_t addr, int size, int mmu_idx,
                              uintptr_t ra)
{
    switch (size) {
    case 1:
        return cpu_ldub_mmu(cpu, addr, mmu_idx, ra);
    case 2:
        return cpu_lduw_mmu(cpu, addr, mmu_idx, ra);
    default:
        return cpu_ldl_mmu(cpu, addr, mmu_idx, ra);
    }
}

static void x86_string_st(CPUState *cpu, uint32_t addr, uint32_t val, int size,
                          int mmu_idx, uintptr_t ra)
{
    switch (size) {
    case 1:
        cpu_stb_mmu(cpu, addr, val, mmu_idx, ra);
        return;
    case 2:
        cpu_stw_mmu(cpu, addr, val, mmu_idx, ra);
        return;
    default:
        cpu_stl_mmu(cpu, addr, val, mmu_idx, ra);
        return;
    }
}

/* Copies or fills n elements starting at s/d in host memory (probed). */
static void x86_string_chunk_host(uint32_t eax, uint8_t *hs, uint8_t *hd, uint32_t n,
                                  int size, bool down, bool stos)
{
    uint32_t span = (n - 1) * size, len = n * size;
    uint8_t *slo = down ? hs - span : hs, *dlo = down ? hd - span : hd;
    intptr_t step = down ? -size : size;
    if (stos) {
        if (size == 1) {
            memset(dlo, (int)(eax & 0xff), len);
            return;
        }
        for (uint32_t i = 0; i < n; i++, hd += step) {
            memcpy(hd, &eax, size);
        }
        return;
    }
    if (slo + len <= dlo || dlo + len <= slo) {
        memcpy(dlo, slo, len);   /* disjoint */
        return;
    }
    /* Overlapping: element by element, as hardware does. */
    for (uint32_t i = 0; i < n; i++, hs += step, hd += step) {
        uint8_t tmp[4];
        memcpy(tmp, hs, size);
        memcpy(hd, tmp, size);
    }
}

/* Does n elements from s/d in host memory if both ranges are plain RAM
 * within one page (probing them, which may fault); false if they are not
 * (an element across a page boundary, MMIO in system mode). */
static bool x86_string_chunk(CPUX86State *env, uint32_t s, uint32_t d, uint32_t n,
                             int size, bool down, bool stos, uintptr_t ra)
{
    CPUState *cpu = &env->cs;
    int mmu_idx = cpu_mmu_index(cpu, false);
    uint32_t span = (n - 1) * size, len = n * size;
    uint32_t slo = down ? s - span : s, dlo = down ? d - span : d;
    uint8_t *hs = NULL, *hd;

    if ((dlo ^ (dlo + len - 1)) & TARGET_PAGE_MASK) {
        return false;
    }
    if (!stos && ((slo ^ (slo + len - 1)) & TARGET_PAGE_MASK)) {
        return false;
    }
    /* The first element first: a fault is reported at its address, as
     * the CPU reports it (the chunk's lowest address when going down). */
    if (!stos) {
        probe_access(cpu, s, size, MMU_DATA_LOAD, mmu_idx, ra);
    }
    probe_access(cpu, d, size, MMU_DATA_STORE, mmu_idx, ra);
    if (!stos) {
        hs = probe_access(cpu, slo, len, MMU_DATA_LOAD, mmu_idx, ra);
    }
    hd = probe_access(cpu, dlo, len, MMU_DATA_STORE, mmu_idx, ra);
    if (!hd || (!stos && !hs)) {
        return false;
    }
    x86_string_chunk_host(env->regs[R_EAX], hs ? hs + (s - slo) : NULL,
                          hd + (d - dlo), n, size, down, stos);
    return true;
}

/* One element through cpu_ld/st. */
static void x86_string_elem(CPUX86State *env, uint32_t s, uint32_t d, int size,
                            bool stos, uintptr_t ra)
{
    CPUState *cpu = &env->cs;
    int mmu_idx = cpu_mmu_index(cpu, false);
    uint32_t v = stos ? env->regs[R_EAX] : x86_string_ld(cpu, s, size, mmu_idx, ra);

    x86_string_st(cpu, d, v, size, mmu_idx, ra);
}

/* op: MemOp size | 4 for STOS | 8 if the source is read through SS. */
void x86_helper_rep_movs(CPUX86State *env, uint32_t op, uint32_t src_base,
                         uint32_t dst_base)
{
    uintptr_t ra = GETPC();
    uint32_t *r = env->regs;
    int size = 1 << (op & 3);
    bool stos = (op & 4) != 0;
    bool down = env->df < 0;
    int32_t step = down ? -size : size;
    while (r[R_ECX]) {
        uint32_t s = src_base + r[R_ESI], d = dst_base + r[R_EDI];
        /* An element crossing 4 GiB is a segment limit fault, after the
         * source element's own faults. */
        if (!stos) {
            x86_check_wrap(env, r[R_ESI], size, (op & 8) != 0, ra);
            x86_string_ld(&env->cs, s, size, cpu_mmu_index(&env->cs, false), ra);
        }
        x86_check_wrap(env, r[R_EDI], size, false, ra);
        uint32_t n = x86_page_room(d, size, down);
        if (!stos) {
            uint32_t ns = x86_page_room(s, size, down);
            n = ns < n ? ns : n;
        }
        if (n == 0) {
            n = 1;   /* an element across a page boundary */
        }
        if (n > r[R_ECX]) {
            n = r[R_ECX];
        }
        if (!x86_string_chunk(env, s, d, n, size, down, stos, ra)) {
            n = 1;
            x86_string_elem(env, s, d, size, stos, ra);
        }
        r[R_ESI] += stos ? 0 : n * step;
        r[R_EDI] += n * step;
        r[R_ECX] -= n;
    }
}

TCGHelperInfo x86_helper_info_rep_movs =
    TCG_HELPER(x86_helper_rep_movs, TCG_CALL_MAY_RAISE | TCG_CALL_WRITES_GLOBALS,
               TCG_HT_VOID, TCG_HT_PTR, TCG_HT_I32, TCG_HT_I32, TCG_HT_I32);
