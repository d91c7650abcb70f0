/*
 * The one table of IR ops. Every op is declared here once; the enum, the
 * names, the operand counts and the flags in tcg.h all follow from it.
 * Meanings are written in docs/tcg.md. Ops are type-generic: TCGOp.type
 * says whether an op works on 32- or 64-bit values (see docs/tcg.md).
 *
 * DEF(name, outputs, inputs, constant args, flags)
 */

/* Control and bookkeeping. */
DEF(nop,           0, 0, 0, TCG_OPF_NOT_PRESENT)
DEF(discard,       1, 0, 0, TCG_OPF_NOT_PRESENT)
DEF(insn_start,    0, 0, TCG_INSN_START_WORDS, TCG_OPF_NOT_PRESENT)
DEF(set_label,     0, 0, 1, TCG_OPF_BB_END | TCG_OPF_NOT_PRESENT)
DEF(br,            0, 0, 1, TCG_OPF_BB_END)
DEF(brcond,        0, 2, 2, TCG_OPF_BB_END | TCG_OPF_COND_BRANCH)
DEF(call,          0, 0, 0, TCG_OPF_CALL) /* counts live in the op */
DEF(mb,            0, 0, 1, TCG_OPF_SIDE_EFFECTS)
DEF(exit_tb,       0, 0, 1, TCG_OPF_BB_EXIT | TCG_OPF_BB_END)
DEF(goto_tb,       0, 0, 1, TCG_OPF_BB_EXIT | TCG_OPF_BB_END)
DEF(goto_ptr,      0, 1, 0, TCG_OPF_BB_EXIT | TCG_OPF_BB_END)

/* Moves and selects. */
DEF(mov,           1, 1, 0, TCG_OPF_NOT_PRESENT)
DEF(setcond,       1, 2, 1, 0)
DEF(movcond,       1, 4, 1, 0)

/* Arithmetic. Shift and rotate counts are taken modulo the width. */
DEF(add,           1, 2, 0, 0)
DEF(sub,           1, 2, 0, 0)
DEF(mul,           1, 2, 0, 0)
DEF(neg,           1, 1, 0, 0)
DEF(mulu2,         2, 2, 0, 0)
DEF(muls2,         2, 2, 0, 0)
DEF(add2,          2, 4, 0, 0)
DEF(sub2,          2, 4, 0, 0)
DEF(lea,           1, 2, 2, 0)   /* in0 + (in1 << carg0) + carg1; carg0 0..3, carg1 int32 */

/* Logic. */
DEF(and,           1, 2, 0, 0)
DEF(or,            1, 2, 0, 0)
DEF(xor,           1, 2, 0, 0)
DEF(andc,          1, 2, 0, 0)
DEF(orc,           1, 2, 0, 0)
DEF(eqv,           1, 2, 0, 0)
DEF(nand,          1, 2, 0, 0)
DEF(nor,           1, 2, 0, 0)
DEF(not,           1, 1, 0, 0)

/* Shifts and rotates. */
DEF(shl,           1, 2, 0, 0)
DEF(shr,           1, 2, 0, 0)
DEF(sar,           1, 2, 0, 0)
DEF(rotl,          1, 2, 0, 0)
DEF(rotr,          1, 2, 0, 0)

/* Extensions inside one type, and between the two types. */
DEF(ext8s,         1, 1, 0, 0)
DEF(ext8u,         1, 1, 0, 0)
DEF(ext16s,        1, 1, 0, 0)
DEF(ext16u,        1, 1, 0, 0)
DEF(ext32s,        1, 1, 0, 0)   /* i64 only */
DEF(ext32u,        1, 1, 0, 0)   /* i64 only */
DEF(ext_i32_i64,   1, 1, 0, 0)   /* out i64, in i32, sign-extending */
DEF(extu_i32_i64,  1, 1, 0, 0)   /* out i64, in i32, zero-extending */
DEF(extrl_i64_i32, 1, 1, 0, 0)   /* out i32 = low half of in i64 */
DEF(extrh_i64_i32, 1, 1, 0, 0)   /* out i32 = high half of in i64 */

/* Bit fields, byte swaps, bit counts. */
DEF(deposit,       1, 2, 2, 0)   /* cargs: pos, len */
DEF(extract,       1, 1, 2, 0)   /* cargs: pos, len */
DEF(sextract,      1, 1, 2, 0)   /* cargs: pos, len */
DEF(bswap16,       1, 1, 0, 0)
DEF(bswap32,       1, 1, 0, 0)
DEF(bswap64,       1, 1, 0, 0)   /* i64 only */
DEF(clz,           1, 2, 0, 0)   /* in[1] is the result for in[0] == 0 */
DEF(ctz,           1, 2, 0, 0)
DEF(ctpop,         1, 1, 0, 0)

/* Binary64 floating point on the bit patterns held in i64 values (i64
 * only): IEEE results rounded to nearest-even, no exception state read or
 * written; the bits of a NaN result are the host's. fma is a * b + c
 * rounded once, and optional (tcg_op_supported). */
DEF(fadd,          1, 2, 0, 0)
DEF(fsub,          1, 2, 0, 0)
DEF(fmul,          1, 2, 0, 0)
DEF(fdiv,          1, 2, 0, 0)
DEF(fma,           1, 3, 0, 0)

/* Host memory relative to a pointer (normally env). cargs: offset, memop. */
DEF(ld,            1, 1, 2, 0)
DEF(st,            0, 2, 2, TCG_OPF_SIDE_EFFECTS)

/* Guest memory. in: address (i32). cargs: memop, mmu index. */
DEF(guest_ld,      1, 1, 2, TCG_OPF_SIDE_EFFECTS | TCG_OPF_MAY_FAULT)
DEF(guest_st,      0, 2, 2, TCG_OPF_SIDE_EFFECTS | TCG_OPF_MAY_FAULT)

/* One host x87 instruction (x86-64 backend only; the i386 front end's
 * inline x87 runs, target-i386/translate-x87-run.c). in: base pointer.
 * cargs: opcode (x86-emit.h flags allowed), form, operand: form is the
 * reg field, | TCG_X87_MEM for [base + operand], | TCG_X87_NO_MODRM for a
 * bare opcode (| TCG_X87_0F: after 0F, for EMMS); otherwise the operand is the r/m register (mod = 3).
 * Reads and writes host memory through base and the host FPU state. */
DEF(x87,           0, 1, 3, TCG_OPF_SIDE_EFFECTS)
/* The same with a guest memory operand (linux-user only): the form is the
 * reg field, the operand [guest_base + addr + operand] with addr the i32
 * guest address. A guest access: it may fault, and a fault there is one
 * of the guest instruction's. */
DEF(x87_guest,     0, 1, 3, TCG_OPF_SIDE_EFFECTS | TCG_OPF_MAY_FAULT)

/* One host SSE instruction on operands in host memory (the i386 front
 * end's SIMD instructions, target-i386/translate-sse-host.c). in: base
 * pointer. cargs: insn (TCG_SSE_* of tcg.h: encoding and form), offset of
 * the destination, of the source, of the MXCSR to run under (with
 * TCG_SSE_MXCSR), the helper's last argument, and a TCGHelperInfo * of the
 * same effect: helper(base, base + d, base + s[, arg]). The x86-64 JIT
 * runs the instruction itself (through xmm14/xmm15 and r11), the
 * interpreter calls the helper. docs/tcg.md, "Host SIMD instructions". */
DEF(sse,           0, 1, 6, TCG_OPF_SIDE_EFFECTS)
