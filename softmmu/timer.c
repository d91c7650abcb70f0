/*
 * The virtual clock (host CLOCK_MONOTONIC since the machine started) and
 * the timers devices arm on it: one list sorted by expiry, run by the main
 * loop between blocks (timers_run_expired). Single-threaded, like devices.
 */
#include <stdlib.h>
#include <time.h>

#include "sysemu/timer.h"

struct Timer {
    TimerCB *cb;
    void *opaque;
    int64_t expire;          /* absolute virtual ns; valid when pending */
    bool pending;
    Timer *next;             /* in timer_list, sorted by expire */
};

static Timer *timer_list;
static int64_t clock_start_ns = -1;
static int64_t clock_test_ns = -1;

void (*timers_deadline_changed)(void);

static int64_t host_monotonic_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * NANOSECONDS_PER_SECOND + ts.tv_nsec;
}

int64_t clock_get_ns(void)
{
    if (clock_test_ns >= 0) {
        return clock_test_ns;
    }
    int64_t now = host_monotonic_ns();
    if (clock_start_ns < 0) {
        clock_start_ns = now;
    }
    return now - clock_start_ns;
}

void clock_set_for_test(int64_t ns)
{
    clock_test_ns = ns;
}

Timer *timer_new(TimerCB *cb, void *opaque)
{
    Timer *t = calloc(1, sizeof(*t));
    if (!t) {
        abort();
    }
    t->cb = cb;
    t->opaque = opaque;
    return t;
}

void timer_free(Timer *t)
{
    if (t) {
        timer_del(t);
        free(t);
    }
}

void timer_del(Timer *t)
{
    if (!t->pending) {
        return;
    }
    for (Timer **pp = &timer_list; *pp; pp = &(*pp)->next) {
        if (*pp == t) {
            *pp = t->next;
            break;
        }
    }
    t->pending = false;
    t->next = NULL;
}

void timer_mod(Timer *t, int64_t expire_ns)
{
    timer_del(t);
    t->expire = expire_ns;
    t->pending = true;
    Timer **pp = &timer_list;
    while (*pp && (*pp)->expire <= expire_ns) {
        pp = &(*pp)->next;
    }
    t->next = *pp;
    *pp = t;
    /* Now first in the list: the main loop's deadline moved earlier. */
    if (pp == &timer_list && timers_deadline_changed) {
        timers_deadline_changed();
    }
}

bool timer_pending(const Timer *t)
{
    return t->pending;
}

int64_t timer_expire_time(const Timer *t)
{
    return t->pending ? t->expire : -1;
}

int64_t timers_run_expired(void)
{
    int64_t now = clock_get_ns();
    /* One at a time from the head: a callback may re-arm or delete any
     * timer, including itself. */
    while (timer_list && timer_list->expire <= now) {
        Timer *t = timer_list;
        timer_list = t->next;
        t->next = NULL;
        t->pending = false;
        t->cb(t->opaque);
    }
    return timer_list ? timer_list->expire : INT64_MAX;
}
