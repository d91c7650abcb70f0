/*
 * The executable reference meaning of every IR value op on constant inputs
 * (tcg_fold_op), plus the small condition utilities. The optimizer folds
 * with it and tests use it as an oracle; docs/tcg.md says the same in prose.
 */
#include <string.h>

#include "tcg/tcg.h"

const char *const tcg_cond_names[16] = {
    [TCG_COND_NEVER] = "never", [TCG_COND_ALWAYS] = "always",
    [TCG_COND_EQ] = "eq",       [TCG_COND_NE] = "ne",
    [TCG_COND_LT] = "lt",       [TCG_COND_GE] = "ge",
    [TCG_COND_LE] = "le",       [TCG_COND_GT] = "gt",
    [TCG_COND_LTU] = "ltu",     [TCG_COND_GEU] = "geu",
    [TCG_COND_LEU] = "leu",     [TCG_COND_GTU] = "gtu",
};

TCGCond tcg_swap_cond(TCGCond c)
{
    switch (c) {
    case TCG_COND_LT: return TCG_COND_GT;
    case TCG_COND_GT: return TCG_COND_LT;
    case TCG_COND_LE: return TCG_COND_GE;
    case TCG_COND_GE: return TCG_COND_LE;
    case TCG_COND_LTU: return TCG_COND_GTU;
    case TCG_COND_GTU: return TCG_COND_LTU;
    case TCG_COND_LEU: return TCG_COND_GEU;
    case TCG_COND_GEU: return TCG_COND_LEU;
    default: return c;  /* never, always, eq, ne are symmetric */
    }
}

bool tcg_cond_is_unsigned(TCGCond c)
{
    return c == TCG_COND_LTU || c == TCG_COND_GEU ||
           c == TCG_COND_LEU || c == TCG_COND_GTU;
}

/* Mask of the bits that are significant in a value of this type. */
static uint64_t type_mask(TCGType type)
{
    return type == TCG_TYPE_I32 ? 0xffffffffull : ~0ull;
}

static unsigned type_bits(TCGType type)
{
    return type == TCG_TYPE_I32 ? 32 : 64;
}

/* Sign-extends the low `bits` bits of v to 64 bits (1 <= bits <= 64). */
static int64_t sext_bits(uint64_t v, unsigned bits)
{
    if (bits >= 64) {
        return (int64_t)v;
    }
    uint64_t sign = 1ull << (bits - 1);
    v &= (sign << 1) - 1;
    return (int64_t)((v ^ sign) - sign);
}

/* Low `len` bits set (0 <= len <= 64). */
static uint64_t low_mask(unsigned len)
{
    return len >= 64 ? ~0ull : (1ull << len) - 1;
}

bool tcg_cond_eval(TCGCond c, TCGType type, uint64_t a, uint64_t b)
{
    unsigned bits = type_bits(type);
    uint64_t ua = a & type_mask(type), ub = b & type_mask(type);
    int64_t sa = sext_bits(a, bits), sb = sext_bits(b, bits);

    switch (c) {
    case TCG_COND_NEVER: return false;
    case TCG_COND_ALWAYS: return true;
    case TCG_COND_EQ: return ua == ub;
    case TCG_COND_NE: return ua != ub;
    case TCG_COND_LT: return sa < sb;
    case TCG_COND_GE: return sa >= sb;
    case TCG_COND_LE: return sa <= sb;
    case TCG_COND_GT: return sa > sb;
    case TCG_COND_LTU: return ua < ub;
    case TCG_COND_GEU: return ua >= ub;
    case TCG_COND_LEU: return ua <= ub;
    case TCG_COND_GTU: return ua > ub;
    }
    return false;
}

static uint64_t rotl_bits(uint64_t v, unsigned n, unsigned bits)
{
    n &= bits - 1;
    if (n == 0) {
        return v;
    }
    return ((v << n) | (v >> (bits - n))) & low_mask(bits);
}

static uint64_t bswap16_val(uint64_t v)
{
    return ((v & 0xff) << 8) | ((v >> 8) & 0xff);
}

static uint64_t bswap32_val(uint64_t v)
{
    return ((v & 0xff) << 24) | ((v & 0xff00) << 8) |
           ((v >> 8) & 0xff00) | ((v >> 24) & 0xff);
}

static uint64_t bswap64_val(uint64_t v)
{
    return (bswap32_val(v) << 32) | bswap32_val(v >> 32);
}

static uint64_t count_leading_zeros(uint64_t v, unsigned bits)
{
    unsigned n = 0;
    for (int i = (int)bits - 1; i >= 0 && !((v >> i) & 1); i--) {
        n++;
    }
    return n;
}

static uint64_t count_trailing_zeros(uint64_t v, unsigned bits)
{
    unsigned n = 0;
    while (n < bits && !((v >> n) & 1)) {
        n++;
    }
    return n;
}

static uint64_t count_ones(uint64_t v)
{
    uint64_t n = 0;
    for (; v; v &= v - 1) {
        n++;
    }
    return n;
}

/* Full product of two `bits`-wide values: lo and hi halves. */
static void mul_double(TCGType type, bool is_signed, uint64_t a, uint64_t b,
                       uint64_t *lo, uint64_t *hi)
{
    if (type == TCG_TYPE_I32) {
        uint64_t p;
        if (is_signed) {
            p = (uint64_t)(sext_bits(a, 32) * sext_bits(b, 32));
        } else {
            p = (a & 0xffffffffull) * (b & 0xffffffffull);
        }
        *lo = p & 0xffffffffull;
        *hi = p >> 32;
        return;
    }
    unsigned __int128 p;
    if (is_signed) {
        p = (unsigned __int128)((__int128)(int64_t)a * (__int128)(int64_t)b);
    } else {
        p = (unsigned __int128)a * b;
    }
    *lo = (uint64_t)p;
    *hi = (uint64_t)(p >> 64);
}

/* Double-width add/sub of (ah:al) and (bh:bl), each half `bits` wide. */
static void addsub_double(TCGType type, bool sub, const uint64_t *in,
                          uint64_t *out)
{
    uint64_t m = type_mask(type);
    uint64_t al = in[0] & m, ah = in[1] & m, bl = in[2] & m, bh = in[3] & m;
    uint64_t lo, carry;
    if (!sub) {
        lo = (al + bl) & m;
        carry = lo < al;
        out[1] = (ah + bh + carry) & m;
    } else {
        lo = (al - bl) & m;
        carry = al < bl;
        out[1] = (ah - bh - carry) & m;
    }
    out[0] = lo;
}

/* Ops with two outputs. */
static bool fold_double(TCGOpcode opc, TCGType type, const uint64_t *in,
                        uint64_t *out)
{
    switch (opc) {
    case INDEX_op_mulu2:
        mul_double(type, false, in[0], in[1], &out[0], &out[1]);
        return true;
    case INDEX_op_muls2:
        mul_double(type, true, in[0], in[1], &out[0], &out[1]);
        return true;
    case INDEX_op_add2:
        addsub_double(type, false, in, out);
        return true;
    case INDEX_op_sub2:
        addsub_double(type, true, in, out);
        return true;
    default:
        return false;
    }
}

/* Shifts, rotates and bit counts. */
static bool fold_shift_count(TCGOpcode opc, TCGType type, const uint64_t *in,
                             uint64_t *r)
{
    unsigned bits = type_bits(type);
    uint64_t a = in[0] & type_mask(type);
    unsigned n = (unsigned)(in[1] & (bits - 1));

    switch (opc) {
    case INDEX_op_shl: *r = a << n; return true;
    case INDEX_op_shr: *r = a >> n; return true;
    case INDEX_op_sar: *r = (uint64_t)(sext_bits(a, bits) >> n); return true;
    case INDEX_op_rotl: *r = rotl_bits(a, n, bits); return true;
    case INDEX_op_rotr: *r = rotl_bits(a, (bits - n) & (bits - 1), bits); return true;
    case INDEX_op_clz:
        *r = a ? count_leading_zeros(a, bits) : in[1];
        return true;
    case INDEX_op_ctz:
        *r = a ? count_trailing_zeros(a, bits) : in[1];
        return true;
    case INDEX_op_ctpop: *r = count_ones(a); return true;
    default: return false;
    }
}

/* Extensions, type changes, bit fields and byte swaps. */
static bool fold_bits(TCGOpcode opc, TCGType type, const uint64_t *in,
                      const TCGArg *cargs, uint64_t *r)
{
    uint64_t a = in[0];

    switch (opc) {
    case INDEX_op_ext8s: *r = (uint64_t)sext_bits(a, 8); return true;
    case INDEX_op_ext8u: *r = a & 0xff; return true;
    case INDEX_op_ext16s: *r = (uint64_t)sext_bits(a, 16); return true;
    case INDEX_op_ext16u: *r = a & 0xffff; return true;
    case INDEX_op_ext32s:
        if (type != TCG_TYPE_I64) {
            return false;
        }
        *r = (uint64_t)sext_bits(a, 32);
        return true;
    case INDEX_op_ext32u:
        if (type != TCG_TYPE_I64) {
            return false;
        }
        *r = a & 0xffffffffull;
        return true;
    case INDEX_op_ext_i32_i64: *r = (uint64_t)sext_bits(a, 32); return true;
    case INDEX_op_extu_i32_i64: *r = a & 0xffffffffull; return true;
    case INDEX_op_extrl_i64_i32: *r = a & 0xffffffffull; return true;
    case INDEX_op_extrh_i64_i32: *r = a >> 32; return true;
    case INDEX_op_deposit: {
        unsigned pos = (unsigned)cargs[0], len = (unsigned)cargs[1];
        if (len == 0 || pos + len > type_bits(type)) {
            return false;
        }
        uint64_t m = low_mask(len) << pos;
        *r = (a & ~m) | ((in[1] << pos) & m);
        return true;
    }
    case INDEX_op_extract:
    case INDEX_op_sextract: {
        unsigned pos = (unsigned)cargs[0], len = (unsigned)cargs[1];
        if (len == 0 || pos + len > type_bits(type)) {
            return false;
        }
        uint64_t f = (a & type_mask(type)) >> pos;
        *r = opc == INDEX_op_extract ? f & low_mask(len)
                                     : (uint64_t)sext_bits(f, len);
        return true;
    }
    case INDEX_op_bswap16: *r = bswap16_val(a); return true;
    case INDEX_op_bswap32: *r = bswap32_val(a); return true;
    case INDEX_op_bswap64:
        if (type != TCG_TYPE_I64) {
            return false;
        }
        *r = bswap64_val(a);
        return true;
    default:
        return false;
    }
}

/* Arithmetic, logic, moves and selects with one output. */
static bool fold_simple(TCGOpcode opc, TCGType type, const uint64_t *in,
                        const TCGArg *cargs, uint64_t *r)
{
    uint64_t a = in[0];

    switch (opc) {
    case INDEX_op_mov: *r = a; return true;
    case INDEX_op_add: *r = a + in[1]; return true;
    case INDEX_op_lea:
        if (cargs[0] > 3) {
            return false;
        }
        *r = a + (in[1] << cargs[0]) + (uint64_t)(int64_t)(int32_t)cargs[1];
        return true;
    case INDEX_op_sub: *r = a - in[1]; return true;
    case INDEX_op_mul: *r = a * in[1]; return true;
    case INDEX_op_neg: *r = -a; return true;
    case INDEX_op_and: *r = a & in[1]; return true;
    case INDEX_op_or: *r = a | in[1]; return true;
    case INDEX_op_xor: *r = a ^ in[1]; return true;
    case INDEX_op_andc: *r = a & ~in[1]; return true;
    case INDEX_op_orc: *r = a | ~in[1]; return true;
    case INDEX_op_eqv: *r = ~(a ^ in[1]); return true;
    case INDEX_op_nand: *r = ~(a & in[1]); return true;
    case INDEX_op_nor: *r = ~(a | in[1]); return true;
    case INDEX_op_not: *r = ~a; return true;
    case INDEX_op_setcond:
        *r = tcg_cond_eval((TCGCond)cargs[0], type, a, in[1]);
        return true;
    case INDEX_op_movcond:
        *r = tcg_cond_eval((TCGCond)cargs[0], type, a, in[1]) ? in[2] : in[3];
        return true;
    default:
        return false;
    }
}

static double fold_u2d(uint64_t u) { double d; memcpy(&d, &u, 8); return d; }
static uint64_t fold_d2u(double d) { uint64_t u; memcpy(&u, &d, 8); return u; }

/* Binary64 ops on non-NaN inputs, in the host's default rounding (to
 * nearest-even); with a NaN input the result's bits are the backend's,
 * so those are not folded. */
static bool fold_float(TCGOpcode opc, TCGType type, const uint64_t *in, uint64_t *r)
{
    int n;

    switch (opc) {
    case INDEX_op_fadd: case INDEX_op_fsub: case INDEX_op_fmul: case INDEX_op_fdiv:
        n = 2;
        break;
    case INDEX_op_fma:
        n = 3;
        break;
    default:
        return false;
    }
    if (type != TCG_TYPE_I64) {
        return false;
    }
    for (int i = 0; i < n; i++) {
        if ((in[i] & 0x7fffffffffffffffull) > 0x7ff0000000000000ull) {
            return false;
        }
    }
    volatile double a = fold_u2d(in[0]), b = fold_u2d(in[1]), c = fold_u2d(in[2]);
    switch (opc) {
    case INDEX_op_fadd: *r = fold_d2u(a + b); break;
    case INDEX_op_fsub: *r = fold_d2u(a - b); break;
    case INDEX_op_fmul: *r = fold_d2u(a * b); break;
    case INDEX_op_fdiv: *r = fold_d2u(a / b); break;
    default: *r = fold_d2u(__builtin_fma(a, b, c)); break;
    }
    return true;
}

bool tcg_fold_op(TCGOpcode opc, TCGType type, const uint64_t *in,
                 const TCGArg *cargs, uint64_t *out)
{
    uint64_t m = type_mask(type);
    bool ok;

    if (fold_double(opc, type, in, out)) {
        out[0] &= m;
        out[1] &= m;
        return true;
    }
    ok = fold_simple(opc, type, in, cargs, &out[0]) ||
         fold_float(opc, type, in, &out[0]) ||
         fold_shift_count(opc, type, in, &out[0]) ||
         fold_bits(opc, type, in, cargs, &out[0]);
    if (ok) {
        out[0] &= m;
    }
    return ok;
}
