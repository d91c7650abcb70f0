/*
 * The interpreter loop: runs the bytecode of interp-gen.c, following
 * branches, chained goto_tb jumps and goto_ptr across blocks until an
 * exit_tb (helper calls: interp-call.c). Also the backend's table.
 */
#include <assert.h>
#include <stdlib.h>

#include "exec/cpu.h"
#include "exec/softmmu.h"
#include "exec/tb.h"
#include "tcg/tci/interp-alu.h"

/* The bytecode position of the current guest access or helper call. */
__thread uintptr_t tcg_interp_pc;

/* Operand decoders, named after operand kinds; each advances *pp. */
static inline __attribute__((always_inline))
uint64_t interp_arg_in(const uint32_t **pp, void *env, const uint64_t *frame)
{
    uint32_t w = *(*pp)++;
    unsigned kind = interp_w_kind(w);
    uint64_t v;

    /* Temps and globals first: most operands are one or the other. */
    if (__builtin_expect(kind == INTERP_K_SLOT, 1)) {
        return frame[interp_w_payload(w)];
    }
    if (kind == INTERP_K_G32) {
        return *(uint32_t *)((char *)env + interp_w_payload(w));
    }
    switch (kind) {
    case INTERP_K_G64: return *(uint64_t *)((char *)env + interp_w_payload(w));
    case INTERP_K_ENV: return (uintptr_t)env;
    case INTERP_K_C32: return (uint32_t)interp_w_small(w);
    case INTERP_K_C64: return (uint64_t)(int64_t)interp_w_small(w);
    default:
        v = (*pp)[0] | (uint64_t)(*pp)[1] << 32;
        *pp += 2;
        return v;
    }
}

static inline uint32_t interp_arg_out(const uint32_t **pp) { return *(*pp)++; }
static inline uint32_t interp_arg_imm(const uint32_t **pp) { return *(*pp)++; }

static inline uint64_t interp_arg_imm64(const uint32_t **pp)
{
    uint64_t v = (*pp)[0] | (uint64_t)(*pp)[1] << 32;
    *pp += 2;
    return v;
}

/* Where a branch word sends the instruction that starts at insn. */
static inline const uint32_t *interp_arg_label(const uint32_t **pp, const uint32_t *insn)
{
    int32_t disp = (int32_t)*(*pp)++;
    return (const uint32_t *)((const uint8_t *)insn + disp);
}

static inline __attribute__((always_inline))
void interp_write(uint32_t w, void *env, uint64_t *frame, uint64_t v)
{
    unsigned kind = interp_w_kind(w);

    if (__builtin_expect(kind == INTERP_K_SLOT, 1)) {
        frame[interp_w_payload(w)] = v;
    } else if (kind == INTERP_K_G32) {
        *(uint32_t *)((char *)env + interp_w_payload(w)) = (uint32_t)v;
    } else {
        assert(kind == INTERP_K_G64);
        *(uint64_t *)((char *)env + interp_w_payload(w)) = v;
    }
}

static void *interp_guest_addr(uint64_t addr)
{
    return (void *)(guest_base + (uint32_t)addr);
}

/*
 * System mode: the same probe as the JIT's inline one (exec/softmmu.h),
 * the C slow path on a miss; insn is the bytecode position a fault
 * restores the guest state from.
 */
static uint64_t interp_tlb_load(void *env, uint32_t addr, MemOp mo, uint32_t mmu,
                                bool i64, const uint32_t *insn)
{
    int m = (int)(mmu & 0xff);
    uint32_t last = addr + (1u << (mo & MO_SIZE)) - 1;
    CPUTLBEntry *e = &tlb_fast(env)->table[m][tlb_index(addr)];
    uint64_t v;

    if (e->addr_read == (last & 0xfffff000u)) {
        return interp_load((void *)(e->addend + addr), mo, i64);
    }
    v = tlb_helper_ld(env, addr, TLB_OI(mo, m), (uintptr_t)insn);
    return i64 ? v : (uint32_t)v;
}

static void interp_tlb_store(void *env, uint32_t addr, uint64_t val, MemOp mo,
                             uint32_t mmu, const uint32_t *insn)
{
    int m = (int)(mmu & 0xff);
    uint32_t last = addr + (1u << (mo & MO_SIZE)) - 1;
    CPUTLBEntry *e = &tlb_fast(env)->table[m][tlb_index(addr)];

    if (e->addr_write == (last & 0xfffff000u)) {
        interp_store((void *)(e->addend + addr), mo, val);
        return;
    }
    tlb_helper_st(env, addr, val, TLB_OI(mo, m), (uintptr_t)insn);
}

/* Outputs, inputs and result of the op being run. */
typedef struct InterpOp {
    uint32_t out[2];
    uint64_t in[TCG_MAX_HELPER_ARGS];
    uint64_t res[2];
} InterpOp;

/* Decodes nb_o outputs and nb_i inputs (ops of several shapes). */
static inline void interp_args_generic(const uint32_t **pp, uint32_t h, void *env,
                                       const uint64_t *frame, InterpOp *op)
{
    for (unsigned i = 0; i < interp_h_nb_o(h); i++) {
        op->out[i] = interp_arg_out(pp);
    }
    for (unsigned i = 0; i < interp_h_nb_i(h); i++) {
        op->in[i] = interp_arg_in(pp, env, frame);
    }
}

/* Runs one op with one output and one or two inputs, no cargs. */
static inline __attribute__((always_inline))
void interp_run_simple(const uint32_t **pp, unsigned opc, bool i64, void *env, uint64_t *frame)
{
    uint32_t o = interp_arg_out(pp);
    uint64_t a = interp_arg_in(pp, env, frame), b, r;

    switch (opc) {
    case INDEX_op_add: case INDEX_op_sub: case INDEX_op_mul:
    case INDEX_op_and: case INDEX_op_or: case INDEX_op_xor:
    case INDEX_op_andc: case INDEX_op_orc: case INDEX_op_eqv:
    case INDEX_op_nand: case INDEX_op_nor:
        b = interp_arg_in(pp, env, frame);
        r = interp_binary(opc, a, b);
        break;
    case INDEX_op_shl: case INDEX_op_shr: case INDEX_op_sar:
    case INDEX_op_rotl: case INDEX_op_rotr:
        b = interp_arg_in(pp, env, frame);
        r = interp_shift(opc, i64, a, b);
        break;
    case INDEX_op_clz: case INDEX_op_ctz:
        b = interp_arg_in(pp, env, frame);
        r = interp_count(opc, i64, a, b);
        break;
    case INDEX_op_ctpop:
        r = interp_count(opc, i64, a, 0);
        break;
    default:
        r = interp_unary(opc, a);
        break;
    }
    interp_write(o, env, frame, interp_trunc(i64, r));
}

/* setcond, movcond, deposit, extract, sextract and the double-width ops. */
static inline void interp_run_with_cargs(const uint32_t **pp, uint32_t h, void *env,
                                         uint64_t *frame)
{
    unsigned opc = interp_h_opc(h);
    bool i64 = interp_h_i64(h);
    InterpOp op;

    interp_args_generic(pp, h, env, frame, &op);
    switch (opc) {
    case INDEX_op_setcond:
        op.res[0] = interp_cond((TCGCond)interp_arg_imm(pp), i64, op.in[0], op.in[1]);
        break;
    case INDEX_op_movcond:
        op.res[0] = interp_cond((TCGCond)interp_arg_imm(pp), i64, op.in[0], op.in[1])
                    ? op.in[2] : op.in[3];
        break;
    case INDEX_op_deposit: case INDEX_op_extract: case INDEX_op_sextract: {
        unsigned pos = interp_arg_imm(pp), len = interp_arg_imm(pp);
        op.res[0] = interp_trunc(i64, interp_field(opc, op.in, pos, len));
        break;
    }
    case INDEX_op_lea: {
        unsigned shift = interp_arg_imm(pp);
        int32_t disp = (int32_t)interp_arg_imm(pp);
        op.res[0] = interp_trunc(i64, op.in[0] + (op.in[1] << shift) + (uint64_t)(int64_t)disp);
        break;
    }
    case INDEX_op_fadd: case INDEX_op_fsub: case INDEX_op_fmul:
    case INDEX_op_fdiv: case INDEX_op_fma:
        op.res[0] = interp_float(opc, op.in);
        break;
    default: /* mulu2, muls2, add2, sub2 */
        interp_double(opc, i64, op.in, op.res);
        op.res[1] = interp_trunc(i64, op.res[1]);
        break;
    }
    for (unsigned i = 0; i < interp_h_nb_o(h); i++) {
        interp_write(op.out[i], env, frame, op.res[i]);
    }
}

static inline void interp_run_call(const uint32_t **pp, uint32_t h, void *env,
                                   uint64_t *frame)
{
    InterpOp op;

    interp_args_generic(pp, h, env, frame, &op);
    TCGHelperInfo *info = (TCGHelperInfo *)(uintptr_t)interp_arg_imm64(pp);
    op.res[0] = interp_call(info, op.in);
    if (interp_h_nb_o(h)) {
        interp_write(op.out[0], env, frame, op.res[0]);
    }
}

/* sse base, insn, d, s, mx, arg, helper: the interpreter calls the helper
 * of the same effect, helper(base, base + d, base + s[, arg]). */
static inline void interp_run_sse(const uint32_t **pp, void *env, uint64_t *frame)
{
    uint64_t base = interp_arg_in(pp, env, frame);
    interp_arg_imm(pp);                 /* the host instruction */
    uint64_t d = interp_arg_imm(pp), s = interp_arg_imm(pp);
    interp_arg_imm(pp);                 /* the MXCSR: the helper's business */
    uint64_t in[4] = { base, base + d, base + s, interp_arg_imm(pp) };
    TCGHelperInfo *info = (TCGHelperInfo *)(uintptr_t)interp_arg_imm64(pp);
    if (info) {                         /* none with TCG_SSE_MXCSR_ONLY */
        interp_call(info, in);
    }
}

uintptr_t interp_exec(void *env, const void *tc_ptr)
{
    uint64_t frame[INTERP_FRAME_SLOTS];
    uintptr_t saved_pc = tcg_interp_pc;
    const uint32_t *pc = tc_ptr;

    for (;;) {
        const uint32_t *insn = pc;
        uint32_t h = *pc++, o;
        unsigned opc = interp_h_opc(h);
        bool i64 = interp_h_i64(h);
        uint64_t a, b;

        switch (opc) {
        case INDEX_op_nop:
            break;
        case INDEX_op_setcond: case INDEX_op_movcond:
        case INDEX_op_deposit: case INDEX_op_extract: case INDEX_op_sextract:
        case INDEX_op_lea:
        case INDEX_op_mulu2: case INDEX_op_muls2:
        case INDEX_op_add2: case INDEX_op_sub2:
        case INDEX_op_fadd: case INDEX_op_fsub: case INDEX_op_fmul:
        case INDEX_op_fdiv: case INDEX_op_fma:
            interp_run_with_cargs(&pc, h, env, frame);
            break;
        case INDEX_op_br:
            pc = interp_arg_label(&pc, insn);
            break;
        case INDEX_op_brcond: {
            a = interp_arg_in(&pc, env, frame);
            b = interp_arg_in(&pc, env, frame);
            TCGCond c = (TCGCond)interp_arg_imm(&pc);
            const uint32_t *target = interp_arg_label(&pc, insn);
            if (interp_cond(c, i64, a, b)) {
                pc = target;
            }
            break;
        }
        case INDEX_op_exit_tb:
            tcg_interp_pc = saved_pc;
            return (uintptr_t)interp_arg_imm64(&pc);
        case INDEX_op_goto_tb: {
            interp_arg_imm(&pc);   /* the slot, for the listing */
            uintptr_t *target = (uintptr_t *)(uintptr_t)interp_arg_imm64(&pc);
            pc = (const uint32_t *)__atomic_load_n(target, __ATOMIC_ACQUIRE);
            break;
        }
        case INDEX_op_goto_ptr:
            pc = (const uint32_t *)(uintptr_t)interp_arg_in(&pc, env, frame);
            break;
        case INDEX_op_mb:
            interp_arg_imm(&pc);
            __atomic_thread_fence(__ATOMIC_SEQ_CST);
            break;
        case INDEX_op_call:
            tcg_interp_pc = (uintptr_t)insn;
            interp_run_call(&pc, h, env, frame);
            break;
        case INDEX_op_sse:
            tcg_interp_pc = (uintptr_t)insn;
            interp_run_sse(&pc, env, frame);
            break;
        case INDEX_op_ld: {
            o = interp_arg_out(&pc);
            a = interp_arg_in(&pc, env, frame);
            int64_t off = (int64_t)interp_arg_imm64(&pc);
            MemOp mo = (MemOp)interp_arg_imm(&pc);
            interp_write(o, env, frame, interp_load((char *)(uintptr_t)a + off, mo, i64));
            break;
        }
        case INDEX_op_st: {
            a = interp_arg_in(&pc, env, frame);
            b = interp_arg_in(&pc, env, frame);
            int64_t off = (int64_t)interp_arg_imm64(&pc);
            interp_store((char *)(uintptr_t)b + off, (MemOp)interp_arg_imm(&pc), a);
            break;
        }
        case INDEX_op_guest_ld: {
            o = interp_arg_out(&pc);
            a = interp_arg_in(&pc, env, frame);
            MemOp mo = (MemOp)interp_arg_imm(&pc);
            uint32_t mmu = interp_arg_imm(&pc);
            tcg_interp_pc = (uintptr_t)insn;
            if (mmu & INTERP_MMU_SOFTMMU) {
                interp_write(o, env, frame,
                             interp_tlb_load(env, (uint32_t)a, mo, mmu, i64, insn));
                break;
            }
            if (mo & MO_RMW) {
                uint64_t v = interp_load_raw_rmw(interp_guest_addr(a), mo & MO_SIZE);
                interp_write(o, env, frame, interp_load_finish(v, mo, i64));
                break;
            }
            interp_write(o, env, frame, interp_load(interp_guest_addr(a), mo, i64));
            break;
        }
        case INDEX_op_guest_st: {
            a = interp_arg_in(&pc, env, frame);
            b = interp_arg_in(&pc, env, frame);
            MemOp mo = (MemOp)interp_arg_imm(&pc);
            uint32_t mmu = interp_arg_imm(&pc);
            tcg_interp_pc = (uintptr_t)insn;
            if (mmu & INTERP_MMU_SOFTMMU) {
                interp_tlb_store(env, (uint32_t)b, a, mo, mmu, insn);
                break;
            }
            interp_store(interp_guest_addr(b), mo, a);
            break;
        }
        /* The one-output ops, each with its own case so that its operand
         * decoding and its arithmetic are compiled for that op alone. */
        case INDEX_op_mov:
            interp_run_simple(&pc, INDEX_op_mov, i64, env, frame);
            break;
        case INDEX_op_add:
            interp_run_simple(&pc, INDEX_op_add, i64, env, frame);
            break;
        case INDEX_op_sub:
            interp_run_simple(&pc, INDEX_op_sub, i64, env, frame);
            break;
        case INDEX_op_and:
            interp_run_simple(&pc, INDEX_op_and, i64, env, frame);
            break;
        case INDEX_op_or:
            interp_run_simple(&pc, INDEX_op_or, i64, env, frame);
            break;
        case INDEX_op_xor:
            interp_run_simple(&pc, INDEX_op_xor, i64, env, frame);
            break;
        case INDEX_op_shl:
            interp_run_simple(&pc, INDEX_op_shl, i64, env, frame);
            break;
        case INDEX_op_shr:
            interp_run_simple(&pc, INDEX_op_shr, i64, env, frame);
            break;
        case INDEX_op_sar:
            interp_run_simple(&pc, INDEX_op_sar, i64, env, frame);
            break;
        case INDEX_op_neg:
            interp_run_simple(&pc, INDEX_op_neg, i64, env, frame);
            break;
        case INDEX_op_not:
            interp_run_simple(&pc, INDEX_op_not, i64, env, frame);
            break;
        case INDEX_op_ext8u:
            interp_run_simple(&pc, INDEX_op_ext8u, i64, env, frame);
            break;
        case INDEX_op_ext8s:
            interp_run_simple(&pc, INDEX_op_ext8s, i64, env, frame);
            break;
        case INDEX_op_ext16u:
            interp_run_simple(&pc, INDEX_op_ext16u, i64, env, frame);
            break;
        case INDEX_op_ext16s:
            interp_run_simple(&pc, INDEX_op_ext16s, i64, env, frame);
            break;
        case INDEX_op_ext32u:
            interp_run_simple(&pc, INDEX_op_ext32u, i64, env, frame);
            break;
        case INDEX_op_ext32s:
            interp_run_simple(&pc, INDEX_op_ext32s, i64, env, frame);
            break;
        case INDEX_op_ext_i32_i64:
            interp_run_simple(&pc, INDEX_op_ext_i32_i64, i64, env, frame);
            break;
        case INDEX_op_extu_i32_i64:
            interp_run_simple(&pc, INDEX_op_extu_i32_i64, i64, env, frame);
            break;
        case INDEX_op_extrl_i64_i32:
            interp_run_simple(&pc, INDEX_op_extrl_i64_i32, i64, env, frame);
            break;
        case INDEX_op_extrh_i64_i32:
            interp_run_simple(&pc, INDEX_op_extrh_i64_i32, i64, env, frame);
            break;
        case INDEX_op_mul:
            interp_run_simple(&pc, INDEX_op_mul, i64, env, frame);
            break;
        case INDEX_op_andc:
            interp_run_simple(&pc, INDEX_op_andc, i64, env, frame);
            break;
        case INDEX_op_orc:
            interp_run_simple(&pc, INDEX_op_orc, i64, env, frame);
            break;
        case INDEX_op_eqv:
            interp_run_simple(&pc, INDEX_op_eqv, i64, env, frame);
            break;
        case INDEX_op_nand:
            interp_run_simple(&pc, INDEX_op_nand, i64, env, frame);
            break;
        case INDEX_op_nor:
            interp_run_simple(&pc, INDEX_op_nor, i64, env, frame);
            break;
        case INDEX_op_rotl:
            interp_run_simple(&pc, INDEX_op_rotl, i64, env, frame);
            break;
        case INDEX_op_rotr:
            interp_run_simple(&pc, INDEX_op_rotr, i64, env, frame);
            break;
        case INDEX_op_clz:
            interp_run_simple(&pc, INDEX_op_clz, i64, env, frame);
            break;
        case INDEX_op_ctz:
            interp_run_simple(&pc, INDEX_op_ctz, i64, env, frame);
            break;
        case INDEX_op_ctpop:
            interp_run_simple(&pc, INDEX_op_ctpop, i64, env, frame);
            break;
        case INDEX_op_bswap16:
            interp_run_simple(&pc, INDEX_op_bswap16, i64, env, frame);
            break;
        case INDEX_op_bswap32:
            interp_run_simple(&pc, INDEX_op_bswap32, i64, env, frame);
            break;
        case INDEX_op_bswap64:
            interp_run_simple(&pc, INDEX_op_bswap64, i64, env, frame);
            break;
        default:
            assert(!"interp: unknown bytecode op");
            abort();
        }
    }
}

void interp_set_jmp_target(TranslationBlock *tb, int n, uintptr_t addr)
{
    __atomic_store_n(&tb->jmp_target_addr[n], addr, __ATOMIC_RELEASE);
}

const TCGBackend tcg_backend_interp = {
    .name = "interp",
    .init = interp_init,
    .gen_code = interp_gen_code,
    .exec = interp_exec,
    .set_jmp_target = interp_set_jmp_target,
    .disas = interp_disas,
    .optimize_cold = true,
};
