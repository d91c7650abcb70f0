/*
 * Integer SIMD helpers (MMX, SSE/SSE2 integer, SSSE3): one function per
 * instruction serves the MMX form (8 bytes) and the XMM form (16 bytes),
 * told apart by X86_SIMD_ARG_XMM in arg (see translate-int.h). They read
 * and write env registers only; the decoder stages memory operands.
 */
#include <string.h>
#include "target-i386/simd-helper.h"

static int x86_vlen(uint32_t arg)
{
    return (arg & X86_SIMD_ARG_XMM) ? 16 : 8;
}

static int8_t sat_s8(int v)
{
    return v > 127 ? 127 : v < -128 ? -128 : (int8_t)v;
}

static uint8_t sat_u8(int v)
{
    return v > 255 ? 255 : v < 0 ? 0 : (uint8_t)v;
}

static int16_t sat_s16(int32_t v)
{
    return v > 32767 ? 32767 : v < -32768 ? -32768 : (int16_t)v;
}

static uint16_t sat_u16(int32_t v)
{
    return v > 65535 ? 65535 : v < 0 ? 0 : (uint16_t)v;
}

/* ---- lane-wise arithmetic ---- */

void x86_simd_paddb(CPUX86State *env, XMMReg *d, const XMMReg *s, uint32_t arg)
{
    for (int i = 0; i < x86_vlen(arg); i++) {
        d->b[i] += s->b[i];
    }
}

void x86_simd_paddw(CPUX86State *env, XMMReg *d, const XMMReg *s, uint32_t arg)
{
    for (int i = 0; i < x86_vlen(arg) / 2; i++) {
        d->w[i] += s->w[i];
    }
}

void x86_simd_paddd(CPUX86State *env, XMMReg *d, const XMMReg *s, uint32_t arg)
{
    for (int i = 0; i < x86_vlen(arg) / 4; i++) {
        d->l[i] += s->l[i];
    }
}

void x86_simd_paddq(CPUX86State *env, XMMReg *d, const XMMReg *s, uint32_t arg)
{
    for (int i = 0; i < x86_vlen(arg) / 8; i++) {
        d->q[i] += s->q[i];
    }
}

void x86_simd_psubb(CPUX86State *env, XMMReg *d, const XMMReg *s, uint32_t arg)
{
    for (int i = 0; i < x86_vlen(arg); i++) {
        d->b[i] -= s->b[i];
    }
}

void x86_simd_psubw(CPUX86State *env, XMMReg *d, const XMMReg *s, uint32_t arg)
{
    for (int i = 0; i < x86_vlen(arg) / 2; i++) {
        d->w[i] -= s->w[i];
    }
}

void x86_simd_psubd(CPUX86State *env, XMMReg *d, const XMMReg *s, uint32_t arg)
{
    for (int i = 0; i < x86_vlen(arg) / 4; i++) {
        d->l[i] -= s->l[i];
    }
}

void x86_simd_psubq(CPUX86State *env, XMMReg *d, const XMMReg *s, uint32_t arg)
{
    for (int i = 0; i < x86_vlen(arg) / 8; i++) {
        d->q[i] -= s->q[i];
    }
}

void x86_simd_paddsb(CPUX86State *env, XMMReg *d, const XMMReg *s, uint32_t arg)
{
    for (int i = 0; i < x86_vlen(arg); i++) {
        d->b[i] = (uint8_t)sat_s8((int8_t)d->b[i] + (int8_t)s->b[i]);
    }
}

void x86_simd_paddsw(CPUX86State *env, XMMReg *d, const XMMReg *s, uint32_t arg)
{
    for (int i = 0; i < x86_vlen(arg) / 2; i++) {
        d->w[i] = (uint16_t)sat_s16((int16_t)d->w[i] + (int16_t)s->w[i]);
    }
}

void x86_simd_paddusb(CPUX86State *env, XMMReg *d, const XMMReg *s, uint32_t arg)
{
    for (int i = 0; i < x86_vlen(arg); i++) {
        d->b[i] = sat_u8(d->b[i] + s->b[i]);
    }
}

void x86_simd_paddusw(CPUX86State *env, XMMReg *d, const XMMReg *s, uint32_t arg)
{
    for (int i = 0; i < x86_vlen(arg) / 2; i++) {
        d->w[i] = sat_u16(d->w[i] + s->w[i]);
    }
}

void x86_simd_psubsb(CPUX86State *env, XMMReg *d, const XMMReg *s, uint32_t arg)
{
    for (int i = 0; i < x86_vlen(arg); i++) {
        d->b[i] = (uint8_t)sat_s8((int8_t)d->b[i] - (int8_t)s->b[i]);
    }
}

void x86_simd_psubsw(CPUX86State *env, XMMReg *d, const XMMReg *s, uint32_t arg)
{
    for (int i = 0; i < x86_vlen(arg) / 2; i++) {
        d->w[i] = (uint16_t)sat_s16((int16_t)d->w[i] - (int16_t)s->w[i]);
    }
}

void x86_simd_psubusb(CPUX86State *env, XMMReg *d, const XMMReg *s, uint32_t arg)
{
    for (int i = 0; i < x86_vlen(arg); i++) {
        d->b[i] = sat_u8(d->b[i] - s->b[i]);
    }
}

void x86_simd_psubusw(CPUX86State *env, XMMReg *d, const XMMReg *s, uint32_t arg)
{
    for (int i = 0; i < x86_vlen(arg) / 2; i++) {
        d->w[i] = sat_u16(d->w[i] - s->w[i]);
    }
}

void x86_simd_pmullw(CPUX86State *env, XMMReg *d, const XMMReg *s, uint32_t arg)
{
    for (int i = 0; i < x86_vlen(arg) / 2; i++) {
        d->w[i] = (uint16_t)((int16_t)d->w[i] * (int16_t)s->w[i]);
    }
}

void x86_simd_pmulhw(CPUX86State *env, XMMReg *d, const XMMReg *s, uint32_t arg)
{
    for (int i = 0; i < x86_vlen(arg) / 2; i++) {
        d->w[i] = (uint16_t)(((int16_t)d->w[i] * (int16_t)s->w[i]) >> 16);
    }
}

void x86_simd_pmulhuw(CPUX86State *env, XMMReg *d, const XMMReg *s, uint32_t arg)
{
    for (int i = 0; i < x86_vlen(arg) / 2; i++) {
        d->w[i] = (uint16_t)(((uint32_t)d->w[i] * s->w[i]) >> 16);
    }
}

void x86_simd_pmuludq(CPUX86State *env, XMMReg *d, const XMMReg *s, uint32_t arg)
{
    for (int i = 0; i < x86_vlen(arg) / 8; i++) {
        d->q[i] = (uint64_t)d->l[2 * i] * s->l[2 * i];
    }
}

void x86_simd_pmaddwd(CPUX86State *env, XMMReg *d, const XMMReg *s, uint32_t arg)
{
    for (int i = 0; i < x86_vlen(arg) / 4; i++) {
        int64_t v = (int64_t)(int16_t)d->w[2 * i] * (int16_t)s->w[2 * i] +
                    (int64_t)(int16_t)d->w[2 * i + 1] * (int16_t)s->w[2 * i + 1];
        d->l[i] = (uint32_t)v;
    }
}

void x86_simd_psadbw(CPUX86State *env, XMMReg *d, const XMMReg *s, uint32_t arg)
{
    for (int i = 0; i < x86_vlen(arg) / 8; i++) {
        uint32_t sum = 0;
        for (int j = 0; j < 8; j++) {
            int v = d->b[8 * i + j] - s->b[8 * i + j];
            sum += (uint32_t)(v < 0 ? -v : v);
        }
        d->q[i] = sum;
    }
}

void x86_simd_pavgb(CPUX86State *env, XMMReg *d, const XMMReg *s, uint32_t arg)
{
    for (int i = 0; i < x86_vlen(arg); i++) {
        d->b[i] = (uint8_t)((d->b[i] + s->b[i] + 1) >> 1);
    }
}

void x86_simd_pavgw(CPUX86State *env, XMMReg *d, const XMMReg *s, uint32_t arg)
{
    for (int i = 0; i < x86_vlen(arg) / 2; i++) {
        d->w[i] = (uint16_t)((d->w[i] + s->w[i] + 1) >> 1);
    }
}

void x86_simd_pminub(CPUX86State *env, XMMReg *d, const XMMReg *s, uint32_t arg)
{
    for (int i = 0; i < x86_vlen(arg); i++) {
        d->b[i] = s->b[i] < d->b[i] ? s->b[i] : d->b[i];
    }
}

void x86_simd_pmaxub(CPUX86State *env, XMMReg *d, const XMMReg *s, uint32_t arg)
{
    for (int i = 0; i < x86_vlen(arg); i++) {
        d->b[i] = s->b[i] > d->b[i] ? s->b[i] : d->b[i];
    }
}

void x86_simd_pminsw(CPUX86State *env, XMMReg *d, const XMMReg *s, uint32_t arg)
{
    for (int i = 0; i < x86_vlen(arg) / 2; i++) {
        d->w[i] = (int16_t)s->w[i] < (int16_t)d->w[i] ? s->w[i] : d->w[i];
    }
}

void x86_simd_pmaxsw(CPUX86State *env, XMMReg *d, const XMMReg *s, uint32_t arg)
{
    for (int i = 0; i < x86_vlen(arg) / 2; i++) {
        d->w[i] = (int16_t)s->w[i] > (int16_t)d->w[i] ? s->w[i] : d->w[i];
    }
}

/* ---- compares ---- */

void x86_simd_pcmpeqb(CPUX86State *env, XMMReg *d, const XMMReg *s, uint32_t arg)
{
    for (int i = 0; i < x86_vlen(arg); i++) {
        d->b[i] = d->b[i] == s->b[i] ? 0xff : 0;
    }
}

void x86_simd_pcmpeqw(CPUX86State *env, XMMReg *d, const XMMReg *s, uint32_t arg)
{
    for (int i = 0; i < x86_vlen(arg) / 2; i++) {
        d->w[i] = d->w[i] == s->w[i] ? 0xffff : 0;
    }
}

void x86_simd_pcmpeqd(CPUX86State *env, XMMReg *d, const XMMReg *s, uint32_t arg)
{
    for (int i = 0; i < x86_vlen(arg) / 4; i++) {
        d->l[i] = d->l[i] == s->l[i] ? 0xffffffffu : 0;
    }
}

void x86_simd_pcmpgtb(CPUX86State *env, XMMReg *d, const XMMReg *s, uint32_t arg)
{
    for (int i = 0; i < x86_vlen(arg); i++) {
        d->b[i] = (int8_t)d->b[i] > (int8_t)s->b[i] ? 0xff : 0;
    }
}

void x86_simd_pcmpgtw(CPUX86State *env, XMMReg *d, const XMMReg *s, uint32_t arg)
{
    for (int i = 0; i < x86_vlen(arg) / 2; i++) {
        d->w[i] = (int16_t)d->w[i] > (int16_t)s->w[i] ? 0xffff : 0;
    }
}

void x86_simd_pcmpgtd(CPUX86State *env, XMMReg *d, const XMMReg *s, uint32_t arg)
{
    for (int i = 0; i < x86_vlen(arg) / 4; i++) {
        d->l[i] = (int32_t)d->l[i] > (int32_t)s->l[i] ? 0xffffffffu : 0;
    }
}

/* ---- shifts: the count is s->q[0] (register/memory forms; the decoder
 * puts the Ib of the immediate forms there) ---- */

void x86_simd_psrlw(CPUX86State *env, XMMReg *d, const XMMReg *s, uint32_t arg)
{
    uint64_t c = s->q[0];
    for (int i = 0; i < x86_vlen(arg) / 2; i++) {
        d->w[i] = c > 15 ? 0 : (uint16_t)(d->w[i] >> c);
    }
}

void x86_simd_psrld(CPUX86State *env, XMMReg *d, const XMMReg *s, uint32_t arg)
{
    uint64_t c = s->q[0];
    for (int i = 0; i < x86_vlen(arg) / 4; i++) {
        d->l[i] = c > 31 ? 0 : d->l[i] >> c;
    }
}

void x86_simd_psrlq(CPUX86State *env, XMMReg *d, const XMMReg *s, uint32_t arg)
{
    uint64_t c = s->q[0];
    for (int i = 0; i < x86_vlen(arg) / 8; i++) {
        d->q[i] = c > 63 ? 0 : d->q[i] >> c;
    }
}

void x86_simd_psraw(CPUX86State *env, XMMReg *d, const XMMReg *s, uint32_t arg)
{
    uint64_t c = s->q[0] > 15 ? 15 : s->q[0];
    for (int i = 0; i < x86_vlen(arg) / 2; i++) {
        d->w[i] = (uint16_t)((int16_t)d->w[i] >> c);
    }
}

void x86_simd_psrad(CPUX86State *env, XMMReg *d, const XMMReg *s, uint32_t arg)
{
    uint64_t c = s->q[0] > 31 ? 31 : s->q[0];
    for (int i = 0; i < x86_vlen(arg) / 4; i++) {
        d->l[i] = (uint32_t)((int32_t)d->l[i] >> c);
    }
}

void x86_simd_psllw(CPUX86State *env, XMMReg *d, const XMMReg *s, uint32_t arg)
{
    uint64_t c = s->q[0];
    for (int i = 0; i < x86_vlen(arg) / 2; i++) {
        d->w[i] = c > 15 ? 0 : (uint16_t)(d->w[i] << c);
    }
}

void x86_simd_pslld(CPUX86State *env, XMMReg *d, const XMMReg *s, uint32_t arg)
{
    uint64_t c = s->q[0];
    for (int i = 0; i < x86_vlen(arg) / 4; i++) {
        d->l[i] = c > 31 ? 0 : d->l[i] << c;
    }
}

void x86_simd_psllq(CPUX86State *env, XMMReg *d, const XMMReg *s, uint32_t arg)
{
    uint64_t c = s->q[0];
    for (int i = 0; i < x86_vlen(arg) / 8; i++) {
        d->q[i] = c > 63 ? 0 : d->q[i] << c;
    }
}

/* PSRLDQ / PSLLDQ: whole-register byte shifts (XMM only). */
void x86_simd_psrldq(CPUX86State *env, XMMReg *d, const XMMReg *s, uint32_t arg)
{
    uint64_t c = s->q[0] > 16 ? 16 : s->q[0];
    XMMReg r = { 0 };
    for (int i = 0; i + (int)c < 16; i++) {
        r.b[i] = d->b[i + c];
    }
    *d = r;
}

void x86_simd_pslldq(CPUX86State *env, XMMReg *d, const XMMReg *s, uint32_t arg)
{
    uint64_t c = s->q[0] > 16 ? 16 : s->q[0];
    XMMReg r = { 0 };
    for (int i = (int)c; i < 16; i++) {
        r.b[i] = d->b[i - c];
    }
    *d = r;
}

/* ---- packs and unpacks ---- */

void x86_simd_packsswb(CPUX86State *env, XMMReg *d, const XMMReg *s, uint32_t arg)
{
    int n = x86_vlen(arg) / 2;
    XMMReg r;
    for (int i = 0; i < n; i++) {
        r.b[i] = (uint8_t)sat_s8((int16_t)d->w[i]);
        r.b[n + i] = (uint8_t)sat_s8((int16_t)s->w[i]);
    }
    memcpy(d, &r, (size_t)x86_vlen(arg));
}

void x86_simd_packuswb(CPUX86State *env, XMMReg *d, const XMMReg *s, uint32_t arg)
{
    int n = x86_vlen(arg) / 2;
    XMMReg r;
    for (int i = 0; i < n; i++) {
        r.b[i] = sat_u8((int16_t)d->w[i]);
        r.b[n + i] = sat_u8((int16_t)s->w[i]);
    }
    memcpy(d, &r, (size_t)x86_vlen(arg));
}

void x86_simd_packssdw(CPUX86State *env, XMMReg *d, const XMMReg *s, uint32_t arg)
{
    int n = x86_vlen(arg) / 4;
    XMMReg r;
    for (int i = 0; i < n; i++) {
        r.w[i] = (uint16_t)sat_s16((int32_t)d->l[i]);
        r.w[n + i] = (uint16_t)sat_s16((int32_t)s->l[i]);
    }
    memcpy(d, &r, (size_t)x86_vlen(arg));
}

/* Interleaves the elements of size `size` of the low (hi = 0) or high
 * half of d and s. */
static void x86_unpack(XMMReg *d, const XMMReg *s, int len, int size, int hi)
{
    XMMReg r;
    int half = len / 2, base = hi ? half : 0;
    for (int i = 0; i < half / size; i++) {
        memcpy(&r.b[2 * i * size], &d->b[base + i * size], (size_t)size);
        memcpy(&r.b[(2 * i + 1) * size], &s->b[base + i * size], (size_t)size);
    }
    memcpy(d, &r, (size_t)len);
}

void x86_simd_punpcklbw(CPUX86State *env, XMMReg *d, const XMMReg *s, uint32_t arg)
{
    x86_unpack(d, s, x86_vlen(arg), 1, 0);
}

void x86_simd_punpcklwd(CPUX86State *env, XMMReg *d, const XMMReg *s, uint32_t arg)
{
    x86_unpack(d, s, x86_vlen(arg), 2, 0);
}

void x86_simd_punpckldq(CPUX86State *env, XMMReg *d, const XMMReg *s, uint32_t arg)
{
    x86_unpack(d, s, x86_vlen(arg), 4, 0);
}

void x86_simd_punpcklqdq(CPUX86State *env, XMMReg *d, const XMMReg *s, uint32_t arg)
{
    x86_unpack(d, s, x86_vlen(arg), 8, 0);
}

void x86_simd_punpckhbw(CPUX86State *env, XMMReg *d, const XMMReg *s, uint32_t arg)
{
    x86_unpack(d, s, x86_vlen(arg), 1, 1);
}

void x86_simd_punpckhwd(CPUX86State *env, XMMReg *d, const XMMReg *s, uint32_t arg)
{
    x86_unpack(d, s, x86_vlen(arg), 2, 1);
}

void x86_simd_punpckhdq(CPUX86State *env, XMMReg *d, const XMMReg *s, uint32_t arg)
{
    x86_unpack(d, s, x86_vlen(arg), 4, 1);
}

void x86_simd_punpckhqdq(CPUX86State *env, XMMReg *d, const XMMReg *s, uint32_t arg)
{
    x86_unpack(d, s, x86_vlen(arg), 8, 1);
}

/* ---- shuffles, inserts and extracts ---- */

void x86_simd_pshufw(CPUX86State *env, XMMReg *d, const XMMReg *s, uint32_t arg)
{
    uint16_t r[4];
    for (int i = 0; i < 4; i++) {
        r[i] = s->w[(arg >> (2 * i)) & 3];
    }
    memcpy(d, r, sizeof(r));
}

void x86_simd_pshufd(CPUX86State *env, XMMReg *d, const XMMReg *s, uint32_t arg)
{
    XMMReg r;
    for (int i = 0; i < 4; i++) {
        r.l[i] = s->l[(arg >> (2 * i)) & 3];
    }
    *d = r;
}

void x86_simd_pshuflw(CPUX86State *env, XMMReg *d, const XMMReg *s, uint32_t arg)
{
    XMMReg r = *s;
    for (int i = 0; i < 4; i++) {
        r.w[i] = s->w[(arg >> (2 * i)) & 3];
    }
    *d = r;
}

void x86_simd_pshufhw(CPUX86State *env, XMMReg *d, const XMMReg *s, uint32_t arg)
{
    XMMReg r = *s;
    for (int i = 0; i < 4; i++) {
        r.w[4 + i] = s->w[4 + ((arg >> (2 * i)) & 3)];
    }
    *d = r;
}

void x86_simd_shufps(CPUX86State *env, XMMReg *d, const XMMReg *s, uint32_t arg)
{
    XMMReg r;
    r.l[0] = d->l[arg & 3];
    r.l[1] = d->l[(arg >> 2) & 3];
    r.l[2] = s->l[(arg >> 4) & 3];
    r.l[3] = s->l[(arg >> 6) & 3];
    *d = r;
}

void x86_simd_shufpd(CPUX86State *env, XMMReg *d, const XMMReg *s, uint32_t arg)
{
    XMMReg r;
    r.q[0] = d->q[arg & 1];
    r.q[1] = s->q[(arg >> 1) & 1];
    *d = r;
}

/* PINSRW: s->w[0] is the word (from r32 or m16). */
void x86_simd_pinsrw(CPUX86State *env, XMMReg *d, const XMMReg *s, uint32_t arg)
{
    int n = x86_vlen(arg) / 2;
    d->w[(arg & 0xff) % n] = s->w[0];
}

/* PEXTRW: d is the general-register destination (l[0]). */
void x86_simd_pextrw(CPUX86State *env, XMMReg *d, const XMMReg *s, uint32_t arg)
{
    int n = x86_vlen(arg) / 2;
    d->l[0] = s->w[(arg & 0xff) % n];
}

void x86_simd_pmovmskb(CPUX86State *env, XMMReg *d, const XMMReg *s, uint32_t arg)
{
    uint32_t m = 0;
    for (int i = 0; i < x86_vlen(arg); i++) {
        m |= (uint32_t)(s->b[i] >> 7) << i;
    }
    d->l[0] = m;
}

void x86_simd_movmskps(CPUX86State *env, XMMReg *d, const XMMReg *s, uint32_t arg)
{
    uint32_t m = 0;
    for (int i = 0; i < 4; i++) {
        m |= (s->l[i] >> 31) << i;
    }
    d->l[0] = m;
}

void x86_simd_movmskpd(CPUX86State *env, XMMReg *d, const XMMReg *s, uint32_t arg)
{
    d->l[0] = (uint32_t)((s->q[0] >> 63) | ((s->q[1] >> 63) << 1));
}

/* ---- SSE3 moves ---- */

void x86_simd_movddup(CPUX86State *env, XMMReg *d, const XMMReg *s, uint32_t arg)
{
    uint64_t v = s->q[0];
    d->q[0] = v;
    d->q[1] = v;
}

void x86_simd_movsldup(CPUX86State *env, XMMReg *d, const XMMReg *s, uint32_t arg)
{
    XMMReg r = { .l = { s->l[0], s->l[0], s->l[2], s->l[2] } };
    *d = r;
}

void x86_simd_movshdup(CPUX86State *env, XMMReg *d, const XMMReg *s, uint32_t arg)
{
    XMMReg r = { .l = { s->l[1], s->l[1], s->l[3], s->l[3] } };
    *d = r;
}

/* ---- SSSE3 ---- */

void x86_simd_pshufb(CPUX86State *env, XMMReg *d, const XMMReg *s, uint32_t arg)
{
    int n = x86_vlen(arg);
    XMMReg r;
    for (int i = 0; i < n; i++) {
        uint8_t c = s->b[i];
        r.b[i] = (c & 0x80) ? 0 : d->b[c & (n - 1)];
    }
    memcpy(d, &r, (size_t)n);
}

/* Horizontal add/subtract of adjacent pairs: d's pairs give the low half
 * of the result, s's the high half. */
static int32_t x86_hop(int32_t a, int32_t b, int op)
{
    return op == 0 ? a + b : a - b;
}

static void x86_phw(XMMReg *d, const XMMReg *s, int n, int op, bool sat)
{
    XMMReg r;
    int half = n / 4;   /* words from each source */
    for (int i = 0; i < half; i++) {
        int32_t a = x86_hop((int16_t)d->w[2 * i], (int16_t)d->w[2 * i + 1], op);
        int32_t b = x86_hop((int16_t)s->w[2 * i], (int16_t)s->w[2 * i + 1], op);
        r.w[i] = (uint16_t)(sat ? sat_s16(a) : a);
        r.w[half + i] = (uint16_t)(sat ? sat_s16(b) : b);
    }
    memcpy(d, &r, (size_t)n);
}

static void x86_phd(XMMReg *d, const XMMReg *s, int n, int op)
{
    XMMReg r;
    int half = n / 8;
    for (int i = 0; i < half; i++) {
        r.l[i] = op == 0 ? d->l[2 * i] + d->l[2 * i + 1] : d->l[2 * i] - d->l[2 * i + 1];
        r.l[half + i] = op == 0 ? s->l[2 * i] + s->l[2 * i + 1] : s->l[2 * i] - s->l[2 * i + 1];
    }
    memcpy(d, &r, (size_t)n);
}

void x86_simd_phaddw(CPUX86State *env, XMMReg *d, const XMMReg *s, uint32_t arg)
{
    x86_phw(d, s, x86_vlen(arg), 0, false);
}

void x86_simd_phaddsw(CPUX86State *env, XMMReg *d, const XMMReg *s, uint32_t arg)
{
    x86_phw(d, s, x86_vlen(arg), 0, true);
}

void x86_simd_phsubw(CPUX86State *env, XMMReg *d, const XMMReg *s, uint32_t arg)
{
    x86_phw(d, s, x86_vlen(arg), 1, false);
}

void x86_simd_phsubsw(CPUX86State *env, XMMReg *d, const XMMReg *s, uint32_t arg)
{
    x86_phw(d, s, x86_vlen(arg), 1, true);
}

void x86_simd_phaddd(CPUX86State *env, XMMReg *d, const XMMReg *s, uint32_t arg)
{
    x86_phd(d, s, x86_vlen(arg), 0);
}

void x86_simd_phsubd(CPUX86State *env, XMMReg *d, const XMMReg *s, uint32_t arg)
{
    x86_phd(d, s, x86_vlen(arg), 1);
}

void x86_simd_pmaddubsw(CPUX86State *env, XMMReg *d, const XMMReg *s, uint32_t arg)
{
    for (int i = 0; i < x86_vlen(arg) / 2; i++) {
        int32_t v = d->b[2 * i] * (int8_t)s->b[2 * i] +
                    d->b[2 * i + 1] * (int8_t)s->b[2 * i + 1];
        d->w[i] = (uint16_t)sat_s16(v);
    }
}

void x86_simd_pmulhrsw(CPUX86State *env, XMMReg *d, const XMMReg *s, uint32_t arg)
{
    for (int i = 0; i < x86_vlen(arg) / 2; i++) {
        int32_t v = (int16_t)d->w[i] * (int16_t)s->w[i];
        d->w[i] = (uint16_t)(((v >> 14) + 1) >> 1);
    }
}

void x86_simd_psignb(CPUX86State *env, XMMReg *d, const XMMReg *s, uint32_t arg)
{
    for (int i = 0; i < x86_vlen(arg); i++) {
        int8_t c = (int8_t)s->b[i];
        d->b[i] = c < 0 ? (uint8_t)-d->b[i] : c == 0 ? 0 : d->b[i];
    }
}

void x86_simd_psignw(CPUX86State *env, XMMReg *d, const XMMReg *s, uint32_t arg)
{
    for (int i = 0; i < x86_vlen(arg) / 2; i++) {
        int16_t c = (int16_t)s->w[i];
        d->w[i] = c < 0 ? (uint16_t)-d->w[i] : c == 0 ? 0 : d->w[i];
    }
}

void x86_simd_psignd(CPUX86State *env, XMMReg *d, const XMMReg *s, uint32_t arg)
{
    for (int i = 0; i < x86_vlen(arg) / 4; i++) {
        int32_t c = (int32_t)s->l[i];
        d->l[i] = c < 0 ? -d->l[i] : c == 0 ? 0 : d->l[i];
    }
}

void x86_simd_pabsb(CPUX86State *env, XMMReg *d, const XMMReg *s, uint32_t arg)
{
    for (int i = 0; i < x86_vlen(arg); i++) {
        int8_t v = (int8_t)s->b[i];
        d->b[i] = v < 0 ? (uint8_t)-v : (uint8_t)v;
    }
}

void x86_simd_pabsw(CPUX86State *env, XMMReg *d, const XMMReg *s, uint32_t arg)
{
    for (int i = 0; i < x86_vlen(arg) / 2; i++) {
        int16_t v = (int16_t)s->w[i];
        d->w[i] = v < 0 ? (uint16_t)-v : (uint16_t)v;
    }
}

void x86_simd_pabsd(CPUX86State *env, XMMReg *d, const XMMReg *s, uint32_t arg)
{
    for (int i = 0; i < x86_vlen(arg) / 4; i++) {
        int32_t v = (int32_t)s->l[i];
        d->l[i] = v < 0 ? -(uint32_t)v : (uint32_t)v;
    }
}

/* PALIGNR: the concatenation d:s shifted right by imm8 bytes. */
void x86_simd_palignr(CPUX86State *env, XMMReg *d, const XMMReg *s, uint32_t arg)
{
    int n = x86_vlen(arg), c = (int)(arg & 0xff);
    uint8_t cat[32];
    XMMReg r;
    memcpy(cat, s->b, (size_t)n);
    memcpy(cat + n, d->b, (size_t)n);
    for (int i = 0; i < n; i++) {
        r.b[i] = i + c < 2 * n ? cat[i + c] : 0;
    }
    memcpy(d, &r, (size_t)n);
}
