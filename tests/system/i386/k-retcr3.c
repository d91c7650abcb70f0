/* Returns across an address-space switch (MOV to CR3, SDM Vol. 3A 4.10.4):
 * code at one virtual address V is a different physical page under each
 * of two page directories; it calls a kernel routine that sometimes loads
 * the other directory, and its return must fetch from the page mapped
 * after the switch (each page's code returns its own value). Repeated, so
 * a translator's return predictor has seen every (page, return) pair:
 * a prediction made under one CR3 must not be used under the other. */
#include "bm.h"

#define V 0x40000000u        /* the code, a different frame per directory */
#define ALIAS 0x50000000u    /* the two frames, writable, in both */
#define VAL_A 0xaaaa0001u
#define VAL_B 0xbbbb0002u

static volatile uint32_t next_cr3;   /* 0: stay */

/* Called from the code at V through `call *%ecx`. */
static void switch_space(void)
{
    if (next_cr3)
        write_cr3(next_cr3);
}

/* call *%ecx; mov $val, %eax; ret */
static void emit(volatile uint8_t *p, uint32_t val)
{
    p[0] = 0xff;
    p[1] = 0xd1;
    p[2] = 0xb8;
    p[3] = val;
    p[4] = val >> 8;
    p[5] = val >> 16;
    p[6] = val >> 24;
    p[7] = 0xc3;
}

static uint32_t run_at_v(void)
{
    uint32_t r, fn = (uint32_t)switch_space;
    __asm__ volatile("call *%2"
                     : "=a"(r), "+c"(fn)
                     : "S"(V + 0x40)
                     : "edx", "memory", "cc");
    return r;
}

void bm_main(void)
{
    uint32_t fa = frame_alloc(), fb = frame_alloc();
    uint32_t *dir_a = pt2_new(), *dir_b = pt2_new();
    unsigned bad = 0, switches = 0;
    int in_b = 0;

    for (int d = 0; d < 2; d++) {
        uint32_t *dir = d ? dir_b : dir_a;
        pt2_identity(dir, 4u << 20, PG_P | PG_W);
        pt2_map(dir, V, d ? fb : fa, PG_P | PG_W);
        pt2_map(dir, ALIAS, fa, PG_P | PG_W);
        pt2_map(dir, ALIAS + 0x1000, fb, PG_P | PG_W);
    }
    paging_on_2level(dir_a, 0);
    emit((volatile uint8_t *)(ALIAS + 0x40), VAL_A);
    emit((volatile uint8_t *)(ALIAS + 0x1040), VAL_B);

    /* Switch on two calls of three: every call site returns both into
     * its own page and into the other one, several times. */
    for (unsigned i = 0; i < 60; i++) {
        int sw = i % 3 != 1;
        next_cr3 = sw ? (uint32_t)(in_b ? dir_a : dir_b) : 0;
        uint32_t got = run_at_v();
        if (sw) {
            in_b = !in_b;
            switches++;
        }
        if (got != (in_b ? VAL_B : VAL_A))
            bad++;
    }
    check_eq("retcr3.switches", switches, 40);
    check_eq("retcr3.wrong_returns", bad, 0);
    write_cr3((uint32_t)dir_a);
}
