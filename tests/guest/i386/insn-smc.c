/*
 * Self-modifying code: code written into an RWX mmap buffer is run,
 * rewritten and run again (the old translation must go); then a block
 * that stores into its own instruction stream (the next instruction's
 * immediate), which must see the new bytes at once.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>

typedef uint32_t (*fn_t)(uint32_t);

/* mov $imm, %eax; add 4(%esp), %eax; ret */
static void emit_add(uint8_t *p, uint32_t imm)
{
    static const uint8_t tmpl[] = { 0xb8, 0, 0, 0, 0, 0x03, 0x44, 0x24, 0x04, 0xc3 };
    memcpy(p, tmpl, sizeof(tmpl));
    memcpy(p + 1, &imm, 4);
}

/*
 * A function that stores its argument into the immediate of its own next
 * instruction, then runs it:
 *   call 0f; 0: pop %edx; mov 4(%esp), %ecx; mov %ecx, 9(%edx);
 *   1: mov $1, %eax; ret
 */
static const uint8_t patch_self_code[] = {
    0xe8, 0, 0, 0, 0, 0x5a, 0x8b, 0x4c, 0x24, 0x04, 0x89, 0x4a, 0x09,
    0xb8, 1, 0, 0, 0, 0xc3,
};

/*
 * The same with REP MOVSB copying a whole new `mov $v, %eax` over the
 * next instruction (argument: pointer to the 5 new bytes):
 *   push %esi; push %edi; mov 12(%esp), %esi; call 0f; 0: pop %edi;
 *   add $11, %edi; mov $5, %ecx; rep movsb; mov $1, %eax;
 *   pop %edi; pop %esi; ret
 */
static const uint8_t patch_movs_code[] = {
    0x56, 0x57, 0x8b, 0x74, 0x24, 0x0c, 0xe8, 0, 0, 0, 0, 0x5f, 0x83, 0xc7,
    0x0b, 0xb9, 5, 0, 0, 0, 0xf3, 0xa4, 0xb8, 1, 0, 0, 0, 0x5f, 0x5e, 0xc3,
};

int main(void)
{
    uint8_t *buf = mmap(NULL, 8192, PROT_READ | PROT_WRITE | PROT_EXEC,
                        MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (buf == MAP_FAILED) {
        perror("mmap");
        return 1;
    }
    fn_t f = (fn_t)buf;
    for (uint32_t i = 0; i < 20; i++) {
        emit_add(buf, i * 1000);
        uint32_t a = f(7), b = f(8);
        printf("gen %u: %u %u\n", i, a, b);
    }
    /* two functions on one page, rewrite only the second */
    fn_t g = (fn_t)(buf + 64);
    emit_add(buf + 64, 5);
    printf("f=%u g=%u\n", f(1), g(1));
    emit_add(buf + 64, 6);
    printf("f=%u g=%u\n", f(1), g(1));
    /* change one byte: add -> sub */
    buf[64 + 5] = 0x2b;
    printf("sub: g=%u\n", g(1));
    /* a loop whose body is patched while it runs is not portable; patching
     * the next instruction from the same block is. */
    memcpy(buf + 4096, patch_self_code, sizeof(patch_self_code));
    fn_t patch_self = (fn_t)(buf + 4096);
    for (uint32_t i = 0; i < 5; i++) {
        printf("self %u -> %u\n", i * 11, patch_self(i * 11));
    }
    /* the same on the page that holds the caller's first buffer */
    memcpy(buf + 128, patch_self_code, sizeof(patch_self_code));
    fn_t patch2 = (fn_t)(buf + 128);
    for (uint32_t i = 0; i < 5; i++) {
        printf("self2 %u -> %u f=%u\n", i * 13, patch2(i * 13), f(2));
    }
    memcpy(buf + 2048, patch_movs_code, sizeof(patch_movs_code));
    uint32_t (*patch_movs)(const uint8_t *) = (uint32_t (*)(const uint8_t *))(buf + 2048);
    for (uint32_t i = 0; i < 5; i++) {
        uint8_t insn[5] = { 0xb8 };
        uint32_t v = 1000 + i * 17;
        memcpy(insn + 1, &v, 4);
        printf("movs-self %u -> %u\n", v, patch_movs(insn));
    }
    return 0;
}
