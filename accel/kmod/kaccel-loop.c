/*
 * -accel kaccel in mimic-system-i386: the CPU loop that hands guest ring-3
 * code to /dev/kaccel and everything else to the translator, the RAM
 * slots, and the coherence work the translator's notifications ask for
 * (docs/kaccel.md, "The integration"). softmmu/main-loop.c calls it
 * through main_loop_accel.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>
#include "exec/debug.h"
#include "exec/memory.h"
#include "exec/softmmu.h"
#include "sysemu/gdb.h"
#include "kaccel-cpu.h"
#include "kaccel-loop.h"
#include "sysemu/main-loop.h"
#include "sysemu/sysemu.h"
#include "sysemu/timer.h"
#include "target-i386/translate.h"
#include "util/log.h"

/* A native run lasts at most this long even with no timer due. */
#define KACCEL_MAX_SLICE_NS 20000000
#define KACCEL_MAX_PENDING_PAGES KACCEL_RUN_MAX_INV
#define KACCEL_RAM_LIMIT ((hwaddr)1 << 32)
#define KACCEL_SLOT_MAX ((hwaddr)1 << 30)
#define KACCEL_NB_SLOTS 8

typedef struct KaccelSlot {
    hwaddr base, size;
    uint8_t *host;
} KaccelSlot;

static KaccelVM kaccel_vm = { .fd = -1 };
static pthread_t kaccel_cpu_thread;
static KaccelSlot kaccel_slots[KACCEL_NB_SLOTS];
static int kaccel_nb_slots;
static uint64_t kaccel_map_generation;

/* The kick: set by the kick thread (chardev input) and by the deadline
 * timer; a native run in progress is ended by SIGUSR1, whose handler
 * shortens the slice of a run about to start. */
static int kaccel_kicked;
static struct kaccel_run *volatile kaccel_live_run;
static CPUState *kaccel_cpu;
/* kaccel_exec's deadline: a POSIX timer signalling the CPU thread
 * (SIGUSR1), so that neither a native run nor the translator needs the
 * main loop's kick thread to wake for it (MainLoopAccel.own_deadline). */
static timer_t kaccel_deadline_timer;
static int kaccel_in_exec;

/* Coherence work for the next run, after its SET_REGS (kaccel.h). */
static bool kaccel_pending_all, kaccel_pending_cr3;
static uint32_t kaccel_pending_pages[KACCEL_MAX_PENDING_PAGES];
static int kaccel_nb_pending_pages;
/* The RAM pages (below 4 GiB) the module watches: one bit each. */
static uint8_t kaccel_watched[(KACCEL_RAM_LIMIT >> 12) / 8];

/* Set when the translator returns the guest to user mode, and when
 * device code it ran armed a timer earlier than the main loop's deadline
 * (the main loop's own hook is chained behind kaccel_timers_changed). */
static bool kaccel_user_entry, kaccel_deadline_moved;
static void (*kaccel_next_deadline_hook)(void);

static struct {
    uint64_t runs, exits[KACCEL_EXIT_SLICE + 1], steps, delivered, refused,
        watch_on, watch_off, invalidations, stays;
    /* where the time goes (clock_get_ns): inside KACCEL_RUN, in the
     * translator, in kaccel_exec, and since the first kaccel_exec */
    int64_t ns_run, ns_translator, ns_exec, ns_start, ns_prep, ns_leave, ns_arm;
    uint64_t execs;
} kaccel_stats;

_Noreturn static void kaccel_fatal(const char *what, int err)
{
    fprintf(stderr, "%s: -accel kaccel: %s: %s\n", sys_progname, what, strerror(-err));
    exit(1);
}

/* ---- RAM slots ---- */

static void kaccel_add_slot(KaccelSlot *slots, int *n, hwaddr base, hwaddr size,
                            uint8_t *host)
{
    if (*n > 0) {
        KaccelSlot *last = &slots[*n - 1];
        if (last->base + last->size == base && last->host + last->size == host &&
            last->size + size <= KACCEL_SLOT_MAX) {
            last->size += size;
            return;
        }
    }
    if (*n == KACCEL_NB_SLOTS) {
        fprintf(stderr, "%s: -accel kaccel: guest RAM in more than %d pieces\n",
                sys_progname, KACCEL_NB_SLOTS);
        exit(1);
    }
    slots[(*n)++] = (KaccelSlot){ base, size, host };
}

/* The RAM pieces of the physical map below 4 GiB, whole pages, merged
 * where contiguous, cut at 1 GiB. */
static int kaccel_ram_slots(KaccelSlot *slots)
{
    int n = 0;

    for (hwaddr a = 0; a < KACCEL_RAM_LIMIT;) {
        const MemSection *s = mem_lookup(a);
        hwaddr end = s->base + s->size < KACCEL_RAM_LIMIT ? s->base + s->size
                                                          : KACCEL_RAM_LIMIT;
        if (s->kind == MR_RAM && s->host) {
            hwaddr first = (a + 0xfff) & ~(hwaddr)0xfff, last = end & ~(hwaddr)0xfff;
            for (hwaddr p = first; p < last;) {
                hwaddr len = last - p < KACCEL_SLOT_MAX ? last - p : KACCEL_SLOT_MAX;
                kaccel_add_slot(slots, &n, p, len, s->host + (p - s->base));
                p += len;
            }
        }
        a = end;
    }
    return n;
}

/* Registers the RAM of the current map (again if it changed). */
static void kaccel_sync_ram(void)
{
    KaccelSlot slots[KACCEL_NB_SLOTS];
    int n, err;

    if (kaccel_map_generation == mem_map_generation && kaccel_nb_slots) {
        return;
    }
    kaccel_map_generation = mem_map_generation;
    n = kaccel_ram_slots(slots);
    if (n == kaccel_nb_slots && !memcmp(slots, kaccel_slots, n * sizeof(slots[0]))) {
        return;
    }
    for (int i = 0; i < kaccel_nb_slots; i++) {
        kaccel_set_ram(&kaccel_vm, i, 0, 0, NULL);
    }
    for (int i = 0; i < n; i++) {
        err = kaccel_set_ram(&kaccel_vm, i, slots[i].base, slots[i].size, slots[i].host);
        if (err) {
            fprintf(stderr, "%s: -accel kaccel: cannot register guest RAM at 0x%llx "
                    "(%llu MiB): %s%s\n", sys_progname, (unsigned long long)slots[i].base,
                    (unsigned long long)(slots[i].size >> 20), strerror(-err),
                    err == -ENOMEM || err == -EPERM ? " (ulimit -l too low?)" : "");
            exit(1);
        }
    }
    memcpy(kaccel_slots, slots, sizeof(slots));
    kaccel_nb_slots = n;
    memset(kaccel_watched, 0, sizeof(kaccel_watched));   /* new slots: none */
}

/* ---- notifications from the translator ---- */

static void kaccel_code_page(hwaddr ppage, bool has_code)
{
    uint8_t bit;

    if (ppage >= KACCEL_RAM_LIMIT) {
        return;
    }
    bit = 1u << ((ppage >> 12) & 7);
    uint8_t *w = &kaccel_watched[ppage >> 15];
    if (!!(*w & bit) == has_code) {
        return;
    }
    /* ROM and holes are not in the module's slots: ENOENT, remembered
     * like the others so it is asked once. */
    kaccel_watch(&kaccel_vm, ppage, has_code);
    *w ^= bit;
    if (has_code) {
        kaccel_stats.watch_on++;
    } else {
        kaccel_stats.watch_off++;
    }
}

static void kaccel_user_entered(CPUX86State *env)
{
    /* The translator leaves at its next block: the module may run this. */
    kaccel_user_entry = true;
    cpu_exit(&env->cs);
}

static void kaccel_timers_changed(void)
{
    kaccel_deadline_moved = true;
    if (kaccel_next_deadline_hook) {
        kaccel_next_deadline_hook();
    }
}

static void kaccel_invlpg(CPUX86State *env, uint32_t addr)
{
    if (kaccel_nb_pending_pages == KACCEL_MAX_PENDING_PAGES) {
        kaccel_pending_all = true;
        return;
    }
    kaccel_pending_pages[kaccel_nb_pending_pages++] = addr;
}

static void kaccel_cr3_loaded(CPUX86State *env)
{
    kaccel_pending_cr3 = true;
}

static void kaccel_paging_changed(CPUX86State *env)
{
    kaccel_pending_all = true;
}

static const X86AccelNotify kaccel_notify = {
    .user_entered = kaccel_user_entered,
    .invlpg = kaccel_invlpg,
    .cr3_loaded = kaccel_cr3_loaded,
    .paging_changed = kaccel_paging_changed,
};

/* What the guest's translated kernel did to its paging since the last
 * run, for the next KACCEL_RUN, which applies it after the new regs (a
 * CR3 load compares the cached shadow; INVLPG after the CR3 would apply
 * to the new space, which only costs a refill). */
static void kaccel_add_pending(struct kaccel_run *run)
{
    if (kaccel_pending_all) {
        run->flags |= KACCEL_RUN_INV_ALL;
        return;
    }
    if (kaccel_pending_cr3) {
        run->flags |= KACCEL_RUN_INV_CR3;
    }
    memcpy(run->inv_pages, kaccel_pending_pages,
           kaccel_nb_pending_pages * sizeof(kaccel_pending_pages[0]));
    run->nr_inv = kaccel_nb_pending_pages;
}

/* The run took them (else they wait for the next one). */
static void kaccel_clear_pending(void)
{
    kaccel_stats.invalidations += kaccel_pending_all ? 1
        : kaccel_pending_cr3 + kaccel_nb_pending_pages;
    kaccel_pending_all = kaccel_pending_cr3 = false;
    kaccel_nb_pending_pages = 0;
}

/* ---- the kick ---- */

/* The last native run's exit, for the statistics (a hang's last word). */
static struct kaccel_run kaccel_last_exit;

static void kaccel_sigusr1(int sig)
{
    struct kaccel_run *run = kaccel_live_run;

    (void)sig;
    if (__atomic_load_n(&kaccel_in_exec, __ATOMIC_SEQ_CST)) {
        /* the deadline timer (the kick thread has done this already):
         * leave the translator, or the loop at its next check */
        __atomic_store_n(&kaccel_kicked, 1, __ATOMIC_SEQ_CST);
        cpu_exit(kaccel_cpu);
    }
    if (run) {
        run->slice_ns = 1;   /* KACCEL_RUN not entered yet: return at once */
    }
}

/* SIGUSR1 to this thread when ns (> 0) have passed. */
static void kaccel_arm_deadline(int64_t ns)
{
    struct itimerspec its = { .it_value = { ns / 1000000000, ns % 1000000000 } };

    timer_settime(kaccel_deadline_timer, 0, &its, NULL);
}

static void kaccel_kick(CPUState *cpu)
{
    (void)cpu;
    __atomic_store_n(&kaccel_kicked, 1, __ATOMIC_SEQ_CST);
    if (__atomic_load_n(&kaccel_live_run, __ATOMIC_SEQ_CST)) {
        pthread_kill(kaccel_cpu_thread, SIGUSR1);
    }
}

/* ---- the CPU loop ---- */

static bool kaccel_interrupt_pending(CPUState *cpu)
{
    return (cpu->interrupt_request &
            (CPU_INTERRUPT_HARD | CPU_INTERRUPT_NMI | CPU_INTERRUPT_INIT)) != 0;
}

/* One native stretch, one KACCEL_RUN; returns the KaccelAction or a
 * negative errno. */
static int kaccel_native(CPUX86State *env, uint64_t slice_ns, int *vector,
                         uint32_t *error_code)
{
    static struct kaccel_run run;
    int64_t t_prep = clock_get_ns();
    int err, action;

    kaccel_sync_ram();
    kaccel_cpu_enter(&kaccel_vm, env, &run);
    kaccel_add_pending(&run);
    run.slice_ns = slice_ns;
    /* With the kick's store/load order: either the kick sees the run and
     * signals (in KACCEL_RUN: it returns; before: the handler shortens
     * the slice), or this sees the kick. */
    __atomic_store_n(&kaccel_live_run, &run, __ATOMIC_SEQ_CST);
    if (__atomic_load_n(&kaccel_kicked, __ATOMIC_SEQ_CST)) {
        run.slice_ns = 1;
    }
    int64_t t0 = clock_get_ns();
    kaccel_stats.ns_prep += t0 - t_prep;
    err = kaccel_run_prepared(&kaccel_vm, &run);
    int64_t t1 = clock_get_ns();
    kaccel_stats.ns_run += t1 - t0;
    __atomic_store_n(&kaccel_live_run, NULL, __ATOMIC_SEQ_CST);
    kaccel_stats.runs++;
    if (!err) {
        kaccel_clear_pending();
        if (run.reason <= KACCEL_EXIT_SLICE) {
            kaccel_stats.exits[run.reason]++;
        }
        kaccel_last_exit.reason = run.reason;
        kaccel_last_exit.vector = run.vector;
        kaccel_last_exit.addr = run.addr;
        kaccel_last_exit.regs.eip = run.regs.eip;
        if (mimic_log_enabled(LOG_INT)) {
            mimic_log("kaccel: exit %s vector %u error 0x%x insn %u addr 0x%08x at "
                      "eip=0x%08x cr3=0x%08x\n", kaccel_exit_name(run.reason), run.vector,
                      run.error_code, run.insn, run.addr, run.regs.eip, run.regs.cr3);
        }
    } else if (mimic_log_enabled(LOG_INT)) {
        mimic_log("kaccel: KACCEL_RUN %d at eip=0x%08x\n", err, run.regs.eip);
    }
    action = kaccel_cpu_leave(&kaccel_vm, env, &run, err, vector, error_code);
    kaccel_stats.ns_leave += clock_get_ns() - t1;
    return action;
}

/* The instruction at EIP in the translator, alone (the gdb stub's
 * single-step mode): returns cpu_exec's result, EXCP_DEBUG when it ran. */
static int kaccel_step(CPUState *cpu)
{
    bool was = cpu_single_stepping(cpu);
    int64_t t0 = clock_get_ns();
    int excp;

    cpu_single_step(cpu, true);
    excp = cpu_exec(cpu);
    cpu_single_step(cpu, was);
    kaccel_stats.ns_translator += clock_get_ns() - t0;
    kaccel_stats.steps++;
    return excp;
}

/* Something for the main loop: a kick (timer deadline, chardev input),
 * cpu_exit, reset/shutdown, gdb's ^C. */
static bool kaccel_mainloop_wanted(CPUState *cpu)
{
    return __atomic_exchange_n(&kaccel_kicked, 0, __ATOMIC_SEQ_CST) ||
           __atomic_exchange_n(&cpu->exit_request, 0, __ATOMIC_SEQ_CST) ||
           sys_request_pending() || sys_gdb_stop_requested();
}

/* The translator (delivering vector first unless EXCP_NONE) until the
 * guest enters user mode, a kick or another event. *stay: it stopped
 * only because the guest entered user mode, and no timer was armed
 * earlier than the deadline meanwhile, so the loop goes on without a
 * round trip through the main loop (whose other work, expired timers,
 * chardev input, reset and gdb, comes with a kick or a request seen at
 * the top of the loop). */
static int kaccel_translator(CPUState *cpu, int vector, bool *stay)
{
    int64_t t0 = clock_get_ns();
    int r;

    kaccel_user_entry = kaccel_deadline_moved = false;
    r = cpu_exec_deliver(cpu, vector);
    kaccel_stats.ns_translator += clock_get_ns() - t0;
    *stay = r == EXCP_INTERRUPT && kaccel_user_entry && !kaccel_deadline_moved;
    kaccel_user_entry = false;
    if (*stay) {
        kaccel_stats.stays++;
    }
    return r;
}

static int kaccel_exec_loop(CPUState *cpu, int64_t deadline)
{
    CPUX86State *env = (CPUX86State *)cpu;

    for (;;) {
        int vector, r;
        uint32_t error_code;
        bool stay;

        if (kaccel_mainloop_wanted(cpu)) {
            return EXCP_INTERRUPT;
        }
        if (!kaccel_cpu_can_run(env) || kaccel_interrupt_pending(cpu) ||
            (env->hflags & HF_INHIBIT_IRQ_MASK) || cpu->halted) {
            /* The kernel, or an interrupt to take: the translator, until
             * the guest enters user mode (kaccel_user_entered) or a kick. */
            r = kaccel_translator(cpu, EXCP_NONE, &stay);
            if (!stay) {
                return r;
            }
            continue;
        }
        int64_t left = deadline - clock_get_ns();
        if (left <= 0) {
            return EXCP_INTERRUPT;
        }
        r = kaccel_native(env, left, &vector, &error_code);
        switch (r) {
        case KACCEL_DO_MAINLOOP:
            return EXCP_INTERRUPT;
        case KACCEL_DO_RUN_AGAIN:
            /* the host's scheduler ran; the checks at the top still do */
            break;
        case KACCEL_DO_EXCEPTION:
            kaccel_stats.delivered++;
            cpu->error_code = error_code;
            env->exception_is_int = false;
            r = kaccel_translator(cpu, vector, &stay);
            if (!stay) {
                return r;
            }
            break;
        case KACCEL_DO_TRANSLATE:
            r = kaccel_step(cpu);
            if (r != EXCP_DEBUG) {
                return r;
            }
            break;
        case -EINVAL:
            /* a state the module does not run exactly: the translator
             * until the next kick or return to user mode */
            kaccel_stats.refused++;
            r = kaccel_translator(cpu, EXCP_NONE, &stay);
            if (!stay) {
                return r;
            }
            break;
        default:
            kaccel_fatal("KACCEL_RUN", r);
        }
    }
}

static int kaccel_exec(CPUState *cpu, int64_t deadline)
{
    /* back to the main loop at least this often, as a native run is */
    int64_t now = clock_get_ns(), until = now + KACCEL_MAX_SLICE_NS;
    int r;

    if (deadline > until) {
        deadline = until;
    }
    if (!kaccel_stats.ns_start) {
        kaccel_stats.ns_start = now;
    }
    kaccel_arm_deadline(deadline > now ? deadline - now : 1);
    kaccel_stats.ns_arm += clock_get_ns() - now;
    kaccel_stats.execs++;
    __atomic_store_n(&kaccel_in_exec, 1, __ATOMIC_SEQ_CST);
    r = kaccel_exec_loop(cpu, deadline);
    __atomic_store_n(&kaccel_in_exec, 0, __ATOMIC_SEQ_CST);
    kaccel_stats.ns_exec += clock_get_ns() - now;
    /* The main loop now does what a kick or the timer asked for (timers,
     * chardevs, requests): their flags must not end the next call at
     * once. The timer may still fire later: in_exec is 0 then. */
    __atomic_store_n(&kaccel_kicked, 0, __ATOMIC_SEQ_CST);
    __atomic_store_n(&cpu->exit_request, 0, __ATOMIC_SEQ_CST);
    return r;
}

static void kaccel_print_stats(FILE *f)
{
    struct kaccel_stats ms;
    CPUX86State *env = kaccel_cpu ? (CPUX86State *)kaccel_cpu : NULL;

    fprintf(f, "kaccel: %llu native runs, %llu instructions stepped in the translator, "
            "%llu exceptions delivered, %llu refused states, %llu returns to user "
            "mode without the main loop\n",
            (unsigned long long)kaccel_stats.runs, (unsigned long long)kaccel_stats.steps,
            (unsigned long long)kaccel_stats.delivered,
            (unsigned long long)kaccel_stats.refused, (unsigned long long)kaccel_stats.stays);
    fprintf(f, "kaccel: exits");
    for (int i = 0; i <= KACCEL_EXIT_SLICE; i++) {
        fprintf(f, " %s %llu", kaccel_exit_name(i), (unsigned long long)kaccel_stats.exits[i]);
    }
    int64_t total = clock_get_ns() - kaccel_stats.ns_start;
    uint64_t exits = kaccel_stats.runs ? kaccel_stats.runs : 1;
    fprintf(f, "\nkaccel: time %lld ms: %lld ms in KACCEL_RUN, %lld ms in the translator, "
            "%lld ms elsewhere in the CPU loop (%lld preparing runs, %lld taking their "
            "results, %lld arming the deadline timer in %llu calls), %lld ms in the main "
            "loop; %lld us outside KACCEL_RUN per native run",
            (long long)total / 1000000, (long long)kaccel_stats.ns_run / 1000000,
            (long long)kaccel_stats.ns_translator / 1000000,
            (long long)(kaccel_stats.ns_exec - kaccel_stats.ns_run -
                        kaccel_stats.ns_translator) / 1000000,
            (long long)kaccel_stats.ns_prep / 1000000, (long long)kaccel_stats.ns_leave / 1000000,
            (long long)kaccel_stats.ns_arm / 1000000, (unsigned long long)kaccel_stats.execs,
            (long long)(total - kaccel_stats.ns_exec) / 1000000,
            (long long)((total - kaccel_stats.ns_run) / (int64_t)exits / 1000));
    fprintf(f, "\nkaccel: %llu code pages watched, %llu unwatched, %llu invalidations\n",
            (unsigned long long)kaccel_stats.watch_on,
            (unsigned long long)kaccel_stats.watch_off,
            (unsigned long long)kaccel_stats.invalidations);
    if (env) {
        fprintf(f, "kaccel: now eip=0x%08x cs=0x%04x eflags=0x%08x cr3=0x%08x halted %d; "
                "last exit %s vector %u addr 0x%08x at eip=0x%08x\n", env->eip,
                env->segs[R_CS].selector, x86_cpu_get_eflags(env), env->cr[3],
                kaccel_cpu->halted, kaccel_exit_name(kaccel_last_exit.reason),
                kaccel_last_exit.vector, kaccel_last_exit.addr, kaccel_last_exit.regs.eip);
    }
    if (!kaccel_get_stats(&kaccel_vm, &ms)) {
        fprintf(f, "kaccel module: %llu runs, %llu entries, %llu host interrupts, "
                "%llu shadow fills, %llu shadows reused, %llu refills\n",
                (unsigned long long)ms.runs, (unsigned long long)ms.entries,
                (unsigned long long)ms.exits_irq, (unsigned long long)ms.shadow_fills,
                (unsigned long long)ms.root_hits, (unsigned long long)ms.refills);
    }
}

static const MainLoopAccel kaccel_main_loop_accel = {
    .exec = kaccel_exec,
    .kick = kaccel_kick,
    .print_stats = kaccel_print_stats,
    .own_deadline = true,
};

void kaccel_loop_open(void)
{
    const char *path = getenv("MIMIC_KACCEL_DEVICE");
    int err;

    if (!path || !*path) {
        path = "/dev/kaccel";
    }
    err = kaccel_open(&kaccel_vm, path);
    if (err == -ENOENT) {
        fprintf(stderr, "%s: -accel kaccel: %s does not exist (load kaccel.ko: "
                "docs/kaccel.md)\n", sys_progname, path);
        exit(1);
    }
    if (err == -EPROTO || err == -ENOTTY || err == -EINVAL) {
        fprintf(stderr, "%s: -accel kaccel: %s is not /dev/kaccel API version %d\n",
                sys_progname, path, KACCEL_API_VERSION);
        exit(1);
    }
    if (err) {
        fprintf(stderr, "%s: -accel kaccel: cannot open %s: %s\n", sys_progname, path,
                strerror(-err));
        exit(1);
    }
}

void kaccel_loop_init(CPUState *cpu)
{
    struct sigaction sa;

    memset(&sa, 0, sizeof(sa));
    /* KACCEL_RUN returns on a pending signal whatever SA_RESTART says;
     * a late signal must not fail the main loop's other system calls. */
    sa.sa_handler = kaccel_sigusr1;
    sa.sa_flags = SA_RESTART;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGUSR1, &sa, NULL);
    kaccel_cpu_thread = pthread_self();
    kaccel_cpu = cpu;
    struct sigevent sev = { .sigev_notify = SIGEV_THREAD_ID, .sigev_signo = SIGUSR1 };
    sev._sigev_un._tid = (pid_t)syscall(SYS_gettid);
    if (timer_create(CLOCK_MONOTONIC, &sev, &kaccel_deadline_timer) < 0) {
        kaccel_fatal("timer_create", -errno);
    }
    kaccel_sync_ram();
    kaccel_next_deadline_hook = timers_deadline_changed;
    timers_deadline_changed = kaccel_timers_changed;
    x86_accel_notify = &kaccel_notify;
    tlb_code_page_notify = kaccel_code_page;
    main_loop_accel = &kaccel_main_loop_accel;
}
