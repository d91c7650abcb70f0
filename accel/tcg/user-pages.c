/*
 * User-mode guest memory bookkeeping: the 4 GiB reservation at guest_base,
 * one flag byte per guest page, and the write protection of pages holding
 * translated code (self-modifying code is caught by the SIGSEGV handler
 * calling page_unprotect).
 */
#include <fcntl.h>
#include <stdio.h>
#include <sys/mman.h>
#include <unistd.h>
#include "tb-internal.h"
#include "exec/exec-all.h"
#include "exec/user-pages.h"

#define GUEST_SPACE_SIZE ((uint64_t)1 << 32)
/* Slack past 4 GiB so an access at 0xffffffff of up to 8 bytes stays
 * inside the reservation. */
#define GUEST_SPACE_GUARD (64 * 1024)

static uint8_t page_flags[TB_PAGE_COUNT];

bool guest_space_reserve(void)
{
    void *p;

    if (guest_base) {
        return true;
    }
    if (sysconf(_SC_PAGESIZE) != TARGET_PAGE_SIZE) {
        fprintf(stderr, "mimic: host page size %ld is not %u\n",
                sysconf(_SC_PAGESIZE), TARGET_PAGE_SIZE);
        return false;
    }
    p = mmap(NULL, GUEST_SPACE_SIZE + GUEST_SPACE_GUARD, PROT_NONE,
             MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (p == MAP_FAILED) {
        fprintf(stderr, "mimic: cannot reserve 4 GiB for the guest: %m\n");
        return false;
    }
    guest_base = (uintptr_t)p;
    return true;
}

static unsigned page_index(uint32_t addr)
{
    return addr >> TARGET_PAGE_BITS;
}

int page_get_flags(uint32_t addr)
{
    return __atomic_load_n(&page_flags[page_index(addr)], __ATOMIC_ACQUIRE);
}

const uint8_t *page_flags_table(void)
{
    return page_flags;
}

static void page_store_flags(uint32_t addr, int flags)
{
    __atomic_store_n(&page_flags[page_index(addr)], (uint8_t)flags, __ATOMIC_RELEASE);
}

/*
 * linux-user's mmap/mprotect/munmap tell us the guest's view. Code on a
 * page that goes away, becomes writable (the host page is then writable
 * again) or stops being executable is thrown away, so that neither a
 * lookup nor a chained jump (which crosses pages in user mode) can run
 * it any more.
 */
void page_set_flags(uint32_t start, uint64_t end, int flags)
{
    uint64_t p;

    if (end > GUEST_SPACE_SIZE) {
        end = GUEST_SPACE_SIZE;
    }
    flags &= PAGE_READ | PAGE_WRITE | PAGE_EXEC | PAGE_VALID;
    tb_lock();
    for (p = start & TARGET_PAGE_MASK; p < end; p += TARGET_PAGE_SIZE) {
        int old = page_get_flags((uint32_t)p);
        int keep = 0;
        if (old & PAGE_TRANSLATED) {
            if (!(flags & PAGE_VALID) || (flags & PAGE_WRITE) ||
                !(flags & PAGE_EXEC)) {
                tb_invalidate_page_locked((uint32_t)p);
            } else {
                keep = PAGE_TRANSLATED;   /* read-only, executable: code stays valid */
            }
        }
        page_store_flags((uint32_t)p, (flags & PAGE_VALID) ? (flags | keep) : 0);
    }
    tb_unlock();
}

/* Makes a write-protected code page writable again (host and flags). */
void page_unprotect_locked(uint32_t page)
{
    int flags = page_get_flags(page);

    if (!(flags & PAGE_WRITE_ORG)) {
        return;
    }
    tb_invalidate_page_locked(page);
    mprotect(g2h(page), TARGET_PAGE_SIZE, PROT_READ | PROT_WRITE);
    page_store_flags(page, (flags | PAGE_WRITE) & ~(PAGE_WRITE_ORG | PAGE_TRANSLATED));
}

void page_mark_translated_locked(uint32_t page, bool protect)
{
    int flags = page_get_flags(page);

    if (!protect) {
        return;
    }
    if (flags & PAGE_WRITE) {
        mprotect(g2h(page), TARGET_PAGE_SIZE, PROT_READ);
        flags = (flags & ~PAGE_WRITE) | PAGE_WRITE_ORG;
    }
    page_store_flags(page, flags | PAGE_TRANSLATED);
}

void page_protect(uint32_t page_addr)
{
    tb_lock();
    page_mark_translated_locked(page_addr & TARGET_PAGE_MASK, true);
    tb_unlock();
}

/*
 * A write to a protected page: a write-protected code page counts as
 * writable and is unprotected here, so syscalls that check a guest buffer
 * before writing into it do not fail with EFAULT.
 */
bool page_check_range(uint32_t addr, uint32_t len, int flags)
{
    uint64_t end = (uint64_t)addr + len;

    if (len == 0) {
        return true;
    }
    if (end > GUEST_SPACE_SIZE) {
        return false;
    }
    flags |= PAGE_VALID;
    for (uint64_t p = addr & TARGET_PAGE_MASK; p < end; p += TARGET_PAGE_SIZE) {
        int f = page_get_flags((uint32_t)p);
        if ((flags & PAGE_WRITE) && !(f & PAGE_WRITE) && (f & PAGE_WRITE_ORG)) {
            tb_lock();
            page_unprotect_locked((uint32_t)p);
            tb_unlock();
            f = page_get_flags((uint32_t)p);
        }
        if ((f & flags) != flags) {
            return false;
        }
    }
    return true;
}

int page_unprotect(uint32_t addr, uintptr_t host_pc)
{
    uint32_t page = addr & TARGET_PAGE_MASK;
    TranslationBlock *running = host_pc ? tb_find_by_host_pc(host_pc) : NULL;
    bool hit_running = false;
    int flags;

    tb_lock();
    flags = page_get_flags(page);
    if (!(flags & PAGE_WRITE_ORG)) {
        tb_unlock();
        /* Another thread may have unprotected it just now. */
        return (flags & PAGE_WRITE) ? 1 : 0;
    }
    if (running && !(running->cflags & CF_NO_PROTECT) &&
        (running->page_addr[0] == page || running->page_addr[1] == page)) {
        hit_running = true;
    }
    page_unprotect_locked(page);
    tb_unlock();
    if (hit_running && current_cpu) {
        /* Run the writing instruction alone, without protecting the page
         * again, then go on normally (see cpu_exec). */
        current_cpu->cflags_next_tb = 1 | CF_NO_PROTECT | CF_NOCHAIN | CF_NOIRQ;
    }
    return hit_running ? 2 : 1;
}

bool tb_handle_write_fault(CPUState *cpu, uint32_t addr, uintptr_t host_pc)
{
    int r = page_unprotect(addr, host_pc);

    if (r == 0) {
        return false;
    }
    if (r == 2) {
        cpu_restore_state(cpu, host_pc);
        cpu->cflags_next_tb = 1 | CF_NO_PROTECT | CF_NOCHAIN | CF_NOIRQ;
        cpu_loop_exit_noexc(cpu);
    }
    return true;
}

bool page_host_present(uint32_t addr)
{
    uint64_t entry = 0;
    uintptr_t host = (uintptr_t)g2h(addr);
    int fd = open("/proc/self/pagemap", O_RDONLY | O_CLOEXEC);

    if (fd < 0) {
        return true;
    }
    /* One 64-bit entry per host page; bit 63: present. */
    ssize_t n = pread(fd, &entry, sizeof(entry), (off_t)(host / TARGET_PAGE_SIZE) * 8);
    close(fd);
    return n != sizeof(entry) || (entry >> 63) != 0;
}
