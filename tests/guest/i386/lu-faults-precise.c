// Precise i386 fault reports, as i386 Linux on the CPU gives them: a
// read-modify-write instruction on unmapped memory is a write fault (error
// code 6); ENTER faults with ESP and EBP unchanged; PUSHF faulting keeps
// ESP and EFLAGS, as does SETcc faulting after computing the flags; INT1
// (0xf1) gives SIGTRAP with Linux's si_code/address.
// Printed: signal, si_code, si_addr, trapno, err, EIP, ESP, EBP, EFLAGS.
#define _GNU_SOURCE
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <ucontext.h>
#include <unistd.h>

static sigjmp_buf env;
static volatile int g_sig, g_code;
static volatile uint32_t g_addr, g_eip, g_trapno, g_err, g_esp, g_ebp, g_efl, g_eax;
static char *hole;          /* an unmapped page */
static char *low;           /* a mapped page just above an unmapped one */
static volatile uint32_t saved_esp, saved_ebp, new_esp;

static void handler(int sig, siginfo_t *si, void *ucv)
{
    ucontext_t *uc = ucv;
    g_sig = sig;
    g_code = si->si_code;
    g_addr = (uint32_t)(uintptr_t)si->si_addr;
    g_eip = uc->uc_mcontext.gregs[REG_EIP];
    g_trapno = uc->uc_mcontext.gregs[REG_TRAPNO];
    g_err = uc->uc_mcontext.gregs[REG_ERR];
    g_esp = uc->uc_mcontext.gregs[REG_ESP];
    g_ebp = uc->uc_mcontext.gregs[REG_EBP];
    g_efl = uc->uc_mcontext.gregs[REG_EFL];
    g_eax = uc->uc_mcontext.gregs[REG_EAX];
    siglongjmp(env, 1);
}

static uint32_t rel(uint32_t v, uint32_t base)
{
    return v - base;
}

static void report(const char *what, const void *insn)
{
    int a = (int)rel(g_addr, (uint32_t)(uintptr_t)hole);
    printf("%-14s sig %d code %d addr %s%+d trapno %u err %u eip %+d\n", what, g_sig, g_code,
           a > -65536 && a < 65536 ? "hole" : "", a > -65536 && a < 65536 ? a : (int)g_addr,
           g_trapno, g_err, (int)rel(g_eip, (uint32_t)(uintptr_t)insn));
}

#define RMW(name, insn)                                                         \
    extern char name##_at[];                                                    \
    g_sig = 0;                                                                  \
    if (!sigsetjmp(env, 1)) {                                                   \
        __asm__ volatile("mov %0, %%ebx\n\tmov $1, %%ecx\n\tmov $3, %%eax\n"    \
                         #name "_at: " insn                                     \
                         :: "r"(hole + 64) : "eax", "ebx", "ecx", "edx", "memory", "cc"); \
    }                                                                           \
    report(#name, name##_at)

static void rmw_tests(void)
{
    RMW(add, "addl %%ecx, (%%ebx)");
    RMW(addb_imm, "addb $5, (%%ebx)");
    RMW(or_imm, "orl $0x100, (%%ebx)");
    RMW(adc, "adcl %%ecx, (%%ebx)");
    RMW(sbb_imm, "sbbw $1, (%%ebx)");
    RMW(inc, "incl (%%ebx)");
    RMW(decb, "decb (%%ebx)");
    RMW(not, "notl (%%ebx)");
    RMW(neg, "negw (%%ebx)");
    RMW(shl, "shll $3, (%%ebx)");
    RMW(sar_cl, "sarl %%cl, (%%ebx)");
    RMW(rol1, "roll (%%ebx)");
    RMW(rcr, "rcrb $2, (%%ebx)");
    RMW(shld, "shldl $4, %%ecx, (%%ebx)");
    RMW(bts, "btsl %%ecx, (%%ebx)");
    RMW(btr_imm, "btrl $3, (%%ebx)");
    RMW(btc, "btcw %%cx, (%%ebx)");
    RMW(xadd, "xaddl %%ecx, (%%ebx)");
    RMW(cmpxchg, "cmpxchgl %%ecx, (%%ebx)");
    RMW(xchg, "xchgl %%ecx, (%%ebx)");
    RMW(lock_add, "lock addl %%ecx, (%%ebx)");
    RMW(lock_inc, "lock incl (%%ebx)");
    RMW(setc, "setc (%%ebx)");
    RMW(mov_st, "movl %%ecx, (%%ebx)");
    RMW(mov_ld, "movl (%%ebx), %%ecx");
    RMW(cmp, "cmpl %%ecx, (%%ebx)");
    RMW(bt, "btl %%ecx, (%%ebx)");
    RMW(pop_mem, "pushl %%ecx\n\tpopl (%%ebx)");
    RMW(push_mem, "pushl (%%ebx)\n\tpopl %%ecx");
    RMW(arpl, "arpl %%cx, (%%ebx)");
}

/* Runs code with ESP = low + 0 (the page below is unmapped), EBP = 0x1234. */
#define STACKOP(name, insn)                                                     \
    extern char name##_at[];                                                    \
    g_sig = 0;                                                                  \
    new_esp = (uint32_t)(uintptr_t)low + 8;                                     \
    if (!sigsetjmp(env, 1)) {                                                   \
        __asm__ volatile("mov %%esp, saved_esp\n\tmov %%ebp, saved_ebp\n"       \
                         "mov new_esp, %%esp\n\tmov $0x1234, %%ebp\n"           \
                         "mov $0x7ff, %%eax\n\tadd $0x7fffffff, %%eax\n\tstd\n" \
                         #name "_at: " insn "\n\tcld\n"                         \
                         "mov saved_ebp, %%ebp\n\tmov saved_esp, %%esp"          \
                         ::: "eax", "ecx", "edx", "memory", "cc");              \
    }                                                                           \
    __asm__ volatile("cld");                                                    \
    report(#name, name##_at);                                                   \
    printf("  esp %+d ebp %#x eflags %#x\n", (int)(g_esp - new_esp), g_ebp,    \
           g_efl & 0xcd5)

static void stack_tests(void)
{
    STACKOP(pushf2, "pushl %%eax\n\tpushl %%eax\n\tpushf");
    STACKOP(pushfw, "pushl %%eax\n\tpushl %%eax\n\tpushfw\n\tpushfw");
    STACKOP(enter0, "enter $16, $0");
    STACKOP(enter1, "pushl %%eax\n\tenter $0x20, $1");
    STACKOP(enter3, "enter $0x2000, $3");
    STACKOP(enter_big, "pushl %%eax\n\tenter $0x3000, $0\n\tmovl $1, (%%esp)");
    STACKOP(call, "pushl %%eax\n\tpushl %%eax\n\tcall .");
    STACKOP(pusha, "pushal");
    STACKOP(setle, "setle -100(%%esp)");
    STACKOP(setp, "setp -100(%%esp)");
    STACKOP(seto, "seto -100(%%esp)");
    STACKOP(rcr_st, "rcrl $1, -100(%%esp)");
}

int main(void)
{
    long pg = sysconf(_SC_PAGESIZE);
    stack_t ss = { .ss_sp = malloc(65536), .ss_size = 65536 };
    sigaltstack(&ss, NULL);
    struct sigaction sa = { .sa_sigaction = handler,
                            .sa_flags = SA_SIGINFO | SA_NODEFER | SA_ONSTACK };
    sigaction(SIGSEGV, &sa, NULL);
    sigaction(SIGBUS, &sa, NULL);
    sigaction(SIGTRAP, &sa, NULL);
    sigaction(SIGILL, &sa, NULL);
    char *m = mmap(NULL, 3 * pg, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    hole = m + pg;
    low = m + 2 * pg;
    munmap(hole, pg);
    memset(low, 0, pg);

    rmw_tests();
    stack_tests();

    extern char int1_at[], int1_after[];
    g_sig = 0;
    if (!sigsetjmp(env, 1)) {
        __asm__ volatile("int1_at: .byte 0xf1\nint1_after: nop");
    }
    printf("int1 sig %d code %d addr-is-after %d addr-is-insn %d addr-null %d trapno %u err %u "
           "eip %+d\n",
           g_sig, g_code, g_addr == (uint32_t)(uintptr_t)int1_after,
           g_addr == (uint32_t)(uintptr_t)int1_at, g_addr == 0, g_trapno, g_err,
           (int)(g_eip - (uint32_t)(uintptr_t)int1_at));
    return 0;
}
