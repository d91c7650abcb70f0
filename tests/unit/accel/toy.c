/*
 * The toy guest's front end (a GuestArch built on translator_loop) and
 * the test scaffolding: guest memory, CPUs and a SIGSEGV handler like
 * linux-user's (SMC write faults, data faults in generated code).
 */
#define _GNU_SOURCE
#include <pthread.h>
#include <signal.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <ucontext.h>
#include "toy.h"
#include "exec/cpu-ldst.h"
#include "exec/softmmu.h"
#include "exec/translator.h"
#include "tcg/tcg-op.h"

static TCGv_i32 toy_regs[8];
static TCGv_i32 toy_pc;

static void toy_helper_raise(CPUState *cpu, uint32_t excp)
{
    cpu->exception_index = (int32_t)excp;
    cpu_loop_exit_restore(cpu, GETPC());
}

static TCGHelperInfo toy_raise_info =
    TCG_HELPER(toy_helper_raise, TCG_CALL_MAY_RAISE, TCG_HT_VOID, TCG_HT_PTR, TCG_HT_I32);

static void toy_helper_kick(CPUState *cpu)
{
    if (((ToyCPU *)cpu)->kick) {
        cpu_exit(cpu);
    }
}

static TCGHelperInfo toy_kick_info =
    TCG_HELPER(toy_helper_kick, TCG_CALL_SIDE_EFFECTS, TCG_HT_VOID, TCG_HT_PTR);

static void toy_helper_flush(CPUState *cpu)
{
    tb_flush();
}

static TCGHelperInfo toy_flush_info =
    TCG_HELPER(toy_helper_flush, TCG_CALL_SIDE_EFFECTS, TCG_HT_VOID, TCG_HT_PTR);

static void toy_helper_wfi(CPUState *cpu)
{
    cpu_restore_state(cpu, GETPC());
    ((ToyCPU *)cpu)->pc += 4;
    cpu->exception_index = EXCP_HLT;
    cpu_loop_exit(cpu);
}

static TCGHelperInfo toy_wfi_info =
    TCG_HELPER(toy_helper_wfi, TCG_CALL_MAY_RAISE, TCG_HT_VOID, TCG_HT_PTR);

static void toy_helper_irq(CPUState *cpu)
{
    cpu_interrupt(cpu, CPU_INTERRUPT_HARD);
}

static TCGHelperInfo toy_irq_info =
    TCG_HELPER(toy_helper_irq, TCG_CALL_SIDE_EFFECTS, TCG_HT_VOID, TCG_HT_PTR);

static uint32_t toy_helper_hld(CPUState *cpu, uint32_t addr)
{
    return cpu_ldl_mmu(cpu, addr, cpu_mmu_index(cpu, false), GETPC());
}

static TCGHelperInfo toy_hld_info =
    TCG_HELPER(toy_helper_hld, TCG_CALL_MAY_RAISE, TCG_HT_I32, TCG_HT_PTR, TCG_HT_I32);

static void toy_helper_hst(CPUState *cpu, uint32_t addr, uint32_t val)
{
    cpu_stl_mmu(cpu, addr, val, cpu_mmu_index(cpu, false), GETPC());
}

static TCGHelperInfo toy_hst_info =
    TCG_HELPER(toy_helper_hst, TCG_CALL_MAY_RAISE, TCG_HT_VOID, TCG_HT_PTR, TCG_HT_I32,
               TCG_HT_I32);

static void toy_tcg_init(void)
{
    static const char *const names[8] = { "r0", "r1", "r2", "r3", "r4", "r5", "r6", "r7" };

    for (int i = 0; i < 8; i++) {
        toy_regs[i] = tcg_global_mem_new_i32(offsetof(ToyCPU, regs[i]), names[i]);
    }
    toy_pc = tcg_global_mem_new_i32(offsetof(ToyCPU, pc), "pc");
}

static void toy_gen_goto(DisasContextBase *db, int slot, uint32_t dest)
{
    if (translator_use_goto_tb(db, dest)) {
        tcg_gen_goto_tb(slot);
        tcg_gen_movi_i32(toy_pc, dest);
        tcg_gen_exit_tb((uintptr_t)db->tb | slot);
    } else {
        tcg_gen_movi_i32(toy_pc, dest);
        tcg_gen_lookup_and_goto_ptr();
    }
}

static void toy_gen_raise(uint32_t excp)
{
    tcg_gen_call2(&toy_raise_info, NULL, tcgv_ptr_temp(tcg_env()),
                  tcgv_i32_temp(tcg_constant_i32(excp)));
}

static TCGv_i32 toy_gen_addr(int rb, int imm)
{
    TCGv_i32 addr = tcg_temp_new_i32();

    tcg_gen_addi_i32(addr, toy_regs[rb], imm);
    return addr;
}

static void toy_init_disas_context(DisasContextBase *db, CPUState *cpu) { }
static void toy_tb_start(DisasContextBase *db, CPUState *cpu) { }

static void toy_insn_start(DisasContextBase *db, CPUState *cpu)
{
    tcg_gen_insn_start(db->pc_next, 0);
}

static void toy_translate_insn(DisasContextBase *db, CPUState *cpu)
{
    uint32_t pc = db->pc_next;
    uint32_t insn = translator_ldl(cpu, db, pc);
    int op = insn >> 24, ra = (insn >> 21) & 7, rb = (insn >> 18) & 7;
    int imm = (int16_t)(insn & 0xffff);
    TCGLabel *taken;
    TCGv_i32 addr;

    db->pc_next = pc + 4;
    switch (op) {
    case TOY_ADDI:
        tcg_gen_addi_i32(toy_regs[ra], toy_regs[ra], imm);
        break;
    case TOY_ADD:
        tcg_gen_add_i32(toy_regs[ra], toy_regs[ra], toy_regs[rb]);
        break;
    case TOY_LUI:
        tcg_gen_movi_i32(toy_regs[ra], (uint32_t)imm << 16);
        break;
    case TOY_ST:
        addr = toy_gen_addr(rb, imm);
        tcg_gen_guest_st_i32(toy_regs[ra], addr, 0, MO_LEUL);
        tcg_temp_free_i32(addr);
        break;
    case TOY_LD:
        addr = toy_gen_addr(rb, imm);
        tcg_gen_guest_ld_i32(toy_regs[ra], addr, 0, MO_LEUL);
        tcg_temp_free_i32(addr);
        break;
    case TOY_JMP:
        toy_gen_goto(db, 0, pc + imm * 4);
        db->is_jmp = DISAS_NORETURN;
        break;
    case TOY_BNZ:
        taken = gen_new_label();
        tcg_gen_brcondi_i32(TCG_COND_NE, toy_regs[ra], 0, taken);
        toy_gen_goto(db, 0, pc + 4);
        gen_set_label(taken);
        toy_gen_goto(db, 1, pc + imm * 4);
        db->is_jmp = DISAS_NORETURN;
        break;
    case TOY_RAISE:
        toy_gen_raise((uint32_t)imm & 0xffff);
        break;
    case TOY_KICK:
        tcg_gen_call1(&toy_kick_info, NULL, tcgv_ptr_temp(tcg_env()));
        break;
    case TOY_FLUSH:
        tcg_gen_call1(&toy_flush_info, NULL, tcgv_ptr_temp(tcg_env()));
        break;
    case TOY_WFI:
        tcg_gen_call1(&toy_wfi_info, NULL, tcgv_ptr_temp(tcg_env()));
        tcg_gen_exit_tb(0);
        db->is_jmp = DISAS_NORETURN;
        break;
    case TOY_IRQ:
        tcg_gen_call1(&toy_irq_info, NULL, tcgv_ptr_temp(tcg_env()));
        break;
    case TOY_HLD:
        addr = toy_gen_addr(rb, imm);
        tcg_gen_call2(&toy_hld_info, tcgv_i32_temp(toy_regs[ra]), tcgv_ptr_temp(tcg_env()),
                      tcgv_i32_temp(addr));
        tcg_temp_free_i32(addr);
        break;
    case TOY_HST:
        addr = toy_gen_addr(rb, imm);
        tcg_gen_call3(&toy_hst_info, NULL, tcgv_ptr_temp(tcg_env()), tcgv_i32_temp(addr),
                      tcgv_i32_temp(toy_regs[ra]));
        tcg_temp_free_i32(addr);
        break;
    case TOY_CALL:
        tcg_gen_movi_i32(toy_regs[ra], pc + 4);
        translator_gen_ret_push(db, pc + 4, toy_regs[rb]);
        toy_gen_goto(db, 0, pc + imm * 4);
        db->is_jmp = DISAS_NORETURN;
        break;
    case TOY_RET: {
        TCGv_i32 dest = tcg_temp_new_i32();
        tcg_gen_mov_i32(dest, toy_regs[ra]);
        tcg_gen_mov_i32(toy_pc, dest);
        translator_gen_ret_lookup(db, dest, toy_regs[rb]);
        db->is_jmp = DISAS_NORETURN;
        break;
    }
    case TOY_JR:
        tcg_gen_mov_i32(toy_pc, toy_regs[ra]);
        tcg_gen_lookup_and_goto_ptr();
        db->is_jmp = DISAS_NORETURN;
        break;
    case TOY_HALT:
    default:
        toy_gen_raise(TOY_EXCP_HALT);
        tcg_gen_exit_tb(0);
        db->is_jmp = DISAS_NORETURN;
        break;
    }
}

static void toy_tb_stop(DisasContextBase *db, CPUState *cpu)
{
    if (db->is_jmp == DISAS_TOO_MANY) {
        toy_gen_goto(db, 0, db->pc_next);
    }
}

static const TranslatorOps toy_translator_ops = {
    .init_disas_context = toy_init_disas_context,
    .tb_start = toy_tb_start,
    .insn_start = toy_insn_start,
    .translate_insn = toy_translate_insn,
    .tb_stop = toy_tb_stop,
};

static void toy_translate(CPUState *cpu, TranslationBlock *tb, int max_insns)
{
    DisasContextBase db;

    translator_loop(cpu, tb, max_insns, &toy_translator_ops, &db);
}

static void toy_get_tb_cpu_state(CPUState *cpu, uint32_t *pc, uint32_t *cs_base,
                                 uint32_t *flags)
{
    *pc = ((ToyCPU *)cpu)->pc;
    *cs_base = 0;
    *flags = 0;
}

static void toy_restore_state_to_opc(CPUState *cpu, const uint64_t *data)
{
    ((ToyCPU *)cpu)->pc = (uint32_t)data[0];
}

static void toy_dump_state(CPUState *cpu, FILE *f)
{
    ToyCPU *env = (ToyCPU *)cpu;

    fprintf(f, "pc=%08x", env->pc);
    for (int i = 0; i < 8; i++) {
        fprintf(f, " r%d=%08x", i, env->regs[i]);
    }
    fprintf(f, "\n");
}

static void toy_raise_user_fault(CPUState *cpu, uint32_t addr, int access, bool present)
{
    cpu->exception_index = access == MMU_INST_FETCH ? TOY_EXCP_FETCH : TOY_EXCP_SEGV;
    cpu->fault_addr = addr;
    cpu->fault_is_write = access == MMU_DATA_STORE;
}

const GuestArch toy_arch = {
    .name = "toy",
    .env_size = sizeof(ToyCPU),
    .big_endian = false,
    .tcg_init = toy_tcg_init,
    .translate = toy_translate,
    .get_tb_cpu_state = toy_get_tb_cpu_state,
    .restore_state_to_opc = toy_restore_state_to_opc,
    .dump_state = toy_dump_state,
    .capstone_arch = -1,
    .capstone_mode = 0,
    .raise_user_fault = toy_raise_user_fault,
};

void toy_init(const char *backend, size_t code_buffer_size)
{
    if (!guest_space_reserve()) {
        abort();
    }
    tcg_exec_init(&toy_arch, backend, code_buffer_size);
}

void toy_map(uint32_t start, uint32_t size, int flags)
{
    void *p = mmap(g2h(start), size, PROT_READ | PROT_WRITE,
                   MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);

    if (p == MAP_FAILED) {
        perror("toy_map");
        abort();
    }
    page_set_flags(start, (uint64_t)start + size, flags | PAGE_VALID);
}

void toy_write(uint32_t addr, const uint32_t *insns, int n)
{
    memcpy(g2h(addr), insns, n * sizeof(uint32_t));
}

int toy_run(ToyCPU *env)
{
    int r;

    do {
        r = cpu_exec(&env->cs);
    } while (r == EXCP_INTERRUPT);
    return r;
}

ToyCPU *toy_cpu_new(uint32_t pc)
{
    ToyCPU *env = (ToyCPU *)cpu_create(&toy_arch);

    env->pc = pc;
    return env;
}

static void toy_segv_handler(int sig, siginfo_t *si, void *ctx)
{
    ucontext_t *uc = ctx;
    CPUState *cpu = current_cpu;
    uintptr_t host_pc = tcg_interp_pc ? tcg_interp_pc
                                      : (uintptr_t)uc->uc_mcontext.gregs[REG_RIP];
    bool is_write = (uc->uc_mcontext.gregs[REG_ERR] & 2) != 0;
    uint64_t host_regs[TCG_HOST_NB_REGS];

    if (cpu && h2g_valid(si->si_addr)) {
        uint32_t addr = h2g(si->si_addr);
        /* We may leave through siglongjmp: unblock SIGSEGV first. */
        pthread_sigmask(SIG_SETMASK, &uc->uc_sigmask, NULL);
        /* Globals the access left in host registers (docs/tcg.md). */
        tcg_host_regs_from_ucontext(uc, host_regs);
        tcg_fault_host_regs = host_regs;
        if (is_write && tb_handle_write_fault(cpu, addr, host_pc)) {
            tcg_fault_host_regs = NULL;
            return;
        }
        tcg_fault_host_regs = host_regs;
        if (cpu_restore_state(cpu, host_pc)) {
            cpu->exception_index = TOY_EXCP_SEGV;
            cpu->fault_addr = addr;
            cpu->fault_is_write = is_write;
            cpu_loop_exit(cpu);
        }
    }
    signal(SIGSEGV, SIG_DFL);   /* not ours: crash normally */
}

void toy_install_segv_handler(void)
{
    struct sigaction sa;

    memset(&sa, 0, sizeof(sa));
    sa.sa_sigaction = toy_segv_handler;
    sa.sa_flags = SA_SIGINFO;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGSEGV, &sa, NULL);
}

/* ---- system mode ---- */

#define TOY_SYS_MAX_PAGES 32

typedef struct ToySysPage {
    uint32_t vpage;
    hwaddr ppage;
} ToySysPage;

static ToySysPage toy_sys_pages[TOY_SYS_MAX_PAGES];
static int toy_sys_nb_pages;
static uint8_t *toy_sys_ram_host;
static GuestArch toy_sys_arch;

void toy_sys_map(uint32_t vaddr, hwaddr paddr)
{
    if (toy_sys_nb_pages == TOY_SYS_MAX_PAGES) {
        abort();
    }
    toy_sys_pages[toy_sys_nb_pages++] = (ToySysPage){ vaddr & TARGET_PAGE_MASK,
                                                      paddr & ~(hwaddr)0xfff };
}

uint8_t *toy_sys_ram(hwaddr paddr)
{
    return toy_sys_ram_host + paddr;
}

static bool toy_sys_tlb_fill(CPUState *cpu, uint32_t addr, int size, int access,
                             int mmu_idx, bool probe, uintptr_t ra)
{
    for (int i = 0; i < toy_sys_nb_pages; i++) {
        if (toy_sys_pages[i].vpage == (addr & TARGET_PAGE_MASK)) {
            tlb_set_page(cpu, addr & TARGET_PAGE_MASK, toy_sys_pages[i].ppage,
                         TLB_PROT_READ | TLB_PROT_WRITE | TLB_PROT_EXEC, mmu_idx,
                         TARGET_PAGE_SIZE);
            return true;
        }
    }
    if (probe) {
        return false;
    }
    cpu->exception_index = access == MMU_INST_FETCH ? TOY_EXCP_FETCH : TOY_EXCP_SEGV;
    cpu->fault_addr = addr;
    cpu->fault_is_write = access == MMU_DATA_STORE;
    cpu_loop_exit_restore(cpu, ra);
}

static void toy_sys_do_interrupt(CPUState *cpu)
{
    ToyCPU *env = (ToyCPU *)cpu;

    env->excp_log[env->nb_excps++ & 7] = (uint32_t)cpu->exception_index;
    if (cpu->exception_index == TOY_EXCP_HALT) {
        cpu->exception_index = EXCP_DEBUG;   /* how a toy test stops */
        return;
    }
    env->epc = env->pc;
    env->pc = env->vector;
}

static bool toy_sys_exec_interrupt(CPUState *cpu, uint32_t request)
{
    ToyCPU *env = (ToyCPU *)cpu;

    if (!(request & CPU_INTERRUPT_HARD) || !env->irq_enabled) {
        return false;
    }
    cpu_reset_interrupt(cpu, CPU_INTERRUPT_HARD);
    env->nb_irqs++;
    env->irq_enabled = 0;
    env->epc = env->pc;
    env->pc = env->vector + TOY_IRQ_OFFSET;
    return true;
}

static int toy_sys_mmu_index(CPUState *cpu, bool ifetch)
{
    return 0;
}

void toy_sys_init(const char *backend)
{
    toy_sys_ram_host = mmap(NULL, TOY_SYS_RAM, PROT_READ | PROT_WRITE,
                            MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (toy_sys_ram_host == MAP_FAILED) {
        perror("toy_sys_init");
        abort();
    }
    mem_map_ram(0, TOY_SYS_RAM, toy_sys_ram_host, "toy-ram");
    toy_sys_arch = toy_arch;
    toy_sys_arch.name = "toy-system";
    toy_sys_arch.tlb_fill = toy_sys_tlb_fill;
    toy_sys_arch.do_interrupt = toy_sys_do_interrupt;
    toy_sys_arch.exec_interrupt = toy_sys_exec_interrupt;
    toy_sys_arch.mmu_index = toy_sys_mmu_index;
    softmmu_enabled = true;
    tcg_exec_init(&toy_sys_arch, backend, 0);
}

ToyCPU *toy_sys_cpu_new(uint32_t pc)
{
    ToyCPU *env = (ToyCPU *)cpu_create(&toy_sys_arch);

    env->pc = pc;
    return env;
}
