// Faults with error codes and segment limits, as i386 Linux on the CPU
// reports them: #GP with the selector as error code (segment loads, far
// transfers, INT n), and accesses that cross 4 GiB, which the CPU's 4 GiB
// flat segments turn into #GP(0) (SIGSEGV, SI_KERNEL) or #SS(0) through SS
// (SIGBUS), not page faults; accesses inside the top page are page faults.
#define _GNU_SOURCE
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <ucontext.h>
static sigjmp_buf env;
static volatile int g_sig, g_code;
static volatile uint32_t g_addr, g_eip, g_trapno, g_err, g_ds;
static void handler(int sig, siginfo_t *si, void *ucv)
{
    ucontext_t *uc = ucv;
    g_sig = sig; g_code = si->si_code; g_addr = (uint32_t)(uintptr_t)si->si_addr;
    g_eip = uc->uc_mcontext.gregs[REG_EIP]; g_trapno = uc->uc_mcontext.gregs[REG_TRAPNO];
    g_err = uc->uc_mcontext.gregs[REG_ERR];
    siglongjmp(env, 1);
}
#define T(name, setup, insn) \
    extern char name##_at[]; g_sig = 0; \
    if (!sigsetjmp(env, 1)) { __asm__ volatile("push %%ds\n\tpush %%es\n\t" setup "\n" #name "_at: " insn "\n\tpop %%es\n\tpop %%ds" ::: "eax", "ecx", "edx", "memory"); } \
    printf("%-10s sig %d code %d addr %#x trapno %u err %#x eip %+d\n", #name, g_sig, g_code, g_addr, g_trapno, g_err, (int)(g_eip - (uint32_t)(uintptr_t)name##_at))
int main(void)
{
    struct sigaction sa = { .sa_sigaction = handler, .sa_flags = SA_SIGINFO | SA_NODEFER };
    sigaction(SIGSEGV, &sa, NULL); sigaction(SIGBUS, &sa, NULL);
    T(ds_ldt, "mov $0x1234, %%eax", "mov %%eax, %%ds");
    T(ds_gdt, "mov $0xfff8, %%eax", "mov %%eax, %%ds");
    T(ds_gdt3, "mov $0x1f3, %%eax", "mov %%eax, %%es");
    T(ds_code, "mov %%cs, %%eax", "mov %%eax, %%ds");
    T(ss_bad, "mov $0x1b, %%eax", "mov %%eax, %%ss");
    T(ss_null, "xor %%eax, %%eax", "mov %%eax, %%ss");
    T(pop_es, "pushl $0x4321", "pop %%es");
    T(ljmp, "", "ljmp $0x1234, $0");
    T(lcall, "", "lcall $0x73, $0");
    T(ds_null_use, "xor %%eax, %%eax\n\tmov %%eax, %%ds", "movl (%%esp), %%eax");
    T(ds_null_use2, "xor %%eax, %%eax\n\tmov %%eax, %%ds\n\tmov %%esp, %%eax", "movl (%%eax), %%eax");
    T(wrap_gp, "mov $0xfffffffe, %%eax", "movl (%%eax), %%eax");
    T(wrap_gp2, "mov $0xffffffff, %%eax", "movw (%%eax), %%ax");
    T(wrap_gp_st, "mov $0xfffffffd, %%eax", "movl %%eax, (%%eax)");
    T(top_pf, "mov $0xfffffffc, %%eax", "movl (%%eax), %%eax");
    T(top_pf2, "mov $0xfffff000, %%eax", "movl (%%eax), %%eax");
    T(wrap_ss, "push %%ebp\n\tmov $0xfffffffe, %%ebp", "movl (%%ebp), %%eax\n\tpop %%ebp");
    T(wrap_lea, "mov $0x10, %%eax", "movl -0x12(%%eax), %%eax");
    T(int40, "", "int $0x40");
    return 0;
}
