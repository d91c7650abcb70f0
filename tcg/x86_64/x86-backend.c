/*
 * The x86-64 JIT backend: prologue/epilogue, per-block code generation
 * (register allocation in tcg/regalloc.c driving the emitters of
 * x86-ops.c), block chaining by patching goto_tb jumps, and disassembly.
 *
 * Registers: rbp = env, r14 = guest_base, r10/r11 = emitter scratch, rsp =
 * frame; the other 11 are allocated (callee-saved rbx/r12/r13/r15 first).
 * Frame (rsp-relative, 16-byte aligned at calls): [0, 64) outgoing helper
 * args past the sixth, [64, 64 + 8 * TCG_MAX_TEMPS) spill slots.
 * A block: code from tc_ptr; goto_tb n is a `jmp rel32` whose field is
 * 4-byte aligned and patched atomically (x64_set_jmp_target); unchained it
 * jumps to the next instruction, the exit_tb(tb | n) path.
 */
#include <capstone/capstone.h>
#include <cpuid.h>
#include <inttypes.h>
#include <stdio.h>

#include "exec/tb.h"
#include "tcg/x86_64/x86-emit.h"

unsigned x64_features;
uintptr_t x64_tb_ret_addr;
TranslationBlock *x64_cur_tb;
const uint8_t *x64_cur_start;
bool x64_too_large;

static const int8_t x64_alloc_order[] = {
    X64_RBX, X64_R12, X64_R13, X64_R15,
    X64_RAX, X64_RCX, X64_RDX, X64_RSI, X64_RDI, X64_R8, X64_R9,
};
static const int8_t x64_call_arg_regs[] = {
    X64_RDI, X64_RSI, X64_RDX, X64_RCX, X64_R8, X64_R9,
};
/* Pushed by the prologue, popped in reverse by the epilogue. */
static const int8_t x64_saved_regs[] = {
    X64_RBP, X64_RBX, X64_R12, X64_R13, X64_R14, X64_R15,
};

#define X64_CALL_CLOBBERED                                                   \
    (1u << X64_RAX | 1u << X64_RCX | 1u << X64_RDX | 1u << X64_RSI |         \
     1u << X64_RDI | 1u << X64_R8 | 1u << X64_R9 | 1u << X64_R10 |           \
     1u << X64_R11)

static const TCGRegAllocTarget x64_ra_target = {
    .nb_regs = X64_NB_REGS,
    .alloc_order = x64_alloc_order,
    .nb_alloc_order = sizeof(x64_alloc_order),
    .call_clobbered = X64_CALL_CLOBBERED,
    .call_arg_regs = x64_call_arg_regs,
    .nb_call_arg_regs = sizeof(x64_call_arg_regs),
    .call_ret_reg = X64_RAX,
    .stack_reg = X64_RSP,
    .call_stack_offset = 0,
    .env_reg = X64_REG_ENV,
    .constraints = x64_op_constraints,
    .out_mov = x64_out_mov,
    .out_movi = x64_out_movi,
    .out_ld = x64_out_ld,
    .out_st = x64_out_st,
    .out_sti = x64_out_sti,
    .out_op = x64_sse_out_op,
    .out_call = x64_sse_out_call,
    .bind_label = x64_sse_bind_label,
};

void x64_detect_features(void)
{
    unsigned a, b, c, d;
    unsigned f = 0;

    if (__get_cpuid(1, &a, &b, &c, &d)) {
        if (c & (1u << 23)) {
            f |= X64_FEAT_POPCNT;
        }
        if (c & (1u << 22)) {
            f |= X64_FEAT_MOVBE;
        }
        /* FMA3 is VEX-encoded: it also needs the OS to save the AVX state
         * (OSXSAVE, and XCR0 with the SSE and AVX bits). */
        if ((c & (1u << 12)) && (c & (1u << 27)) && (c & (1u << 28))) {
            uint32_t lo, hi;
            asm volatile("xgetbv" : "=a"(lo), "=d"(hi) : "c"(0));
            if ((lo & 6) == 6) {
                f |= X64_FEAT_FMA;
            }
        }
    }
    if (__get_cpuid_count(7, 0, &a, &b, &c, &d) && (b & (1u << 3))) {
        f |= X64_FEAT_BMI1;
    }
    if (__get_cpuid(0x80000001, &a, &b, &c, &d) && (c & (1u << 5))) {
        f |= X64_FEAT_LZCNT;
    }
    x64_features = f;
}

static void x64_out_push(TCGContext *s, int reg)
{
    x64_out_opc(s, 0x50 + (reg & 7), 0, reg, 0);
}

static void x64_out_pop(TCGContext *s, int reg)
{
    x64_out_opc(s, 0x58 + (reg & 7), 0, reg, 0);
}

static void x64_align(TCGContext *s, int align)
{
    int pad = (int)(-tcg_code_rx(s, s->code_ptr) & (align - 1));
    x64_out_nops(s, pad);
}

/*
 * Prologue: save the callee-saved registers, env (rdi) + X64_ENV_BIAS into
 * rbp, guest_base
 * into r14, make the frame, jump to the block in rsi. Epilogue: return 0
 * (code_gen_epilogue) or rax (x64_tb_ret_addr).
 */
static void x64_init(TCGContext *s)
{
    int nsaved = (int)sizeof(x64_saved_regs);

    x64_detect_features();
    s->frame_base = NULL;
    s->frame_start = X64_STACK_ARGS_SIZE;
    s->frame_size = X64_SPILL_SIZE;
    if (s->env) {
        s->env->reg = X64_REG_ENV;
        s->env->val_type = TEMP_VAL_REG;
    }

    x64_align(s, 16);
    s->code_gen_prologue = (const void *)tcg_code_rx(s, s->code_ptr);
    for (int i = 0; i < nsaved; i++) {
        x64_out_push(s, x64_saved_regs[i]);
    }
    x64_out_modrm_mem(s, 0x8d | P_REXW, X64_REG_ENV, X64_RDI, -1, X64_ENV_BIAS);
    x64_out_movi_keep_flags(s, TCG_TYPE_I64, X64_REG_GUEST_BASE,
                            (int64_t)(uintptr_t)&guest_base);
    x64_out_ld(s, TCG_TYPE_I64, X64_REG_GUEST_BASE, X64_REG_GUEST_BASE, 0);
    x64_out_modrm(s, 0x81 | P_REXW, ARITH_SUB, X64_RSP);
    x64_out32(s, X64_FRAME_SIZE);
    x64_out_modrm(s, 0xff, 4, X64_RSI);

    s->code_gen_epilogue = (const void *)tcg_code_rx(s, s->code_ptr);
    x64_out_arith_rr(s, ARITH_XOR, 0, X64_RAX, X64_RAX);
    x64_tb_ret_addr = tcg_code_rx(s, s->code_ptr);
    x64_out_modrm(s, 0x81 | P_REXW, ARITH_ADD, X64_RSP);
    x64_out32(s, X64_FRAME_SIZE);
    for (int i = nsaved - 1; i >= 0; i--) {
        x64_out_pop(s, x64_saved_regs[i]);
    }
    x64_out8(s, 0xc3);

    x64_align(s, 16);
    s->code_gen_start = s->code_ptr;
}

static int x64_gen_code(TCGContext *s, TranslationBlock *tb)
{
    uint8_t *start = s->code_ptr;
    const uint8_t *limit = s->code_gen_highwater;

    if (!limit) {
        limit = s->code_gen_buffer + s->code_gen_buffer_size - 64 * 1024;
    }
    if (start > limit) {
        return -1;
    }
    x64_cur_tb = tb;
    x64_cur_start = start;
    if (tb) {
        for (int n = 0; n < 2; n++) {
            tb->jmp_insn_offset[n] = 0xffff;
            tb->jmp_reset_offset[n] = 0xffff;
            tb->jmp_target_addr[n] = 0;
        }
    }
    tcg_liveness(s);
    x64_too_large = false;
    x64_ops_begin_block();
    x64_softmmu_begin();
    x64_sse_cache_reset(s);
    if (tcg_reg_alloc_code(s, &x64_ra_target, start, limit) < 0 ||
        !x64_softmmu_finish(s)) {
        x64_cur_tb = NULL;
        return -1;
    }
    if (x64_too_large) {
        x64_cur_tb = NULL;
        return TCG_GEN_TOO_LARGE;
    }
    /* No padding: tb_translate_locked aligns the blocks that run often. */
    x64_cur_tb = NULL;
    return (int)(s->code_ptr - start);
}

static uintptr_t x64_exec(void *env, const void *tc_ptr)
{
    uintptr_t (*prologue)(void *, const void *) =
        (uintptr_t (*)(void *, const void *))tcg_ctx->code_gen_prologue;
    return prologue(env, tc_ptr);
}

/* Patches the rel32 of goto_tb n through the writable view, atomically
 * (the field is 4-byte aligned, see x64_out_goto_tb). */
static void x64_set_jmp_target(TranslationBlock *tb, int n, uintptr_t addr)
{
    uintptr_t jmp_rx = (uintptr_t)tb->tc_ptr + tb->jmp_insn_offset[n];
    int32_t disp = (int32_t)(addr - (jmp_rx + 5));
    uint32_t *field = (uint32_t *)(jmp_rx + 1 - tcg_ctx->code_rx_offset);

    __atomic_store_n(field, (uint32_t)disp, __ATOMIC_RELEASE);
    tb->jmp_target_addr[n] = addr;
}

static void x64_disas(FILE *f, const void *code, size_t size)
{
    csh h;
    cs_insn *insn;

    if (cs_open(CS_ARCH_X86, CS_MODE_64, &h) != CS_ERR_OK) {
        fprintf(f, "  (capstone unavailable)\n");
        return;
    }
    size_t n = cs_disasm(h, code, size, (uint64_t)(uintptr_t)code, 0, &insn);
    size_t done = 0;
    for (size_t i = 0; i < n; i++) {
        fprintf(f, "0x%016" PRIx64 ":  %-8s %s\n", insn[i].address,
                insn[i].mnemonic, insn[i].op_str);
        done += insn[i].size;
    }
    if (done < size) {
        fprintf(f, "  (%zu bytes not disassembled)\n", size - done);
    }
    if (n) {
        cs_free(insn, n);
    }
    cs_close(&h);
}

static bool x64_has_op(TCGOpcode opc)
{
    return opc != INDEX_op_fma || (x64_features & X64_FEAT_FMA);
}

const TCGBackend tcg_backend_x86_64 = {
    .name = "jit",
    .init = x64_init,
    .gen_code = x64_gen_code,
    .exec = x64_exec,
    .set_jmp_target = x64_set_jmp_target,
    .disas = x64_disas,
    .has_op = x64_has_op,
};
