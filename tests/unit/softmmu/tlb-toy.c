/*
 * The tlbtoy guest of the soft TLB tests: its front end (translator_loop
 * with guest_ld/guest_st of any MemOp at the block's MMU index), its MMU
 * (tlb_fill over a small table the tests edit) and its machine (RAM, ROM,
 * a recording test device, a hole), all in system mode.
 */
#define _GNU_SOURCE
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include "tlb-toy.h"
#include "exec/cpu-ldst.h"
#include "exec/translator.h"
#include "exec/user-pages.h"
#include "tcg/tcg-op.h"

#define TT_MAX_PAGES 64

static TCGv_i64 tt_regs[8];
static TCGv_i32 tt_pc;
static TTPage tt_pages[TT_MAX_PAGES];
static int tt_nb_pages;

uint8_t tt_rom[TT_ROM_SIZE];
uint8_t tt_overlay[TARGET_PAGE_SIZE];
TTDevLog tt_dev_log;
int tt_fill_count;

/* ---- the machine ---- */

uint64_t tt_dev_value(hwaddr offset, unsigned size)
{
    uint64_t v = 0x0807060504030201ull * (offset + 1);

    return size >= 8 ? v : v & (((uint64_t)1 << (8 * size)) - 1);
}

static uint64_t tt_dev_read(void *opaque, hwaddr offset, unsigned size)
{
    tt_dev_log.reads++;
    tt_dev_log.offset = offset;
    tt_dev_log.size = size;
    tt_dev_log.value = tt_dev_value(offset, size);
    return tt_dev_log.value;
}

static void tt_dev_write(void *opaque, hwaddr offset, uint64_t val, unsigned size)
{
    if (offset == TT_DEV_REMAP) {
        mem_map_rom(TT_OVERLAY_PADDR, TARGET_PAGE_SIZE, tt_overlay, "overlay");
        return;
    }
    tt_dev_log.writes++;
    tt_dev_log.offset = offset;
    tt_dev_log.size = size;
    tt_dev_log.value = val;
}

static const MemoryOps tt_dev_ops = {
    .read = tt_dev_read, .write = tt_dev_write, .max_size = 8,
};

uint8_t *tt_ram(hwaddr paddr)
{
    return (uint8_t *)g2h((uint32_t)paddr);
}

/* ---- the MMU ---- */

void tt_map(uint32_t vaddr, hwaddr paddr, int prot, uint32_t size)
{
    int i;

    for (i = 0; i < tt_nb_pages; i++) {
        if (tt_pages[i].vaddr == vaddr) {
            break;
        }
    }
    if (i == tt_nb_pages) {
        if (tt_nb_pages == TT_MAX_PAGES) {
            abort();
        }
        tt_nb_pages++;
    }
    tt_pages[i] = (TTPage){ .vaddr = vaddr, .paddr = paddr, .prot = prot,
                            .size = size };
}

static const TTPage *tt_walk(uint32_t addr)
{
    for (int i = 0; i < tt_nb_pages; i++) {
        const TTPage *p = &tt_pages[i];
        if (p->prot && (addr & ~(p->size - 1)) == p->vaddr) {
            return p;
        }
    }
    return NULL;
}

static bool tt_tlb_fill(CPUState *cpu, uint32_t addr, int size, int access,
                        int mmu_idx, bool probe, uintptr_t ra)
{
    static const int need[3] = { TLB_PROT_READ, TLB_PROT_WRITE, TLB_PROT_EXEC };
    const TTPage *p = tt_walk(addr);

    tt_fill_count++;
    if (!p || !(p->prot & need[access])) {
        if (probe) {
            return false;
        }
        cpu->exception_index = TT_EXCP_PF;
        cpu->fault_addr = addr;
        cpu->fault_is_write = access == MMU_DATA_STORE;
        cpu->error_code = (uint32_t)access;
        cpu_loop_exit_restore(cpu, ra);
    }
    tlb_set_page(cpu, addr, p->paddr + (addr & (p->size - 1)), p->prot, mmu_idx,
                 p->size);
    return true;
}

/* ---- the front end ---- */

static void tt_helper_raise(CPUState *cpu, uint32_t excp)
{
    cpu->exception_index = (int32_t)excp;
    cpu_loop_exit_restore(cpu, GETPC());
}

static TCGHelperInfo tt_raise_info =
    TCG_HELPER(tt_helper_raise, TCG_CALL_MAY_RAISE, TCG_HT_VOID, TCG_HT_PTR, TCG_HT_I32);

static void tt_tcg_init(void)
{
    static const char *const names[8] = { "r0", "r1", "r2", "r3", "r4", "r5", "r6", "r7" };

    for (int i = 0; i < 8; i++) {
        tt_regs[i] = tcg_global_mem_new_i64(offsetof(TTCPU, regs[i]), names[i]);
    }
    tt_pc = tcg_global_mem_new_i32(offsetof(TTCPU, pc), "pc");
}

static void tt_init_disas_context(DisasContextBase *db, CPUState *cpu) { }
static void tt_tb_start(DisasContextBase *db, CPUState *cpu) { }

static void tt_insn_start(DisasContextBase *db, CPUState *cpu)
{
    tcg_gen_insn_start(db->pc_next, 0);
}

static TCGv_i32 tt_gen_addr(int rb, int imm)
{
    TCGv_i32 addr = tcg_temp_new_i32();

    tcg_gen_extrl_i64_i32(addr, tt_regs[rb]);
    tcg_gen_addi_i32(addr, addr, imm);
    return addr;
}

static void tt_translate_insn(DisasContextBase *db, CPUState *cpu)
{
    uint32_t pc = db->pc_next;
    uint32_t insn = translator_ldl(cpu, db, pc);
    int op = insn >> 24, ra = (insn >> 21) & 7, rb = (insn >> 18) & 7;
    MemOp mo = (MemOp)((insn >> 14) & 0xf);
    int imm = (int32_t)(insn << 18) >> 18;
    int mmu = (int)db->tb->flags;
    TCGv_i32 addr, v;

    db->pc_next = pc + 4;
    switch (op) {
    case TT_ADDI:
        tcg_gen_addi_i64(tt_regs[ra], tt_regs[ra], imm);
        break;
    case TT_LD:
        addr = tt_gen_addr(rb, imm);
        tcg_gen_guest_ld_i64(tt_regs[ra], addr, mmu, mo);
        break;
    case TT_ST:
        addr = tt_gen_addr(rb, imm);
        tcg_gen_guest_st_i64(tt_regs[ra], addr, mmu, mo);
        break;
    case TT_LDW:
        addr = tt_gen_addr(rb, imm);
        v = tcg_temp_new_i32();
        tcg_gen_guest_ld_i32(v, addr, mmu, mo);
        tcg_gen_extu_i32_i64(tt_regs[ra], v);
        break;
    case TT_STW:
        addr = tt_gen_addr(rb, imm);
        v = tcg_temp_new_i32();
        tcg_gen_extrl_i64_i32(v, tt_regs[ra]);
        tcg_gen_guest_st_i32(v, addr, mmu, mo);
        break;
    case TT_STI:
        addr = tt_gen_addr(rb, 0);
        tcg_gen_guest_st_i32(tcg_constant_i32(imm), addr, mmu, mo);
        break;
    case TT_HALT:
    default:
        tcg_gen_call2(&tt_raise_info, NULL, tcgv_ptr_temp(tcg_env()),
                      tcgv_i32_temp(tcg_constant_i32(TT_EXCP_HALT)));
        tcg_gen_exit_tb(0);
        db->is_jmp = DISAS_NORETURN;
        break;
    }
}

static void tt_tb_stop(DisasContextBase *db, CPUState *cpu)
{
    if (db->is_jmp == DISAS_TOO_MANY) {
        tcg_gen_movi_i32(tt_pc, db->pc_next);
        tcg_gen_exit_tb(0);
    }
}

static const TranslatorOps tt_translator_ops = {
    .init_disas_context = tt_init_disas_context,
    .tb_start = tt_tb_start,
    .insn_start = tt_insn_start,
    .translate_insn = tt_translate_insn,
    .tb_stop = tt_tb_stop,
};

static void tt_translate(CPUState *cpu, TranslationBlock *tb, int max_insns)
{
    DisasContextBase db;

    translator_loop(cpu, tb, max_insns, &tt_translator_ops, &db);
}

static void tt_get_tb_cpu_state(CPUState *cpu, uint32_t *pc, uint32_t *cs_base,
                                uint32_t *flags)
{
    *pc = ((TTCPU *)cpu)->pc;
    *cs_base = 0;
    *flags = ((TTCPU *)cpu)->mmu;
}

static void tt_restore_state_to_opc(CPUState *cpu, const uint64_t *data)
{
    ((TTCPU *)cpu)->pc = (uint32_t)data[0];
}

static int tt_mmu_index(CPUState *cpu, bool ifetch)
{
    return (int)((TTCPU *)cpu)->mmu;
}

const GuestArch tt_arch = {
    .name = "tlbtoy",
    .env_size = sizeof(TTCPU),
    .big_endian = false,
    .tcg_init = tt_tcg_init,
    .translate = tt_translate,
    .get_tb_cpu_state = tt_get_tb_cpu_state,
    .restore_state_to_opc = tt_restore_state_to_opc,
    .capstone_arch = -1,
    .tlb_fill = tt_tlb_fill,
    .mmu_index = tt_mmu_index,
};

/* ---- set-up ---- */

void tt_init(const char *backend)
{
    if (!guest_space_reserve()) {
        abort();
    }
    if (mmap(g2h(0), TT_RAM_SIZE, PROT_READ | PROT_WRITE,
             MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0) == MAP_FAILED) {
        perror("tt_init");
        abort();
    }
    for (unsigned i = 0; i < TT_ROM_SIZE; i++) {
        tt_rom[i] = (uint8_t)(0x5a ^ i ^ (i >> 8));
    }
    mem_map_ram(0, TT_RAM_SIZE, g2h(0), "ram");
    mem_map_rom(TT_ROM_BASE, TT_ROM_SIZE, tt_rom, "rom");
    mem_map_mmio(TT_DEV_BASE, TT_DEV_SIZE, &tt_dev_ops, NULL, "testdev");
    softmmu_enabled = true;
    tcg_exec_init(&tt_arch, backend, 0);
}

void tt_write_code(hwaddr paddr, const uint32_t *insns, int n)
{
    memcpy(tt_ram(paddr), insns, n * sizeof(uint32_t));
    /* The translator fetches through the TLB: code is mapped virtual =
     * physical, executable. */
    for (uint64_t p = paddr & TARGET_PAGE_MASK; p < (uint64_t)paddr + n * 4;
         p += TARGET_PAGE_SIZE) {
        tt_map((uint32_t)p, p, TLB_PROT_READ | TLB_PROT_EXEC, TARGET_PAGE_SIZE);
    }
}

TTCPU *tt_cpu_new(uint32_t pc)
{
    TTCPU *env = (TTCPU *)cpu_create(&tt_arch);

    env->pc = pc;
    return env;
}

int tt_run(TTCPU *env)
{
    int r;

    do {
        r = cpu_exec(&env->cs);
    } while (r == EXCP_INTERRUPT);
    return r;
}
