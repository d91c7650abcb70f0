/*
 * The x86-64 backend's shared declarations: host registers, opcode flags,
 * the tiny instruction encoders of x86-emit.c, the op emitters of
 * x86-ops.c and the CPU features probed at init. Names use x64_/X64_ (the
 * host) so they never meet the i386 guest's x86_ names.
 */
#ifndef TCG_X86_64_X86_EMIT_H
#define TCG_X86_64_X86_EMIT_H

#include "tcg/tcg-internal.h"

enum {
    X64_RAX, X64_RCX, X64_RDX, X64_RBX, X64_RSP, X64_RBP, X64_RSI, X64_RDI,
    X64_R8, X64_R9, X64_R10, X64_R11, X64_R12, X64_R13, X64_R14, X64_R15,
    X64_NB_REGS
};

/* Fixed roles: env in rbp, guest_base in r14, r10/r11 backend scratch. */
#define X64_REG_ENV X64_RBP
/*
 * rbp holds env + X64_ENV_BIAS, so that the CPU state fields a block uses
 * most (the guest registers, pc and flags state sit 0x120-0x1bf into env
 * for both guests) are within an 8-bit displacement: 3 bytes less per
 * access. x64_out_modrm_mem subtracts the bias from every env-based
 * operand, x64_out_mov/x64_out_st give env's own value unbiased, and the
 * op constraints never hand rbp to an op as a value input (only as the
 * base of ld/st).
 */
#define X64_ENV_BIAS 0x140
#define X64_REG_GUEST_BASE X64_R14
#define X64_TMP X64_R11
#define X64_TMP2 X64_R10

/* Frame below the saved registers: outgoing stack args, then spills. */
#define X64_STACK_ARGS_SIZE 64
#define X64_SPILL_SIZE (TCG_MAX_TEMPS * 8)
#define X64_FRAME_SIZE (X64_STACK_ARGS_SIZE + X64_SPILL_SIZE + 8)

/* Opcode flags ORed into an opcode byte. */
#define P_EXT     0x100     /* 0x0f escape */
#define P_EXT38   0x200     /* 0x0f 0x38 escape */
#define P_DATA16  0x400     /* 0x66 operand size prefix */
#define P_SIMDF3  0x800     /* 0xf3 prefix */
#define P_REXW    0x1000    /* 64-bit operand size */
#define P_REXB_R  0x2000    /* the reg field names a byte register */
#define P_REXB_RM 0x4000    /* the r/m field names a byte register */

/* Arithmetic group (opcode /n). */
enum { ARITH_ADD = 0, ARITH_OR = 1, ARITH_ADC = 2, ARITH_SBB = 3,
       ARITH_AND = 4, ARITH_SUB = 5, ARITH_XOR = 6, ARITH_CMP = 7 };
/* Shift group (opcode /n). */
enum { SHIFT_ROL = 0, SHIFT_ROR = 1, SHIFT_SHL = 4, SHIFT_SHR = 5, SHIFT_SAR = 7 };

/* CPU features probed at init (x64_detect_features); tests may clear them. */
enum {
    X64_FEAT_LZCNT = 0x1, X64_FEAT_BMI1 = 0x2, X64_FEAT_POPCNT = 0x4,
    X64_FEAT_MOVBE = 0x8, X64_FEAT_FMA = 0x10,
};
extern unsigned x64_features;
void x64_detect_features(void);

/* ---- x86-emit.c: encoders ---- */
void x64_out8(TCGContext *s, uint8_t v);
void x64_out32(TCGContext *s, uint32_t v);
void x64_out64(TCGContext *s, uint64_t v);
void x64_out_opc(TCGContext *s, int opc, int r, int rm, int x);
void x64_out_modrm(TCGContext *s, int opc, int r, int rm);
void x64_out_modrm_mem(TCGContext *s, int opc, int r, int base, int index,
                       intptr_t off);
void x64_out_arith_rr(TCGContext *s, int aop, int rexw, int dst, int src);
void x64_out_arith_ri(TCGContext *s, int aop, int rexw, int dst, int64_t imm);
void x64_out_shift_ri(TCGContext *s, int sop, int rexw, int dst, int count);
/* opc r, [base + (index << shift) + off] (index not rsp: lea's forms). */
void x64_out_modrm_sib(TCGContext *s, int opc, int r, int base, int index,
                       int shift, int32_t off);
void x64_out_mov(TCGContext *s, TCGType type, int dst, int src);
void x64_out_movi(TCGContext *s, TCGType type, int dst, int64_t val);
void x64_out_movi_keep_flags(TCGContext *s, TCGType type, int dst, int64_t val);
void x64_out_ld(TCGContext *s, TCGType type, int dst, int base, intptr_t off);
void x64_out_st(TCGContext *s, TCGType type, int src, int base, intptr_t off);
bool x64_out_sti(TCGContext *s, TCGType type, int64_t val, int base,
                 intptr_t off);
void x64_out_bswap(TCGContext *s, int rexw, int reg);
void x64_out_load_memop(TCGContext *s, TCGType type, MemOp mo, int dst,
                        int base, int index, intptr_t off);
void x64_out_store_memop(TCGContext *s, MemOp mo, int src, int base,
                         int index, intptr_t off);
void x64_out_store_imm_memop(TCGContext *s, MemOp mo, int64_t val, int base,
                             int index, intptr_t off);
void x64_out_jmp_abs(TCGContext *s, uintptr_t target);
void x64_out_call_abs(TCGContext *s, uintptr_t target);
void x64_out_label_ref(TCGContext *s, TCGLabel *l);
void x64_bind_label(TCGContext *s, TCGLabel *l);
void x64_out_nops(TCGContext *s, int n);

/* ---- x86-ops.c: ops ---- */
const TCGOpConstraints *x64_op_constraints(const TCGOp *op);
void x64_out_op(TCGContext *s, const TCGOp *op, const TCGArg *args,
                const bool *const_args);
void x64_out_call(TCGContext *s, const TCGHelperInfo *info);
/* Before each block's ops: forgets what the last block emitted. */
void x64_ops_begin_block(void);

/* ---- x86-sse.c: INDEX_op_sse and its XMM cache ---- */
void x64_out_sse(TCGContext *s, const TCGArg *a);
/* The register allocator's out_op, out_call and bind_label, wrapped so
 * that the cache of env XMM operands in host registers is written back
 * and forgotten where the code needs it (x86-sse.c); reset per block. */
void x64_sse_cache_reset(TCGContext *s);
void x64_sse_out_op(TCGContext *s, const TCGOp *op, const TCGArg *args,
                    const bool *const_args);
void x64_sse_out_call(TCGContext *s, const TCGHelperInfo *info);
void x64_sse_bind_label(TCGContext *s, TCGLabel *l);
/* For the exit_tb being emitted: the env offset of the guest MXCSR whose
 * in-host flag the exit must clear (storing the host MXCSR there first
 * when set), or 0 (nothing to do). The exits of a block share that code
 * (x64_out_exit_tb); reading it resets it. */
intptr_t x64_sse_take_exit_mx(void);
/* Emits: if the in-host flag after the MXCSR at env + mx is set, the host
 * MXCSR stored there and the flag cleared (flags clobbered). */
void x64_sse_out_mx_release(TCGContext *s, intptr_t mx);

/* ---- x86-softmmu.c: guest memory through the soft TLB ---- */
void x64_softmmu_begin(void);
void x64_out_softmmu_ld(TCGContext *s, const TCGOp *op, const TCGArg *a);
void x64_out_softmmu_st(TCGContext *s, const TCGOp *op, const TCGArg *a,
                        const bool *c);
bool x64_softmmu_finish(TCGContext *s);

/* ---- x86-backend.c ---- */
extern uintptr_t x64_tb_ret_addr;          /* epilogue entry keeping rax */
extern struct TranslationBlock *x64_cur_tb; /* block being emitted */
extern const uint8_t *x64_cur_start;        /* its first byte (writable view) */
extern bool x64_too_large;                  /* a goto_tb lies past 16-bit offsets */

#endif
