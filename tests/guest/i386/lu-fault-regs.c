// Guest registers and lazy flags at faults inside hot (optimized) loops:
// seven registers change every iteration, the flags come from an ADD just
// before a guest access that faults on every eighth iteration (a load into
// a register, a load feeding an ALU op, a store, a read-modify-write). The
// SIGSEGV handler prints every register, the arithmetic flags and the
// fault address, then skips the instruction, so the loop goes on with the
// registers of the signal frame. Then a loop that stores into its own
// code while every register is live (the write fault on a page of
// translated code) runs and prints its final registers.
// Mimic keeps guest registers in host registers across guest loads and
// stores and restores them from the host fault context (docs/tcg.md).
#define _GNU_SOURCE
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <ucontext.h>
#include <unistd.h>

#include "fault-loop.h"

#define WINDOW 0x30000000u

__asm__(FAULT_LOOPS);
/* The self-modifying loop, in its own writable code pages. */
__asm__(".section .smc_text, \"awx\", @progbits\n\t"
        ".balign 4096\n"
        SMC_LOOP
        "\t.balign 4096\n\t"
        ".text\n");

volatile uint32_t loop_count, loop_esp;

static const struct {
    const char *name;
    char *site, *end;
} sites[] = {
    { "ld", ld_site, ld_end }, { "alu", alu_site, alu_end },
    { "st", st_site, st_end }, { "rmw", rmw_site, rmw_end },
};
static volatile int nfaults;

static void handler(int sig, siginfo_t *si, void *ucv)
{
    ucontext_t *uc = ucv;
    greg_t *g = uc->uc_mcontext.gregs;
    char line[256];
    int k, n;

    for (k = 0; k < 4; k++) {
        if ((uint32_t)g[REG_EIP] == (uint32_t)(uintptr_t)sites[k].site) {
            break;
        }
    }
    if (k == 4) {
        n = snprintf(line, sizeof(line), "unexpected signal %d at eip %#x\n", sig,
                     (unsigned)g[REG_EIP]);
        write(1, line, n);
        _exit(1);
    }
    n = snprintf(line, sizeof(line),
                 "%s sig %d addr +%#x err %u eax %08x ebx %08x ecx %08x edx %08x "
                 "esi +%#x edi %08x ebp %08x fl %03x esp %+d\n",
                 sites[k].name, sig, (unsigned)((uintptr_t)si->si_addr - WINDOW),
                 (unsigned)g[REG_ERR], (unsigned)g[REG_EAX], (unsigned)g[REG_EBX],
                 (unsigned)g[REG_ECX], (unsigned)g[REG_EDX],
                 (unsigned)g[REG_ESI] - WINDOW, (unsigned)g[REG_EDI],
                 (unsigned)g[REG_EBP], (unsigned)g[REG_EFL] & FL_FLAGS_MASK,
                 (int)((uint32_t)g[REG_ESP] - loop_esp));
    write(1, line, n);
    nfaults++;
    g[REG_EIP] = (greg_t)(uintptr_t)sites[k].end;
}

static void print_regs(const char *what, const struct regs *r)
{
    printf("%s final eax %08x ebx %08x ecx %08x edx %08x esi +%#x edi %08x "
           "ebp %08x fl %03x\n",
           what, r->eax, r->ebx, r->ecx, r->edx, r->esi - WINDOW, r->edi, r->ebp,
           r->eflags & FL_FLAGS_MASK);
}

int main(void)
{
    struct sigaction sa;
    struct regs r;
    void (*const runs[4])(struct regs *, int) = { run_ld, run_alu, run_st, run_rmw };
    long page = sysconf(_SC_PAGESIZE);

    setvbuf(stdout, NULL, _IONBF, 0);
    memset(&sa, 0, sizeof(sa));
    sa.sa_sigaction = handler;
    sa.sa_flags = SA_SIGINFO;
    sigaction(SIGSEGV, &sa, NULL);
    char *w = mmap((void *)(uintptr_t)WINDOW, FL_WINDOW_SIZE, PROT_READ | PROT_WRITE,
                   MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
    if (w == MAP_FAILED) {
        perror("mmap");
        return 1;
    }
    for (uint32_t i = 0; i < FL_WINDOW_SIZE; i += 4) {
        *(uint32_t *)(w + i) = fl_pattern(i);
    }
    mprotect(w + FL_WINDOW_SIZE - 4096, 4096, PROT_NONE);

    for (int k = 0; k < 4; k++) {
        nfaults = 0;
        fl_init_regs(&r, WINDOW, (uint32_t)k * 0x1111u);
        runs[k](&r, 320);
        print_regs(sites[k].name, &r);
        printf("%s: %d faults\n", sites[k].name, nfaults);
    }

    uintptr_t p = (uintptr_t)run_smc & ~(uintptr_t)(page - 1);
    if (mprotect((void *)p, 2 * page, PROT_READ | PROT_WRITE | PROT_EXEC) != 0) {
        perror("mprotect");
        return 1;
    }
    fl_init_regs(&r, WINDOW, 0x777u);
    run_smc(&r, 300);
    print_regs("smc", &r);
    return 0;
}
