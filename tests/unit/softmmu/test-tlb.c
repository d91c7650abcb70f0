/*
 * The soft TLB on the tlbtoy guest, every scenario on both backends: hits
 * and misses for every size and byte order, page-crossing accesses (and a
 * faulting second half that writes nothing), MMIO, ROM, unassigned
 * memory, precise faults, the flushes, probes, map changes. Expected
 * values come from the toy page table and the reference byte layouts
 * below, checked in the backing memory itself.
 */
#include <string.h>
#include "tlb-toy.h"
#include "../accel/toy-check.h"
#include "../../../accel/tcg/cputlb.h"

#define CODE 0x1000u            /* code: virtual = physical, read + exec */
#define V_DATA 0x10000u         /* -> P_DATA */
#define P_DATA 0x20000u
#define V_DATA2 0x11000u        /* -> P_DATA2 (not adjacent physically) */
#define P_DATA2 0x35000u
#define V_RO 0x12000u           /* -> P_RO, read only */
#define P_RO 0x22000u
#define V_NONE 0x13000u         /* unmapped */
#define V_ROM 0x14000u
#define V_DEV 0x15000u
#define V_HOLE 0x16000u
#define RW (TLB_PROT_READ | TLB_PROT_WRITE)
#define RX (TLB_PROT_READ | TLB_PROT_EXEC)
#define PAGE 0x1000u

static const uint64_t pattern = 0x8877665544332211ull;

/* Reference layouts: the bytes a store of v leaves in memory, and the
 * value a load of those bytes gives, for a MemOp. */
static void ref_bytes(uint8_t *out, uint64_t v, MemOp mo)
{
    unsigned n = 1u << (mo & MO_SIZE);

    for (unsigned k = 0; k < n; k++) {
        unsigned sh = (mo & MO_BSWAP) ? 8 * (n - 1 - k) : 8 * k;
        out[k] = (uint8_t)(v >> sh);
    }
}

static uint64_t ref_load(const uint8_t *in, MemOp mo)
{
    unsigned n = 1u << (mo & MO_SIZE);
    uint64_t v = 0;

    for (unsigned k = 0; k < n; k++) {
        unsigned sh = (mo & MO_BSWAP) ? 8 * (n - 1 - k) : 8 * k;
        v |= (uint64_t)in[k] << sh;
    }
    if ((mo & MO_SIGN) && n < 8 && (v >> (8 * n - 1)) & 1) {
        v |= ~(uint64_t)0 << (8 * n);
    }
    return v;
}

static void setup(const char *be)
{
    tt_init(be);
    tt_map(CODE, CODE, RX, PAGE);
    tt_map(CODE + PAGE, CODE + PAGE, RX, PAGE);
    tt_map(CODE + 2 * PAGE, CODE + 2 * PAGE, RX, PAGE);
    tt_map(V_DATA, P_DATA, RW, PAGE);
    tt_map(V_DATA2, P_DATA2, RW, PAGE);
    tt_map(V_RO, P_RO, TLB_PROT_READ, PAGE);
    tt_map(V_ROM, TT_ROM_BASE, RW, PAGE);
    tt_map(V_DEV, TT_DEV_BASE, RW, PAGE);
    tt_map(V_HOLE, TT_HOLE_BASE, RW, PAGE);
}

/* ---- every MemOp: store, load back (i64 and i32 IR), then again (hits) ---- */

static void scen_memops(const char *be, uint32_t in_page)
{
    char what[96];

    setup(be);
    for (int mo = 0; mo < 16; mo++) {
        if (mo & 4 && (mo & 3) == 3) {
            continue;                      /* no signed 64-bit MemOp */
        }
        uint32_t code = CODE + 0x40 * mo;
        uint32_t off = 0x100 + 0x20 * mo + in_page;
        bool narrow = (mo & MO_SIZE) != MO_64;
        const uint32_t prog[] = {
            tt_insn(TT_ST, 2, 1, mo, off),
            tt_insn(TT_LD, 3, 1, mo, off),
            tt_insn(narrow ? TT_LDW : TT_ADDI, 4, 1, mo, narrow ? off : 0),
            tt_insn(TT_HALT, 0, 0, 0, 0),
        };
        uint8_t want[8];
        TTCPU *env;
        int r;

        tt_write_code(code, prog, 4);
        env = tt_cpu_new(code);
        for (int pass = 0; pass < 2; pass++) {
            env->pc = code;
            env->regs[1] = V_DATA;
            env->regs[2] = pattern + pass;
            env->regs[3] = env->regs[4] = 0;
            tt_fill_count = 0;
            uint64_t slow = tlb_stats.slow_loads + tlb_stats.slow_stores;
            r = tt_run(env);
            snprintf(what, sizeof(what), "memop %#x +%#x pass %d: halted", mo, off, pass);
            toy_expect(be, what, r, TT_EXCP_HALT);
            ref_bytes(want, pattern + pass, (MemOp)mo);
            snprintf(what, sizeof(what), "memop %#x pass %d: bytes in RAM", mo, pass);
            toy_expect_true(be, what,
                            memcmp(tt_ram(P_DATA + off), want, 1u << (mo & 3)) == 0,
                            *(uint64_t *)tt_ram(P_DATA + off));
            snprintf(what, sizeof(what), "memop %#x pass %d: i64 load", mo, pass);
            toy_expect(be, what, env->regs[3], ref_load(want, (MemOp)mo));
            if (narrow) {
                snprintf(what, sizeof(what), "memop %#x pass %d: i32 load", mo, pass);
                toy_expect(be, what, env->regs[4], (uint32_t)ref_load(want, (MemOp)mo));
            }
            if (pass == 1) {
                /* The block is cached and the page is in the TLB: all hits. */
                snprintf(what, sizeof(what), "memop %#x: tlb_fill calls on the rerun", mo);
                toy_expect(be, what, tt_fill_count, 0);
                snprintf(what, sizeof(what), "memop %#x: C slow paths on the rerun", mo);
                toy_expect(be, what, tlb_stats.slow_loads + tlb_stats.slow_stores - slow, 0);
            }
        }
    }
}

Test(tlb_jit, memops_aligned) { scen_memops("jit", 0); }
Test(tlb_interp, memops_aligned) { scen_memops("interp", 0); }
Test(tlb_jit, memops_unaligned) { scen_memops("jit", 3); }
Test(tlb_interp, memops_unaligned) { scen_memops("interp", 3); }

/* ---- page-crossing accesses ---- */

static void scen_cross(const char *be)
{
    const uint32_t prog[] = {
        tt_insn(TT_ST, 2, 1, MO_LEUQ, 0xffd),     /* V_DATA + 0xffd: 3 + 5 bytes */
        tt_insn(TT_LD, 3, 1, MO_LEUQ, 0xffd),
        tt_insn(TT_LD, 4, 1, MO_BESL, 0xffe),     /* 2 + 2 bytes, swapped, signed */
        tt_insn(TT_LDW, 5, 1, MO_LEUW, 0x1fff),   /* V_DATA2 + 0xfff: into V_RO */
        tt_insn(TT_HALT, 0, 0, 0, 0),
    };
    uint8_t want[8], mid[4], last[2];
    TTCPU *env;
    int r;

    setup(be);
    memset(tt_ram(P_RO), 0xee, PAGE);
    *tt_ram(P_DATA2 + 0xfff) = 0x9c;
    tt_write_code(CODE, prog, 5);
    env = tt_cpu_new(CODE);
    env->regs[1] = V_DATA;
    env->regs[2] = pattern;
    r = tt_run(env);
    toy_expect(be, "halted", r, TT_EXCP_HALT);
    ref_bytes(want, pattern, MO_LEUQ);
    toy_expect_true(be, "first 3 bytes at the end of P_DATA",
                    memcmp(tt_ram(P_DATA + 0xffd), want, 3) == 0, 0);
    toy_expect_true(be, "last 5 bytes at the start of P_DATA2",
                    memcmp(tt_ram(P_DATA2), want + 3, 5) == 0, 0);
    toy_expect(be, "crossing load", env->regs[3], pattern);
    memcpy(mid, want + 1, 4);
    toy_expect(be, "crossing signed big-endian load", env->regs[4], ref_load(mid, MO_BESL));
    last[0] = 0x9c;
    last[1] = 0xee;
    toy_expect(be, "crossing i32 load into the read-only page", env->regs[5],
               ref_load(last, MO_LEUW));
}

static void scen_cross_fault(const char *be)
{
    const uint32_t prog[] = {
        tt_insn(TT_ADDI, 7, 0, 0, 1),
        tt_insn(TT_ST, 2, 1, MO_LEUQ, 0xffc),     /* V_DATA2 + 0xffc: into V_RO */
        tt_insn(TT_ADDI, 7, 0, 0, 100),
        tt_insn(TT_HALT, 0, 0, 0, 0),
    };
    const uint32_t prog2[] = {
        tt_insn(TT_LD, 3, 1, MO_LEUL, 0xffe),     /* V_RO + 0xffe: into V_NONE */
        tt_insn(TT_HALT, 0, 0, 0, 0),
    };
    TTCPU *env;
    int r;

    setup(be);
    memset(tt_ram(P_DATA2 + 0xff0), 0xcc, 0x10);
    tt_write_code(CODE, prog, 4);
    tt_write_code(CODE + 0x100, prog2, 2);
    env = tt_cpu_new(CODE);
    env->regs[1] = V_DATA2;
    env->regs[2] = pattern;
    r = tt_run(env);
    toy_expect(be, "store into a read-only second page faults", r, TT_EXCP_PF);
    toy_expect(be, "fault address: the second page", env->cs.fault_addr, V_RO);
    toy_expect(be, "fault is a write", env->cs.fault_is_write, 1);
    toy_expect(be, "pc of the store", env->pc, CODE + 4);
    toy_expect(be, "the insn before ran", env->regs[7], 1);
    toy_expect(be, "first half not written",
               *(uint32_t *)tt_ram(P_DATA2 + 0xffc), 0xccccccccu);
    toy_expect(be, "read-only page untouched", *tt_ram(P_RO), 0);

    env->pc = CODE + 0x100;
    env->regs[1] = V_RO;
    r = tt_run(env);
    toy_expect(be, "load into an unmapped second page faults", r, TT_EXCP_PF);
    toy_expect(be, "fault address: the unmapped page", env->cs.fault_addr, V_NONE);
    toy_expect(be, "fault is a read", env->cs.fault_is_write, 0);
    toy_expect(be, "pc of the load", env->pc, CODE + 0x100);
}

Test(tlb_jit, cross_page) { scen_cross("jit"); }
Test(tlb_interp, cross_page) { scen_cross("interp"); }
Test(tlb_jit, cross_page_fault) { scen_cross_fault("jit"); }
Test(tlb_interp, cross_page_fault) { scen_cross_fault("interp"); }

/* ---- MMIO, ROM, unassigned ---- */

static void scen_devices(const char *be)
{
    const uint32_t prog[] = {
        tt_insn(TT_LD, 3, 1, MO_LEUQ, 0x10),      /* device, 8 bytes at 0x10 */
        tt_insn(TT_LDW, 4, 1, MO_BEUW, 0x22),     /* device, 2 bytes at 0x22, swapped */
        tt_insn(TT_STW, 2, 1, MO_LEUL, 0x34),     /* device write, 4 bytes at 0x34 */
        tt_insn(TT_HALT, 0, 0, 0, 0),
    };
    const uint32_t prog_rom[] = {
        tt_insn(TT_ST, 2, 5, MO_LEUQ, 0x40),      /* ROM: ignored */
        tt_insn(TT_LD, 3, 5, MO_LEUQ, 0x40),
        tt_insn(TT_LD, 4, 6, MO_LEUQ, 0x8),       /* unassigned: all ones */
        tt_insn(TT_LDW, 5, 6, MO_UB, 0x3),
        tt_insn(TT_ST, 2, 6, MO_LEUQ, 0x8),       /* unassigned: ignored */
        tt_insn(TT_HALT, 0, 0, 0, 0),
    };
    uint8_t rom_before[16];
    TTCPU *env;
    int r;

    setup(be);
    tt_write_code(CODE, prog, 4);
    tt_write_code(CODE + 0x100, prog_rom, 6);
    env = tt_cpu_new(CODE);
    env->regs[1] = V_DEV;
    env->regs[2] = pattern;
    r = tt_run(env);
    toy_expect(be, "halted", r, TT_EXCP_HALT);
    toy_expect(be, "8-byte device read", env->regs[3], tt_dev_value(0x10, 8));
    toy_expect(be, "byte-swapped 2-byte device read", env->regs[4],
               __builtin_bswap16((uint16_t)tt_dev_value(0x22, 2)));
    toy_expect(be, "device reads", tt_dev_log.reads, 2);
    toy_expect(be, "device write count", tt_dev_log.writes, 1);
    toy_expect(be, "device write offset", tt_dev_log.offset, 0x34);
    toy_expect(be, "device write size", tt_dev_log.size, 4);
    toy_expect(be, "device write value", tt_dev_log.value, (uint32_t)pattern);

    memcpy(rom_before, tt_rom + 0x40, 16);
    env->pc = CODE + 0x100;
    env->regs[5] = V_ROM;
    env->regs[6] = V_HOLE;
    r = tt_run(env);
    toy_expect(be, "halted", r, TT_EXCP_HALT);
    toy_expect_true(be, "ROM unchanged by the store",
                    memcmp(rom_before, tt_rom + 0x40, 16) == 0, 0);
    toy_expect(be, "ROM read", env->regs[3], ref_load(tt_rom + 0x40, MO_LEUQ));
    toy_expect(be, "unassigned 8 bytes", env->regs[4], ~(uint64_t)0);
    toy_expect(be, "unassigned byte", env->regs[5], 0xff);
}

Test(tlb_jit, devices) { scen_devices("jit"); }
Test(tlb_interp, devices) { scen_devices("interp"); }

/* ---- precise faults ---- */

static void scen_precise(const char *be)
{
    const uint32_t prog[] = {
        tt_insn(TT_ADDI, 7, 0, 0, 1),
        tt_insn(TT_ST, 7, 1, MO_LEUL, 0),         /* V_DATA */
        tt_insn(TT_ADDI, 7, 0, 0, 1),
        tt_insn(TT_LD, 3, 2, MO_LEUL, 0x10),      /* V_NONE: faults */
        tt_insn(TT_ADDI, 7, 0, 0, 100),
        tt_insn(TT_HALT, 0, 0, 0, 0),
    };
    TTCPU *env;
    int r;

    setup(be);
    tt_write_code(CODE, prog, 6);
    env = tt_cpu_new(CODE);
    env->regs[1] = V_DATA;
    env->regs[2] = V_NONE;
    env->regs[3] = 0x77;
    r = tt_run(env);
    toy_expect(be, "load from an unmapped page faults", r, TT_EXCP_PF);
    toy_expect(be, "pc = the load", env->pc, CODE + 12);
    toy_expect(be, "fault address", env->cs.fault_addr, V_NONE + 0x10);
    toy_expect(be, "r7 after two ADDIs", env->regs[7], 2);
    toy_expect(be, "load target untouched", env->regs[3], 0x77);
    toy_expect(be, "the store before it reached RAM", *(uint32_t *)tt_ram(P_DATA), 1);

    /* A store to the read-only page, and the same again after mapping it. */
    tt_map(V_NONE, P_DATA2, RW, PAGE);
    env->pc = CODE + 12;
    r = tt_run(env);
    toy_expect(be, "after mapping the page: runs to the end", r, TT_EXCP_HALT);
    toy_expect(be, "r7", env->regs[7], 102);
}

Test(tlb_jit, precise_fault) { scen_precise("jit"); }
Test(tlb_interp, precise_fault) { scen_precise("interp"); }

/* ---- flushes ---- */

#define V_NG 0x18000u        /* not global */
#define V_G 0x19000u         /* global */
#define V_LARGE 0x800000u    /* a 4 MiB page */

static void scen_flush(const char *be)
{
    const uint32_t prog[] = {
        tt_insn(TT_LDW, 3, 1, MO_LEUL, 0),
        tt_insn(TT_LDW, 4, 2, MO_LEUL, 0),
        tt_insn(TT_LDW, 5, 6, MO_LEUL, 0),       /* inside the large page */
        tt_insn(TT_HALT, 0, 0, 0, 0),
    };
    const uint32_t values[6] = { 0x1111, 0x2222, 0x3333, 0x4444, 0x5555, 0x6666 };
    TTCPU *env;

    setup(be);
    for (int i = 0; i < 4; i++) {
        *(uint32_t *)tt_ram(0x24000 + i * PAGE) = values[i];
    }
    *(uint32_t *)tt_ram(0x400000 + 0x123000) = values[4];
    *(uint32_t *)tt_ram(0xc00000 + 0x123000) = values[5];
    tt_map(V_NG, 0x24000, RW, PAGE);
    tt_map(V_G, 0x26000, RW | TLB_PROT_GLOBAL, PAGE);
    tt_map(V_LARGE, 0x400000, RW, 0x400000);
    tt_write_code(CODE, prog, 4);
    env = tt_cpu_new(CODE);
    env->regs[1] = V_NG;
    env->regs[2] = V_G;
    env->regs[6] = V_LARGE + 0x123000;

#define RUN_AND_CHECK(label, a, b, c)                                  \
    do {                                                               \
        env->pc = CODE;                                                \
        toy_expect(be, label ": halted", tt_run(env), TT_EXCP_HALT);   \
        toy_expect(be, label ": non-global page", env->regs[3], (a));  \
        toy_expect(be, label ": global page", env->regs[4], (b));      \
        toy_expect(be, label ": large page", env->regs[5], (c));       \
    } while (0)

    RUN_AND_CHECK("first run", 0x1111, 0x3333, 0x5555);
    tt_map(V_NG, 0x25000, RW, PAGE);
    tt_map(V_G, 0x27000, RW | TLB_PROT_GLOBAL, PAGE);
    tt_map(V_LARGE, 0xc00000, RW, 0x400000);
    RUN_AND_CHECK("remapped, no flush (stale entries)", 0x1111, 0x3333, 0x5555);
    tlb_flush_nonglobal(&env->cs);
    RUN_AND_CHECK("after tlb_flush_nonglobal", 0x2222, 0x3333, 0x6666);
    tt_map(V_LARGE, 0x400000, RW, 0x400000);
    tlb_flush_page(&env->cs, V_G);
    RUN_AND_CHECK("after tlb_flush_page(global page)", 0x2222, 0x4444, 0x6666);
    tlb_flush_page(&env->cs, V_LARGE + 0x3ff000);   /* another 4 KiB of the large page */
    RUN_AND_CHECK("after tlb_flush_page inside the large page", 0x2222, 0x4444, 0x5555);
    tt_map(V_NG, 0x24000, RW, PAGE);
    tt_map(V_G, 0x26000, RW | TLB_PROT_GLOBAL, PAGE);
    tlb_flush_page(&env->cs, V_NG - PAGE);          /* a neighbour: no effect */
    RUN_AND_CHECK("after flushing a neighbour page", 0x2222, 0x4444, 0x5555);
    tlb_flush(&env->cs);
    RUN_AND_CHECK("after tlb_flush", 0x1111, 0x3333, 0x5555);
#undef RUN_AND_CHECK
}

Test(tlb_jit, flushes) { scen_flush("jit"); }
Test(tlb_interp, flushes) { scen_flush("interp"); }

/* ---- a map change from inside generated code ---- */

static void scen_map_change(const char *be)
{
    const uint32_t prog[] = {
        tt_insn(TT_LDW, 3, 1, MO_LEUL, 0),        /* RAM at TT_OVERLAY_PADDR */
        tt_insn(TT_STW, 2, 5, MO_UB, TT_DEV_REMAP),
        tt_insn(TT_LDW, 4, 1, MO_LEUL, 0),        /* now the overlay ROM */
        tt_insn(TT_HALT, 0, 0, 0, 0),
    };
    TTCPU *env;
    int r;

    setup(be);
    tt_map(0x1a000, TT_OVERLAY_PADDR, RW, PAGE);
    *(uint32_t *)tt_ram(TT_OVERLAY_PADDR) = 0xabcd0123;
    memset(tt_overlay, 0x42, sizeof(tt_overlay));
    tt_write_code(CODE, prog, 4);
    env = tt_cpu_new(CODE);
    env->regs[1] = 0x1a000;
    env->regs[5] = V_DEV;
    r = tt_run(env);
    toy_expect(be, "halted", r, TT_EXCP_HALT);
    toy_expect(be, "before the remap: RAM", env->regs[3], 0xabcd0123);
    toy_expect(be, "after the remap: the overlay", env->regs[4], 0x42424242);
}

/* The same from outside generated code (a port write, a timer, the
 * board): the next run must not hit the old entry. */
static void scen_map_change_outside(const char *be)
{
    const uint32_t prog[] = {
        tt_insn(TT_LDW, 3, 1, MO_LEUL, 0),
        tt_insn(TT_HALT, 0, 0, 0, 0),
    };
    TTCPU *env;

    setup(be);
    tt_map(0x1a000, TT_OVERLAY_PADDR, RW, PAGE);
    *(uint32_t *)tt_ram(TT_OVERLAY_PADDR) = 0xabcd0123;
    memset(tt_overlay, 0x42, sizeof(tt_overlay));
    tt_write_code(CODE, prog, 2);
    env = tt_cpu_new(CODE);
    env->regs[1] = 0x1a000;
    toy_expect(be, "halted", tt_run(env), TT_EXCP_HALT);
    toy_expect(be, "before the remap: RAM", env->regs[3], 0xabcd0123);
    mem_map_rom(TT_OVERLAY_PADDR, PAGE, tt_overlay, "overlay");
    env->pc = CODE;
    toy_expect(be, "halted", tt_run(env), TT_EXCP_HALT);
    toy_expect(be, "after the remap: the overlay", env->regs[3], 0x42424242);
}

Test(tlb_jit, map_change_outside) { scen_map_change_outside("jit"); }
Test(tlb_interp, map_change_outside) { scen_map_change_outside("interp"); }
Test(tlb_jit, map_change) { scen_map_change("jit"); }
Test(tlb_interp, map_change) { scen_map_change("interp"); }

/* ---- probes, code addresses, debug reads, C loads and stores ---- */

static void scen_probes(const char *be)
{
    TTCPU *env;
    CPUState *cpu;
    void *host = (void *)1;
    uint8_t buf[8], want[8];

    setup(be);
    env = tt_cpu_new(CODE);
    cpu = &env->cs;
    toy_expect_true(be, "probe store to RAM",
                    tlb_probe_access_nofault(cpu, V_DATA + 8, 4, MMU_DATA_STORE, 0, &host),
                    0);
    toy_expect(be, "host address of RAM", (uintptr_t)host, (uintptr_t)tt_ram(P_DATA + 8));
    toy_expect_true(be, "probe store to ROM succeeds",
                    tlb_probe_access_nofault(cpu, V_ROM, 4, MMU_DATA_STORE, 0, &host), 0);
    toy_expect(be, "... without a host address", (uintptr_t)host, 0);
    toy_expect_true(be, "probe load from the device succeeds",
                    tlb_probe_access_nofault(cpu, V_DEV, 4, MMU_DATA_LOAD, 0, &host), 0);
    toy_expect(be, "... without a host address", (uintptr_t)host, 0);
    toy_expect_true(be, "probe store to the read-only page fails",
                    !tlb_probe_access_nofault(cpu, V_RO, 4, MMU_DATA_STORE, 0, &host), 0);
    toy_expect_true(be, "probe load from an unmapped page fails",
                    !tlb_probe_access_nofault(cpu, V_NONE, 1, MMU_DATA_LOAD, 0, &host), 0);
    toy_expect(be, "code address of code", get_page_addr_code(cpu, CODE + 0x124, 0),
               CODE + 0x124);
    toy_expect(be, "code address of a data page (no exec)",
               get_page_addr_code(cpu, V_DATA, 0), (hwaddr)-1);

    tlb_st_mmu(cpu, V_DATA + 0xffc, pattern, MO_BEUQ, 0, 0);
    ref_bytes(want, pattern, MO_BEUQ);
    toy_expect_true(be, "C store crossing pages: first half",
                    memcmp(tt_ram(P_DATA + 0xffc), want, 4) == 0, 0);
    toy_expect_true(be, "C store crossing pages: second half",
                    memcmp(tt_ram(P_DATA2), want + 4, 4) == 0, 0);
    toy_expect(be, "C load crossing pages", tlb_ld_mmu(cpu, V_DATA + 0xffc, MO_BEUQ, 0, 0),
               pattern);
    toy_expect(be, "C signed load", tlb_ld_mmu(cpu, V_DATA + 0xffc, MO_SB, 0, 0),
               (uint64_t)(int8_t)want[0]);
    toy_expect_true(be, "debug read across the pages",
                    tlb_debug_read(cpu, V_DATA + 0xffc, buf, 8), 0);
    toy_expect_true(be, "debug read bytes", memcmp(buf, want, 8) == 0, 0);
    toy_expect_true(be, "debug read of an unmapped page fails",
                    !tlb_debug_read(cpu, V_NONE - 2, buf, 4), 0);
    toy_expect_true(be, "debug read of the device fails",
                    !tlb_debug_read(cpu, V_DEV, buf, 4), 0);
    toy_expect(be, "the device was not touched", tt_dev_log.reads, 0);
}

Test(tlb_jit, probes) { scen_probes("jit"); }
Test(tlb_interp, probes) { scen_probes("interp"); }

/* ---- values live in caller-saved registers across a slow path ---- */

static void scen_live_regs(const char *be)
{
    uint32_t prog[32];
    int n = 0;
    TTCPU *env;

    setup(be);
    for (int r = 1; r <= 6; r++) {
        prog[n++] = tt_insn(TT_ADDI, r, 0, 0, r);        /* live in registers */
    }
    prog[n++] = tt_insn(TT_LDW, 0, 7, MO_LEUL, 0x10);   /* r7 = V_DATA: a miss */
    prog[n++] = tt_insn(TT_STW, 0, 7, MO_LEUL, 0x1010); /* V_DATA2: another miss */
    for (int r = 1; r <= 6; r++) {
        prog[n++] = tt_insn(TT_ADDI, r, 0, 0, 0x100 * r);
    }
    prog[n++] = tt_insn(TT_HALT, 0, 0, 0, 0);
    *(uint32_t *)tt_ram(P_DATA + 0x10) = 0x600dcafe;
    tt_write_code(CODE, prog, n);
    env = tt_cpu_new(CODE);
    for (int r = 1; r <= 6; r++) {
        env->regs[r] = 0x1000000ull * r;
    }
    env->regs[7] = V_DATA;
    toy_expect(be, "halted", tt_run(env), TT_EXCP_HALT);
    toy_expect(be, "r0 loaded", env->regs[0], 0x600dcafe);
    toy_expect(be, "stored through the second miss", *(uint32_t *)tt_ram(P_DATA2 + 0x10),
               0x600dcafe);
    toy_expect(be, "r7 kept", env->regs[7], V_DATA);
    for (int r = 1; r <= 6; r++) {
        char what[48];
        snprintf(what, sizeof(what), "r%d kept across the slow paths", r);
        toy_expect(be, what, env->regs[r], 0x1000000ull * r + r + 0x100 * r);
    }
}

Test(tlb_jit, live_registers) { scen_live_regs("jit"); }
Test(tlb_interp, live_registers) { scen_live_regs("interp"); }

/* ---- self-modifying code through a second virtual mapping ---- */

#define V_ALIAS 0x5000u      /* -> CODE's physical page, writable */
#define V_ALIAS2 0x6000u     /* -> the physical page at CODE + 2 pages */

/* A block that rewrites one of its own later instructions through the
 * alias: the store ends the block, and the new instruction runs. */
static void scen_smc_same_block(const char *be)
{
    const uint32_t prog[] = {
        tt_insn(TT_STW, 2, 1, MO_LEUL, 0xc),      /* rewrites the insn at CODE + 0xc */
        tt_insn(TT_ADDI, 6, 0, 0, 1),
        tt_insn(TT_ADDI, 6, 0, 0, 1),
        tt_insn(TT_ADDI, 5, 0, 0, 1),             /* becomes ADDI r5, 100 */
        tt_insn(TT_HALT, 0, 0, 0, 0),
    };
    TTCPU *env;

    setup(be);
    tt_map(V_ALIAS, CODE, RW, PAGE);
    tt_write_code(CODE, prog, 5);
    env = tt_cpu_new(CODE);
    env->regs[1] = V_ALIAS;
    env->regs[2] = tt_insn(TT_ADDI, 5, 0, 0, 100);
    uint64_t watched = tlb_stats.code_writes;
    toy_expect(be, "halted", tt_run(env), TT_EXCP_HALT);
    toy_expect_true(be, "the store went through the code-page watch",
                    tlb_stats.code_writes > watched, tlb_stats.code_writes - watched);
    toy_expect(be, "the new instruction ran", env->regs[5], 100);
    toy_expect(be, "the instructions after the store ran once", env->regs[6], 2);
    toy_expect(be, "the code in RAM", *(uint32_t *)tt_ram(CODE + 0xc),
               tt_insn(TT_ADDI, 5, 0, 0, 100));
}

/* Another block's code rewritten through an alias whose TLB entry was
 * filled before (watch set later by the block store) and after the code
 * was translated. */
static void scen_smc_other_block(const char *be)
{
    const uint32_t target[] = {
        tt_insn(TT_ADDI, 5, 0, 0, 1),
        tt_insn(TT_HALT, 0, 0, 0, 0),
    };
    const uint32_t writer[] = {
        tt_insn(TT_STW, 2, 1, MO_LEUL, 0),
        tt_insn(TT_HALT, 0, 0, 0, 0),
    };
    uint32_t tpc = CODE + 2 * PAGE;
    TTCPU *env;

    setup(be);
    tt_map(V_ALIAS2, tpc, RW, PAGE);
    tt_write_code(tpc, target, 2);
    tt_write_code(CODE, writer, 2);
    env = tt_cpu_new(CODE);
    env->regs[1] = V_ALIAS2;
    env->regs[2] = target[0];                     /* same bytes: fills the alias entry */
    toy_expect(be, "writer (entry filled, no code yet)", tt_run(env), TT_EXCP_HALT);
    env->pc = tpc;
    toy_expect(be, "target, first version", tt_run(env), TT_EXCP_HALT);
    toy_expect(be, "r5 after +1", env->regs[5], 1);
    env->pc = CODE;
    env->regs[2] = tt_insn(TT_ADDI, 5, 0, 0, 10);
    uint64_t watched = tlb_stats.code_writes;
    toy_expect(be, "writer (code now on the page)", tt_run(env), TT_EXCP_HALT);
    toy_expect(be, "one store through the code-page watch",
               tlb_stats.code_writes - watched, 1);
    env->pc = tpc;
    toy_expect(be, "target, second version", tt_run(env), TT_EXCP_HALT);
    toy_expect(be, "r5 after +10", env->regs[5], 11);

    tlb_flush(&env->cs);                          /* the alias entry filled anew */
    env->pc = CODE;
    env->regs[2] = tt_insn(TT_ADDI, 5, 0, 0, 100);
    toy_expect(be, "writer after a flush", tt_run(env), TT_EXCP_HALT);
    env->pc = tpc;
    toy_expect(be, "target, third version", tt_run(env), TT_EXCP_HALT);
    toy_expect(be, "r5 after +100", env->regs[5], 111);
}

Test(tlb_jit, smc_same_block) { scen_smc_same_block("jit"); }
Test(tlb_interp, smc_same_block) { scen_smc_same_block("interp"); }
Test(tlb_jit, smc_other_block) { scen_smc_other_block("jit"); }
Test(tlb_interp, smc_other_block) { scen_smc_other_block("interp"); }

/* ---- code remapped under a virtual page: the jump cache follows ---- */

static void scen_code_remap(const char *be)
{
    const uint32_t a[] = { tt_insn(TT_ADDI, 5, 0, 0, 1), tt_insn(TT_HALT, 0, 0, 0, 0) };
    const uint32_t b[] = { tt_insn(TT_ADDI, 5, 0, 0, 10), tt_insn(TT_HALT, 0, 0, 0, 0) };
    uint32_t v = 0x3000, pa = 0x3000, pb = 0x7000;
    uint64_t misses;
    TTCPU *env;

    setup(be);
    tt_write_code(pb, b, 2);
    tt_write_code(pa, a, 2);                      /* maps v = pa */
    env = tt_cpu_new(v);
    toy_expect(be, "first run", tt_run(env), TT_EXCP_HALT);
    toy_expect(be, "r5 from the code at pa", env->regs[5], 1);

    tlb_flush_page(&env->cs, 0x9000);             /* no code was ever there */
    misses = tcg_ctx->stats.lookup_misses;
    env->pc = v;
    toy_expect(be, "run after flushing an unrelated page", tt_run(env), TT_EXCP_HALT);
    toy_expect(be, "r5", env->regs[5], 2);
    toy_expect(be, "the jump cache kept the block", tcg_ctx->stats.lookup_misses - misses, 0);

    tt_map(v, pb, RX, PAGE);
    tlb_flush_page(&env->cs, v);
    env->pc = v;
    toy_expect(be, "run after remapping the code page", tt_run(env), TT_EXCP_HALT);
    toy_expect(be, "r5 from the code at pb", env->regs[5], 12);
}

Test(tlb_jit, code_remap) { scen_code_remap("jit"); }
Test(tlb_interp, code_remap) { scen_code_remap("interp"); }
