/*
 * System mode's guest loads and stores in the x86-64 JIT: an inline probe
 * of the soft TLB (exec/softmmu.h) and, on a miss, a jump to an
 * out-of-line slow path emitted after the block, which calls the C slow
 * path and comes back. User mode never gets here (x86-ops.c).
 *
 * Hit path of a load (9 instructions; A = address, O = output):
 *     mov  r10d, A
 *     shr  r10d, 8                        ; page index * 16
 *     and  r10d, 0x3ff0
 *     lea  r11d, [A + size - 1]           ; last byte (mov r11d, A for bytes)
 *     and  r11d, 0xfffff000
 *     cmp  r11d, [rbp + r10 + table(mmu) + addr_read]
 *     jne  slow
 *     mov  r10, [rbp + r10 + table(mmu) + addend]
 *     mov  O, [r10 + A]                   ; movbe for byte-swapped accesses
 * A store is the same with addr_write and a store at the end. The slow
 * path saves the caller-saved registers the allocator may be using (into
 * the outgoing-argument area of the frame, free between ops), so the
 * allocator sees a plain instruction that clobbers only r10/r11 and flags.
 * Globals are not written back before the access (tcg.h, "Fault restore
 * data"): the slow path first stores the ones whose registers are newer
 * than env, so that the C code, which may raise a fault or run a device,
 * sees the whole guest state in env; the hit path stores nothing.
 */
#include <stddef.h>
#include <string.h>

#include "exec/softmmu.h"
#include "tcg/x86_64/x86-emit.h"

/* Allocatable caller-saved registers: what the slow path preserves. */
static const int8_t x64_slow_saved[] = {
    X64_RAX, X64_RCX, X64_RDX, X64_RSI, X64_RDI, X64_R8, X64_R9,
};

typedef struct X64SlowPath {
    struct X64SlowPath *next;
    bool is_store;
    TCGType type;
    MemOp mo;
    int mmu_idx;
    int addr_reg;
    int data_reg;              /* load: output; store: value (if !data_const) */
    bool data_const;
    int64_t data;
    uint8_t *jne_field;        /* rel32 of the jne to patch */
    uint8_t *ret;              /* where the fast path continues */
    int nb_live;               /* globals newer in registers than in env */
    TCGFaultReg *live;
} X64SlowPath;

static X64SlowPath *x64_slow_head, **x64_slow_tail = &x64_slow_head;

void x64_softmmu_begin(void)
{
    x64_slow_head = NULL;
    x64_slow_tail = &x64_slow_head;
}

static intptr_t x64_tlb_offset(int mmu_idx, size_t field)
{
    return TLB_FAST_ENV_OFFSET +
           (intptr_t)(mmu_idx * TLB_ENTRIES * sizeof(CPUTLBEntry) + field);
}

/* The probe up to the host access; returns the slow path record. On
 * exit r10 holds the addend of a hit. */
static X64SlowPath *x64_out_tlb_probe(TCGContext *s, MemOp mo, int mmu_idx,
                                      int addr, bool is_store)
{
    unsigned size = 1u << (mo & MO_SIZE);
    size_t cmp_field = is_store ? offsetof(CPUTLBEntry, addr_write)
                                : offsetof(CPUTLBEntry, addr_read);
    X64SlowPath *p = tcg_pool_alloc(s, sizeof(*p));

    memset(p, 0, sizeof(*p));
    x64_out_mov(s, TCG_TYPE_I32, X64_TMP2, addr);
    x64_out_shift_ri(s, SHIFT_SHR, 0, X64_TMP2, 12 - 4);
    x64_out_arith_ri(s, ARITH_AND, 0, X64_TMP2, (TLB_ENTRIES - 1) << 4);
    if (size > 1) {
        x64_out_modrm_mem(s, 0x8d, X64_TMP, addr, -1, size - 1);   /* lea r11d */
    } else {
        x64_out_mov(s, TCG_TYPE_I32, X64_TMP, addr);
    }
    x64_out_arith_ri(s, ARITH_AND, 0, X64_TMP, (int32_t)0xfffff000);
    x64_out_modrm_mem(s, 0x3b, X64_TMP, X64_REG_ENV, X64_TMP2,
                      x64_tlb_offset(mmu_idx, cmp_field));          /* cmp */
    x64_out8(s, 0x0f);
    x64_out8(s, 0x85);
    p->jne_field = s->code_ptr;
    x64_out32(s, 0);
    x64_out_modrm_mem(s, 0x8b | P_REXW, X64_TMP2, X64_REG_ENV, X64_TMP2,
                      x64_tlb_offset(mmu_idx, offsetof(CPUTLBEntry, addend)));
    p->is_store = is_store;
    p->mo = mo;
    p->mmu_idx = mmu_idx;
    p->addr_reg = addr;
    return p;
}

static void x64_slow_path_queue(X64SlowPath *p, TCGContext *s)
{
    p->nb_live = s->nb_fault_live;
    if (p->nb_live) {
        p->live = tcg_pool_alloc(s, sizeof(TCGFaultReg) * p->nb_live);
        memcpy(p->live, s->fault_live, sizeof(TCGFaultReg) * p->nb_live);
    }
    p->ret = s->code_ptr;
    *x64_slow_tail = p;
    x64_slow_tail = &p->next;
}

void x64_out_softmmu_ld(TCGContext *s, const TCGOp *op, const TCGArg *a)
{
    MemOp mo = (MemOp)a[2];
    X64SlowPath *p = x64_out_tlb_probe(s, mo, (int)a[3], (int)a[1], false);

    x64_out_load_memop(s, (TCGType)op->type, mo, (int)a[0], X64_TMP2, (int)a[1], 0);
    p->type = (TCGType)op->type;
    p->data_reg = (int)a[0];
    x64_slow_path_queue(p, s);
}

void x64_out_softmmu_st(TCGContext *s, const TCGOp *op, const TCGArg *a,
                        const bool *c)
{
    MemOp mo = (MemOp)a[2];
    X64SlowPath *p = x64_out_tlb_probe(s, mo, (int)a[3], (int)a[1], true);

    if (c[0]) {
        x64_out_store_imm_memop(s, mo, (int64_t)a[0], X64_TMP2, (int)a[1], 0);
        p->data_const = true;
        p->data = (int64_t)a[0];
    } else {
        x64_out_store_memop(s, mo, (int)a[0], X64_TMP2, (int)a[1], 0);
        p->data_reg = (int)a[0];
    }
    p->type = (TCGType)op->type;
    x64_slow_path_queue(p, s);
}

/* lea reg, [rip + target - next] */
static void x64_out_lea_rip(TCGContext *s, int reg, const uint8_t *target)
{
    x64_out_opc(s, 0x8d | P_REXW, reg, 0, 0);
    x64_out8(s, 0x05 | ((reg & 7) << 3));
    x64_out32(s, (uint32_t)(int32_t)(target - (s->code_ptr + 4)));
}

static void x64_out_jmp_to(TCGContext *s, const uint8_t *target)
{
    x64_out8(s, 0xe9);
    x64_out32(s, (uint32_t)(int32_t)(target - (s->code_ptr + 4)));
}

static void x64_out_slow_saves(TCGContext *s, int skip, bool restore)
{
    for (unsigned k = 0; k < sizeof(x64_slow_saved); k++) {
        int r = x64_slow_saved[k];
        if (r == skip) {
            continue;
        }
        if (restore) {
            x64_out_ld(s, TCG_TYPE_I64, r, X64_RSP, 8 * k);
        } else {
            x64_out_st(s, TCG_TYPE_I64, r, X64_RSP, 8 * k);
        }
    }
}

/*
 * One slow path: save, call tlb_helper_ld/st(env, addr, [val,] oi, ra)
 * with ra inside the access instruction (the guest insn to restore on a
 * fault), restore, go back.
 */
static void x64_out_slow_path(TCGContext *s, const X64SlowPath *p)
{
    int32_t disp = (int32_t)(s->code_ptr - (p->jne_field + 4));
    uint32_t oi = TLB_OI(p->mo, p->mmu_idx);
    int skip = p->is_store ? -1 : p->data_reg;

    memcpy(p->jne_field, &disp, 4);
    for (int i = 0; i < p->nb_live; i++) {
        const TCGTemp *t = &s->temps[p->live[i].global];
        x64_out_st(s, t->type, p->live[i].reg, X64_REG_ENV, t->mem_offset);
    }
    x64_out_slow_saves(s, skip, false);
    x64_out_mov(s, TCG_TYPE_I32, X64_TMP, p->addr_reg);
    if (p->is_store && !p->data_const) {
        x64_out_mov(s, TCG_TYPE_I64, X64_TMP2, p->data_reg);
    }
    x64_out_mov(s, TCG_TYPE_I64, X64_RDI, X64_REG_ENV);
    x64_out_mov(s, TCG_TYPE_I32, X64_RSI, X64_TMP);
    if (p->is_store) {
        if (p->data_const) {
            x64_out_movi(s, TCG_TYPE_I64, X64_RDX, p->data);
        } else {
            x64_out_mov(s, TCG_TYPE_I64, X64_RDX, X64_TMP2);
        }
        x64_out_movi(s, TCG_TYPE_I32, X64_RCX, oi);
        x64_out_lea_rip(s, X64_R8, p->ret - 1);
        x64_out_call_abs(s, (uintptr_t)tlb_helper_st);
    } else {
        x64_out_movi(s, TCG_TYPE_I32, X64_RDX, oi);
        x64_out_lea_rip(s, X64_RCX, p->ret - 1);
        x64_out_call_abs(s, (uintptr_t)tlb_helper_ld);
        /* Always a move: for i32 it also clears the sign-extended top. */
        x64_out_modrm(s, 0x8b | (p->type == TCG_TYPE_I64 ? P_REXW : 0),
                      p->data_reg, X64_RAX);
    }
    x64_out_slow_saves(s, skip, true);
    x64_out_jmp_to(s, p->ret);
}

/* Emits the queued slow paths after the block; false if the code buffer
 * ran out. */
bool x64_softmmu_finish(TCGContext *s)
{
    const uint8_t *end = s->code_gen_buffer + s->code_gen_buffer_size - 256;

    for (X64SlowPath *p = x64_slow_head; p; p = p->next) {
        if (s->code_ptr > end) {
            return false;
        }
        x64_out_slow_path(s, p);
    }
    x64_softmmu_begin();
    return true;
}
