/*
 * Virtual time and timers for system mode. The virtual clock follows the
 * host monotonic clock (nanoseconds since the machine started). Timers run
 * on the CPU thread, from the main loop, between blocks (softmmu/timer.c).
 */
#ifndef SYSEMU_TIMER_H
#define SYSEMU_TIMER_H

#include <stdbool.h>
#include <stdint.h>

#define NANOSECONDS_PER_SECOND 1000000000LL

typedef struct Timer Timer;
typedef void TimerCB(void *opaque);

int64_t clock_get_ns(void);                 /* virtual clock, ns */
Timer *timer_new(TimerCB *cb, void *opaque);
void timer_free(Timer *t);
void timer_mod(Timer *t, int64_t expire_ns); /* (re)arm at an absolute time */
void timer_del(Timer *t);
bool timer_pending(const Timer *t);
int64_t timer_expire_time(const Timer *t);   /* -1 if not pending */

/* For the main loop: runs every timer whose time has come; returns the
 * deadline of the next one (INT64_MAX if none). */
int64_t timers_run_expired(void);
/* Called when a timer is armed earlier than the current deadline, so a
 * sleeping or running CPU can be woken (the main loop sets it). */
extern void (*timers_deadline_changed)(void);

/* Tests only: freeze the virtual clock at `ns` (device tests step time by
 * hand and then call timers_run_expired); a negative value returns to the
 * host clock. */
void clock_set_for_test(int64_t ns);

#endif
