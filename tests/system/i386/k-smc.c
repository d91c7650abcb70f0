/* Self-modifying code through two virtual mappings of one physical page
 * (SDM Vol. 3A, 11.6): code is written through V1 and executed at V2
 * after a serializing CPUID, repeatedly (so a translator caches it); also
 * code rewritten through its own address, and an instruction patched just
 * ahead of execution in the same straight-line block. */
#include "bm.h"

#define V1 0x40000000u   /* writable alias */
#define V2 0x40001000u   /* executed alias */

static void serialize(void)
{
    uint32_t a, b, c, d;
    cpuid(0, &a, &b, &c, &d);
}

/* "mov $imm, %eax; ret" at p. */
static void emit_ret_imm(volatile uint8_t *p, uint32_t imm)
{
    p[0] = 0xb8;
    p[1] = imm;
    p[2] = imm >> 8;
    p[3] = imm >> 16;
    p[4] = imm >> 24;
    p[5] = 0xc3;
}

__asm__(
    ".text\n"
    "patch_ahead:\n\t"
    "movl %eax, patch_ahead_imm\n\t"
    "jmp 1f\n"
    "1:\t.byte 0xb8\n"       /* mov $imm32, %eax */
    "patch_ahead_imm:\n\t"
    ".long 0\n\t"
    "ret\n");
uint32_t patch_ahead(uint32_t v) __attribute__((regparm(1)));

void bm_main(void)
{
    uint32_t frame = frame_alloc();
    uint32_t *dir = pt2_new();
    pt2_identity(dir, 4u << 20, PG_P | PG_W);
    pt2_map(dir, V1, frame, PG_P | PG_W);
    pt2_map(dir, V2, frame, PG_P | PG_W);
    paging_on_2level(dir, 0);
    uint32_t (*at_v2)(void) = (uint32_t (*)(void))(V2 + 0x40);
    unsigned bad = 0, last = 0;

    for (uint32_t i = 1; i <= 20; i++) {
        emit_ret_imm((volatile uint8_t *)(V1 + 0x40), i * 0x1111);
        serialize();
        for (int k = 0; k < 3; k++) {   /* run each version a few times */
            last = at_v2();
            if (last != i * 0x1111)
                bad++;
        }
    }
    check_eq("smc.alias.wrong_results", bad, 0);
    check_eq("smc.alias.last", last, 20 * 0x1111);

    /* The same page written through the address it runs at. */
    bad = 0;
    for (uint32_t i = 1; i <= 10; i++) {
        emit_ret_imm((volatile uint8_t *)(V2 + 0x40), 0xabc00 + i);
        if (at_v2() != 0xabc00 + i)
            bad++;
    }
    check_eq("smc.same_address.wrong_results", bad, 0);

    /* Kernel code patching the immediate of an instruction a few bytes
     * ahead (same linear address: no serialization needed, 11.6). */
    bad = 0;
    for (uint32_t i = 1; i <= 10; i++)
        if (patch_ahead(0x5000 + i) != 0x5000 + i)
            bad++;
    check_eq("smc.patch_ahead.wrong_results", bad, 0);
}
