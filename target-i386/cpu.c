/*
 * The i386 guest description (x86_guest_arch): block lookup key (hflags),
 * MMU index, state restore from insn_start data, register dump, EFLAGS
 * access and the flat user-mode segment setup used by linux-user.
 */
#include <capstone/capstone.h>
#include "exec/cpu-ldst.h"
#include "exec/user-pages.h"
#include "target-i386/sse.h"
#include "target-i386/mmu.h"
#include "target-i386/translate-int.h"
#include "target-i386/x87.h"


uint32_t x86_cpu_get_eflags(CPUX86State *env)
{
    uint32_t f = x86_cc_compute_flags(env->cc_op, env->cc_dst, env->cc_src,
                                      env->cc_src2, env->cc_co);
    f |= env->eflags & ~(uint32_t)(CC_ARITH_MASK | DF_MASK);
    f |= 0x2;
    if (env->df < 0) {
        f |= DF_MASK;
    }
    return f;
}

void x86_cpu_set_eflags(CPUX86State *env, uint32_t eflags, uint32_t mask)
{
    uint32_t cur = x86_cpu_get_eflags(env);
    uint32_t f = (cur & ~mask) | (eflags & mask);
    env->cc_src = f & CC_ARITH_MASK;
    env->cc_op = CC_OP_EFLAGS;
    env->df = (f & DF_MASK) ? -1 : 1;
    env->eflags = (f & ~(uint32_t)(CC_ARITH_MASK | DF_MASK)) | 0x2;
}

/* A flat 4 GiB descriptor with the given type byte (access rights). */
static uint64_t x86_flat_desc(uint32_t access)
{
    uint32_t lo = 0x0000ffff;
    uint32_t hi = (access << 8) | 0x000f0000 | (1u << 23) | X86_DESC_B;
    return ((uint64_t)hi << 32) | lo;
}

void x86_cpu_reset_user(CPUX86State *env)
{
    env->gdt[4] = x86_flat_desc(0xfa);  /* 0x23: code, DPL 3, readable */
    env->gdt[5] = x86_flat_desc(0xf2);  /* 0x2b: data, DPL 3, writable */
    env->lu_descriptors = true;
    for (int i = 0; i < NB_SEGS; i++) {
        SegmentCache *sc = &env->segs[i];
        uint32_t sel = (i == R_CS) ? 0x23 : (i == R_FS || i == R_GS) ? 0 : 0x2b;
        uint64_t d = sel ? env->gdt[sel >> 3] : 0;
        sc->selector = sel;
        sc->base = 0;
        sc->limit = sel ? 0xffffffffu : 0;
        sc->flags = (uint32_t)(d >> 32) & 0x00f0ff00u;
    }
    env->eflags = 0x202;
    env->df = 1;
    env->cc_op = CC_OP_EFLAGS;
    env->cc_src = 0;
    /* What a Linux process runs under: protected mode with paging, CPL 3,
     * IOPL 0, no TSS (so every I/O port faults). */
    env->cr[0] = CR0_PG_MASK | CR0_AM_MASK | CR0_WP_MASK | CR0_NE_MASK |
                 CR0_ET_MASK | CR0_MP_MASK | CR0_PE_MASK;
    /* Linux enables FXSAVE/SSE and #XM on every CPU that has them. */
    env->cr[4] = CR4_OSFXSR_MASK | CR4_OSXMMEXCPT_MASK;
    env->old_exception = -1;
    env->a20_mask = 0xffffffffu;
    env->hflags = 3;
    x86_update_hflags(env);
}

/* A usable read/write expand-up data segment of 4 GiB: no access
 * through it can fault on limit or type. */
static bool x86_seg_is_flat(const SegmentCache *sc)
{
    uint32_t f = sc->flags;
    return (sc->selector & 0xfffc) && sc->limit == 0xffffffffu &&
           (f & (X86_DESC_P | X86_DESC_S | X86_DESC_CODE | 0x600)) ==
           (X86_DESC_P | X86_DESC_S | 0x200);
}

void x86_update_hflags(CPUX86State *env)
{
    uint32_t hf = env->hflags & (HF_INHIBIT_IRQ_MASK | HF_CPL_MASK);
    uint32_t cr0 = env->cr[0];
    if (!(cr0 & CR0_PE_MASK)) {
        hf &= ~(uint32_t)HF_CPL_MASK;          /* real mode: CPL 0 */
    } else {
        hf |= HF_PE_MASK;
        if (env->eflags & VM_MASK) {
            hf |= 3;                           /* VM86: CPL 3 */
        } else {
            if (env->segs[R_CS].flags & X86_DESC_B) {
                hf |= HF_CS32_MASK;
            }
            if (env->segs[R_SS].flags & X86_DESC_B) {
                hf |= HF_SS32_MASK;
            }
        }
    }
    if (cr0 & CR0_MP_MASK) {
        hf |= HF_MP_MASK;
    }
    if (cr0 & CR0_EM_MASK) {
        hf |= HF_EM_MASK;
    }
    if (cr0 & CR0_TS_MASK) {
        hf |= HF_TS_MASK;
    }
    if (cr0 & CR0_AM_MASK) {
        hf |= HF_AM_MASK;
    }
    if (env->cr[4] & CR4_OSFXSR_MASK) {
        hf |= HF_OSFXSR_MASK;
    }
    if (env->segs[R_DS].base | env->segs[R_ES].base | env->segs[R_SS].base |
        env->segs[R_CS].base) {
        hf |= HF_ADDSEG_MASK;
    }
    if ((cr0 & CR0_PE_MASK) && !(env->eflags & VM_MASK)) {
        for (int i = 0; i < NB_SEGS; i++) {
            if (!x86_seg_is_flat(&env->segs[i])) {
                hf |= 1u << (HF_SEGCHK_SHIFT + i);
            }
        }
    }
    env->hflags = hf;
}

int x86_mmu_index(CPUX86State *env)
{
    return (env->hflags & HF_CPL_MASK) == 3 ? X86_MMU_IDX_USER : X86_MMU_IDX_KERNEL;
}

static int x86_cpu_mmu_index(CPUState *cpu, bool ifetch)
{
    return x86_mmu_index((CPUX86State *)cpu);
}

static void x86_get_tb_cpu_state(CPUState *cpu, uint32_t *pc,
                                 uint32_t *cs_base, uint32_t *flags)
{
    CPUX86State *env = (CPUX86State *)cpu;
    *cs_base = env->segs[R_CS].base;
    *pc = env->eip + env->segs[R_CS].base;
    *flags = env->hflags | (env->eflags & HF_TBF_EFLAGS);
    if ((env->mxcsr & ~(uint32_t)MXCSR_FLAGS) == MXCSR_DEFAULT) {
        *flags |= HF_MXCSR_DEFAULT_MASK;
    }
    /* fpuc and the ES bit of fpus stay canonical while the host x87 is
     * live (x87.h): nothing can raise ES with every exception masked. */
    if ((env->fpuc & X87_SW_EXC) == X87_SW_EXC && !(env->fpus & X87_SW_ES)) {
        *flags |= HF_X87_MASKED_MASK;
    }
}

/* State generated code keeps outside env: the live host x87 (x87.h). */
static void x86_sync_host_state(CPUState *cpu)
{
    x87_sync((CPUX86State *)cpu);
}

static void x86_restore_state_to_opc(CPUState *cpu, const uint64_t *data)
{
    CPUX86State *env = (CPUX86State *)cpu;
    env->eip = (uint32_t)data[0] - env->segs[R_CS].base;
    x87_live_recover(env, (uint32_t)(data[0] >> X87_RUN_DATA0_SHIFT));
    x86_sse_recover_mxcsr(env, tcg_fault_host_fpu);
    tcg_fault_host_fpu = NULL;
    if ((int32_t)(uint32_t)data[1] != CC_OP_DYNAMIC) {
        env->cc_op = (uint32_t)data[1];
    }
    if ((data[1] & X86_INSN_RMW) &&
        (cpu->exception_index == EXCP0E_PAGE || cpu->exception_index == EXCP11_ALGN)) {
        /* The CPU checks a read-modify-write for writing up front: its
         * segment (linux-user: a CS override, or DS/ES holding a code or
         * read-only selector), before #AC and the page. */
        int seg = (int)((data[1] & X86_INSN_MODRM_SEG_MASK) >> X86_INSN_MODRM_SEG_SHIFT) - 1;
        uint32_t f = seg >= 0 ? env->segs[seg].flags : 0x200;
        if (!cpu->tlb && ((f & X86_DESC_CODE) || !(f & 0x200))) {
            cpu->exception_index = seg == R_SS ? EXCP0C_STACK : EXCP0D_GPF;
            cpu->error_code = 0;
            return;
        }
        if (cpu->exception_index == EXCP0E_PAGE) {
            cpu->fault_is_write = true;
            cpu->error_code |= 2;
        }
    }
    uint64_t acc = (data[1] & X86_INSN_ACC_MASK) >> X86_INSN_ACC_SHIFT;
    if (!cpu->tlb && acc && cpu->exception_index == EXCP0E_PAGE &&
        (uint64_t)cpu->fault_addr + (1u << (acc - 1)) > ((uint64_t)1 << 32)) {
        /* linux-user: the 4 GiB flat segments end there (the top pages
         * are never mapped, so such an access faults at its first byte). */
        bool ss = (data[1] & X86_INSN_ACC_SS) != 0;
        int mseg = (int)((data[1] & X86_INSN_MODRM_SEG_MASK) >> X86_INSN_MODRM_SEG_SHIFT) - 1;
        uint32_t esp = env->regs[R_ESP], a = cpu->fault_addr;
        if ((data[1] & X86_INSN_ANY_SS) && mseg >= 0 && mseg != R_SS) {
            /* PUSH m / POP m: the stack slot's access, or the operand's */
            ss = a == esp || a == esp - 4 || a == esp - 2;
        }
        cpu->exception_index = ss ? EXCP0C_STACK : EXCP0D_GPF;
        cpu->error_code = 0;
        cpu->fault_is_write = false;
    }
}

static void x86_dump_state(CPUState *cpu, FILE *f)
{
    CPUX86State *env = (CPUX86State *)cpu;
    static const char *const names[8] = {
        "EAX", "ECX", "EDX", "EBX", "ESP", "EBP", "ESI", "EDI",
    };
    static const char *const segs[NB_SEGS] = { "ES", "CS", "SS", "DS", "FS", "GS" };
    for (int i = 0; i < 8; i++) {
        fprintf(f, "%s=%08x%s", names[i], env->regs[i], (i & 3) == 3 ? "\n" : " ");
    }
    uint32_t fl = x86_cpu_get_eflags(env);
    fprintf(f, "EIP=%08x EFL=%08x [%c%c%c%c%c%c%c] CC_OP=%d\n", env->eip, fl,
            fl & DF_MASK ? 'D' : '-', fl & CC_O ? 'O' : '-', fl & CC_S ? 'S' : '-',
            fl & CC_Z ? 'Z' : '-', fl & CC_A ? 'A' : '-', fl & CC_P ? 'P' : '-',
            fl & CC_C ? 'C' : '-', (int)env->cc_op);
    for (int i = 0; i < NB_SEGS; i++) {
        fprintf(f, "%s=%04x %08x %08x %08x\n", segs[i], env->segs[i].selector,
                env->segs[i].base, env->segs[i].limit, env->segs[i].flags);
    }
}

/* A user-mode #PF: error code user | write | instruction fetch | present.
 * Present: a mapped page with some access (Linux's PROT_NONE entries are
 * not present to the CPU); a page never touched would be not present too,
 * which Mimic cannot know here. */
static void x86_raise_user_fault(CPUState *cpu, uint32_t addr, int access, bool present)
{
    present = present && (page_get_flags(addr) & (PAGE_READ | PAGE_WRITE | PAGE_EXEC));
    cpu->exception_index = EXCP0E_PAGE;
    cpu->fault_addr = addr;
    cpu->fault_is_write = access == MMU_DATA_STORE;
    cpu->error_code = 0x4 | (access == MMU_DATA_STORE ? 0x2 : 0) |
                      (access == MMU_INST_FETCH ? 0x10 : 0) | (present ? 0x1 : 0);
}

/* target-i386/gdbstub.c */
extern const struct GdbArch x86_gdb_arch;

const GuestArch x86_guest_arch = {
    .name = "i386",
    .env_size = sizeof(CPUX86State),
    .big_endian = false,
    .gdb = &x86_gdb_arch,
    .tcg_init = x86_tcg_init,
    .translate = x86_translate,
    .get_tb_cpu_state = x86_get_tb_cpu_state,
    .restore_state_to_opc = x86_restore_state_to_opc,
    .sync_host_state = x86_sync_host_state,
    .dump_state = x86_dump_state,
    .capstone_arch = CS_ARCH_X86,
    .capstone_mode = CS_MODE_32,
    .raise_user_fault = x86_raise_user_fault,
    .pc_offset = offsetof(CPUX86State, eip),
    .do_interrupt = x86_cpu_do_interrupt,
    .exec_interrupt = x86_cpu_exec_interrupt,
    .mmu_index = x86_cpu_mmu_index,
    .tlb_fill = x86_tlb_fill,
};
