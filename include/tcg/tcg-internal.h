/*
 * Interfaces between the parts of tcg/ that front ends never see: the code
 * buffer allocator used by tcg_context_init, and the contract between the
 * generic register allocator (tcg/regalloc.c) and a host backend.
 */
#ifndef TCG_TCG_INTERNAL_H
#define TCG_TCG_INTERNAL_H

#include "tcg/tcg.h"

/*
 * Maps the code buffer: one memfd mapped twice, a writable view
 * (s->code_gen_buffer) and an executable view at code_gen_buffer +
 * code_rx_offset; falls back to one RWX mapping (offset 0) only if memfd
 * is unavailable. Sets code_gen_buffer, code_gen_buffer_size,
 * code_rx_offset, code_ptr and code_gen_highwater. False on failure.
 */
bool tcg_code_buffer_alloc(TCGContext *s, size_t size);
/* Makes the buffer past code_ptr resident ahead of use (called per block). */
void tcg_code_buffer_prefault(TCGContext *s);

/* Around fork(): prepare returns a private copy of the buffer (an fd, or
 * -1 if none is needed); the child maps it over both views. The caller
 * closes the fd in both processes. */
int tcg_code_buffer_fork_prepare(TCGContext *s);
void tcg_code_buffer_fork_child(TCGContext *s, int fd);

static inline uintptr_t tcg_code_rx(TCGContext *s, const void *rw)
{
    return (uintptr_t)rw + s->code_rx_offset;
}

/* ---- register allocation: what a backend describes as data ---- */

/* Which constants an operand may take as an immediate. */
enum {
    TCG_CT_CONST = 0x1,      /* any value */
    TCG_CT_CONST_S32 = 0x2,  /* i32 ops: any value; i64 ops: a signed 32-bit value */
};

typedef struct TCGArgConstraint {
    uint32_t regs;           /* registers the operand may live in */
    uint8_t ct;              /* TCG_CT_* constants accepted as immediates */
    bool aliased;            /* output: reuses the register of input alias_input */
    uint8_t alias_input;     /* index among the op's inputs */
    bool newreg;             /* output: shares no register with any input */
} TCGArgConstraint;

/* Indexed like op->args: outputs first, then inputs. */
typedef struct TCGOpConstraints {
    TCGArgConstraint a[TCG_MAX_OP_ARGS];
} TCGOpConstraints;

/*
 * A host backend as seen by the allocator. Emitters write at s->code_ptr.
 * out_op receives, for each output/input, a register number or (if
 * const_args[i]) the constant itself; constant args follow unchanged.
 */
typedef struct TCGRegAllocTarget {
    int nb_regs;
    const int8_t *alloc_order;       /* allocatable registers, preferred first */
    int nb_alloc_order;
    uint32_t call_clobbered;
    const int8_t *call_arg_regs;     /* integer argument registers */
    int nb_call_arg_regs;
    int call_ret_reg;
    int stack_reg;                   /* frame (spills) and stack args base */
    intptr_t call_stack_offset;      /* stack args at stack_reg + this */
    int env_reg;                     /* register of the fixed env temp */

    const TCGOpConstraints *(*constraints)(const TCGOp *op);
    void (*out_mov)(TCGContext *s, TCGType type, int dst, int src);
    void (*out_movi)(TCGContext *s, TCGType type, int dst, int64_t val);
    void (*out_ld)(TCGContext *s, TCGType type, int dst, int base, intptr_t off);
    void (*out_st)(TCGContext *s, TCGType type, int src, int base, intptr_t off);
    /* Stores a constant if the host can do it in one go (optional). */
    bool (*out_sti)(TCGContext *s, TCGType type, int64_t val, int base,
                    intptr_t off);
    void (*out_op)(TCGContext *s, const TCGOp *op, const TCGArg *args,
                   const bool *const_args);
    /* Emits the call; for an i32 result re-zero-extends the return register. */
    void (*out_call)(TCGContext *s, const TCGHelperInfo *info);
    void (*bind_label)(TCGContext *s, TCGLabel *l);
} TCGRegAllocTarget;

/*
 * Allocates registers for s->ops (after tcg_liveness) and drives the
 * backend's emitters. Fills gen_insn_data/gen_insn_end_off (offsets from
 * `start`) and gen_nb_insns. Returns 0, or -1 once s->code_ptr passes
 * `limit` (the buffer is full).
 */
int tcg_reg_alloc_code(TCGContext *s, const TCGRegAllocTarget *tgt,
                       const uint8_t *start, const uint8_t *limit);

#endif
