/*
 * Helpers the PowerPC front end calls from generated code, each with its
 * TCGHelperInfo (what it may touch). Integer and memory helpers are in
 * int_helper.c, floating point in fpu_helper.c.
 */
#ifndef TARGET_PPC_HELPER_H
#define TARGET_PPC_HELPER_H

#include "tcg/tcg.h"
#include "target-ppc/cpu.h"

uint32_t ppc_get_xer(const CPUPPCState *env);
void ppc_set_xer(CPUPPCState *env, uint32_t xer);
uint32_t ppc_get_cr(const CPUPPCState *env);

_Noreturn void ppc_helper_raise(CPUPPCState *env, uint32_t excp, uint32_t error_code);
void ppc_helper_tw(CPUPPCState *env, uint32_t a, uint32_t b, uint32_t to);
uint32_t ppc_helper_mftb(CPUPPCState *env, uint32_t upper);
uint32_t ppc_helper_stwcx(CPUPPCState *env, uint32_t ea, uint32_t expected, uint32_t val);
_Noreturn void ppc_helper_raise_align(CPUPPCState *env, uint32_t ea);
void ppc_helper_lsw(CPUPPCState *env, uint32_t ea, uint32_t nb, uint32_t reg);
void ppc_helper_stsw(CPUPPCState *env, uint32_t ea, uint32_t nb, uint32_t reg);

extern TCGHelperInfo ppc_helper_raise_info, ppc_helper_tw_info,
    ppc_helper_mftb_info, ppc_helper_stwcx_info,
    ppc_helper_lsw_info, ppc_helper_stsw_info, ppc_helper_raise_align_info;

/* Exact lwarx/stwcx. reservations (reserve.c), when ppc_reserve_exact
 * (MIMIC_PPC_RESERVE=exact, read by ppc_reserve_init): every guest store
 * goes through ppc_helper_st_exact (mo: size and byte order), and helpers
 * that store bracket their stores with ppc_reserve_store_begin/end. */
extern bool ppc_reserve_exact;
void ppc_reserve_init(void);
void ppc_reserve_store_begin(CPUPPCState *env, uint32_t ea, uint32_t len);
void ppc_reserve_store_end(uint32_t ea, uint32_t len);
void ppc_helper_st_exact(CPUPPCState *env, uint32_t ea, uint64_t val, uint32_t mo);
uint32_t ppc_helper_lwarx_exact(CPUPPCState *env, uint32_t ea);
uint32_t ppc_helper_stwcx_exact(CPUPPCState *env, uint32_t ea, uint32_t val);
extern TCGHelperInfo ppc_helper_st_exact_info, ppc_helper_lwarx_exact_info,
    ppc_helper_stwcx_exact_info;

/* Floating point (fpu_helper.c): values are IEEE double bit patterns. */
uint64_t ppc_helper_fadd(CPUPPCState *env, uint64_t a, uint64_t b);
uint64_t ppc_helper_fsub(CPUPPCState *env, uint64_t a, uint64_t b);
uint64_t ppc_helper_fmul(CPUPPCState *env, uint64_t a, uint64_t c);
uint64_t ppc_helper_fdiv(CPUPPCState *env, uint64_t a, uint64_t b);
uint64_t ppc_helper_fsqrt(CPUPPCState *env, uint64_t b);
uint64_t ppc_helper_fre(CPUPPCState *env, uint64_t b);
uint64_t ppc_helper_frsqrte(CPUPPCState *env, uint64_t b);
uint64_t ppc_helper_fsel(CPUPPCState *env, uint64_t a, uint64_t c, uint64_t b);
/* op: 0 fmadd, 1 fmsub, 2 fnmadd, 3 fnmsub */
uint64_t ppc_helper_fmadd(CPUPPCState *env, uint64_t a, uint64_t c, uint64_t b, uint32_t op);
uint64_t ppc_helper_frsp(CPUPPCState *env, uint64_t b);
/* Single-precision forms: the double op, then rounding to single. */
uint64_t ppc_helper_fadds(CPUPPCState *env, uint64_t a, uint64_t b);
uint64_t ppc_helper_fsubs(CPUPPCState *env, uint64_t a, uint64_t b);
uint64_t ppc_helper_fmuls(CPUPPCState *env, uint64_t a, uint64_t c);
uint64_t ppc_helper_fdivs(CPUPPCState *env, uint64_t a, uint64_t b);
uint64_t ppc_helper_fsqrts(CPUPPCState *env, uint64_t b);
uint64_t ppc_helper_fres(CPUPPCState *env, uint64_t b);
uint64_t ppc_helper_fmadds(CPUPPCState *env, uint64_t a, uint64_t c, uint64_t b, uint32_t op);
uint64_t ppc_helper_fctiw(CPUPPCState *env, uint64_t b, uint32_t round_to_zero);
/* Compares; ordered = fcmpo. Returns the value of CR field crf, which it
 * also writes in env (for the program interrupt it may raise). */
uint32_t ppc_helper_fcmp(CPUPPCState *env, uint64_t a, uint64_t b, uint32_t crf, uint32_t ordered);
void ppc_helper_mtfsf(CPUPPCState *env, uint64_t val, uint32_t mask);
void ppc_helper_mtfsb(CPUPPCState *env, uint32_t bit, uint32_t set);
void ppc_helper_mcrfs(CPUPPCState *env, uint32_t crfd, uint32_t crfs);
/* fpscr FX..FEX/VX summaries after a direct change */
void ppc_fpscr_update_summary(CPUPPCState *env);
/* FPSCR with the lazily computed FI/FR of the last op filled in; every
 * reader of the whole register (mffs, signal frames) goes through it. */
uint32_t ppc_fpscr_get(CPUPPCState *env);
uint32_t ppc_helper_mffs(CPUPPCState *env);
extern TCGHelperInfo ppc_helper_mffs_info;
/* The infos FP ops use in blocks with PPC_TBF_FPEXC: the same functions
 * declared as raising (so the IR globals are in env, where fpu_exc.c reads
 * the old frD), built once by ppc_fp_init_raising_helpers. */
void ppc_fp_init_raising_helpers(void);
TCGHelperInfo *ppc_fp_raising_helper(TCGHelperInfo *info);
/* Bitwise single <-> double conversions of lfs/stfs. */
uint64_t ppc_helper_lfs(uint32_t bits);
uint32_t ppc_helper_stfs(uint64_t bits);

extern TCGHelperInfo ppc_helper_fadd_info, ppc_helper_fsub_info,
    ppc_helper_fmul_info, ppc_helper_fdiv_info, ppc_helper_fsqrt_info,
    ppc_helper_fre_info, ppc_helper_frsqrte_info, ppc_helper_fsel_info,
    ppc_helper_fmadd_info, ppc_helper_frsp_info, ppc_helper_fadds_info,
    ppc_helper_fsubs_info, ppc_helper_fmuls_info, ppc_helper_fdivs_info,
    ppc_helper_fsqrts_info, ppc_helper_fres_info, ppc_helper_fmadds_info,
    ppc_helper_fctiw_info, ppc_helper_fcmp_info, ppc_helper_mtfsf_info,
    ppc_helper_mtfsb_info, ppc_helper_mcrfs_info, ppc_helper_lfs_info,
    ppc_helper_stfs_info;

#endif
