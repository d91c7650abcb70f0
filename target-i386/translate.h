/*
 * The i386 front end's translation context and the small API its decoder
 * parts share (the x87 decoder in translate-x87.c included). Each
 * translate-*.c file handles one instruction class over this context.
 */
#ifndef TARGET_I386_TRANSLATE_H
#define TARGET_I386_TRANSLATE_H

#include <stdbool.h>
#include <stdint.h>
#include "exec/translator.h"
#include "tcg/tcg-op.h"
#include "target-i386/cpu.h"
#include "target-i386/cc.h"

/* Prefix bits (DisasContext.prefixes). */
enum {
    PREFIX_REPZ = 0x01, PREFIX_REPNZ = 0x02, PREFIX_LOCK = 0x04,
    PREFIX_DATA = 0x08, PREFIX_ADR = 0x10,
};

/*
 * env->hflags: the mode bits translation depends on, kept up to date by
 * x86_update_hflags (segment loads, CR0 writes, mode switches) and by the
 * helpers that change them. The block flags (tb->flags) are hflags plus
 * EFLAGS.TF, IOPL and VM (same bit positions as in EFLAGS, never stored
 * in hflags). The MMU index is a function of the flags: user for CPL 3,
 * kernel otherwise (x86_mmu_index).
 */
enum {
    HF_CPL_MASK = 0x3,          /* CPL (real mode: 0, VM86: 3) */
    HF_CS32_MASK = 1 << 2,      /* CS default operand/address size is 32 */
    HF_SS32_MASK = 1 << 3,      /* SS is a 32-bit stack segment (B bit) */
    HF_ADDSEG_MASK = 1 << 4,    /* CS, DS, ES or SS may have a non-zero base */
    HF_PE_MASK = 1 << 5,        /* CR0.PE: protected mode */
    HF_MP_MASK = 1 << 6,        /* CR0.MP */
    HF_EM_MASK = 1 << 7,        /* CR0.EM */
    /* 1 << 8: EFLAGS.TF */
    HF_TS_MASK = 1 << 9,        /* CR0.TS */
    HF_INHIBIT_IRQ_MASK = 1 << 10, /* STI / MOV SS shadow on the next insn */
    HF_AM_MASK = 1 << 11,       /* CR0.AM */
    HF_OSFXSR_MASK = 1 << 14,   /* CR4.OSFXSR: SSE instructions allowed */
    /* Block flag only (x86_get_tb_cpu_state, from env->mxcsr; never in
     * hflags): MXCSR in the default mode (nearest, no DAZ/FTZ, all
     * exceptions masked), so SSE FP runs inline (translate-sse-host.c).
     * LDMXCSR and FXRSTOR end the block. */
    HF_MXCSR_DEFAULT_MASK = 1 << 15,
    /* Block flag only (x86_get_tb_cpu_state, from env->fpuc and fpus):
     * every x87 exception masked and ES clear, so the block's x87 runs
     * take the live host FPU without a helper path (translate-x87-run.c).
     * FLDCW, FLDENV, FRSTOR and FXRSTOR end the block. */
    HF_X87_MASKED_MASK = 1 << 16,
    /* 1 << 12, 1 << 13: EFLAGS.IOPL; 1 << 17: EFLAGS.VM; 1 << 18: EFLAGS.AC
     * (1 << 16, EFLAGS.RF, is not a block flag) */
    HF_TBF_EFLAGS = TF_MASK | IOPL_MASK | VM_MASK | AC_MASK,
    /* Protected mode: segment register i (R_ES..R_GS) is not a flat
     * read/write 4 GiB segment (null, limit, read-only, code, expand-
     * down), so data accesses through it are checked (x86_helper_seg_check). */
    HF_SEGCHK_SHIFT = 20,
};
/*
 * insn_start data[1] = cc_op | flags. X86_INSN_RMW: the instruction reads
 * and writes a memory operand, so a page fault on its read is a write
 * fault. X86_INSN_ACC_*: the size (log2 + 1 in the 3-bit field, 0 = none)
 * of its largest plain data access, and whether that access goes through
 * SS: a page fault at an address where that access would cross 4 GiB is
 * the CPU's segment-limit #GP(0) (#SS(0) for SS) in linux-user.
 * X86_INSN_MODRM_SEG: 1 + the segment of the ModRM memory operand, 0 if
 * none: the CPU checks a read-modify-write operand's segment for writing
 * before the read (#GP(0) through a segment that cannot be written, even
 * if the read would page-fault), and it tells which of PUSH m / POP m's
 * two accesses crossed 4 GiB.
 */
#define X86_INSN_RMW ((uint64_t)1 << 32)
#define X86_INSN_MODRM_SEG_SHIFT 37
#define X86_INSN_MODRM_SEG_MASK ((uint64_t)7 << X86_INSN_MODRM_SEG_SHIFT)
#define X86_INSN_ANY_SS ((uint64_t)1 << 40)   /* some access goes through SS */
#define X86_INSN_ACC_SHIFT 33
#define X86_INSN_ACC_MASK ((uint64_t)7 << X86_INSN_ACC_SHIFT)
#define X86_INSN_ACC_SS ((uint64_t)1 << 36)

typedef struct DisasContext {
    DisasContextBase base;
    CPUState *cpu;
    /*
     * base.pc_next is the decode cursor: the linear address of the next
     * code byte; the x86_ld*_code() readers advance it. pc_start is the
     * linear address of the current instruction's first byte (prefixes
     * included); its EIP is pc_start - cs_base.
     */
    uint32_t pc_start;
    uint32_t cs_base;
    uint32_t tb_flags;
    int prefixes;           /* PREFIX_* */
    int override;           /* segment override (R_ES..R_GS) or -1 */
    MemOp dflag;            /* operand size: MO_16 or MO_32 */
    MemOp aflag;            /* address size: MO_16 or MO_32 */
    bool code32, ss32, addseg;
    int cpl, iopl;
    bool align_check;       /* EFLAGS.AC, CR0.AM, CPL 3: #AC on misaligned data */
    bool insn_accessed;     /* this insn has emitted a data access */
    bool pe, vm86;          /* protected mode; virtual-8086 mode */
    bool tf;                /* EFLAGS.TF: one insn per block, then #DB */
    int mmu_idx;            /* of every guest_ld/st of the block */
    /* At the block's end, leave to the CPU loop if an interrupt is
     * pending (IF may have been set), else look the next block up. */
    bool exit_to_loop;
    /* Address temps of this instruction and the segment each is in (for
     * the segment checks of x86_gen_ld/st). */
    struct { TCGv_i32 addr; int seg; } addr_segs[4];
    int nb_addr_segs;
    /* The cc_op known at translation time (CC_OP_DYNAMIC: in env). */
    int cc_op;
    bool cc_op_dirty;       /* env->cc_op not yet written */
    /* No instruction of this block has set the flags yet: env->cc_op is
     * the one the block was entered with (translate-cc.c guesses it). */
    bool cc_op_at_entry;
    /* Lazy-flags fields (cc_dst 1, cc_src 2, cc_src2 4, cc_co 8) discarded
     * and not needed by any state since: a later setter need not discard
     * them again (fewer ops; a missed one only keeps a value alive). */
    uint8_t cc_discarded;
    int insn_start_idx;     /* index of this insn's insn_start op */
    /* Decoded ModRM memory operand (x86_gen_lea_modrm fills these). */
    int modrm_seg;          /* segment the operand is in */
    /* The SIMD extensions of the CPU model (X86_SIMD_* in translate-int.h):
     * an instruction of a missing one is #UD. */
    uint32_t simd_features;
} DisasContext;

/* ---- code bytes: read at base.pc_next and advance it ---- */
uint8_t x86_ldub_code(DisasContext *s);
uint16_t x86_lduw_code(DisasContext *s);
uint32_t x86_ldl_code(DisasContext *s);
/* An immediate of operand size ot (MO_8/MO_16/MO_32), zero-extended. */
uint32_t x86_ld_imm(DisasContext *s, MemOp ot);

/*
 * The effective address of a ModRM memory operand (mod != 3): consumes
 * the SIB and displacement bytes, applies 16-bit addressing (0x67) and
 * adds the segment base (default or override). Returns a new temp.
 */
TCGv_i32 x86_gen_lea_modrm(DisasContext *s, int modrm);
/* The same with disp added to the offset before the segment base (BT's
 * register bit offset); with 16-bit addressing the sum wraps at 64 KiB. */
TCGv_i32 x86_gen_lea_modrm_disp(DisasContext *s, int modrm, TCGv_i32 disp);

/* Raises exception excp (EXCP*_) at the current instruction and ends the
 * block. */
void x86_gen_exception(DisasContext *s, int excp);

/* Condition code b (the low nibble of Jcc, 0..15: O NO B AE E NE BE A S NS
 * P NP L GE LE G) as 0/1 in dst. */
void x86_gen_setcc(DisasContext *s, int b, TCGv_i32 dst);

/* Sets the arithmetic flags from EFLAGS bits in `flags` (others must be 0):
 * cc_op becomes CC_OP_EFLAGS with cc_src = flags (FCOMI and friends). */
void x86_set_cc_eflags(DisasContext *s, TCGv_i32 flags);

/* General registers: read (zero-extended) or write part ot of reg. For
 * MO_8, reg 4..7 are AH CH DH BH. */
void x86_gen_op_mov_v_reg(DisasContext *s, MemOp ot, TCGv_i32 v, int reg);
void x86_gen_op_mov_reg_v(DisasContext *s, MemOp ot, int reg, TCGv_i32 v);
/* General register reg as a source operand of size ot, without a copy:
 * for 32 bits the register's global itself (so read it before the
 * instruction writes any register), else a temp holding the value. */
TCGv_i32 x86_reg_src(DisasContext *s, MemOp ot, int reg);

/* Writes the pending cc_op to env (before helpers that read env->cc_op). */
void x86_gen_update_cc_op(DisasContext *s);

/*
 * The x87 decoder (translate-x87.c). Called for opcodes 0xD8..0xDF with
 * the ModRM byte already read (for mod != 3 call x86_gen_lea_modrm), and
 * for FWAIT (0x9B) with modrm = -1. Guest memory: tcg_gen_guest_ld/st_*
 * with MO_LE* and s->mmu_idx (so faults restore the guest state).
 * Returns false for an invalid encoding: the caller raises #UD.
 */
bool x86_translate_x87(DisasContext *s, int opcode_byte, int modrm);

#endif
