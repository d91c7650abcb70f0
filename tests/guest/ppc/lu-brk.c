// mimic-test: static-only
/*
 * brk past the top of the address space (issue 11): Linux refuses it and
 * the break stays where it was, with the program's memory intact (Mimic
 * used to wrap and unmap the guest from 0 up). Compared with qemu-ppc.
 */
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

static char data[64] = "data before";

int main(void)
{
    void *cur = sbrk(0);
    static const unsigned long asks[] = { 0xfffff001ul, 0xfffffffful, 0xfffff000ul };
    for (int i = 0; i < 3; i++) {
        long r = syscall(SYS_brk, asks[i]);
        printf("brk(%#lx) unchanged=%d\n", asks[i], (void *)r == cur);
    }
    char *p = sbrk(4096);
    p[4095] = 1;
    printf("sbrk still works %d, data \"%s\"\n", p == cur, data);
    return 0;
}
