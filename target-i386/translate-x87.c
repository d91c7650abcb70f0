/*
 * The x87 decoder of the i386 front end: opcodes D8..DF, FWAIT (9B) and
 * FXSAVE/FXRSTOR (0F AE /0 /1). Operands are read from guest memory here;
 * the arithmetic runs in the helpers of fpu_helper.c (see docs/x87.md).
 */
#include <stddef.h>
#include "target-i386/translate-sse-fp.h"
#include "target-i386/translate.h"
#include "target-i386/translate-int.h"
#include "target-i386/x87.h"

/* The MMU index of the block being translated (DisasContext.mmu_idx), for
 * the memory operands below (set at each entry point). */
static int x87_mmu_idx;

#define X87_ENV_OFF(field) ((intptr_t)offsetof(CPUX86State, field))

static TCGv_i32 x87_const(int32_t v)
{
    return tcg_constant_i32(v);
}

void x87_gen_check_pending(DisasContext *s)
{
    TCGv_i32 t = tcg_temp_new_i32();
    TCGLabel *ok = gen_new_label();

    tcg_gen_ld_i32(t, tcg_env(), X87_ENV_OFF(fpus), MO_UW);
    tcg_gen_andi_i32(t, t, X87_SW_ES);
    tcg_gen_brcondi_i32(TCG_COND_EQ, t, 0, ok);
    tcg_gen_call2(&x87_info_raise, NULL, tcg_env(), x87_const(EXCP10_COPR));
    gen_set_label(ok);
    tcg_temp_free_i32(t);
}

/* FIP, FCS and FOP of a non-control instruction; FDP and FDS keep their
 * value unless the instruction has a memory operand (measured). */
static void x87_gen_record_ip(DisasContext *s, int opcode_byte, int modrm)
{
    TCGv_i32 t = tcg_temp_new_i32();

    tcg_gen_st_i32(x87_const(s->pc_start - s->cs_base), tcg_env(),
                   X87_ENV_OFF(fpip), MO_32);
    tcg_gen_st_i32(x87_const(((opcode_byte & 7) << 8) | modrm), tcg_env(),
                   X87_ENV_OFF(fpop), MO_16);
    tcg_gen_ld_i32(t, tcg_env(), X87_ENV_OFF(segs[R_CS].selector), MO_UW);
    tcg_gen_st_i32(t, tcg_env(), X87_ENV_OFF(fpcs), MO_16);
    tcg_temp_free_i32(t);
}

/* FDP and FDS. FDP should be the offset in the segment; it is the linear
 * address (the same for the flat segments; segment bases are IR globals
 * of the front end, not visible here). */
static void x87_gen_record_dp(DisasContext *s, TCGv_i32 addr)
{
    TCGv_i32 t = tcg_temp_new_i32();

    tcg_gen_st_i32(addr, tcg_env(), X87_ENV_OFF(fpdp), MO_32);
    tcg_gen_ld_i32(t, tcg_env(), X87_ENV_OFF(segs[s->modrm_seg].selector),
                   MO_UW);
    tcg_gen_st_i32(t, tcg_env(), X87_ENV_OFF(fpds), MO_16);
    tcg_temp_free_i32(t);
}

void x87_gen_prologue(DisasContext *s, int opcode_byte, int modrm,
                      TCGv_i32 addr)
{
    x87_gen_record_ip(s, opcode_byte, modrm);
    if (addr) {
        x87_gen_record_dp(s, addr);
    }
}

/* ---- memory operands ---- */

/* Loads an operand of `kind` zero-extended to 64 bits. */
static TCGv_i64 x87_gen_load_op(TCGv_i32 addr, int kind)
{
    TCGv_i64 v = tcg_temp_new_i64();
    TCGv_i32 t;

    switch (kind) {
    case X87_M64FP:
    case X87_M64INT:
        tcg_gen_guest_ld_i64(v, addr, x87_mmu_idx, MO_LEUQ);
        break;
    default:
        t = tcg_temp_new_i32();
        tcg_gen_guest_ld_i32(t, addr, x87_mmu_idx, kind == X87_M16INT ? MO_LEUW : MO_LEUL);
        tcg_gen_extu_i32_i64(v, t);
        tcg_temp_free_i32(t);
        break;
    }
    return v;
}

/* Loads the 80-bit operand at addr: low 64 bits and the top 16. */
static void x87_gen_load_m80(TCGv_i32 addr, TCGv_i64 lo, TCGv_i32 hi)
{
    TCGv_i32 a8 = tcg_temp_new_i32();

    tcg_gen_guest_ld_i64(lo, addr, x87_mmu_idx, MO_LEUQ);
    tcg_gen_addi_i32(a8, addr, 8);
    tcg_gen_guest_ld_i32(hi, a8, x87_mmu_idx, MO_LEUW);
    tcg_temp_free_i32(a8);
}

/* The write check of a store of size bytes that an unmasked exception
 * cancels: the CPU reports the page fault first. Both ends are probed (an
 * atomic add of 0 to their bytes). */
static void x87_gen_probe_store(TCGv_i32 addr, int size)
{
    TCGv_i32 a = tcg_temp_new_i32(), old = tcg_temp_new_i32();
    for (int end = 0; end < 2 && (end == 0 || size > 1); end++) {
        tcg_gen_addi_i32(a, addr, end ? size - 1 : 0);
        tcg_gen_call4(&x86_helper_info_atomic_rmw, tcgv_i32_temp(old), tcg_env(), a,
                      tcg_constant_i32(0), tcg_constant_i32(X86_ATOMIC_ADD | MO_8));
    }
    tcg_temp_free_i32(a);
    tcg_temp_free_i32(old);
}

/* Bytes of a memory operand, by kind. */
static const uint8_t x87_kind_size[] = {
    [X87_M32FP] = 4, [X87_M64FP] = 8, [X87_M16INT] = 2, [X87_M32INT] = 4,
    [X87_M64INT] = 8, [X87_M80FP] = 10, [X87_M80BCD] = 10,
    [X87_M16INT_TRUNC] = 2, [X87_M32INT_TRUNC] = 4, [X87_M64INT_TRUNC] = 8,
};

/* FST/FIST/FISTTP/FBSTP family: the helper computes the memory image into ft0,
 * the decoder writes it, then the status word and the pop are committed
 * (so a faulting store leaves the FPU as it was). */
static void x87_gen_store(TCGv_i32 addr, int kind, bool pop)
{
    TCGv_i32 ok = tcg_temp_new_i32();
    TCGv_i32 t = tcg_temp_new_i32();
    TCGv_i64 t64 = tcg_temp_new_i64();
    TCGLabel *skip = gen_new_label(), *done = gen_new_label();
    int size = x87_kind_size[kind];

    tcg_gen_call2(&x87_info_fst_mem, tcgv_i32_temp(ok), tcg_env(),
                  x87_const(kind));
    tcg_gen_brcondi_i32(TCG_COND_EQ, ok, 0, skip);
    switch (kind) {
    case X87_M16INT:
    case X87_M16INT_TRUNC:
        tcg_gen_ld_i32(t, tcg_env(), X87_ENV_OFF(ft0.x.mant), MO_UW);
        tcg_gen_guest_st_i32(t, addr, x87_mmu_idx, MO_LEUW);
        break;
    case X87_M32FP:
    case X87_M32INT:
    case X87_M32INT_TRUNC:
        tcg_gen_ld_i32(t, tcg_env(), X87_ENV_OFF(ft0.x.mant), MO_UL);
        tcg_gen_guest_st_i32(t, addr, x87_mmu_idx, MO_LEUL);
        break;
    case X87_M64FP:
    case X87_M64INT:
    case X87_M64INT_TRUNC:
        tcg_gen_ld_i64(t64, tcg_env(), X87_ENV_OFF(ft0.x.mant), MO_UQ);
        tcg_gen_guest_st_i64(t64, addr, x87_mmu_idx, MO_LEUQ);
        break;
    default: {
        TCGv_i32 a8 = tcg_temp_new_i32();
        TCGLabel *one_page = gen_new_label();
        /* The first 8 bytes on one page, the rest on the next: probe both
         * pages in order first, so that a fault writes nothing and is
         * reported at the right byte, as on the CPU (in the top page the
         * first store faults first anyway). */
        tcg_gen_andi_i32(a8, addr, 0xfff);
        tcg_gen_subi_i32(a8, a8, 0xff7);
        tcg_gen_brcondi_i32(TCG_COND_GTU, a8, 1, one_page);
        tcg_gen_brcondi_i32(TCG_COND_GEU, addr, 0xfffff000u, one_page);
        x87_gen_probe_store(addr, 1);
        tcg_gen_addi_i32(a8, addr, 9);
        tcg_gen_andi_i32(a8, a8, ~0xfffu);
        x87_gen_probe_store(a8, 1);
        gen_set_label(one_page);
        tcg_gen_ld_i64(t64, tcg_env(), X87_ENV_OFF(ft0.x.mant), MO_UQ);
        tcg_gen_guest_st_i64(t64, addr, x87_mmu_idx, MO_LEUQ);
        tcg_gen_ld_i32(t, tcg_env(), X87_ENV_OFF(ft0.x.sign_exp), MO_UW);
        tcg_gen_addi_i32(a8, addr, 8);
        tcg_gen_guest_st_i32(t, a8, x87_mmu_idx, MO_LEUW);
        tcg_temp_free_i32(a8);
        break;
    }
    }
    tcg_gen_br(done);
    gen_set_label(skip);
    x87_gen_probe_store(addr, size);
    gen_set_label(done);
    tcg_gen_call2(&x87_info_fst_commit, NULL, tcg_env(),
                  pop ? ok : x87_const(0));
    tcg_temp_free_i32(ok);
    tcg_temp_free_i32(t);
    tcg_temp_free_i64(t64);
}

/* Copies env->fp_image[0..size) to guest memory at addr. */
static void x87_gen_image_to_guest(TCGv_i32 addr, int size)
{
    TCGv_i32 a = tcg_temp_new_i32();
    TCGv_i32 t = tcg_temp_new_i32();
    TCGv_i64 t64 = tcg_temp_new_i64();
    int off = 0;

    for (; off + 8 <= size; off += 8) {
        tcg_gen_ld_i64(t64, tcg_env(), X87_ENV_OFF(fp_image) + off, MO_UQ);
        tcg_gen_addi_i32(a, addr, off);
        tcg_gen_guest_st_i64(t64, a, x87_mmu_idx, MO_LEUQ);
    }
    for (; off + 2 <= size; off += 2) {
        tcg_gen_ld_i32(t, tcg_env(), X87_ENV_OFF(fp_image) + off, MO_UW);
        tcg_gen_addi_i32(a, addr, off);
        tcg_gen_guest_st_i32(t, a, x87_mmu_idx, MO_LEUW);
    }
    tcg_temp_free_i32(a);
    tcg_temp_free_i32(t);
    tcg_temp_free_i64(t64);
}

/* Copies guest memory at addr to env->fp_image[0..size). */
static void x87_gen_guest_to_image(TCGv_i32 addr, int size)
{
    TCGv_i32 a = tcg_temp_new_i32();
    TCGv_i32 t = tcg_temp_new_i32();
    TCGv_i64 t64 = tcg_temp_new_i64();
    int off = 0;

    for (; off + 8 <= size; off += 8) {
        tcg_gen_addi_i32(a, addr, off);
        tcg_gen_guest_ld_i64(t64, a, x87_mmu_idx, MO_LEUQ);
        tcg_gen_st_i64(t64, tcg_env(), X87_ENV_OFF(fp_image) + off, MO_UQ);
    }
    for (; off + 2 <= size; off += 2) {
        tcg_gen_addi_i32(a, addr, off);
        tcg_gen_guest_ld_i32(t, a, x87_mmu_idx, MO_LEUW);
        tcg_gen_st_i32(t, tcg_env(), X87_ENV_OFF(fp_image) + off, MO_UW);
    }
    tcg_temp_free_i32(a);
    tcg_temp_free_i32(t);
    tcg_temp_free_i64(t64);
}

/* D8 DA DC DE with a memory operand: arithmetic and compares. */
static void x87_gen_arith_mem(int reg, TCGv_i32 addr, int kind)
{
    TCGv_i64 v = x87_gen_load_op(addr, kind);

    if (reg == 2 || reg == 3) {
        tcg_gen_call4(&x87_info_fcom_mem, NULL, tcg_env(), v,
                      x87_const(kind), x87_const(reg == 3));
    } else {
        tcg_gen_call4(&x87_info_arith_mem, NULL, tcg_env(), x87_const(reg),
                      v, x87_const(kind));
    }
    tcg_temp_free_i64(v);
}

static void x87_gen_load(TCGv_i32 addr, int kind)
{
    TCGv_i64 v, lo;
    TCGv_i32 hi, t;

    switch (kind) {
    case X87_M32FP:
        t = tcg_temp_new_i32();
        tcg_gen_guest_ld_i32(t, addr, x87_mmu_idx, MO_LEUL);
        tcg_gen_call2(&x87_info_fld_m32, NULL, tcg_env(), t);
        tcg_temp_free_i32(t);
        break;
    case X87_M64FP:
        v = x87_gen_load_op(addr, kind);
        tcg_gen_call2(&x87_info_fld_m64, NULL, tcg_env(), v);
        tcg_temp_free_i64(v);
        break;
    case X87_M16INT:
    case X87_M32INT:
    case X87_M64INT:
        v = x87_gen_load_op(addr, kind);
        tcg_gen_call3(&x87_info_fild, NULL, tcg_env(), v, x87_const(kind));
        tcg_temp_free_i64(v);
        break;
    default:
        lo = tcg_temp_new_i64();
        hi = tcg_temp_new_i32();
        x87_gen_load_m80(addr, lo, hi);
        tcg_gen_call3(kind == X87_M80FP ? &x87_info_fld_m80 : &x87_info_fbld,
                      NULL, tcg_env(), lo, hi);
        tcg_temp_free_i64(lo);
        tcg_temp_free_i32(hi);
        break;
    }
}

/* What one memory form does: the load/store kind, and whether it pops. */
typedef enum X87MemAction {
    XM_INVALID, XM_ARITH, XM_LOAD, XM_STORE, XM_STOREP,
    XM_FLDENV, XM_FLDCW, XM_FNSTENV, XM_FNSTCW, XM_FRSTOR, XM_FNSAVE,
    XM_FNSTSW,
} X87MemAction;

typedef struct X87MemForm {
    X87MemAction action;
    int kind;
} X87MemForm;

/* Memory forms by [opcode & 7][reg]. Reg 1 of DB DD DF is FISTTP (SSE3). */
static const X87MemForm x87_mem_forms[8][8] = {
    [0] = { { XM_ARITH, X87_M32FP }, { XM_ARITH, X87_M32FP },
            { XM_ARITH, X87_M32FP }, { XM_ARITH, X87_M32FP },
            { XM_ARITH, X87_M32FP }, { XM_ARITH, X87_M32FP },
            { XM_ARITH, X87_M32FP }, { XM_ARITH, X87_M32FP } },
    [1] = { { XM_LOAD, X87_M32FP }, { XM_INVALID, 0 },
            { XM_STORE, X87_M32FP }, { XM_STOREP, X87_M32FP },
            { XM_FLDENV, 0 }, { XM_FLDCW, 0 }, { XM_FNSTENV, 0 },
            { XM_FNSTCW, 0 } },
    [2] = { { XM_ARITH, X87_M32INT }, { XM_ARITH, X87_M32INT },
            { XM_ARITH, X87_M32INT }, { XM_ARITH, X87_M32INT },
            { XM_ARITH, X87_M32INT }, { XM_ARITH, X87_M32INT },
            { XM_ARITH, X87_M32INT }, { XM_ARITH, X87_M32INT } },
    [3] = { { XM_LOAD, X87_M32INT }, { XM_STOREP, X87_M32INT_TRUNC },
            { XM_STORE, X87_M32INT }, { XM_STOREP, X87_M32INT },
            { XM_INVALID, 0 }, { XM_LOAD, X87_M80FP }, { XM_INVALID, 0 },
            { XM_STOREP, X87_M80FP } },
    [4] = { { XM_ARITH, X87_M64FP }, { XM_ARITH, X87_M64FP },
            { XM_ARITH, X87_M64FP }, { XM_ARITH, X87_M64FP },
            { XM_ARITH, X87_M64FP }, { XM_ARITH, X87_M64FP },
            { XM_ARITH, X87_M64FP }, { XM_ARITH, X87_M64FP } },
    [5] = { { XM_LOAD, X87_M64FP }, { XM_STOREP, X87_M64INT_TRUNC },
            { XM_STORE, X87_M64FP }, { XM_STOREP, X87_M64FP },
            { XM_FRSTOR, 0 }, { XM_INVALID, 0 }, { XM_FNSAVE, 0 },
            { XM_FNSTSW, 0 } },
    [6] = { { XM_ARITH, X87_M16INT }, { XM_ARITH, X87_M16INT },
            { XM_ARITH, X87_M16INT }, { XM_ARITH, X87_M16INT },
            { XM_ARITH, X87_M16INT }, { XM_ARITH, X87_M16INT },
            { XM_ARITH, X87_M16INT }, { XM_ARITH, X87_M16INT } },
    [7] = { { XM_LOAD, X87_M16INT }, { XM_STOREP, X87_M16INT_TRUNC },
            { XM_STORE, X87_M16INT }, { XM_STOREP, X87_M16INT },
            { XM_LOAD, X87_M80BCD }, { XM_LOAD, X87_M64INT },
            { XM_STOREP, X87_M80BCD }, { XM_STOREP, X87_M64INT } },
};

/* The checks of a memory operand before the x87 touches it (segments,
 * #AC at its alignment, the 4 GiB limit): size and alignment by form. */
static void x87_gen_check_operand(DisasContext *s, const X87MemForm *f, int env_size,
                                  TCGv_i32 addr)
{
    int size, align;
    bool write = false;
    switch (f->action) {
    case XM_STORE:
    case XM_STOREP:
        write = true;
        /* fall through */
    case XM_ARITH:
    case XM_LOAD:
        size = x87_kind_size[f->kind];
        align = size > 8 ? 8 : size;
        break;
    case XM_FNSTENV:
    case XM_FNSAVE:
        write = true;
        /* fall through */
    case XM_FLDENV:
    case XM_FRSTOR:
        size = env_size + (f->action == XM_FRSTOR || f->action == XM_FNSAVE ? 80 : 0);
        align = env_size == 28 ? 4 : 2;
        break;
    default:   /* FLDCW, FNSTCW, FNSTSW */
        write = f->action != XM_FLDCW;
        size = align = 2;
        break;
    }
    x86_gen_check_mem(s, addr, size, align == 8 ? MO_64 : align == 4 ? MO_32 : MO_16, write);
}

/* The helper path of the arithmetic, load and store memory forms. */
static void x87_gen_mem_op(DisasContext *s, int opcode_byte, int modrm,
                           TCGv_i32 addr)
{
    const X87MemForm *f = &x87_mem_forms[opcode_byte & 7][(modrm >> 3) & 7];

    if (f->action == XM_ARITH) {
        x87_gen_arith_mem((modrm >> 3) & 7, addr, f->kind);
    } else if (f->action == XM_LOAD) {
        x87_gen_load(addr, f->kind);
    } else {
        x87_gen_store(addr, f->kind, f->action == XM_STOREP);
    }
}

static bool x87_translate_mem(DisasContext *s, int opcode_byte, int modrm)
{
    const X87MemForm *f = &x87_mem_forms[opcode_byte & 7][(modrm >> 3) & 7];
    int data32 = s->dflag == MO_32;
    int env_size = data32 ? 28 : 14;
    TCGv_i32 addr, t;
    bool inl;

    if (f->action == XM_INVALID) {
        return false;
    }
    if (f->action == XM_STOREP && f->kind >= X87_M16INT_TRUNC &&
        !(s->simd_features & X86_SIMD_SSE3)) {
        return false;               /* FISTTP: #UD without SSE3 */
    }
    addr = x86_gen_lea_modrm(s, modrm);
    inl = (f->action == XM_ARITH || f->action == XM_LOAD ||
           f->action == XM_STORE || f->action == XM_STOREP) &&
          x87_run_prepare(s, opcode_byte, modrm);
    if (inl) {
        /* Live: every exception is masked, nothing is pending (ES = 0). */
        x87_gen_check_operand(s, f, env_size, addr);
        x87_run_emit(s, opcode_byte, modrm, addr);
        tcg_temp_free_i32(addr);
        return true;
    }
    if (f->action != XM_FNSTENV && f->action != XM_FNSAVE && f->action != XM_FNSTCW &&
        f->action != XM_FNSTSW) {
        x87_gen_check_pending(s);   /* a waiting instruction: #MF first */
    }
    x87_gen_check_operand(s, f, env_size, addr);
    switch (f->action) {
    case XM_ARITH:
    case XM_LOAD:
    case XM_STORE:
    case XM_STOREP:
        x87_gen_prologue(s, opcode_byte, modrm, addr);
        x87_gen_mem_op(s, opcode_byte, modrm, addr);
        break;
    case XM_FLDENV:
    case XM_FRSTOR:
        x87_gen_guest_to_image(addr, f->action == XM_FLDENV ? env_size
                                                            : env_size + 80);
        tcg_gen_call2(f->action == XM_FLDENV ? &x87_info_fldenv
                                             : &x87_info_frstor,
                      NULL, tcg_env(), x87_const(data32));
        x87_end_block_after_cw(s);
        break;
    case XM_FLDCW:
        t = tcg_temp_new_i32();
        tcg_gen_guest_ld_i32(t, addr, x87_mmu_idx, MO_LEUW);
        x87_gen_fldcw(s, t);
        tcg_temp_free_i32(t);
        break;
    case XM_FNSTENV:
        tcg_gen_call2(&x87_info_fnstenv, NULL, tcg_env(), x87_const(data32));
        x87_gen_image_to_guest(addr, env_size);
        tcg_gen_call1(&x87_info_fnstenv_done, NULL, tcg_env());
        break;
    case XM_FNSAVE:
        tcg_gen_call2(&x87_info_fnsave, NULL, tcg_env(), x87_const(data32));
        x87_gen_image_to_guest(addr, env_size + 80);
        tcg_gen_call1(&x87_info_fninit, NULL, tcg_env());
        break;
    case XM_FNSTCW:
        t = tcg_temp_new_i32();
        tcg_gen_ld_i32(t, tcg_env(), X87_ENV_OFF(fpuc), MO_UW);
        tcg_gen_guest_st_i32(t, addr, x87_mmu_idx, MO_LEUW);
        tcg_temp_free_i32(t);
        break;
    case XM_FNSTSW:
        t = tcg_temp_new_i32();
        x87_gen_fnstsw(s, t);
        tcg_gen_guest_st_i32(t, addr, x87_mmu_idx, MO_LEUW);
        tcg_temp_free_i32(t);
        break;
    default:
        break;
    }
    tcg_temp_free_i32(addr);
    return true;
}

/* ---- register forms ---- */

static void x87_gen_arith(int op, int dst, int src, bool pop)
{
    tcg_gen_call5(&x87_info_arith, NULL, tcg_env(), x87_const(op),
                  x87_const(dst), x87_const(src), x87_const(pop));
}

static void x87_gen_fcom(int i, bool unordered, int pops)
{
    tcg_gen_call4(&x87_info_fcom, NULL, tcg_env(), x87_const(i),
                  x87_const(unordered), x87_const(pops));
}

static void x87_gen_fcomi(DisasContext *s, int i, bool unordered, bool pop)
{
    TCGv_i32 flags = tcg_temp_new_i32();

    tcg_gen_call4(&x87_info_fcomi, tcgv_i32_temp(flags), tcg_env(),
                  x87_const(i), x87_const(unordered), x87_const(pop));
    x86_set_cc_eflags(s, flags);
    tcg_temp_free_i32(flags);
}

/* FCMOVcc: cc is the Jcc condition nibble (B E BE U and negations). */
static void x87_gen_fcmov(DisasContext *s, int cc, int i)
{
    TCGv_i32 cond = tcg_temp_new_i32();

    x86_gen_setcc(s, cc, cond);
    tcg_gen_call3(&x87_info_fcmov, NULL, tcg_env(), x87_const(i), cond);
    tcg_temp_free_i32(cond);
}

static void x87_gen_call_env(TCGHelperInfo *info)
{
    tcg_gen_call1(info, NULL, tcg_env());
}

static void x87_gen_call_i(TCGHelperInfo *info, int a)
{
    tcg_gen_call2(info, NULL, tcg_env(), x87_const(a));
}

static void x87_gen_call_ii(TCGHelperInfo *info, int a, int b)
{
    tcg_gen_call3(info, NULL, tcg_env(), x87_const(a), x87_const(b));
}

static const int x87_fcmov_cc[4] = { 2, 4, 6, 10 };   /* B E BE P */

/* D9 register forms. */
static bool x87_translate_d9(int reg, int rm)
{
    int op = 0xc0 | (reg << 3) | rm;

    switch (reg) {
    case 0: x87_gen_call_i(&x87_info_fld_sti, rm); return true;
    case 1: x87_gen_call_i(&x87_info_fxch, rm); return true;
    case 2:
        return rm == 0;            /* FNOP: the pending check only */
    case 3: x87_gen_call_ii(&x87_info_fst_sti, rm, 1); return true;
    case 4:
        if (rm == 2 || rm == 3 || rm > 5) {
            return false;
        }
        break;
    case 5:
        if (rm == 7) {
            return false;
        }
        break;
    default:
        break;
    }
    x87_gen_call_i(&x87_info_d9_misc, op);
    return true;
}

/* The register forms; returns false for invalid encodings. */
static bool x87_translate_reg(DisasContext *s, int b, int modrm)
{
    int reg = (modrm >> 3) & 7, rm = modrm & 7;
    TCGv_i32 t;

    switch (b & 7) {
    case 0:
        if (reg == 2 || reg == 3) {
            x87_gen_fcom(rm, false, reg == 3);
        } else {
            x87_gen_arith(reg, 0, rm, false);
        }
        return true;
    case 1:
        return x87_translate_d9(reg, rm);
    case 2:
        if (reg < 4) {
            x87_gen_fcmov(s, x87_fcmov_cc[reg], rm);
        } else if (reg == 5 && rm == 1) {
            x87_gen_fcom(1, true, 2);
        } else {
            return false;
        }
        return true;
    case 3:
        if (reg < 4) {
            x87_gen_fcmov(s, x87_fcmov_cc[reg] ^ 1, rm);
        } else if (reg == 4) {
            if (rm == 2) {
                x87_gen_call_env(&x87_info_fnclex);
            } else if (rm == 3) {
                x87_gen_call_env(&x87_info_fninit);
            } else if (rm > 4) {
                return false;
            }
        } else if (reg == 5 || reg == 6) {
            x87_gen_fcomi(s, rm, reg == 5, false);
        } else {
            return false;
        }
        return true;
    case 4:
    case 6:
        if (reg == 2 || reg == 3) {
            if ((b & 7) == 6 && reg == 3) {
                if (rm != 1) {
                    return false;
                }
                x87_gen_fcom(1, false, 2);
            } else {
                x87_gen_fcom(rm, false, (b & 7) == 6 || reg == 3);
            }
        } else {
            x87_gen_arith(reg < 4 ? reg : reg ^ 1, rm, 0, (b & 7) == 6);
        }
        return true;
    case 5:
        switch (reg) {
        case 0: x87_gen_call_ii(&x87_info_ffree, rm, 0); return true;
        case 1: x87_gen_call_i(&x87_info_fxch, rm); return true;
        case 2: x87_gen_call_ii(&x87_info_fst_sti, rm, 0); return true;
        case 3: x87_gen_call_ii(&x87_info_fst_sti, rm, 1); return true;
        case 4: x87_gen_fcom(rm, true, 0); return true;
        case 5: x87_gen_fcom(rm, true, 1); return true;
        default: return false;
        }
    default:
        switch (reg) {
        case 0: x87_gen_call_ii(&x87_info_ffree, rm, 1); return true;
        case 1: x87_gen_call_i(&x87_info_fxch, rm); return true;
        case 2:
        case 3: x87_gen_call_ii(&x87_info_fst_sti, rm, 1); return true;
        case 4:
            if (rm != 0) {
                return false;
            }
            t = tcg_temp_new_i32();
            x87_gen_fnstsw(s, t);
            x86_gen_op_mov_reg_v(s, MO_16, R_EAX, t);
            tcg_temp_free_i32(t);
            return true;
        case 5:
        case 6: x87_gen_fcomi(s, rm, reg == 5, true); return true;
        default: return false;
        }
    }
}

/* No-wait control instructions among the register forms: FNCLEX,
 * FNINIT, FNENI/FNDISI/FNSETPM (DB E0..E4) and FNSTSW AX (DF E0). */
static bool x87_is_nowait_reg(int b, int modrm)
{
    return ((b & 7) == 3 && modrm >= 0xe0 && modrm <= 0xe4) ||
           ((b & 7) == 7 && modrm == 0xe0);
}

/* Whether a register form (mod == 3) is a defined encoding (the
 * undocumented aliases FCOM2, FCOMP3, FCOMP5, FXCH4, FXCH7, FSTP1, FSTP8,
 * FSTP9 and FFREEP included, as real processors accept them). */
static bool x87_reg_form_valid(int b, int modrm)
{
    int reg = (modrm >> 3) & 7, rm = modrm & 7;

    switch (b & 7) {
    case 1:
        return reg == 0 || reg == 1 || reg == 3 || reg >= 6 ||
               (reg == 2 && rm == 0) ||
               (reg == 4 && (rm <= 1 || rm == 4 || rm == 5)) ||
               (reg == 5 && rm != 7);
    case 2:
        return reg < 4 || (reg == 5 && rm == 1);
    case 3:
        return reg < 4 || (reg == 4 && rm <= 4) || reg == 5 || reg == 6;
    case 5:
        return reg <= 5;
    case 6:
        return reg != 3 || rm == 1;
    case 7:
        return reg <= 3 || (reg == 4 && rm == 0) || reg == 5 || reg == 6;
    default:
        return true;
    }
}

bool x86_translate_x87(DisasContext *s, int opcode_byte, int modrm)
{
    x87_mmu_idx = s->mmu_idx;
    if (opcode_byte == 0x9b || !x87_run_shape(opcode_byte, modrm)) {
        x87_gen_run_end(s);
    }
    if (opcode_byte == 0x9b) {
        x87_gen_check_pending(s);
        return true;
    }
    if (((modrm >> 6) & 3) != 3) {
        return x87_translate_mem(s, opcode_byte, modrm);
    }
    if (x87_is_nowait_reg(opcode_byte, modrm)) {
        return x87_translate_reg(s, opcode_byte, modrm);
    }
    if (!x87_reg_form_valid(opcode_byte, modrm)) {
        return false;
    }
    if (x87_run_prepare(s, opcode_byte, modrm)) {
        x87_run_emit(s, opcode_byte, modrm, NULL);
        return true;
    }
    x87_gen_check_pending(s);
    x87_gen_prologue(s, opcode_byte, modrm, NULL);
    return x87_translate_reg(s, opcode_byte, modrm);
}

/* 0F AE /0 FXSAVE, /1 FXRSTOR (called by the front end's 0F AE decoder):
 * #NM with CR0.TS or CR0.EM; 512-byte area, 16-byte aligned (#GP), all
 * writable before FXSAVE writes a byte;
 * bytes 288..511 are neither written nor read, as on the host. */
bool x86_translate_fxsave(DisasContext *s, int modrm)
{
    x87_mmu_idx = s->mmu_idx;
    x87_gen_run_end(s);
    int reg = (modrm >> 3) & 7;
    TCGv_i32 addr, t;
    TCGLabel *aligned;

    if (((modrm >> 6) & 3) == 3 || reg > 1) {
        return false;
    }
    if (s->tb_flags & (HF_TS_MASK | HF_EM_MASK)) {
        x86_gen_exception(s, EXCP07_PREX);
        return true;
    }
    addr = x86_gen_lea_modrm(s, modrm);
    t = tcg_temp_new_i32();
    aligned = gen_new_label();
    tcg_gen_andi_i32(t, addr, 15);
    tcg_gen_brcondi_i32(TCG_COND_EQ, t, 0, aligned);
    tcg_gen_call2(&x87_info_raise, NULL, tcg_env(), x87_const(EXCP0D_GPF));
    gen_set_label(aligned);
    tcg_temp_free_i32(t);
    if (reg == 0) {
        /* The whole area is checked first (a fault writes nothing). */
        x86_simd_gen_probe_store(s, addr, 512);
        tcg_gen_call1(&x87_info_fxsave, NULL, tcg_env());
        x87_gen_image_to_guest(addr, 288);
    } else {
        x87_gen_guest_to_image(addr, 288);
        tcg_gen_call1(&x87_info_fxrstor, NULL, tcg_env());
        x86_sse_end_block_after_mxcsr(s);
    }
    tcg_temp_free_i32(addr);
    return true;
}
