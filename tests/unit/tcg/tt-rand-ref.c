/*
 * The random test's reference side: its helpers, the state in and out of a
 * run, and the C evaluator of a program (values from tcg_fold_op, memory
 * by hand, branches with tcg_cond_eval).
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "tt-rand.h"

const uint32_t tt_rand_guest_win[2] = { 0, 0xfffff000u };

/* ---- helpers ---- */

static uint64_t rh_pure64(uint64_t a, uint64_t b) { return a * 0x9e3779b97f4a7c15ull ^ (b >> 3) ^ b << 7; }
static uint32_t rh_pure32(uint32_t a, uint64_t b) { return a * 2654435761u + (uint32_t)(b >> 29); }
static uint64_t rh_reads(void *p, uint32_t k)
{
    TTEnv *e = p;
    uint64_t h = k;
    for (int i = 0; i < NG; i++) {
        h = h * 31 + e->g64[i];
        h = h * 31 + e->g32[2 * i];
    }
    return h;
}
static void rh_writes(void *p, uint64_t v)
{
    TTEnv *e = p;
    e->g64[v % NG] ^= v * 0x2545f4914f6cdd1dull;
    e->g32[2 * ((v >> 8) % NG)] += (uint32_t)v;
}
static uint64_t rh_side(void *p, uint64_t v)
{
    TTEnv *e = p;
    e->mem[v & (TT_MEM_SIZE - 1)] ^= 0x5a;
    return v + 1;
}

/* May raise (it does not): reads globals, has side effects. */
static uint64_t rh_mayraise(void *p, uint64_t v)
{
    TTEnv *e = p;
    e->mem[(v >> 3) & (TT_MEM_SIZE - 1)] += 1;
    return rh_reads(p, (uint32_t)v) ^ v;
}

TCGHelperInfo tt_rand_helpers[] = {
    TCG_HELPER(rh_pure64, TCG_CALL_PURE, TCG_HT_I64, TCG_HT_I64, TCG_HT_I64),
    TCG_HELPER(rh_pure32, TCG_CALL_PURE, TCG_HT_I32, TCG_HT_I32, TCG_HT_I64),
    TCG_HELPER(rh_reads, TCG_CALL_READS_GLOBALS, TCG_HT_I64, TCG_HT_PTR, TCG_HT_I32),
    TCG_HELPER(rh_writes, TCG_CALL_WRITES_GLOBALS, TCG_HT_VOID, TCG_HT_PTR, TCG_HT_I64),
    TCG_HELPER(rh_side, TCG_CALL_SIDE_EFFECTS, TCG_HT_I64, TCG_HT_PTR, TCG_HT_I64),
    TCG_HELPER(rh_mayraise, TCG_CALL_MAY_RAISE, TCG_HT_I64, TCG_HT_PTR, TCG_HT_I64),
};

uint64_t tt_rand_call_helper(int h, void *env, const uint64_t *a)
{
    switch (h) {
    case 0: return rh_pure64(a[0], a[1]);
    case 1: return rh_pure32(a[0], a[1]);
    case 2: return rh_reads(env, a[1]);
    case 3: rh_writes(env, a[1]); return 0;
    case 4: return rh_side(env, a[1]);
    default: return rh_mayraise(env, a[1]);
    }
}


/* ---- state ---- */


static uint64_t fnv(uint64_t h, const uint8_t *p, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        h = (h ^ p[i]) * 0x100000001b3ull;
    }
    return h;
}

void tt_rand_load_state(const TTRandProg *p, TTEnv *env, uint8_t *const guest[2])
{
    for (int i = 0; i < NG; i++) {
        env->g64[i] = p->g64[i];
        env->g32[2 * i] = p->g32[i];
    }
    memcpy(env->mem, p->mem, TT_MEM_SIZE);
    for (int w = 0; w < 2; w++) {
        memcpy(guest[w], p->guest[w], 0x600);
    }
}

bool tt_rand_verbose;

/* With MIMIC_RANDOM_SEED: prints the bytes of env.mem and guest memory
 * that the run changed. */
void tt_rand_print_changed(const char *who, const TTRandProg *p, const TTEnv *env,
                          uint8_t *const guest[2])
{
    printf("  %s changed:", who);
    for (int i = 0; i < TT_MEM_SIZE; i++) {
        if (env->mem[i] != p->mem[i]) {
            printf(" mem[%#x]=%02x", i, env->mem[i]);
        }
    }
    for (int w = 0; w < 2; w++) {
        for (int i = 0; i < 0x600; i++) {
            if (guest[w][i] != p->guest[w][i]) {
                printf(" g[%#x]=%02x", tt_rand_guest_win[w] + i, guest[w][i]);
            }
        }
    }
    printf("\n");
}

void tt_rand_save_state(TTRandResult *r, const TTEnv *env, uint8_t *const guest[2])
{
    for (int i = 0; i < NG; i++) {
        r->g64[i] = env->g64[i];
        r->g32[i] = env->g32[2 * i];
    }
    r->mem_hash = fnv(0xcbf29ce484222325ull, env->mem, TT_MEM_SIZE);
    r->guest_hash = fnv(fnv(0xcbf29ce484222325ull, guest[0], 0x600), guest[1], 0x600);
}

/* ---- the reference evaluator ---- */

static uint64_t ref_mem_load(const uint8_t *m, int mo, TCGType t)
{
    int size = 1 << (mo & MO_SIZE);
    uint64_t v = 0;
    for (int i = 0; i < size; i++) {
        int k = mo & MO_BSWAP ? size - 1 - i : i;
        v |= (uint64_t)m[k] << (8 * i);
    }
    if ((mo & MO_SIGN) && size < 8) {
        int sh = 64 - 8 * size;
        v = (uint64_t)((int64_t)(v << sh) >> sh);
    }
    return tt_mask(t, v);
}

static void ref_mem_store(uint8_t *m, int mo, uint64_t v)
{
    int size = 1 << (mo & MO_SIZE);
    for (int i = 0; i < size; i++) {
        int k = mo & MO_BSWAP ? size - 1 - i : i;
        m[k] = (uint8_t)(v >> (8 * i));
    }
}

/* Where size bytes at guest address addr are in the windows, or NULL. */
static uint8_t *ref_guest_ptr(uint8_t *const guest[2], uint32_t addr, uint32_t size)
{
    for (int w = 0; w < 2; w++) {
        if (addr - tt_rand_guest_win[w] <= 0x600 - size) {
            return guest[w] + (addr - tt_rand_guest_win[w]);
        }
    }
    return NULL;
}

/* Runs p on the reference; returns false if tcg_fold_op had no value for
 * some op (the block is then compared between backends only). */
bool tt_rand_ref_run(const TTRandProg *p, TTRandResult *r, char *why, size_t nwhy)
{
    static TTEnv env;
    static uint8_t gbuf[2][0x600];
    uint8_t *guest[2] = { gbuf[0], gbuf[1] };
    uint64_t v[RS_NB] = { 0 };
    int label_at[MAX_LABELS];
    bool exited = false;
    memset(&env, 0, sizeof(env));
    tt_rand_load_state(p, &env, guest);
    memset(r, 0, sizeof(*r));
    for (int k = 0; k < p->n; k++) {
        if (p->ops[k].kind == RK_LABEL) {
            label_at[p->ops[k].label] = k;
        }
    }
    /* Globals live in env; temps in v[]. */
    #define GET(s) ((s) < RS_G32 ? env.g64[(s)] : (s) < RS_T64 ? env.g32[2 * ((s) - RS_G32)] : v[(s)])
    for (int k = 0; k < p->n; k++) {
        const TTRandOp *o = &p->ops[k];
        uint64_t in[4] = { 0 }, out[2] = { 0 };
        TCGType it = o->type;
        if (o->kind == RK_OP) {
            if (o->opc == INDEX_op_ext_i32_i64 || o->opc == INDEX_op_extu_i32_i64) {
                it = TCG_TYPE_I32;
            } else if (o->opc == INDEX_op_extrl_i64_i32 || o->opc == INDEX_op_extrh_i64_i32) {
                it = TCG_TYPE_I64;
            }
        }
        for (int i = 0; i < 4; i++) {
            TCGType ti = it;
            if (o->kind == RK_CALL) {
                ti = tt_rand_helpers[o->helper].args[i] == TCG_HT_I32 ? TCG_TYPE_I32 : TCG_TYPE_I64;
            }
            if (o->cmask & (1 << i)) {
                in[i] = tt_mask(ti, o->cval[i]);
            } else if (o->in[i] >= 0) {
                in[i] = tt_mask(ti, GET(o->in[i]));
            }
        }
        int nout = 0;
        switch (o->kind) {
        case RK_OP:
            nout = tcg_op_defs[o->opc].nb_oargs;
            if (!tcg_fold_op(o->opc, o->type, in, o->carg, out)) {
                if (o->opc != INDEX_op_mov) {
                    snprintf(why, nwhy, "tcg_fold_op gave no value for %s",
                             tcg_op_defs[o->opc].name);
                    return false;
                }
                out[0] = in[0];
            }
            break;
        case RK_BRCOND:
            if (tcg_cond_eval(o->carg[0], o->type, in[0], in[1])) {
                k = label_at[o->label];
            }
            continue;
        case RK_BR:
            k = label_at[o->label];
            continue;
        case RK_LABEL:
        case RK_MB:
        case RK_DISCARD:
            continue;
        case RK_EXIT:
            r->exitval = o->off;
            exited = true;
            k = p->n;
            continue;
        case RK_LD:
            out[0] = ref_mem_load(env.mem + o->off, o->opc, o->type);
            nout = 1;
            break;
        case RK_ST:
            ref_mem_store(env.mem + o->off, o->opc, in[0]);
            continue;
        case RK_GLD:
            if (o->in[1] != RS_ADDR) {
                /* One byte anywhere: the windows' bytes, zero elsewhere. */
                uint32_t a = (uint32_t)GET(o->in[1]);
                uint8_t *m = ref_guest_ptr(guest, a, 1);
                uint8_t b = m ? *m : 0;
                out[0] = ref_mem_load(&b, o->opc, o->type);
                nout = 1;
                break;
            }
            /* fall through */
        case RK_GST: {
            uint8_t *m = ref_guest_ptr(guest, (uint32_t)v[RS_ADDR], 8);
            if (!m) {
                snprintf(why, nwhy, "generator bug: guest address %#x", (uint32_t)v[RS_ADDR]);
                return false;
            }
            if (o->kind == RK_GST) {
                ref_mem_store(m, o->opc, in[0]);
                continue;
            }
            out[0] = ref_mem_load(m, o->opc, o->type);
            nout = 1;
            break;
        }
        case RK_CALL:
            out[0] = tt_rand_call_helper(o->helper, &env, in);
            nout = o->out[0] >= 0;
            break;
        }
        for (int j = 0; j < nout; j++) {
            int s = o->out[j];
            uint64_t val = tt_mask(slot_type(s), out[j]);
            if (s < RS_G32) {
                env.g64[s] = val;
            } else if (s < RS_T64) {
                env.g32[2 * (s - RS_G32)] = (uint32_t)val;
            } else {
                v[s] = val;
            }
        }
    }
    #undef GET
    if (!exited && p->end_slot >= 0) {
        r->exitval = (uintptr_t)tt_current_tb() | p->end_slot;
    }
    tt_rand_save_state(r, &env, guest);
    if (tt_rand_verbose) {
        tt_rand_print_changed("reference", p, &env, guest);
    }
    r->status = 1;
    return true;
}

