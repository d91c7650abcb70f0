/*
 * The x86-64 backend's INDEX_op_sse (tcg-opc.h): one host SSE instruction
 * on operands in host memory, through xmm15 (destination) and xmm14
 * (source), which generated code keeps nothing in, and r11 (X64_TMP).
 */
#include <assert.h>

#include "tcg/x86_64/x86-emit.h"

enum { X64_SSE_D = 15, X64_SSE_S = 14 };

/* Mandatory prefix, REX, 0F [38|3A] and the opcode byte of a
 * register-direct form; reg and rm are register numbers. */
static void x64_sse_opc(TCGContext *s, int pfx, int map, int opc, int reg, int rm)
{
    static const uint8_t prefix[4] = { 0, 0x66, 0xf3, 0xf2 };
    int rex = (reg & 8) >> 1 | (rm & 8) >> 3;

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

/* sse base, insn, d, s, mx, harg, helper: see TCG_SSE_* in tcg.h. */
void x64_out_sse(TCGContext *s, const TCGArg *a)
{
    int base = (int)a[0];
    uint32_t insn = (uint32_t)a[1];
    intptr_t d = (intptr_t)a[2], src = (intptr_t)a[3], mx = (intptr_t)a[4];
    bool q = insn & TCG_SSE_Q;
    int opc = insn & 0xff, map = (insn >> TCG_SSE_MAP_SHIFT) & 3;
    int pfx = (insn >> TCG_SSE_PFX_SHIFT) & 3;

    if (insn & TCG_SSE_MXCSR_ONLY) {
        if (insn & TCG_SSE_MXCSR_LOAD) {
            x64_sse_op_mem(s, 0, 0xae, 2, base, mx);            /* ldmxcsr */
        }
        if (insn & TCG_SSE_MXCSR_STORE) {
            x64_sse_op_mem(s, 0, 0xae, 3, base, mx);            /* stmxcsr */
        }
        return;
    }
    if (!(insn & TCG_SSE_TO_GPR)) {
        x64_sse_load(s, q, X64_SSE_D, base, d);
    }
    if (!(insn & (TCG_SSE_GRP | TCG_SSE_SRC_MEM))) {
        x64_sse_load(s, q, X64_SSE_S, base, src);
    }
    if (insn & TCG_SSE_MXCSR_LOAD) {
        x64_sse_op_mem(s, 0, 0xae, 2, base, mx);                /* ldmxcsr */
    }
    if (insn & TCG_SSE_GRP) {
        x64_sse_opc(s, pfx, map, opc, 0, X64_SSE_D);
        x64_out8(s, (uint8_t)(0xc0 | ((insn >> TCG_SSE_GRP_SHIFT) & 7) << 3 | (X64_SSE_D & 7)));
    } else if (insn & TCG_SSE_SRC_MEM) {
        assert(map == 0);       /* pinsrw, cvtsi2ss/sd */
        x64_sse_op_mem(s, pfx, opc, X64_SSE_D, base, src);
    } else {
        int reg = (insn & TCG_SSE_TO_GPR) ? X64_TMP : X64_SSE_D;
        x64_sse_opc(s, pfx, map, opc, reg, X64_SSE_S);
        x64_out8(s, (uint8_t)(0xc0 | (reg & 7) << 3 | (X64_SSE_S & 7)));
    }
    if (insn & TCG_SSE_IMM) {
        x64_out8(s, (uint8_t)(insn >> TCG_SSE_IMM_SHIFT));
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
