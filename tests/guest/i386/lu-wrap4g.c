/*
 * The top of the 4 GiB space: the last pages cannot be mapped (as for a
 * 32-bit task on a 64-bit kernel), and loads that cross 4 GiB or touch
 * unmapped high pages raise SIGSEGV in the guest (lu-faults-wrap.c checks
 * si_code and the frame: the crossing load is the CPU's segment-limit #GP).
 */
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/mman.h>
#include "stack-avoid.h"

static sigjmp_buf jb;

static void on_segv(int sig, siginfo_t *si, void *uc)
{
    (void)si;
    (void)uc;
    printf("  -> signal %d\n", sig);
    siglongjmp(jb, 1);
}

static void try_read(uint32_t addr)
{
    printf("read 4 bytes at 0x%08x\n", addr);
    if (!sigsetjmp(jb, 1)) {
        volatile uint32_t *p = (volatile uint32_t *)(uintptr_t)addr;
        printf("  -> value %08x\n", *p);
    }
}

int main(void)
{
    stack_avoid(0xfffe0000u);   /* the MAP_FIXED below must not hit the stack */
    struct sigaction sa = { .sa_sigaction = on_segv, .sa_flags = SA_SIGINFO };
    sigaction(SIGSEGV, &sa, NULL);
    void *p = mmap((void *)0xfffff000u, 4096, PROT_READ | PROT_WRITE,
                   MAP_FIXED | MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    printf("mmap fixed at 0xfffff000: %s\n", p == MAP_FAILED ? "failed" : "ok");
    void *q = mmap((void *)0xfffe0000u, 0x10000, PROT_READ | PROT_WRITE,
                   MAP_FIXED | MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    printf("mmap fixed at 0xfffe0000: %s\n", q == MAP_FAILED ? "failed" : "ok");
    if (q != MAP_FAILED) {
        *(volatile uint32_t *)0xfffefff8u = 0x12345678;
        try_read(0xfffefff8u);
    }
    try_read(0xfffffffeu);
    try_read(0xffff0000u);
    return 0;
}
