// EFLAGS.AC alignment checks as i386 Linux runs them (CR0.AM set): with AC
// set by POPF, a misaligned data access (load, store, RMW, push, string)
// is #AC: SIGBUS, BUS_ADRALN, no address, trapno 17, EIP at the access;
// byte and aligned accesses run. The handler clears AC first.
#define _GNU_SOURCE
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <ucontext.h>
static sigjmp_buf env;
static volatile int g_sig, g_code;
static volatile uint32_t g_addr, g_eip, g_trapno, g_err, g_efl;
char buf[64] __attribute__((aligned(16)));
static void handler(int sig, siginfo_t *si, void *ucv)
{
    __asm__ volatile("pushf\n\tandl $~0x40000, (%%esp)\n\tpopf" ::: "memory", "cc");
    ucontext_t *uc = ucv;
    g_sig = sig; g_code = si->si_code; g_addr = (uint32_t)(uintptr_t)si->si_addr;
    g_eip = uc->uc_mcontext.gregs[REG_EIP]; g_trapno = uc->uc_mcontext.gregs[REG_TRAPNO];
    g_err = uc->uc_mcontext.gregs[REG_ERR]; g_efl = uc->uc_mcontext.gregs[REG_EFL];
    siglongjmp(env, 1);
}
#define SETAC "pushf\n\torl $0x40000, (%%esp)\n\tpopf\n\t"
#define CLRAC "\n\tpushf\n\tandl $~0x40000, (%%esp)\n\tpopf"
#define T(name, setup, insn) \
    extern char name##_at[]; g_sig = 0; \
    if (!sigsetjmp(env, 1)) { __asm__ volatile("lea buf+1, %%ebx\n\t" setup "\n\t" SETAC #name "_at: " insn CLRAC ::: "eax", "ebx", "ecx", "edx", "esi", "edi", "memory", "cc"); } \
    if (g_sig) printf("%-10s sig %d code %d addr %#x trapno %u err %#x eip %+d ac %d\n", #name, g_sig, g_code, g_addr, g_trapno, g_err, (int)(g_eip - (uint32_t)(uintptr_t)name##_at), !!(g_efl & 0x40000)); else printf("%-10s no signal\n", #name)
int main(void)
{
    struct sigaction sa = { .sa_sigaction = handler, .sa_flags = SA_SIGINFO | SA_NODEFER };
    sigaction(SIGSEGV, &sa, NULL); sigaction(SIGBUS, &sa, NULL);
    T(ld32, "", "movl (%%ebx), %%eax");
    T(ld16, "", "movw (%%ebx), %%ax");
    T(ld8, "", "movb (%%ebx), %%al");
    T(ld16ok, "dec %%ebx", "movw (%%ebx), %%ax");
    T(ld32_2, "inc %%ebx", "movl (%%ebx), %%eax");
    T(st32, "", "movl %%eax, (%%ebx)");
    T(add, "", "addl %%eax, (%%ebx)");
    T(push, "mov %%esp, %%edi\n\tdec %%esp", "push %%eax\n\tmov %%edi, %%esp");
    T(lods, "mov %%ebx, %%esi", "lodsl");
    T(lock_add, "", "lock addl %%eax, (%%ebx)");
    T(xchg, "", "xchgl %%eax, (%%ebx)");
    T(cmpxchg, "", "cmpxchgl %%ecx, (%%ebx)");
    T(movs, "mov %%ebx, %%esi\n\tlea buf+8, %%edi\n\tmov $2, %%ecx", "rep movsl");
    T(stos, "mov %%ebx, %%edi\n\tmov $2, %%ecx", "rep stosl");
    T(movzw, "", "movzwl (%%ebx), %%eax");
    T(ok, "dec %%ebx", "movl (%%ebx), %%eax\n\tmovl %%eax, 4(%%ebx)\n\tmovl $0, %%eax");
    return 0;
}
