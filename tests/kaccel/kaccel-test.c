/* Tests of /dev/kaccel, run inside the test VM by tests/kaccel/run.sh:
 * guest ring-3 snippets (guest-code.S) under both guest paging modes,
 * every exit reason, A/D bits, invalidation, watches, time slices,
 * signals, the leak policy, and hostile input. Expected values come from
 * the Intel SDM. Prints "KT: ok - NAME" or "KT: FAIL - NAME: why". */
#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sched.h>
#include <sys/mman.h>
#include <sys/time.h>
#include <sys/resource.h>
#include <time.h>
#include <sys/wait.h>
#include <sys/syscall.h>
#include "kaccel-user.h"

struct snippet { const char *name; const uint8_t *start, *end; };
extern const struct snippet gc_table[];

#define RAM_SIZE (16u << 20)
#define PT_BASE 0x100000u
#define CODE 0x400000u
#define DATA 0x600000u
#define STACK_TOP 0x800000u

#define F_P 0x1ull
#define F_W 0x2ull
#define F_U 0x4ull
#define F_A 0x20ull
#define F_D 0x40ull
#define F_PS 0x80ull
#define F_NX (1ull << 63)

#define FL_CODE 0x00c0fa00u  /* G, D, P, DPL 3, S, execute/read */
#define FL_DATA 0x00c0f200u  /* G, B, P, DPL 3, S, read/write */

static KaccelVM vm;
static uint8_t *ram;
static uint32_t pt_next, cr3;
static int pae;
static struct kaccel_regs regs;
static struct kaccel_run run;
static int passed, failed;
static char why[256];

static void report(const char *name, int ok)
{
    if (ok) {
        printf("KT: ok - %s\n", name);
        passed++;
    } else {
        printf("KT: FAIL - %s: %s\n", name, why);
        failed++;
    }
    fflush(stdout);
    why[0] = 0;
}

/* Records the first failed expectation of a test. */
static int expect(int cond, const char *fmt, ...)
{
    va_list ap;

    if (!cond && !why[0]) {
        va_start(ap, fmt);
        vsnprintf(why, sizeof(why), fmt, ap);
        va_end(ap);
    }
    return cond;
}

static uint32_t *u32p(uint32_t gpa) { return (uint32_t *)(ram + gpa); }
static uint64_t *u64p(uint32_t gpa) { return (uint64_t *)(ram + gpa); }

static uint32_t alloc_table(void)
{
    uint32_t g = pt_next;

    pt_next += 4096;
    memset(ram + g, 0, 4096);
    return g;
}

/* The guest-physical address of the leaf entry for lin (creating the
 * tables above it), in the current paging mode. */
static uint32_t leaf_gpa(uint32_t lin)
{
    if (!pae) {
        uint32_t *pde = u32p(cr3 + (lin >> 22) * 4);
        if (!(*pde & F_P))
            *pde = alloc_table() | F_P | F_W | F_U;
        return (*pde & ~0xfffu) + ((lin >> 12) & 1023) * 4;
    }
    uint64_t *pdpte = u64p(cr3 + (lin >> 30) * 8);
    if (!(*pdpte & F_P))
        *pdpte = alloc_table() | F_P;
    uint64_t *pde = u64p((uint32_t)(*pdpte & ~0xfffull) + ((lin >> 21) & 511) * 8);
    if (!(*pde & F_P))
        *pde = alloc_table() | F_P | F_W | F_U;
    return (uint32_t)(*pde & ~0xfffull) + ((lin >> 12) & 511) * 8;
}

static uint32_t pde_gpa(uint32_t lin)
{
    if (!pae)
        return cr3 + (lin >> 22) * 4;
    uint64_t *pdpte = u64p(cr3 + (lin >> 30) * 8);
    if (!(*pdpte & F_P))
        *pdpte = alloc_table() | F_P;
    return (uint32_t)(*pdpte & ~0xfffull) + ((lin >> 21) & 511) * 8;
}

static uint64_t get_entry(uint32_t gpa) { return pae ? *u64p(gpa) : *u32p(gpa); }
static void set_entry(uint32_t gpa, uint64_t v)
{
    if (pae)
        *u64p(gpa) = v;
    else
        *u32p(gpa) = (uint32_t)v;
}

static void map4k(uint32_t lin, uint64_t phys, uint64_t flags)
{
    set_entry(leaf_gpa(lin), phys | flags);
}

/* A 4 MiB (2-level) or 2 MiB (PAE) page. */
static void map_large(uint32_t lin, uint64_t phys, uint64_t flags)
{
    set_entry(pde_gpa(lin), phys | flags | F_PS);
}

static const struct snippet *snip(const char *name)
{
    for (const struct snippet *s = gc_table; s->name; s++)
        if (!strcmp(s->name, name))
            return s;
    fprintf(stderr, "kaccel-test: no snippet %s\n", name);
    exit(2);
}

static struct kaccel_segment seg(uint32_t sel, uint32_t base, uint32_t flags)
{
    struct kaccel_segment s = { sel, base, 0xffffffff, flags };
    return s;
}

/* Fresh page tables in mode (0: 2-level, 1: PAE), code at CODE, a stack
 * page, flat segments, the snippet copied in. */
static void setup(int mode, const char *code)
{
    const struct snippet *s = snip(code);

    pae = mode;
    memset(ram + PT_BASE, 0, 0x100000);
    pt_next = PT_BASE + 0x1000;
    cr3 = PT_BASE;
    memset(ram + CODE, 0xcc, 4096);
    memcpy(ram + CODE, s->start, s->end - s->start);
    map4k(CODE, CODE, F_P | F_U);
    map4k(STACK_TOP - 4096, STACK_TOP - 4096, F_P | F_W | F_U);
    memset(&regs, 0, sizeof(regs));
    regs.eip = CODE;
    regs.eflags = 0x202;
    regs.gpr[4] = STACK_TOP;
    regs.cr0 = 0x80010033;
    regs.cr3 = cr3;
    regs.cr4 = 0x10 | (pae ? 0x20 : 0);
    regs.efer = pae ? 0x800 : 0;
    regs.seg[KACCEL_CS] = seg(0x73, 0, FL_CODE);
    regs.seg[KACCEL_SS] = seg(0x7b, 0, FL_DATA);
    regs.seg[KACCEL_DS] = seg(0x7b, 0, FL_DATA);
    regs.seg[KACCEL_ES] = seg(0x7b, 0, FL_DATA);
    regs.seg[KACCEL_FS] = seg(0, 0, 0);
    regs.seg[KACCEL_GS] = seg(0, 0, 0);
    regs.seg[KACCEL_FS].limit = regs.seg[KACCEL_GS].limit = 0;
    kaccel_invalidate_all(&vm);
}

/* SET_REGS, with the PAE PDPTE registers loaded from the PDPT as a CR3
 * load does. */
static int set_regs(void)
{
    memset(regs.pdpte, 0, sizeof(regs.pdpte));
    if (regs.cr4 & 0x20)
        for (int i = 0; i < 4; i++)
            regs.pdpte[i] = *u64p((regs.cr3 & ~0x1fu) + 8 * i);
    return kaccel_set_regs(&vm, &regs);
}

/* Sets the registers, runs to the first exit other than a time slice or
 * reschedule, reads the registers back. */
static int go(void)
{
    int r = set_regs();

    if (r)
        return expect(0, "set_regs: %s", strerror(-r));
    do {
        r = kaccel_run(&vm, 2000000000ull, &run);
    } while (r == 0 && run.reason == KACCEL_EXIT_RESCHED);
    if (r)
        return expect(0, "run: %s", strerror(-r));
    r = kaccel_get_regs(&vm, &regs);
    return expect(r == 0, "get_regs: %s", strerror(-r));
}

static int exit_is(uint32_t reason, uint32_t vector)
{
    return expect(run.reason == reason && run.vector == vector,
                  "exit %s vector %u error %#x insn %s addr %#x, want %s vector %u",
                  kaccel_exit_name(run.reason), run.vector, run.error_code,
                  kaccel_insn_name(run.insn), run.addr,
                  kaccel_exit_name(reason), vector);
}

static int eq(const char *what, uint64_t got, uint64_t want)
{
    return expect(got == want, "%s = %#llx, want %#llx", what,
                  (unsigned long long)got, (unsigned long long)want);
}

static const char *mode_name(int mode) { return mode ? "pae" : "2level"; }

static void named(const char *test, int mode, int ok)
{
    char name[96];

    snprintf(name, sizeof(name), "%s/%s", test, mode_name(mode));
    report(name, ok);
}

/* INT3 and INT n exit as software interrupts with EIP on the instruction
 * (the translator runs it); the state before it is exact. */
static void test_softint(int mode)
{
    int ok;

    setup(mode, "int3");
    ok = go() && exit_is(KACCEL_EXIT_SOFTINT, 3) &&
         eq("eax", regs.gpr[0], 0x12345679) && eq("eip", regs.eip, CODE + 8) &&
         eq("eflags", regs.eflags & 0x8d5, 0);
    named("softint-int3", mode, ok);

    setup(mode, "int80");
    ok = go() && exit_is(KACCEL_EXIT_SOFTINT, 0x80) && eq("eip", regs.eip, CODE);
    named("softint-int80", mode, ok);

    setup(mode, "into");
    ok = go() && exit_is(KACCEL_EXIT_SOFTINT, 4) && eq("eip", regs.eip, CODE + 8);
    named("softint-into", mode, ok);
}

static void test_regs(int mode)
{
    static const uint32_t v[8] = { 0x11111110, 0x22222220, 0x33333330, 0x44444440,
                                   0, 0x66666660, 0x77777770, 0x88888880 };
    int ok;

    setup(mode, "incall");
    for (int i = 0; i < 8; i++)
        if (i != 4)
            regs.gpr[i] = v[i];
    ok = go() && exit_is(KACCEL_EXIT_INSN, 13) &&
         eq("insn", run.insn, KACCEL_INSN_PRIV) && eq("eip", regs.eip, CODE + 7);
    for (int i = 0; ok && i < 8; i++)
        if (i != 4)
            ok = eq("gpr", regs.gpr[i], v[i] + 1);
    ok = ok && eq("esp", regs.gpr[4], STACK_TOP);
    named("registers", mode, ok);
}

/* Instructions the translator must run: privileged, I/O, SYSENTER,
 * SYSCALL. */
static void test_insn(int mode)
{
    static const struct { const char *code; uint32_t insn; } t[] = {
        { "sysenter", KACCEL_INSN_SYSENTER }, { "syscall", KACCEL_INSN_SYSCALL },
        { "out", KACCEL_INSN_IO }, { "in", KACCEL_INSN_IO },
        { "cli", KACCEL_INSN_PRIV }, { "movcr", KACCEL_INSN_PRIV },
    };
    for (unsigned i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
        char name[64];
        int ok;

        setup(mode, t[i].code);
        ok = go() && expect(run.reason == KACCEL_EXIT_INSN, "exit %s vector %u",
                            kaccel_exit_name(run.reason), run.vector) &&
             expect(run.vector == 13 || run.vector == 6, "vector %u", run.vector) &&
             eq("insn", run.insn, t[i].insn) && eq("eip", regs.eip, CODE);
        snprintf(name, sizeof(name), "insn-%s", t[i].code);
        named(name, mode, ok);
    }
}

static void test_exceptions(int mode)
{
    int ok;

    setup(mode, "div0");
    regs.gpr[0] = 5;
    ok = go() && exit_is(KACCEL_EXIT_EXCEPTION, 0) && eq("eip", regs.eip, CODE + 2);
    named("exception-de", mode, ok);

    setup(mode, "ud2");
    ok = go() && exit_is(KACCEL_EXIT_EXCEPTION, 6) && eq("eip", regs.eip, CODE);
    named("exception-ud", mode, ok);

    /* single step: #DB after the first instruction, DR6.BS */
    setup(mode, "int3");
    regs.eflags |= 0x100;
    ok = go() && exit_is(KACCEL_EXIT_EXCEPTION, 1) && eq("eip", regs.eip, CODE + 5) &&
         eq("eax", regs.gpr[0], 0x12345678) && eq("DR6.BS", run.gpa & 0x4000, 0x4000);
    named("exception-db-single-step", mode, ok);

    setup(mode, "segload");
    ok = go() && exit_is(KACCEL_EXIT_EXCEPTION, 13) && eq("error", run.error_code, 0x80) &&
         eq("eip", regs.eip, CODE + 5);
    named("exception-gp-segment", mode, ok);
}

/* Guest page faults: not present, read-only, supervisor, NX. */
/* After a guest #PF the kernel maps the page and the guest retries the
 * same instruction with the same registers: the module fills the shadow
 * first (a refill), so the retry runs without a second fault and sets
 * the accessed and dirty bits exactly as the access does (SDM 4.8).
 * With other registers (the kernel changed EIP), no refill. */
static void test_pf_refill(int mode)
{
    struct kaccel_stats st0, st1;
    int ok;

    setup(mode, "store");
    regs.gpr[0] = 0x5a5a;
    regs.gpr[3] = DATA + 8;
    ok = go() && exit_is(KACCEL_EXIT_EXCEPTION, 14) && eq("error", run.error_code, 6);
    map4k(DATA, 0x900000, F_P | F_W | F_U);
    kaccel_get_stats(&vm, &st0);
    ok = ok && go() && exit_is(KACCEL_EXIT_SOFTINT, 3);
    kaccel_get_stats(&vm, &st1);
    ok = ok && eq("stored", *u32p(0x900008), 0x5a5a) && eq("refills", st1.refills - st0.refills, 1) &&
         eq("one entry", (st1.entries - st0.entries) - (st1.exits_irq - st0.exits_irq), 1) &&
         eq("A D", get_entry(leaf_gpa(DATA)) & (F_A | F_D), F_A | F_D);
    /* a read retried: A only */
    setup(mode, "load");
    regs.gpr[3] = DATA + 8;
    ok = ok && go() && exit_is(KACCEL_EXIT_EXCEPTION, 14);
    map4k(DATA, 0x900000, F_P | F_W | F_U);
    kaccel_get_stats(&vm, &st0);
    ok = ok && go() && exit_is(KACCEL_EXIT_SOFTINT, 3) && eq("loaded", regs.gpr[0], 0x5a5a);
    kaccel_get_stats(&vm, &st1);
    ok = ok && eq("refills", st1.refills - st0.refills, 1) &&
         eq("A D", get_entry(leaf_gpa(DATA)) & (F_A | F_D), F_A);
    /* the kernel sent the guest elsewhere: no refill, no A bit */
    setup(mode, "load");
    regs.gpr[3] = DATA + 8;
    ok = ok && go() && exit_is(KACCEL_EXIT_EXCEPTION, 14);
    map4k(DATA, 0x900000, F_P | F_W | F_U);
    const struct snippet *loop = snip("loop");
    memcpy(ram + CODE + 0x100, loop->start, loop->end - loop->start);
    regs.eip = CODE + 0x100;
    kaccel_get_stats(&vm, &st0);
    set_regs();
    ok = ok && eq("run", kaccel_run(&vm, 1000000, &run), 0);
    kaccel_get_stats(&vm, &st1);
    ok = ok && eq("no refill", st1.refills - st0.refills, 0) &&
         eq("A", get_entry(leaf_gpa(DATA)) & F_A, 0);
    named("pf-refill", mode, ok);
}

static void test_page_faults(int mode)
{
    int ok;

    setup(mode, "load");
    regs.gpr[3] = DATA + 0x10;
    ok = go() && exit_is(KACCEL_EXIT_EXCEPTION, 14) && eq("error", run.error_code, 4) &&
         eq("cr2", run.addr, DATA + 0x10) && eq("regs.cr2", regs.cr2, DATA + 0x10) &&
         eq("eip", regs.eip, CODE);
    named("pf-not-present", mode, ok);

    setup(mode, "store");
    map4k(DATA, DATA, F_P | F_U);
    regs.gpr[3] = DATA + 4;
    ok = go() && exit_is(KACCEL_EXIT_EXCEPTION, 14) && eq("error", run.error_code, 7) &&
         eq("cr2", run.addr, DATA + 4) && eq("dirty", get_entry(leaf_gpa(DATA)) & F_D, 0);
    named("pf-read-only", mode, ok);

    setup(mode, "load");
    map4k(DATA, DATA, F_P | F_W);
    regs.gpr[3] = DATA;
    ok = go() && exit_is(KACCEL_EXIT_EXCEPTION, 14) && eq("error", run.error_code, 5) &&
         eq("accessed", get_entry(leaf_gpa(DATA)) & F_A, 0);
    named("pf-supervisor", mode, ok);

    if (mode) {
        setup(mode, "jmpebx");
        map4k(DATA, DATA, F_P | F_U | F_NX);
        memset(ram + DATA, 0xcc, 16);
        regs.gpr[3] = DATA;
        ok = go() && exit_is(KACCEL_EXIT_EXCEPTION, 14) &&
             eq("error", run.error_code, 0x15) && eq("eip", regs.eip, DATA);
        named("pf-nx", mode, ok);
    }
    test_pf_refill(mode);
}

/* Accessed and dirty bits, 4 KiB and large pages. */
static void test_ad(int mode)
{
    int ok;
    uint32_t e;

    setup(mode, "load");
    map4k(DATA, 0x900000, F_P | F_W | F_U);
    *u32p(0x900010) = 0xdeadbeef;
    regs.gpr[3] = DATA + 0x10;
    e = leaf_gpa(DATA);
    ok = go() && exit_is(KACCEL_EXIT_SOFTINT, 3) && eq("eax", regs.gpr[0], 0xdeadbeef) &&
         eq("A", get_entry(e) & F_A, F_A) && eq("D", get_entry(e) & F_D, 0) &&
         eq("pde A", get_entry(pde_gpa(DATA)) & F_A, F_A);
    named("ad-read", mode, ok);

    setup(mode, "store");
    map4k(DATA, 0x900000, F_P | F_W | F_U);
    regs.gpr[0] = 0x5a5a5a5a;
    regs.gpr[3] = DATA + 0x20;
    e = leaf_gpa(DATA);
    ok = go() && exit_is(KACCEL_EXIT_SOFTINT, 3) && eq("mem", *u32p(0x900020), 0x5a5a5a5a) &&
         eq("A", get_entry(e) & F_A, F_A) && eq("D", get_entry(e) & F_D, F_D);
    named("ad-write", mode, ok);

    /* read first (clean shadow), then write: the write must set D */
    setup(mode, "load");
    map4k(DATA, 0x900000, F_P | F_W | F_U);
    regs.gpr[3] = DATA;
    e = leaf_gpa(DATA);
    ok = go() && eq("D after read", get_entry(e) & F_D, 0);
    memcpy(ram + CODE, snip("store")->start, 3);
    regs.eip = CODE;
    ok = ok && go() && exit_is(KACCEL_EXIT_SOFTINT, 3) && eq("D after write", get_entry(e) & F_D, F_D);
    named("ad-read-then-write", mode, ok);

    setup(mode, "store");
    map_large(0xc00000, 0xc00000, F_P | F_W | F_U);
    regs.gpr[0] = 0x01020304;
    regs.gpr[3] = 0xd12340;
    e = pde_gpa(0xc00000);
    ok = go() && exit_is(KACCEL_EXIT_SOFTINT, 3) && eq("mem", *u32p(0xd12340), 0x01020304) &&
         eq("A", get_entry(e) & F_A, F_A) && eq("D", get_entry(e) & F_D, F_D);
    named("large-page-write", mode, ok);

    setup(mode, "load");
    map_large(0xc00000, 0x800000, F_P | F_U);
    *u32p(0x800000 + 0x1ff000) = 0xcafe;
    regs.gpr[3] = 0xc00000 + 0x1ff000;
    e = pde_gpa(0xc00000);
    ok = go() && exit_is(KACCEL_EXIT_SOFTINT, 3) && eq("eax", regs.gpr[0], 0xcafe) &&
         eq("A", get_entry(e) & F_A, F_A) && eq("D", get_entry(e) & F_D, 0);
    named("large-page-read", mode, ok);

    /* many pages: shadow tables grow and are freed */
    setup(mode, "touch");
    for (uint32_t i = 0; i < 256; i++)
        map4k(0x1000000 + i * 4096, 0xa00000 + i * 4096, F_P | F_W | F_U);
    regs.gpr[3] = 0x1000000;
    regs.gpr[1] = 256;
    regs.gpr[0] = 7;
    ok = go() && exit_is(KACCEL_EXIT_SOFTINT, 3) && eq("last", *u32p(0xa00000 + 255 * 4096), 7) &&
         eq("D", get_entry(leaf_gpa(0x1000000 + 200 * 4096)) & F_D, F_D);
    named("touch-256-pages", mode, ok);
}

/* A changed guest PTE takes effect after INVLPG (the invalidate ioctl). */
static void test_invalidate(int mode)
{
    int ok;

    setup(mode, "load");
    map4k(DATA, 0x900000, F_P | F_U);
    map4k(DATA + 0x1000, 0x901000, F_P | F_U);
    *u32p(0x900000) = 1;
    *u32p(0x901000) = 3;
    *u32p(0x902000) = 2;
    regs.gpr[3] = DATA;
    ok = go() && eq("before", regs.gpr[0], 1);
    map4k(DATA, 0x902000, F_P | F_U);
    ok = ok && eq("invalidate", kaccel_invalidate_page(&vm, DATA), 0);
    regs.eip = CODE;
    ok = ok && go() && eq("after invlpg", regs.gpr[0], 2);
    map4k(DATA, 0x901000, F_P | F_U);
    ok = ok && eq("invalidate all", kaccel_invalidate_all(&vm), 0);
    regs.eip = CODE;
    ok = ok && go() && eq("after flush", regs.gpr[0], 3);
    /* a new CR3 (another address space) flushes too */
    regs.cr3 = cr3 + 0x80000;
    memcpy(ram + cr3 + 0x80000, ram + cr3, pae ? 32 : 4096);
    regs.eip = CODE;
    ok = ok && go() && eq("other cr3", regs.gpr[0], 3);
    named("invalidate", mode, ok);

    if (!mode)
        return;
    /* PAE: the PDPTEs are registers loaded at CR3 load (SDM 4.4.1): a
     * rewritten PDPT matters only after the next CR3 load */
    setup(mode, "load");
    map4k(DATA, 0x900000, F_P | F_U);
    *u32p(0x900000) = 1;
    regs.gpr[3] = DATA;
    ok = go() && eq("before", regs.gpr[0], 1);
    uint32_t pd2 = alloc_table();
    memcpy(ram + pd2, ram + (uint32_t)(*u64p(cr3) & ~0xfffull), 4096);
    uint64_t old_pdpte = *u64p(cr3);
    *u64p(cr3) = pd2 | F_P;
    *u64p(pd2 + ((DATA >> 21) & 511) * 8) = 0; /* a new page table below */
    map4k(DATA, 0x902000, F_P | F_U);          /* through the new PD */
    *u32p(0x902000) = 2;
    ok = ok && eq("flush", kaccel_invalidate_all(&vm), 0);
    regs.eip = CODE;
    ok = ok && eq("set_regs, PDPTEs as latched", kaccel_set_regs(&vm, &regs), 0);
    int r = kaccel_run(&vm, 2000000000ull, &run);
    kaccel_get_regs(&vm, &regs);
    ok = ok && eq("run", r, 0) && eq("old PDPTE in force", regs.gpr[0], 1);
    regs.eip = CODE;
    ok = ok && go() && eq("after the CR3 load", regs.gpr[0], 2);
    ok = ok && eq("old pdpte kept", old_pdpte & 1, 1);
    named("pae-pdpte-registers", mode, ok);
}

static uint64_t fills(void)
{
    struct kaccel_stats st;

    kaccel_get_stats(&vm, &st);
    return st.shadow_fills;
}

static int run_at(const char *code, uint32_t cr3_value)
{
    const struct snippet *s = snip(code);

    memcpy(ram + CODE, s->start, s->end - s->start);
    regs.cr3 = cr3_value;
    regs.eip = CODE;
    return go() && exit_is(KACCEL_EXIT_SOFTINT, 3);
}

/* The shadow cache keyed by CR3: going back to an address space whose
 * tables did not change reuses its shadow (no new fills); a changed table
 * (an entry rewritten, an accessed bit cleared) drops it, as a CR3 load
 * must. */
static void test_cr3_cache(int mode)
{
    uint32_t a, b, e;
    uint64_t f0;
    int ok;

    setup(mode, "touch");
    for (uint32_t i = 0; i < 64; i++)
        map4k(0x1000000 + i * 4096, 0xa00000 + i * 4096, F_P | F_W | F_U);
    a = cr3;
    b = cr3 + 0x80000;
    memcpy(ram + b, ram + a, pae ? 32 : 4096);
    regs.gpr[3] = 0x1000000;
    regs.gpr[1] = 64;
    ok = run_at("touch", a);
    regs.gpr[3] = 0x1000000;
    regs.gpr[1] = 64;
    ok = ok && run_at("touch", b);
    f0 = fills();
    regs.gpr[3] = 0x1000000;
    regs.gpr[1] = 64;
    ok = ok && run_at("touch", a) && eq("new fills back in A", fills() - f0, 0);
    /* the same CR3 loaded again, tables unchanged: kept */
    f0 = fills();
    ok = ok && eq("invalidate cr3", kaccel_invalidate_cr3(&vm), 0);
    regs.gpr[3] = 0x1000000;
    regs.gpr[1] = 64;
    ok = ok && run_at("touch", a) && eq("new fills after same CR3", fills() - f0, 0);
    named("cr3-cache-reuse", mode, ok);

    /* a shared table changes while B runs: A's shadow must not survive */
    regs.gpr[3] = 0x1000000 + 5 * 4096;
    ok = run_at("load", b);
    *u32p(0xb00000) = 0x600d;
    map4k(0x1000000 + 5 * 4096, 0xb00000, F_P | F_W | F_U);
    regs.gpr[3] = 0x1000000 + 5 * 4096;
    ok = ok && run_at("load", a) && eq("eax", regs.gpr[0], 0x600d);
    /* the same CR3 reloaded after an entry changed */
    *u32p(0xb01000) = 0xfeed;
    map4k(0x1000000 + 5 * 4096, 0xb01000, F_P | F_W | F_U);
    ok = ok && eq("invalidate cr3", kaccel_invalidate_cr3(&vm), 0);
    regs.gpr[3] = 0x1000000 + 5 * 4096;
    ok = ok && run_at("load", a) && eq("eax after reload", regs.gpr[0], 0xfeed);
    named("cr3-cache-coherent", mode, ok);

    /* the guest kernel clears an accessed bit, switches away and back:
     * the next access sets it again */
    e = leaf_gpa(0x1000000 + 7 * 4096);
    regs.gpr[3] = 0x1000000 + 7 * 4096;
    ok = run_at("load", a) && eq("A", get_entry(e) & F_A, F_A);
    set_entry(e, get_entry(e) & ~F_A);
    regs.gpr[3] = 0x1000000 + 7 * 4096;
    ok = ok && run_at("load", b);
    set_entry(e, get_entry(e) & ~F_A);
    regs.gpr[3] = 0x1000000 + 7 * 4096;
    ok = ok && run_at("load", a) && eq("A again", get_entry(e) & F_A, F_A);
    named("cr3-cache-accessed-bits", mode, ok);
}

/* Guest-physical memory outside RAM is MMIO; watched pages exit on
 * writes. */
static void test_mmio_watch(int mode)
{
    int ok;

    setup(mode, "load");
    map4k(DATA, 0xfee00000u, F_P | F_U);
    regs.gpr[3] = DATA + 0x30;
    ok = go() && exit_is(KACCEL_EXIT_MMIO, 0) && eq("gpa", run.gpa, 0xfee00030u) &&
         eq("addr", run.addr, DATA + 0x30) && eq("eip", regs.eip, CODE);
    named("mmio", mode, ok);

    setup(mode, "store");
    map4k(DATA, 0x900000, F_P | F_W | F_U);
    *u32p(0x900008) = 0;
    ok = eq("watch", kaccel_watch(&vm, 0x900000, 1), 0);
    regs.gpr[3] = DATA + 8;
    regs.gpr[0] = 99;
    ok = ok && go() && exit_is(KACCEL_EXIT_WATCH, 0) && eq("gpa", run.gpa, 0x900008) &&
         eq("eip", regs.eip, CODE) && eq("mem", *u32p(0x900008), 0);
    ok = ok && eq("unwatch", kaccel_watch(&vm, 0x900000, 0), 0) && go() &&
         exit_is(KACCEL_EXIT_SOFTINT, 3) && eq("mem", *u32p(0x900008), 99);
    named("watch", mode, ok);

    /* a page table outside RAM */
    setup(mode, "load");
    regs.gpr[3] = 0x3000000;
    if (!pae)
        *u32p(cr3 + (0x3000000 >> 22) * 4) = 0x40000000 | 7;
    else
        set_entry(pde_gpa(0x3000000), 0x40000000 | 7);
    ok = go() && exit_is(KACCEL_EXIT_MMIO, 0) && eq("eip", regs.eip, CODE);
    named("page-table-outside-ram", mode, ok);
}

static void test_segments(int mode)
{
    int ok;

    setup(mode, "load");
    map4k(DATA, DATA, F_P | F_U);
    *u32p(DATA + 0x1010) = 0x77;
    map4k(DATA + 0x1000, DATA + 0x1000, F_P | F_U);
    regs.seg[KACCEL_DS] = seg(0x8b, 0x1000, FL_DATA);
    regs.gpr[3] = DATA + 0x10;
    ok = go() && exit_is(KACCEL_EXIT_SOFTINT, 3) && eq("eax", regs.gpr[0], 0x77) &&
         eq("ds", regs.seg[KACCEL_DS].selector, 0x8b);
    named("segment-base", mode, ok);

    /* states the module must refuse */
    setup(mode, "load");
    regs.seg[KACCEL_CS].flags = FL_CODE & ~0x6000;          /* DPL 0 */
    ok = eq("dpl0 cs", set_regs(), -EINVAL);
    regs.seg[KACCEL_CS] = seg(0x73, 0, FL_CODE | 0x200000);  /* 64-bit */
    ok = ok && eq("64-bit cs", set_regs(), -EINVAL);
    regs.seg[KACCEL_CS] = seg(0x13, 0, FL_CODE);            /* module's index */
    ok = ok && eq("index 2", set_regs(), -EINVAL);
    regs.seg[KACCEL_CS] = seg(0x73, 0, FL_CODE);
    regs.seg[KACCEL_DS] = seg(0x73, 0, FL_DATA);            /* clash with CS */
    ok = ok && eq("clash", set_regs(), -EINVAL);
    regs.seg[KACCEL_DS] = seg(0x7b, 0, FL_DATA);
    regs.seg[KACCEL_SS] = seg(0x7b, 0, FL_DATA & ~0x400000); /* 16-bit stack */
    ok = ok && eq("16-bit ss", set_regs(), -EINVAL);
    regs.seg[KACCEL_SS] = seg(0x7b, 0, FL_DATA);
    regs.eflags = 0x3202;                                   /* IOPL 3 */
    ok = ok && eq("iopl", set_regs(), -EINVAL);
    regs.eflags = 0x2;                                      /* IF clear */
    ok = ok && eq("if", set_regs(), -EINVAL);
    regs.eflags = 0x20202;                                  /* VM */
    ok = ok && eq("vm86", set_regs(), -EINVAL);
    regs.eflags = 0x202;
    regs.cr0 = 0x11;                                        /* paging off */
    ok = ok && eq("no paging", set_regs(), -EINVAL);
    named("refused-states", mode, ok);
}

static void test_fpu(int mode)
{
    struct kaccel_fpu f;
    float a[4] = { 1, 2, 3, 4 }, b[4] = { 10, 20, 30, 40 }, r[4];
    long double st0;
    int ok;

    setup(mode, "sse");
    memset(&f, 0, sizeof(f));
    *(uint16_t *)(f.fxsave + 0) = 0x37f;         /* FCW */
    *(uint32_t *)(f.fxsave + 24) = 0x1f80;       /* MXCSR */
    /* st0 = 2.0 (tag word: one register valid, TOP = 7) */
    *(uint16_t *)(f.fxsave + 2) = 7 << 11;
    f.fxsave[4] = 0x80;
    long double two = 2.0L;
    memcpy(f.fxsave + 32, &two, 10);
    memcpy(f.fxsave + 160, a, 16);
    memcpy(f.fxsave + 176, b, 16);
    ok = eq("set_fpu", kaccel_set_fpu(&vm, &f), 0) && go() && exit_is(KACCEL_EXIT_SOFTINT, 3) &&
         eq("get_fpu", kaccel_get_fpu(&vm, &f), 0);
    memcpy(r, f.fxsave + 160, 16);
    memcpy(&st0, f.fxsave + 32, 10);
    ok = ok && eq("xmm0[0]", (uint64_t)r[0], 11) && eq("xmm0[3]", (uint64_t)r[3], 44) &&
         eq("st0", (uint64_t)st0, 3);
    named("fpu-sse", mode, ok);
}

/* KACCEL_RUN with the state in and out (flags in kaccel.h): runs with
 * regs (PDPTEs as set_regs loads them), image f when given, and the
 * invalidations in run; returns the ioctl's result. */
static int run_with(uint32_t flags, const struct kaccel_fpu *f)
{
    int r;

    memset(regs.pdpte, 0, sizeof(regs.pdpte));
    if (regs.cr4 & 0x20)
        for (int i = 0; i < 4; i++)
            regs.pdpte[i] = *u64p((regs.cr3 & ~0x1fu) + 8 * i);
    run.slice_ns = 2000000000ull;
    run.flags = flags;
    run.regs = regs;
    if (f)
        run.fpu = *f;
    do {
        r = kaccel_run_prepared(&vm, &run);
        run.flags = 0;
        run.nr_inv = 0;
    } while (r == 0 && run.reason == KACCEL_EXIT_RESCHED);
    return r;
}

/* One KACCEL_RUN carries the state: regs in and out, the FPU image in
 * when given and out only when the guest changed it, invalidations after
 * the new regs; anything it refuses changes nothing. */
static void test_run_state(int mode)
{
    struct kaccel_fpu f, g;
    struct kaccel_regs back;
    float a[4] = { 1, 2, 3, 4 }, b[4] = { 10, 20, 30, 40 }, x[4];
    long double two = 2.0L, st0;
    int ok;

    setup(mode, "sse");
    memset(&f, 0, sizeof(f));
    *(uint16_t *)(f.fxsave + 0) = 0x37f;
    *(uint32_t *)(f.fxsave + 24) = 0x1f80;
    *(uint16_t *)(f.fxsave + 2) = 7 << 11;
    f.fxsave[4] = 0x80;
    memcpy(f.fxsave + 32, &two, 10);
    memcpy(f.fxsave + 160, a, 16);
    memcpy(f.fxsave + 176, b, 16);
    memset(&run, 0, sizeof(run));
    ok = eq("run", run_with(KACCEL_RUN_REGS_IN | KACCEL_RUN_FPU_IN, &f), 0) &&
         exit_is(KACCEL_EXIT_SOFTINT, 3) &&
         eq("fpu out", run.out_flags & KACCEL_RUN_FPU_OUT, KACCEL_RUN_FPU_OUT);
    memcpy(x, run.fpu.fxsave + 160, 16);
    memcpy(&st0, run.fpu.fxsave + 32, 10);
    ok = ok && eq("xmm0[0]", (uint64_t)x[0], 11) && eq("xmm0[3]", (uint64_t)x[3], 44) &&
         eq("st0", (uint64_t)st0, 3) && eq("get_regs", kaccel_get_regs(&vm, &back), 0) &&
         eq("regs out = get_regs", memcmp(&back, &run.regs, sizeof(back)), 0) &&
         eq("eip at int3", run.regs.eip, CODE + 7) &&
         eq("get_fpu", kaccel_get_fpu(&vm, &g), 0) &&
         eq("fpu out = get_fpu", memcmp(&g, &run.fpu, sizeof(g)), 0);
    /* code that leaves the FPU alone: no image out, also after the same
     * image went in again */
    setup(mode, "sum");
    regs.gpr[1] = 1000;
    memset(&run, 0, sizeof(run));
    ok = ok && eq("run", run_with(KACCEL_RUN_REGS_IN, NULL), 0) &&
         exit_is(KACCEL_EXIT_SOFTINT, 3) && eq("sum", run.regs.gpr[0], 500500) &&
         eq("no fpu out", run.out_flags, 0);
    regs.eip = CODE;
    memset(&run, 0, sizeof(run));
    ok = ok && eq("run", run_with(KACCEL_RUN_REGS_IN | KACCEL_RUN_FPU_IN, &g), 0) &&
         exit_is(KACCEL_EXIT_SOFTINT, 3) && eq("same image in: no fpu out", run.out_flags, 0);
    named("run-state-in-out", mode, ok);

    /* what KACCEL_RUN refuses leaves regs and FPU as they were */
    static const struct { const char *what; uint32_t flags, nr_inv, pad, res; } bad[] = {
        { "unknown flag", 0x10, 0, 0, 0 }, { "nr_inv", 0, KACCEL_RUN_MAX_INV + 1, 0, 0 },
        { "pad", 0, 0, 1, 0 }, { "reserved", 0, 0, 0, 1 },
        { "refused regs (IF=0)", KACCEL_RUN_REGS_IN | KACCEL_RUN_FPU_IN, 0, 0, 0 },
    };
    ok = eq("get_regs", kaccel_get_regs(&vm, &back), 0);
    for (unsigned i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        struct kaccel_regs now;
        struct kaccel_fpu fnow;

        memset(&run, 0, sizeof(run));
        run.flags = bad[i].flags;
        run.nr_inv = bad[i].nr_inv;
        run.pad = bad[i].pad;
        run.reserved[1] = bad[i].res;
        run.regs = back;
        run.regs.eflags = 0x002;
        run.regs.gpr[0] = 0xdead;
        run.fpu = f;
        ok = ok && expect(kaccel_run_prepared(&vm, &run) == -EINVAL, "%s accepted", bad[i].what) &&
             eq("get_regs", kaccel_get_regs(&vm, &now), 0) &&
             eq(bad[i].what, memcmp(&now, &back, sizeof(now)), 0) &&
             eq("get_fpu", kaccel_get_fpu(&vm, &fnow), 0) &&
             eq(bad[i].what, memcmp(&fnow, &g, sizeof(g)), 0);
    }
    named("run-refused-changes-nothing", mode, ok);

    /* invalidations carried by the run, applied after its regs */
    setup(mode, "load");
    map4k(DATA, 0x900000, F_P | F_U);
    *u32p(0x900000) = 1;
    *u32p(0x901000) = 3;
    *u32p(0x902000) = 2;
    regs.gpr[3] = DATA;
    memset(&run, 0, sizeof(run));
    ok = eq("run", run_with(KACCEL_RUN_REGS_IN, NULL), 0) && eq("before", run.regs.gpr[0], 1);
    map4k(DATA, 0x902000, F_P | F_U);
    memset(&run, 0, sizeof(run));
    ok = ok && eq("run", run_with(KACCEL_RUN_REGS_IN, NULL), 0) &&
         eq("no invlpg: old entry", run.regs.gpr[0], 1);
    memset(&run, 0, sizeof(run));
    run.nr_inv = 2;
    run.inv_pages[0] = CODE;
    run.inv_pages[1] = DATA + 0x123;
    ok = ok && eq("run", run_with(KACCEL_RUN_REGS_IN, NULL), 0) &&
         eq("after invlpg in the run", run.regs.gpr[0], 2);
    map4k(DATA, 0x901000, F_P | F_U);
    memset(&run, 0, sizeof(run));
    ok = ok && eq("run", run_with(KACCEL_RUN_REGS_IN | KACCEL_RUN_INV_ALL, NULL), 0) &&
         eq("after flush in the run", run.regs.gpr[0], 3);
    /* a new CR3 then INV_CR3: the other space's own shadow, checked */
    memcpy(ram + cr3 + 0x80000, ram + cr3, pae ? 32 : 4096);
    regs.cr3 = cr3 + 0x80000;
    memset(&run, 0, sizeof(run));
    ok = ok && eq("run", run_with(KACCEL_RUN_REGS_IN | KACCEL_RUN_INV_CR3, NULL), 0) &&
         eq("other cr3", run.regs.gpr[0], 3);
    named("run-invalidations", mode, ok);
}

static volatile sig_atomic_t alarms;
static void on_alarm(int sig) { (void)sig; alarms++; }

static void set_timer(long usec)
{
    struct itimerval it = { { 0, usec }, { 0, usec } };
    setitimer(ITIMER_REAL, &it, NULL);
}

/* Host interrupts keep coming (they are counted), a time slice ends a
 * run, a signal ends a run. */
static void test_time(int mode)
{
    struct kaccel_stats st0, st1;
    int ok, r, n = 0;

    setup(mode, "loop");
    kaccel_get_stats(&vm, &st0);
    set_regs();
    do {
        r = kaccel_run(&vm, 30000000, &run);
    } while (r == 0 && run.reason == KACCEL_EXIT_RESCHED && ++n < 1000);
    kaccel_get_stats(&vm, &st1);
    kaccel_get_regs(&vm, &regs);
    ok = eq("run", r, 0) && exit_is(KACCEL_EXIT_SLICE, 0) && eq("eip", regs.eip, CODE) &&
         expect(st1.exits_irq > st0.exits_irq, "no host interrupt seen");
    named("time-slice", mode, ok);

    signal(SIGALRM, on_alarm);
    alarms = 0;
    set_timer(20000);
    n = 0;
    do {
        r = kaccel_run(&vm, 0, &run);
    } while (r == 0 && run.reason == KACCEL_EXIT_RESCHED && ++n < 1000);
    set_timer(0);
    ok = eq("run", r, 0) && exit_is(KACCEL_EXIT_SIGNAL, 0) && expect(alarms > 0, "no alarm");
    named("signal", mode, ok);

    /* a long CPU-bound loop gives the right answer across interrupts */
    setup(mode, "sum");
    regs.gpr[1] = 3000000;
    ok = go() && exit_is(KACCEL_EXIT_SOFTINT, 3) &&
         eq("sum", regs.gpr[0], (uint32_t)(3000000ull * 3000001ull / 2));
    named("cpu-bound-loop", mode, ok);

    /* the guest's DF and AC do not leak into the host kernel */
    setup(mode, "stdloop");
    regs.gpr[1] = 2000000;
    regs.gpr[0] = 0x55;
    ok = go() && exit_is(KACCEL_EXIT_SOFTINT, 3) && eq("ebx", regs.gpr[3], 0x1234) &&
         eq("eax", regs.gpr[0], 0x55) && eq("ecx", regs.gpr[1], 0) &&
         eq("DF AC", regs.eflags & 0x40400, 0x40400);
    named("guest-df-ac", mode, ok);
}

/* The same VM run on alternate host CPUs: each CPU's TSS and entry
 * stack get mapped, the state follows. Only with more than one CPU. */
static void test_migration(int mode)
{
    int ncpu = sysconf(_SC_NPROCESSORS_ONLN), ok = 1;
    cpu_set_t set;

    if (ncpu < 2)
        return;
    for (int i = 0; ok && i < 200; i++) {
        CPU_ZERO(&set);
        CPU_SET(i % ncpu, &set);
        ok = eq("affinity", sched_setaffinity(0, sizeof(set), &set), 0);
        setup(mode, "sum");
        regs.gpr[1] = 1000 + i;
        ok = ok && go() && exit_is(KACCEL_EXIT_SOFTINT, 3) &&
             eq("sum", regs.gpr[0], (uint32_t)((1000ull + i) * (1001ull + i) / 2));
        ok = ok && eq("cpu", sched_getcpu(), i % ncpu);
    }
    CPU_ZERO(&set);
    for (int i = 0; i < ncpu; i++)
        CPU_SET(i, &set);
    sched_setaffinity(0, sizeof(set), &set);
    named("migration-between-cpus", mode, ok);
}

static double now_ms(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

/* Speed, for docs/performance.md: the "sum" snippet's loop run natively
 * by this (64-bit) process and as guest code under kaccel. Information
 * only: inside a TCG VM both are emulated, so the ratio shows the cost
 * of the exits (host ticks), not of the code. */
static void bench(void)
{
    const uint32_t n = 20000000;
    uint32_t sum = 0, count = n;
    double t0, t1, t2;

    t0 = now_ms();
    asm volatile("1: add %%ecx, %%eax\n\tdec %%ecx\n\tjnz 1b"
                 : "+a"(sum), "+c"(count));
    t1 = now_ms();
    setup(0, "sum");
    regs.gpr[1] = n;
    go();
    t2 = now_ms();
    printf("KT: info - bench: %u-iteration loop: native %.0f ms, under kaccel %.0f ms "
           "(ratio %.2f), sums %s\n", n, t1 - t0, t2 - t1, (t2 - t1) / (t1 - t0),
           sum == regs.gpr[0] ? "equal" : "DIFFERENT");
}

static int cpu_flag(const char *flag)
{
    char line[4096];
    FILE *f = fopen("/proc/cpuinfo", "r");
    int found = 0;

    while (f && fgets(line, sizeof(line), f))
        if (!strncmp(line, "flags", 5)) {
            char *p = strstr(line, flag);
            found = p && p[-1] == ' ' && (p[strlen(flag)] == ' ' || p[strlen(flag)] == '\n');
            break;
        }
    if (f)
        fclose(f);
    return found;
}

/* Whether the host kernel offers CPUID faulting: ARCH_SET_CPUID (arch_prctl
 * 0x1012) with 1 (CPUID allowed, a no-op) succeeds exactly when the CPU has
 * it, else ENODEV. */
static int cpuid_faulting_offered(void)
{
    return syscall(SYS_arch_prctl, 0x1012, 1L) == 0;
}

/* What the host CPU gives this (64-bit) process: its own CPUID, and, on a
 * host without UMIP, STR and SMSW (the guest's native run must see the
 * same values: the leak the policy table documents). */
static void host_cpuid(uint32_t leaf, uint32_t out[4])
{
    __asm__ volatile("cpuid" : "=a"(out[0]), "=b"(out[1]), "=c"(out[2]), "=d"(out[3])
                     : "a"(leaf), "c"(0));
}

static uint16_t host_str(void)
{
    uint16_t v;
    __asm__ volatile("str %0" : "=r"(v));
    return v;
}

static uint16_t host_smsw(void)
{
    uint16_t v;
    __asm__ volatile("smsw %0" : "=r"(v));
    return v;
}

/* The leak policy (docs/kaccel.md): RDTSC always exits; CPUID exits when
 * the CPU has CPUID faulting (and otherwise returns the host CPU's own
 * values); SGDT/SIDT/SLDT/STR/SMSW exit with UMIP and otherwise show the
 * module's GDT/IDT limits, a null LDTR and the host's TR and CR0 bits;
 * PUSHF shows IF=1 IOPL=0 (the only state run natively) and POPF cannot
 * change them. The oracles: the host CPU run by this process, and the
 * kernel's own view of CPUID faulting (arch_prctl) against /proc/cpuinfo. */
static void test_leaks(int mode)
{
    int umip = cpu_flag("umip"), cpuid_fault = cpu_flag("cpuid_fault"), ok;
    uint32_t host[4];

    ok = eq("ARCH_SET_CPUID works", cpuid_faulting_offered(), cpuid_fault);
    named("leak-cpuid-faulting-probe", mode, ok);

    setup(mode, "rdtsc");
    ok = go() && exit_is(KACCEL_EXIT_INSN, 13) && eq("insn", run.insn, KACCEL_INSN_RDTSC) &&
         eq("eip", regs.eip, CODE);
    named("leak-rdtsc-exits", mode, ok);

    for (uint32_t leaf = 0; leaf <= 1; leaf++) {
        char name[64];

        setup(mode, "cpuid");
        regs.gpr[0] = leaf;
        regs.gpr[1] = 0;
        ok = go();
        if (cpuid_fault) {
            ok = ok && exit_is(KACCEL_EXIT_INSN, 13) && eq("insn", run.insn, KACCEL_INSN_CPUID) &&
                 eq("eip", regs.eip, CODE);
        } else {
            host_cpuid(leaf, host);
            ok = ok && exit_is(KACCEL_EXIT_SOFTINT, 3) && eq("eip", regs.eip, CODE + 2) &&
                 eq("eax", regs.gpr[0], host[0]) && eq("ecx", regs.gpr[1], host[2]) &&
                 eq("edx", regs.gpr[2], host[3]);
            /* leaf 1's EBX holds the APIC ID of the CPU it ran on */
            ok = ok && (leaf == 1 || eq("ebx", regs.gpr[3], host[1]));
        }
        snprintf(name, sizeof(name), "leak-cpuid%u-%s", leaf,
                 cpuid_fault ? "exits" : "native-is-host-cpuid");
        named(name, mode, ok);
    }

    static const char *const desc[] = { "sgdt", "sidt", "sldt", "str", "smsw" };
    for (int i = 0; i < 5; i++) {
        char name[64];

        setup(mode, desc[i]);
        map4k(DATA, DATA, F_P | F_W | F_U);
        regs.gpr[3] = DATA;
        regs.gpr[0] = 0xdeadbeef;
        memset(ram + DATA, 0xa5, 16);
        ok = go();
        if (umip) {
            ok = ok && exit_is(KACCEL_EXIT_INSN, 13) && eq("insn", run.insn, KACCEL_INSN_DESC) &&
                 eq("eip", regs.eip, CODE) && eq("nothing stored", *u32p(DATA), 0xa5a5a5a5) &&
                 eq("eax", regs.gpr[0], 0xdeadbeef);
        } else {
            ok = ok && exit_is(KACCEL_EXIT_SOFTINT, 3);
            if (i == 0)
                ok = ok && eq("gdt limit", *(uint16_t *)(ram + DATA), 0xffff);
            if (i == 1)
                ok = ok && eq("idt limit", *(uint16_t *)(ram + DATA), 0xfff);
            if (i == 2)
                ok = ok && eq("ldtr", regs.gpr[0] & 0xffff, 0);
            if (i == 3)
                ok = ok && eq("tr (the host's)", regs.gpr[0] & 0xffff, host_str());
            if (i == 4)
                ok = ok && eq("msw (the host's CR0)", regs.gpr[0] & 0xffff, host_smsw());
        }
        snprintf(name, sizeof(name), "leak-%s-%s", desc[i], umip ? "exits" : "native");
        named(name, mode, ok);
    }

    setup(mode, "pushf");
    ok = go() && exit_is(KACCEL_EXIT_SOFTINT, 3) && eq("if/iopl", regs.gpr[0] & 0x3200, 0x200);
    named("leak-pushf", mode, ok);

    setup(mode, "popf");
    ok = go() && exit_is(KACCEL_EXIT_SOFTINT, 3) && eq("if/iopl", regs.gpr[0] & 0x3200, 0x200) &&
         eq("eflags", regs.eflags & 0x3200, 0x200);
    named("leak-popf", mode, ok);

    /* the states in which PUSHF would show something else never run */
    setup(mode, "pushf");
    regs.eflags = 0x002;
    ok = eq("IF=0", set_regs(), -EINVAL);
    regs.eflags = 0x1202;
    ok = eq("IOPL=1", set_regs(), -EINVAL) && ok;
    named("leak-pushf-states-refused", mode, ok);
}

static uint64_t rnd_state = 0x9e3779b97f4a7c15ull;
static uint64_t rnd(void)
{
    rnd_state ^= rnd_state << 13;
    rnd_state ^= rnd_state >> 7;
    rnd_state ^= rnd_state << 17;
    return rnd_state;
}

/* The module's page-table pages left after a full flush: the kernel-half
 * ones only, the same number before and after each hostile test. */
static uint64_t tables_after_flush(void)
{
    struct kaccel_stats st;

    kaccel_invalidate_all(&vm);
    kaccel_get_stats(&vm, &st);
    return st.shadow_tables;
}

static uint64_t tables_at_start;

static void print_tables(const char *when)
{
    uint64_t n = tables_after_flush();
    char name[96];

    snprintf(name, sizeof(name), "%s-tables-freed", when);
    report(name, eq("page-table pages after a flush", n, tables_at_start));
}

/* Hostile input: random ioctls and arguments, random page tables and
 * code, tables that map themselves and are rewritten by the guest. */
static void test_hostile(int iterations)
{
    static uint8_t buf[4096] __attribute__((aligned(64)));
    int ok = 1, eio = 0;

    signal(SIGALRM, on_alarm);
    set_timer(5000);
    for (int i = 0; i < iterations; i++) {
        unsigned long cmd;
        void *arg;

        for (unsigned j = 0; j < sizeof(buf); j += 8)
            *(uint64_t *)(buf + j) = rnd();
        switch (rnd() % 4) {
        case 0: cmd = rnd(); break;
        case 1: cmd = _IOC(rnd() % 4, KACCEL_IOC, rnd() % 12, rnd() % 700); break;
        default: {
            static const unsigned long cmds[] = { KACCEL_SET_RAM, KACCEL_SET_REGS,
                KACCEL_SET_FPU, KACCEL_RUN, KACCEL_INVALIDATE, KACCEL_WATCH,
                KACCEL_GET_REGS, KACCEL_GET_FPU, KACCEL_GET_STATS };
            cmd = cmds[rnd() % 9];
        }
        }
        switch (rnd() % 4) {
        case 0: arg = NULL; break;
        case 1: arg = (void *)(uintptr_t)rnd(); break;
        default: arg = buf; break;
        }
        if (cmd == KACCEL_SET_RAM && arg == buf)
            continue;          /* would unmap the tests' own RAM slot */
        if (cmd == KACCEL_RUN && arg == buf) {
            /* mostly well-formed headers, so that random regs, FXSAVE
             * images and invalidation lists get through to the checks */
            struct kaccel_run *rr = (struct kaccel_run *)buf;
            if (rnd() % 8) {
                rr->flags &= KACCEL_RUN_FLAGS;
                rr->nr_inv %= KACCEL_RUN_MAX_INV + 2;
                rr->pad = 0;
                rr->reserved[0] = rr->reserved[1] = 0;
            }
            if (rnd() % 2)
                rr->regs = regs;    /* a state SET_REGS took: it runs */
            rr->slice_ns %= 2000000;
        }
        if (ioctl(vm.fd, cmd, arg) < 0 && errno == EIO)
            eio++;
    }
    ok = expect(eio == 0, "%d runs failed with EIO", eio);
    report("hostile-random-ioctls", ok);
    print_tables("hostile-random-ioctls");

    /* random segment states: whatever SET_REGS accepts must run */
    eio = 0;
    int accepted = 0;
    for (int i = 0; i < iterations; i++) {
        setup(rnd() & 1, "loop");
        for (int k = rnd() % 3; k >= 0; k--) {
            struct kaccel_segment *sg = &regs.seg[rnd() % KACCEL_NB_SEGS];
            switch (rnd() % 5) {
            case 0: sg->selector = rnd() % 2 ? (rnd() & 0xffff) : ((rnd() & 0x1ff8) | 3); break;
            case 1: sg->flags ^= 1u << (8 + rnd() % 16); break;
            case 2: sg->flags = rnd() & 0x00f0ff00; break;
            case 3: sg->base = rnd(); break;
            default: sg->limit = rnd() % 2 ? (uint32_t)rnd() : (uint32_t)rnd() | 0xfff; break;
            }
        }
        if (set_regs() == 0) {
            accepted++;
            if (kaccel_run(&vm, 1000000, &run) == -EIO)
                eio++;
        }
    }
    ok = expect(eio == 0, "%d runs failed with EIO", eio);
    printf("KT: info - %d of %d random segment states accepted\n", accepted, iterations);
    report("hostile-random-segments", ok);
    print_tables("hostile-random-segments");

    /* random page tables and code, switching between address spaces
     * whose tables change under the shadow cache */
    eio = 0;
    for (int i = 0; i < iterations; i++) {
        if (i % 50 == 0)
            setup(rnd() & 1, "loop");
        for (int j = 0; j < 16; j++) {
            uint64_t e = rnd();
            if (rnd() & 1)
                e = (e & 0x3ff000) | (rnd() & 0x1ff) | (rnd() % 3 == 0 ? 0xfff00000 : 0) | 1;
            if (!pae)
                e &= 0xffffffff;
            set_entry(PT_BASE + (rnd() % (pae ? 0x3000 : 0x2000) & ~(pae ? 7 : 3)), e);
        }
        for (int j = 0; j < 8; j++)
            *u64p(CODE + (rnd() % 512) * 8) = rnd();
        regs.gpr[3] = rnd();
        regs.eip = CODE + rnd() % 256;
        regs.cr3 = PT_BASE + (rnd() % 4) * 0x1000;
        if (set_regs() == 0 && kaccel_run(&vm, 1000000, &run) == -EIO)
            eio++;
        switch (rnd() % 8) {
        case 0: kaccel_invalidate_page(&vm, rnd()); break;
        case 1: kaccel_invalidate_cr3(&vm); break;
        default: break;
        }
    }
    ok = expect(eio == 0, "%d runs failed with EIO", eio);
    report("hostile-random-page-tables", ok);
    print_tables("hostile-random-page-tables");

    /* the guest rewrites its own page directory through a user mapping
     * of it, pointing entries at themselves and outside RAM */
    eio = 0;
    for (int i = 0; i < iterations / 4; i++) {
        setup(rnd() & 1, "selfpt");
        uint32_t pd = pae ? (uint32_t)(*u64p(cr3) & ~0xfffull) : cr3;
        if (pae)
            (void)pde_gpa(0x10000000);
        map4k(0x10000000, pd, F_P | F_W | F_U);
        if (pae)
            pd = pde_gpa(0);
        regs.gpr[3] = 0x10000000 + (rnd() % 512) * (pae ? 8 : 4);
        regs.gpr[0] = (rnd() % 3 == 0) ? pd | 7 : (uint32_t)rnd() | 1;
        regs.gpr[1] = (uint32_t)rnd() & ~3u;
        regs.gpr[2] = (uint32_t)rnd() & ~0xfffu;
        regs.gpr[6] = 64;
        int n = 0;
        if (set_regs())
            continue;
        while (n++ < 8) {
            int r = kaccel_run(&vm, 1000000, &run);
            if (r == -EIO)
                eio++;
            if (r || run.reason == KACCEL_EXIT_SOFTINT)
                break;
            kaccel_invalidate_all(&vm);
            kaccel_get_regs(&vm, &regs);
            /* skip the faulting instruction the translator would run */
            regs.gpr[1] = (uint32_t)rnd() & ~3u;
            if (set_regs())
                break;
        }
    }
    ok = expect(eio == 0, "%d runs failed with EIO", eio);
    report("hostile-self-modifying-page-tables", ok);
    print_tables("hostile-self-modifying-page-tables");

    /* random 0F xx instructions, privileged ones among them */
    eio = 0;
    for (int i = 0; i < iterations; i++) {
        setup(0, "loop");
        ram[CODE] = rnd() % 2 ? 0x0f : (uint8_t)rnd();
        for (int j = 1; j < 16; j++)
            ram[CODE + j] = (uint8_t)rnd();
        for (int j = 0; j < 8; j++)
            if (j != 4)
                regs.gpr[j] = rnd();
        if (set_regs() == 0 && kaccel_run(&vm, 1000000, &run) == -EIO)
            eio++;
    }
    set_timer(0);
    ok = expect(eio == 0, "%d runs failed with EIO", eio);
    report("hostile-random-instructions", ok);
    print_tables("hostile-random-instructions");
}

/* ---- guest page-table writes and the shadow's coherence ---- */

#define PTW_LIN 0x1000000u     /* 64 pages at frames 0xa00000 + i * 4 KiB */

static int touch64(uint32_t cr3_value, uint32_t value)
{
    regs.gpr[0] = value;
    regs.gpr[1] = 64;
    regs.gpr[3] = PTW_LIN;
    return run_at("touch", cr3_value);
}

/* A page-table entry changed between runs costs the shadow of that entry
 * only, whether the change comes to light at a reload of the same CR3,
 * at a switch back to a cached address space, or at INVLPG; a changed
 * directory entry costs its region. Values as the SDM's CR3 load and
 * INVLPG make them visible. */
static void test_pt_writes(int mode)
{
    uint32_t a, b, e;
    uint64_t f0;
    int ok;

    setup(mode, "touch");
    for (uint32_t i = 0; i < 64; i++)
        map4k(PTW_LIN + i * 4096, 0xa00000 + i * 4096, F_P | F_W | F_U);
    a = cr3;
    b = cr3 + 0x80000;
    memcpy(ram + b, ram + a, pae ? 32 : 4096);
    ok = touch64(a, 1);
    *u32p(0xa05000) = 0;
    map4k(PTW_LIN + 5 * 4096, 0xb00000, F_P | F_W | F_U);
    ok = ok && eq("invalidate cr3", kaccel_invalidate_cr3(&vm), 0);
    f0 = fills();
    ok = ok && touch64(a, 2) && eq("fills after one PTE changed", fills() - f0, 1) &&
         eq("new frame", *u32p(0xb00000), 2) && eq("old frame", *u32p(0xa05000), 0) &&
         eq("neighbour", *u32p(0xa06000), 2);
    named("pt-write-same-cr3", mode, ok);

    /* B (its own directory, the same page table) runs; meanwhile A's
     * entry 9 moves and entry 12 loses its accessed bit */
    regs.gpr[3] = PTW_LIN;
    ok = run_at("load", b);
    map4k(PTW_LIN + 9 * 4096, 0xb01000, F_P | F_W | F_U);
    e = leaf_gpa(PTW_LIN + 12 * 4096);
    set_entry(e, get_entry(e) & ~F_A);
    f0 = fills();
    ok = ok && touch64(a, 3) && eq("fills back in A", fills() - f0, 2) &&
         eq("moved page", *u32p(0xb01000), 3) && eq("A again", get_entry(e) & F_A, F_A) &&
         eq("other page", *u32p(0xa20000), 3);
    named("pt-write-process-switch", mode, ok);

    map4k(PTW_LIN + 20 * 4096, 0xb02000, F_P | F_W | F_U);
    ok = eq("invlpg", kaccel_invalidate_page(&vm, PTW_LIN + 20 * 4096), 0);
    f0 = fills();
    ok = ok && touch64(a, 4) && eq("fills after INVLPG", fills() - f0, 1) &&
         eq("new frame", *u32p(0xb02000), 4);
    named("pt-write-invlpg", mode, ok);

    /* the directory entry now points at a copy of the page table with
     * entry 30 changed: the region is built again, through the copy */
    uint32_t pt2 = alloc_table(), pde = pde_gpa(PTW_LIN);
    memcpy(ram + pt2, ram + (uint32_t)(get_entry(pde) & ~0xfffull), 4096);
    set_entry(pt2 + 30 * (pae ? 8 : 4), 0xb03000 | F_P | F_W | F_U);
    set_entry(pde, pt2 | F_P | F_W | F_U);
    ok = eq("invalidate cr3", kaccel_invalidate_cr3(&vm), 0);
    f0 = fills();
    ok = ok && touch64(a, 5) && eq("fills after a directory entry changed", fills() - f0, 64) &&
         eq("through the copy", *u32p(0xb03000), 5);
    named("pt-write-directory", mode, ok);
}

/* Large pages: INVLPG of any address in a large page drops all of it
 * (SDM 4.10.4.1); a large page becoming a page table and back. */
static void test_pt_large(int mode)
{
    int ok;
    uint32_t pde;

    setup(mode, "load");
    *u32p(0x801000) = 0x11;
    *u32p(0x805000) = 0x15;
    *u32p(0xc01000) = 0x21;
    *u32p(0xc05000) = 0x25;
    *u32p(0x903000) = 0x33;
    map_large(PTW_LIN, 0x800000, F_P | F_W | F_U);
    pde = pde_gpa(PTW_LIN);
    regs.gpr[3] = PTW_LIN + 0x1000;
    ok = run_at("load", cr3) && eq("first", regs.gpr[0], 0x11);
    regs.gpr[3] = PTW_LIN + 0x5000;
    ok = ok && run_at("load", cr3) && eq("second", regs.gpr[0], 0x15);
    set_entry(pde, 0xc00000 | F_P | F_W | F_U | F_PS);
    ok = ok && eq("invlpg", kaccel_invalidate_page(&vm, PTW_LIN + 0x1000), 0);
    regs.gpr[3] = PTW_LIN + 0x5000;
    ok = ok && run_at("load", cr3) && eq("other 4 KiB of the large page", regs.gpr[0], 0x25);
    named("pt-large-invlpg", mode, ok);

    /* large page -> page table with one entry */
    uint32_t pt = alloc_table();
    set_entry(pt + 5 * (pae ? 8 : 4), 0x903000 | F_P | F_U);
    set_entry(pde, pt | F_P | F_W | F_U);
    ok = eq("invalidate cr3", kaccel_invalidate_cr3(&vm), 0);
    regs.gpr[3] = PTW_LIN + 0x5000;
    ok = ok && run_at("load", cr3) && eq("through the table", regs.gpr[0], 0x33);
    regs.gpr[3] = PTW_LIN + 0x1000;
    regs.eip = CODE;
    ok = ok && go() && exit_is(KACCEL_EXIT_EXCEPTION, 14) && eq("error", run.error_code, 4) &&
         eq("cr2", run.addr, PTW_LIN + 0x1000);
    /* and back to the large page */
    set_entry(pde, 0x800000 | F_P | F_W | F_U | F_PS);
    ok = ok && eq("invalidate cr3", kaccel_invalidate_cr3(&vm), 0);
    regs.gpr[3] = PTW_LIN + 0x5000;
    ok = ok && run_at("load", cr3) && eq("large again", regs.gpr[0], 0x15);
    named("pt-large-to-table-and-back", mode, ok);
}

static void put_code(const char *name)
{
    const struct snippet *c = snip(name);

    memcpy(ram + CODE, c->start, c->end - c->start);
    regs.eip = CODE;
}

/* Runs wpstore: the store to a guest table exits as WATCH with nothing
 * written; the test performs it as the translator would, the load after
 * it sees the new translation without any INVLPG. */
static int wp_store(uint32_t gpa, uint32_t *loaded)
{
    int ok = go() && exit_is(KACCEL_EXIT_WATCH, 0) && eq("gpa", run.gpa, gpa) &&
             eq("eip", regs.eip, CODE) && eq("write", run.write, 1);

    if (!ok)
        return 0;
    *u32p(gpa) = regs.gpr[0];
    if (pae)
        *u32p(gpa + 4) = 0;
    regs.eip += 2;
    ok = go() && exit_is(KACCEL_EXIT_SOFTINT, 3);
    *loaded = regs.gpr[2];
    return ok;
}

/* The guest maps its own page table user-writable: reads through the
 * mapping run natively, writes to it exit (the table is write-protected
 * in the shadow) and the shadow follows the new entry. */
static void test_pt_selfmap(int mode)
{
    uint32_t pte, pt, got = 0;
    int ok;

    setup(mode, "load");
    *u32p(0x900000) = 1;
    *u32p(0x902000) = 2;
    map4k(DATA, 0x900000, F_P | F_W | F_U);
    pte = leaf_gpa(DATA);
    pt = pte & ~0xfffu;
    map4k(0x10000000, pt, F_P | F_W | F_U);
    regs.gpr[3] = DATA;
    ok = run_at("load", cr3) && eq("data", regs.gpr[0], 1);
    regs.gpr[3] = 0x10000000 + (pte & 0xfff);
    ok = ok && run_at("load", cr3) && eq("entry read natively", regs.gpr[0], (uint32_t)get_entry(pte));
    put_code("wpstore");
    regs.gpr[0] = 0x902000 | F_P | F_W | F_U;
    regs.gpr[1] = DATA;
    regs.gpr[3] = 0x10000000 + (pte & 0xfff);
    ok = ok && wp_store(pte, &got) && eq("load through the new entry", got, 2);
    named("pt-self-map-write", mode, ok);
}

/* A directory entry pointing at the directory itself (the recursive
 * mapping): page tables and the directory appear as pages; entries read
 * through it are what memory holds, and entries written through it
 * (a page-table entry, then a directory entry) take effect. */
static void test_pt_recursive(int mode)
{
    uint32_t pd, k, shift = pae ? 21 : 22, esz = pae ? 8 : 4, got = 0;
    uint32_t rec, pte, pde, pt2;
    int ok;

    setup(mode, "load");
    *u32p(0x900000) = 1;
    *u32p(0x901000) = 3;
    *u32p(0x902000) = 2;
    map4k(DATA, 0x900000, F_P | F_W | F_U);
    pte = leaf_gpa(DATA);
    pde = pde_gpa(DATA);
    pd = pde & ~0xfffu;
    k = 0x10000000 >> shift;           /* the self entry's index */
    set_entry(pd + k * esz, pd | F_P | F_W | F_U);
    rec = k << shift;
    regs.gpr[3] = DATA;
    ok = run_at("load", cr3) && eq("data", regs.gpr[0], 1);
    /* DATA's page-table entry, through the page table as a page */
    regs.gpr[3] = rec + ((DATA >> shift) << 12) + (pte & 0xfff);
    ok = ok && run_at("load", cr3) && eq("pte read", regs.gpr[0], (uint32_t)get_entry(pte));
    /* the self entry, through the directory as a page */
    regs.gpr[3] = rec + (k << 12) + k * esz;
    ok = ok && run_at("load", cr3) &&
         eq("self entry read", regs.gpr[0], (uint32_t)get_entry(pd + k * esz));
    put_code("wpstore");
    regs.gpr[0] = 0x902000 | F_P | F_W | F_U;
    regs.gpr[1] = DATA;
    regs.gpr[3] = rec + ((DATA >> shift) << 12) + (pte & 0xfff);
    ok = ok && wp_store(pte, &got) && eq("after the pte write", got, 2);
    /* a new page table for DATA's region (a copy: the code may share
     * it), installed through the directory as a page */
    pt2 = alloc_table();
    memcpy(ram + pt2, ram + (pte & ~0xfffu), 4096);
    set_entry(pt2 + (pte & 0xfff), 0x901000 | F_P | F_W | F_U);
    regs.eip = CODE;
    regs.gpr[0] = pt2 | F_P | F_W | F_U;
    regs.gpr[1] = DATA;
    regs.gpr[3] = rec + (k << 12) + (pde & 0xfff);
    ok = ok && wp_store(pde, &got) && eq("after the pde write", got, 3);
    named("pt-recursive", mode, ok);
}

/* One page table under two directory entries: a changed entry shows in
 * both regions after the CR3 load. */
static void test_pt_shared(int mode)
{
    uint32_t r1 = PTW_LIN, r2 = PTW_LIN + (pae ? 0x200000 : 0x400000);
    int ok;

    setup(mode, "load");
    *u32p(0x900000) = 1;
    *u32p(0x901000) = 2;
    map4k(r1 + 0x3000, 0x900000, F_P | F_U);
    set_entry(pde_gpa(r2), get_entry(pde_gpa(r1)));
    regs.gpr[3] = r1 + 0x3000;
    ok = run_at("load", cr3) && eq("r1", regs.gpr[0], 1);
    regs.gpr[3] = r2 + 0x3000;
    ok = ok && run_at("load", cr3) && eq("r2", regs.gpr[0], 1);
    map4k(r1 + 0x3000, 0x901000, F_P | F_U);
    ok = ok && eq("invalidate cr3", kaccel_invalidate_cr3(&vm), 0);
    regs.gpr[3] = r1 + 0x3000;
    ok = ok && run_at("load", cr3) && eq("r1 after", regs.gpr[0], 2);
    regs.gpr[3] = r2 + 0x3000;
    ok = ok && run_at("load", cr3) && eq("r2 after", regs.gpr[0], 2);
    named("pt-shared-table", mode, ok);
}

#define PTW_SELF 0x10000000u   /* user-writable mappings of the two page tables */

/* A random page-table entry: not present, or one of the 32 tagged frames,
 * user or supervisor, with random W, A and D bits. */
static uint64_t random_pte(void)
{
    if (rnd() % 4 == 0)
        return 0;
    return (0xa00000 + (rnd() % 32) * 4096) | F_P | (rnd() % 4 ? F_U : 0) |
           (rnd() & (F_W | F_A | F_D));
}

/* Random page-table edits in both paging modes: by the "kernel" between
 * runs, made visible by a reload of the same CR3, a switch between two
 * address spaces sharing the tables, or INVLPG of the page read; or by
 * guest code storing to the entry through a user-writable mapping of the
 * table, visible at once (the shadow stays coherent). Every load is
 * checked against the SDM's walk of the tables as they are: the tag of
 * the frame, or #PF with its error code. */
static void test_coherence_random(int iterations)
{
    int ok = 1, bad = 0, watched = 0;
    uint32_t spaces[2], pts[2], cur = 0;

    for (int i = 0; i < iterations && bad < 5; i++) {
        if (i % 200 == 0) {
            setup(i / 200 % 2, "load");
            for (uint32_t f = 0; f < 32; f++)
                *u32p(0xa00000 + f * 4096) = 0x1000 + f;
            pts[0] = leaf_gpa(PTW_LIN) & ~0xfffu;
            pts[1] = alloc_table();
            map4k(PTW_SELF, pts[0], F_P | F_W | F_U);
            map4k(PTW_SELF + 4096, pts[1], F_P | F_W | F_U);
            spaces[0] = cr3;
            spaces[1] = cr3 + 0x80000;
            memcpy(ram + spaces[1], ram + spaces[0], pae ? 32 : 4096);
            cur = 0;
        }
        /* 2-level: each space has its directory; PAE: they share it */
        uint32_t pdes[2] = { pde_gpa(PTW_LIN), pae ? pde_gpa(PTW_LIN)
                                               : spaces[1] + (PTW_LIN >> 22) * 4 };
        uint32_t j = rnd() % 16, esz = pae ? 8 : 4, k = rnd() % 2;
        int native = rnd() % 4 == 0;
        for (int n = rnd() % 3; n >= 0; n--)
            set_entry(pts[rnd() % 2] + (n ? rnd() % 16 : j) * esz, random_pte());
        if (rnd() % 8 == 0)
            set_entry(pdes[rnd() % 2], pts[rnd() % 2] | F_P | F_W | F_U | (rnd() & F_A));
        switch (native ? 0 : rnd() % 3) {
        case 0:
            kaccel_invalidate_cr3(&vm);
            break;
        case 1:
            cur ^= 1;
            break;
        default:
            kaccel_invalidate_page(&vm, PTW_LIN + j * 4096);
            break;
        }
        regs.cr3 = spaces[cur];
        if (native) {
            /* wpstore: [EBX] = EAX, then EDX = [ECX] */
            put_code("wpstore");
            regs.gpr[0] = (uint32_t)random_pte();
            regs.gpr[1] = PTW_LIN + j * 4096;
            regs.gpr[3] = PTW_SELF + k * 4096 + j * esz;
        } else {
            put_code("load");
            regs.gpr[3] = PTW_LIN + j * 4096;
        }
        int r = go();
        if (r && native && run.reason == KACCEL_EXIT_WATCH) {
            /* a table the shadow came from: the translator's store */
            watched++;
            r = eq("watch gpa", run.gpa, pts[k] + j * esz) && eq("eip", regs.eip, CODE);
            *u32p(pts[k] + j * esz) = regs.gpr[0];
            regs.eip += 2;
            r = r && go();
        }
        /* the SDM's walk of the tables as they are now */
        uint64_t d = get_entry(pdes[cur]), t = get_entry((uint32_t)(d & ~0xfffull) + j * esz);
        int present = (t & F_P) != 0, user = present && (t & F_U);
        if (user)
            r = r && exit_is(KACCEL_EXIT_SOFTINT, 3) &&
                eq("tag", regs.gpr[native ? 2 : 0], *u32p((uint32_t)(t & 0xfffff000u))) &&
                eq("accessed", get_entry((uint32_t)(d & ~0xfffull) + j * esz) & F_A, F_A);
        else
            r = r && exit_is(KACCEL_EXIT_EXCEPTION, 14) &&
                eq("error", run.error_code, present ? 5 : 4);
        if (!r) {
            printf("KT: info - coherence iteration %d (%s%s) failed: %s\n", i,
                   pae ? "pae" : "2level", native ? ", guest store" : "", why);
            why[0] = 0;
            bad++;
        }
    }
    printf("KT: info - %d guest stores to page tables exited\n", watched);
    ok = expect(bad == 0, "%d loads disagreed with the tables", bad) &&
         expect(watched > 0, "no guest store to a page table exited");
    report("hostile-coherence-random-tables", ok);
    print_tables("hostile-coherence-random-tables");
}

static long vmlck_kb(void)
{
    char line[256];
    long kb = -1;
    FILE *f = fopen("/proc/self/status", "r");

    while (f && fgets(line, sizeof(line), f))
        if (!strncmp(line, "VmLck:", 6))
            kb = atol(line + 6);
    if (f)
        fclose(f);
    return kb;
}

/* Pinned guest RAM counts against RLIMIT_MEMLOCK: an unprivileged user
 * with a 1 MiB limit cannot pin 4 MiB; root's pins show in VmLck. */
static void test_memlock(void)
{
    KaccelVM v2;
    uint8_t *m = mmap(NULL, 4 << 20, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    long before = vmlck_kb();
    int ok, status;
    pid_t pid;

    ok = eq("open", kaccel_open(&v2, NULL), 0) &&
         eq("pin", kaccel_set_ram(&v2, 0, 0, 4 << 20, m), 0) &&
         eq("VmLck", vmlck_kb() - before, 4096) &&
         eq("unpin", kaccel_set_ram(&v2, 0, 0, 0, NULL), 0) &&
         eq("VmLck after", vmlck_kb() - before, 0);
    kaccel_close(&v2);
    pid = fork();
    if (pid == 0) {
        struct rlimit rl = { 1 << 20, 1 << 20 };
        if (setrlimit(RLIMIT_MEMLOCK, &rl) || setgid(65534) || setuid(65534))
            _exit(3);
        if (kaccel_open(&v2, NULL))
            _exit(4);
        _exit(kaccel_set_ram(&v2, 0, 0, 4 << 20, m) == -ENOMEM ? 0 : 5);
    }
    waitpid(pid, &status, 0);
    ok = ok && eq("unprivileged child", WIFEXITED(status) ? WEXITSTATUS(status) : 99, 0);
    munmap(m, 4 << 20);
    report("memlock-accounting", ok);
}

/* Bad arguments get errors, not crashes. */
static void test_bad_args(void)
{
    KaccelVM v2;
    struct kaccel_run r;
    int ok = eq("open", kaccel_open(&v2, NULL), 0);
    uint8_t *m = mmap(NULL, 1 << 20, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

    ok = ok && eq("run without state", kaccel_run(&v2, 0, &r), -EINVAL);
    ok = ok && eq("unaligned", kaccel_set_ram(&v2, 0, 0x800, 4096, m), -EINVAL);
    ok = ok && eq("slot", kaccel_set_ram(&v2, 99, 0, 4096, m), -EINVAL);
    ok = ok && eq("beyond 4G", kaccel_set_ram(&v2, 0, 0xfffff000ull, 0x2000, m), -EINVAL);
    ok = ok && eq("too big", kaccel_set_ram(&v2, 0, 0, 1ull << 31, m), -EINVAL);
    ok = ok && eq("kernel address", kaccel_set_ram(&v2, 0, 0, 4096, (void *)0xffff888000000000ull), -EFAULT);
    ok = ok && expect(kaccel_set_ram(&v2, 0, 0, 4096, (void *)0x1000) < 0, "unmapped accepted");
    ok = ok && eq("good", kaccel_set_ram(&v2, 0, 0, 1 << 20, m), 0);
    ok = ok && eq("busy", kaccel_set_ram(&v2, 0, 0, 4096, m), -EBUSY);
    ok = ok && eq("overlap", kaccel_set_ram(&v2, 1, 0x80000, 4096, m), -EEXIST);
    ok = ok && eq("watch outside", kaccel_watch(&v2, 0x200000, 1), -ENOENT);
    ok = ok && eq("watch unaligned", kaccel_watch(&v2, 0x1001, 1), -EINVAL);
    ok = ok && eq("remove", kaccel_set_ram(&v2, 0, 0, 0, NULL), 0);
    struct kaccel_invalidate inv = { 7, 0 };
    ok = ok && eq("invalidate kind", ioctl(v2.fd, KACCEL_INVALIDATE, &inv) < 0 ? -errno : 0, -EINVAL);
    ok = ok && eq("unknown ioctl", ioctl(v2.fd, _IO(KACCEL_IOC, 0x55)) < 0 ? -errno : 0, -ENOTTY);
    ok = ok && eq("bad pointer", ioctl(v2.fd, KACCEL_GET_REGS, (void *)16) < 0 ? -errno : 0, -EFAULT);
    kaccel_close(&v2);
    munmap(m, 1 << 20);
    report("bad-arguments", ok);
}

int main(int argc, char **argv)
{
    int r, iterations = 2000;

    setvbuf(stdout, NULL, _IOLBF, 0);
    if (argc > 2 && !strcmp(argv[1], "--hold")) {
        /* keeps a VM open (for the unload test) */
        if (kaccel_open(&vm, NULL))
            return 1;
        sleep(atoi(argv[2]));
        return 0;
    }
    if (argc > 2 && !strcmp(argv[1], "--iterations"))
        iterations = atoi(argv[2]);
    r = kaccel_open(&vm, NULL);
    if (r) {
        printf("KT: FAIL - open: %s\n", strerror(-r));
        return 1;
    }
    report("api-version", 1);
    ram = mmap(NULL, RAM_SIZE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    r = kaccel_set_ram(&vm, 0, 0, RAM_SIZE, ram);
    if (r) {
        printf("KT: FAIL - set_ram: %s\n", strerror(-r));
        return 1;
    }
    test_bad_args();
    test_memlock();
    for (int mode = 0; mode < 2; mode++) {
        test_softint(mode);
        test_regs(mode);
        test_insn(mode);
        test_exceptions(mode);
        test_page_faults(mode);
        test_ad(mode);
        test_invalidate(mode);
        test_mmio_watch(mode);
        test_cr3_cache(mode);
        test_segments(mode);
        test_fpu(mode);
        test_run_state(mode);
        test_time(mode);
        test_leaks(mode);
        test_migration(mode);
        test_pt_writes(mode);
        test_pt_large(mode);
        test_pt_selfmap(mode);
        test_pt_recursive(mode);
        test_pt_shared(mode);
    }
    bench();
    tables_at_start = tables_after_flush();
    test_hostile(iterations);
    test_coherence_random(iterations);
    struct kaccel_stats st;
    kaccel_get_stats(&vm, &st);
    printf("KT: info - runs %llu entries %llu irq-exits %llu fills %llu tables %llu "
           "shadow reuses %llu\n",
           (unsigned long long)st.runs, (unsigned long long)st.entries,
           (unsigned long long)st.exits_irq, (unsigned long long)st.shadow_fills,
           (unsigned long long)st.shadow_tables, (unsigned long long)st.root_hits);
    kaccel_close(&vm);
    printf("KT: tests %d passed, %d failed\n", passed, failed);
    return failed != 0;
}
