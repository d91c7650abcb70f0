// mimic-test: static-only
/*
 * EFLAGS.TF single-stepping (SDM 17.3.1.4): POPF sets TF, the trap
 * (SIGTRAP, si_code TRAP_TRACE) comes after each following instruction,
 * with EIP after it; a jump traps at its target; the handler clears TF
 * in the signal frame after a few steps. The EIPs of the traps, printed
 * relative to the code, must match the native run.
 */
#define _GNU_SOURCE
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <ucontext.h>

static volatile int steps, codes;
static volatile unsigned long eips[16];
extern char ss_start[];

static void on_trap(int sig, siginfo_t *si, void *uc_)
{
    ucontext_t *uc = uc_;
    if (steps < 16) {
        eips[steps] = uc->uc_mcontext.gregs[REG_EIP] - (unsigned long)ss_start;
    }
    codes |= 1 << (si->si_code & 15);
    if (++steps >= 6) {
        uc->uc_mcontext.gregs[REG_EFL] &= ~0x100;
    }
}

int main(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof(sa));
    sa.sa_sigaction = on_trap;
    sa.sa_flags = SA_SIGINFO;
    sigaction(SIGTRAP, &sa, NULL);
    uint32_t r;
    __asm__ volatile(
        "ss_start:\n\t"
        "xor %%eax, %%eax\n\t"
        "pushf\n\t"
        "orl $0x100, (%%esp)\n\t"
        "popf\n\t"
        "inc %%eax\n\t"
        "jmp 1f\n\t"
        "inc %%eax\n"
        "1:\n\t"
        "add $2, %%eax\n\t"
        "nop\n\t"
        "nop\n\t"
        "nop\n\t"
        "nop\n\t"
        "nop"
        : "=a"(r) :: "cc", "memory");
    printf("result %u steps %d codes %x\n", r, steps, codes);
    for (int i = 0; i < steps && i < 16; i++) {
        printf("trap %d at +%lu\n", i, eips[i]);
    }
    return 0;
}
