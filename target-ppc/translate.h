/*
 * Shared by the files of the PowerPC front end: the disassembly context,
 * the IR globals over CPUPPCState, instruction field accessors, and the
 * per-class translation entry points that the decoder (translate.c) calls.
 */
#ifndef TARGET_PPC_TRANSLATE_H
#define TARGET_PPC_TRANSLATE_H

#include "exec/translator.h"
#include "target-ppc/cpu.h"

/* How the block ends (values of base.is_jmp beyond the generic ones). */
enum {
    PPC_DISAS_EXIT = DISAS_TARGET_0,   /* nip stored; leave via lookup */
};

/* A CR field last set in this block by a compare of a with b (copies
 * taken at the compare, so later writes to the operands do not matter):
 * a branch on its LT, GT or EQ bit becomes one compare-and-branch. */
typedef struct PpcCrCmp {
    bool valid;
    bool is_signed;
    int set_at;                        /* base.num_insns of the compare */
    TCGv_i32 a, b;
} PpcCrCmp;

/* The inline FP fast path (translate-fp.c): the fp_last record of the
 * last inline op, not yet stored (it is stored before anything that could
 * read FPSCR or leave the block), and the ops whose special cases leave
 * the block through a helper call placed after the block's exits. */
typedef struct PpcFpRecord {
    bool valid;
    int kind;                          /* FpKind */
    TCGv_i64 a, b, c;                  /* copies of the operands */
    TCGv_i64 r;                        /* and of the result */
} PpcFpRecord;

typedef struct PpcFpSlow {
    TCGLabel *label;
    uint32_t insn, pc;
} PpcFpSlow;

enum { PPC_FP_SLOW_MAX = 64 };

typedef struct DisasContext {
    DisasContextBase base;
    CPUState *cpu;
    uint32_t insn;
    uint32_t pc;                       /* address of the current insn */
    bool fpexc;                        /* block flag PPC_TBF_FPEXC */
    bool fpfast;                       /* block flag PPC_TBF_FPFAST */
    /* XER[SO] as known at translation time: 0 or 1 from the block flag
     * PPC_TBF_SO, -1 once an instruction of this block may change it
     * (that instruction then ends the block, see ppc_so_may_change). */
    int so_known;
    bool end_after_insn;               /* end the block after this insn */
    PpcCrCmp crcmp[8];
    PpcFpRecord fprec;
    int nb_fp_slow;
    PpcFpSlow fp_slow[PPC_FP_SLOW_MAX];
    bool fp_state_kept;                /* this FPSCR move kept the fast state */
    bool fp_ldst_slow;                 /* lfs through the helper (its slow path) */
} DisasContext;

/* IR globals (created by ppc_tcg_init). */
extern TCGv_i32 cpu_gpr[32];
extern TCGv_i32 cpu_lr, cpu_ctr, cpu_so, cpu_ov, cpu_ca, cpu_xer_bc;
extern TCGv_i32 cpu_crf[8];
extern TCGv_i64 cpu_fpr[32];
extern TCGv_i32 cpu_reserve_addr, cpu_reserve_val;

/* Instruction fields (PowerPC numbers bits from the most significant). */
static inline int ppc_opcd(uint32_t i) { return i >> 26; }
static inline int ppc_rD(uint32_t i) { return (i >> 21) & 31; }
static inline int ppc_rA(uint32_t i) { return (i >> 16) & 31; }
static inline int ppc_rB(uint32_t i) { return (i >> 11) & 31; }
static inline int ppc_rC(uint32_t i) { return (i >> 6) & 31; }
static inline int32_t ppc_simm(uint32_t i) { return (int16_t)i; }
static inline uint32_t ppc_uimm(uint32_t i) { return i & 0xffff; }
static inline bool ppc_rc(uint32_t i) { return i & 1; }
static inline bool ppc_oe(uint32_t i) { return (i >> 10) & 1; }
static inline int ppc_xo10(uint32_t i) { return (i >> 1) & 0x3ff; }
static inline int ppc_xo5(uint32_t i) { return (i >> 1) & 0x1f; }
static inline int ppc_crfD(uint32_t i) { return (i >> 23) & 7; }
static inline int ppc_crfS(uint32_t i) { return (i >> 18) & 7; }
static inline int ppc_spr(uint32_t i) { return ((i >> 16) & 31) | (((i >> 11) & 31) << 5); }

/* Common code generation (translate.c). */
void ppc_gen_exception(DisasContext *ctx, int excp, uint32_t error_code, uint32_t nip);
void ppc_gen_illegal(DisasContext *ctx);
void ppc_gen_priv(DisasContext *ctx);
/* CR field crf from comparing a with b (signed or unsigned) plus XER[SO];
 * remembered in ctx->crcmp for a following branch. CR0 of a record form
 * is the signed compare of the result with zero. */
void ppc_gen_cmp(DisasContext *ctx, int crf, TCGv_i32 a, TCGv_i32 b, bool is_signed);
void ppc_gen_set_cr0(DisasContext *ctx, TCGv_i32 val);
/* CR0 of val = x & mask: without the LT select when mask clears bit 31. */
void ppc_gen_set_cr0_masked(DisasContext *ctx, TCGv_i32 val, uint32_t mask);
/* The current instruction may change XER[SO] (OE forms, mtxer, mcrxr):
 * the block ends after it, so that the next one is looked up with the
 * new PPC_TBF_SO flag. */
void ppc_so_may_change(DisasContext *ctx);
/* Effective address (rA|0) + displacement or + rB. */
TCGv_i32 ppc_gen_ea_d(DisasContext *ctx);
TCGv_i32 ppc_gen_ea_x(DisasContext *ctx);
TCGv_i32 ppc_gen_ea_a0(DisasContext *ctx);   /* (rA|0), for string ops */
void ppc_gen_store_nip(uint32_t nip);
void ppc_gen_goto(DisasContext *ctx, int slot, uint32_t dest);
/* Every guest store (translate-ldst.c): inline, or through the exact
 * reservation helper when ppc_reserve_exact. */
void ppc_gen_st_i32(TCGv_i32 v, TCGv_i32 ea, MemOp mo);
void ppc_gen_st_i64(TCGv_i64 v, TCGv_i32 ea, MemOp mo);

/* Instruction classes; each returns false for an encoding it does not
 * know, and the caller raises the illegal-instruction exception. */
bool ppc_translate_int(DisasContext *ctx);       /* translate-int.c */
bool ppc_translate_int31(DisasContext *ctx);
bool ppc_translate_branch(DisasContext *ctx);    /* translate-branch.c */
bool ppc_translate_cr(DisasContext *ctx);        /* opcode 19 */
bool ppc_translate_ldst(DisasContext *ctx);      /* translate-ldst.c */
bool ppc_translate_ldst31(DisasContext *ctx);
bool ppc_translate_fp(DisasContext *ctx);        /* translate-fp.c: 59, 63 */
bool ppc_translate_fp_ldst(DisasContext *ctx);   /* lfs..stfdu, and 31 forms */

/* The inline FP fast path's pieces the frame calls (translate-fp.c):
 * before each instruction, whether the pending fp_last record may stay
 * unstored across it (else ppc_fp_flush_record stores it); at the end of
 * the block, the deferred slow paths. */
bool ppc_fp_keeps_record(DisasContext *ctx, uint32_t insn);
void ppc_fp_flush_record(DisasContext *ctx);
void ppc_fp_gen_slow_paths(DisasContext *ctx);

#endif
