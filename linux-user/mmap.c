/*
 * Guest mappings inside the 4 GiB guest space: a sorted list of areas
 * (for free-space search, mprotect/munmap checks and /proc/self/maps),
 * host mmap at guest_base + address, page flags for the code cache, brk.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/personality.h>
#include <sys/shm.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/sysmacros.h>
#include <unistd.h>
#include "exec/exec-all.h"
#include "exec/user-pages.h"
#include "linux-user/lu.h"
#include "linux-user/lu-syscall.h"

typedef struct LuVma {
    uint32_t start, end;       /* [start, end) page aligned; end 0 = 4 GiB */
    int prot;
    bool shared;
    uint64_t off;
    uint32_t dev_major, dev_minor;
    uint64_t ino;
    char *name;
    bool growsdown;            /* the stack: mprotect(PROT_GROWSDOWN) extends to its start */
} LuVma;

static pthread_mutex_t lu_mmap_lock = PTHREAD_MUTEX_INITIALIZER;
static LuVma *lu_vmas;
static int lu_nb_vmas, lu_vmas_cap;
static uint32_t lu_brk_start, lu_brk_cur;

#ifndef PROT_SEM
#define PROT_SEM 0x8           /* asm-generic/mman-common.h, both guests */
#endif

#define LU_MMAP_MIN 0x10000u
/* Guest mappings end at the task size of a 32-bit task on a 64-bit
 * kernel: the last 8 KiB stay unmapped, as natively, so a multi-byte
 * access that crosses 4 GiB always faults inside the guest space; past it
 * mremap's argument checks give EINVAL. */
#define LU_TASK_SIZE 0xffffe000u
#define LU_MMAP_END LU_TASK_SIZE

static uint64_t vend(const LuVma *v)
{
    return v->end ? v->end : ((uint64_t)1 << 32);
}

static uint32_t page_up(uint32_t x)
{
    return (x + TARGET_PAGE_SIZE - 1) & TARGET_PAGE_MASK;
}

static void vma_insert_at(int i, const LuVma *v)
{
    if (lu_nb_vmas == lu_vmas_cap) {
        lu_vmas_cap = lu_vmas_cap ? lu_vmas_cap * 2 : 64;
        lu_vmas = realloc(lu_vmas, lu_vmas_cap * sizeof(*lu_vmas));
        if (!lu_vmas) {
            fprintf(stderr, "mimic: out of memory\n");
            exit(1);
        }
    }
    memmove(&lu_vmas[i + 1], &lu_vmas[i], (lu_nb_vmas - i) * sizeof(*lu_vmas));
    lu_vmas[i] = *v;
    lu_nb_vmas++;
}

static void vma_delete_at(int i)
{
    free(lu_vmas[i].name);
    memmove(&lu_vmas[i], &lu_vmas[i + 1], (lu_nb_vmas - i - 1) * sizeof(*lu_vmas));
    lu_nb_vmas--;
}

/* Splits the area containing addr so that addr starts an area. */
static void vma_split(uint32_t addr)
{
    for (int i = 0; i < lu_nb_vmas; i++) {
        LuVma *v = &lu_vmas[i];
        if (v->start < addr && addr < vend(v)) {
            LuVma tail = *v;
            tail.start = addr;
            tail.off += addr - v->start;
            tail.name = v->name ? strdup(v->name) : NULL;
            v->end = addr;
            vma_insert_at(i + 1, &tail);
            return;
        }
    }
}

static void vma_remove(uint32_t start, uint64_t end)
{
    vma_split(start);
    if (end < ((uint64_t)1 << 32)) {
        vma_split((uint32_t)end);
    }
    for (int i = 0; i < lu_nb_vmas;) {
        if (lu_vmas[i].start >= start && vend(&lu_vmas[i]) <= end) {
            vma_delete_at(i);
        } else {
            i++;
        }
    }
}

static void vma_add(const LuVma *v)
{
    int i = 0;
    vma_remove(v->start, vend(v));
    while (i < lu_nb_vmas && lu_vmas[i].start < v->start) {
        i++;
    }
    vma_insert_at(i, v);
}

/* True if [start, end) is covered by areas without holes. */
static bool vma_covered(uint32_t start, uint64_t end)
{
    uint64_t at = start;
    for (int i = 0; i < lu_nb_vmas && at < end; i++) {
        const LuVma *v = &lu_vmas[i];
        if (vend(v) <= at) {
            continue;
        }
        if (v->start > at) {
            return false;
        }
        at = vend(v);
    }
    return at >= end;
}

static bool vma_overlaps(uint32_t start, uint64_t end)
{
    for (int i = 0; i < lu_nb_vmas; i++) {
        if (lu_vmas[i].start < end && vend(&lu_vmas[i]) > start) {
            return true;
        }
    }
    return false;
}

static uint32_t lu_find_free_locked(uint32_t len, uint32_t below)
{
    uint64_t top = below;
    for (int i = lu_nb_vmas - 1; i >= -1; i--) {
        uint64_t lo = i >= 0 ? vend(&lu_vmas[i]) : LU_MMAP_MIN;
        if (lo < LU_MMAP_MIN) {
            lo = LU_MMAP_MIN;
        }
        if (i >= 0 && lu_vmas[i].start >= top) {
            continue;
        }
        if (top >= lo + len) {
            return (uint32_t)(top - len);
        }
        if (i >= 0) {
            top = lu_vmas[i].start;
        }
    }
    return 0;
}

uint32_t lu_find_free(uint32_t len, uint32_t below)
{
    pthread_mutex_lock(&lu_mmap_lock);
    uint32_t a = lu_find_free_locked(page_up(len), below);
    pthread_mutex_unlock(&lu_mmap_lock);
    return a;
}

void lu_vma_set_growsdown(uint32_t start, uint64_t end)
{
    pthread_mutex_lock(&lu_mmap_lock);
    for (int i = 0; i < lu_nb_vmas; i++) {
        if (lu_vmas[i].start >= start && vend(&lu_vmas[i]) <= end) {
            lu_vmas[i].growsdown = true;
        }
    }
    pthread_mutex_unlock(&lu_mmap_lock);
}

void lu_vma_set_name(uint32_t start, uint32_t end, const char *name)
{
    pthread_mutex_lock(&lu_mmap_lock);
    for (int i = 0; i < lu_nb_vmas; i++) {
        LuVma *v = &lu_vmas[i];
        if (v->start >= start && vend(v) <= (end ? end : ((uint64_t)1 << 32))) {
            free(v->name);
            v->name = strdup(name);
        }
    }
    pthread_mutex_unlock(&lu_mmap_lock);
}

/* READ_IMPLIES_EXEC in the (host = guest) personality: readable
 * mappings are executable, as Linux's mmap and mprotect make them. */
static int lu_apply_read_implies_exec(int prot)
{
    if ((prot & PROT_READ) && (personality(0xffffffff) & READ_IMPLIES_EXEC)) {
        prot |= PROT_EXEC;
    }
    return prot;
}

static int lu_host_prot(int prot)
{
    int h = prot & (PROT_READ | PROT_WRITE);
    if (prot & PROT_EXEC) {
        h |= PROT_READ;   /* the translator reads guest code */
    }
    return h;
}

static int lu_page_prot(int prot)
{
    return PAGE_VALID | (prot & PROT_READ ? PAGE_READ : 0) |
           (prot & PROT_WRITE ? PAGE_WRITE : 0) | (prot & PROT_EXEC ? PAGE_EXEC : 0);
}

static void lu_vma_describe_fd(LuVma *v, int fd)
{
    char link[64], path[4096];
    struct stat st;
    snprintf(link, sizeof(link), "/proc/self/fd/%d", fd);
    ssize_t n = readlink(link, path, sizeof(path) - 1);
    if (n > 0) {
        path[n] = 0;
        v->name = strdup(path);
    }
    if (fstat(fd, &st) == 0) {
        v->dev_major = major(st.st_dev);
        v->dev_minor = minor(st.st_dev);
        v->ino = st.st_ino;
    }
}

int64_t lu_target_mmap(uint32_t addr, uint32_t len, int prot, int flags,
                       int fd, uint64_t off)
{
    prot = lu_apply_read_implies_exec(prot);
    int hflags = (int)lu_flags_to_host(lu_arch->mmap_flags, (uint32_t)flags);
    if (len == 0 || (off & (TARGET_PAGE_SIZE - 1)) || (addr & ~TARGET_PAGE_MASK)) {
        return -EINVAL;
    }
    uint32_t alen = page_up(len);
    if (alen == 0) {
        return -ENOMEM;
    }
    pthread_mutex_lock(&lu_mmap_lock);
    bool fixed = (hflags & (MAP_FIXED | MAP_FIXED_NOREPLACE)) != 0;
    if (fixed) {
        if ((uint64_t)addr + alen > LU_MMAP_END) {
            pthread_mutex_unlock(&lu_mmap_lock);
            return -ENOMEM;
        }
        if ((hflags & MAP_FIXED_NOREPLACE) && vma_overlaps(addr, (uint64_t)addr + alen)) {
            pthread_mutex_unlock(&lu_mmap_lock);
            return -EEXIST;
        }
    } else {
        if (!addr || addr < LU_MMAP_MIN || (uint64_t)addr + alen > LU_MMAP_END ||
            vma_overlaps(addr, (uint64_t)addr + alen)) {
            addr = lu_find_free_locked(alen, lu_arch->mmap_top);
            if (!addr) {
                pthread_mutex_unlock(&lu_mmap_lock);
                return -ENOMEM;
            }
        }
    }
    if (vma_overlaps(addr, (uint64_t)addr + alen)) {
        /* New contents under old translations (page flags alone would keep
         * read-only code pages' blocks). */
        tb_invalidate_range(addr, (uint64_t)addr + alen);
    }
    hflags &= ~(MAP_FIXED_NOREPLACE | MAP_GROWSDOWN | MAP_32BIT);
    hflags |= MAP_FIXED;
    void *p = mmap(g2h(addr), alen, lu_host_prot(prot), hflags,
                   (hflags & MAP_ANONYMOUS) ? -1 : fd, (off_t)off);
    if (p == MAP_FAILED) {
        int e = errno;
        pthread_mutex_unlock(&lu_mmap_lock);
        return -lu_errno(e);
    }
    LuVma v = { .start = addr, .end = addr + alen, .prot = prot,
                .shared = (hflags & MAP_SHARED) != 0, .off = off };
    if (!(hflags & MAP_ANONYMOUS)) {
        lu_vma_describe_fd(&v, fd);
    }
    vma_add(&v);
    page_set_flags(addr, (uint64_t)addr + alen, lu_page_prot(prot));
    pthread_mutex_unlock(&lu_mmap_lock);
    return addr;
}

/* Gives [addr, addr+len) back to the reservation. */
static void lu_unmap_host(uint32_t addr, uint32_t len)
{
    mmap(g2h(addr), len, PROT_NONE, MAP_FIXED | MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE,
         -1, 0);
}

int lu_target_munmap(uint32_t addr, uint32_t len)
{
    if ((addr & ~TARGET_PAGE_MASK) || len == 0) {
        return -EINVAL;
    }
    uint64_t end = (uint64_t)addr + page_up(len);
    if (page_up(len) == 0 || end > ((uint64_t)1 << 32)) {
        return -EINVAL;
    }
    pthread_mutex_lock(&lu_mmap_lock);
    lu_unmap_host(addr, (uint32_t)(end - addr));
    page_set_flags(addr, end, 0);
    vma_remove(addr, end);
    pthread_mutex_unlock(&lu_mmap_lock);
    return 0;
}

int lu_target_mprotect(uint32_t addr, uint32_t len, int prot)
{
    /* Linux's checks, in its order: the prot bits, the address. */
    int grows = prot & (PROT_GROWSDOWN | PROT_GROWSUP);
    if ((prot & ~(PROT_READ | PROT_WRITE | PROT_EXEC | PROT_SEM | PROT_GROWSDOWN |
                  PROT_GROWSUP)) || grows == (PROT_GROWSDOWN | PROT_GROWSUP)) {
        return -EINVAL;
    }
    prot = lu_apply_read_implies_exec(prot & (PROT_READ | PROT_WRITE | PROT_EXEC));
    if (addr & ~TARGET_PAGE_MASK) {
        return -EINVAL;
    }
    if (len == 0) {
        return 0;
    }
    /* (a length that rounds up past 4 GiB names no mapping: ENOMEM) */
    uint64_t end = ((uint64_t)addr + len + TARGET_PAGE_SIZE - 1) & ~(uint64_t)(TARGET_PAGE_SIZE - 1);
    pthread_mutex_lock(&lu_mmap_lock);
    if (grows) {
        /* Only a grows-down mapping (the stack) takes PROT_GROWSDOWN, and
         * the change reaches down to its start (glibc's
         * _dl_make_stack_executable relies on it). */
        int i = 0;
        while (i < lu_nb_vmas && !(lu_vmas[i].start <= addr && vend(&lu_vmas[i]) > addr)) {
            i++;
        }
        if (i == lu_nb_vmas || grows == PROT_GROWSUP || !lu_vmas[i].growsdown) {
            pthread_mutex_unlock(&lu_mmap_lock);
            return i == lu_nb_vmas ? -ENOMEM : -EINVAL;
        }
        addr = lu_vmas[i].start;
    }
    if (!vma_covered(addr, end)) {
        pthread_mutex_unlock(&lu_mmap_lock);
        return -ENOMEM;
    }
    if (mprotect(g2h(addr), end - addr, lu_host_prot(prot)) < 0) {
        int e = errno;
        pthread_mutex_unlock(&lu_mmap_lock);
        return -lu_errno(e);
    }
    vma_split(addr);
    if (end < ((uint64_t)1 << 32)) {
        vma_split((uint32_t)end);
    }
    for (int i = 0; i < lu_nb_vmas; i++) {
        if (lu_vmas[i].start >= addr && vend(&lu_vmas[i]) <= end) {
            lu_vmas[i].prot = prot;
        }
    }
    page_set_flags(addr, end, lu_page_prot(prot));
    pthread_mutex_unlock(&lu_mmap_lock);
    return 0;
}

static const LuVma *vma_find(uint32_t addr)
{
    for (int i = 0; i < lu_nb_vmas; i++) {
        if (lu_vmas[i].start <= addr && addr < vend(&lu_vmas[i])) {
            return &lu_vmas[i];
        }
    }
    return NULL;
}

int64_t lu_target_mremap(uint32_t old, uint32_t old_len, uint32_t new_len,
                         int flags, uint32_t new_addr)
{
    if ((old & ~TARGET_PAGE_MASK) || new_len == 0) {
        return -EINVAL;
    }
    old_len = page_up(old_len);
    new_len = page_up(new_len);
    /* Linux: a new length, or a fixed destination, past the task size */
    if (new_len == 0 || new_len > LU_TASK_SIZE ||
        ((flags & MREMAP_FIXED) && new_addr > LU_TASK_SIZE - new_len)) {
        return -EINVAL;
    }
    pthread_mutex_lock(&lu_mmap_lock);
    const LuVma *v = vma_find(old);
    if (!v || !vma_covered(old, (uint64_t)old + (old_len ? old_len : 1))) {
        pthread_mutex_unlock(&lu_mmap_lock);
        return -EFAULT;
    }
    LuVma nv = *v;
    nv.name = v->name ? strdup(v->name) : NULL;
    nv.off += old - v->start;
    uint32_t dest = old;
    if (flags & MREMAP_FIXED) {
        dest = new_addr;
    } else if (new_len > old_len &&
               vma_overlaps(old + old_len, (uint64_t)old + new_len)) {
        if (!(flags & MREMAP_MAYMOVE)) {
            pthread_mutex_unlock(&lu_mmap_lock);
            free(nv.name);
            return -ENOMEM;
        }
        dest = lu_find_free_locked(new_len, lu_arch->mmap_top);
    } else if ((uint64_t)old + new_len > LU_MMAP_END) {
        dest = 0;
    }
    if (dest && (uint64_t)dest + new_len > LU_MMAP_END) {
        dest = 0;
    }
    if (!dest) {
        pthread_mutex_unlock(&lu_mmap_lock);
        free(nv.name);
        return -ENOMEM;
    }
    void *p;
    if (dest == old) {
        /* In place: the area after it is ours (reserved), so move the
         * mapping onto itself with MREMAP_FIXED through a free spot is not
         * possible; shrink or grow with plain mremap after freeing the
         * reservation behind it. */
        if (new_len > old_len) {
            munmap(g2h(old + old_len), new_len - old_len);
        }
        p = mremap(g2h(old), old_len, new_len, 0);
        if (p == MAP_FAILED && new_len > old_len) {
            lu_unmap_host(old + old_len, new_len - old_len);
        }
    } else {
        p = mremap(g2h(old), old_len, new_len, MREMAP_MAYMOVE | MREMAP_FIXED, g2h(dest));
    }
    if (p == MAP_FAILED) {
        int e = errno;
        pthread_mutex_unlock(&lu_mmap_lock);
        free(nv.name);
        return -lu_errno(e);
    }
    tb_invalidate_range(old, (uint64_t)old + old_len);
    tb_invalidate_range(dest, (uint64_t)dest + new_len);
    if (dest != old) {
        lu_unmap_host(old, old_len);
        page_set_flags(old, (uint64_t)old + old_len, 0);
        vma_remove(old, (uint64_t)old + old_len);
    } else if (new_len < old_len) {
        lu_unmap_host(old + new_len, old_len - new_len);
        page_set_flags(old + new_len, (uint64_t)old + old_len, 0);
        vma_remove(old + new_len, (uint64_t)old + old_len);
    }
    nv.start = dest;
    nv.end = dest + new_len;
    vma_add(&nv);
    page_set_flags(dest, (uint64_t)dest + new_len, lu_page_prot(nv.prot));
    pthread_mutex_unlock(&lu_mmap_lock);
    return dest;
}

/* ---- brk ---- */

void lu_brk_init(uint32_t start)
{
    lu_brk_start = lu_brk_cur = page_up(start);
}

uint32_t lu_do_brk(uint32_t new_brk)
{
    uint32_t cur_top = page_up(lu_brk_cur);
    /* Past the guest space the break cannot grow (page_up would wrap to 0
     * and unmap the guest): brk fails as on Linux, returning the old one. */
    if (new_brk < lu_brk_start || new_brk > LU_MMAP_END) {
        return lu_brk_cur;
    }
    uint32_t new_top = page_up(new_brk);
    if (new_top > cur_top) {
        pthread_mutex_lock(&lu_mmap_lock);
        bool busy = vma_overlaps(cur_top, new_top);
        pthread_mutex_unlock(&lu_mmap_lock);
        if (busy) {
            return lu_brk_cur;
        }
        int64_t r = lu_target_mmap(cur_top, new_top - cur_top, PROT_READ | PROT_WRITE,
                                   MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
        if (r < 0) {
            return lu_brk_cur;
        }
        lu_vma_set_name(lu_brk_start, new_top, "[heap]");
    } else if (new_top < cur_top) {
        lu_target_munmap(new_top, cur_top - new_top);
    }
    lu_brk_cur = new_brk;
    return lu_brk_cur;
}

/* ---- /proc/self/maps ---- */

void lu_write_maps(FILE *f)
{
    pthread_mutex_lock(&lu_mmap_lock);
    for (int i = 0; i < lu_nb_vmas; i++) {
        const LuVma *v = &lu_vmas[i];
        int n = fprintf(f, "%08x-%08llx %c%c%c%c %08llx %02x:%02x %llu ",
                        v->start, (unsigned long long)vend(v),
                        v->prot & PROT_READ ? 'r' : '-', v->prot & PROT_WRITE ? 'w' : '-',
                        v->prot & PROT_EXEC ? 'x' : '-', v->shared ? 's' : 'p',
                        (unsigned long long)v->off, v->dev_major, v->dev_minor,
                        (unsigned long long)v->ino);
        if (v->name) {
            fprintf(f, "%*s%s", n < 73 ? 73 - n : 1, "", v->name);
        }
        fputc('\n', f);
    }
    pthread_mutex_unlock(&lu_mmap_lock);
}

/* ---- syscalls ---- */

int64_t lu_sys_brk(const uint32_t *a)
{
    return lu_do_brk(a[0]);
}

int64_t lu_sys_mmap2(const uint32_t *a)
{
    return lu_target_mmap(a[0], a[1], (int)a[2], (int)a[3], (int)a[4],
                          (uint64_t)a[5] << 12);
}

int64_t lu_sys_mmap(const uint32_t *a)
{
    /* old_mmap: one pointer to the six arguments, byte offset. */
    uint32_t v[6];
    for (int i = 0; i < 6; i++) {
        if (lu_get_u32(a[0] + 4 * i, &v[i]) < 0) {
            return -EFAULT;
        }
    }
    return lu_target_mmap(v[0], v[1], (int)v[2], (int)v[3], (int)v[4], v[5]);
}

int64_t lu_sys_munmap(const uint32_t *a)
{
    return lu_target_munmap(a[0], a[1]);
}

int64_t lu_sys_mprotect(const uint32_t *a)
{
    return lu_target_mprotect(a[0], a[1], (int)a[2]);
}

int64_t lu_sys_mremap(const uint32_t *a)
{
    return lu_target_mremap(a[0], a[1], a[2], (int)a[3], a[4]);
}

/* ---- SysV shared memory (syscall-ipc.c) ---- */

uint32_t lu_shm_attach(int shmid, uint32_t addr, uint32_t size, int shmflg, int *err)
{
    uint32_t len = page_up(size);
    pthread_mutex_lock(&lu_mmap_lock);
    if (!addr) {
        addr = lu_find_free_locked(len, lu_arch->mmap_top);
        if (!addr) {
            pthread_mutex_unlock(&lu_mmap_lock);
            *err = -ENOMEM;
            return 0;
        }
    } else if (!(shmflg & SHM_REMAP) && vma_overlaps(addr, (uint64_t)addr + len)) {
        pthread_mutex_unlock(&lu_mmap_lock);
        *err = -EINVAL;      /* Linux replaces a mapping only with SHM_REMAP */
        return 0;
    } else if (len == 0 || (uint64_t)addr + len > LU_MMAP_END) {
        /* (the host's SHM_REMAP below must never reach past the guest
         * space) */
        pthread_mutex_unlock(&lu_mmap_lock);
        *err = -ENOMEM;
        return 0;
    }
    if (vma_overlaps(addr, (uint64_t)addr + len)) {
        tb_invalidate_range(addr, (uint64_t)addr + len);
    }
    /* SHM_REMAP replaces our PROT_NONE reservation there. */
    void *p = shmat(shmid, g2h(addr), (shmflg & (SHM_RDONLY | SHM_EXEC)) | SHM_REMAP);
    if (p == (void *)-1) {
        *err = -lu_errno(errno);
        pthread_mutex_unlock(&lu_mmap_lock);
        return 0;
    }
    int prot = PROT_READ | (shmflg & SHM_RDONLY ? 0 : PROT_WRITE) | (shmflg & SHM_EXEC ? PROT_EXEC : 0);
    char name[32];
    snprintf(name, sizeof(name), "/SYSV%08x", (unsigned)shmid);
    LuVma v = { .start = addr, .end = addr + len, .prot = prot, .shared = true,
                .name = strdup(name) };
    vma_add(&v);
    page_set_flags(addr, (uint64_t)addr + len, lu_page_prot(prot));
    pthread_mutex_unlock(&lu_mmap_lock);
    return addr;
}

int lu_shm_detach(uint32_t addr)
{
    pthread_mutex_lock(&lu_mmap_lock);
    const LuVma *v = vma_find(addr);
    if (!v || v->start != addr || !v->name || strncmp(v->name, "/SYSV", 5) != 0) {
        pthread_mutex_unlock(&lu_mmap_lock);
        return -EINVAL;
    }
    uint64_t end = vend(v);
    if (shmdt(g2h(addr)) < 0) {
        int e = errno;
        pthread_mutex_unlock(&lu_mmap_lock);
        return -lu_errno(e);
    }
    lu_unmap_host(addr, (uint32_t)(end - addr));
    page_set_flags(addr, end, 0);
    vma_remove(addr, end);
    pthread_mutex_unlock(&lu_mmap_lock);
    return 0;
}

/* ---- syscalls over an address range (madvise, msync, mlock, mincore) ----
 * The host sees only the parts of the range the guest has mapped, so no
 * guest value can name host memory outside the guest space; a hole in
 * the range (or a part past the guest space) is what an unmapped range
 * is to Linux: ENOMEM. Each call first asks the host with a zero length
 * at the same address, which runs Linux's own argument checks (advice,
 * flags, alignment) in Linux's order. */

typedef struct LuRun { uint32_t start, len; } LuRun;

/* start + len rounded up to a page, without wrapping at 4 GiB. */
static uint64_t lu_range_end(uint32_t start, uint32_t len)
{
    return ((uint64_t)start + len + TARGET_PAGE_SIZE - 1) & ~(uint64_t)(TARGET_PAGE_SIZE - 1);
}

/* The mapped parts of [start, end), in order (malloc'd, *n of them);
 * *hole tells whether some of the range is not mapped. *first_hole is
 * where the first unmapped byte is (end if none). */
static LuRun *lu_mapped_runs(uint32_t start, uint64_t end, int *n, bool *hole,
                             uint64_t *first_hole)
{
    LuRun *runs = NULL;
    int cnt = 0, cap = 0;
    uint64_t cur = start;

    *hole = false;
    *first_hole = end;
    pthread_mutex_lock(&lu_mmap_lock);
    for (int i = 0; i < lu_nb_vmas && cur < end; i++) {
        const LuVma *v = &lu_vmas[i];
        uint64_t vs = v->start, ve = vend(v);
        if (ve <= cur) {
            continue;
        }
        if (vs >= end) {
            break;
        }
        if (vs > cur && !*hole) {
            *hole = true;
            *first_hole = cur;
        }
        uint64_t s = vs > cur ? vs : cur, e = ve < end ? ve : end;
        if (cnt == cap) {
            cap = cap ? 2 * cap : 8;
            LuRun *r = realloc(runs, cap * sizeof(*runs));
            if (!r) {
                fprintf(stderr, "mimic: out of memory\n");
                exit(1);
            }
            runs = r;
        }
        runs[cnt++] = (LuRun){ (uint32_t)s, (uint32_t)(e - s) };
        cur = e;
    }
    pthread_mutex_unlock(&lu_mmap_lock);
    if (cur < end && !*hole) {
        *hole = true;
        *first_hole = cur;
    }
    *n = cnt;
    return runs;
}

static int64_t host_ret_errno(long r)
{
    return r < 0 ? -lu_errno(errno) : r;
}

/* A host call over one mapped part of a guest range (ctx: the call's
 * own arguments); returns the host's result (-1 with errno). */
typedef long LuRangeFn(void *host, uint32_t len, void *ctx);

/* Applies fn to the mapped parts of [start, end) in order. With
 * stop_at_hole it stops at the first unmapped byte; with keep_going it
 * goes on after a failing part. Returns the first failure, else ENOMEM
 * if part of the range is not mapped, else 0: Linux's answers for
 * calls over an address range. */
static int64_t lu_range_apply(uint32_t start, uint64_t end, bool stop_at_hole,
                              bool keep_going, LuRangeFn *fn, void *ctx)
{
    int n;
    bool hole;
    uint64_t first_hole;
    LuRun *runs = lu_mapped_runs(start, end, &n, &hole, &first_hole);
    int64_t err = 0;
    for (int i = 0; i < n && (keep_going || !err); i++) {
        if (stop_at_hole && runs[i].start >= first_hole) {
            break;
        }
        int64_t r = host_ret_errno(fn(g2h(runs[i].start), runs[i].len, ctx));
        if (r < 0 && !err) {
            err = r;
        }
    }
    free(runs);
    return err ? err : hole ? -ENOMEM : 0;
}

static long lu_madvise_part(void *host, uint32_t len, void *ctx)
{
    int advice = *(int *)ctx;
    if (advice == MADV_DONTNEED || advice == MADV_REMOVE || advice == MADV_FREE) {
        /* The bytes change under the code cache. */
        uint32_t g = h2g(host);
        tb_invalidate_range(g, (uint64_t)g + len);
    }
    return madvise(host, len, advice);
}

int64_t lu_sys_madvise(const uint32_t *a)
{
    uint32_t start = a[0], len = a[1];
    int advice = (int)a[2];
    if (madvise(g2h(start), 0, advice) < 0) {
        return -lu_errno(errno);
    }
    if (len == 0) {
        return 0;
    }
    /* Linux applies the advice to every mapped part, then reports. */
    return lu_range_apply(start, lu_range_end(start, len), false, true, lu_madvise_part,
                          &advice);
}

static long lu_msync_part(void *host, uint32_t len, void *ctx)
{
    return msync(host, len, *(int *)ctx);
}

int64_t lu_sys_msync(const uint32_t *a)
{
    uint32_t start = a[0], len = a[1];
    int flags = (int)a[2];
    if (msync(g2h(start), 0, flags) < 0) {
        return -lu_errno(errno);
    }
    uint64_t end = lu_range_end(start, len);
    if (end == start) {
        return 0;
    }
    return lu_range_apply(start, end, false, false, lu_msync_part, &flags);
}

/* mlock (op 0), munlock (1), mlock2 (2) over one part. */
typedef struct LuLockOp { int op; uint32_t flags; } LuLockOp;

static long lu_lock_part(void *host, uint32_t len, void *ctx)
{
    const LuLockOp *l = ctx;
    return l->op == 0 ? mlock(host, len)
         : l->op == 1 ? munlock(host, len)
         : syscall(SYS_mlock2, host, len, l->flags);
}

/* mlock, munlock, mlock2: the range is widened to whole pages; locking
 * stops at the first hole (ENOMEM), as Linux's does. */
static int64_t lu_do_lock_range(uint32_t start, uint32_t len, int op, uint32_t flags)
{
    LuLockOp l = { op, flags };
    if (lu_lock_part(g2h(start), 0, &l) < 0) {
        return -lu_errno(errno);
    }
    uint64_t end = lu_range_end(start, len);
    start &= TARGET_PAGE_MASK;
    if (len == 0 || end == start) {
        return 0;
    }
    return lu_range_apply(start, end, true, false, lu_lock_part, &l);
}

int64_t lu_sys_mlock(const uint32_t *a) { return lu_do_lock_range(a[0], a[1], 0, 0); }
int64_t lu_sys_munlock(const uint32_t *a) { return lu_do_lock_range(a[0], a[1], 1, 0); }
int64_t lu_sys_mlock2(const uint32_t *a) { return lu_do_lock_range(a[0], a[1], 2, a[2]); }

/* mincore: the residency bytes of the mapped pages before the first hole
 * are written, then ENOMEM if there is a hole, as Linux does. */
int64_t lu_sys_mincore(const uint32_t *a)
{
    uint32_t start = a[0], len = a[1], vec = a[2];
    long r = mincore(g2h(start), 0, NULL);
    if (r < 0) {
        return -lu_errno(errno);
    }
    uint64_t end = lu_range_end(start, len);
    if (end == start) {
        return 0;
    }
    if (end > LU_MMAP_END) {
        return -ENOMEM;        /* past the task size: Linux's access_ok */
    }
    uint32_t pages = (uint32_t)((end - start) >> TARGET_PAGE_BITS);
    int n;
    bool hole;
    uint64_t first_hole;
    LuRun *runs = lu_mapped_runs(start, end, &n, &hole, &first_hole);
    int64_t err = 0;
    uint32_t done = (uint32_t)((first_hole - start) >> TARGET_PAGE_BITS);
    if (done && !lu_access_ok(vec, done < pages ? done : pages, true)) {
        err = -EFAULT;
    }
    for (int i = 0; i < n && !err && runs[i].start < first_hole; i++) {
        uint32_t off = (runs[i].start - start) >> TARGET_PAGE_BITS;
        err = host_ret_errno(mincore(g2h(runs[i].start), runs[i].len,
                                     (unsigned char *)g2h(vec + off)));
    }
    free(runs);
    return err ? err : hole ? -ENOMEM : 0;
}
