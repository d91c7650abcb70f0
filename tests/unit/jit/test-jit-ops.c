/*
 * The x86-64 JIT's op emitters against native C: guest and host loads and
 * stores of every size, sign and byte order (guest_base pointed at a test
 * buffer), bit counts with and without LZCNT/TZCNT/POPCNT/MOVBE, bit
 * fields, shifts by register, double-word multiply/add/sub and byte swaps.
 */
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>

#include <criterion/criterion.h>

#include "tests/unit/jit/jt-harness.h"
#include "tcg/x86_64/x86-emit.h"

TestSuite(jitops, .init = jt_setup);

static const uint64_t jt_vals[] = {
    0, 1, 2, 0x7f, 0x80, 0xff, 0x7fff, 0x8000, 0xffff, 0x12345678,
    0x7fffffff, 0x80000000, 0xffffffff, 0x100000000ull, 0x123456789abcdef0ull,
    0x7fffffffffffffffull, 0x8000000000000000ull, 0xffffffffffffffffull,
    0x00f0000000000000ull, 0x0000000000010000ull,
};
#define JT_NVALS (sizeof(jt_vals) / sizeof(jt_vals[0]))

static uint64_t jt_load_native(const uint8_t *p, MemOp mo, bool is64)
{
    uint64_t v = 0;
    int size = 1 << (mo & MO_SIZE);
    for (int i = 0; i < size; i++) {
        int k = (mo & MO_BSWAP) ? size - 1 - i : i;
        v |= (uint64_t)p[k] << (8 * i);
    }
    if ((mo & MO_SIGN) && size < 8) {
        int sh = 64 - 8 * size;
        v = (uint64_t)((int64_t)(v << sh) >> sh);
    }
    return is64 ? v : (uint32_t)v;
}

static void jt_store_native(uint8_t *p, MemOp mo, uint64_t v)
{
    int size = 1 << (mo & MO_SIZE);
    for (int i = 0; i < size; i++) {
        int k = (mo & MO_BSWAP) ? size - 1 - i : i;
        p[k] = (uint8_t)(v >> (8 * i));
    }
}

static void jt_guest_mem_case(bool use_movbe)
{
    uint8_t *buf = mmap(NULL, 1 << 16, PROT_READ | PROT_WRITE,
                        MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    cr_assert(buf != MAP_FAILED);
    guest_base = (uintptr_t)buf;
    if (!use_movbe) {
        x64_features &= ~X64_FEAT_MOVBE;
    }
    int checked = 0;
    for (int is64 = 0; is64 < 2; is64++) {
        for (int mo = 0; mo < 16; mo++) {
            if (!is64 && (mo & MO_SIZE) == MO_64) {
                continue;
            }
            if ((mo & MO_SIZE) == MO_8 && (mo & MO_BSWAP)) {
                continue;
            }
            /* load from 0x100 + addr reg, store the value back at 0x200 */
            jt_begin(0x1000);
            if (is64) {
                tcg_gen_guest_ld_i64(jt_g64[1], jt_g32[0], 0, (MemOp)mo);
                tcg_gen_addi_i32(jt_g32[2], jt_g32[0], 0x100);
                tcg_gen_guest_st_i64(jt_g64[1], jt_g32[2], 0, (MemOp)mo);
                tcg_gen_addi_i32(jt_g32[2], jt_g32[0], 0x200);
                tcg_gen_guest_st_i64(tcg_constant_i64(0x1122334455667788ull),
                                     jt_g32[2], 0, (MemOp)mo);
            } else {
                tcg_gen_guest_ld_i32(jt_g32[1], jt_g32[0], 0, (MemOp)mo);
                tcg_gen_addi_i32(jt_g32[2], jt_g32[0], 0x100);
                tcg_gen_guest_st_i32(jt_g32[1], jt_g32[2], 0, (MemOp)mo);
                tcg_gen_addi_i32(jt_g32[2], jt_g32[0], 0x200);
                tcg_gen_guest_st_i32(tcg_constant_i32(0x55667788), jt_g32[2], 0,
                                     (MemOp)mo);
            }
            const void *tc = jt_finish(NULL, false);
            for (int k = 0; k < 4; k++) {
                memset(buf, 0, 0x1000);
                for (int i = 0; i < 16; i++) {
                    buf[0x40 + i] = (uint8_t)(0x81 + 0x13 * i + k * 0x40);
                }
                jt_env.r32[0] = 0x40 + k;
                jt_run(tc);
                uint64_t want = jt_load_native(buf + 0x40 + k, (MemOp)mo, is64);
                uint64_t got = is64 ? jt_env.r64[1] : jt_env.r32[1];
                cr_expect_eq(got, want, "guest_ld i%d mo %#x: %llx != %llx",
                             is64 ? 64 : 32, mo, (unsigned long long)got,
                             (unsigned long long)want);
                uint8_t expect_st[8] = { 0 }, expect_imm[8] = { 0 };
                int size = 1 << (mo & MO_SIZE);
                jt_store_native(expect_st, (MemOp)mo, got);
                jt_store_native(expect_imm, (MemOp)mo,
                                is64 ? 0x1122334455667788ull : 0x55667788);
                cr_expect(memcmp(buf + 0x140 + k, expect_st, size) == 0,
                          "guest_st i%d mo %#x", is64 ? 64 : 32, mo);
                cr_expect(memcmp(buf + 0x240 + k, expect_imm, size) == 0,
                          "guest_st imm i%d mo %#x", is64 ? 64 : 32, mo);
                cr_expect_eq(buf[0x140 + k + size], 0, "store too wide");
                checked += 3;
            }
        }
    }
    printf("guest memory (%s): %d loads/stores compared with native byte assembly\n",
           use_movbe ? "movbe" : "bswap", checked);
    munmap(buf, 1 << 16);
}

Test(jitops, guest_ld_st_movbe) { jt_guest_mem_case(true); }
Test(jitops, guest_ld_st_bswap) { jt_guest_mem_case(false); }

Test(jitops, host_ld_st)
{
    int checked = 0;
    for (int is64 = 0; is64 < 2; is64++) {
        for (int mo = 0; mo < 8; mo++) {
            if (!is64 && (mo & MO_SIZE) == MO_64) {
                continue;
            }
            jt_begin(0x1000);
            intptr_t src = offsetof(JTEnv, scratch) + 3, dst = offsetof(JTEnv, scratch) + 32;
            if (is64) {
                tcg_gen_ld_i64(jt_g64[1], tcg_env(), src, (MemOp)mo);
                tcg_gen_st_i64(jt_g64[1], tcg_env(), dst, (MemOp)mo);
            } else {
                tcg_gen_ld_i32(jt_g32[1], tcg_env(), src, (MemOp)mo);
                tcg_gen_st_i32(jt_g32[1], tcg_env(), dst, (MemOp)mo);
            }
            const void *tc = jt_finish(NULL, false);
            memset(jt_env.scratch, 0, sizeof(jt_env.scratch));
            uint8_t *p = (uint8_t *)jt_env.scratch;
            for (int i = 0; i < 16; i++) {
                p[i] = (uint8_t)(0xf1 - 0x11 * i);
            }
            jt_run(tc);
            uint64_t want = jt_load_native(p + 3, (MemOp)mo, is64);
            uint64_t got = is64 ? jt_env.r64[1] : jt_env.r32[1];
            cr_expect_eq(got, want, "ld i%d mo %#x", is64 ? 64 : 32, mo);
            cr_expect(memcmp(p + 32, p + 3, 1 << (mo & MO_SIZE)) == 0);
            checked += 2;
        }
    }
    printf("host ld/st: %d compared\n", checked);
}

/*
 * env used as a value, not as a base: moved to a global, added to, stored
 * to memory and used as a computed base. The backend keeps env biased in
 * its register (X64_ENV_BIAS); every one of these must see env itself.
 */
Test(jitops, env_as_value)
{
    for (int opt = 0; opt < 2; opt++) {
        TCGv_i64 envv = temp_tcgv_i64(tcgv_ptr_temp(tcg_env()));
        TCGv_i64 t = tcg_temp_new_i64();

        jt_begin(0x1000);
        tcg_gen_mov_i64(jt_g64[0], envv);
        tcg_gen_addi_i64(jt_g64[1], envv, 8);
        tcg_gen_st_i64(envv, tcg_env(), offsetof(JTEnv, scratch), MO_UQ);
        tcg_gen_addi_i64(t, envv, offsetof(JTEnv, r32));
        tcg_gen_ld_i32(jt_g32[2], temp_tcgv_ptr(tcgv_i64_temp(t)), 0, MO_UL);
        tcg_gen_st_i32(jt_g32[2], temp_tcgv_ptr(tcgv_i64_temp(t)), 4, MO_UL);
        const void *tc = jt_finish(NULL, opt);
        memset(jt_env.scratch, 0, sizeof(jt_env.scratch));
        jt_env.r32[0] = 0xabcd1234;
        jt_run(tc);
        cr_expect_eq(jt_env.r64[0], (uint64_t)(uintptr_t)&jt_env, "mov from env (opt %d)", opt);
        cr_expect_eq(jt_env.r64[1], (uint64_t)(uintptr_t)&jt_env + 8, "env + 8 (opt %d)", opt);
        cr_expect_eq(jt_env.scratch[0], (uint64_t)(uintptr_t)&jt_env, "env stored (opt %d)", opt);
        cr_expect_eq(jt_env.r32[2], 0xabcd1234, "load through env + off (opt %d)", opt);
        cr_expect_eq(jt_env.r32[1], 0xabcd1234, "store through env + off (opt %d)", opt);
    }
}

/* Two-input ops on every pair of values; i32 inputs are the low halves. */
typedef uint64_t (*JTRef)(uint64_t a, uint64_t b, bool is64);

static uint64_t ref_clz(uint64_t a, uint64_t b, bool q)
{
    if (!q) {
        return (uint32_t)a ? (uint64_t)__builtin_clz((uint32_t)a) : (uint32_t)b;
    }
    return a ? (uint64_t)__builtin_clzll(a) : b;
}

static uint64_t ref_ctz(uint64_t a, uint64_t b, bool q)
{
    if (!q) {
        return (uint32_t)a ? (uint64_t)__builtin_ctz((uint32_t)a) : (uint32_t)b;
    }
    return a ? (uint64_t)__builtin_ctzll(a) : b;
}

static uint64_t ref_ctpop(uint64_t a, uint64_t b, bool q)
{
    return q ? (uint64_t)__builtin_popcountll(a) : (uint64_t)__builtin_popcount((uint32_t)a);
}

static uint64_t ref_shl(uint64_t a, uint64_t b, bool q)
{
    return q ? a << (b & 63) : (uint32_t)((uint32_t)a << (b & 31));
}

static uint64_t ref_shr(uint64_t a, uint64_t b, bool q)
{
    return q ? a >> (b & 63) : (uint32_t)a >> (b & 31);
}

static uint64_t ref_sar(uint64_t a, uint64_t b, bool q)
{
    return q ? (uint64_t)((int64_t)a >> (b & 63))
             : (uint32_t)((int32_t)(uint32_t)a >> (b & 31));
}

static uint64_t ref_rotl(uint64_t a, uint64_t b, bool q)
{
    if (q) {
        unsigned n = b & 63;
        return n ? (a << n) | (a >> (64 - n)) : a;
    }
    uint32_t x = (uint32_t)a;
    unsigned n = b & 31;
    return n ? (uint32_t)((x << n) | (x >> (32 - n))) : x;
}

static uint64_t ref_andc(uint64_t a, uint64_t b, bool q)
{
    return q ? a & ~b : (uint32_t)(a & ~b);
}

static uint64_t ref_nor(uint64_t a, uint64_t b, bool q)
{
    return q ? ~(a | b) : (uint32_t)~(a | b);
}

static void jt_binop_case(TCGOpcode opc, JTRef ref, const char *name, int nin)
{
    int checked = 0;
    for (int is64 = 0; is64 < 2; is64++) {
        /* register form, then immediate form for each b */
        jt_begin(0x1000);
        TCGType t = is64 ? TCG_TYPE_I64 : TCG_TYPE_I32;
        TCGTemp *out = tcgv_i64_temp(jt_g64[2]), *a = tcgv_i64_temp(jt_g64[0]),
                *b = tcgv_i64_temp(jt_g64[1]);
        if (!is64) {
            out = tcgv_i32_temp(jt_g32[2]);
            a = tcgv_i32_temp(jt_g32[0]);
            b = tcgv_i32_temp(jt_g32[1]);
        }
        if (nin == 2) {
            tcg_gen_op3(opc, t, temp_arg(out), temp_arg(a), temp_arg(b));
        } else {
            tcg_gen_op2(opc, t, temp_arg(out), temp_arg(a));
        }
        const void *tc = jt_finish(NULL, false);
        for (unsigned i = 0; i < JT_NVALS; i++) {
            for (unsigned j = 0; j < JT_NVALS; j++) {
                uint64_t av = jt_vals[i], bv = jt_vals[j] ^ (j * 0x1f);
                jt_env.r64[0] = av;
                jt_env.r64[1] = bv;
                jt_env.r32[0] = (uint32_t)av;
                jt_env.r32[1] = (uint32_t)bv;
                jt_run(tc);
                uint64_t got = is64 ? jt_env.r64[2] : jt_env.r32[2];
                uint64_t want = ref(av, bv, is64);
                cr_expect_eq(got, want, "%s i%d (%llx, %llx): %llx != %llx", name,
                             is64 ? 64 : 32, (unsigned long long)av,
                             (unsigned long long)bv, (unsigned long long)got,
                             (unsigned long long)want);
                checked++;
            }
        }
        if (nin != 2) {
            continue;
        }
        for (unsigned j = 0; j < JT_NVALS; j++) {
            uint64_t bv = jt_vals[j] ^ (j * 0x1f);
            jt_begin(0x1000);
            TCGTemp *bc = is64 ? tcgv_i64_temp(tcg_constant_i64(bv))
                               : tcgv_i32_temp(tcg_constant_i32((int32_t)bv));
            tcg_gen_op3(opc, t, temp_arg(out), temp_arg(a), temp_arg(bc));
            const void *tci = jt_finish(NULL, false);
            for (unsigned i = 0; i < JT_NVALS; i++) {
                uint64_t av = jt_vals[i];
                jt_env.r64[0] = av;
                jt_env.r32[0] = (uint32_t)av;
                jt_run(tci);
                uint64_t got = is64 ? jt_env.r64[2] : jt_env.r32[2];
                uint64_t want = ref(av, bv, is64);
                cr_expect_eq(got, want, "%s imm i%d (%llx, %llx): %llx != %llx", name,
                             is64 ? 64 : 32, (unsigned long long)av,
                             (unsigned long long)bv, (unsigned long long)got,
                             (unsigned long long)want);
                checked++;
            }
        }
    }
    printf("%s: %d results compared with native C\n", name, checked);
}

Test(jitops, counts_fast)
{
    jt_binop_case(INDEX_op_clz, ref_clz, "clz", 2);
    jt_binop_case(INDEX_op_ctz, ref_ctz, "ctz", 2);
    jt_binop_case(INDEX_op_ctpop, ref_ctpop, "ctpop", 1);
}

Test(jitops, counts_fallback)
{
    x64_features &= ~(X64_FEAT_LZCNT | X64_FEAT_BMI1 | X64_FEAT_POPCNT);
    jt_binop_case(INDEX_op_clz, ref_clz, "clz(bsr)", 2);
    jt_binop_case(INDEX_op_ctz, ref_ctz, "ctz(bsf)", 2);
    jt_binop_case(INDEX_op_ctpop, ref_ctpop, "ctpop(swar)", 1);
}

Test(jitops, shifts_and_logic)
{
    jt_binop_case(INDEX_op_shl, ref_shl, "shl", 2);
    jt_binop_case(INDEX_op_shr, ref_shr, "shr", 2);
    jt_binop_case(INDEX_op_sar, ref_sar, "sar", 2);
    jt_binop_case(INDEX_op_rotl, ref_rotl, "rotl", 2);
    jt_binop_case(INDEX_op_andc, ref_andc, "andc", 2);
    jt_binop_case(INDEX_op_nor, ref_nor, "nor", 2);
}

/* A shift whose count temp is also the shifted value (needs rcx juggling). */
Test(jitops, shift_count_is_value)
{
    jt_begin(0x1000);
    tcg_gen_shl_i64(jt_g64[2], jt_g64[0], jt_g64[0]);
    tcg_gen_rotr_i32(jt_g32[2], jt_g32[0], jt_g32[0]);
    const void *tc = jt_finish(NULL, false);
    jt_env.r64[0] = 0x1235;
    jt_env.r32[0] = 0x80000003;
    jt_run(tc);
    uint32_t x = 0x80000003;
    cr_expect_eq(jt_env.r64[2], 0x1235ull << (0x1235 & 63));
    cr_expect_eq(jt_env.r32[2], (x >> 3) | (x << 29));
}

Test(jitops, bitfields)
{
    int checked = 0;
    static const int fields[][2] = { { 0, 8 }, { 0, 16 }, { 0, 32 }, { 3, 5 },
                                     { 8, 8 }, { 31, 1 }, { 16, 16 }, { 1, 31 },
                                     { 40, 24 }, { 0, 63 }, { 63, 1 }, { 0, 64 } };
    for (int is64 = 0; is64 < 2; is64++) {
        int w = is64 ? 64 : 32;
        for (unsigned f = 0; f < sizeof(fields) / sizeof(fields[0]); f++) {
            int pos = fields[f][0], len = fields[f][1];
            if (pos + len > w) {
                continue;
            }
            jt_begin(0x1000);
            if (is64) {
                tcg_gen_deposit_i64(jt_g64[2], jt_g64[0], jt_g64[1], pos, len);
                tcg_gen_extract_i64(jt_g64[3], jt_g64[0], pos, len);
                tcg_gen_sextract_i64(jt_g64[4], jt_g64[0], pos, len);
            } else {
                tcg_gen_deposit_i32(jt_g32[2], jt_g32[0], jt_g32[1], pos, len);
                tcg_gen_extract_i32(jt_g32[3], jt_g32[0], pos, len);
                tcg_gen_sextract_i32(jt_g32[4], jt_g32[0], pos, len);
            }
            const void *tc = jt_finish(NULL, false);
            for (unsigned i = 0; i < JT_NVALS; i++) {
                uint64_t a = jt_vals[i], b = ~jt_vals[JT_NVALS - 1 - i] ^ 0x5a5a5a5a5a5a5a5aull;
                if (!is64) {
                    a = (uint32_t)a;
                    b = (uint32_t)b;
                }
                jt_env.r64[0] = a; jt_env.r64[1] = b;
                jt_env.r32[0] = (uint32_t)a; jt_env.r32[1] = (uint32_t)b;
                jt_run(tc);
                uint64_t lm = len == 64 ? ~0ull : (1ull << len) - 1;
                uint64_t m = lm << pos;
                uint64_t dep = (a & ~m) | ((b << pos) & m);
                uint64_t ex = (a >> pos) & lm;
                uint64_t sx = len == 64 ? a
                            : (uint64_t)((int64_t)(ex << (64 - len)) >> (64 - len));
                if (!is64) {
                    dep = (uint32_t)dep; ex = (uint32_t)ex; sx = (uint32_t)sx;
                }
                uint64_t g2 = is64 ? jt_env.r64[2] : jt_env.r32[2];
                uint64_t g3 = is64 ? jt_env.r64[3] : jt_env.r32[3];
                uint64_t g4 = is64 ? jt_env.r64[4] : jt_env.r32[4];
                cr_expect_eq(g2, dep, "deposit i%d %d,%d a=%llx b=%llx", w, pos, len,
                             (unsigned long long)a, (unsigned long long)b);
                cr_expect_eq(g3, ex, "extract i%d %d,%d", w, pos, len);
                cr_expect_eq(g4, sx, "sextract i%d %d,%d", w, pos, len);
                checked += 3;
            }
        }
    }
    printf("bitfields: %d results compared\n", checked);
}

Test(jitops, double_word_ops_and_swaps)
{
    int checked = 0;
    for (int is64 = 0; is64 < 2; is64++) {
        jt_begin(0x1000);
        if (is64) {
            tcg_gen_mulu2_i64(jt_g64[2], jt_g64[3], jt_g64[0], jt_g64[1]);
            tcg_gen_muls2_i64(jt_g64[4], jt_g64[5], jt_g64[0], jt_g64[1]);
            tcg_gen_add2_i64(jt_g64[6], jt_g64[7], jt_g64[0], jt_g64[1], jt_g64[1], jt_g64[0]);
            tcg_gen_bswap64_i64(temp_tcgv_i64(tcgv_i64_temp(jt_g64[0])), jt_g64[0]);
        } else {
            tcg_gen_mulu2_i32(jt_g32[2], jt_g32[3], jt_g32[0], jt_g32[1]);
            tcg_gen_muls2_i32(jt_g32[4], jt_g32[5], jt_g32[0], jt_g32[1]);
            tcg_gen_sub2_i32(jt_g32[6], jt_g32[7], jt_g32[0], jt_g32[1], jt_g32[1], jt_g32[0]);
            tcg_gen_bswap16_i32(jt_g32[1], jt_g32[0]);
            tcg_gen_bswap32_i32(jt_g32[0], jt_g32[0]);
        }
        const void *tc = jt_finish(NULL, false);
        for (unsigned i = 0; i < JT_NVALS; i++) {
            for (unsigned j = 0; j < JT_NVALS; j++) {
                uint64_t a = jt_vals[i], b = jt_vals[j] + j;
                memset(jt_env.r64, 0, sizeof(jt_env.r64));
                memset(jt_env.r32, 0, sizeof(jt_env.r32));
                if (is64) {
                    jt_env.r64[0] = a; jt_env.r64[1] = b;
                    jt_run(tc);
                    unsigned __int128 pu = (unsigned __int128)a * b;
                    __int128 ps = (__int128)(int64_t)a * (int64_t)b;
                    unsigned __int128 sum = (((unsigned __int128)b << 64) | a) +
                                            (((unsigned __int128)a << 64) | b);
                    cr_expect_eq(jt_env.r64[2], (uint64_t)pu);
                    cr_expect_eq(jt_env.r64[3], (uint64_t)(pu >> 64));
                    cr_expect_eq(jt_env.r64[4], (uint64_t)ps);
                    cr_expect_eq(jt_env.r64[5], (uint64_t)((unsigned __int128)ps >> 64));
                    cr_expect_eq(jt_env.r64[6], (uint64_t)sum);
                    cr_expect_eq(jt_env.r64[7], (uint64_t)(sum >> 64));
                    cr_expect_eq(jt_env.r64[0], __builtin_bswap64(a));
                } else {
                    uint32_t x = (uint32_t)a, y = (uint32_t)b;
                    jt_env.r32[0] = x; jt_env.r32[1] = y;
                    jt_run(tc);
                    uint64_t pu = (uint64_t)x * y;
                    int64_t ps = (int64_t)(int32_t)x * (int32_t)y;
                    uint64_t dif = (((uint64_t)y << 32) | x) - (((uint64_t)x << 32) | y);
                    cr_expect_eq(jt_env.r32[2], (uint32_t)pu);
                    cr_expect_eq(jt_env.r32[3], (uint32_t)(pu >> 32));
                    cr_expect_eq(jt_env.r32[4], (uint32_t)ps);
                    cr_expect_eq(jt_env.r32[5], (uint32_t)((uint64_t)ps >> 32));
                    cr_expect_eq(jt_env.r32[6], (uint32_t)dif);
                    cr_expect_eq(jt_env.r32[7], (uint32_t)(dif >> 32));
                    cr_expect_eq(jt_env.r32[1], (uint32_t)((x & 0xff) << 8 | ((x >> 8) & 0xff)));
                    cr_expect_eq(jt_env.r32[0], __builtin_bswap32(x));
                }
                checked += 7;
            }
        }
    }
    printf("mul2/add2/sub2/bswap: %d results compared with native 128-bit C\n", checked);
}

Test(jitops, disassembly_lists_code)
{
    jt_begin(0x1000);
    tcg_gen_addi_i64(jt_g64[0], jt_g64[0], 1);
    static TranslationBlock tb;
    jt_finish(&tb, false);
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    tcg_backend_x86_64.disas(f, tb.tc_ptr, tb.tc_size);
    fclose(f);
    printf("%s", buf);
    cr_expect(strstr(buf, "add") != NULL || strstr(buf, "inc") != NULL);
    cr_expect(strstr(buf, "jmp") != NULL);
    free(buf);
}
