/*
 * Shared bits of the i386 instruction tests: the edge operands and the
 * EFLAGS masks. Each test prints its results; the runner compares the
 * output of a native run with runs under Mimic.
 */
#ifndef INSN_COMMON_H
#define INSN_COMMON_H

#include <stdint.h>
#include <stdio.h>

#define F_CF 0x001u
#define F_PF 0x004u
#define F_AF 0x010u
#define F_ZF 0x040u
#define F_SF 0x080u
#define F_OF 0x800u
#define F_ARITH (F_CF | F_PF | F_AF | F_ZF | F_SF | F_OF)

static const uint32_t edge_vals[] = {
    0, 1, 2, 0x7f, 0x80, 0x81, 0xff, 0x100, 0x7fff, 0x8000, 0xffff, 0x10000,
    0x7fffffff, 0x80000000, 0x80000001, 0xfffffffe, 0xffffffff, 0x12345678,
    0xfedcba98, 0x0f0f0f0f,
};
#define N_EDGE (sizeof(edge_vals) / sizeof(edge_vals[0]))

/* Input flag states: all clear, all arithmetic flags set. */
static const uint32_t flag_ins[] = { 0, F_ARITH };

#endif
