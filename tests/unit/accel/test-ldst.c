/*
 * The guest-memory API (exec/cpu-ldst.h) in user mode, from helpers of
 * the toy guest (TOY_HLD/TOY_HST call cpu_ldl_mmu/cpu_stl_mmu), both
 * backends: precise faults with the address of the first bad byte's page,
 * nothing stored by a store whose second page faults, a store into the
 * running block's own page, probes and the debug reader.
 */
#include <string.h>
#include "toy.h"
#include "toy-check.h"
#include "exec/cpu-ldst.h"

#define CODE 0x10000u
#define DATA 0x20000u
#define RX (PAGE_READ | PAGE_EXEC)
#define RW (PAGE_READ | PAGE_WRITE)
#define RWX (PAGE_READ | PAGE_WRITE | PAGE_EXEC)

static ToyCPU *toy_ldst_setup(const char *be, const uint32_t *prog, int n)
{
    toy_init(be, 0);
    toy_map(CODE, 4096, RX);
    toy_write(CODE, prog, n);
    return toy_cpu_new(CODE);
}

/* A helper load from an unmapped page: the guest's fault at that insn. */
static void scen_load_fault(const char *be)
{
    const uint32_t prog[] = {
        toy_insn(TOY_ADDI, 0, 0, 1),
        toy_insn(TOY_HLD, 1, 2, 8),        /* CODE + 4: r1 = mem[r2 + 8] */
        toy_insn(TOY_HALT, 0, 0, 0),
    };
    ToyCPU *env = toy_ldst_setup(be, prog, 3);

    env->regs[2] = 0x70000;                /* unmapped */
    toy_expect(be, "exception", toy_run(env), TOY_EXCP_SEGV);
    toy_expect(be, "fault address", env->cs.fault_addr, 0x70008);
    toy_expect(be, "a load", env->cs.fault_is_write, 0);
    toy_expect(be, "pc of the loading insn", env->pc, CODE + 4);
    toy_expect(be, "r0 (insn before ran)", env->regs[0], 1);
}

/* A load that works, through the same path. */
static void scen_load_ok(const char *be)
{
    const uint32_t prog[] = {
        toy_insn(TOY_HLD, 1, 2, 0xffe),    /* crosses into the next page */
        toy_insn(TOY_HALT, 0, 0, 0),
    };
    ToyCPU *env = toy_ldst_setup(be, prog, 2);
    const uint8_t bytes[4] = { 0x11, 0x22, 0x33, 0x44 };

    toy_map(DATA, 8192, RW);
    memcpy(g2h(DATA + 0xffe), bytes, 4);
    env->regs[2] = DATA;
    toy_expect(be, "exception", toy_run(env), TOY_EXCP_HALT);
    toy_expect(be, "little-endian word across pages", env->regs[1], 0x44332211);
}

/* A store whose second page is read-only: the fault names that page's
 * first byte (as x86's CR2 does) and the first page is left unchanged. */
static void scen_store_split_fault(const char *be)
{
    const uint32_t prog[] = {
        toy_insn(TOY_HST, 1, 2, 0xffe),
        toy_insn(TOY_HALT, 0, 0, 0),
    };
    ToyCPU *env = toy_ldst_setup(be, prog, 2);

    toy_map(DATA, 4096, RW);
    toy_map(DATA + 4096, 4096, PAGE_READ);
    env->regs[1] = 0xaabbccdd;
    env->regs[2] = DATA;
    toy_expect(be, "exception", toy_run(env), TOY_EXCP_SEGV);
    toy_expect(be, "fault address = the second page", env->cs.fault_addr, DATA + 4096);
    toy_expect(be, "a store", env->cs.fault_is_write, 1);
    toy_expect(be, "pc of the storing insn", env->pc, CODE);
    toy_expect(be, "first page untouched", *(uint16_t *)g2h(DATA + 0xffe), 0);
}

/* A helper store into the running block's own (write-protected) page:
 * the next instruction, already translated in that block, is replaced
 * and the new one runs. */
static void scen_store_own_code(const char *be)
{
    const uint32_t prog[] = {
        toy_insn(TOY_HST, 3, 4, 8),        /* mem[r4 + 8] = r3 */
        toy_insn(TOY_ADDI, 0, 0, 0x10),
        toy_insn(TOY_ADDI, 0, 0, 1),       /* CODE + 8: replaced */
        toy_insn(TOY_HALT, 0, 0, 0),
    };
    ToyCPU *env;

    toy_init(be, 0);
    toy_map(CODE, 4096, RWX);
    toy_write(CODE, prog, 4);
    env = toy_cpu_new(CODE);
    env->regs[3] = toy_insn(TOY_ADDI, 0, 0, 5);
    env->regs[4] = CODE;
    toy_expect(be, "exception", toy_run(env), TOY_EXCP_HALT);
    toy_expect(be, "r0 = 0x10 + the new insn's 5", env->regs[0], 0x15);
    toy_expect(be, "the word was stored", *(uint32_t *)g2h(CODE + 8), env->regs[3]);
}

Test(ldst_jit, load_fault) { scen_load_fault("jit"); }
Test(ldst_interp, load_fault) { scen_load_fault("interp"); }
Test(ldst_jit, load_ok) { scen_load_ok("jit"); }
Test(ldst_interp, load_ok) { scen_load_ok("interp"); }
Test(ldst_jit, store_split_fault) { scen_store_split_fault("jit"); }
Test(ldst_interp, store_split_fault) { scen_store_split_fault("interp"); }
Test(ldst_jit, store_own_code) { scen_store_own_code("jit"); }
Test(ldst_interp, store_own_code) { scen_store_own_code("interp"); }

/* Probes and the debug reader, outside generated code. */
Test(ldst, probes_and_debug_read)
{
    ToyCPU *env;
    void *host = (void *)1;
    uint8_t buf[8];

    toy_init("interp", 0);
    toy_map(DATA, 4096, RW);
    toy_map(CODE, 4096, RX);
    env = toy_cpu_new(CODE);
    memcpy(g2h(DATA + 0xffc), "abcd", 4);
    toy_expect_true("-", "nofault load of RW", probe_access_nofault(&env->cs, DATA, 4,
                    MMU_DATA_LOAD, 0, &host), 0);
    toy_expect_true("-", "... host address", host == g2h(DATA), (uintptr_t)host);
    toy_expect_true("-", "nofault store to RX fails", !probe_access_nofault(&env->cs,
                    CODE, 4, MMU_DATA_STORE, 0, &host), 0);
    toy_expect_true("-", "nofault fetch of RW fails", !probe_access_nofault(&env->cs,
                    DATA, 4, MMU_INST_FETCH, 0, &host), 0);
    toy_expect_true("-", "nofault load of a hole fails", !probe_access_nofault(&env->cs,
                    0x70000, 4, MMU_DATA_LOAD, 0, &host), 0);
    page_protect(DATA);    /* as if it held code: write-protected */
    toy_expect_true("-", "nofault store to a code page", probe_access_nofault(&env->cs,
                    DATA, 4, MMU_DATA_STORE, 0, &host), 0);
    toy_expect_true("-", "... without a host address", host == NULL, (uintptr_t)host);
    toy_expect_true("-", "debug read inside", cpu_memory_debug_read(&env->cs,
                    DATA + 0xffc, buf, 4) && memcmp(buf, "abcd", 4) == 0, 0);
    toy_expect_true("-", "debug read into a hole fails", !cpu_memory_debug_read(
                    &env->cs, DATA + 0xffc, buf, 8), 0);
}
