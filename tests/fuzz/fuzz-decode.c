/*
 * libFuzzer target: arbitrary bytes translated and run as guest code (the
 * guest is fixed per binary: FUZZ_GUEST_PPC selects PowerPC, else i386).
 * The bytes end exactly at the end of the only code page, below which one
 * read-write stack page is mapped; everything else of the guest space is
 * unmapped, so random loads, stores and fetches fault. Faults go through
 * linux-user's own host signal handler and come back from cpu_exec as
 * guest exceptions. The run stops at the first exception, syscall or
 * interrupt cpu_exec returns (no guest syscall is performed) or after a
 * few milliseconds of CPU time (SIGVTALRM, cpu_exit). Decoder, optimizer,
 * backend and helpers must never crash or assert, whatever the bytes.
 */
#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>
#include <unistd.h>
#include "exec/exec-all.h"
#include "exec/user-pages.h"
#include "linux-user/lu.h"
#include "linux-user/lu-arch.h"
#include "tests/fuzz/fuzz-lu-arch.h"

#define CODE_PAGE  0x00400000u
#define STACK_PAGE (CODE_PAGE - TARGET_PAGE_SIZE)
#define BUDGET_US  2000        /* CPU time per input */

static CPUState *cpu;
static void *pristine;          /* the state after cpu_create */
static unsigned runs;
/* The handlers linux-user installs for host faults, and the sanitizer's
 * from before them. */
static const int fault_sigs[] = { SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGTRAP };
static struct sigaction lu_act[5], asan_act[5];

static int fault_slot(int sig)
{
    for (int i = 0; i < 5; i++) {
        if (fault_sigs[i] == sig) {
            return i;
        }
    }
    abort();
}

/* linux-user's handler; if it found no guest fault (a bug of ours: it
 * reset the disposition to let the fault kill us), hand the repeated
 * fault to AddressSanitizer instead, which reports it and makes libFuzzer
 * keep the input. */
static void fuzz_fault(int sig, siginfo_t *info, void *uc)
{
    int i = fault_slot(sig);
    lu_act[i].sa_sigaction(sig, info, uc);
    struct sigaction now;
    sigaction(sig, NULL, &now);
    if (!(now.sa_flags & SA_SIGINFO) && now.sa_handler == SIG_DFL) {
        sigaction(sig, &asan_act[i], NULL);
    }
}

static void fuzz_budget_over(int sig)
{
    cpu_exit(cpu);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    lu_arch = &FUZZ_LU_ARCH;
    if (!guest_space_reserve()) {
        abort();
    }
    tcg_exec_init(lu_arch->guest, "jit", 8u << 20);
    cpu = cpu_create(lu_arch->guest);
    pristine = malloc(lu_arch->guest->env_size);
    memcpy(pristine, cpu, lu_arch->guest->env_size);
    lu_ts = lu_task_new(cpu);
    lu_ts->tid = (int)getpid();

    for (int i = 0; i < 5; i++) {
        sigaction(fault_sigs[i], NULL, &asan_act[i]);
    }
    lu_signal_init();
    for (int i = 0; i < 5; i++) {
        sigaction(fault_sigs[i], NULL, &lu_act[i]);
        if (lu_act[i].sa_flags & SA_SIGINFO) {
            struct sigaction sa = lu_act[i];
            sa.sa_sigaction = fuzz_fault;
            sigaction(fault_sigs[i], &sa, NULL);
        }
    }
    struct sigaction sa = { .sa_handler = fuzz_budget_over };
    sigaction(SIGVTALRM, &sa, NULL);

    /* prot 7 / 3, MAP_PRIVATE | MAP_FIXED | MAP_ANONYMOUS (guest values) */
    if (lu_target_mmap(CODE_PAGE, TARGET_PAGE_SIZE, 7, 0x32, -1, 0) != CODE_PAGE ||
        lu_target_mmap(STACK_PAGE, TARGET_PAGE_SIZE, 3, 0x32, -1, 0) != STACK_PAGE) {
        abort();
    }
    return 0;
}

static void fuzz_budget(long us)
{
    struct itimerval t = { .it_value = { .tv_usec = us } };
    setitimer(ITIMER_VIRTUAL, &t, NULL);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0 || size > TARGET_PAGE_SIZE) {
        return 0;
    }
    uint32_t pc = CODE_PAGE + TARGET_PAGE_SIZE - (uint32_t)size;
#ifdef FUZZ_GUEST_PPC
    uint32_t entry = pc & ~3u;
#else
    uint32_t entry = pc;
#endif
    /* Translation write-protects the pages it read code from
     * (self-modifying code): drop their blocks and the protection before
     * writing the next input, and start from the same memory and state. */
    page_unprotect(CODE_PAGE, 0);
    page_unprotect(STACK_PAGE, 0);
    memset(g2h(STACK_PAGE), 0, 2 * TARGET_PAGE_SIZE);
    memcpy(g2h(pc), data, size);
    size_t head = sizeof(CPUState);
    memcpy((char *)cpu + head, (char *)pristine + head, lu_arch->guest->env_size - head);
    lu_arch->cpu_init(cpu, entry, CODE_PAGE - 16);
    cpu->exit_request = 0;
    lu_ts->bus_fault = false;

    fuzz_budget(BUDGET_US);
    cpu_exec(cpu);
    fuzz_budget(0);
    cpu->exit_request = 0;
    if (++runs % 4096 == 0) {
        tb_flush();
    }
    return 0;
}
