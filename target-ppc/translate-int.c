/*
 * PowerPC fixed-point instructions: arithmetic with its carry (CA),
 * overflow (OE -> OV, SO) and record (Rc -> CR0) forms, logic, rotates and
 * shifts, compares, CR moves, SPR moves and traps.
 */
#include "target-ppc/translate.h"
#include "target-ppc/helper.h"

/* ---- arithmetic ---- */

/* OV (and SO) of res = x + y (+ carry in): x and y have the same sign
 * and res has the other one. */
static void gen_add_ov(TCGv_i32 x, TCGv_i32 y, TCGv_i32 res)
{
    TCGv_i32 t = tcg_temp_ebb_new_i32(), u = tcg_temp_ebb_new_i32();

    tcg_gen_xor_i32(t, x, res);
    tcg_gen_xor_i32(u, y, res);
    tcg_gen_and_i32(t, t, u);
    tcg_gen_shri_i32(cpu_ov, t, 31);
    tcg_gen_or_i32(cpu_so, cpu_so, cpu_ov);
    tcg_temp_free_i32(t);
    tcg_temp_free_i32(u);
}

/* d = x + y + cin (cin 0/1 or NULL), with CA and OV if asked. Without
 * a carry in, the carry out is res < x (unsigned); with one, the sum is
 * formed in 64 bits so the carry-out is bit 32. */
static void gen_add_full(TCGv_i32 d, TCGv_i32 x, TCGv_i32 y, TCGv_i32 cin,
                         bool set_ca, bool set_ov)
{
    TCGv_i32 res = tcg_temp_new_i32();

    if (set_ca && !cin) {
        tcg_gen_add_i32(res, x, y);
        if (set_ov) {
            gen_add_ov(x, y, res);
        }
        tcg_gen_setcond_i32(TCG_COND_LTU, cpu_ca, res, x);
    } else if (set_ca) {
        TCGv_i64 wx = tcg_temp_ebb_new_i64(), wy = tcg_temp_ebb_new_i64();
        tcg_gen_extu_i32_i64(wx, x);
        tcg_gen_extu_i32_i64(wy, y);
        tcg_gen_add_i64(wx, wx, wy);
        if (cin) {
            tcg_gen_extu_i32_i64(wy, cin);
            tcg_gen_add_i64(wx, wx, wy);
        }
        tcg_gen_extrl_i64_i32(res, wx);
        if (set_ov) {
            gen_add_ov(x, y, res);
        }
        tcg_gen_extrh_i64_i32(cpu_ca, wx);
        tcg_temp_free_i64(wx);
        tcg_temp_free_i64(wy);
    } else {
        tcg_gen_add_i32(res, x, y);
        if (cin) {
            tcg_gen_add_i32(res, res, cin);
        }
        if (set_ov) {
            gen_add_ov(x, y, res);
        }
    }
    tcg_gen_mov_i32(d, res);
    tcg_temp_free_i32(res);
}

/* d = b - a (subf, subfc, subfic without OE): ~a + b + 1 carries out
 * exactly when b >= a (unsigned). */
static void gen_subf(TCGv_i32 d, TCGv_i32 a, TCGv_i32 b, bool set_ca)
{
    TCGv_i32 res = tcg_temp_new_i32();

    tcg_gen_sub_i32(res, b, a);
    if (set_ca) {
        tcg_gen_setcond_i32(TCG_COND_GEU, cpu_ca, b, a);
    }
    tcg_gen_mov_i32(d, res);
    tcg_temp_free_i32(res);
}

/* The XO-form add/subtract family of opcode 31. */
static bool trans_arith31(DisasContext *ctx, int xo)
{
    uint32_t i = ctx->insn;
    TCGv_i32 d = cpu_gpr[ppc_rD(i)];
    TCGv_i32 a = cpu_gpr[ppc_rA(i)];
    TCGv_i32 b = cpu_gpr[ppc_rB(i)];
    bool oe = ppc_oe(i);
    TCGv_i32 na = tcg_temp_new_i32();

    if (oe) {
        ppc_so_may_change(ctx);
    }
    /* ~a, for the subtract forms that add it */
    if (xo == 136 || xo == 232 || xo == 200 || (oe && (xo == 40 || xo == 8 || xo == 104))) {
        tcg_gen_not_i32(na, a);
    }
    switch (xo) {
    case 266: /* add */
        gen_add_full(d, a, b, NULL, false, oe);
        break;
    case 10: /* addc */
        gen_add_full(d, a, b, NULL, true, oe);
        break;
    case 138: /* adde */
        gen_add_full(d, a, b, cpu_ca, true, oe);
        break;
    case 234: /* addme: a + ca - 1 */
        gen_add_full(d, a, tcg_constant_i32(-1), cpu_ca, true, oe);
        break;
    case 202: /* addze */
        gen_add_full(d, a, tcg_constant_i32(0), cpu_ca, true, oe);
        break;
    case 40: /* subf: ~a + b + 1 */
    case 8:  /* subfc */
        if (oe) {
            gen_add_full(d, na, b, tcg_constant_i32(1), xo == 8, true);
        } else {
            gen_subf(d, a, b, xo == 8);
        }
        break;
    case 136: /* subfe */
        gen_add_full(d, na, b, cpu_ca, true, oe);
        break;
    case 232: /* subfme */
        gen_add_full(d, na, tcg_constant_i32(-1), cpu_ca, true, oe);
        break;
    case 200: /* subfze */
        gen_add_full(d, na, tcg_constant_i32(0), cpu_ca, true, oe);
        break;
    case 104: /* neg: ~a + 1; overflows only for 0x80000000 */
        if (oe) {
            gen_add_full(d, na, tcg_constant_i32(0), tcg_constant_i32(1), false, true);
        } else {
            tcg_gen_neg_i32(d, a);
        }
        break;
    default:
        tcg_temp_free_i32(na);
        return false;
    }
    tcg_temp_free_i32(na);
    if (ppc_rc(i)) {
        ppc_gen_set_cr0(ctx, d);
    }
    return true;
}

static void gen_ov_set(TCGv_i32 ov_cond)
{
    tcg_gen_mov_i32(cpu_ov, ov_cond);
    tcg_gen_or_i32(cpu_so, cpu_so, cpu_ov);
}

static bool trans_muldiv31(DisasContext *ctx, int xo)
{
    uint32_t i = ctx->insn;
    TCGv_i32 d = cpu_gpr[ppc_rD(i)];
    TCGv_i32 a = cpu_gpr[ppc_rA(i)];
    TCGv_i32 b = cpu_gpr[ppc_rB(i)];
    bool oe = ppc_oe(i);
    TCGv_i32 lo = tcg_temp_new_i32(), hi = tcg_temp_new_i32();

    if (oe) {
        ppc_so_may_change(ctx);
    }

    switch (xo) {
    case 75: /* mulhw */
        tcg_gen_muls2_i32(lo, hi, a, b);
        tcg_gen_mov_i32(d, hi);
        break;
    case 11: /* mulhwu */
        tcg_gen_mulu2_i32(lo, hi, a, b);
        tcg_gen_mov_i32(d, hi);
        break;
    case 235: /* mullw */
        tcg_gen_muls2_i32(lo, hi, a, b);
        if (oe) {
            TCGv_i32 s = tcg_temp_new_i32();
            tcg_gen_sari_i32(s, lo, 31);
            tcg_gen_setcond_i32(TCG_COND_NE, s, s, hi);
            gen_ov_set(s);
            tcg_temp_free_i32(s);
        }
        tcg_gen_mov_i32(d, lo);
        break;
    case 491: /* divw */
    case 459: { /* divwu */
        /* An invalid division (by zero, or INT_MIN / -1 for divw) leaves
         * the dividend in rD, as Debian's qemu-ppc does; OV is set. */
        TCGv_i32 bad = tcg_temp_new_i32(), t = tcg_temp_new_i32();
        TCGv_i32 divisor = tcg_temp_new_i32();
        tcg_gen_setcondi_i32(TCG_COND_EQ, bad, b, 0);
        if (xo == 491) {
            tcg_gen_setcondi_i32(TCG_COND_EQ, t, a, INT32_MIN);
            tcg_gen_setcondi_i32(TCG_COND_EQ, lo, b, -1);
            tcg_gen_and_i32(t, t, lo);
            tcg_gen_or_i32(bad, bad, t);
        }
        tcg_gen_movcond_i32(TCG_COND_NE, divisor, bad, tcg_constant_i32(0),
                            tcg_constant_i32(1), b);
        if (xo == 491) {
            tcg_gen_div_i32(d, a, divisor);
        } else {
            tcg_gen_divu_i32(d, a, divisor);
        }
        if (oe) {
            gen_ov_set(bad);
        }
        tcg_temp_free_i32(bad);
        tcg_temp_free_i32(t);
        tcg_temp_free_i32(divisor);
        break;
    }
    default:
        tcg_temp_free_i32(lo);
        tcg_temp_free_i32(hi);
        return false;
    }
    tcg_temp_free_i32(lo);
    tcg_temp_free_i32(hi);
    if (ppc_rc(i)) {
        ppc_gen_set_cr0(ctx, d);
    }
    return true;
}

/* ---- rotates ---- */

/* The mask of bits mb..me in PowerPC numbering (bit 0 = MSB), wrapping. */
static uint32_t ppc_mask(int mb, int me)
{
    uint32_t from_mb = 0xffffffffu >> mb;                        /* bits mb..31 */
    uint32_t after_me = me == 31 ? 0 : 0xffffffffu >> (me + 1);  /* bits me+1..31 */
    return mb <= me ? from_mb & ~after_me : from_mb | ~after_me;
}

/* The rlwinm forms that are a plain shift, mask or field extraction
 * (slwi, srwi, clrlwi, extrwi with the field at the bottom): one IR op
 * instead of a rotate and a mask. */
static bool gen_rlwinm_shift(TCGv_i32 a, TCGv_i32 s, int sh, int mb, int me)
{
    if (sh == 0) {
        tcg_gen_andi_i32(a, s, ppc_mask(mb, me));
    } else if (mb == 0 && me == 31 - sh) {
        tcg_gen_shli_i32(a, s, sh);
    } else if (me == 31 && mb >= 32 - sh) {
        /* only bits that the rotate brought down from the top */
        tcg_gen_extract_i32(a, s, 32 - sh, 32 - mb);
    } else {
        return false;
    }
    return true;
}

static void trans_rotate(DisasContext *ctx, int opcd)
{
    uint32_t i = ctx->insn;
    TCGv_i32 a = cpu_gpr[ppc_rA(i)];
    TCGv_i32 s = cpu_gpr[ppc_rD(i)];
    int sh = ppc_rB(i), mb = (i >> 6) & 31, me = (i >> 1) & 31;
    uint32_t mask = ppc_mask(mb, me);
    TCGv_i32 t = tcg_temp_new_i32();

    if (opcd == 21 && gen_rlwinm_shift(a, s, sh, mb, me)) {
        tcg_temp_free_i32(t);
        if (ppc_rc(i)) {
            ppc_gen_set_cr0_masked(ctx, a, mask);
        }
        return;
    }
    if (opcd == 23) { /* rlwnm */
        TCGv_i32 n = tcg_temp_ebb_new_i32();
        tcg_gen_andi_i32(n, cpu_gpr[sh], 31);
        tcg_gen_rotl_i32(t, s, n);
        tcg_temp_free_i32(n);
    } else {
        tcg_gen_rotli_i32(t, s, sh);
    }
    if (opcd == 20) { /* rlwimi */
        TCGv_i32 u = tcg_temp_ebb_new_i32();
        tcg_gen_andi_i32(t, t, mask);
        tcg_gen_andi_i32(u, a, ~mask);
        tcg_gen_or_i32(a, t, u);
        tcg_temp_free_i32(u);
    } else {
        tcg_gen_andi_i32(a, t, mask);
    }
    tcg_temp_free_i32(t);
    if (ppc_rc(i)) {
        ppc_gen_set_cr0_masked(ctx, a, opcd == 20 ? ~0u : mask);
    }
}

/* ---- shifts ---- */

/* sraw: a = s >> n6 (n6 = 0..63, counts >= 32 fill with the sign); CA =
 * s negative and a 1 bit shifted out. In 64 bits a count up to 63 is a
 * plain shift, and bits were lost iff shifting back does not restore s. */
static void gen_sraw(TCGv_i32 a, TCGv_i32 s, TCGv_i32 n6)
{
    TCGv_i64 w = tcg_temp_ebb_new_i64(), r = tcg_temp_ebb_new_i64();
    TCGv_i64 n = tcg_temp_ebb_new_i64();
    TCGv_i32 neg = tcg_temp_ebb_new_i32();

    tcg_gen_ext_i32_i64(w, s);
    tcg_gen_extu_i32_i64(n, n6);
    tcg_gen_sar_i64(r, w, n);
    tcg_gen_shri_i32(neg, s, 31);
    tcg_gen_extrl_i64_i32(a, r);
    tcg_gen_shl_i64(r, r, n);
    tcg_gen_setcond_i64(TCG_COND_NE, r, r, w);
    tcg_gen_extrl_i64_i32(cpu_ca, r);
    tcg_gen_and_i32(cpu_ca, cpu_ca, neg);
    tcg_temp_free_i64(w);
    tcg_temp_free_i64(r);
    tcg_temp_free_i64(n);
    tcg_temp_free_i32(neg);
}

/* srawi: CA = s negative and (s & (2^n - 1)) != 0. */
static void gen_srawi(TCGv_i32 a, TCGv_i32 s, int n)
{
    TCGv_i32 t = tcg_temp_ebb_new_i32();

    tcg_gen_sari_i32(t, s, 31);
    tcg_gen_and_i32(t, t, s);
    tcg_gen_andi_i32(t, t, (1u << n) - 1);
    tcg_gen_setcondi_i32(TCG_COND_NE, cpu_ca, t, 0);
    tcg_gen_sari_i32(a, s, n);
    tcg_temp_free_i32(t);
}

static bool trans_shift31(DisasContext *ctx, int xo)
{
    uint32_t i = ctx->insn;
    TCGv_i32 a = cpu_gpr[ppc_rA(i)];
    TCGv_i32 s = cpu_gpr[ppc_rD(i)];
    TCGv_i32 b = cpu_gpr[ppc_rB(i)];
    TCGv_i32 n6 = tcg_temp_new_i32();

    switch (xo) {
    case 24:  /* slw */
    case 536: { /* srw */
        TCGv_i32 r = tcg_temp_new_i32();
        tcg_gen_andi_i32(n6, b, 0x3f);
        if (xo == 24) {
            tcg_gen_shl_i32(r, s, n6);
        } else {
            tcg_gen_shr_i32(r, s, n6);
        }
        tcg_gen_movcond_i32(TCG_COND_GEU, a, n6, tcg_constant_i32(32),
                            tcg_constant_i32(0), r);
        tcg_temp_free_i32(r);
        break;
    }
    case 792: /* sraw */
        tcg_gen_andi_i32(n6, b, 0x3f);
        gen_sraw(a, s, n6);
        break;
    case 824: /* srawi */
        gen_srawi(a, s, ppc_rB(i));
        break;
    default:
        tcg_temp_free_i32(n6);
        return false;
    }
    tcg_temp_free_i32(n6);
    if (ppc_rc(i)) {
        ppc_gen_set_cr0(ctx, a);
    }
    return true;
}

/* ---- logic ---- */

static bool trans_logic31(DisasContext *ctx, int xo)
{
    uint32_t i = ctx->insn;
    TCGv_i32 a = cpu_gpr[ppc_rA(i)];
    TCGv_i32 s = cpu_gpr[ppc_rD(i)];
    TCGv_i32 b = cpu_gpr[ppc_rB(i)];

    switch (xo) {
    case 28: tcg_gen_and_i32(a, s, b); break;
    case 60: tcg_gen_andc_i32(a, s, b); break;
    case 444: tcg_gen_or_i32(a, s, b); break;
    case 412: tcg_gen_orc_i32(a, s, b); break;
    case 316: tcg_gen_xor_i32(a, s, b); break;
    case 476: tcg_gen_nand_i32(a, s, b); break;
    case 124: tcg_gen_nor_i32(a, s, b); break;
    case 284: tcg_gen_eqv_i32(a, s, b); break;
    case 26: tcg_gen_clz_i32(a, s, tcg_constant_i32(32)); break; /* cntlzw */
    case 922: tcg_gen_ext16s_i32(a, s); break;  /* extsh */
    case 954: tcg_gen_ext8s_i32(a, s); break;   /* extsb */
    default:
        return false;
    }
    if (ppc_rc(i)) {
        ppc_gen_set_cr0(ctx, a);
    }
    return true;
}

/* ---- CR, XER and SPR moves ---- */

/* mfspr/mftb of the SPRs user code may read; others are privileged. */
static bool trans_mfspr(DisasContext *ctx, TCGv_i32 d)
{
    int spr = ppc_spr(ctx->insn);

    switch (spr) {
    case 1: { /* XER */
        TCGv_i32 t = tcg_temp_new_i32();
        tcg_gen_shli_i32(t, cpu_so, 31);
        tcg_gen_shli_i32(d, cpu_ov, 30);
        tcg_gen_or_i32(t, t, d);
        tcg_gen_shli_i32(d, cpu_ca, 29);
        tcg_gen_or_i32(t, t, d);
        tcg_gen_andi_i32(d, cpu_xer_bc, 0x7f);
        tcg_gen_or_i32(d, d, t);
        tcg_temp_free_i32(t);
        return true;
    }
    case 8: tcg_gen_mov_i32(d, cpu_lr); return true;
    case 9: tcg_gen_mov_i32(d, cpu_ctr); return true;
    case 256:
        tcg_gen_ld_i32(d, tcg_env(), offsetof(CPUPPCState, vrsave), MO_32);
        return true;
    case 287: /* PVR: Linux emulates the read for user space; a 750 */
        tcg_gen_movi_i32(d, PPC_PVR_750);
        return true;
    case 268: case 269: /* TBL, TBU */
        tcg_gen_call2(&ppc_helper_mftb_info, tcgv_i32_temp(d), tcg_env(),
                      tcg_constant_i32(spr == 269));
        return true;
    default:
        ppc_gen_priv(ctx);
        return true;
    }
}

/* mtspr of the SPRs user code may write; others are privileged. */
static bool trans_mtspr(DisasContext *ctx, TCGv_i32 d)
{
    int spr = ppc_spr(ctx->insn);

    switch (spr) {
    case 1:
        ppc_so_may_change(ctx);
        tcg_gen_extract_i32(cpu_so, d, 31, 1);
        tcg_gen_extract_i32(cpu_ov, d, 30, 1);
        tcg_gen_extract_i32(cpu_ca, d, 29, 1);
        tcg_gen_andi_i32(cpu_xer_bc, d, 0x7f);
        return true;
    case 8: tcg_gen_mov_i32(cpu_lr, d); return true;
    case 9: tcg_gen_mov_i32(cpu_ctr, d); return true;
    case 256:
        tcg_gen_st_i32(d, tcg_env(), offsetof(CPUPPCState, vrsave), MO_32);
        return true;
    default:
        ppc_gen_priv(ctx);
        return true;
    }
}

static bool trans_move31(DisasContext *ctx, int xo)
{
    uint32_t i = ctx->insn;
    int rd = ppc_rD(i);
    TCGv_i32 d = cpu_gpr[rd];

    switch (xo) {
    case 19: { /* mfcr, mfocrf */
        int fxm = (i >> 12) & 0xff;
        bool one = (i >> 20) & 1;
        TCGv_i32 t = tcg_temp_new_i32();
        TCGv_i32 acc = tcg_temp_new_i32();
        tcg_gen_movi_i32(acc, 0);
        for (int f = 0; f < 8; f++) {
            if (one && !(fxm & (0x80 >> f))) {
                continue;
            }
            tcg_gen_shli_i32(t, cpu_crf[f], 28 - 4 * f);
            tcg_gen_or_i32(acc, acc, t);
        }
        tcg_gen_mov_i32(d, acc);
        tcg_temp_free_i32(t);
        tcg_temp_free_i32(acc);
        return true;
    }
    case 144: { /* mtcrf, mtocrf */
        int fxm = (i >> 12) & 0xff;
        for (int f = 0; f < 8; f++) {
            if (fxm & (0x80 >> f)) {
                tcg_gen_extract_i32(cpu_crf[f], d, 28 - 4 * f, 4);
            }
        }
        return true;
    }
    case 512: { /* mcrxr: CR field = SO OV CA 0, then clear them */
        ppc_so_may_change(ctx);
        TCGv_i32 t = tcg_temp_new_i32(), u = tcg_temp_new_i32();
        tcg_gen_shli_i32(t, cpu_so, 3);
        tcg_gen_shli_i32(u, cpu_ov, 2);
        tcg_gen_or_i32(t, t, u);
        tcg_gen_shli_i32(u, cpu_ca, 1);
        tcg_gen_or_i32(cpu_crf[ppc_crfD(i)], t, u);
        tcg_gen_movi_i32(cpu_so, 0);
        tcg_gen_movi_i32(cpu_ov, 0);
        tcg_gen_movi_i32(cpu_ca, 0);
        tcg_temp_free_i32(t);
        tcg_temp_free_i32(u);
        return true;
    }
    case 339:   /* mfspr */
    case 371:   /* mftb */
        return trans_mfspr(ctx, d);
    case 467:   /* mtspr */
        return trans_mtspr(ctx, d);
    case 83:  /* mfmsr */
    case 146: /* mtmsr */
    case 210: /* mtsr */
    case 242: /* mtsrin */
    case 595: /* mfsr */
    case 659: /* mfsrin */
    case 306: /* tlbie */
    case 370: /* tlbia */
    case 566: /* tlbsync */
    case 470: /* dcbi */
        ppc_gen_priv(ctx);
        return true;
    default:
        return false;
    }
}

static void gen_trap(DisasContext *ctx, TCGv_i32 a, TCGv_i32 b, int to)
{
    if (to == 0) {
        return;
    }
    tcg_gen_call4(&ppc_helper_tw_info, NULL, tcg_env(), a, b, tcg_constant_i32(to));
}

bool ppc_translate_int31(DisasContext *ctx)
{
    uint32_t i = ctx->insn;
    int xo = ppc_xo10(i);

    switch (xo) {
    case 0:  /* cmp */
    case 32: /* cmpl */
        if (i & (1 << 21)) {
            return false; /* L=1 is 64-bit */
        }
        ppc_gen_cmp(ctx, ppc_crfD(i), cpu_gpr[ppc_rA(i)], cpu_gpr[ppc_rB(i)], xo == 0);
        return true;
    case 4: /* tw */
        gen_trap(ctx, cpu_gpr[ppc_rA(i)], cpu_gpr[ppc_rB(i)], ppc_rD(i));
        return true;
    }
    /* XO-form arithmetic: the OE bit is part of the 10-bit field. */
    int xo9 = xo & 0x1ff;
    switch (xo9) {
    case 266: case 10: case 138: case 234: case 202: case 40: case 8:
    case 136: case 232: case 200: case 104:
        return trans_arith31(ctx, xo9);
    case 75: case 11: case 235: case 491: case 459:
        if ((xo9 == 75 || xo9 == 11) && ppc_oe(i)) {
            return false;
        }
        return trans_muldiv31(ctx, xo9);
    }
    return trans_shift31(ctx, xo) || trans_logic31(ctx, xo) || trans_move31(ctx, xo);
}

/* ---- primary opcodes with immediates ---- */

bool ppc_translate_int(DisasContext *ctx)
{
    uint32_t i = ctx->insn;
    int rd = ppc_rD(i), ra = ppc_rA(i);
    int32_t simm = ppc_simm(i);
    uint32_t uimm = ppc_uimm(i);
    TCGv_i32 d = cpu_gpr[rd];

    switch (ppc_opcd(i)) {
    case 3: /* twi */
        gen_trap(ctx, cpu_gpr[ra], tcg_constant_i32(simm), rd);
        return true;
    case 7: { /* mulli */
        tcg_gen_muli_i32(d, cpu_gpr[ra], simm);
        return true;
    }
    case 8: /* subfic: ~a + imm + 1 */
        gen_subf(d, cpu_gpr[ra], tcg_constant_i32(simm), true);
        return true;
    case 10: /* cmpli */
    case 11: /* cmpi */
        if (i & (1 << 21)) {
            return false;
        }
        ppc_gen_cmp(ctx, ppc_crfD(i), cpu_gpr[ra],
                tcg_constant_i32(ppc_opcd(i) == 11 ? (uint32_t)simm : uimm),
                ppc_opcd(i) == 11);
        return true;
    case 12: /* addic */
    case 13: /* addic. */
        gen_add_full(d, cpu_gpr[ra], tcg_constant_i32(simm), NULL, true, false);
        if (ppc_opcd(i) == 13) {
            ppc_gen_set_cr0(ctx, d);
        }
        return true;
    case 14: /* addi (li) */
        if (ra == 0) {
            tcg_gen_movi_i32(d, simm);
        } else {
            tcg_gen_addi_i32(d, cpu_gpr[ra], simm);
        }
        return true;
    case 15: /* addis (lis) */
        if (ra == 0) {
            tcg_gen_movi_i32(d, (uint32_t)simm << 16);
        } else {
            tcg_gen_addi_i32(d, cpu_gpr[ra], (uint32_t)simm << 16);
        }
        return true;
    case 20: case 21: case 23:
        trans_rotate(ctx, ppc_opcd(i));
        return true;
    case 24: /* ori */
        tcg_gen_ori_i32(cpu_gpr[ra], d, uimm);
        return true;
    case 25: /* oris */
        tcg_gen_ori_i32(cpu_gpr[ra], d, uimm << 16);
        return true;
    case 26: /* xori */
        tcg_gen_xori_i32(cpu_gpr[ra], d, uimm);
        return true;
    case 27: /* xoris */
        tcg_gen_xori_i32(cpu_gpr[ra], d, uimm << 16);
        return true;
    case 28: /* andi. */
        tcg_gen_andi_i32(cpu_gpr[ra], d, uimm);
        ppc_gen_set_cr0_masked(ctx, cpu_gpr[ra], uimm);
        return true;
    case 29: /* andis. */
        tcg_gen_andi_i32(cpu_gpr[ra], d, uimm << 16);
        ppc_gen_set_cr0_masked(ctx, cpu_gpr[ra], uimm << 16);
        return true;
    default:
        return false;
    }
}
