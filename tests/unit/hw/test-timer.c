/*
 * softmmu/timer.c: the virtual clock and the sorted timer list (what
 * include/sysemu/timer.h promises): expiry order, deletion, re-arming from
 * a callback, the next deadline, the deadline-changed hook.
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <time.h>

#include "hw-test-bus.h"
#include "sysemu/timer.h"

static char order[16];
static int norder;
static int hook_calls;

static void record(void *opaque)
{
    order[norder++] = *(const char *)opaque;
    order[norder] = 0;
}

static void hook(void)
{
    hook_calls++;
}

Test(timer, expiry_order_and_deadline)
{
    static const char a = 'a', b = 'b', c = 'c';
    clock_set_for_test(0);
    Timer *ta = timer_new(record, (void *)&a);
    Timer *tb = timer_new(record, (void *)&b);
    Timer *tc = timer_new(record, (void *)&c);
    timer_mod(tc, 300);
    timer_mod(ta, 100);
    timer_mod(tb, 200);
    HW_CHECK("next deadline", timers_run_expired(), 100);
    HW_CHECK("a pending", timer_pending(ta), 1);
    HW_CHECK("a expires at", timer_expire_time(ta), 100);
    clock_set_for_test(250);
    HW_CHECK("deadline after running a and b", timers_run_expired(), 300);
    printf("order: %s\n", order);
    HW_CHECK("a then b ran", order[0] == 'a' && order[1] == 'b' && norder == 2, 1);
    HW_CHECK("a no longer pending", timer_pending(ta), 0);
    HW_CHECK("expire time of an idle timer", timer_expire_time(ta), -1);
    timer_del(tc);
    HW_CHECK("no timer left: INT64_MAX", timers_run_expired() == INT64_MAX, 1);
    timer_mod(ta, 400);
    timer_mod(ta, 260);              /* re-arming moves it */
    clock_set_for_test(1000);
    timers_run_expired();
    HW_CHECK("re-armed timer ran once", norder, 3);
    timer_free(ta);
    timer_free(tb);
    timer_free(tc);
}

static Timer *self_timer;
static int self_runs;

static void rearm_self(void *opaque)
{
    self_runs++;
    if (self_runs < 3) {
        timer_mod(self_timer, clock_get_ns() + 10);
    }
}

Test(timer, rearm_from_callback)
{
    clock_set_for_test(0);
    self_timer = timer_new(rearm_self, NULL);
    timer_mod(self_timer, 5);
    clock_set_for_test(5);
    timers_run_expired();
    HW_CHECK("a callback re-arming in the future runs once per call", self_runs, 1);
    HW_CHECK("its new expiry", timer_expire_time(self_timer), 15);
    clock_set_for_test(100);
    timers_run_expired();
    HW_CHECK("second run, re-armed at 110", self_runs, 2);
    clock_set_for_test(200);
    timers_run_expired();
    HW_CHECK("third run; it stops re-arming", self_runs, 3);
    HW_CHECK("nothing pending", timer_pending(self_timer), 0);
}

Test(timer, deadline_changed_hook)
{
    static const char x = 'x';
    clock_set_for_test(0);
    timers_deadline_changed = hook;
    Timer *t1 = timer_new(record, (void *)&x);
    Timer *t2 = timer_new(record, (void *)&x);
    timer_mod(t1, 1000);
    HW_CHECK("hook: first timer is the new deadline", hook_calls, 1);
    timer_mod(t2, 2000);
    HW_CHECK("no hook for a later timer", hook_calls, 1);
    timer_mod(t2, 500);
    HW_CHECK("hook when a timer moves ahead of the deadline", hook_calls, 2);
    timers_deadline_changed = NULL;
}

Test(timer, host_clock)
{
    clock_set_for_test(-1);
    int64_t t0 = clock_get_ns();
    struct timespec ts = { 0, 2000000 };
    nanosleep(&ts, NULL);
    int64_t t1 = clock_get_ns();
    printf("virtual clock: %lld then %lld ns\n", (long long)t0, (long long)t1);
    HW_CHECK("starts near 0 (ns since first use) and is below 1 s", t0 >= 0 && t0 < 1000000000, 1);
    HW_CHECK("advances with the host (>= 2 ms)", t1 - t0 >= 2000000, 1);
    clock_set_for_test(12345);
    HW_CHECK("test clock", clock_get_ns(), 12345);
}
