/*
 * Futex words that the kernel itself interprets: PI futexes of a
 * big-endian guest, and robust lists at thread exit (both guests).
 *
 * The kernel reads the owner's thread id from a PI futex word in its own
 * byte order, so for a big-endian guest FUTEX_LOCK_PI, LOCK_PI2,
 * TRYLOCK_PI and UNLOCK_PI are carried out here on the guest's word with
 * the kernel's rules (futex(2): owner tid, FUTEX_WAITERS, FUTEX_OWNER_DIED,
 * EDEADLK, EPERM), blocking with plain (shared) futex waits. A locker
 * that went through here always leaves FUTEX_WAITERS set, so the unlock
 * comes back here and wakes the next waiter. Priority inheritance itself
 * is not emulated. A little-endian guest's PI calls go to the host.
 *
 * The host kernel cannot walk a guest's robust list (set_robust_list), so
 * at thread exit we do as the kernel's exit path: every futex on the list
 * still owned by the thread gets FUTEX_OWNER_DIED and one waiter is woken.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <linux/futex.h>
#include <stdbool.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>
#include "exec/user-pages.h"
#include "linux-user/lu.h"

#define LU_FUTEX_WAITERS 0x80000000u
#define LU_FUTEX_OWNER_DIED 0x40000000u
#define LU_FUTEX_TID_MASK 0x3fffffffu
#define LU_ROBUST_LIST_LIMIT 2048       /* as the kernel's ROBUST_LIST_LIMIT */

/* The host address of an aligned, writable guest futex word, or NULL. */
static uint32_t *lu_futex_word(uint32_t uaddr)
{
    if ((uaddr & 3) || lu_guest_span(uaddr, 4, true) != 4 || !lu_access_ok(uaddr, 4, true)) {
        return NULL;
    }
    return g2h(uaddr);
}

/* A word's value between guest byte order and ours. */
static uint32_t lu_word_order(uint32_t v)
{
    return lu_arch->big_endian ? __builtin_bswap32(v) : v;
}

static uint32_t lu_word_load(uint32_t *w)
{
    return lu_word_order(__atomic_load_n(w, __ATOMIC_ACQUIRE));
}

static bool lu_word_cas(uint32_t *w, uint32_t old, uint32_t val)
{
    uint32_t o = lu_word_order(old);
    return __atomic_compare_exchange_n(w, &o, lu_word_order(val), false,
                                       __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);
}

static void lu_word_wake(uint32_t *w)
{
    syscall(SYS_futex, w, FUTEX_WAKE, 1, NULL, NULL, 0);
}

/* LOCK_PI (abs: absolute timeout or NULL, on CLOCK_REALTIME if realtime)
 * and TRYLOCK_PI. */
static int64_t lu_futex_lock_pi(uint32_t *w, bool try, const struct timespec *abs,
                                bool realtime)
{
    uint32_t tid = (uint32_t)lu_ts->tid;
    for (;;) {
        uint32_t v = lu_word_load(w);
        uint32_t owner = v & LU_FUTEX_TID_MASK;
        if (owner == 0) {
            /* Free (perhaps with OWNER_DIED, which the new owner sees). */
            uint32_t nv = tid | (v & LU_FUTEX_OWNER_DIED) | (try ? 0 : LU_FUTEX_WAITERS);
            if (lu_word_cas(w, v, nv)) {
                return 0;
            }
            continue;
        }
        if (owner == tid) {
            return -EDEADLK;
        }
        if (try) {
            return -EAGAIN;
        }
        if (!(v & LU_FUTEX_WAITERS) && !lu_word_cas(w, v, v | LU_FUTEX_WAITERS)) {
            continue;
        }
        v |= LU_FUTEX_WAITERS;
        long r = lu_safe_syscall(SYS_futex, (long)w,
                                 FUTEX_WAIT_BITSET | (realtime ? FUTEX_CLOCK_REALTIME : 0),
                                 lu_word_order(v), (long)abs, 0, FUTEX_BITSET_MATCH_ANY);
        if (r == -ETIMEDOUT || r == -EINTR) {
            /* A wake meant for us may have been used up: pass it on. */
            lu_word_wake(w);
            return r == -EINTR ? -LU_ERESTARTNOINTR : -ETIMEDOUT;
        }
    }
}

static int64_t lu_futex_unlock_pi(uint32_t *w)
{
    uint32_t tid = (uint32_t)lu_ts->tid, v;
    do {
        v = lu_word_load(w);
        if ((v & LU_FUTEX_TID_MASK) != tid) {
            return -EPERM;
        }
    } while (!lu_word_cas(w, v, 0));
    if (v & LU_FUTEX_WAITERS) {
        lu_word_wake(w);
    }
    return 0;
}

int64_t lu_futex_pi_guest_order(uint32_t uaddr, int op, const struct timespec *abs)
{
    uint32_t *w = lu_futex_word(uaddr);
    int cmd = op & FUTEX_CMD_MASK;
    if (!w) {
        return -EFAULT;
    }
    switch (cmd) {
    case FUTEX_LOCK_PI:
        return lu_futex_lock_pi(w, false, abs, true);
    case FUTEX_LOCK_PI2:
        return lu_futex_lock_pi(w, false, abs, (op & FUTEX_CLOCK_REALTIME) != 0);
    case FUTEX_TRYLOCK_PI:
        return lu_futex_lock_pi(w, true, NULL, false);
    case FUTEX_UNLOCK_PI:
        return lu_futex_unlock_pi(w);
    default:
        return -ENOSYS;
    }
}

/* The kernel's handle_futex_death for one futex of the exiting thread. */
static void lu_futex_owner_died(uint32_t uaddr, bool pi, uint32_t tid)
{
    uint32_t *w = lu_futex_word(uaddr), v;
    if (!w) {
        return;
    }
    do {
        v = lu_word_load(w);
        if ((v & LU_FUTEX_TID_MASK) != tid) {
            return;
        }
    } while (!lu_word_cas(w, v, (v & LU_FUTEX_WAITERS) | LU_FUTEX_OWNER_DIED));
    /* A little-endian guest's PI waiters wait in the host kernel, which
     * wakes them when our host thread exits. */
    if ((v & LU_FUTEX_WAITERS) && (!pi || lu_arch->big_endian)) {
        lu_word_wake(w);
    }
}

void lu_futex_exit_robust(TaskState *ts)
{
    /* struct robust_list_head { next; long futex_offset; list_op_pending } */
    uint32_t head = ts->robust_list, entry, off, pending;
    if (!head || lu_get_u32(head, &entry) < 0 || lu_get_u32(head + 4, &off) < 0 ||
        lu_get_u32(head + 8, &pending) < 0) {
        return;
    }
    ts->robust_list = 0;
    for (int n = 0; (entry & ~1u) != head && n < LU_ROBUST_LIST_LIMIT; n++) {
        uint32_t next;
        /* The low bit of a link marks a PI futex. */
        if (lu_get_u32(entry & ~1u, &next) < 0) {
            return;
        }
        if ((entry & ~1u) != (pending & ~1u)) {
            lu_futex_owner_died((entry & ~1u) + off, entry & 1, (uint32_t)ts->tid);
        }
        entry = next;
    }
    if (pending) {
        lu_futex_owner_died((pending & ~1u) + off, pending & 1, (uint32_t)ts->tid);
    }
}
