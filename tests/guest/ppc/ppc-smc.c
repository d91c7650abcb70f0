/* Self-modifying code: write a function into an executable buffer, run
 * it, rewrite one instruction (with dcbst/sync/icbi/isync as the ABI asks)
 * and run again. (A store into the running block without icbi is left
 * undefined by the PowerPC architecture, so it is tested for i386 only.) */
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>

static void flush(uint32_t *p, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        asm volatile("dcbst 0,%0\n\tsync\n\ticbi 0,%0" : : "r"(p + i) : "memory");
    }
    asm volatile("isync");
}

int main(void)
{
    uint32_t *code = mmap(NULL, 4096, PROT_READ | PROT_WRITE | PROT_EXEC,
                          MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (code == MAP_FAILED) {
        perror("mmap");
        return 1;
    }
    code[0] = 0x38600000 | 42;   /* li r3,42 */
    code[1] = 0x4e800020;        /* blr */
    flush(code, 2);
    int (*fn)(void) = (int (*)(void))code;
    printf("first: %d\n", fn());
    for (int i = 0; i < 5; i++) {
        code[0] = 0x38600000 | (100 + i);
        flush(code, 1);
        printf("rewritten: %d\n", fn());
    }
    return 0;
}
