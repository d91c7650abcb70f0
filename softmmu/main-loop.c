/*
 * The system-mode main loop (docs/system.md, "Threads and time"): one
 * thread runs the CPU, the timers and the chardevs; a kick thread waits
 * for the next timer deadline or chardev input while the CPU runs, and
 * makes it leave generated code. A halted CPU sleeps here in ppoll.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include "exec/cpu.h"
#include "gdbstub/gdbstub.h"
#include "sysemu/chardev.h"
#include "sysemu/gdb.h"
#include "sysemu/main-loop.h"
#include "sysemu/sysemu.h"
#include "sysemu/timer.h"

#define MAIN_LOOP_MAX_FDS 8

static CPUState *main_cpu;
const MainLoopAccel *main_loop_accel;
static void (*main_machine_reset)(void);

/* State shared with the kick thread, under kick_lock. */
static pthread_mutex_t kick_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t kick_cond = PTHREAD_COND_INITIALIZER;
static bool kick_armed;             /* the CPU runs and wants a kick */
static bool kick_polling;           /* the kick thread is in ppoll with
                                     * kick_fds and no deadline */
static uint64_t kick_epoch;         /* one per cpu_exec call */
static int64_t kick_deadline;
static struct pollfd kick_fds[MAIN_LOOP_MAX_FDS];
static int kick_nfds;
static int kick_pipe[2];            /* wakes the kick thread's ppoll */
static int wake_pipe[2];            /* wakes the halted CPU's ppoll (gdb's ^C) */

/* Counters for -d stats style reports. */
static uint64_t stat_kicks, stat_halts;

/* The ppoll timeout until deadline (NULL: wait forever). */
static struct timespec *main_loop_timeout(int64_t deadline, struct timespec *ts)
{
    if (deadline == INT64_MAX) {
        return NULL;
    }
    int64_t left = deadline - clock_get_ns();

    if (left < 0) {
        left = 0;
    }
    ts->tv_sec = left / NANOSECONDS_PER_SECOND;
    ts->tv_nsec = left % NANOSECONDS_PER_SECOND;
    return ts;
}

static void *main_loop_kick_thread(void *arg)
{
    struct pollfd fds[MAIN_LOOP_MAX_FDS + 1];

    pthread_mutex_lock(&kick_lock);
    for (;;) {
        while (!kick_armed) {
            pthread_cond_wait(&kick_cond, &kick_lock);
        }
        uint64_t epoch = kick_epoch;
        int64_t deadline = kick_deadline;
        int n = kick_nfds;
        memcpy(fds, kick_fds, n * sizeof(fds[0]));
        kick_polling = deadline == INT64_MAX;
        pthread_mutex_unlock(&kick_lock);

        fds[n].fd = kick_pipe[0];
        fds[n].events = POLLIN;
        fds[n].revents = 0;
        struct timespec ts;
        ppoll(fds, n + 1, main_loop_timeout(deadline, &ts), NULL);
        if (fds[n].revents) {
            char buf[64];
            while (read(kick_pipe[0], buf, sizeof(buf)) > 0) {
            }
        }
        bool input = false;
        for (int i = 0; i < n; i++) {
            input |= fds[i].revents != 0;
        }
        pthread_mutex_lock(&kick_lock);
        kick_polling = false;
        /* with no deadline, a later arming (not woken: same fds) wants
         * the same input */
        if (kick_armed && (kick_epoch == epoch || deadline == INT64_MAX) &&
            (input || (deadline != INT64_MAX && clock_get_ns() >= deadline))) {
            kick_armed = false;
            stat_kicks++;
            cpu_exit(main_cpu);
            if (main_loop_accel) {
                main_loop_accel->kick(main_cpu);
            }
        }
    }
    return NULL;
}

/* chardev input, and gdb connecting: what ends a run or a HLT sleep. */
static int main_loop_fill_pollfds(struct pollfd *fds, int max)
{
    int n = chardevs_fill_pollfds(fds, max - 1);
    int gdb_fd = gdb_listen_fd();

    if (gdb_fd >= 0) {
        fds[n].fd = gdb_fd;
        fds[n].events = POLLIN;
        fds[n].revents = 0;
        n++;
    }
    return n;
}

/* Same descriptors and events (kick_fds are filled with revents 0). */
static bool main_loop_same_fds(const struct pollfd *a, int na, const struct pollfd *b, int nb)
{
    if (na != nb) {
        return false;
    }
    for (int i = 0; i < na; i++) {
        if (a[i].fd != b[i].fd || a[i].events != b[i].events) {
            return false;
        }
    }
    return true;
}

static void main_loop_arm_kick(int64_t deadline)
{
    struct pollfd fds[MAIN_LOOP_MAX_FDS];
    int n = main_loop_fill_pollfds(fds, MAIN_LOOP_MAX_FDS);

    pthread_mutex_lock(&kick_lock);
    if (kick_polling && deadline == INT64_MAX && kick_deadline == INT64_MAX &&
        main_loop_same_fds(fds, n, kick_fds, kick_nfds)) {
        /* -accel kaccel (own_deadline): the kick thread already waits
         * for exactly this; waking it would cost a context switch per
         * call (on a one-CPU host, a reschedule of the CPU thread) */
        kick_epoch++;
        kick_armed = true;
        pthread_mutex_unlock(&kick_lock);
        return;
    }
    memcpy(kick_fds, fds, n * sizeof(fds[0]));
    kick_nfds = n;
    kick_deadline = deadline;
    kick_epoch++;
    kick_armed = true;
    pthread_cond_signal(&kick_cond);
    pthread_mutex_unlock(&kick_lock);
    if (write(kick_pipe[1], "k", 1) < 0) {
        /* the pipe is full: the kick thread has wake-ups pending anyway */
    }
}

static void main_loop_disarm_kick(void)
{
    pthread_mutex_lock(&kick_lock);
    kick_armed = false;
    pthread_mutex_unlock(&kick_lock);
}

/* A timer was armed before the deadline the kick thread waits for. */
static void main_loop_deadline_changed(void)
{
    if (main_cpu && main_cpu->in_exec) {
        cpu_exit(main_cpu);
    }
}

/* The halted CPU waits for the next timer or chardev input. */
static void main_loop_sleep(int64_t deadline)
{
    struct pollfd fds[MAIN_LOOP_MAX_FDS + 1];
    struct timespec ts;
    int n = main_loop_fill_pollfds(fds, MAIN_LOOP_MAX_FDS);

    stat_halts++;
    if (deadline == INT64_MAX && n == 0 && !gdb_attached()) {
        /* cli; hlt with no input: nothing can ever wake the CPU. Keep the
         * process responsive to signals, as QEMU does. */
        pause();
        return;
    }
    fds[n].fd = wake_pipe[0];
    fds[n].events = POLLIN;
    fds[n].revents = 0;
    ppoll(fds, n + 1, main_loop_timeout(deadline, &ts), NULL);
    if (fds[n].revents) {
        char buf[64];
        while (read(wake_pipe[0], buf, sizeof(buf)) > 0) {
        }
    }
}

static void main_loop_wake(void)
{
    if (write(wake_pipe[1], "w", 1) < 0) {
        /* the pipe is full: a wake-up is pending anyway */
    }
}

void main_loop_init(CPUState *cpu, void (*machine_reset)(void))
{
    pthread_t tid;

    main_cpu = cpu;
    sys_set_cpu(cpu);
    main_machine_reset = machine_reset;
    timers_deadline_changed = main_loop_deadline_changed;
    sys_gdb_wake = main_loop_wake;
    if (pipe2(kick_pipe, O_NONBLOCK | O_CLOEXEC) < 0 ||
        pipe2(wake_pipe, O_NONBLOCK | O_CLOEXEC) < 0 ||
        pthread_create(&tid, NULL, main_loop_kick_thread, NULL) != 0) {
        fprintf(stderr, "%s: cannot start the main loop's kick thread: %s\n",
                sys_progname, strerror(errno));
        exit(1);
    }
    pthread_detach(tid);
}

static bool main_loop_interrupt_pending(void)
{
    return (main_cpu->interrupt_request &
            (CPU_INTERRUPT_HARD | CPU_INTERRUPT_NMI | CPU_INTERRUPT_INIT)) != 0;
}

/* gdb connecting while the guest runs (-s without -S) stops it, as
 * under QEMU; so does gdb's ^C. */
static bool main_loop_gdb_wants_stop(void)
{
    int fd = gdb_listen_fd();

    if (sys_gdb_stop_requested()) {
        return true;
    }
    if (fd >= 0) {
        struct pollfd p = { .fd = fd, .events = POLLIN };
        return poll(&p, 1, 0) > 0;
    }
    return false;
}

int main_loop_run(void)
{
    bool hlt_again = false;     /* the last cpu_exec returned EXCP_HLT at once */

    if (sys_opts.gdb_port && sys_opts.gdb_wait) {
        /* -S: gdb sees the machine before its first instruction. */
        sys_gdb_stop(main_cpu, GDB_SIGNAL_TRAP);
    }
    for (;;) {
        int status;
        if (sys_shutdown_pending(&status)) {
            gdb_report_exit(status);
            return status;
        }
        if (sys_opts.gdb_port && main_loop_gdb_wants_stop()) {
            sys_gdb_stop(main_cpu, GDB_SIGNAL_INT);
        }
        if (sys_take_reset_request()) {
            if (sys_opts.no_reboot) {
                gdb_report_exit(0);
                return 0;
            }
            main_machine_reset();
            hlt_again = false;
        }
        chardevs_poll();
        int64_t deadline = timers_run_expired();
        if (sys_request_pending()) {
            continue;
        }
        if (main_cpu->halted && (!main_loop_interrupt_pending() || hlt_again)) {
            main_loop_sleep(deadline);
            hlt_again = false;
            continue;
        }
        main_loop_arm_kick(main_loop_accel && main_loop_accel->own_deadline ? INT64_MAX
                                                                             : deadline);
        int excp = main_loop_accel ? main_loop_accel->exec(main_cpu, deadline)
                                   : cpu_exec(main_cpu);
        main_loop_disarm_kick();
        switch (excp) {
        case EXCP_HLT:
        case EXCP_HALTED:
            main_cpu->halted = true;
            /* An interrupt already pending that the CPU did not take
             * (IF clear): wait for the next event rather than spin. */
            hlt_again = main_loop_interrupt_pending();
            break;
        case EXCP_RESET:
            sys_reset_request();
            break;
        case EXCP_DEBUG:
            /* A breakpoint or a single step of gdb's. */
            if (gdb_attached()) {
                sys_gdb_stop(main_cpu, GDB_SIGNAL_TRAP);
            }
            break;
        case EXCP_INTERRUPT:
        case EXCP_NONE:
            break;
        default:
            if (excp >= 0 && main_cpu->arch->do_interrupt) {
                main_cpu->arch->do_interrupt(main_cpu);
            }
            break;
        }
    }
}

void main_loop_print_stats(FILE *f)
{
    fprintf(f, "main loop: %llu kicks, %llu halt sleeps\n",
            (unsigned long long)stat_kicks, (unsigned long long)stat_halts);
    if (main_loop_accel) {
        main_loop_accel->print_stats(f);
    }
}
