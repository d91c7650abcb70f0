/* A block whose code is larger than the 16-bit jump offsets of a
 * TranslationBlock: 512 stmw r0 (32 stores each) in a row. The backend
 * must make it (by translating fewer instructions), not abort. */
#include <stdint.h>
#include <stdio.h>
#include <sys/mman.h>

static uint32_t buf[32];

int main(void)
{
    uint32_t *code = mmap(0, 8192, PROT_READ | PROT_WRITE | PROT_EXEC,
                          MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    int n = 0;

    if (code == MAP_FAILED) {
        printf("mmap failed\n");
        return 1;
    }
    for (int i = 0; i < 600; i++) {
        code[n++] = 0xbc030000;   /* stmw r0,0(r3) */
    }
    code[n++] = 0x38630001;       /* addi r3,r3,1 */
    code[n++] = 0x4e800020;       /* blr */
    __builtin___clear_cache((char *)code, (char *)(code + n));
    for (int round = 0; round < 3; round++) {
        uint32_t r = ((uint32_t (*)(uint32_t *))code)(buf);
        printf("round %d: r3 returned base+%u, stored r3 is base: %d, r5 %s\n",
               round, r - (uint32_t)(uintptr_t)buf, buf[3] == (uint32_t)(uintptr_t)buf,
               buf[5] == buf[3] ? "same" : "differs");
    }
    return 0;
}
