/*
 * The SIMD decoder of the i386 front end: looks an MMX/SSE encoding up in
 * the row table (decode-sse.c), applies the CR0/CR4 and CPU-model rules,
 * stages memory and general-register operands through env->simd_src/dst
 * and calls the row's helper or IR emitter. See translate-int.h.
 */
#include <assert.h>
#include <stdlib.h>
#include "exec/cpu-ldst.h"
#include "exec/exec-all.h"
#include "exec/user-pages.h"
#include "target-i386/translate-int.h"
#include "target-i386/cpu-models.h"
#include "target-i386/translate-sse.h"
#include "target-i386/x87.h"

/* Row index + 1 of the first row per (opcode map, byte, prefix), 0 = #UD;
 * the rows of one encoding (groups, mod splits) are chained by next. */
static uint16_t x86_simd_index[3][256][4];
static uint16_t *x86_simd_next;
/* One helper description per row (rows with a helper). */
static TCGHelperInfo *x86_simd_info;

void x86_simd_helper_raise_gp0(CPUX86State *env);
static TCGHelperInfo x86_simd_info_raise_gp0 =
    TCG_HELPER(x86_simd_helper_raise_gp0, TCG_CALL_MAY_RAISE, TCG_HT_VOID, TCG_HT_PTR);

void x86_simd_helper_raise_gp0(CPUX86State *env)
{
    x86_raise_exception_err(env, EXCP0D_GPF, 0, GETPC());
}

/* Before a store of size bytes that is done in parts (16-byte operands,
 * MASKMOVQ/MASKMOVDQU): every page it touches must be writable, the first
 * checked first, so that a fault writes nothing and reports the address
 * the CPU reports (the first byte of the page that faults). */
void x86_simd_helper_probe_store(CPUX86State *env, uint32_t addr, uint32_t size);
static TCGHelperInfo x86_simd_info_probe_store =
    TCG_HELPER(x86_simd_helper_probe_store, TCG_CALL_MAY_RAISE, TCG_HT_VOID, TCG_HT_PTR,
               TCG_HT_I32, TCG_HT_I32);

void x86_simd_helper_probe_store(CPUX86State *env, uint32_t addr, uint32_t size)
{
    CPUState *cpu = &env->cs;
    int mmu_idx = cpu_mmu_index(cpu, false);
    uint32_t last = addr + size - 1, page2 = last & TARGET_PAGE_MASK;
    uintptr_t ra = GETPC();

    if (!((addr ^ last) & TARGET_PAGE_MASK)) {
        probe_access(cpu, addr, (int)size, MMU_DATA_STORE, mmu_idx, ra);
        return;
    }
    probe_access(cpu, addr, (int)(page2 - addr), MMU_DATA_STORE, mmu_idx, ra);
    probe_access(cpu, page2, (int)(last - page2 + 1), MMU_DATA_STORE, mmu_idx, ra);
}

void x86_simd_gen_probe_store(DisasContext *s, TCGv_i32 addr, int size)
{
    x86_gen_update_cc_op(s);
    tcg_gen_call3(&x86_simd_info_probe_store, NULL, tcg_env(), addr,
                  tcg_constant_i32(size));
}

static bool x86_opnd_is_mmx(int o)
{
    int k = X86_OPND_KIND(o);
    return k == X86_OK_P || k == X86_OK_Q || k == X86_OK_N;
}

static bool x86_opnd_is_xmm(int o)
{
    int k = X86_OPND_KIND(o);
    return k == X86_OK_V || k == X86_OK_W || k == X86_OK_U;
}

void x86_simd_init(void)
{
    x86_simd_info = calloc((size_t)x86_simd_nb_rows, sizeof(*x86_simd_info));
    x86_simd_next = calloc((size_t)x86_simd_nb_rows, sizeof(*x86_simd_next));
    assert(x86_simd_info && x86_simd_next);
    for (int i = x86_simd_nb_rows - 1; i >= 0; i--) {
        const X86SimdRow *r = &x86_simd_rows[i];
        int map = r->op >> 8, b = r->op & 0xff;
        /* Exactly one way to execute a row; helpers have no memory or
         * general-register destination of their own making. */
        assert(map < 3 && r->pfx < 4);
        assert((r->helper != NULL) + (r->helper_imm != NULL) + (r->gen != NULL) == 1);
        assert(!r->helper || !r->imm);
        x86_simd_next[i] = x86_simd_index[map][b][r->pfx];
        x86_simd_index[map][b][r->pfx] = (uint16_t)(i + 1);
        if (r->gen) {
            continue;
        }
        TCGHelperInfo *h = &x86_simd_info[i];
        h->func = r->helper ? (void *)r->helper : (void *)r->helper_imm;
        h->name = r->name;
        h->flags = (r->flags & X86_SR_MAY_RAISE) ? TCG_CALL_MAY_RAISE : TCG_CALL_SIDE_EFFECTS;
        h->ret = TCG_HT_VOID;
        h->nargs = r->helper ? 3 : 4;
        h->args[0] = h->args[1] = h->args[2] = TCG_HT_PTR;
        h->args[3] = TCG_HT_I32;
    }
    x86_simd_host_init();
}

uint32_t x86_simd_features_of(const CPUX86State *env)
{
    static const struct { X86FeatureWord w; uint32_t bit, simd; } map[] = {
        { X86_FEAT_1_EDX, X86_CPUID_MMX, X86_SIMD_MMX },
        { X86_FEAT_1_EDX, X86_CPUID_SSE, X86_SIMD_SSE },
        { X86_FEAT_1_EDX, X86_CPUID_SSE2, X86_SIMD_SSE2 },
        { X86_FEAT_1_EDX, X86_CPUID_CLFSH, X86_SIMD_CLFLUSH },
        { X86_FEAT_1_ECX, X86_CPUID_ECX_SSE3, X86_SIMD_SSE3 },
        { X86_FEAT_1_ECX, X86_CPUID_ECX_SSSE3, X86_SIMD_SSSE3 },
    };
    uint32_t f = 0;
    for (size_t i = 0; i < sizeof(map) / sizeof(map[0]); i++) {
        if (x86_cpu_has_feature(env, map[i].w, map[i].bit)) {
            f |= map[i].simd;
        }
    }
    return f;
}

/* ---- env-to-env IR used by the decoder and the emitters ---- */

intptr_t x86_simd_mmx_off(int i)
{
    return ENV_OFF(fpregs[i].x.mant);
}

intptr_t x86_simd_xmm_off(int i)
{
    return ENV_OFF(xmm[i]);
}

void x86_simd_gen_copy(intptr_t d, intptr_t src, int bytes)
{
    int off = 0;
    if (bytes >= 8) {
        TCGv_i64 t = tcg_temp_new_i64();
        for (; off + 8 <= bytes; off += 8) {
            tcg_gen_ld_i64(t, tcg_env(), src + off, MO_UQ);
            tcg_gen_st_i64(t, tcg_env(), d + off, MO_UQ);
        }
        tcg_temp_free_i64(t);
    }
    if (off < bytes) {
        TCGv_i32 t = tcg_temp_new_i32();
        MemOp mo = bytes - off == 4 ? MO_32 : bytes - off == 2 ? MO_UW : MO_UB;
        tcg_gen_ld_i32(t, tcg_env(), src + off, mo);
        tcg_gen_st_i32(t, tcg_env(), d + off, mo);
        tcg_temp_free_i32(t);
    }
}

void x86_simd_gen_zero(intptr_t d, int from, int to)
{
    for (int off = from; off < to;) {
        if (off % 8 == 0 && off + 8 <= to) {
            tcg_gen_st_i64(tcg_constant_i64(0), tcg_env(), d + off, MO_UQ);
            off += 8;
        } else {
            tcg_gen_st_i32(tcg_constant_i32(0), tcg_env(), d + off, MO_32);
            off += 4;
        }
    }
}

/* The address of the part at offset off of a memory operand. */
static TCGv_i32 x86_simd_part_addr(DisasContext *s, TCGv_i32 addr, int off)
{
    if (!off) {
        return addr;
    }
    TCGv_i32 a = tcg_temp_new_i32();
    tcg_gen_addi_i32(a, addr, off);
    x86_note_seg(s, a, s->modrm_seg);
    return a;
}

/* Guest memory <-> env: bytes = 1 << lg. */
static void x86_simd_gen_load_mem(DisasContext *s, TCGv_i32 addr, int lg, intptr_t d)
{
    if (tcg_has_host_sse()) {
        /* Straight into the host register that caches d (x86-sse.c). */
        TCGv_i64 t = tcg_temp_new_i64();
        if (lg <= MO_32) {
            TCGv_i32 v = tcg_temp_new_i32();
            x86_gen_ld(s, (MemOp)lg, v, addr);
            tcg_gen_extu_i32_i64(t, v);
            tcg_temp_free_i32(v);
        } else {
            x86_gen_ld64(s, t, addr);
        }
        if (lg == 4) {
            TCGv_i64 hi = tcg_temp_new_i64();
            x86_gen_ld64(s, hi, x86_simd_part_addr(s, addr, 8));
            x86_simd_gen_host_load(d, t, false);
            x86_simd_gen_host_load(d, hi, true);
            tcg_temp_free_i64(hi);
        } else {
            x86_simd_gen_host_load(d, t, false);
        }
        tcg_temp_free_i64(t);
        return;
    }
    if (lg <= MO_32) {
        TCGv_i32 t = tcg_temp_new_i32();
        x86_gen_ld(s, (MemOp)lg, t, addr);
        tcg_gen_st_i32(t, tcg_env(), d, MO_32);
        tcg_temp_free_i32(t);
        x86_simd_gen_zero(d, 4, 16);
        return;
    }
    TCGv_i64 t = tcg_temp_new_i64();
    for (int off = 0; off < (1 << lg); off += 8) {
        TCGv_i32 a = x86_simd_part_addr(s, addr, off);
        x86_gen_ld64(s, t, a);
        tcg_gen_st_i64(t, tcg_env(), d + off, MO_UQ);
    }
    tcg_temp_free_i64(t);
    if (lg == MO_64) {
        x86_simd_gen_zero(d, 8, 16);
    }
}

static void x86_simd_gen_store_mem(DisasContext *s, TCGv_i32 addr, int lg, intptr_t src)
{
    if (lg <= MO_32) {
        TCGv_i32 t = tcg_temp_new_i32();
        tcg_gen_ld_i32(t, tcg_env(), src, MO_32);
        x86_gen_st(s, (MemOp)lg, t, addr);
        tcg_temp_free_i32(t);
        return;
    }
    TCGv_i64 t = tcg_temp_new_i64();
    if (lg == 4) {
        /* Two 8-byte stores: if the operand crosses a page, both pages
         * are checked before the first one (fault-atomic, as the CPU). */
        TCGLabel *one_page = gen_new_label();
        TCGv_i32 o = tcg_temp_new_i32();
        tcg_gen_andi_i32(o, addr, TARGET_PAGE_SIZE - 1);
        tcg_gen_brcondi_i32(TCG_COND_LEU, o, TARGET_PAGE_SIZE - 16, one_page);
        x86_simd_gen_probe_store(s, addr, 16);
        gen_set_label(one_page);
        tcg_temp_free_i32(o);
    }
    for (int off = 0; off < (1 << lg); off += 8) {
        TCGv_i32 a = x86_simd_part_addr(s, addr, off);
        tcg_gen_ld_i64(t, tcg_env(), src + off, MO_UQ);
        x86_gen_st64(s, t, a);
    }
    tcg_temp_free_i64(t);
}

/* #GP(0) unless addr is 16-byte aligned. */
static void x86_simd_gen_check_align16(DisasContext *s, TCGv_i32 addr)
{
    TCGv_i32 t = tcg_temp_new_i32();
    TCGLabel *ok = gen_new_label();
    x86_gen_update_cc_op(s);
    tcg_gen_andi_i32(t, addr, 15);
    tcg_gen_brcondi_i32(TCG_COND_EQ, t, 0, ok);
    tcg_gen_call1(&x86_simd_info_raise_gp0, NULL, tcg_env());
    gen_set_label(ok);
    tcg_temp_free_i32(t);
}

/* MMX instructions set TOP to 0 and tag every register valid (SDM vol. 1,
 * 9.5.1); the register an MMX instruction writes gets exponent 0xffff. */
static void x86_simd_gen_enter_mmx(void)
{
    tcg_gen_st_i32(tcg_constant_i32(0), tcg_env(), ENV_OFF(fpstt), MO_32);
    tcg_gen_st_i64(tcg_constant_i64(0), tcg_env(), ENV_OFF(fptags), MO_UQ);
}

/* ---- the decoder ---- */

static int x86_simd_prefix(DisasContext *s)
{
    if (s->prefixes & PREFIX_REPZ) {
        return X86_PFX_F3;
    }
    if (s->prefixes & PREFIX_REPNZ) {
        return X86_PFX_F2;
    }
    return (s->prefixes & PREFIX_DATA) ? X86_PFX_66 : X86_PFX_NONE;
}

/* The register operand (P, V, or Q/W/N/U with mod = 3) at field i. */
static intptr_t x86_simd_reg_off(int o, int i)
{
    return x86_opnd_is_mmx(o) ? x86_simd_mmx_off(i) : x86_simd_xmm_off(i);
}

static bool x86_simd_opnd_in_rm(int o)
{
    int k = X86_OPND_KIND(o);
    return k == X86_OK_Q || k == X86_OK_W || k == X86_OK_N || k == X86_OK_U ||
           k == X86_OK_M || k == X86_OK_E;
}

/* CR0.EM, CR4.OSFXSR, the model's features and CR0.TS, in the SDM's
 * order: returns 0 to go on, else the exception to raise. */
static int x86_simd_check(DisasContext *s, const X86SimdRow *r)
{
    bool xmm = x86_opnd_is_xmm(r->dst) || x86_opnd_is_xmm(r->src) ||
               (r->flags & X86_SR_SSE_STATE);
    bool fpu = xmm || x86_opnd_is_mmx(r->dst) || x86_opnd_is_mmx(r->src) ||
               (r->flags & X86_SR_NO_MODRM);
    if (r->feature && !(s->simd_features & r->feature)) {
        return EXCP06_ILLOP;
    }
    if (!fpu) {
        return 0;       /* MOVNTI, CLFLUSH, fences: no FPU/SSE state */
    }
    if (s->tb_flags & HF_EM_MASK) {
        return EXCP06_ILLOP;
    }
    if (xmm && !(s->tb_flags & HF_OSFXSR_MASK)) {
        return EXCP06_ILLOP;
    }
    if (s->tb_flags & HF_TS_MASK) {
        return EXCP07_PREX;
    }
    return 0;
}

/* Loads a source operand (rm side or G) into env->simd_src when it is not
 * a SIMD register; returns its env offset. */
static intptr_t x86_simd_stage_src(DisasContext *s, X86SimdInsn *in, int o, int field)
{
    intptr_t scratch = ENV_OFF(simd_src);
    int k = X86_OPND_KIND(o);
    if (k == X86_OK_I) {
        tcg_gen_st_i64(tcg_constant_i64(in->arg & 0xff), tcg_env(), scratch, MO_UQ);
        tcg_gen_st_i64(tcg_constant_i64(0), tcg_env(), scratch + 8, MO_UQ);
        return scratch;
    }
    if (k == X86_OK_G || (k == X86_OK_E && !in->mem)) {
        tcg_gen_st_i32(x86_regs[field], tcg_env(), scratch, MO_32);
        x86_simd_gen_zero(scratch, 4, 16);
        return scratch;
    }
    if (x86_simd_opnd_in_rm(o) && in->mem) {
        if (!(in->row->flags & X86_SR_UNALIGNED) && X86_OPND_LG(o) == 4) {
            x86_simd_gen_check_align16(s, in->addr);
        }
        x86_simd_gen_load_mem(s, in->addr, X86_OPND_LG(o), scratch);
        return scratch;
    }
    return x86_simd_reg_off(o, field);
}

/* Stores a staged destination (memory, E or G) from env at scratch
 * (simd_dst, or the source register of a plain store). */
static void x86_simd_unstage_dst(DisasContext *s, X86SimdInsn *in, intptr_t scratch)
{
    int o = in->row->dst, k = X86_OPND_KIND(o);
    if (k == X86_OK_G || (k == X86_OK_E && !in->mem)) {
        TCGv_i32 t = tcg_temp_new_i32();
        tcg_gen_ld_i32(t, tcg_env(), scratch, MO_32);
        tcg_gen_mov_i32(x86_regs[k == X86_OK_G ? in->m.reg : in->m.rm], t);
        tcg_temp_free_i32(t);
    } else if (in->mem && x86_simd_opnd_in_rm(o)) {
        if (!(in->row->flags & X86_SR_UNALIGNED) && X86_OPND_LG(o) == 4) {
            x86_simd_gen_check_align16(s, in->addr);
        }
        x86_simd_gen_store_mem(s, in->addr, X86_OPND_LG(o), scratch);
    }
}

static bool x86_simd_dst_staged(const X86SimdInsn *in)
{
    int k = X86_OPND_KIND(in->row->dst);
    return k == X86_OK_G || k == X86_OK_E || (in->mem && x86_simd_opnd_in_rm(in->row->dst));
}

static TCGv_ptr x86_simd_env_ptr(intptr_t off)
{
    TCGv_ptr p = tcg_temp_new_ptr();
    tcg_gen_addi_i64((TCGv_i64)p, (TCGv_i64)tcg_env(), off);
    return p;
}

static bool x86_simd_translate(DisasContext *s, const X86SimdRow *r)
{
    X86SimdInsn in = { .row = r };
    if (!(r->flags & X86_SR_NO_MODRM)) {
        in.m = x86_split_modrm(x86_ldub_code(s));
        in.mem = in.m.mod != 3;
    }
    int excp = x86_simd_check(s, r);
    if (excp) {
        x86_gen_exception(s, excp);
        return true;
    }
    if (in.mem) {
        in.addr = x86_gen_lea_modrm(s, (in.m.mod << 6) | (in.m.reg << 3) | in.m.rm);
    }
    in.arg = (r->imm || X86_OPND_KIND(r->src) == X86_OK_I) ? x86_ldub_code(s) : 0;
    if (x86_opnd_is_xmm(r->dst) || (!x86_opnd_is_mmx(r->dst) && x86_opnd_is_xmm(r->src))) {
        in.arg |= X86_SIMD_ARG_XMM;
    }
    bool mmx = x86_opnd_is_mmx(r->dst) || x86_opnd_is_mmx(r->src);

    /* Sources first (a fault leaves the state unchanged), then the MMX
     * transition, the operation, and the staged destination. */
    if (r->src) {
        int field = x86_simd_opnd_in_rm(r->src) ? in.m.rm : in.m.reg;
        in.s_off = x86_simd_stage_src(s, &in, r->src, field);
    }
    bool store_reg = false;
    if (x86_simd_dst_staged(&in)) {
        in.d_off = ENV_OFF(simd_dst);
        /* A plain store of an XMM register goes to memory from it. */
        store_reg = tcg_has_host_sse() && r->gen == x86_simd_gen_mov && in.mem &&
                    x86_opnd_is_xmm(r->src) && x86_simd_opnd_in_rm(r->dst) &&
                    X86_OPND_LG(r->dst) <= X86_OPND_LG(r->src);
    } else if (r->dst) {
        int field = x86_simd_opnd_in_rm(r->dst) ? in.m.rm : in.m.reg;
        in.d_off = x86_simd_reg_off(r->dst, field);
    }
    if (mmx || r->gen == x86_simd_gen_emms) {
        x87_gen_sync(s);    /* env's x87 registers are the MMX ones (x87.h) */
    }
    if (mmx) {
        x86_simd_gen_enter_mmx();
    }
    if (store_reg) {
        x86_simd_unstage_dst(s, &in, in.s_off);
        return true;
    }
    if (r->gen) {
        if (!x86_simd_gen_host_gen(s, &in) && !r->gen(s, &in)) {
            return false;
        }
    } else {
        TCGHelperInfo *h = &x86_simd_info[r - x86_simd_rows];
        if (!x86_simd_gen_host(s, &in, h)) {
            TCGv_ptr d = x86_simd_env_ptr(in.d_off), sp = x86_simd_env_ptr(in.s_off);
            if (r->helper) {
                tcg_gen_call3(h, NULL, tcg_env(), d, sp);
            } else {
                tcg_gen_call4(h, NULL, tcg_env(), d, sp, tcg_constant_i32((int32_t)in.arg));
            }
            tcg_temp_free_ptr(d);
            tcg_temp_free_ptr(sp);
        }
    }
    if (x86_simd_dst_staged(&in)) {
        x86_simd_unstage_dst(s, &in, ENV_OFF(simd_dst));
    } else if (x86_opnd_is_mmx(r->dst)) {
        int field = x86_simd_opnd_in_rm(r->dst) ? in.m.rm : in.m.reg;
        tcg_gen_st_i32(tcg_constant_i32(0xffff), tcg_env(),
                       ENV_OFF(fpregs[field].x.sign_exp), MO_UW);
    }
    return true;
}

/* Whether row r takes the ModRM byte modrm (group field, mod split, and
 * register-only / memory-only operand kinds). */
static bool x86_simd_row_takes(const X86SimdRow *r, int modrm)
{
    if (r->flags & X86_SR_NO_MODRM) {
        return true;
    }
    X86Modrm m = x86_split_modrm(modrm);
    bool mem = m.mod != 3;
    int k_rm = x86_simd_opnd_in_rm(r->dst) ? X86_OPND_KIND(r->dst) : X86_OPND_KIND(r->src);
    if (r->grp && r->grp != m.reg + 1) {
        return false;
    }
    if ((mem && (r->flags & X86_SR_REG)) || (!mem && (r->flags & X86_SR_MEM))) {
        return false;
    }
    if (mem && (k_rm == X86_OK_N || k_rm == X86_OK_U)) {
        return false;
    }
    return mem || k_rm != X86_OK_M;
}

const X86SimdRow *x86_simd_lookup(int map, int b, int pfx, int modrm)
{
    for (int i = x86_simd_index[map][b][pfx]; i; i = x86_simd_next[i - 1]) {
        const X86SimdRow *r = &x86_simd_rows[i - 1];
        if (modrm < 0 ? (r->flags & X86_SR_NO_MODRM) : x86_simd_row_takes(r, modrm)) {
            return r;
        }
    }
    return NULL;
}

bool x86_op_sse(DisasContext *s, int b)
{
    int map = 0;
    b &= 0xff;
    if (b == 0x38 || b == 0x3a) {
        map = b == 0x38 ? 1 : 2;
        b = x86_ldub_code(s);
    }
    int pfx = x86_simd_prefix(s);
    const X86SimdRow *r = x86_simd_lookup(map, b, pfx, -1);
    if (!r) {
        int modrm = translator_ldub(s->cpu, &s->base, s->base.pc_next);
        r = x86_simd_lookup(map, b, pfx, modrm);
    }
    return r && x86_simd_translate(s, r);
}
