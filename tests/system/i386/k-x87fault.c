/* x87 code and page faults (system mode): a store or a load of an x87
 * instruction in the middle of a sequence faults on a page that is not
 * present, the #PF handler maps the page and the instruction restarts.
 * SDM Vol. 3A 6.5: a fault is reported with the state before the
 * faulting instruction, so the FPU state afterwards (FNSAVE image) and
 * the stored values must equal those of the same sequence without the
 * fault. Mimic runs such sequences on the host x87 and restores the FPU
 * state at the fault (docs/x87.md, "Inline runs"). */
#include "bm.h"

#define VA 0x40001000u

static uint32_t *dir;
static uint32_t frame;
static volatile uint32_t faults;
static const double vals[4] = { 1.0 / 3.0, 2.0 / 3.0, 1e10, -7.25 };

static void pf_map(struct trap_frame *f)
{
    (void)f;
    faults++;
    pt2_map(dir, VA, frame, PG_P | PG_W);
    invlpg(VA);
}

static void unmap(void)
{
    *pt2_pte(dir, VA) = 0;
    invlpg(VA);
}

/* Sequence `which` with its memory operands at VA; its FNSAVE image
 * and the page's first 32 bytes into out (108 + 32 bytes). */
static void run_seq(int which, uint8_t *out)
{
    volatile uint8_t *page = (volatile uint8_t *)VA;

    switch (which) {
    case 0:     /* FSTP m64 after pushes and ops (C1, PE only on the host) */
        __asm__ volatile("fninit\n\tfldl (%0)\n\tfldl 8(%0)\n\tfmul %%st(1), %%st\n\t"
                         "fld1\n\tfaddp\n\tfstpl (%1)\n\tfldl 16(%0)\n\tfaddp"
                         :: "r"(vals), "r"(VA) : "memory");
        break;
    case 1:     /* FST m64 (no pop) after a compare, then more ops */
        __asm__ volatile("fninit\n\tfldl 24(%0)\n\tfldl (%0)\n\tfcom %%st(1)\n\t"
                         "fdiv %%st(1), %%st\n\tfstl 8(%1)\n\tfsqrt"
                         :: "r"(vals), "r"(VA) : "memory");
        break;
    case 2:     /* FISTP m32 after integer instructions inside the run */
        __asm__ volatile("fninit\n\tfldl 16(%0)\n\tfldl (%0)\n\tmov %%eax, %%edx\n\t"
                         "fmulp\n\tadd $1, %%edx\n\tfistpl 16(%1)\n\tfld1"
                         :: "r"(vals), "r"(VA), "a"(5) : "edx", "memory");
        break;
    default:    /* a load (FADD m64) from the page */
        __asm__ volatile("fninit\n\tfldl (%0)\n\tfldl 8(%0)\n\tfdivr %%st(1), %%st\n\t"
                         "faddl 24(%1)\n\tfldl 24(%0)"
                         :: "r"(vals), "r"(VA) : "memory");
        break;
    }
    __asm__ volatile("fnsave (%0)" :: "r"(out) : "memory");
    for (int i = 0; i < 32; i++) {
        out[108 + i] = page[i];
    }
}

void bm_main(void)
{
    static const char *const names[4] = {
        "x87pf.fstp_m64", "x87pf.fst_m64", "x87pf.fistp_m32", "x87pf.fadd_m64",
    };
    uint8_t ref[140], got[140];

    dir = pt2_new();
    pt2_identity(dir, 4u << 20, PG_P | PG_W | PG_U);
    frame = frame_alloc();
    pt2_map(dir, VA, frame, PG_P | PG_W);
    paging_on_2level(dir, 0);
    trap_handlers[14] = pf_map;
    for (int which = 0; which < 4; which++) {
        uint32_t diff = 0;
        for (int i = 0; i < 32; i++) {
            ((volatile uint8_t *)VA)[i] = (uint8_t)(0x40 + i);
        }
        run_seq(which, ref);
        for (int i = 0; i < 32; i++) {
            ((volatile uint8_t *)VA)[i] = (uint8_t)(0x40 + i);
        }
        unmap();
        faults = 0;
        run_seq(which, got);
        for (int i = 0; i < 140; i++) {
            if (ref[i] != got[i] && !diff) {
                diff = (uint32_t)i + 1;     /* first differing byte, + 1 */
            }
        }
        check_eq(bm_name(names[which], ".faults"), faults, 1);
        check_eq(bm_name(names[which], ".same_state"), diff, 0);
    }
}
