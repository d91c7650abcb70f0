/*
 * REP MOVS and REP STOS with 32-bit addresses, done in C a page at a time:
 * each chunk is checked first, so a fault leaves ESI/EDI/ECX as far as
 * the copy got (as on hardware); writes to pages holding translated code
 * invalidate that code, and the block ends if it was the running one.
 */
#include <string.h>
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

/* Checks [addr, addr + len) for the access; raises #PF at the first bad
 * byte. Returns true if a protected code page was made writable and the
 * running block was invalidated. */
static bool x86_string_check(CPUX86State *env, uint32_t addr, uint32_t len,
                             bool write, uintptr_t ra)
{
    bool invalidated = false;
    uint32_t first = addr & TARGET_PAGE_MASK;
    uint32_t last = (addr + len - 1) & TARGET_PAGE_MASK;
    for (uint32_t p = first;; p += TARGET_PAGE_SIZE) {
        int fl = page_get_flags(p);
        bool ok = (fl & PAGE_VALID) && (fl & PAGE_READ) &&
                  (!write || (fl & (PAGE_WRITE | PAGE_WRITE_ORG)));
        if (!ok) {
            env->cs.fault_addr = p == first ? addr : p;
            env->cs.fault_is_write = write;
            cpu_raise_exception(&env->cs, EXCP0E_PAGE, ra);
        }
        if (write && !(fl & PAGE_WRITE)) {
            invalidated |= page_unprotect(p, ra) == 2;
        }
        if (p == last) {
            break;
        }
    }
    return invalidated;
}

/* Copies or fills n elements starting at s/d (checked already). */
static void x86_string_chunk(uint32_t eax, uint32_t s, uint32_t d, uint32_t n,
                             int size, bool down, bool stos)
{
    uint32_t span = (n - 1) * size, len = n * size;
    uint32_t slo = down ? s - span : s, dlo = down ? d - span : d;
    int32_t step = down ? -size : size;
    if (stos) {
        if (size == 1) {
            memset(g2h(dlo), (int)(eax & 0xff), len);
            return;
        }
        for (uint32_t i = 0; i < n; i++, d += step) {
            memcpy(g2h(d), &eax, size);
        }
        return;
    }
    if (slo + len <= dlo || dlo + len <= slo) {
        memcpy(g2h(dlo), g2h(slo), len);   /* disjoint */
        return;
    }
    /* Overlapping: element by element, as hardware does. */
    for (uint32_t i = 0; i < n; i++, s += step, d += step) {
        uint8_t tmp[4];
        memcpy(tmp, g2h(s), size);
        memcpy(g2h(d), tmp, size);
    }
}

/* op: MemOp size | 4 for STOS. */
void x86_helper_rep_movs(CPUX86State *env, uint32_t op, uint32_t src_base,
                         uint32_t dst_base, uint32_t eip_next)
{
    uintptr_t ra = GETPC();
    uint32_t *r = env->regs;
    int size = 1 << (op & 3);
    bool stos = (op & 4) != 0;
    bool down = env->df < 0;
    int32_t step = down ? -size : size;
    bool invalidated = false;
    while (r[R_ECX]) {
        uint32_t s = src_base + r[R_ESI], d = dst_base + r[R_EDI];
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
        uint32_t span = (n - 1) * size;
        if (!stos) {
            x86_string_check(env, down ? s - span : s, span + size, false, ra);
        }
        invalidated |= x86_string_check(env, down ? d - span : d, span + size, true, ra);
        x86_string_chunk(r[R_EAX], s, d, n, size, down, stos);
        r[R_ESI] += stos ? 0 : n * step;
        r[R_EDI] += n * step;
        r[R_ECX] -= n;
    }
    if (invalidated) {
        /* The running block was replaced: go on at the next instruction. */
        env->eip = eip_next;
        cpu_loop_exit_noexc(&env->cs);
    }
}

TCGHelperInfo x86_helper_info_rep_movs =
    TCG_HELPER(x86_helper_rep_movs, TCG_CALL_MAY_RAISE | TCG_CALL_WRITES_GLOBALS,
               TCG_HT_VOID, TCG_HT_PTR, TCG_HT_I32, TCG_HT_I32, TCG_HT_I32,
               TCG_HT_I32);
