/*
 * Self-modifying code through atomics: a LOCK'd ADD and an XCHG patch the
 * immediate of an instruction later in the same block (the CPU sees the
 * new code at once). Under Mimic the atomic helper must notice that the
 * running block died and re-run from the patched instruction.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>

/* Copies prog (which ends in "mov eax, imm32; ret") and points its first
 * instruction's immediate (edx) at that imm32, then calls it. */
static int run(uint8_t *code, const uint8_t *prog, size_t n)
{
    memcpy(code, prog, n);
    uint32_t imm_addr = (uint32_t)(uintptr_t)(code + n - 5);
    memcpy(code + 1, &imm_addr, 4);
    return ((int (*)(void))code)();
}

int main(void)
{
    uint8_t *code = mmap(NULL, 4096, PROT_READ | PROT_WRITE | PROT_EXEC,
                         MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (code == MAP_FAILED) {
        perror("mmap");
        return 1;
    }
    /* mov edx, imm_addr; lock add dword [edx], 5; mov eax, 1000; ret */
    static const uint8_t lock_add[] = {
        0xba, 0, 0, 0, 0,             /* mov edx, imm_addr */
        0xf0, 0x83, 0x02, 0x05,       /* lock add dword [edx], 5 */
        0xb8, 0xe8, 0x03, 0x00, 0x00, /* mov eax, 1000 */
        0xc3,
    };
    /* mov edx, imm_addr; mov ecx, 77; xchg [edx], ecx; mov eax, 1000; ret */
    static const uint8_t xchg[] = {
        0xba, 0, 0, 0, 0,
        0xb9, 0x4d, 0x00, 0x00, 0x00, /* mov ecx, 77 */
        0x87, 0x0a,                   /* xchg [edx], ecx */
        0xb8, 0xe8, 0x03, 0x00, 0x00,
        0xc3,
    };
    for (int i = 0; i < 3; i++) {
        printf("lock add patch run %d: %d\n", i, run(code, lock_add, sizeof(lock_add)));
    }
    for (int i = 0; i < 3; i++) {
        printf("xchg patch run %d: %d\n", i, run(code, xchg, sizeof(xchg)));
    }
    return 0;
}
