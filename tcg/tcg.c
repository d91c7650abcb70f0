/*
 * The IR core: the op table, the translation context, temps, constants,
 * labels, op emission and the dump used by -d op. tcg_gen_code runs the
 * pipeline (optimizer, then the selected backend) for one block.
 */
#include <glib.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "tcg/tcg-internal.h"
#include "tcg/tcg-op.h"
#include "exec/tb.h"
#include "util/log.h"

const TCGOpDef tcg_op_defs[NB_OPS] = {
#define DEF(nm, oa, ia, ca, fl) \
    [INDEX_op_##nm] = { .name = #nm, .nb_oargs = oa, .nb_iargs = ia, .nb_cargs = ca, .flags = fl },
#include "tcg/tcg-opc.h"
#undef DEF
};

static TCGContext tcg_init_ctx;
TCGContext *tcg_ctx;
uintptr_t guest_base;

/* Room kept free past the high-water mark: no block's code is larger. */
#define TCG_HIGHWATER_GAP (128 * 1024)
#define TCG_POOL_CHUNK (64 * 1024)

typedef struct TCGPoolChunk {
    struct TCGPoolChunk *next;
    size_t size;
    max_align_t data[];
} TCGPoolChunk;

/*
 * Interned constants of the current block, per type: an open-addressed
 * table (linear probing) at most half full, since a block has at most
 * TCG_MAX_TEMPS temps. The slots in use are listed so that emptying the
 * table for the next block costs what the last block used.
 */
#define TCG_CONST_SLOTS (2 * TCG_MAX_TEMPS)
static TCGTemp *tcg_const_slot[2][TCG_CONST_SLOTS];
static uint16_t tcg_const_used[2][TCG_MAX_TEMPS];
static int tcg_const_nb_used[2];
_Static_assert(TCG_CONST_SLOTS == 1 << 13, "tcg_constant_internal hashes to 13 bits");

static void tcg_const_table_clear(void)
{
    for (int ty = 0; ty < 2; ty++) {
        for (int i = 0; i < tcg_const_nb_used[ty]; i++) {
            tcg_const_slot[ty][tcg_const_used[ty][i]] = NULL;
        }
        tcg_const_nb_used[ty] = 0;
    }
}

void tcg_context_init(const TCGBackend *backend, size_t code_buffer_size)
{
    TCGContext *s = &tcg_init_ctx;

    memset(s, 0, sizeof(*s));
    tcg_ctx = s;
    s->backend = backend;
    s->optimize = true;
    s->ops_cap = 1024;
    s->ops = g_new0(TCGOp, s->ops_cap);
    tcg_const_table_clear();

    TCGTemp *env = &s->temps[s->nb_temps++];
    env->type = TCG_TYPE_I64;
    env->kind = TEMP_FIXED;
    env->name = "env";
    s->env = env;
    s->nb_globals = s->nb_temps;

    if (code_buffer_size < 4 * TCG_HIGHWATER_GAP) {
        code_buffer_size = 4 * TCG_HIGHWATER_GAP;
    }
    if (!tcg_code_buffer_alloc(s, code_buffer_size)) {
        fprintf(stderr, "mimic: cannot allocate a %zu-byte code buffer\n",
                code_buffer_size);
        exit(1);
    }
    s->code_gen_buffer_size = code_buffer_size;
    s->code_ptr = s->code_gen_buffer;
    s->code_gen_highwater = s->code_gen_buffer + code_buffer_size - TCG_HIGHWATER_GAP;
    backend->init(s);
    if (!s->code_gen_start) {
        s->code_gen_start = s->code_ptr;
    }
    tcg_func_start(s);
}

void *tcg_pool_alloc(TCGContext *s, size_t size)
{
    size = (size + sizeof(max_align_t) - 1) & ~(sizeof(max_align_t) - 1);
    if ((char *)s->pool_cur + size > (char *)s->pool_end) {
        size_t chunk = size > TCG_POOL_CHUNK ? size : TCG_POOL_CHUNK;
        TCGPoolChunk *c = g_malloc(sizeof(*c) + chunk);
        c->size = chunk;
        c->next = s->pool_chunks;
        s->pool_chunks = c;
        s->pool_cur = c->data;
        s->pool_end = (char *)c->data + chunk;
    }
    void *p = s->pool_cur;
    s->pool_cur = (char *)s->pool_cur + size;
    return p;
}

/*
 * Empties the pool for the next block. The memory is kept: one chunk as
 * large as everything the last block used, so that a block's passes (the
 * optimizer takes a few hundred KiB) do not malloc and free each time.
 */
static void tcg_pool_reset(TCGContext *s)
{
    TCGPoolChunk *c = s->pool_chunks;
    size_t total = 0;

    if (c && !c->next) {
        s->pool_cur = c->data;
        s->pool_end = (char *)c->data + c->size;
        return;
    }
    while (c) {
        TCGPoolChunk *next = c->next;
        total += c->size;
        g_free(c);
        c = next;
    }
    s->pool_chunks = NULL;
    s->pool_cur = s->pool_end = NULL;
    if (total) {
        c = g_malloc(sizeof(*c) + total);
        c->size = total;
        c->next = NULL;
        s->pool_chunks = c;
        s->pool_cur = c->data;
        s->pool_end = (char *)c->data + total;
    }
}

bool tcg_op_supported(TCGOpcode opc)
{
    const TCGBackend *b = tcg_ctx->backend;
    return !b->has_op || b->has_op(opc);
}

void tcg_func_start(TCGContext *s)
{
    tcg_pool_reset(s);
    s->nb_temps = s->nb_globals;
    memset(s->free_temps, 0, sizeof(s->free_temps));
    s->nb_ops = 0;
    s->nb_labels = 0;
    s->labels = NULL;
    s->labels_cap = 0;
    s->gen_nb_insns = 0;
    tcg_fault_regs_reset(s);
    s->block_cold = false;
    tcg_const_table_clear();
}

static TCGTemp *tcg_temp_alloc(TCGContext *s)
{
    if (s->nb_temps >= TCG_MAX_TEMPS) {
        fprintf(stderr, "mimic: internal error: more than %d IR temps in one block\n",
                TCG_MAX_TEMPS);
        abort();
    }
    TCGTemp *t = &s->temps[s->nb_temps++];
    memset(t, 0, sizeof(*t));
    return t;
}

TCGTemp *tcg_global_mem_new(TCGType type, TCGTemp *base, intptr_t offset,
                            const char *name)
{
    TCGContext *s = tcg_ctx;
    /* Globals are created before any block and never reset. */
    g_assert(s->nb_temps == s->nb_globals);
    TCGTemp *t = tcg_temp_alloc(s);
    t->type = type;
    t->kind = TEMP_GLOBAL;
    t->mem_base = base;
    t->mem_offset = offset;
    t->mem_allocated = true;
    t->name = name;
    s->nb_globals = s->nb_temps;
    return t;
}

TCGTemp *tcg_temp_new_internal(TCGType type, TCGTempKind kind)
{
    TCGContext *s = tcg_ctx;
    TCGTemp **head = &s->free_temps[type][kind == TEMP_TB];
    TCGTemp *t = *head;
    if (t) {
        *head = t->next_free;
        t->free = false;
        t->next_free = NULL;
        return t;
    }
    t = tcg_temp_alloc(s);
    t->type = type;
    t->kind = kind;
    return t;
}

void tcg_temp_free_internal(TCGTemp *t)
{
    if ((t->kind == TEMP_EBB || t->kind == TEMP_TB) && !t->free) {
        TCGTemp **head = &tcg_ctx->free_temps[t->type][t->kind == TEMP_TB];
        t->free = true;
        t->next_free = *head;
        *head = t;
    }
}

TCGTemp *tcg_constant_internal(TCGType type, int64_t val)
{
    if (type == TCG_TYPE_I32) {
        val = (uint32_t)val;
    }
    TCGTemp **slots = tcg_const_slot[type];
    unsigned h = (unsigned)(((uint64_t)val * 0x9e3779b97f4a7c15ull) >> 51);
    TCGTemp *t;

    while ((t = slots[h]) != NULL) {
        if (t->val == val) {
            return t;
        }
        h = (h + 1) & (TCG_CONST_SLOTS - 1);
    }
    t = tcg_temp_alloc(tcg_ctx);
    t->type = type;
    t->kind = TEMP_CONST;
    t->val = val;
    slots[h] = t;
    tcg_const_used[type][tcg_const_nb_used[type]++] = (uint16_t)h;
    return t;
}

TCGLabel *gen_new_label(void)
{
    TCGContext *s = tcg_ctx;
    TCGLabel *l = tcg_pool_alloc(s, sizeof(*l));
    memset(l, 0, sizeof(*l));
    l->id = s->nb_labels++;
    return l;
}

static TCGOp *tcg_op_slot(TCGContext *s, int idx)
{
    if (s->nb_ops == s->ops_cap) {
        s->ops_cap *= 2;
        s->ops = g_renew(TCGOp, s->ops, s->ops_cap);
    }
    if (idx < s->nb_ops) {
        memmove(&s->ops[idx + 1], &s->ops[idx], (s->nb_ops - idx) * sizeof(TCGOp));
    }
    s->nb_ops++;
    /* Only the header: every user of an op reads no more args than were
     * filled in (a memset of the 112 bytes was a `rep stos`, 4% of the
     * translation time of a short-lived program). */
    TCGOp *op = &s->ops[idx];
    op->opc = 0;
    op->type = 0;
    op->nb_oargs = op->nb_iargs = op->nb_cargs = 0;
    op->life = 0;
    return op;
}

static void tcg_op_fill(TCGOp *op, TCGOpcode opc, TCGType type, int nargs,
                        const TCGArg *args)
{
    const TCGOpDef *def = &tcg_op_defs[opc];
    op->opc = opc;
    op->type = type;
    op->nb_oargs = def->nb_oargs;
    op->nb_iargs = def->nb_iargs;
    op->nb_cargs = def->nb_cargs;
    g_assert(opc == INDEX_op_call ||
             nargs == def->nb_oargs + def->nb_iargs + def->nb_cargs);
    for (int i = 0; i < nargs; i++) {   /* a few args: no `rep movs` */
        op->args[i] = args[i];
    }
    if (opc == INDEX_op_set_label) {
        arg_label(args[0])->present = true;
    } else if (opc == INDEX_op_br) {
        arg_label(args[0])->refs++;
    } else if (opc == INDEX_op_brcond) {
        arg_label(args[3])->refs++;
    }
}

TCGOp *tcg_emit_op(TCGOpcode opc, TCGType type, int nargs, const TCGArg *args)
{
    TCGContext *s = tcg_ctx;
    TCGOp *op = tcg_op_slot(s, s->nb_ops);
    tcg_op_fill(op, opc, type, nargs, args);
    return op;
}

TCGOp *tcg_op_insert_before(TCGContext *s, int before, TCGOpcode opc,
                            TCGType type, int nargs, const TCGArg *args)
{
    TCGOp *op = tcg_op_slot(s, before);
    tcg_op_fill(op, opc, type, nargs, args);
    return op;
}

void tcg_op_remove(TCGContext *s, TCGOp *op)
{
    if (op->opc == INDEX_op_br) {
        arg_label(op->args[0])->refs--;
    } else if (op->opc == INDEX_op_brcond) {
        arg_label(op->args[3])->refs--;
    }
    op->opc = INDEX_op_nop;
    op->nb_oargs = op->nb_iargs = op->nb_cargs = 0;
    op->life = 0;
}

static TCGType helper_type(TCGHelperType t)
{
    return t == TCG_HT_I32 ? TCG_TYPE_I32 : TCG_TYPE_I64;
}

void tcg_gen_callN(TCGHelperInfo *info, TCGTemp *ret, TCGTemp **args)
{
    TCGContext *s = tcg_ctx;
    TCGOp *op = tcg_op_slot(s, s->nb_ops);
    int n = 0;

    g_assert(info->nargs <= TCG_MAX_HELPER_ARGS);
    g_assert((ret != NULL) == (info->ret != TCG_HT_VOID));
    op->opc = INDEX_op_call;
    op->type = ret ? ret->type : TCG_TYPE_I64;
    if (ret) {
        g_assert(ret->type == helper_type(info->ret));
        op->args[n++] = temp_arg(ret);
    }
    op->nb_oargs = n;
    for (int i = 0; i < info->nargs; i++) {
        g_assert(args[i]->type == helper_type(info->args[i]));
        op->args[n++] = temp_arg(args[i]);
    }
    op->nb_iargs = info->nargs;
    op->args[n++] = (TCGArg)info;
    op->nb_cargs = 1;
}

int tcg_gen_code(TCGContext *s, struct TranslationBlock *tb)
{
    s->stats.ops_before_opt += s->nb_ops;
    if (mimic_log_enabled(LOG_OP)) {
        mimic_log("OP:\n");
        tcg_dump_ops(s, mimic_log_file);
    }
    if (s->optimize && (!s->block_cold || s->backend->optimize_cold) &&
        !mimic_log_enabled(LOG_NOOPT)) {
        s->stats.tbs_optimized++;
        tcg_optimize(s);
        if (mimic_log_enabled(LOG_OP_OPT)) {
            mimic_log("OP after optimization:\n");
            tcg_dump_ops(s, mimic_log_file);
        }
    }
    for (int i = 0; i < s->nb_ops; i++) {
        s->stats.ops_after_opt += s->ops[i].opc != INDEX_op_nop;
    }
    s->gen_nb_insns = 0;
    tcg_code_buffer_prefault(s);
    uint8_t *start = s->code_ptr;
    tb->tc_ptr = start + s->code_rx_offset;
    int size = s->backend->gen_code(s, tb);
    if (size < 0) {
        s->code_ptr = start;
        return size;
    }
    /* Both backends leave the cursor just past the block. */
    s->code_ptr = start + size;
    tb->tc_size = size;
    s->stats.code_bytes += size;
    return size;
}

/* ---- dump ---- */

static const char *const memop_size_names[4] = { "8", "16", "32", "64" };

static void tcg_dump_temp(TCGContext *s, FILE *f, TCGTemp *t)
{
    switch (t->kind) {
    case TEMP_GLOBAL:
    case TEMP_FIXED:
        fputs(t->name, f);
        break;
    case TEMP_CONST:
        if (t->type == TCG_TYPE_I32) {
            fprintf(f, "$0x%" PRIx32, (uint32_t)t->val);
        } else {
            fprintf(f, "$0x%" PRIx64, (uint64_t)t->val);
        }
        break;
    case TEMP_TB:
        fprintf(f, "loc%d", temp_idx(t) - s->nb_globals);
        break;
    case TEMP_EBB:
        fprintf(f, "tmp%d", temp_idx(t) - s->nb_globals);
        break;
    }
}

static void tcg_dump_memop(FILE *f, TCGArg mo)
{
    fprintf(f, "%s%s%s%s", (mo & MO_SIGN) ? "s" : "u", memop_size_names[mo & MO_SIZE],
            (mo & MO_BSWAP) ? "_be" : "", (mo & MO_RMW) ? "_rmw" : "");
}

void tcg_dump_op(TCGContext *s, FILE *f, const TCGOp *op)
{
    const TCGOpDef *def = &tcg_op_defs[op->opc];
    int nout = op->nb_oargs, nin = op->nb_iargs;
    const TCGArg *cargs = &op->args[nout + nin];
    bool first = true;

    if (op->opc == INDEX_op_insn_start) {
        fprintf(f, " ---- 0x%" PRIx64 " 0x%" PRIx64 "\n", (uint64_t)op->args[0],
                (uint64_t)op->args[1]);
        return;
    }
    if (op->opc == INDEX_op_set_label) {
        fprintf(f, "L%d:\n", arg_label(op->args[0])->id);
        return;
    }
    if (op->opc == INDEX_op_call) {
        TCGHelperInfo *info = (TCGHelperInfo *)cargs[0];
        fprintf(f, " call %s,$0x%x", info->name, info->flags);
        first = false;
    } else if (op->opc == INDEX_op_nop || op->opc == INDEX_op_br ||
               op->opc == INDEX_op_mb || op->opc == INDEX_op_exit_tb ||
               op->opc == INDEX_op_goto_tb || op->opc == INDEX_op_goto_ptr) {
        fprintf(f, " %s ", def->name);
    } else {
        fprintf(f, " %s_%s ", def->name, op->type == TCG_TYPE_I32 ? "i32" : "i64");
    }
    for (int i = 0; i < nout + nin; i++) {
        if (!first) {
            fputc(',', f);
        }
        first = false;
        tcg_dump_temp(s, f, arg_temp(op->args[i]));
    }
    if (op->opc == INDEX_op_call) {
        fputc('\n', f);
        return;
    }
    for (int i = 0; i < op->nb_cargs; i++) {
        if (!first) {
            fputc(',', f);
        }
        first = false;
        TCGArg c = cargs[i];
        switch (op->opc) {
        case INDEX_op_setcond:
        case INDEX_op_movcond:
            fputs(tcg_cond_names[c & 15], f);
            break;
        case INDEX_op_brcond:
            if (i == 0) {
                fputs(tcg_cond_names[c & 15], f);
            } else {
                fprintf(f, "$L%d", arg_label(c)->id);
            }
            break;
        case INDEX_op_br:
            fprintf(f, "$L%d", arg_label(c)->id);
            break;
        case INDEX_op_ld:
        case INDEX_op_st:
            if (i == 0) {
                fprintf(f, "$0x%" PRIxPTR, c);
            } else {
                tcg_dump_memop(f, c);
            }
            break;
        case INDEX_op_guest_ld:
        case INDEX_op_guest_st:
            if (i == 0) {
                tcg_dump_memop(f, c);
            } else {
                fprintf(f, "mmu%d", (int)c);
            }
            break;
        default:
            fprintf(f, "$0x%" PRIxPTR, c);
            break;
        }
    }
    fputc('\n', f);
}

void tcg_dump_ops(TCGContext *s, FILE *f)
{
    for (int i = 0; i < s->nb_ops; i++) {
        if (s->ops[i].opc != INDEX_op_nop) {
            tcg_dump_op(s, f, &s->ops[i]);
        }
    }
}
