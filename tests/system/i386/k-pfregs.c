/* #PF inside hot loops with every register live: the loops of
 * tests/guest/i386/fault-loop.h walk a window of 8 pages whose last page
 * is not present, faulting every eighth iteration on a load, a load
 * feeding an ALU op, a store and a read-modify-write, right after an ADD
 * that sets the flags. The handler checks the registers PUSHA saved, the
 * EFLAGS, EIP, CR2 and error code the CPU pushed against the same loop
 * computed in C (SDM semantics), then resumes after the access. Then a
 * loop that rewrites an immediate of its own code (the write hits the
 * running block) with every register live; its final registers are
 * compared the same way. */
#include "bm.h"
#include "../../guest/i386/fault-loop.h"

#define WINDOW 0x30000000u
#define ITERS 320

volatile uint32_t loop_count, loop_esp;

__asm__(FAULT_LOOPS);
__asm__(".text\n" SMC_LOOP);

static const struct {
    const char *name;
    char *site, *end;
    uint32_t err;          /* SDM Vol. 3A, 4.7: not present, W/R, CPL 0 */
} loops[FL_NB_LOOPS] = {
    { "ld", ld_site, ld_end, 0x0 },
    { "alu", alu_site, alu_end, 0x0 },
    { "st", st_site, st_end, 0x2 },
    /* Not checked: the CPU reports a read-modify-write of a not-present
     * page as a write, QEMU 7.2 and Mimic's system mode as the read. */
    { "rmw", rmw_site, rmw_end, 0xffffffff },
};

static struct regs model;    /* the C model of the running loop */
static uint32_t model_left;  /* its iterations to go */
static int cur_loop, nfaults, nbad, nextra;

/* Runs the model up to its next access to the window's last page (which
 * faults and is skipped), doing the other accesses on the way. Returns 0
 * if the loop ends first. */
static int model_next_fault(void)
{
    while (model_left > 0) {
        uint32_t *p;

        fl_body(&model);
        if (model.esi - WINDOW >= FL_WINDOW_SIZE - 4096) {
            model_left--;
            return 1;
        }
        p = (uint32_t *)model.esi;
        switch (cur_loop) {
        case FL_LD: model.eax = *p; break;
        case FL_ALU: model.ebp += *p; break;
        default: break;                 /* these accesses change no register */
        }
        model_left--;
    }
    return 0;
}

static int diff(const char *what, uint32_t got, uint32_t want)
{
    if (got == want) {
        return 0;
    }
    if (nbad < 4) {
        bm_printf("  %s fault %d: %s got=0x%x want=0x%x\n", loops[cur_loop].name,
                  nfaults, what, got, want);
    }
    return 1;
}

/* SDM Vol. 3A, 6.12.1 and 4.7: the pushed EIP is the faulting instruction,
 * CR2 its linear address, the general registers and EFLAGS those before
 * it (PUSHA saved them in the frame). */
static void pf_handler(struct trap_frame *f)
{
    int bad = 0;

    if (f->eip != (uint32_t)loops[cur_loop].site) {
        bm_printf("FAIL pfregs.%s unexpected #PF eip=0x%x cr2=0x%x\n",
                  loops[cur_loop].name, f->eip, read_cr2());
        bm_exit(BM_EXIT_FAIL);
    }
    if (!model_next_fault()) {
        nextra++;
    } else {
        bad |= diff("cr2", read_cr2(), model.esi);
        if (loops[cur_loop].err != 0xffffffff) {
            bad |= diff("err", f->err, loops[cur_loop].err);
        }
        bad |= diff("eax", f->eax, model.eax);
        bad |= diff("ebx", f->ebx, model.ebx);
        bad |= diff("ecx", f->ecx, model.ecx);
        bad |= diff("edx", f->edx, model.edx);
        bad |= diff("esi", f->esi, model.esi);
        bad |= diff("edi", f->edi, model.edi);
        bad |= diff("ebp", f->ebp, model.ebp);
        bad |= diff("eflags", f->eflags & FL_FLAGS_MASK, model.eflags);
    }
    nbad += bad;
    nfaults++;
    f->eip = (uint32_t)loops[cur_loop].end;
}

static void check_final(const char *loop, const struct regs *r)
{
    char what[32];
    int n = 0;

    for (const char *p = loop; *p && n < 20; p++) {
        what[n++] = *p;
    }
    for (const char *p = ".final"; *p; p++) {
        what[n++] = *p;
    }
    what[n] = 0;
    check_eq(bm_name(what, ".eax"), r->eax, model.eax);
    check_eq(bm_name(what, ".ebx"), r->ebx, model.ebx);
    check_eq(bm_name(what, ".ecx"), r->ecx, model.ecx);
    check_eq(bm_name(what, ".edx"), r->edx, model.edx);
    check_eq(bm_name(what, ".esi"), r->esi, model.esi);
    check_eq(bm_name(what, ".edi"), r->edi, model.edi);
    check_eq(bm_name(what, ".ebp"), r->ebp, model.ebp);
}

static void run_loop(int k, void (*run)(struct regs *, int))
{
    struct regs r;
    uint32_t seed = (uint32_t)k * 0x1111u;
    int missing = 0;

    fl_init_regs(&model, WINDOW, seed);
    fl_init_regs(&r, WINDOW, seed);
    model_left = ITERS;
    cur_loop = k;
    nfaults = nbad = nextra = 0;
    run(&r, ITERS);
    while (model_next_fault()) {
        missing++;
    }
    /* One access in eight is to the last page of the window. */
    check_eq(bm_name(loops[k].name, ".faults"), nfaults,
             ITERS / (FL_WINDOW_SIZE / FL_STEP) * (4096 / FL_STEP));
    check_eq(bm_name(loops[k].name, ".faults_missing"), missing, 0);
    check_eq(bm_name(loops[k].name, ".faults_extra"), nextra, 0);
    check_eq(bm_name(loops[k].name, ".faults_with_wrong_state"), nbad, 0);
    check_final(loops[k].name, &r);
}

/* The self-modifying loop in C: ADD $imm, %eax, the body, the store of
 * EBX as the next immediate, the body again. */
static void run_smc_check(void)
{
    struct regs r;
    uint32_t imm = 0;

    fl_init_regs(&model, WINDOW, 0x777u);
    fl_init_regs(&r, WINDOW, 0x777u);
    for (int i = 0; i < ITERS; i++) {
        model.eax += imm;
        fl_body(&model);
        imm = model.ebx;
        fl_body(&model);
    }
    run_smc(&r, ITERS);
    check_final("smc", &r);
}

void bm_main(void)
{
    uint32_t *dir = pt2_new();

    pt2_identity(dir, 4u << 20, PG_P | PG_W);
    for (uint32_t off = 0; off < FL_WINDOW_SIZE - 4096; off += 4096) {
        pt2_map(dir, WINDOW + off, frame_alloc(), PG_P | PG_W);
    }
    paging_on_2level(dir, 0);
    for (uint32_t off = 0; off < FL_WINDOW_SIZE - 4096; off += 4) {
        *(volatile uint32_t *)(WINDOW + off) = fl_pattern(off);
    }
    trap_handlers[14] = pf_handler;
    run_loop(FL_LD, run_ld);
    run_loop(FL_ALU, run_alu);
    run_loop(FL_ST, run_st);
    run_loop(FL_RMW, run_rmw);
    trap_handlers[14] = 0;
    run_smc_check();
}
