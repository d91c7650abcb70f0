/*
 * The x86-64 backend's INDEX_op_sse (tcg-opc.h): one host SSE instruction
 * on 16-byte env operands, which a per-block cache keeps in host xmm0-13
 * (and the env MXCSR in the host MXCSR) between ops; xmm14/xmm15 and r11
 * are scratch. The cache is written back to env before every op that may
 * read it there, fault, leave the block or call C code (docs/tcg.md).
 */
#include <assert.h>

#include "exec/softmmu.h"
#include "tcg/x86_64/x86-emit.h"

enum { X64_SSE_D = 15, X64_SSE_S = 14, X64_SSE_NB_CACHE = 14 };

/* One cached env operand: host xmm k holds env[off .. off + 16). */
typedef struct X64SseSlot {
    intptr_t off;
    bool valid, dirty;
    bool scratch;               /* last written by a TCG_SSE_SRC_GPR op: a
                                 * staged operand, dead at faults and exits */
    uint32_t used;              /* last use, for eviction */
} X64SseSlot;

/* What the code knows of the MXCSR at a point: env's is canonical and
 * the flag is 0 (X64_MX_ENV), the host holds the guest's and the flag is
 * 1 (X64_MX_HOST), or either, as the flag says (X64_MX_FLAG: after a
 * label reached from points of both kinds). Invariant at run time: flag
 * 1 means the host MXCSR holds the guest's newest, flag 0 that env does. */
typedef enum X64SseMx { X64_MX_ENV, X64_MX_HOST, X64_MX_FLAG } X64SseMx;

/* Code generation is serialized; the state lives for one block. */
static struct {
    X64SseSlot slot[X64_SSE_NB_CACHE];
    uint32_t clock;
    /* The MXCSR at env + mx_off and its in-host flag (tcg.h) here. */
    X64SseMx mx;
    bool mx_dirty;              /* X64_MX_HOST: env's copy may be stale */
    uint8_t mx_branches;        /* 1 << state at each branch so far */
    bool cross_blocks;          /* chained blocks keep the MXCSR */
    intptr_t mx_off;
    intptr_t exit_mx;           /* x64_sse_take_exit_mx */
} x64_sse;

/* Mandatory prefix, REX, 0F [38|3A] and the opcode byte of a
 * register-direct form; reg and rm are register numbers. */
static void x64_sse_opc(TCGContext *s, int pfx, int map, int opc, int reg, int rm, bool w)
{
    static const uint8_t prefix[4] = { 0, 0x66, 0xf3, 0xf2 };
    int rex = (w ? 8 : 0) | (reg & 8) >> 1 | (rm & 8) >> 3;

    if (pfx) {
        x64_out8(s, prefix[pfx]);
    }
    if (rex) {
        x64_out8(s, 0x40 | rex);
    }
    x64_out8(s, 0x0f);
    if (map) {
        x64_out8(s, map == 1 ? 0x38 : 0x3a);
    }
    x64_out8(s, (uint8_t)opc);
}

static void x64_sse_rr(TCGContext *s, int pfx, int map, int opc, int reg, int rm)
{
    x64_sse_opc(s, pfx, map, opc, reg, rm, false);
    x64_out8(s, (uint8_t)(0xc0 | (reg & 7) << 3 | (rm & 7)));
}

/* A map-0F instruction with the memory operand [base + off]. */
static void x64_sse_op_mem(TCGContext *s, int pfx, int opc, int reg, int base, intptr_t off)
{
    static const int prefix_flag[4] = { 0, P_DATA16, P_SIMDF3, 0 };

    if (pfx == 3) {
        x64_out8(s, 0xf2);      /* before REX, which x64_out_modrm_mem emits */
    }
    x64_out_modrm_mem(s, prefix_flag[pfx] | P_EXT | opc, reg, base, -1, off);
}

/* movdqu (movq with TCG_SSE_Q) xmm, [base + off] and back. */
static void x64_sse_load(TCGContext *s, bool q, int xmm, int base, intptr_t off)
{
    x64_sse_op_mem(s, 2, q ? 0x7e : 0x6f, xmm, base, off);
}

static void x64_sse_store(TCGContext *s, bool q, int xmm, int base, intptr_t off)
{
    if (q) {
        x64_sse_op_mem(s, 1, 0xd6, xmm, base, off);
    } else {
        x64_sse_op_mem(s, 2, 0x7f, xmm, base, off);
    }
}

/* ---- the cache ---- */

void x64_sse_cache_reset(TCGContext *s)
{
    intptr_t mx = 0;
    for (int k = 0; k < X64_SSE_NB_CACHE; k++) {
        x64_sse.slot[k].valid = x64_sse.slot[k].dirty = false;
    }
    /* User mode, the block's guest names its MXCSR (tcg.h): the previous
     * block may have left it in the host (a chained goto_tb keeps it). */
    for (int i = 0; i < s->nb_ops && s->ops[i].opc != INDEX_op_insn_start; i++) {
        const TCGOp *op = &s->ops[i];
        if (op->opc == INDEX_op_sse && op->args[1] == TCG_SSE_MXCSR_ONLY) {
            mx = (intptr_t)op->args[4];
        }
    }
    x64_sse.cross_blocks = mx && !softmmu_enabled;
    x64_sse.mx_off = mx;
    x64_sse.mx = x64_sse.cross_blocks ? X64_MX_FLAG : X64_MX_ENV;
    x64_sse.mx_dirty = false;
    x64_sse.mx_branches = 0;
    x64_sse.exit_mx = 0;
}

static void x64_sse_write_back(TCGContext *s, int k)
{
    X64SseSlot *e = &x64_sse.slot[k];
    if (e->valid && e->dirty) {
        x64_sse_store(s, false, k, X64_REG_ENV, e->off);
        e->dirty = false;
    }
}

static void x64_sse_stmxcsr(TCGContext *s)
{
    x64_sse_op_mem(s, 0, 0xae, 3, X64_REG_ENV, x64_sse.mx_off);
}

/* The env flag word after the MXCSR (tcg.h): whether the host holds it. */
static void x64_sse_mx_set_in_host(TCGContext *s, int v)
{
    x64_out_store_imm_memop(s, MO_32, v, X64_REG_ENV, -1, x64_sse.mx_off + 4);
}

/* cmp dword [flag], 0; j(n)e over what follows: returns the rel8 to
 * patch with x64_sse_mx_skip_end. */
static uint8_t *x64_sse_mx_skip_if(TCGContext *s, bool in_host)
{
    x64_out_modrm_mem(s, 0x83, ARITH_CMP, X64_REG_ENV, -1, x64_sse.mx_off + 4);
    x64_out8(s, 0);
    x64_out8(s, in_host ? 0x75 : 0x74);
    x64_out8(s, 0);
    return s->code_ptr - 1;
}

static void x64_sse_mx_skip_end(TCGContext *s, uint8_t *rel)
{
    *rel = (uint8_t)(s->code_ptr - (rel + 1));
}

/* Env's MXCSR made complete (the host keeps holding it). */
static void x64_sse_mx_write_back(TCGContext *s)
{
    if (x64_sse.mx == X64_MX_HOST && x64_sse.mx_dirty) {
        x64_sse_stmxcsr(s);
        x64_sse.mx_dirty = false;
    } else if (x64_sse.mx == X64_MX_FLAG) {
        uint8_t *rel = x64_sse_mx_skip_if(s, false);
        x64_sse_stmxcsr(s);
        x64_sse_mx_skip_end(s, rel);
    }
}

/* If the flag says the host holds the MXCSR: env's made complete and the
 * flag cleared (run-time test: the code does not know). */
static void x64_sse_mx_release_if_in_host(TCGContext *s)
{
    uint8_t *rel = x64_sse_mx_skip_if(s, false);
    x64_sse_stmxcsr(s);
    x64_sse_mx_set_in_host(s, 0);
    x64_sse_mx_skip_end(s, rel);
}

void x64_sse_out_mx_release(TCGContext *s, intptr_t mx)
{
    /* mx is what x64_sse_take_exit_mx gave for this very exit_tb. */
    assert(mx == x64_sse.mx_off);
    x64_sse_mx_release_if_in_host(s);
}

intptr_t x64_sse_take_exit_mx(void)
{
    intptr_t mx = x64_sse.exit_mx;
    x64_sse.exit_mx = 0;
    return mx;
}

/* The host MXCSR stops holding the guest's (C code, an exit): env's made
 * complete and the flag cleared. */
static void x64_sse_mx_forget(TCGContext *s)
{
    if (x64_sse.mx == X64_MX_HOST) {
        if (x64_sse.mx_dirty) {
            x64_sse_stmxcsr(s);
        }
        x64_sse_mx_set_in_host(s, 0);
    } else if (x64_sse.mx == X64_MX_FLAG) {
        x64_sse_mx_release_if_in_host(s);
    }
    x64_sse.mx = X64_MX_ENV;
    x64_sse.mx_dirty = false;
}

/* The host MXCSR made the guest's at env + mx, for an FP instruction. */
static void x64_sse_mx_load(TCGContext *s, intptr_t mx)
{
    if (x64_sse.mx != X64_MX_ENV && x64_sse.mx_off != mx) {
        x64_sse_mx_forget(s);
    }
    x64_sse.mx_off = mx;
    if (x64_sse.mx == X64_MX_ENV) {
        x64_sse_op_mem(s, 0, 0xae, 2, X64_REG_ENV, mx);                /* ldmxcsr */
        x64_sse_mx_set_in_host(s, 1);
    } else if (x64_sse.mx == X64_MX_FLAG) {
        uint8_t *rel = x64_sse_mx_skip_if(s, true);
        x64_sse_op_mem(s, 0, 0xae, 2, X64_REG_ENV, mx);                /* ldmxcsr */
        x64_sse_mx_set_in_host(s, 1);
        x64_sse_mx_skip_end(s, rel);
        x64_sse.mx_dirty = true;        /* as far as we know */
    }
    x64_sse.mx = X64_MX_HOST;
}

/* A branch to l: the MXCSR state there. A backward branch (l bound:
 * its code assumed what it found) goes with env canonical. */
static void x64_sse_mx_branch(TCGContext *s, TCGLabel *l)
{
    if (l->has_value) {
        x64_sse_mx_forget(s);
    }
    x64_sse.mx_branches |= (uint8_t)(1u << x64_sse.mx);
}

/* A label: the fall-through state merged with every branch so far. */
static void x64_sse_mx_label(void)
{
    uint8_t all = (uint8_t)(x64_sse.mx_branches | 1u << x64_sse.mx);
    if (all == 1u << X64_MX_ENV) {
        x64_sse.mx = X64_MX_ENV;
    } else if (all == 1u << X64_MX_HOST) {
        x64_sse.mx_dirty = true;
    } else {
        x64_sse.mx = X64_MX_FLAG;
    }
}

/* The cached XMM operands written back to env (but for scratch ones with
 * skip_scratch) and, with forget, no longer assumed in host registers;
 * the MXCSR untouched. */
static void x64_sse_slots_sync(TCGContext *s, bool forget, bool skip_scratch)
{
    for (int k = 0; k < X64_SSE_NB_CACHE; k++) {
        if (!skip_scratch || !x64_sse.slot[k].scratch) {
            x64_sse_write_back(s, k);
        }
        if (forget) {
            x64_sse.slot[k].valid = false;
        }
    }
}

/* Env made canonical, but for scratch operands and the MXCSR with
 * at_fault (before a possible fault: scratch is dead there, and the
 * MXCSR is recovered from the host's); with forget, nothing is assumed of
 * the host XMM registers and MXCSR afterwards (C code, a merge point, a
 * block exit, where scratch is dead too). */
static void x64_sse_flush_but(TCGContext *s, bool forget, bool skip_scratch)
{
    x64_sse_slots_sync(s, forget, skip_scratch);
    if (forget) {
        x64_sse_mx_forget(s);
    } else if (!skip_scratch) {
        x64_sse_mx_write_back(s);
    }
}

/* XMM operands back to env and forgotten, MXCSR kept (a label). */
static void x64_sse_slots_forget(TCGContext *s)
{
    x64_sse_slots_sync(s, true, false);
}

static void x64_sse_flush(TCGContext *s, bool forget)
{
    x64_sse_flush_but(s, forget, false);
}

static bool x64_sse_overlaps(intptr_t a, int na, intptr_t b, int nb)
{
    return a < b + nb && b < a + na;
}

/* Before code reads env[off .. off + n) itself. */
static void x64_sse_env_read(TCGContext *s, intptr_t off, int n)
{
    for (int k = 0; k < X64_SSE_NB_CACHE; k++) {
        X64SseSlot *e = &x64_sse.slot[k];
        if (e->valid && x64_sse_overlaps(e->off, 16, off, n)) {
            x64_sse_write_back(s, k);
        }
    }
    if (x64_sse.mx != X64_MX_ENV && x64_sse_overlaps(x64_sse.mx_off, 8, off, n)) {
        x64_sse_mx_write_back(s);
    }
}

/* Before code writes env[off .. off + n) itself. */
static void x64_sse_env_write(TCGContext *s, intptr_t off, int n)
{
    for (int k = 0; k < X64_SSE_NB_CACHE; k++) {
        X64SseSlot *e = &x64_sse.slot[k];
        if (e->valid && x64_sse_overlaps(e->off, 16, off, n)) {
            x64_sse_write_back(s, k);
            e->valid = false;
        }
    }
    if (x64_sse.mx != X64_MX_ENV && x64_sse_overlaps(x64_sse.mx_off, 8, off, n)) {
        x64_sse_mx_forget(s);
    }
}

/* The host register holding env[off .. off + 16), loaded unless the op
 * overwrites it whole; pinned registers are not evicted. */
static int x64_sse_get(TCGContext *s, intptr_t off, bool load, uint32_t pinned)
{
    int victim = -1;
    for (int k = 0; k < X64_SSE_NB_CACHE; k++) {
        X64SseSlot *e = &x64_sse.slot[k];
        if (e->valid && e->off == off) {
            e->used = ++x64_sse.clock;
            return k;
        }
    }
    x64_sse_env_write(s, off, 16);      /* partial overlaps: back to env */
    for (int k = 0; k < X64_SSE_NB_CACHE; k++) {
        X64SseSlot *e = &x64_sse.slot[k];
        if (pinned & (1u << k)) {
            continue;
        }
        if (!e->valid) {
            victim = k;
            break;
        }
        if (victim < 0 || e->used < x64_sse.slot[victim].used) {
            victim = k;
        }
    }
    assert(victim >= 0);
    x64_sse_write_back(s, victim);
    X64SseSlot *e = &x64_sse.slot[victim];
    if (load) {
        x64_sse_load(s, false, victim, X64_REG_ENV, off);
    }
    e->off = off;
    e->valid = true;
    e->dirty = e->scratch = false;
    e->used = ++x64_sse.clock;
    return victim;
}

/* ---- the op ---- */

/* Forms whose destination is written whole without being read: movaps
 * (0F 28) and movq xmm, xmm/m64 (F3 0F 7E). */
static bool x64_sse_dst_write_only(uint32_t insn)
{
    int opc = insn & 0xff, map = (insn >> TCG_SSE_MAP_SHIFT) & 3;
    int pfx = (insn >> TCG_SSE_PFX_SHIFT) & 3;
    return map == 0 && ((opc == 0x28 && pfx == 0) || (opc == 0x7e && pfx == 2));
}

/* COMISS/COMISD/UCOMISS/UCOMISD (0F 2F / 0F 2E): EFLAGS out. */
static bool x64_sse_is_comi(uint32_t insn)
{
    int opc = insn & 0xff, map = (insn >> TCG_SSE_MAP_SHIFT) & 3;
    return map == 0 && (opc == 0x2e || opc == 0x2f) && !(insn & TCG_SSE_TO_GPR);
}

static void x64_sse_emit_insn(TCGContext *s, uint32_t insn, int reg, int rm)
{
    int opc = insn & 0xff, map = (insn >> TCG_SSE_MAP_SHIFT) & 3;
    int pfx = (insn >> TCG_SSE_PFX_SHIFT) & 3;

    if (insn & TCG_SSE_GRP) {
        x64_sse_rr(s, pfx, map, opc, (int)(insn >> TCG_SSE_GRP_SHIFT) & 7, rm);
    } else {
        x64_sse_rr(s, pfx, map, opc, reg, rm);
    }
    if (insn & TCG_SSE_IMM) {
        x64_out8(s, (uint8_t)(insn >> TCG_SSE_IMM_SHIFT));
    }
}

/* pushfq; pop r11; and r11d, CF|PF|ZF; mov [env + off], r11d */
static void x64_sse_store_flags(TCGContext *s, intptr_t off)
{
    x64_out8(s, 0x9c);
    x64_out8(s, 0x41);
    x64_out8(s, 0x58 | (X64_TMP & 7));
    x64_out_arith_ri(s, ARITH_AND, 0, X64_TMP, 0x45);
    x64_out_modrm_mem(s, 0x89, X64_TMP, X64_REG_ENV, -1, off);
}

/* The uncached path (8-byte MMX operands, or a base other than env). */
static void x64_out_sse_direct(TCGContext *s, const TCGArg *a)
{
    int base = (int)a[0];
    uint32_t insn = (uint32_t)a[1];
    intptr_t d = (intptr_t)a[2], src = (intptr_t)a[3], mx = (intptr_t)a[4];
    bool q = insn & TCG_SSE_Q;
    int opc = insn & 0xff, map = (insn >> TCG_SSE_MAP_SHIFT) & 3;
    int pfx = (insn >> TCG_SSE_PFX_SHIFT) & 3;

    if (!(insn & TCG_SSE_TO_GPR)) {
        x64_sse_load(s, q, X64_SSE_D, base, d);
    }
    if (!(insn & (TCG_SSE_GRP | TCG_SSE_SRC_MEM))) {
        x64_sse_load(s, q, X64_SSE_S, base, src);
    }
    if (insn & TCG_SSE_MXCSR_LOAD) {
        x64_sse_op_mem(s, 0, 0xae, 2, base, mx);                /* ldmxcsr */
    }
    if (insn & TCG_SSE_SRC_MEM) {
        assert(map == 0);       /* pinsrw, cvtsi2ss/sd */
        x64_sse_op_mem(s, pfx, opc, X64_SSE_D, base, src);
        if (insn & TCG_SSE_IMM) {
            x64_out8(s, (uint8_t)(insn >> TCG_SSE_IMM_SHIFT));
        }
    } else {
        int reg = (insn & TCG_SSE_TO_GPR) ? X64_TMP : X64_SSE_D;
        x64_sse_emit_insn(s, insn, reg, (insn & TCG_SSE_GRP) ? X64_SSE_D : X64_SSE_S);
    }
    if (insn & TCG_SSE_MXCSR_STORE) {
        x64_sse_op_mem(s, 0, 0xae, 3, base, mx);                /* stmxcsr */
    }
    if (insn & TCG_SSE_TO_GPR) {
        x64_out_modrm_mem(s, 0x89, X64_TMP, base, -1, d);       /* mov [d], r11d */
    } else {
        x64_sse_store(s, q, X64_SSE_D, base, d);
    }
}

/* sse base, insn, d, s, mx, harg, helper: see TCG_SSE_* in tcg.h. */
void x64_out_sse(TCGContext *s, const TCGArg *a)
{
    uint32_t insn = (uint32_t)a[1];
    intptr_t d = (intptr_t)a[2], src = (intptr_t)a[3], mx = (intptr_t)a[4];
    bool gpr_in = insn & TCG_SSE_SRC_GPR;

    if (insn & TCG_SSE_MXCSR_ONLY) {
        if (insn & TCG_SSE_MXCSR_LOAD) {
            x64_sse_mx_load(s, mx);
        }
        if (insn & TCG_SSE_MXCSR_STORE) {
            x64_sse_mx_write_back(s);
        }
        return;
    }
    if (!gpr_in && ((int)a[0] != X64_REG_ENV || (insn & TCG_SSE_Q))) {
        int n = (insn & TCG_SSE_Q) ? 8 : 16;
        x64_sse_env_read(s, src, n);
        x64_sse_env_write(s, d, n);
        if (insn & TCG_SSE_MXCSR) {
            x64_sse_env_write(s, mx, 4);
        }
        if ((int)a[0] != X64_REG_ENV) {
            x64_sse_flush(s, true);
        }
        x64_out_sse_direct(s, a);
        return;
    }
    if (insn & TCG_SSE_MXCSR) {
        x64_sse_mx_load(s, mx);
    }

    /* The source: the input register (movq), memory, or a cached operand. */
    uint32_t pinned = 0;
    int ks = -1, kd;
    if (gpr_in) {
        x64_sse_opc(s, 1, 0, 0x6e, X64_SSE_S, (int)a[0], true);    /* movq xmm14, r64 */
        x64_out8(s, (uint8_t)(0xc0 | (X64_SSE_S & 7) << 3 | ((int)a[0] & 7)));
        ks = X64_SSE_S;
    } else if (insn & TCG_SSE_SRC_MEM) {
        x64_sse_env_read(s, src, 16);
    } else if (!(insn & TCG_SSE_GRP)) {
        ks = x64_sse_get(s, src, true, 0);
        pinned = 1u << ks;
    }

    if (insn & TCG_SSE_TO_GPR) {
        x64_sse_env_write(s, d, 4);
        x64_sse_emit_insn(s, insn, X64_TMP, ks);
        x64_out_modrm_mem(s, 0x89, X64_TMP, X64_REG_ENV, -1, d);   /* mov [d], r11d */
    } else if (x64_sse_is_comi(insn)) {
        intptr_t flags = (intptr_t)a[5];
        kd = x64_sse_get(s, d, true, pinned);
        x64_sse_env_write(s, flags, 4);
        x64_sse_emit_insn(s, insn, kd, ks);
        x64_sse_store_flags(s, flags);
    } else {
        kd = x64_sse_get(s, d, !x64_sse_dst_write_only(insn), pinned);
        if (insn & TCG_SSE_SRC_MEM) {
            assert(((insn >> TCG_SSE_MAP_SHIFT) & 3) == 0);    /* pinsrw, cvtsi2ss/sd */
            x64_sse_op_mem(s, (insn >> TCG_SSE_PFX_SHIFT) & 3, insn & 0xff, kd,
                           X64_REG_ENV, src);
            if (insn & TCG_SSE_IMM) {
                x64_out8(s, (uint8_t)(insn >> TCG_SSE_IMM_SHIFT));
            }
        } else {
            x64_sse_emit_insn(s, insn, kd, (insn & TCG_SSE_GRP) ? kd : ks);
        }
        x64_sse.slot[kd].dirty = true;
        x64_sse.slot[kd].scratch = gpr_in;
    }
    if (insn & TCG_SSE_MXCSR) {
        x64_sse.mx_dirty = true;
    }
}

/* ---- the other ops, as the cache sees them ---- */

static bool x64_sse_op_is_register_only(TCGOpcode opc)
{
    switch (opc) {
    case INDEX_op_setcond: case INDEX_op_movcond:
    case INDEX_op_add: case INDEX_op_sub: case INDEX_op_mul: case INDEX_op_neg:
    case INDEX_op_lea:
    case INDEX_op_mulu2: case INDEX_op_muls2: case INDEX_op_add2: case INDEX_op_sub2:
    case INDEX_op_and: case INDEX_op_or: case INDEX_op_xor: case INDEX_op_andc:
    case INDEX_op_orc: case INDEX_op_eqv: case INDEX_op_nand: case INDEX_op_nor:
    case INDEX_op_not: case INDEX_op_shl: case INDEX_op_shr: case INDEX_op_sar:
    case INDEX_op_rotl: case INDEX_op_rotr:
    case INDEX_op_ext8s: case INDEX_op_ext8u: case INDEX_op_ext16s: case INDEX_op_ext16u:
    case INDEX_op_ext32s: case INDEX_op_ext32u: case INDEX_op_ext_i32_i64:
    case INDEX_op_extu_i32_i64: case INDEX_op_extrl_i64_i32: case INDEX_op_extrh_i64_i32:
    case INDEX_op_deposit: case INDEX_op_extract: case INDEX_op_sextract:
    case INDEX_op_bswap16: case INDEX_op_bswap32: case INDEX_op_bswap64:
    case INDEX_op_clz: case INDEX_op_ctz: case INDEX_op_ctpop:
        return true;
    default:
        return false;
    }
}

/* Before op (any but sse): what it may do to env, the host XMM registers
 * and MXCSR, or to the path the code takes. */
static void x64_sse_before_op(TCGContext *s, const TCGOp *op, const TCGArg *a)
{
    TCGOpcode opc = (TCGOpcode)op->opc;

    if (x64_sse_op_is_register_only(opc)) {
        return;
    }
    switch (opc) {
    case INDEX_op_ld:
        if ((int)a[1] == X64_REG_ENV) {
            x64_sse_env_read(s, (intptr_t)a[2], 1 << (a[3] & MO_SIZE));
        } else {
            /* Host tables (soft TLB, return predictor, jump cache): the
             * XMM operands written back in case; the guest MXCSR is only
             * ever read through env, and stays where it is. */
            x64_sse_slots_sync(s, false, false);
        }
        return;
    case INDEX_op_st:
        if ((int)a[1] == X64_REG_ENV) {
            x64_sse_env_write(s, (intptr_t)a[2], 1 << (a[3] & MO_SIZE));
        } else {
            x64_sse_flush(s, true);
        }
        return;
    case INDEX_op_guest_ld: case INDEX_op_guest_st:
        /* May fault: env canonical. The soft TLB's slow path calls C. */
        x64_sse_flush_but(s, softmmu_enabled, !softmmu_enabled);
        return;
    case INDEX_op_brcond:
        /* XMM operands to env (the label forgets them); the MXCSR as the
         * flag says there. */
        x64_sse_slots_sync(s, false, false);
        x64_sse_mx_branch(s, arg_label(a[3]));
        return;
    case INDEX_op_br:
        x64_sse_slots_forget(s);
        x64_sse_mx_branch(s, arg_label(a[0]));
        return;
    case INDEX_op_goto_tb:
        /* Chained: the next block starts in X64_MX_FLAG (user mode); the
         * exit_tb after this op forgets it on the way to the main loop. */
        x64_sse_slots_sync(s, true, true);
        if (!x64_sse.cross_blocks) {
            x64_sse_mx_forget(s);
        }
        return;
    case INDEX_op_exit_tb:
        /* To the main loop: XMM operands to env here; the MXCSR, if the
         * host may hold it, by the exit code the block's exits share
         * (x64_out_exit_tb: the flag test covers every state). */
        if (a[0] != 0 && x64_sse.mx != X64_MX_ENV) {
            x64_sse_slots_sync(s, true, true);
            x64_sse.exit_mx = x64_sse.mx_off;
            x64_sse.mx = X64_MX_ENV;
            x64_sse.mx_dirty = false;
            return;
        }
        x64_sse_flush_but(s, true, true);
        return;
    case INDEX_op_goto_ptr:
        x64_sse_flush_but(s, true, true);
        return;
    case INDEX_op_x87:
        /* No XMM or MXCSR effect; may fault (a store probe). */
        x64_sse_slots_forget(s);
        return;
    case INDEX_op_x87_guest:
        /* A guest access of the live host x87 (user mode: a fault
         * recovers the MXCSR from the host's, as at guest_ld/st); the
         * soft TLB's slow path calls C. */
        if (softmmu_enabled) {
            x64_sse_flush(s, true);
        } else {
            x64_sse_slots_forget(s);
        }
        return;
    default:
        x64_sse_flush(s, true);     /* exits, x87, host FP, anything else */
        return;
    }
}

void x64_sse_out_op(TCGContext *s, const TCGOp *op, const TCGArg *args,
                    const bool *const_args)
{
    if (op->opc != INDEX_op_sse) {
        x64_sse_before_op(s, op, args);
    }
    x64_out_op(s, op, args, const_args);
}

void x64_sse_out_call(TCGContext *s, const TCGHelperInfo *info)
{
    x64_sse_flush(s, true);
    x64_out_call(s, info);
}

void x64_sse_bind_label(TCGContext *s, TCGLabel *l)
{
    x64_sse_slots_forget(s);
    x64_sse_mx_label();
    x64_bind_label(s, l);
}
