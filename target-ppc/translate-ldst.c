/*
 * PowerPC integer loads and stores: byte/half/word, algebraic, update and
 * indexed forms, byte-reversed, multiple, string, lwarx/stwcx., and the
 * storage-control ops (sync, eieio, dcb*, icbi). Guest memory is big-endian:
 * the IR's memory ops swap bytes (MO_BE) on the way.
 */
#include "target-ppc/translate.h"
#include "target-ppc/helper.h"

void ppc_gen_st_i64(TCGv_i64 v, TCGv_i32 ea, MemOp mo)
{
    if (!ppc_reserve_exact) {
        tcg_gen_guest_st_i64(v, ea, 0, mo);
        return;
    }
    tcg_gen_call4(&ppc_helper_st_exact_info, NULL, tcg_env(), ea, v, tcg_constant_i32(mo));
}

void ppc_gen_st_i32(TCGv_i32 v, TCGv_i32 ea, MemOp mo)
{
    if (!ppc_reserve_exact) {
        tcg_gen_guest_st_i32(v, ea, 0, mo);
        return;
    }
    TCGv_i64 w = tcg_temp_ebb_new_i64();
    tcg_gen_extu_i32_i64(w, v);
    ppc_gen_st_i64(w, ea, mo);
    tcg_temp_free_i64(w);
}

typedef struct LdStForm {
    bool store;
    bool update;
    MemOp mo;
} LdStForm;

/* Performs one load/store whose EA is already computed, with the update
 * of rA if asked. Returns false for the invalid update forms. */
static bool do_ldst(DisasContext *ctx, TCGv_i32 ea, const LdStForm *f)
{
    int rd = ppc_rD(ctx->insn), ra = ppc_rA(ctx->insn);

    if (f->update && (ra == 0 || (!f->store && ra == rd))) {
        return false;
    }
    if (f->store) {
        ppc_gen_st_i32(cpu_gpr[rd], ea, f->mo);
    } else {
        tcg_gen_guest_ld_i32(cpu_gpr[rd], ea, 0, f->mo);
    }
    if (f->update) {
        tcg_gen_mov_i32(cpu_gpr[ra], ea);
    }
    return true;
}

/* One row of a decode table: primary opcode or extended opcode -> form. */
typedef struct LdStEntry {
    int code;
    LdStForm f;
} LdStEntry;

static bool ldst_lookup(const LdStEntry *table, size_t n, int code, LdStForm *f)
{
    for (size_t k = 0; k < n; k++) {
        if (table[k].code == code) {
            *f = table[k].f;
            return true;
        }
    }
    return false;
}

/* D-form loads and stores, by primary opcode. */
static const LdStEntry ldst_forms_d[] = {
    { 32, { false, false, MO_BEUL } }, { 33, { false, true, MO_BEUL } },
    { 34, { false, false, MO_UB } },   { 35, { false, true, MO_UB } },
    { 36, { true, false, MO_BEUL } },  { 37, { true, true, MO_BEUL } },
    { 38, { true, false, MO_UB } },    { 39, { true, true, MO_UB } },
    { 40, { false, false, MO_BEUW } }, { 41, { false, true, MO_BEUW } },
    { 42, { false, false, MO_BESW } }, { 43, { false, true, MO_BESW } },
    { 44, { true, false, MO_BEUW } },  { 45, { true, true, MO_BEUW } },
};

/* X-form loads and stores of opcode 31, by extended opcode. */
static const LdStEntry ldst_forms_x[] = {
    { 23, { false, false, MO_BEUL } },  { 55, { false, true, MO_BEUL } },
    { 87, { false, false, MO_UB } },    { 119, { false, true, MO_UB } },
    { 279, { false, false, MO_BEUW } }, { 311, { false, true, MO_BEUW } },
    { 343, { false, false, MO_BESW } }, { 375, { false, true, MO_BESW } },
    { 151, { true, false, MO_BEUL } },  { 183, { true, true, MO_BEUL } },
    { 215, { true, false, MO_UB } },    { 247, { true, true, MO_UB } },
    { 407, { true, false, MO_BEUW } },  { 439, { true, true, MO_BEUW } },
    /* byte-reversed: little-endian accesses */
    { 534, { false, false, MO_LEUL } }, { 790, { false, false, MO_LEUW } },
    { 662, { true, false, MO_LEUL } },  { 918, { true, false, MO_LEUW } },
};

#define LDST_TABLE_LEN(t) (sizeof(t) / sizeof((t)[0]))

static void trans_lmw_stmw(DisasContext *ctx, bool store)
{
    int rd = ppc_rD(ctx->insn);
    TCGv_i32 ea = ppc_gen_ea_d(ctx);
    for (int r = rd; r < 32; r++) {
        if (store) {
            ppc_gen_st_i32(cpu_gpr[r], ea, MO_BEUL);
        } else {
            tcg_gen_guest_ld_i32(cpu_gpr[r], ea, 0, MO_BEUL);
        }
        if (r < 31) {
            tcg_gen_addi_i32(ea, ea, 4);
        }
    }
    tcg_temp_free_i32(ea);
}

bool ppc_translate_ldst(DisasContext *ctx)
{
    int opcd = ppc_opcd(ctx->insn);
    LdStForm f;

    if (opcd == 46 || opcd == 47) {
        trans_lmw_stmw(ctx, opcd == 47);
        return true;
    }
    if (!ldst_lookup(ldst_forms_d, LDST_TABLE_LEN(ldst_forms_d), opcd, &f)) {
        return false;
    }
    TCGv_i32 ea = ppc_gen_ea_d(ctx);
    bool ok = do_ldst(ctx, ea, &f);
    tcg_temp_free_i32(ea);
    return ok;
}

/* lwarx/stwcx. need a word-aligned EA: otherwise an alignment interrupt
 * (as on hardware and qemu-ppc). */
static void gen_check_align4(TCGv_i32 ea)
{
    TCGv_i32 low = tcg_temp_new_i32();
    TCGLabel *ok = gen_new_label();

    tcg_gen_andi_i32(low, ea, 3);
    tcg_gen_brcondi_i32(TCG_COND_EQ, low, 0, ok);
    tcg_gen_call2(&ppc_helper_raise_align_info, NULL, tcg_env(), ea);
    gen_set_label(ok);
    tcg_temp_free_i32(low);
}

static void trans_lwarx(DisasContext *ctx)
{
    TCGv_i32 ea = ppc_gen_ea_x(ctx);
    TCGv_i32 val = tcg_temp_new_i32();

    gen_check_align4(ea);
    if (ppc_reserve_exact) {
        /* sets reserve_addr/val/gen itself */
        tcg_gen_call2(&ppc_helper_lwarx_exact_info, tcgv_i32_temp(val), tcg_env(), ea);
    } else {
        tcg_gen_guest_ld_i32(val, ea, 0, MO_BEUL);
        tcg_gen_mov_i32(cpu_reserve_addr, ea);
        tcg_gen_mov_i32(cpu_reserve_val, val);
    }
    tcg_gen_mov_i32(cpu_gpr[ppc_rD(ctx->insn)], val);
    tcg_temp_free_i32(val);
    tcg_temp_free_i32(ea);
}

/* stwcx.: stores only if the reservation is for this address and the word
 * still holds the value lwarx saw (a host compare-and-swap, so it is
 * atomic against other guest threads). CR0 = 00 EQ SO. */
static void trans_stwcx(DisasContext *ctx)
{
    TCGv_i32 ea = ppc_gen_ea_x(ctx);
    TCGv_i32 ok = tcg_temp_new_i32();
    TCGLabel *fail = gen_new_label(), *done = gen_new_label();

    tcg_gen_brcond_i32(TCG_COND_NE, cpu_reserve_addr, ea, fail);
    if (ppc_reserve_exact) {
        tcg_gen_call3(&ppc_helper_stwcx_exact_info, tcgv_i32_temp(ok), tcg_env(), ea,
                      cpu_gpr[ppc_rD(ctx->insn)]);
    } else {
        tcg_gen_call4(&ppc_helper_stwcx_info, tcgv_i32_temp(ok), tcg_env(), ea,
                      cpu_reserve_val, cpu_gpr[ppc_rD(ctx->insn)]);
    }
    tcg_gen_br(done);
    gen_set_label(fail);
    tcg_gen_movi_i32(ok, 0);
    gen_set_label(done);
    tcg_gen_shli_i32(ok, ok, 1);
    tcg_gen_or_i32(cpu_crf[0], ok, cpu_so);
    tcg_gen_movi_i32(cpu_reserve_addr, -1);
    tcg_temp_free_i32(ok);
    tcg_temp_free_i32(ea);
}

static void trans_string(DisasContext *ctx, int xo)
{
    uint32_t i = ctx->insn;
    bool store = xo == 661 || xo == 725;
    bool immediate = xo == 597 || xo == 725;
    TCGv_i32 ea = immediate ? ppc_gen_ea_a0(ctx) : ppc_gen_ea_x(ctx);
    TCGv_i32 nb;

    if (immediate) {
        int n = ppc_rB(i);
        nb = tcg_constant_i32(n ? n : 32);
    } else {
        nb = tcg_temp_new_i32();
        tcg_gen_andi_i32(nb, cpu_xer_bc, 0x7f);
    }
    tcg_gen_call4(store ? &ppc_helper_stsw_info : &ppc_helper_lsw_info, NULL,
                  tcg_env(), ea, nb, tcg_constant_i32(ppc_rD(i)));
    tcg_temp_free_i32(ea);
}

bool ppc_translate_ldst31(DisasContext *ctx)
{
    int xo = ppc_xo10(ctx->insn);
    LdStForm f;

    if (ldst_lookup(ldst_forms_x, LDST_TABLE_LEN(ldst_forms_x), xo, &f)) {
        TCGv_i32 ea = ppc_gen_ea_x(ctx);
        bool ok = do_ldst(ctx, ea, &f);
        tcg_temp_free_i32(ea);
        return ok;
    }
    switch (xo) {
    case 20:
        trans_lwarx(ctx);
        return true;
    case 150:
        if (!ppc_rc(ctx->insn)) {
            return false;
        }
        trans_stwcx(ctx);
        return true;
    case 533: case 597: case 661: case 725:
        trans_string(ctx, xo);
        return true;
    case 598: /* sync */
    case 854: /* eieio */
        tcg_gen_mb(TCG_MB_FULL);
        return true;
    case 54:  /* dcbst */
    case 86:  /* dcbf */
    case 246: /* dcbtst */
    case 278: /* dcbt */
        return true;
    case 982: /* icbi: stores to code pages already invalidate their blocks */
        return true;
    case 1014: { /* dcbz: four doubleword stores of the 32-byte block, all
                  * on one page, so the first faults or none does */
        TCGv_i32 ea = ppc_gen_ea_x(ctx), p = tcg_temp_ebb_new_i32();
        tcg_gen_andi_i32(ea, ea, ~31u);
        for (int k = 0; k < 32; k += 8) {
            tcg_gen_addi_i32(p, ea, k);
            ppc_gen_st_i64(tcg_constant_i64(0), p, MO_BEUQ);
        }
        tcg_temp_free_i32(p);
        tcg_temp_free_i32(ea);
        return true;
    }
    default:
        return false;
    }
}
