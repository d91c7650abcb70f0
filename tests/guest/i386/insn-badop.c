/*
 * Faulting instructions and their signals: invalid encodings (UD2, LOCK
 * on a register or a non-RMW op, bad ModRM forms) give SIGILL at the
 * instruction; INT3 gives SIGTRAP after it; privileged ones (HLT, CLI,
 * IN, INT n) and far transfers give SIGSEGV; DIV by 0 and overflow, AAM 0
 * give SIGFPE; BOUND out of range gives SIGSEGV. Addresses are printed
 * relative to labels.
 */
#define _GNU_SOURCE
#include <setjmp.h>
#include <stdint.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <ucontext.h>

static sigjmp_buf env;
static volatile unsigned long fault_pc;
static volatile int fault_sig, fault_code;
static volatile unsigned long fault_addr;
static volatile unsigned long fault_ecx, fault_esi, fault_edi, fault_eax, fault_efl;

static void handler(int sig, siginfo_t *si, void *uc_)
{
    ucontext_t *uc = uc_;
    fault_sig = sig;
    fault_code = si->si_code;
    fault_addr = (unsigned long)si->si_addr;
    fault_pc = uc->uc_mcontext.gregs[REG_EIP];
    fault_ecx = uc->uc_mcontext.gregs[REG_ECX];
    fault_eax = uc->uc_mcontext.gregs[REG_EAX];
    fault_efl = uc->uc_mcontext.gregs[REG_EFL];
    fault_esi = uc->uc_mcontext.gregs[REG_ESI];
    fault_edi = uc->uc_mcontext.gregs[REG_EDI];
    siglongjmp(env, 1);
}

static unsigned long g_start, g_end;

/* Each case records the addresses around the instruction, then runs it. */
#define CASE(name, code)                                                    \
    do {                                                                    \
        fault_sig = 0;                                                      \
        if (sigsetjmp(env, 1) == 0) {                                       \
            __asm__ volatile("call 0f\n0:\tpop %%eax\n\t"                 \
                             "lea 1f-0b(%%eax), %%ecx\n\tmov %%ecx, %0\n\t" \
                             "lea 2f-0b(%%eax), %%ecx\n\tmov %%ecx, %1\n" \
                             "1:\t" code "\n2:"                             \
                             : "=m"(g_start), "=m"(g_end)                   \
                             :: "memory", "cc", "eax", "ecx", "edx");       \
            printf("%-12s no fault\n", name);                              \
        } else {                                                            \
            print_fault(name);                                              \
        }                                                                   \
    } while (0)

static void print_fault(const char *name)
{
    long rel_pc = (long)(fault_pc - g_start);
    long len = (long)(g_end - g_start);
    if (fault_pc < 0x10000) {
        printf("%-12s sig=%d code=%d pc=abs:%lx ", name, fault_sig, fault_code,
               fault_pc);
    } else {
        printf("%-12s sig=%d code=%d pc=%s%ld ", name, fault_sig, fault_code,
               rel_pc == len ? "end:" : "", rel_pc);
    }
    if (fault_addr < 0x10000) {
        printf("addr=abs:%lx len=%ld\n", fault_addr, len);
    } else {
        printf("addr=rel:%ld len=%ld\n", (long)(fault_addr - g_start), len);
    }
}

int main(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof(sa));
    sa.sa_sigaction = handler;
    sa.sa_flags = SA_SIGINFO | SA_NODEFER;
    sigaction(SIGILL, &sa, NULL);
    sigaction(SIGSEGV, &sa, NULL);
    sigaction(SIGFPE, &sa, NULL);
    sigaction(SIGTRAP, &sa, NULL);
    sigaction(SIGBUS, &sa, NULL);

    CASE("ud2", "ud2");
    CASE("ud1", ".byte 0x0f, 0xb9, 0xc0");
    CASE("ud0", ".byte 0x0f, 0xff, 0xc0");
    CASE("lock reg", ".byte 0xf0, 0x01, 0xc0");
    CASE("lock mov", ".byte 0xf0, 0x89, 0x00");
    CASE("lock cmp", ".byte 0xf0, 0x39, 0x00");
    CASE("lock nop", ".byte 0xf0, 0x90");
    CASE("lea reg", ".byte 0x8d, 0xc0");
    CASE("c7 /1", ".byte 0xc7, 0xc8, 0, 0, 0, 0");
    CASE("mov cs", ".byte 0x8e, 0xc8");
    CASE("mov seg7", ".byte 0x8c, 0xf8");
    CASE("ff /7", ".byte 0xff, 0xf8");
    CASE("cmpxchg8b r", ".byte 0x0f, 0xc7, 0xc8");
    CASE("bad 0f 04", ".byte 0x0f, 0x04");
    CASE("bound reg", ".byte 0x62, 0xc0");
    CASE("fxsave reg", ".byte 0x0f, 0xae, 0xc0");
    CASE("int3", "int3");
    CASE("int $3", "int $3");
    CASE("hlt", "hlt");
    CASE("cli", "cli");
    CASE("sti", "sti");
    CASE("in", "inb $0x60, %%al");
    CASE("out dx", "outb %%al, %%dx");
    CASE("insb", "insb");
    CASE("int $0x41", "int $0x41");
    CASE("lret", "lret");
    CASE("iret", "iret");
    CASE("ljmp", "ljmp $0x7, $0");
    CASE("lcall", "lcall $0x7, $0");
    CASE("rdmsr", "rdmsr");
    CASE("mov cr0", "mov %%cr0, %%eax");
    CASE("mov bad ds", "mov $0x1234, %%eax\n\tmov %%eax, %%ds");
    CASE("mov ldt fs", "mov $0x7, %%eax\n\tmov %%eax, %%fs");
    CASE("mov null ss", "xor %%eax, %%eax\n\tmov %%eax, %%ss");
    CASE("mov null fs", "mov %%fs, %%ecx\n\txor %%eax, %%eax\n\tmov %%eax, %%fs\n\tmov %%ecx, %%fs");
    CASE("mov cs to es", "mov %%es, %%ecx\n\tmov %%cs, %%eax\n\tmov %%eax, %%es\n\tmov %%ecx, %%es");
    CASE("pop bad gs", "push $0x43\n\tpop %%gs");
    CASE("div0", "xor %%ecx, %%ecx\n\tdivl %%ecx");
    CASE("div ovf", "mov $1, %%edx\n\tmov $1, %%ecx\n\tdivl %%ecx");
    CASE("idiv ovf", "mov $0x80000000, %%eax\n\tcltd\n\tmov $-1, %%ecx\n\tidivl %%ecx");
    CASE("divb0", "xor %%ecx, %%ecx\n\tdivb %%cl");
    CASE("idivw ovf", "mov $0x8000, %%eax\n\tmov $0xffff, %%edx\n\tmov $-1, %%ecx\n\tidivw %%cx");
    CASE("aam 0", ".byte 0xd4, 0x00");
    CASE("null load", "xor %%eax, %%eax\n\tmovl (%%eax), %%eax");
    CASE("null store", "mov $16, %%eax\n\tmovl %%eax, (%%eax)");
    CASE("lock null", "xor %%eax, %%eax\n\tlock incl 8(%%eax)");
    CASE("xchg null", "xor %%eax, %%eax\n\txchgl %%eax, 12(%%eax)");
    CASE("jmp null", "xor %%eax, %%eax\n\tjmp *%%eax");
    CASE("ro store", "movb $0x90, 1b-0b(%%eax)");
    /* BOUND out of range */
    static int32_t bounds[2] = { 10, 20 };
    fault_sig = 0;
    if (sigsetjmp(env, 1) == 0) {
        __asm__ volatile("bound %0, %1" : : "r"(21), "m"(bounds));
        printf("bound no fault\n");
    } else {
        printf("bound sig=%d code=%d\n", fault_sig, fault_code);
    }
    /* A REP string op running into an unmapped page stops with the
     * registers as far as it got. */
    char *p = mmap(NULL, 3 * 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    munmap(p + 4096, 4096);
    memset(p, 0x5a, 4096);
    static const char *const names[4] = { "rep movsb", "rep stosl", "rep movsl src", "repe cmpsb" };
    for (int k = 0; k < 4; k++) {
        fault_sig = 0;
        if (sigsetjmp(env, 1) == 0) {
            switch (k) {
            case 0:
                __asm__ volatile("rep movsb" : : "S"(p), "D"(p + 4000), "c"(1000) : "memory");
                break;
            case 1:
                __asm__ volatile("rep stosl" : : "a"(0), "S"(p), "D"(p + 4000), "c"(1000) : "memory");
                break;
            case 2:
                __asm__ volatile("rep movsl" : : "S"(p + 3000), "D"(p), "c"(1000) : "memory");
                break;
            default:
                __asm__ volatile("repe cmpsb" : : "S"(p), "D"(p + 2048), "c"(5000) : "memory", "cc");
                break;
            }
            printf("%s no fault\n", names[k]);
        } else {
            printf("%s sig=%d code=%d addr=%+ld ecx=%lu esi=%+ld edi=%+ld\n", names[k],
                   fault_sig, fault_code, (long)(fault_addr - (unsigned long)p), fault_ecx,
                   (long)(fault_esi - (unsigned long)p), (long)(fault_edi - (unsigned long)p));
        }
    }
    /* REPE CMPSB running into an unmapped page: the flags are those of the
     * last compare done. */
    memset(p, 0x33, 4096);
    for (int k = 0; k < 2; k++) {
        fault_sig = 0;
        if (sigsetjmp(env, 1) == 0) {
            __asm__ volatile("mov $1, %%eax\n\tstc\n\tadc $2, %%eax\n\trepe cmpsb"
                             : : "S"(p + 4096 - 2048 - k), "D"(p + 2048 - 300), "c"(5000)
                             : "memory", "cc", "eax");
            printf("repe cmpsb 2 no fault\n");
        } else {
            printf("repe cmpsb 2 sig=%d ecx=%lu esi=%+ld edi=%+ld efl=%03lx\n", fault_sig,
                   fault_ecx, (long)(fault_esi - (unsigned long)p),
                   (long)(fault_edi - (unsigned long)p), fault_efl & 0x8d5);
        }
    }
    /* Running off the end of code into an unmapped page: the instructions
     * before the boundary run, the one across it faults at its start. */
    uint8_t *code = mmap(NULL, 2 * 4096, PROT_READ | PROT_WRITE | PROT_EXEC,
                         MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    munmap(code + 4096, 4096);
    uint8_t *q = code + 4096 - 10;
    /* mov $7, %eax; inc %eax; inc %eax; mov $0x11223344, %ebx (cut) */
    static const uint8_t tail[] = { 0xb8, 7, 0, 0, 0, 0x40, 0x40, 0xbb, 0x44, 0x33 };
    memcpy(q, tail, sizeof(tail));
    fault_sig = 0;
    if (sigsetjmp(env, 1) == 0) {
        ((void (*)(void))q)();
        printf("code end: no fault\n");
    } else {
        printf("code end: sig=%d code=%d pc=%+ld addr=%+ld eax=%lu\n", fault_sig, fault_code,
               (long)(fault_pc - (unsigned long)code), (long)(fault_addr - (unsigned long)code),
               fault_eax);
    }
    return 0;
}
