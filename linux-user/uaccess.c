/*
 * Guest memory access for the syscall layer: range checks against the
 * page flags, loads and stores in the guest's byte order, struct copies
 * driven by the layouts of lu-layout.h.
 */
#include <errno.h>
#include <string.h>
#include "exec/user-pages.h"
#include "linux-user/lu.h"

uint64_t lu_bswap(uint64_t v, int size)
{
    switch (size) {
    case 2: return __builtin_bswap16((uint16_t)v);
    case 4: return __builtin_bswap32((uint32_t)v);
    case 8: return __builtin_bswap64(v);
    default: return v;
    }
}

/* A write to a page we protected because it holds translated code:
 * invalidate its blocks first so the host kernel can write to it. */
static void lu_unprotect_for_write(uint32_t page)
{
    int fl = page_get_flags(page);
    if ((fl & PAGE_WRITE_ORG) && !(fl & PAGE_WRITE)) {
        page_unprotect(page, 0);
    }
}

bool lu_access_ok(uint32_t addr, uint32_t len, bool write)
{
    if (len == 0) {
        return true;
    }
    uint64_t end = (uint64_t)addr + len;
    if (end > ((uint64_t)1 << 32)) {
        return false;
    }
    for (uint64_t p = addr & TARGET_PAGE_MASK; p < end; p += TARGET_PAGE_SIZE) {
        int fl = page_get_flags((uint32_t)p);
        if (!(fl & PAGE_VALID)) {
            return false;
        }
        if (write) {
            if (!(fl & (PAGE_WRITE | PAGE_WRITE_ORG))) {
                return false;
            }
            lu_unprotect_for_write((uint32_t)p);
        } else if (!(fl & PAGE_READ)) {
            return false;
        }
    }
    return true;
}

uint32_t lu_guest_span(uint32_t addr, uint32_t len, bool write)
{
    uint64_t end = (uint64_t)addr + len;
    if (end > ((uint64_t)1 << 32)) {
        end = (uint64_t)1 << 32;      /* the host never sees past the guest space */
    }
    if (write) {
        for (uint64_t p = addr & TARGET_PAGE_MASK; p < end; p += TARGET_PAGE_SIZE) {
            int fl = page_get_flags((uint32_t)p);
            if (!(fl & PAGE_VALID)) {
                break;                  /* the kernel stops here with EFAULT */
            }
            lu_unprotect_for_write((uint32_t)p);
        }
    }
    return (uint32_t)(end - addr);
}

uint64_t lu_ld(uint32_t addr, int size)
{
    uint64_t v = 0;
    memcpy(&v, g2h(addr), size);
    return lu_arch->big_endian ? lu_bswap(v, size) : v;
}

void lu_st(uint32_t addr, int size, uint64_t val)
{
    if (lu_arch->big_endian) {
        val = lu_bswap(val, size);
    }
    memcpy(g2h(addr), &val, size);
}

int lu_get_u32(uint32_t addr, uint32_t *val)
{
    if (!lu_access_ok(addr, 4, false)) {
        return -EFAULT;
    }
    *val = (uint32_t)lu_ld(addr, 4);
    return 0;
}

int lu_put_u32(uint32_t addr, uint32_t val)
{
    if (!lu_access_ok(addr, 4, true)) {
        return -EFAULT;
    }
    lu_st(addr, 4, val);
    return 0;
}

int lu_copy_from_guest(void *dst, uint32_t addr, size_t n)
{
    if (!lu_access_ok(addr, n, false)) {
        return -EFAULT;
    }
    memcpy(dst, g2h(addr), n);
    return 0;
}

int lu_copy_to_guest(uint32_t addr, const void *src, size_t n)
{
    if (!lu_access_ok(addr, n, true)) {
        return -EFAULT;
    }
    memcpy(g2h(addr), src, n);
    return 0;
}

const char *lu_guest_str(uint32_t addr)
{
    uint64_t a = addr;
    if (addr == 0) {
        return NULL;
    }
    /* Check page by page until the NUL. */
    while (a < ((uint64_t)1 << 32)) {
        int fl = page_get_flags((uint32_t)a);
        if (!(fl & PAGE_VALID) || !(fl & PAGE_READ)) {
            return NULL;
        }
        uint64_t page_end = (a & TARGET_PAGE_MASK) + TARGET_PAGE_SIZE;
        const char *p = memchr(g2h((uint32_t)a), 0, page_end - a);
        if (p) {
            return g2h(addr);
        }
        a = page_end;
    }
    return NULL;
}

/* ---- layouts ---- */

/* A guest whose table has no layout for a struct gets ENOSYS from the
 * syscalls that use it (never a NULL dereference). */
uint32_t lu_struct_size(int st)
{
    const LuLayout *l = lu_arch->layouts[st];
    return l ? l->size : 0;
}

int lu_get_struct(int st, uint32_t gaddr, uint64_t *vals)
{
    const LuLayout *l = lu_arch->layouts[st];
    if (!l) {
        return -ENOSYS;
    }
    if (!lu_access_ok(gaddr, l->size, false)) {
        return -EFAULT;
    }
    for (int i = 0; i < l->nb_fields; i++) {
        const LuField *f = &l->fields[i];
        int n = f->count ? f->count : 1;
        for (int k = 0; k < n; k++) {
            uint64_t v = lu_ld(gaddr + f->off + k * f->size, f->size);
            if (f->sign && f->size < 8) {
                int sh = 64 - 8 * f->size;
                v = (uint64_t)((int64_t)(v << sh) >> sh);
            }
            vals[f->id + k] = v;
        }
    }
    return 0;
}

int lu_put_struct(int st, uint32_t gaddr, const uint64_t *vals)
{
    return lu_put_layout(lu_arch->layouts[st], gaddr, vals);
}

int lu_put_layout(const LuLayout *l, uint32_t gaddr, const uint64_t *vals)
{
    if (!l) {
        return -ENOSYS;
    }
    if (!lu_access_ok(gaddr, l->size, true)) {
        return -EFAULT;
    }
    memset(g2h(gaddr), 0, l->size);
    for (int i = 0; i < l->nb_fields; i++) {
        const LuField *f = &l->fields[i];
        int n = f->count ? f->count : 1;
        for (int k = 0; k < n; k++) {
            lu_st(gaddr + f->off + k * f->size, f->size, vals[f->id + k]);
        }
    }
    return 0;
}
