/*
 * Executable stacks: GCC's nested-function trampolines live on the stack,
 * so the linker marks the program PT_GNU_STACK RWX and the kernel maps
 * the stack executable (c-torture 20000822-1, nestfunc-*). Also mprotect
 * of the stack with PROT_GROWSDOWN (glibc's _dl_make_stack_executable)
 * and mprotect's checks of the prot bits. Compared with the native run.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

static int apply(int (*f)(int), int n)
{
    return f(n);
}

static int nested_sum(int base)
{
    int offset = base * 3;
    int add(int x) { return x + offset; }   /* needs a trampoline */
    return apply(add, 5) + apply(add, 7);
}

static void show(const char *what, long r)
{
    printf("%-40s r=%ld%s%s\n", what, r, r < 0 ? " errno=" : "", r < 0 ? strerrorname_np(errno) : "");
}

int main(void)
{
    printf("nested function through a trampoline: %d\n", nested_sum(4));
    char *page = (char *)((uintptr_t)__builtin_frame_address(0) & ~(uintptr_t)4095);
    show("mprotect stack RWX|GROWSDOWN", mprotect(page, 4096,
         PROT_READ | PROT_WRITE | PROT_EXEC | PROT_GROWSDOWN));
    printf("nested function after mprotect: %d\n", nested_sum(5));
    char *m = mmap(NULL, 8192, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    show("mprotect GROWSDOWN on a plain mapping", mprotect(m, 4096, PROT_READ | PROT_GROWSDOWN));
    show("mprotect GROWSUP", mprotect(m, 4096, PROT_READ | PROT_GROWSUP));
    show("mprotect GROWSDOWN|GROWSUP", mprotect(m, 4096, PROT_READ | PROT_GROWSDOWN | PROT_GROWSUP));
    show("mprotect bad bit 0x100", mprotect(m, 4096, PROT_READ | 0x100));
    show("mprotect PROT_SEM", mprotect(m, 4096, PROT_READ | 0x8));
    show("mprotect unaligned", mprotect(m + 1, 4096, PROT_READ));
    return 0;
}
