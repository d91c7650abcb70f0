/*
 * The IR: values (temps), ops, labels, helper descriptions and the
 * translation context that front ends fill and backends consume.
 * Front ends use the generator API in tcg-op.h; this header is the data.
 * The meaning of every op is written in docs/tcg.md.
 */
#ifndef TCG_TCG_H
#define TCG_TCG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

typedef uintptr_t TCGArg;
struct TranslationBlock;

/* Words recorded per guest instruction by insn_start (pc + one extra). */
#define TCG_INSN_START_WORDS 2
#define TCG_MAX_OP_ARGS 12
#define TCG_MAX_HELPER_ARGS 7
#define TCG_MAX_TEMPS 4096
/* Front ends use at most this many new temps for one guest instruction. */
#define TCG_TEMPS_PER_INSN_MAX 512
#define TCG_MAX_INSNS 512

typedef enum TCGType {
    TCG_TYPE_I32 = 0,
    TCG_TYPE_I64 = 1,
} TCGType;

/* Op flags (third column of tcg-opc.h). */
enum {
    TCG_OPF_BB_END = 0x01,      /* ends a basic block: labels, branches, exits */
    TCG_OPF_BB_EXIT = 0x02,     /* leaves the translation block */
    TCG_OPF_COND_BRANCH = 0x04, /* conditional branch, falls through */
    TCG_OPF_CALL = 0x08,        /* helper call; counts are in the op */
    TCG_OPF_SIDE_EFFECTS = 0x10,/* never removed even if outputs are dead */
    TCG_OPF_MAY_FAULT = 0x20,   /* may fault: globals are synced before it */
    TCG_OPF_NOT_PRESENT = 0x40, /* handled by generic code, not by backends */
};

typedef enum TCGOpcode {
#define DEF(name, oargs, iargs, cargs, flags) INDEX_op_##name,
#include "tcg/tcg-opc.h"
#undef DEF
    NB_OPS,
} TCGOpcode;

typedef struct TCGOpDef {
    const char *name;
    uint8_t nb_oargs, nb_iargs, nb_cargs;
    uint8_t flags;
} TCGOpDef;
extern const TCGOpDef tcg_op_defs[NB_OPS];

/* Conditions for setcond, movcond and brcond. Bit 0 inverts. */
typedef enum TCGCond {
    TCG_COND_NEVER = 0, TCG_COND_ALWAYS = 1,
    TCG_COND_EQ = 8, TCG_COND_NE = 9,
    TCG_COND_LT = 2, TCG_COND_GE = 3,   /* signed */
    TCG_COND_LE = 4, TCG_COND_GT = 5,
    TCG_COND_LTU = 10, TCG_COND_GEU = 11, /* unsigned */
    TCG_COND_LEU = 12, TCG_COND_GTU = 13,
} TCGCond;

static inline TCGCond tcg_invert_cond(TCGCond c) { return (TCGCond)(c ^ 1); }
/* The condition that holds for (b, a) when c holds for (a, b). */
TCGCond tcg_swap_cond(TCGCond c);
bool tcg_cond_is_unsigned(TCGCond c);
/* Evaluates a condition on two values of the given type. */
bool tcg_cond_eval(TCGCond c, TCGType type, uint64_t a, uint64_t b);
extern const char *const tcg_cond_names[16];

/* Memory operation descriptor, carried by ld/st/guest_ld/guest_st. */
typedef enum MemOp {
    MO_8 = 0, MO_16 = 1, MO_32 = 2, MO_64 = 3,
    MO_SIZE = 3,
    MO_SIGN = 4,
    MO_BSWAP = 8,               /* byte order opposite to the host's */
    MO_LE = 0, MO_BE = MO_BSWAP,/* the host is little-endian */
    /* guest_ld only: the load of a read-modify-write. User mode checks
     * the operand for writing as it reads (the host performs it as a
     * write access of the same bytes, in the CPU's page order), so a
     * fault is the one the guest CPU reports for the whole instruction
     * (docs/tcg.md). System mode: a plain load. */
    MO_RMW = 16,
    MO_UB = MO_8, MO_SB = MO_8 | MO_SIGN,
    MO_UW = MO_16, MO_SW = MO_16 | MO_SIGN,
    MO_UL = MO_32, MO_SL = MO_32 | MO_SIGN,
    MO_UQ = MO_64,
    MO_LEUW = MO_UW, MO_LESW = MO_SW, MO_LEUL = MO_UL, MO_LESL = MO_SL,
    MO_LEUQ = MO_UQ,
    MO_BEUW = MO_UW | MO_BE, MO_BESW = MO_SW | MO_BE,
    MO_BEUL = MO_UL | MO_BE, MO_BESL = MO_SL | MO_BE,
    MO_BEUQ = MO_UQ | MO_BE,
} MemOp;

/* Memory barrier kinds for mb. */
enum { TCG_MB_FULL = 0 };

/* What kind of storage a temp is. */
typedef enum TCGTempKind {
    TEMP_EBB,    /* block-local, undefined after the next set_label */
    TEMP_TB,     /* block-local, keeps its value across labels */
    TEMP_GLOBAL, /* lives in a field of the CPU state (mem_base + mem_offset) */
    TEMP_FIXED,  /* lives in a fixed host register for the whole run (env) */
    TEMP_CONST,  /* a constant; interned per translation block */
} TCGTempKind;

/* Where a temp's value is during register allocation. */
typedef enum TCGTempVal {
    TEMP_VAL_DEAD, TEMP_VAL_REG, TEMP_VAL_MEM, TEMP_VAL_CONST,
} TCGTempVal;

typedef struct TCGTemp {
    TCGType type;
    TCGTempKind kind;
    const char *name;           /* globals and fixed temps */
    int64_t val;                /* constants */
    /* Storage in memory: globals (base = env) and spill slots. */
    struct TCGTemp *mem_base;
    intptr_t mem_offset;
    bool mem_allocated;
    bool free;                  /* on the free list (temps only) */
    struct TCGTemp *next_free;
    /* Register allocation state (backend-independent allocator). */
    TCGTempVal val_type;
    int8_t reg;
    bool mem_coherent;
    /* Per-pass scratch, owned by whichever pass is running. */
    uintptr_t state;
    void *state_ptr;
} TCGTemp;

typedef struct TCGRelocation {
    struct TCGRelocation *next;
    uint8_t *ptr;               /* where to patch (writable view) */
    intptr_t addend;
    int type;                   /* backend-defined */
} TCGRelocation;

typedef struct TCGLabel {
    int id;
    int refs;                   /* branches that name it */
    bool present;               /* set_label emitted */
    bool has_value;
    uintptr_t value;            /* host address once emitted */
    TCGRelocation *relocs;
} TCGLabel;

/* Helper call flags: what a helper may touch. */
enum {
    TCG_CALL_PURE = 0,              /* reads and writes no globals, no side effects */
    TCG_CALL_READS_GLOBALS = 0x1,   /* globals are synced to env before the call */
    TCG_CALL_WRITES_GLOBALS = 0x3,  /* ... and reloaded from env after it */
    TCG_CALL_SIDE_EFFECTS = 0x4,    /* never removed even if the result is dead */
    TCG_CALL_MAY_RAISE = 0xd,       /* may unwind to the CPU loop (reads + side effects) */
};

typedef enum TCGHelperType {
    TCG_HT_VOID, TCG_HT_I32, TCG_HT_I64, TCG_HT_PTR,
} TCGHelperType;

/*
 * Describes one helper. The interpreter caches its libffi call interface
 * in `cif`, so these are not const.
 */
typedef struct TCGHelperInfo {
    void *func;
    const char *name;
    unsigned flags;
    TCGHelperType ret;
    uint8_t nargs;
    TCGHelperType args[TCG_MAX_HELPER_ARGS];
    void *cif;
} TCGHelperInfo;

#define TCG_HELPER(fn, fl, rt, ...)                                        \
    {                                                                      \
        .func = (void *)(fn), .name = #fn, .flags = (fl), .ret = (rt),     \
        .nargs = sizeof((TCGHelperType[]){__VA_ARGS__}) /                   \
                 sizeof(TCGHelperType),                                    \
        .args = {__VA_ARGS__},                                             \
    }

typedef struct TCGOp {
    uint8_t opc;                /* TCGOpcode */
    uint8_t type;               /* TCGType of the result (or of the inputs) */
    uint8_t nb_oargs, nb_iargs, nb_cargs;
    uint32_t life;              /* liveness result, see TCG_LIFE_* */
    TCGArg args[TCG_MAX_OP_ARGS]; /* outputs, inputs (TCGTemp *), constants */
} TCGOp;

/* op->life: bit n set = input/output arg n dies here; bit 16+n = sync arg n to memory. */
#define TCG_LIFE_DEAD(n) (1u << (n))
#define TCG_LIFE_SYNC(n) (1u << (16 + (n)))

static inline TCGTemp *arg_temp(TCGArg a) { return (TCGTemp *)a; }
static inline TCGArg temp_arg(TCGTemp *t) { return (TCGArg)t; }

/*
 * A backend turns the ops of one translation block into something
 * tcg_exec can run: host code (JIT) or bytecode (interpreter), both in the
 * code buffer, so host pc -> guest state lookup works the same for both.
 */
typedef struct TCGContext TCGContext;
#define TCG_GEN_TOO_LARGE (-2)
typedef struct TCGBackend {
    const char *name;
    /* Emits prologue/epilogue at the start of the buffer; sets
     * code_gen_prologue/epilogue. */
    void (*init)(TCGContext *s);
    /* Emits s->ops for tb at s->code_ptr. Fills tb's jump offsets and
     * s->gen_insn_end_off[]. Returns the size, or -1 if the buffer ran out,
     * or TCG_GEN_TOO_LARGE if a goto_tb lies past the 16-bit offsets of
     * tb.h (the caller translates fewer guest instructions and retries). */
    int (*gen_code)(TCGContext *s, struct TranslationBlock *tb);
    /* Runs code from tc_ptr with env; returns the exit_tb value. */
    uintptr_t (*exec)(void *env, const void *tc_ptr);
    /* Points chain jump n of tb at addr (an executable address). */
    void (*set_jmp_target)(struct TranslationBlock *tb, int n, uintptr_t addr);
    /* Writes a listing of generated code (for -d out_asm). */
    void (*disas)(FILE *f, const void *code, size_t size);
    /* Whether an optional op (fma) can be emitted; NULL: all can. */
    bool (*has_op)(TCGOpcode opc);
    /* Optimizes blocks marked cold too (TCGContext.block_cold): an
     * interpreter pays more for running unoptimized ops than for the
     * optimizer. */
    bool optimize_cold;
} TCGBackend;

extern const TCGBackend tcg_backend_x86_64;
extern const TCGBackend tcg_backend_interp;

/* Forms of INDEX_op_x87 and x87_guest (tcg-opc.h).
 * TCG_X87_EFLAGS: a register form (FCOMI) followed by `pushfq; pop qword
 * [base + (operand >> 3)]`, the r/m register in operand & 7. */
enum {
    TCG_X87_MEM = 0x10, TCG_X87_NO_MODRM = 0x20, TCG_X87_0F = 0x40,
    TCG_X87_EFLAGS = 0x100,
};

/* The insn carg of INDEX_op_sse (tcg-opc.h, docs/tcg.md): the opcode byte,
 * its map (0: 0F xx, 1: 0F 38 xx, 2: 0F 3A xx) and mandatory prefix
 * (0: none, 1: 66, 2: F3, 3: F2), the imm8 and the ModRM.reg of a group
 * form, and the form flags. */
enum {
    TCG_SSE_MAP_SHIFT = 8, TCG_SSE_PFX_SHIFT = 10, TCG_SSE_GRP_SHIFT = 12,
    TCG_SSE_IMM_SHIFT = 16,
    TCG_SSE_IMM = 1 << 24,      /* an imm8 follows */
    TCG_SSE_Q = 1 << 25,        /* 8-byte operands (movq in and out) */
    TCG_SSE_MXCSR_LOAD = 1 << 26,  /* ldmxcsr [base + mx] first */
    TCG_SSE_MXCSR_STORE = 1 << 30, /* stmxcsr [base + mx] last */
    TCG_SSE_MXCSR = TCG_SSE_MXCSR_LOAD | TCG_SSE_MXCSR_STORE,
    TCG_SSE_MXCSR_ONLY = 1 << 15,  /* no instruction, only the MXCSR parts
                                    * (JIT only; helper NULL) */
    TCG_SSE_GRP = 1 << 27,      /* group form: the destination is ModRM.rm */
    TCG_SSE_TO_GPR = 1 << 28,   /* the result is a 32-bit GPR, stored at d */
    TCG_SSE_SRC_MEM = 1 << 29,  /* the source is the memory at base + s */
};
/* JIT: while the host MXCSR holds the one at base + mx (loaded by an op
 * with TCG_SSE_MXCSR*), the 32-bit word at base + mx + 4 is 1, else 0;
 * the env copy may then lack the newest flags (a fault recovers them from
 * the host's, see target-i386 x86_sse_recover_mxcsr). */
/* A TCG_SSE_MXCSR_ONLY op with neither half, before the block's first
 * insn_start, says that the guest's MXCSR is at base + mx for the whole
 * block: the JIT then keeps it in the host across chained blocks in user
 * mode (the flag word after it saying so), and every such block starts
 * not knowing (x86-sse.c). Anywhere else it is a no-op. */
/* The source is the 64-bit value of the input (movq xmm, r64: upper
 * lanes zero), not a pointer; env is the backend's own (JIT only). */
#define TCG_SSE_SRC_GPR (1u << 31)

/*
 * Fault restore data (docs/tcg.md, "Instruction start and state restore").
 * Globals are not written back to env before a guest load or store; the
 * register allocator records instead, for each MAY_FAULT op, which host
 * register holds each global whose env copy is stale there. Per block the
 * records form a byte string (ULEB128 numbers): for each op with such
 * globals, the op's host code as [start, end) (start as the distance from
 * the previous record's end), the number of globals, and per global
 * (global index << 5) | host register. A host fault at an offset inside
 * a record's range takes those globals from the faulting context's
 * registers (tcg_fault_regs_apply); the out-of-line path of a system-mode
 * access spills them itself before calling C (tcg/x86_64/x86-softmmu.c).
 */
typedef struct TCGFaultReg {
    uint16_t global;            /* index in tcg_ctx->temps */
    int8_t reg;                 /* host register */
} TCGFaultReg;

/* Appends a record of s->fault_live for the host code [start, end) (offsets
 * from the block's start); nothing if no global is live in a register. */
void tcg_fault_regs_add(TCGContext *s, uint32_t start, uint32_t end);
/* Empties the block's records. */
void tcg_fault_regs_reset(TCGContext *s);
/* Writes into env (the CPU state, base of the globals) each global that
 * the record covering offset off names, from host_regs (indexed by host
 * register number: the faulting context). Returns how many. */
int tcg_fault_regs_apply(const uint8_t *data, uint32_t len, uint32_t off,
                         const uint64_t *host_regs, void *env);
/* The general registers of a host signal frame (a ucontext_t *) by host
 * register number, as tcg_fault_regs_apply takes them. */
#define TCG_HOST_NB_REGS 16
void tcg_host_regs_from_ucontext(const void *uc, uint64_t regs[TCG_HOST_NB_REGS]);

/* Counters, printed by -d stats (see accel/tcg). */
typedef struct TCGStats {
    uint64_t tbs_translated, tbs_optimized, code_bytes, guest_insns, ops_before_opt,
        ops_after_opt, flushes, invalidations, chain_patches, helper_calls,
        lookups, lookup_misses, spills, fault_regs_bytes,
        ret_links, ret_slow;   /* return predictor: slots linked, slow paths */
} TCGStats;

struct TCGContext {
    /* Temps: globals first (kept across blocks), then per-block temps. */
    int nb_globals, nb_temps;
    TCGTemp temps[TCG_MAX_TEMPS];
    TCGTemp *env;               /* fixed temp holding the CPU state pointer */
    TCGTemp *free_temps[2][2];  /* freed temps by [type][kind == TEMP_TB] */

    /* The ops of the block being translated. */
    TCGOp *ops;
    int nb_ops, ops_cap;

    TCGLabel *labels;
    int nb_labels, labels_cap;

    /* Per-block bump allocator (relocations, pass data). */
    void *pool_cur, *pool_end;
    struct TCGPoolChunk *pool_chunks;

    /* Code buffer: written through the writable view, run through the
     * executable one (exec = write + code_rx_offset). */
    uint8_t *code_gen_buffer;   /* writable view */
    size_t code_gen_buffer_size;
    ptrdiff_t code_rx_offset;
    uint8_t *code_ptr;          /* next byte to write (writable view) */
    uint8_t *code_gen_highwater;/* gen_code fails past this */
    uint8_t *code_gen_start;    /* first byte after prologue/epilogue */
    const void *code_gen_prologue;  /* exec addresses */
    const void *code_gen_epilogue;  /* returning 0 from tcg_exec */

    /* Per-block output of gen_code, for host pc -> guest state. */
    int gen_nb_insns;
    uint32_t gen_insn_end_off[TCG_MAX_INSNS];
    uint64_t gen_insn_data[TCG_MAX_INSNS][TCG_INSN_START_WORDS];
    /* ... and the restore data of its MAY_FAULT ops (tcg_fault_regs_*):
     * gen_fault_regs_len bytes (malloc'd, kept across blocks). */
    uint8_t *gen_fault_regs;
    uint32_t gen_fault_regs_len, gen_fault_regs_cap, gen_fault_regs_end;
    /* While a backend emits a MAY_FAULT op: the globals whose value is
     * newer in a host register than in env, and those registers. */
    int nb_fault_live;
    TCGFaultReg fault_live[32];

    /* Frame for spills: [frame_base + frame_start, frame_start + frame_size). */
    TCGTemp *frame_base;
    intptr_t frame_start, frame_size, frame_used;

    const TCGBackend *backend;
    bool optimize;              /* run tcg_optimize (default true) */
    /* This block only: skip tcg_optimize. A front end sets it for code it
     * judges to run rarely (i386: no backward direct jump, fewer than 24
     * instructions),
     * where the optimizer costs more than it saves; tcg_func_start clears
     * it. */
    bool block_cold;
    TCGStats stats;
};

extern TCGContext *tcg_ctx;

/* Lifetime. */
void tcg_context_init(const TCGBackend *backend, size_t code_buffer_size);
void tcg_func_start(TCGContext *s);     /* reset per-block state */
void *tcg_pool_alloc(TCGContext *s, size_t size); /* freed at tcg_func_start */

/* Temps. */
TCGTemp *tcg_global_mem_new(TCGType type, TCGTemp *base, intptr_t offset,
                            const char *name);
TCGTemp *tcg_temp_new_internal(TCGType type, TCGTempKind kind);
TCGTemp *tcg_constant_internal(TCGType type, int64_t val);
void tcg_temp_free_internal(TCGTemp *t);
static inline int temp_idx(const TCGTemp *t) { return (int)(t - tcg_ctx->temps); }

/* Labels. */
TCGLabel *gen_new_label(void);
static inline TCGArg label_arg(TCGLabel *l) { return (TCGArg)l; }
static inline TCGLabel *arg_label(TCGArg a) { return (TCGLabel *)a; }

/* Emission: appends an op with n args; returns it. */
TCGOp *tcg_emit_op(TCGOpcode opc, TCGType type, int nargs, const TCGArg *args);
/* Inserts an op before index `before` (used by passes). */
TCGOp *tcg_op_insert_before(TCGContext *s, int before, TCGOpcode opc,
                            TCGType type, int nargs, const TCGArg *args);
void tcg_op_remove(TCGContext *s, TCGOp *op);  /* turns it into nop */
void tcg_gen_callN(TCGHelperInfo *info, TCGTemp *ret, TCGTemp **args);

/* Whether the backend in use implements an optional op (see tcg-opc.h). */
bool tcg_op_supported(TCGOpcode opc);

/* Passes and the whole pipeline. */
void tcg_optimize(TCGContext *s);
void tcg_liveness(TCGContext *s);
/* Runs the optimizer (if enabled) and the backend for tb at code_ptr;
 * returns the code size, with code_ptr just past it, or -1 (code_ptr
 * unchanged) if the buffer is full. */
int tcg_gen_code(TCGContext *s, struct TranslationBlock *tb);

/* Dumps the ops (for -d op / op_opt). */
void tcg_dump_ops(TCGContext *s, FILE *f);
void tcg_dump_op(TCGContext *s, FILE *f, const TCGOp *op);

/* Reference semantics of one value op, used by the optimizer's constant
 * folding and by tests: computes op on constant inputs. Returns false for
 * ops it does not fold. */
bool tcg_fold_op(TCGOpcode opc, TCGType type, const uint64_t *in,
                 const TCGArg *cargs, uint64_t *out);

/* Generic runtime helpers (tcg/tcg-runtime.c). */
uint32_t tcg_helper_div_i32(uint32_t a, uint32_t b);
uint32_t tcg_helper_rem_i32(uint32_t a, uint32_t b);
uint32_t tcg_helper_divu_i32(uint32_t a, uint32_t b);
uint32_t tcg_helper_remu_i32(uint32_t a, uint32_t b);
uint64_t tcg_helper_div_i64(uint64_t a, uint64_t b);
uint64_t tcg_helper_rem_i64(uint64_t a, uint64_t b);
uint64_t tcg_helper_divu_i64(uint64_t a, uint64_t b);
uint64_t tcg_helper_remu_i64(uint64_t a, uint64_t b);

/* User-mode guest memory: host address = guest_base + guest address. */
extern uintptr_t guest_base;

#endif
