/*
 * The x87 FPU of the i386 guest: the helpers (fpu_helper.c), their
 * TCGHelperInfo descriptions for the decoder (translate-x87.c), and the
 * state image functions linux-user uses for signal frames.
 */
#ifndef TARGET_I386_X87_H
#define TARGET_I386_X87_H

#include <stdbool.h>
#include <stdint.h>
#include "tcg/tcg.h"
#include "tcg/tcg-op.h"
#include "target-i386/cpu.h"

/* Status word bits. */
enum {
    X87_SW_IE = 0x0001, X87_SW_DE = 0x0002, X87_SW_ZE = 0x0004,
    X87_SW_OE = 0x0008, X87_SW_UE = 0x0010, X87_SW_PE = 0x0020,
    X87_SW_SF = 0x0040, X87_SW_ES = 0x0080,
    X87_SW_C0 = 0x0100, X87_SW_C1 = 0x0200, X87_SW_C2 = 0x0400,
    X87_SW_TOP = 0x3800, X87_SW_C3 = 0x4000, X87_SW_B = 0x8000,
    X87_SW_COND = 0x4700,
    X87_SW_EXC = 0x003f,
};

/* Kinds of memory operand (x87_helper_arith_mem, _fcom_mem, _fst_mem).
 * The _TRUNC kinds are the stores of FISTTP (SSE3): chop, whatever RC. */
enum {
    X87_M32FP, X87_M64FP, X87_M16INT, X87_M32INT, X87_M64INT,
    X87_M80FP, X87_M80BCD, X87_M16INT_TRUNC, X87_M32INT_TRUNC,
    X87_M64INT_TRUNC,
};

/* Arithmetic operations: the reg field of D8 (2 and 3 are compares). */
enum {
    X87_ADD = 0, X87_MUL = 1, X87_SUB = 4, X87_SUBR = 5, X87_DIV = 6,
    X87_DIVR = 7,
};

/* ---- helpers called from generated code (env first) ---- */
void x87_helper_raise(CPUX86State *env, uint32_t excp);
void x87_helper_fld_m32(CPUX86State *env, uint32_t bits);
void x87_helper_fld_m64(CPUX86State *env, uint64_t bits);
void x87_helper_fld_m80(CPUX86State *env, uint64_t mant, uint32_t sign_exp);
void x87_helper_fild(CPUX86State *env, uint64_t bits, uint32_t kind);
void x87_helper_fbld(CPUX86State *env, uint64_t lo, uint32_t hi);
void x87_helper_fld_sti(CPUX86State *env, uint32_t i);
/* D9 E8..EE: which = low 3 bits (0 FLD1 .. 6 FLDZ). */
void x87_helper_fld_const(CPUX86State *env, uint32_t which);
void x87_helper_arith(CPUX86State *env, uint32_t op, uint32_t dst,
                      uint32_t src, uint32_t pop);
void x87_helper_arith_mem(CPUX86State *env, uint32_t op, uint64_t bits,
                          uint32_t kind);
/* FCOM/FUCOM ST(0) vs ST(i), then pops `pops` times (0..2). */
void x87_helper_fcom(CPUX86State *env, uint32_t i, uint32_t unordered,
                     uint32_t pops);
void x87_helper_fcom_mem(CPUX86State *env, uint64_t bits, uint32_t kind,
                         uint32_t pop);
/* FCOMI/FUCOMI: returns the new CF|PF|ZF as EFLAGS bits. */
uint32_t x87_helper_fcomi(CPUX86State *env, uint32_t i, uint32_t unordered,
                          uint32_t pop);
/* D9 E0..FF (FCHS .. FCOS), op = the second opcode byte. */
void x87_helper_d9_misc(CPUX86State *env, uint32_t op);
/* Store ST(0) to memory, phase 1: puts the memory image in env->ft0
 * (little-endian bytes) and the new status word aside; returns 1 if the
 * store happens. Phase 2 (x87_helper_fst_commit) sets the status word
 * and pops. */
uint32_t x87_helper_fst_mem(CPUX86State *env, uint32_t kind);
void x87_helper_fst_commit(CPUX86State *env, uint32_t pop);
void x87_helper_fst_sti(CPUX86State *env, uint32_t i, uint32_t pop);
void x87_helper_fxch(CPUX86State *env, uint32_t i);
void x87_helper_ffree(CPUX86State *env, uint32_t i, uint32_t pop);
void x87_helper_fcmov(CPUX86State *env, uint32_t i, uint32_t cond);
void x87_helper_fldcw(CPUX86State *env, uint32_t cw);
uint32_t x87_helper_fnstsw(CPUX86State *env);
void x87_helper_fnclex(CPUX86State *env);
void x87_helper_fninit(CPUX86State *env);
/* FNSTENV/FNSAVE fill env->fp_image; the decoder stores it, then calls
 * x87_helper_fnstenv_done (masks all exceptions) or x87_helper_fninit. */
void x87_helper_fnstenv(CPUX86State *env, uint32_t data32);
void x87_helper_fnsave(CPUX86State *env, uint32_t data32);
void x87_helper_fnstenv_done(CPUX86State *env);
/* FLDENV/FRSTOR read env->fp_image (filled by the decoder). */
void x87_helper_fldenv(CPUX86State *env, uint32_t data32);
void x87_helper_frstor(CPUX86State *env, uint32_t data32);
void x87_helper_fxsave(CPUX86State *env);
void x87_helper_fxrstor(CPUX86State *env);

/* ---- their descriptions, for tcg_gen_call* ---- */
extern TCGHelperInfo x87_info_raise, x87_info_fld_m32, x87_info_fld_m64,
    x87_info_fld_m80, x87_info_fild, x87_info_fbld, x87_info_fld_sti,
    x87_info_fld_const, x87_info_arith, x87_info_arith_mem, x87_info_fcom,
    x87_info_fcom_mem, x87_info_fcomi, x87_info_d9_misc, x87_info_fst_mem,
    x87_info_fst_commit, x87_info_fst_sti, x87_info_fxch, x87_info_ffree,
    x87_info_fcmov, x87_info_fldcw, x87_info_fnstsw, x87_info_fnclex,
    x87_info_fninit, x87_info_fnstenv, x87_info_fnsave,
    x87_info_fnstenv_done, x87_info_fldenv, x87_info_frstor,
    x87_info_fxsave, x87_info_fxrstor;

/* ---- plain C entry points (linux-user signal frames, tests) ---- */
/* Resets the FPU as FNINIT does (CPU creation, execve, signal entry). */
void x87_reset(CPUX86State *env);
/* 32-bit protected-mode FSAVE image (108 bytes) / FRSTOR from it. */
void x87_save_image(CPUX86State *env, uint8_t *buf, bool data32);
void x87_restore_image(CPUX86State *env, const uint8_t *buf, bool data32);
/* FXSAVE image (bytes 0..287 written, the rest untouched) / FXRSTOR. */
void x87_fxsave_image(CPUX86State *env, uint8_t *buf);
void x87_fxrstor_image(CPUX86State *env, const uint8_t *buf);
/* The FNSTSW value (TOP merged in). */
uint16_t x87_get_sw(const CPUX86State *env);
/* The full 16-bit tag word (2 bits per physical register). */
uint16_t x87_get_full_tags(const CPUX86State *env);
/* si_code Linux gives the SIGFPE of a pending #MF (FPE_FLT*), 0 if none. */
int x87_sigfpe_code(const CPUX86State *env);

/* ---- decoder entry points besides x86_translate_x87 (translate.h) ---- */
struct DisasContext;
/* 0F AE /0 FXSAVE and /1 FXRSTOR with a memory operand (mod != 3).
 * Returns false for other encodings. */
bool x86_translate_fxsave(struct DisasContext *s, int modrm);

/* ---- the live host FPU and inline x87 runs (x86-64 JIT only) ----
 * Relaxed interface (TEAM.md, docs/x87.md "The live host FPU"): while
 * env->fp_live is set, the host x87 holds the guest's x87 state (control
 * and status word, TOP, tags, registers) and env's copies of them are
 * stale; it stays so across block ends and chained jumps. env is
 * canonical again (x87_sync) before any C code reads or writes it: every
 * x87 helper starts with x87_sync, MMX instructions sync first
 * (x87_gen_sync), cpu_exec syncs when it lands from cpu_loop_exit and
 * before it returns (GuestArch.sync_host_state; so signals, syscalls,
 * fork, the gdb stub and system-mode exception delivery see env), and a
 * fault restore syncs (x87_live_recover; linux-user's SIGSEGV handler
 * puts the faulting thread's FPU back before it leaves, so the live FPU
 * is the one at the fault). Nothing else in Mimic executes x87 code or
 * uses long double. Only with every exception masked and ES clear: the
 * block flag HF_X87_MASKED_MASK says so at translation (blocks without it
 * use the helpers), and the instructions that may change it end their
 * block; fpuc and the ES bit of fpus stay canonical while live. */
void x87_helper_live_enter(CPUX86State *env);
/* Writes the live state back to env and re-initialises the host FPU. */
void x87_live_save(CPUX86State *env);
extern TCGHelperInfo x87_info_live_enter, x87_info_live_save;
static inline void x87_sync(CPUX86State *env)
{
    if (env->fp_live) {
        x87_live_save(env);
    }
}
/* At a fault restore (env->eip set): x87_sync from the live FPU, the undo
 * of an inline store whose host part ran before its guest store (system
 * mode; the status word before it is in env->fp_host_sw), and the
 * pointer records of the run: insn data[0] bits from X87_RUN_DATA0_SHIFT
 * (X87R_*). */
#define X87_RUN_DATA0_SHIFT 32
enum {
    X87R_STORE = 1 << 0,        /* fp_host_sw holds the status before it */
    X87R_POPPED = 1 << 1,       /* and it pops ST(0) */
    /* The pointer records an inline run has not stored yet: FIP (this
     * insn's EIP minus the delta), FOP, FCS (the current CS selector);
     * FDS (the selector of segment DS field - 1, 0: none). */
    X87R_REC = 1 << 2,
    X87R_FOP_SHIFT = 3,         /* 11 bits */
    X87R_DS_SHIFT = 14,         /* 3 bits */
    X87R_IP_DELTA_SHIFT = 17,   /* 15 bits */
    X87R_IP_DELTA_MAX = 0x7fff,
};
void x87_live_recover(CPUX86State *env, uint32_t data0);
/* Emits x87_sync (before generated code that reads env's x87 state: MMX). */
void x87_gen_sync(struct DisasContext *s);
/* Within a block, a run is a stretch of x87 instructions (and integer
 * instructions that cannot touch the x87 state) after one check that the
 * host FPU is live (entering it if the guest's exceptions are all
 * masked). x87_gen_run_end ends the stretch (the next x87 instruction
 * checks again); x87_run_reset forgets it at a block start. */
void x87_run_reset(void);
void x87_gen_run_end(struct DisasContext *s);
/* Called for an instruction outside D8..DF (opcode b, prefixes decoded,
 * nothing emitted yet): whether the current run goes on across it (a
 * plain integer instruction, see translate-x87-run.c). Otherwise the
 * caller ends the run. */
bool x87_run_continues(struct DisasContext *s, int b);
/* Whether the x87 instruction (opcode byte, modrm) may join a run. */
bool x87_run_shape(int b, int modrm);
/* The FIP/FOP/FCS records of a non-control x87 instruction, FDP/FDS
 * with a memory operand (addr, else NULL). */
void x87_gen_prologue(struct DisasContext *s, int b, int modrm,
                      TCGv_i32 addr);
/* An instruction that may join the current run (starting one), before
 * anything else of it is emitted but its address: x87_run_prepare
 * returns whether it runs inline, which it does in blocks with
 * HF_X87_MASKED_MASK (false: use the helper path); then, after its
 * operand checks, x87_run_emit emits the host instruction, the guest
 * access and FDP (its other pointers wait, see translate-x87-run.c). */
bool x87_run_prepare(struct DisasContext *s, int b, int modrm);
void x87_run_emit(struct DisasContext *s, int b, int modrm, TCGv_i32 addr);
/* Ends the block after an instruction that may change
 * HF_X87_MASKED_MASK (FLDCW, FLDENV, FRSTOR). */
void x87_end_block_after_cw(struct DisasContext *s);
/* FWAIT semantics: a pending unmasked exception (ES) raises #MF here. */
void x87_gen_check_pending(struct DisasContext *s);
/* FLDCW of cw (ends the block), and FNSTSW into ret: inline on the live
 * FPU. */
void x87_gen_fldcw(struct DisasContext *s, TCGv_i32 cw);
void x87_gen_fnstsw(struct DisasContext *s, TCGv_i32 ret);

#endif
