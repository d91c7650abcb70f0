/* User code at CPL 3 with IF = 1, IOPL = 0 and paging on: the state
 * mimic-system-i386 -accel kaccel hands to the host CPU (docs/kaccel.md).
 * A computation long enough for timer interrupts to arrive in user mode,
 * INT n system calls, demand paging through #PF, a user store into a page
 * the kernel executed code from, INVLPG after a PTE change, MOV to CR3
 * between two address spaces, the accessed and dirty bits, x87, RDTSC.
 * Expected values: the SDM's, and sums computed natively on the host. */
#include "bm.h"

#define SEL_UCODE_HI ((7 << 3) | 3)   /* above the module's indexes 2, 3 */
#define SEL_UDATA_HI ((8 << 3) | 3)
#define VA_DEMAND 0x40001000u
#define VA_SWAP   0x40002000u
#define VA_DIRTY  0x40003000u
#define LCG_ROUNDS 5000000u

static volatile uint32_t ticks, user_ticks, syscalls, pf_count, pf_err, pf_cr2;
static volatile uint32_t user_out[4];
static uint32_t *dir_a, *dir_b, demand_frame;
static uint8_t code_page[4096] __attribute__((aligned(4096)));

static void pit_irq(struct trap_frame *f)
{
    ticks++;
    if ((f->cs & 3) == 3)
        user_ticks++;
    pic_eoi(0);
}

/* INT 0x80 (DPL 3): EAX = 2 * EAX + 1. */
static void sys_int80(struct trap_frame *f)
{
    syscalls++;
    f->eax = f->eax * 2 + 1;
}

/* #PF at VA_DEMAND: map it and retry; anything else fails the kernel. */
static void pf_demand(struct trap_frame *f)
{
    uint32_t cr2 = read_cr2();
    if ((cr2 & ~0xfffu) != VA_DEMAND || pf_count) {
        bm_printf("FAIL unexpected #PF cr2=0x%x err=0x%x eip=0x%x\n", cr2, f->err, f->eip);
        bm_exit(BM_EXIT_FAIL);
    }
    pf_count++;
    pf_err = f->err;
    pf_cr2 = cr2;
    pt2_map(dir_a, VA_DEMAND, demand_frame, PG_P | PG_W | PG_U);
}

static uint32_t lcg_sum(void)
{
    uint32_t x = 1, s = 0;
    for (uint32_t i = 0; i < LCG_ROUNDS; i++) {
        x = x * 1103515245u + 12345u;
        s += x >> 16;
    }
    return s;
}

static uint32_t user_lcg(void)
{
    return lcg_sum();
}

static uint32_t user_syscalls(void)
{
    uint32_t sum = 0;
    for (uint32_t i = 0; i < 100; i++) {
        uint32_t v = i;
        __asm__ volatile("int $0x80" : "+a"(v) :: "memory");
        sum += v;
    }
    return sum;
}

static uint32_t user_demand(void)
{
    volatile uint32_t *p = (volatile uint32_t *)(VA_DEMAND + 0x10);
    *p = 0x12345678;
    return *p;
}

/* Rewrites code_page to "mov $imm, %eax; ret" and calls it. */
static void code_set(uint32_t imm)
{
    code_page[0] = 0xb8;
    for (int i = 0; i < 4; i++)
        code_page[1 + i] = (uint8_t)(imm >> (8 * i));
    code_page[5] = 0xc3;
}

static uint32_t code_call(void)
{
    return ((uint32_t (*)(void))code_page)();
}

static uint32_t user_smc(void)
{
    code_set(2);
    return code_call();
}

static uint32_t user_read_swap(void)
{
    return *(volatile uint32_t *)VA_SWAP;
}

static uint32_t user_read_dirty(void)
{
    return *(volatile uint32_t *)VA_DIRTY;
}

static uint32_t user_write_dirty(void)
{
    *(volatile uint32_t *)VA_DIRTY = 7;
    return 0;
}

/* 3 * sqrt(2) with the x87 (extended precision, rounded to double once
 * stored: the host x87 gives 0x4010f876ccdf6cd9). */
static uint32_t user_x87(void)
{
    double r;
    __asm__ volatile("fninit\n\tfld1\n\tfadd %%st(0), %%st(0)\n\tfsqrt\n\t"
                     "fld1\n\tfadd %%st(0), %%st(0)\n\tfld1\n\tfaddp\n\tfmulp\n\tfstpl %0"
                     : "=m"(r));
    uint32_t w[2];
    __builtin_memcpy(w, &r, 8);
    user_out[0] = w[0];
    user_out[1] = w[1];
    return 0;
}

static uint32_t user_rdtsc(void)
{
    uint32_t lo1, hi1, lo2, hi2;
    __asm__ volatile("rdtsc" : "=a"(lo1), "=d"(hi1));
    for (volatile int i = 0; i < 1000; i++) {
    }
    __asm__ volatile("rdtsc" : "=a"(lo2), "=d"(hi2));
    return (((uint64_t)hi2 << 32) | lo2) > (((uint64_t)hi1 << 32) | lo1);
}

static uint32_t run(uint32_t (*fn)(void))
{
    return run_user(fn, 0x202);   /* IF = 1, IOPL = 0 */
}

static uint32_t *dirty_pte(void)
{
    return pt2_pte(dir_a, VA_DIRTY);
}

void bm_main(void)
{
    /* Flat ring-3 segments outside GDT indexes 2 and 3, accessed bits
     * preset (descriptor caches of one selector stay identical). */
    gdt_set(7, 0, 0xfffff, 0xfb, 0xc);
    gdt_set(8, 0, 0xfffff, 0xf3, 0xc);
    bm_user_cs = SEL_UCODE_HI;
    bm_user_ds = SEL_UDATA_HI;
    trap_handlers[0x20] = pit_irq;
    trap_handlers[0x80] = sys_int80;
    trap_handlers[14] = pf_demand;
    idt_set_stub(0x80, GATE_INT32, 3);

    uint32_t f1 = frame_alloc(), f2 = frame_alloc(), f3 = frame_alloc();
    *(uint32_t *)f1 = 0x1111;
    *(uint32_t *)f2 = 0x2222;
    *(uint32_t *)f3 = 0x3333;
    demand_frame = frame_alloc();
    dir_a = pt2_new();
    pt2_identity(dir_a, 4u << 20, PG_P | PG_W | PG_U);
    pt2_map(dir_a, VA_SWAP, f1, PG_P | PG_W | PG_U);
    pt2_map(dir_a, VA_DIRTY, frame_alloc(), PG_P | PG_W | PG_U);
    dir_b = pt2_new();
    pt2_identity(dir_b, 4u << 20, PG_P | PG_W | PG_U);
    pt2_map(dir_b, VA_SWAP, f3, PG_P | PG_W | PG_U);
    paging_on_2level(dir_a, 0);

    /* 8254 counter 0, mode 2, 1 ms (1193 ticks of 1.193182 MHz). */
    outb(0x43, 0x34);
    outb(0x40, 1193 & 0xff);
    outb(0x40, 1193 >> 8);
    pic_unmask(0);

    check_eq("user.lcg.sum", run(user_lcg), 0x2503f4d7);
    check_eq("kernel.lcg.sum", lcg_sum(), 0x2503f4d7);
    check_true("user.timer_ticks_in_user_mode", user_ticks > 0, user_ticks, "> 0");

    check_eq("user.int80.sum", run(user_syscalls), 10000);
    check_eq("user.int80.count", syscalls, 100);

    check_eq("user.demand.value", run(user_demand), 0x12345678);
    check_eq("user.demand.pf_count", pf_count, 1);
    check_eq("user.demand.err", pf_err, 0x6);   /* W/R = 1, U/S = 1, P = 0 */
    check_eq("user.demand.cr2", pf_cr2, VA_DEMAND + 0x10);
    check_eq("user.demand.frame", *(uint32_t *)(demand_frame + 0x10), 0x12345678);

    /* translated at CPL 0, overwritten at CPL 3, run at both */
    code_set(1);
    check_eq("kernel.smc.before", code_call(), 1);
    check_eq("user.smc.after_user_write", run(user_smc), 2);
    check_eq("kernel.smc.after_user_write", code_call(), 2);

    check_eq("user.swap.first", run(user_read_swap), 0x1111);
    *pt2_pte(dir_a, VA_SWAP) = f2 | PG_P | PG_W | PG_U;
    invlpg(VA_SWAP);
    check_eq("user.swap.after_invlpg", run(user_read_swap), 0x2222);
    write_cr3((uint32_t)dir_b);
    check_eq("user.swap.cr3_b", run(user_read_swap), 0x3333);
    write_cr3((uint32_t)dir_a);
    check_eq("user.swap.cr3_a_again", run(user_read_swap), 0x2222);
    /* dir_b changed while dir_a ran: its next load must see it */
    *pt2_pte(dir_b, VA_SWAP) = f1 | PG_P | PG_W | PG_U;
    write_cr3((uint32_t)dir_b);
    check_eq("user.swap.cr3_b_changed", run(user_read_swap), 0x1111);
    write_cr3((uint32_t)dir_a);

    /* SDM 4.8: a read sets A, a write sets D, in the PTE used. */
    *dirty_pte() &= ~(PG_A | PG_D);
    invlpg(VA_DIRTY);
    run(user_read_dirty);
    check_eq("user.ad.after_read", *dirty_pte() & (PG_A | PG_D), PG_A);
    run(user_write_dirty);
    check_eq("user.ad.after_write", *dirty_pte() & (PG_A | PG_D), PG_A | PG_D);
    check_eq("kernel.ad.value", *(volatile uint32_t *)VA_DIRTY, 7);

    run(user_x87);
    check_eq("user.x87.3sqrt2.lo", user_out[0], 0xccdf6cd9);
    check_eq("user.x87.3sqrt2.hi", user_out[1], 0x4010f876);
    check_eq("user.rdtsc.increases", run(user_rdtsc), 1);
    outb(0x21, 0xff);
}
