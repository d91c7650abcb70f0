/*
 * The interpreter's meaning of every value op (arithmetic, logic, shifts,
 * extensions, bit fields, conditions) and of memory accesses, written from
 * docs/tcg.md and tcg-opc.h without sharing code with the optimizer's
 * folder or the JIT, so the backends check each other. Static inline so
 * that the interpreter loop (interp-exec.c, its only user) inlines them.
 */
#ifndef TCG_TCI_INTERP_ALU_H
#define TCG_TCI_INTERP_ALU_H

#include <assert.h>
#include <string.h>

#include "tcg/tci/interp.h"

static inline bool interp_cond(TCGCond cond, bool i64, uint64_t a, uint64_t b)
{
    int64_t sa = i64 ? (int64_t)a : (int32_t)a;
    int64_t sb = i64 ? (int64_t)b : (int32_t)b;
    if (!i64) {
        a = (uint32_t)a;
        b = (uint32_t)b;
    }
    switch (cond) {
    case TCG_COND_NEVER: return false;
    case TCG_COND_ALWAYS: return true;
    case TCG_COND_EQ: return a == b;
    case TCG_COND_NE: return a != b;
    case TCG_COND_LT: return sa < sb;
    case TCG_COND_GE: return sa >= sb;
    case TCG_COND_LE: return sa <= sb;
    case TCG_COND_GT: return sa > sb;
    case TCG_COND_LTU: return a < b;
    case TCG_COND_GEU: return a >= b;
    case TCG_COND_LEU: return a <= b;
    case TCG_COND_GTU: return a > b;
    }
    assert(!"interp: bad condition");
    return false;
}

static inline uint64_t interp_field_mask(unsigned len)
{
    return len >= 64 ? ~(uint64_t)0 : ((uint64_t)1 << len) - 1;
}

static inline uint64_t interp_shift(unsigned opc, bool i64, uint64_t a, uint64_t b)
{
    unsigned bits = i64 ? 64 : 32;
    unsigned n = b & (bits - 1);
    uint64_t x = i64 ? a : (uint32_t)a;

    switch (opc) {
    case INDEX_op_shl: return x << n;
    case INDEX_op_shr: return x >> n;
    case INDEX_op_sar:
        return i64 ? (uint64_t)((int64_t)x >> n) : (uint64_t)(uint32_t)((int32_t)x >> n);
    case INDEX_op_rotl:
        return n ? (x << n) | (x >> (bits - n)) : x;
    case INDEX_op_rotr:
        return n ? (x >> n) | (x << (bits - n)) : x;
    }
    assert(!"interp: not a shift");
    return 0;
}

static inline uint64_t interp_count(unsigned opc, bool i64, uint64_t a, uint64_t zero_val)
{
    if (!i64) {
        a = (uint32_t)a;
    }
    if (opc == INDEX_op_ctpop) {
        return __builtin_popcountll(a);
    }
    if (a == 0) {
        return zero_val;
    }
    if (opc == INDEX_op_ctz) {
        return __builtin_ctzll(a);
    }
    return __builtin_clzll(a) - (i64 ? 0 : 32);
}

/* Binary64 ops on bit patterns, in the host's default rounding. */
static inline uint64_t interp_float(unsigned opc, const uint64_t *in)
{
    double a, b, c, r;
    uint64_t u;

    memcpy(&a, &in[0], 8);
    memcpy(&b, &in[1], 8);
    c = 0;
    if (opc == INDEX_op_fma) {
        memcpy(&c, &in[2], 8);
    }
    switch (opc) {
    case INDEX_op_fadd: r = a + b; break;
    case INDEX_op_fsub: r = a - b; break;
    case INDEX_op_fmul: r = a * b; break;
    case INDEX_op_fdiv: r = a / b; break;
    case INDEX_op_fma: r = __builtin_fma(a, b, c); break;
    default:
        assert(!"interp: not a float op");
        return 0;
    }
    memcpy(&u, &r, 8);
    return u;
}

/* Double-width ops: lo/hi of a product or of a sum of two pairs. */
static inline void interp_double(unsigned opc, bool i64, const uint64_t *in, uint64_t *out)
{
    unsigned __int128 r;

    if (!i64) {
        uint64_t v;
        switch (opc) {
        case INDEX_op_mulu2: v = (uint64_t)(uint32_t)in[0] * (uint32_t)in[1]; break;
        case INDEX_op_muls2:
            v = (uint64_t)((int64_t)(int32_t)in[0] * (int32_t)in[1]);
            break;
        case INDEX_op_add2:
            v = ((uint64_t)in[1] << 32 | (uint32_t)in[0]) + ((uint64_t)in[3] << 32 | (uint32_t)in[2]);
            break;
        default: /* sub2 */
            v = ((uint64_t)in[1] << 32 | (uint32_t)in[0]) - ((uint64_t)in[3] << 32 | (uint32_t)in[2]);
            break;
        }
        out[0] = (uint32_t)v;
        out[1] = v >> 32;
        return;
    }
    switch (opc) {
    case INDEX_op_mulu2: r = (unsigned __int128)in[0] * in[1]; break;
    case INDEX_op_muls2:
        r = (unsigned __int128)((__int128)(int64_t)in[0] * (int64_t)in[1]);
        break;
    case INDEX_op_add2:
        r = ((unsigned __int128)in[1] << 64 | in[0]) + ((unsigned __int128)in[3] << 64 | in[2]);
        break;
    default: /* sub2 */
        r = ((unsigned __int128)in[1] << 64 | in[0]) - ((unsigned __int128)in[3] << 64 | in[2]);
        break;
    }
    out[0] = (uint64_t)r;
    out[1] = (uint64_t)(r >> 64);
}

/* One-input ops with no cargs. */
static inline uint64_t interp_unary(unsigned opc, uint64_t a)
{
    switch (opc) {
    case INDEX_op_mov: return a;
    case INDEX_op_neg: return -a;
    case INDEX_op_not: return ~a;
    case INDEX_op_ext8s: return (uint64_t)(int64_t)(int8_t)a;
    case INDEX_op_ext8u: return (uint8_t)a;
    case INDEX_op_ext16s: return (uint64_t)(int64_t)(int16_t)a;
    case INDEX_op_ext16u: return (uint16_t)a;
    case INDEX_op_ext32s: return (uint64_t)(int64_t)(int32_t)a;
    case INDEX_op_ext32u: return (uint32_t)a;
    case INDEX_op_ext_i32_i64: return (uint64_t)(int64_t)(int32_t)a;
    case INDEX_op_extu_i32_i64: return (uint32_t)a;
    case INDEX_op_extrl_i64_i32: return (uint32_t)a;
    case INDEX_op_extrh_i64_i32: return a >> 32;
    case INDEX_op_bswap16: return __builtin_bswap16((uint16_t)a);
    case INDEX_op_bswap32: return __builtin_bswap32((uint32_t)a);
    case INDEX_op_bswap64: return __builtin_bswap64(a);
    }
    assert(!"interp: not a unary op");
    return 0;
}

/* Two-input ops with no cargs, other than shifts and counts. */
static inline uint64_t interp_binary(unsigned opc, uint64_t a, uint64_t b)
{
    switch (opc) {
    case INDEX_op_add: return a + b;
    case INDEX_op_sub: return a - b;
    case INDEX_op_mul: return a * b;
    case INDEX_op_and: return a & b;
    case INDEX_op_or: return a | b;
    case INDEX_op_xor: return a ^ b;
    case INDEX_op_andc: return a & ~b;
    case INDEX_op_orc: return a | ~b;
    case INDEX_op_eqv: return ~(a ^ b);
    case INDEX_op_nand: return ~(a & b);
    case INDEX_op_nor: return ~(a | b);
    }
    assert(!"interp: not a binary op");
    return 0;
}

/* Bit fields; pos and len come from the cargs. */
static inline uint64_t interp_field(unsigned opc, const uint64_t *in, unsigned pos, unsigned len)
{
    uint64_t mask = interp_field_mask(len);

    if (len == 0 || pos >= 64) {
        return opc == INDEX_op_deposit ? in[0] : 0;
    }
    switch (opc) {
    case INDEX_op_deposit:
        return (in[0] & ~(mask << pos)) | ((in[1] & mask) << pos);
    case INDEX_op_extract:
        return (in[0] >> pos) & mask;
    default: /* sextract */
        if (pos + len > 64) {
            len = 64 - pos;
        }
        return (uint64_t)((int64_t)(in[0] << (64 - pos - len)) >> (64 - len));
    }
}

/* An i32 result is kept zero-extended. */
static inline uint64_t interp_trunc(bool i64, uint64_t v)
{
    return i64 ? v : (uint32_t)v;
}

/* Fixed-size copies compile to single host loads and stores, so aligned
 * guest accesses stay atomic as on the JIT. The host is little-endian. */
static inline uint64_t interp_load_raw(const void *p, unsigned size_log2)
{
    uint8_t b; uint16_t h; uint32_t w; uint64_t q;

    switch (size_log2) {
    case MO_8: memcpy(&b, p, 1); return b;
    case MO_16: memcpy(&h, p, 2); return h;
    case MO_32: memcpy(&w, p, 4); return w;
    default: memcpy(&q, p, 8); return q;
    }
}

static inline void interp_store_raw(void *p, unsigned size_log2, uint64_t v)
{
    uint8_t b = v; uint16_t h = v; uint32_t w = v;

    switch (size_log2) {
    case MO_8: memcpy(p, &b, 1); break;
    case MO_16: memcpy(p, &h, 2); break;
    case MO_32: memcpy(p, &w, 4); break;
    default: memcpy(p, &v, 8); break;
    }
}

/* The load of a read-modify-write (MO_RMW, docs/tcg.md): an XADD of zero
 * (not locked), which the host CPU performs as a write access of the same
 * bytes, faulting as the guest's instruction does natively. */
static inline uint64_t interp_load_raw_rmw(void *p, unsigned size_log2)
{
    uint8_t b = 0; uint16_t h = 0; uint32_t w = 0; uint64_t q = 0;

    switch (size_log2) {
    case MO_8:
        __asm__ volatile("xaddb %0, %1" : "+q"(b), "+m"(*(uint8_t *)p) :: "cc");
        return b;
    case MO_16:
        __asm__ volatile("xaddw %0, %1" : "+r"(h), "+m"(*(uint16_t *)p) :: "cc");
        return h;
    case MO_32:
        __asm__ volatile("xaddl %0, %1" : "+r"(w), "+m"(*(uint32_t *)p) :: "cc");
        return w;
    default:
        __asm__ volatile("xaddq %0, %1" : "+r"(q), "+m"(*(uint64_t *)p) :: "cc");
        return q;
    }
}

/* A load's value v of the MemOp's size: byte order, extension, type. */
static inline uint64_t interp_load_finish(uint64_t v, MemOp mo, bool i64)
{
    unsigned bits = 8u << (mo & MO_SIZE);

    if (mo & MO_BSWAP) {
        v = __builtin_bswap64(v) >> (64 - bits);
    }
    if ((mo & MO_SIGN) && bits < 64) {
        v = (uint64_t)((int64_t)(v << (64 - bits)) >> (64 - bits));
    }
    return i64 ? v : (uint32_t)v;
}

static inline uint64_t interp_load(const void *p, MemOp mo, bool i64)
{
    return interp_load_finish(interp_load_raw(p, mo & MO_SIZE), mo, i64);
}

static inline void interp_store(void *p, MemOp mo, uint64_t v)
{
    unsigned bits = 8u << (mo & MO_SIZE);

    if (mo & MO_BSWAP) {
        v = __builtin_bswap64(v) >> (64 - bits);
    }
    interp_store_raw(p, mo & MO_SIZE, v);
}

#endif
