/* The guest of the -accel kaccel speed measurement (tests/kaccel/guest.sh,
 * bench/kaccel.sh): a bare-metal kernel (tests/system/i386/lib) with a
 * 250 Hz timer, Debian's HZ, running bench-loop.S at CPL 3 (IF = 1,
 * IOPL = 0, paging: what -accel kaccel runs natively). "cpu": bench_cpu
 * over a 64 KiB buffer warmed by one pass first, so the timed part has no
 * page fault. "pf": bench_touch over BENCH_PAGES unmapped pages, each a
 * #PF the kernel serves by zeroing a frame and mapping it, as Linux does
 * for fresh anonymous memory. Times are RDTSC differences at CPL 0,
 * which mimic-system-i386 counts in host nanoseconds. BENCH_PASSES,
 * BENCH_REPS and BENCH_PAGES come from the build (guest.sh);
 * bench-native.c prints the same lines for the same work run directly
 * in the VM. */
#include "bm.h"
#include "bench-loop.h"

#ifndef BENCH_PASSES
#define BENCH_PASSES 200
#endif
#ifndef BENCH_REPS
#define BENCH_REPS 1
#endif
#ifndef BENCH_PAGES
#define BENCH_PAGES 1024
#endif
#if BENCH_PAGES > BENCH_MAX_PAGES
#error BENCH_PAGES too large
#endif
#define SEL_UCODE_HI ((7 << 3) | 3)   /* above the module's indexes 2, 3 */
#define SEL_UDATA_HI ((8 << 3) | 3)
#define VA_TOUCH 0x40000000u
#define FRAMES 0x01000000u            /* the fresh pages' frames: 16-32 MiB */
#define IDENTITY (32u << 20)

static uint32_t buf[BENCH_WORDS] __attribute__((aligned(4096)));
static volatile uint32_t ticks, user_ticks, faults, bad_faults;
static uint32_t *dir, next_frame;
static uint32_t passes;

static void pit_irq(struct trap_frame *f)
{
    ticks++;
    if ((f->cs & 3) == 3)
        user_ticks++;
    pic_eoi(0);
}

/* A fresh page of the touch area: a zeroed frame, mapped user-writable. */
static void pf_fresh(struct trap_frame *f)
{
    uint32_t cr2 = read_cr2(), n = 1024, *p = (uint32_t *)next_frame;

    if (cr2 - VA_TOUCH >= BENCH_PAGES * 4096u || (f->err & 1) ||
        next_frame >= FRAMES + BENCH_PAGES * 4096u) {
        bad_faults++;
        bm_printf("FAIL unexpected #PF cr2=0x%x err=0x%x eip=0x%x\n", cr2, f->err, f->eip);
        bm_exit(BM_EXIT_FAIL);
    }
    __asm__ volatile("rep stosl" : "+D"(p), "+c"(n) : "a"(0) : "memory");
    pt2_map(dir, cr2 & ~0xfffu, next_frame, PG_P | PG_W | PG_U);
    next_frame += 4096;
    faults++;
}

static uint64_t rdtsc(void)
{
    uint32_t lo, hi;
    __asm__ volatile("rdtsc" : "=a"(lo), "=d"(hi));
    return ((uint64_t)hi << 32) | lo;
}

static uint32_t user_warm(void) { return bench_cpu(buf, BENCH_WORDS, 1); }
static uint32_t user_cpu(void) { return bench_cpu(buf, BENCH_WORDS, passes); }
static uint32_t user_touch(void) { return bench_touch((uint8_t *)VA_TOUCH, BENCH_PAGES); }

/* The touch area unmapped again (a CR3 reload flushes the TLB). */
static void touch_reset(void)
{
    for (uint32_t va = VA_TOUCH; va < VA_TOUCH + BENCH_PAGES * 4096u; va += 4096)
        *pt2_pte(dir, va) = 0;
    write_cr3((uint32_t)dir);
    next_frame = FRAMES;
    faults = 0;
}

void bm_main(void)
{
    gdt_set(7, 0, 0xfffff, 0xfb, 0xc);
    gdt_set(8, 0, 0xfffff, 0xf3, 0xc);
    bm_user_cs = SEL_UCODE_HI;
    bm_user_ds = SEL_UDATA_HI;
    trap_handlers[0x20] = pit_irq;
    trap_handlers[14] = pf_fresh;
    dir = pt2_new();
    pt2_identity(dir, IDENTITY, PG_P | PG_W | PG_U);
    /* the touch area's page tables, empty */
    pt2_map(dir, VA_TOUCH, 0, 0);
    for (uint32_t va = VA_TOUCH; va < VA_TOUCH + BENCH_PAGES * 4096u; va += 4096)
        *pt2_pte(dir, va) = 0;
    paging_on_2level(dir, 0);
    /* 8254 counter 0, mode 2, 250 Hz (1193182 / 250) */
    outb(0x43, 0x34);
    outb(0x40, 4773 & 0xff);
    outb(0x40, 4773 >> 8);
    pic_unmask(0);

    bench_fill(buf);
    passes = BENCH_PASSES;
    run_user(user_warm, 0x202);
    for (int r = 0; r < BENCH_REPS; r++) {
        uint32_t t0 = ticks, u0 = user_ticks;
        uint64_t c0 = rdtsc();
        uint32_t hash = run_user(user_cpu, 0x202);
        uint64_t c1 = rdtsc();
        bm_printf("bench cpu: words %u passes %u hash 0x%x us %u ticks %u user-ticks %u\n",
                  BENCH_WORDS, passes, hash, (uint32_t)((c1 - c0) / 1000), ticks - t0,
                  user_ticks - u0);
    }
    for (int r = 0; r < BENCH_REPS; r++) {
        touch_reset();
        uint64_t c0 = rdtsc();
        uint32_t sum = run_user(user_touch, 0x202);
        uint64_t c1 = rdtsc();
        bm_printf("bench pf: pages %u sum 0x%x us %u faults %u\n", BENCH_PAGES, sum,
                  (uint32_t)((c1 - c0) / 1000), faults);
        check_eq("bench.pf.sum", sum, BENCH_PAGES * (BENCH_PAGES + 1) / 2);
        check_eq("bench.pf.faults", faults, BENCH_PAGES);
    }
    check_true("bench.timer_ticks", ticks > 0, ticks, "> 0");
    outb(0x21, 0xff);
}
