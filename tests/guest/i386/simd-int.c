// mimic-test: mimic-opts -cpu max
/*
 * MMX, SSE/SSE2 integer, SSE3 and SSSE3 instructions against the host CPU:
 * every encoding below, register and memory forms, random and edge values,
 * random register pairs, every imm8 of the immediate forms, misaligned
 * 16-byte operands (#GP -> SIGSEGV), and the MMX/x87 state transitions.
 */
#include "simd-common.h"

enum {
    T_MMX = 1 << 0, T_XMM = 1 << 1, T_IMM = 1 << 2, T_REGONLY = 1 << 3,
    T_MEMONLY = 1 << 4, T_GPR_REG = 1 << 5, T_GPR_RM = 1 << 6, T_A16 = 1 << 7,
    T_RM_MMX = 1 << 8, T_RM_XMM = 1 << 9,
};
#define T_GRP(n) (((n) + 1) << 12)

typedef struct Enc {
    const char *name;
    uint8_t bytes[5];
    int n;
    int flags;
} Enc;

static const Enc encs[] = {
    /* MMX (Pq, Qq) and SSE2 (66: Vx, Wx) integer ops */
    { "punpcklbw", { 0x0f, 0x60 }, 2, T_MMX },
    { "punpcklbw", { 0x66, 0x0f, 0x60 }, 3, T_XMM | T_A16 },
    { "punpcklwd", { 0x0f, 0x61 }, 2, T_MMX },
    { "punpcklwd", { 0x66, 0x0f, 0x61 }, 3, T_XMM | T_A16 },
    { "punpckldq", { 0x0f, 0x62 }, 2, T_MMX },
    { "punpckldq", { 0x66, 0x0f, 0x62 }, 3, T_XMM | T_A16 },
    { "packsswb", { 0x0f, 0x63 }, 2, T_MMX },
    { "packsswb", { 0x66, 0x0f, 0x63 }, 3, T_XMM | T_A16 },
    { "pcmpgtb", { 0x0f, 0x64 }, 2, T_MMX },
    { "pcmpgtb", { 0x66, 0x0f, 0x64 }, 3, T_XMM | T_A16 },
    { "pcmpgtw", { 0x0f, 0x65 }, 2, T_MMX },
    { "pcmpgtw", { 0x66, 0x0f, 0x65 }, 3, T_XMM | T_A16 },
    { "pcmpgtd", { 0x0f, 0x66 }, 2, T_MMX },
    { "pcmpgtd", { 0x66, 0x0f, 0x66 }, 3, T_XMM | T_A16 },
    { "packuswb", { 0x0f, 0x67 }, 2, T_MMX },
    { "packuswb", { 0x66, 0x0f, 0x67 }, 3, T_XMM | T_A16 },
    { "punpckhbw", { 0x0f, 0x68 }, 2, T_MMX },
    { "punpckhbw", { 0x66, 0x0f, 0x68 }, 3, T_XMM | T_A16 },
    { "punpckhwd", { 0x0f, 0x69 }, 2, T_MMX },
    { "punpckhwd", { 0x66, 0x0f, 0x69 }, 3, T_XMM | T_A16 },
    { "punpckhdq", { 0x0f, 0x6a }, 2, T_MMX },
    { "punpckhdq", { 0x66, 0x0f, 0x6a }, 3, T_XMM | T_A16 },
    { "packssdw", { 0x0f, 0x6b }, 2, T_MMX },
    { "packssdw", { 0x66, 0x0f, 0x6b }, 3, T_XMM | T_A16 },
    { "pcmpeqb", { 0x0f, 0x74 }, 2, T_MMX },
    { "pcmpeqb", { 0x66, 0x0f, 0x74 }, 3, T_XMM | T_A16 },
    { "pcmpeqw", { 0x0f, 0x75 }, 2, T_MMX },
    { "pcmpeqw", { 0x66, 0x0f, 0x75 }, 3, T_XMM | T_A16 },
    { "pcmpeqd", { 0x0f, 0x76 }, 2, T_MMX },
    { "pcmpeqd", { 0x66, 0x0f, 0x76 }, 3, T_XMM | T_A16 },
    { "psrlw", { 0x0f, 0xd1 }, 2, T_MMX },
    { "psrlw", { 0x66, 0x0f, 0xd1 }, 3, T_XMM | T_A16 },
    { "psrld", { 0x0f, 0xd2 }, 2, T_MMX },
    { "psrld", { 0x66, 0x0f, 0xd2 }, 3, T_XMM | T_A16 },
    { "psrlq", { 0x0f, 0xd3 }, 2, T_MMX },
    { "psrlq", { 0x66, 0x0f, 0xd3 }, 3, T_XMM | T_A16 },
    { "paddq", { 0x0f, 0xd4 }, 2, T_MMX },
    { "paddq", { 0x66, 0x0f, 0xd4 }, 3, T_XMM | T_A16 },
    { "pmullw", { 0x0f, 0xd5 }, 2, T_MMX },
    { "pmullw", { 0x66, 0x0f, 0xd5 }, 3, T_XMM | T_A16 },
    { "psubusb", { 0x0f, 0xd8 }, 2, T_MMX },
    { "psubusb", { 0x66, 0x0f, 0xd8 }, 3, T_XMM | T_A16 },
    { "psubusw", { 0x0f, 0xd9 }, 2, T_MMX },
    { "psubusw", { 0x66, 0x0f, 0xd9 }, 3, T_XMM | T_A16 },
    { "pminub", { 0x0f, 0xda }, 2, T_MMX },
    { "pminub", { 0x66, 0x0f, 0xda }, 3, T_XMM | T_A16 },
    { "pand", { 0x0f, 0xdb }, 2, T_MMX },
    { "pand", { 0x66, 0x0f, 0xdb }, 3, T_XMM | T_A16 },
    { "paddusb", { 0x0f, 0xdc }, 2, T_MMX },
    { "paddusb", { 0x66, 0x0f, 0xdc }, 3, T_XMM | T_A16 },
    { "paddusw", { 0x0f, 0xdd }, 2, T_MMX },
    { "paddusw", { 0x66, 0x0f, 0xdd }, 3, T_XMM | T_A16 },
    { "pmaxub", { 0x0f, 0xde }, 2, T_MMX },
    { "pmaxub", { 0x66, 0x0f, 0xde }, 3, T_XMM | T_A16 },
    { "pandn", { 0x0f, 0xdf }, 2, T_MMX },
    { "pandn", { 0x66, 0x0f, 0xdf }, 3, T_XMM | T_A16 },
    { "pavgb", { 0x0f, 0xe0 }, 2, T_MMX },
    { "pavgb", { 0x66, 0x0f, 0xe0 }, 3, T_XMM | T_A16 },
    { "psraw", { 0x0f, 0xe1 }, 2, T_MMX },
    { "psraw", { 0x66, 0x0f, 0xe1 }, 3, T_XMM | T_A16 },
    { "psrad", { 0x0f, 0xe2 }, 2, T_MMX },
    { "psrad", { 0x66, 0x0f, 0xe2 }, 3, T_XMM | T_A16 },
    { "pavgw", { 0x0f, 0xe3 }, 2, T_MMX },
    { "pavgw", { 0x66, 0x0f, 0xe3 }, 3, T_XMM | T_A16 },
    { "pmulhuw", { 0x0f, 0xe4 }, 2, T_MMX },
    { "pmulhuw", { 0x66, 0x0f, 0xe4 }, 3, T_XMM | T_A16 },
    { "pmulhw", { 0x0f, 0xe5 }, 2, T_MMX },
    { "pmulhw", { 0x66, 0x0f, 0xe5 }, 3, T_XMM | T_A16 },
    { "psubsb", { 0x0f, 0xe8 }, 2, T_MMX },
    { "psubsb", { 0x66, 0x0f, 0xe8 }, 3, T_XMM | T_A16 },
    { "psubsw", { 0x0f, 0xe9 }, 2, T_MMX },
    { "psubsw", { 0x66, 0x0f, 0xe9 }, 3, T_XMM | T_A16 },
    { "pminsw", { 0x0f, 0xea }, 2, T_MMX },
    { "pminsw", { 0x66, 0x0f, 0xea }, 3, T_XMM | T_A16 },
    { "por", { 0x0f, 0xeb }, 2, T_MMX },
    { "por", { 0x66, 0x0f, 0xeb }, 3, T_XMM | T_A16 },
    { "paddsb", { 0x0f, 0xec }, 2, T_MMX },
    { "paddsb", { 0x66, 0x0f, 0xec }, 3, T_XMM | T_A16 },
    { "paddsw", { 0x0f, 0xed }, 2, T_MMX },
    { "paddsw", { 0x66, 0x0f, 0xed }, 3, T_XMM | T_A16 },
    { "pmaxsw", { 0x0f, 0xee }, 2, T_MMX },
    { "pmaxsw", { 0x66, 0x0f, 0xee }, 3, T_XMM | T_A16 },
    { "pxor", { 0x0f, 0xef }, 2, T_MMX },
    { "pxor", { 0x66, 0x0f, 0xef }, 3, T_XMM | T_A16 },
    { "psllw", { 0x0f, 0xf1 }, 2, T_MMX },
    { "psllw", { 0x66, 0x0f, 0xf1 }, 3, T_XMM | T_A16 },
    { "pslld", { 0x0f, 0xf2 }, 2, T_MMX },
    { "pslld", { 0x66, 0x0f, 0xf2 }, 3, T_XMM | T_A16 },
    { "psllq", { 0x0f, 0xf3 }, 2, T_MMX },
    { "psllq", { 0x66, 0x0f, 0xf3 }, 3, T_XMM | T_A16 },
    { "pmuludq", { 0x0f, 0xf4 }, 2, T_MMX },
    { "pmuludq", { 0x66, 0x0f, 0xf4 }, 3, T_XMM | T_A16 },
    { "pmaddwd", { 0x0f, 0xf5 }, 2, T_MMX },
    { "pmaddwd", { 0x66, 0x0f, 0xf5 }, 3, T_XMM | T_A16 },
    { "psadbw", { 0x0f, 0xf6 }, 2, T_MMX },
    { "psadbw", { 0x66, 0x0f, 0xf6 }, 3, T_XMM | T_A16 },
    { "psubb", { 0x0f, 0xf8 }, 2, T_MMX },
    { "psubb", { 0x66, 0x0f, 0xf8 }, 3, T_XMM | T_A16 },
    { "psubw", { 0x0f, 0xf9 }, 2, T_MMX },
    { "psubw", { 0x66, 0x0f, 0xf9 }, 3, T_XMM | T_A16 },
    { "psubd", { 0x0f, 0xfa }, 2, T_MMX },
    { "psubd", { 0x66, 0x0f, 0xfa }, 3, T_XMM | T_A16 },
    { "psubq", { 0x0f, 0xfb }, 2, T_MMX },
    { "psubq", { 0x66, 0x0f, 0xfb }, 3, T_XMM | T_A16 },
    { "paddb", { 0x0f, 0xfc }, 2, T_MMX },
    { "paddb", { 0x66, 0x0f, 0xfc }, 3, T_XMM | T_A16 },
    { "paddw", { 0x0f, 0xfd }, 2, T_MMX },
    { "paddw", { 0x66, 0x0f, 0xfd }, 3, T_XMM | T_A16 },
    { "paddd", { 0x0f, 0xfe }, 2, T_MMX },
    { "paddd", { 0x66, 0x0f, 0xfe }, 3, T_XMM | T_A16 },
    { "punpcklqdq", { 0x66, 0x0f, 0x6c }, 3, T_XMM | T_A16 },
    { "punpckhqdq", { 0x66, 0x0f, 0x6d }, 3, T_XMM | T_A16 },
    /* shifts by imm8 (every count) */
    { "psrlw imm", { 0x0f, 0x71 }, 2, T_MMX | T_REGONLY | T_IMM | T_GRP(2) },
    { "psrlw imm", { 0x66, 0x0f, 0x71 }, 3, T_XMM | T_REGONLY | T_IMM | T_GRP(2) },
    { "psraw imm", { 0x0f, 0x71 }, 2, T_MMX | T_REGONLY | T_IMM | T_GRP(4) },
    { "psraw imm", { 0x66, 0x0f, 0x71 }, 3, T_XMM | T_REGONLY | T_IMM | T_GRP(4) },
    { "psllw imm", { 0x0f, 0x71 }, 2, T_MMX | T_REGONLY | T_IMM | T_GRP(6) },
    { "psllw imm", { 0x66, 0x0f, 0x71 }, 3, T_XMM | T_REGONLY | T_IMM | T_GRP(6) },
    { "psrld imm", { 0x0f, 0x72 }, 2, T_MMX | T_REGONLY | T_IMM | T_GRP(2) },
    { "psrld imm", { 0x66, 0x0f, 0x72 }, 3, T_XMM | T_REGONLY | T_IMM | T_GRP(2) },
    { "psrad imm", { 0x0f, 0x72 }, 2, T_MMX | T_REGONLY | T_IMM | T_GRP(4) },
    { "psrad imm", { 0x66, 0x0f, 0x72 }, 3, T_XMM | T_REGONLY | T_IMM | T_GRP(4) },
    { "pslld imm", { 0x0f, 0x72 }, 2, T_MMX | T_REGONLY | T_IMM | T_GRP(6) },
    { "pslld imm", { 0x66, 0x0f, 0x72 }, 3, T_XMM | T_REGONLY | T_IMM | T_GRP(6) },
    { "psrlq imm", { 0x0f, 0x73 }, 2, T_MMX | T_REGONLY | T_IMM | T_GRP(2) },
    { "psrlq imm", { 0x66, 0x0f, 0x73 }, 3, T_XMM | T_REGONLY | T_IMM | T_GRP(2) },
    { "psllq imm", { 0x0f, 0x73 }, 2, T_MMX | T_REGONLY | T_IMM | T_GRP(6) },
    { "psllq imm", { 0x66, 0x0f, 0x73 }, 3, T_XMM | T_REGONLY | T_IMM | T_GRP(6) },
    { "psrldq", { 0x66, 0x0f, 0x73 }, 3, T_XMM | T_REGONLY | T_IMM | T_GRP(3) },
    { "pslldq", { 0x66, 0x0f, 0x73 }, 3, T_XMM | T_REGONLY | T_IMM | T_GRP(7) },
    /* shuffles, inserts, extracts, masks (every imm8) */
    { "pshufw", { 0x0f, 0x70 }, 2, T_MMX | T_IMM },
    { "pshufd", { 0x66, 0x0f, 0x70 }, 3, T_XMM | T_IMM | T_A16 },
    { "pshufhw", { 0xf3, 0x0f, 0x70 }, 3, T_XMM | T_IMM | T_A16 },
    { "pshuflw", { 0xf2, 0x0f, 0x70 }, 3, T_XMM | T_IMM | T_A16 },
    { "shufps", { 0x0f, 0xc6 }, 2, T_XMM | T_IMM | T_A16 },
    { "shufpd", { 0x66, 0x0f, 0xc6 }, 3, T_XMM | T_IMM | T_A16 },
    { "pinsrw", { 0x0f, 0xc4 }, 2, T_MMX | T_IMM | T_GPR_RM },
    { "pinsrw", { 0x66, 0x0f, 0xc4 }, 3, T_XMM | T_IMM | T_GPR_RM },
    { "pextrw", { 0x0f, 0xc5 }, 2, T_MMX | T_IMM | T_REGONLY | T_GPR_REG },
    { "pextrw", { 0x66, 0x0f, 0xc5 }, 3, T_XMM | T_IMM | T_REGONLY | T_GPR_REG },
    { "pmovmskb", { 0x0f, 0xd7 }, 2, T_MMX | T_REGONLY | T_GPR_REG },
    { "pmovmskb", { 0x66, 0x0f, 0xd7 }, 3, T_XMM | T_REGONLY | T_GPR_REG },
    { "movmskps", { 0x0f, 0x50 }, 2, T_XMM | T_REGONLY | T_GPR_REG },
    { "movmskpd", { 0x66, 0x0f, 0x50 }, 3, T_XMM | T_REGONLY | T_GPR_REG },
    { "unpcklps", { 0x0f, 0x14 }, 2, T_XMM | T_A16 },
    { "unpcklpd", { 0x66, 0x0f, 0x14 }, 3, T_XMM | T_A16 },
    { "unpckhps", { 0x0f, 0x15 }, 2, T_XMM | T_A16 },
    { "unpckhpd", { 0x66, 0x0f, 0x15 }, 3, T_XMM | T_A16 },
    { "andps", { 0x0f, 0x54 }, 2, T_XMM | T_A16 },
    { "andpd", { 0x66, 0x0f, 0x54 }, 3, T_XMM | T_A16 },
    { "andnps", { 0x0f, 0x55 }, 2, T_XMM | T_A16 },
    { "andnpd", { 0x66, 0x0f, 0x55 }, 3, T_XMM | T_A16 },
    { "orps", { 0x0f, 0x56 }, 2, T_XMM | T_A16 },
    { "orpd", { 0x66, 0x0f, 0x56 }, 3, T_XMM | T_A16 },
    { "xorps", { 0x0f, 0x57 }, 2, T_XMM | T_A16 },
    { "xorpd", { 0x66, 0x0f, 0x57 }, 3, T_XMM | T_A16 },
    /* moves */
    { "movd mm,r/m32", { 0x0f, 0x6e }, 2, T_MMX | T_GPR_RM },
    { "movd xmm,r/m32", { 0x66, 0x0f, 0x6e }, 3, T_XMM | T_GPR_RM },
    { "movd r/m32,mm", { 0x0f, 0x7e }, 2, T_MMX | T_GPR_RM },
    { "movd r/m32,xmm", { 0x66, 0x0f, 0x7e }, 3, T_XMM | T_GPR_RM },
    { "movq xmm,xmm/m64", { 0xf3, 0x0f, 0x7e }, 3, T_XMM },
    { "movq mm,mm/m64", { 0x0f, 0x6f }, 2, T_MMX },
    { "movq mm/m64,mm", { 0x0f, 0x7f }, 2, T_MMX },
    { "movq xmm/m64,xmm", { 0x66, 0x0f, 0xd6 }, 3, T_XMM },
    { "movq2dq", { 0xf3, 0x0f, 0xd6 }, 3, T_XMM | T_REGONLY | T_RM_MMX },
    { "movdq2q", { 0xf2, 0x0f, 0xd6 }, 3, T_MMX | T_REGONLY | T_RM_XMM },
    { "movups", { 0x0f, 0x10 }, 2, T_XMM },
    { "movupd", { 0x66, 0x0f, 0x10 }, 3, T_XMM },
    { "movaps", { 0x0f, 0x28 }, 2, T_XMM | T_A16 },
    { "movapd", { 0x66, 0x0f, 0x28 }, 3, T_XMM | T_A16 },
    { "movdqa", { 0x66, 0x0f, 0x6f }, 3, T_XMM | T_A16 },
    { "movdqu", { 0xf3, 0x0f, 0x6f }, 3, T_XMM },
    { "movups st", { 0x0f, 0x11 }, 2, T_XMM },
    { "movupd st", { 0x66, 0x0f, 0x11 }, 3, T_XMM },
    { "movaps st", { 0x0f, 0x29 }, 2, T_XMM | T_A16 },
    { "movapd st", { 0x66, 0x0f, 0x29 }, 3, T_XMM | T_A16 },
    { "movdqa st", { 0x66, 0x0f, 0x7f }, 3, T_XMM | T_A16 },
    { "movdqu st", { 0xf3, 0x0f, 0x7f }, 3, T_XMM },
    { "movss", { 0xf3, 0x0f, 0x10 }, 3, T_XMM },
    { "movsd", { 0xf2, 0x0f, 0x10 }, 3, T_XMM },
    { "movss st", { 0xf3, 0x0f, 0x11 }, 3, T_XMM },
    { "movsd st", { 0xf2, 0x0f, 0x11 }, 3, T_XMM },
    { "movlps/movhlps", { 0x0f, 0x12 }, 2, T_XMM },
    { "movlps st", { 0x0f, 0x13 }, 2, T_XMM | T_MEMONLY },
    { "movlpd", { 0x66, 0x0f, 0x12 }, 3, T_XMM | T_MEMONLY },
    { "movlpd st", { 0x66, 0x0f, 0x13 }, 3, T_XMM | T_MEMONLY },
    { "movhps/movlhps", { 0x0f, 0x16 }, 2, T_XMM },
    { "movhps st", { 0x0f, 0x17 }, 2, T_XMM | T_MEMONLY },
    { "movhpd", { 0x66, 0x0f, 0x16 }, 3, T_XMM | T_MEMONLY },
    { "movhpd st", { 0x66, 0x0f, 0x17 }, 3, T_XMM | T_MEMONLY },
    { "movntps", { 0x0f, 0x2b }, 2, T_XMM | T_MEMONLY | T_A16 },
    { "movntpd", { 0x66, 0x0f, 0x2b }, 3, T_XMM | T_MEMONLY | T_A16 },
    { "movntdq", { 0x66, 0x0f, 0xe7 }, 3, T_XMM | T_MEMONLY | T_A16 },
    { "lddqu", { 0xf2, 0x0f, 0xf0 }, 3, T_XMM | T_MEMONLY },
    { "movddup", { 0xf2, 0x0f, 0x12 }, 3, T_XMM },
    { "movsldup", { 0xf3, 0x0f, 0x12 }, 3, T_XMM | T_A16 },
    { "movshdup", { 0xf3, 0x0f, 0x16 }, 3, T_XMM | T_A16 },
    { "movntq", { 0x0f, 0xe7 }, 2, T_MMX | T_MEMONLY },
    { "movnti", { 0x0f, 0xc3 }, 2, T_MMX | T_MEMONLY | T_GPR_REG },
    /* SSSE3 */
    { "pshufb", { 0x0f, 0x38, 0x00 }, 3, T_MMX },
    { "pshufb", { 0x66, 0x0f, 0x38, 0x00 }, 4, T_XMM | T_A16 },
    { "phaddw", { 0x0f, 0x38, 0x01 }, 3, T_MMX },
    { "phaddw", { 0x66, 0x0f, 0x38, 0x01 }, 4, T_XMM | T_A16 },
    { "phaddd", { 0x0f, 0x38, 0x02 }, 3, T_MMX },
    { "phaddd", { 0x66, 0x0f, 0x38, 0x02 }, 4, T_XMM | T_A16 },
    { "phaddsw", { 0x0f, 0x38, 0x03 }, 3, T_MMX },
    { "phaddsw", { 0x66, 0x0f, 0x38, 0x03 }, 4, T_XMM | T_A16 },
    { "pmaddubsw", { 0x0f, 0x38, 0x04 }, 3, T_MMX },
    { "pmaddubsw", { 0x66, 0x0f, 0x38, 0x04 }, 4, T_XMM | T_A16 },
    { "phsubw", { 0x0f, 0x38, 0x05 }, 3, T_MMX },
    { "phsubw", { 0x66, 0x0f, 0x38, 0x05 }, 4, T_XMM | T_A16 },
    { "phsubd", { 0x0f, 0x38, 0x06 }, 3, T_MMX },
    { "phsubd", { 0x66, 0x0f, 0x38, 0x06 }, 4, T_XMM | T_A16 },
    { "phsubsw", { 0x0f, 0x38, 0x07 }, 3, T_MMX },
    { "phsubsw", { 0x66, 0x0f, 0x38, 0x07 }, 4, T_XMM | T_A16 },
    { "psignb", { 0x0f, 0x38, 0x08 }, 3, T_MMX },
    { "psignb", { 0x66, 0x0f, 0x38, 0x08 }, 4, T_XMM | T_A16 },
    { "psignw", { 0x0f, 0x38, 0x09 }, 3, T_MMX },
    { "psignw", { 0x66, 0x0f, 0x38, 0x09 }, 4, T_XMM | T_A16 },
    { "psignd", { 0x0f, 0x38, 0x0a }, 3, T_MMX },
    { "psignd", { 0x66, 0x0f, 0x38, 0x0a }, 4, T_XMM | T_A16 },
    { "pmulhrsw", { 0x0f, 0x38, 0x0b }, 3, T_MMX },
    { "pmulhrsw", { 0x66, 0x0f, 0x38, 0x0b }, 4, T_XMM | T_A16 },
    { "pabsb", { 0x0f, 0x38, 0x1c }, 3, T_MMX },
    { "pabsb", { 0x66, 0x0f, 0x38, 0x1c }, 4, T_XMM | T_A16 },
    { "pabsw", { 0x0f, 0x38, 0x1d }, 3, T_MMX },
    { "pabsw", { 0x66, 0x0f, 0x38, 0x1d }, 4, T_XMM | T_A16 },
    { "pabsd", { 0x0f, 0x38, 0x1e }, 3, T_MMX },
    { "pabsd", { 0x66, 0x0f, 0x38, 0x1e }, 4, T_XMM | T_A16 },
    { "palignr", { 0x0f, 0x3a, 0x0f }, 3, T_MMX | T_IMM },
    { "palignr", { 0x66, 0x0f, 0x3a, 0x0f }, 4, T_XMM | T_IMM | T_A16 },
};

static int pick_reg(int flags, int field_is_gpr)
{
    static const int gprs[3] = { 0, 2, 7 };
    if (field_is_gpr) {
        return gprs[simd_rand() % 3];
    }
    return (int)(simd_rand() & 7);
}

static void run_one(const Enc *e, int modrm, int imm, int *sigs, uint64_t *h)
{
    SimdState st;
    simd_fill(&st);
    int sig = simd_run(&st, e->bytes, e->n, modrm, imm);
    if (sig) {
        (*sigs)++;
        *h = (*h ^ (uint64_t)sig) * 0x100000001b3ull;
    } else {
        *h = simd_hash(*h, &st);
    }
}

static void test_enc(const Enc *e)
{
    int sigs = 0, runs = 0;
    uint64_t h = 0xcbf29ce484222325ull;
    int grp = (e->flags >> 12) & 15;
    for (int t = 0; t < 48; t++) {
        bool mem = (e->flags & T_MEMONLY) || (!(e->flags & T_REGONLY) && (t & 1));
        int reg = grp ? grp - 1 : pick_reg(e->flags, (e->flags & T_GPR_REG) != 0);
        int rm = pick_reg(e->flags, !mem && (e->flags & T_GPR_RM));
        int modrm = mem ? (0x81 | reg << 3) : (0xc0 | reg << 3 | rm);
        int imm = (e->flags & T_IMM) ? (int)(simd_rand() & 0xff) : -1;
        run_one(e, modrm, imm, &sigs, &h);
        runs++;
    }
    if (e->flags & T_IMM) {
        for (int imm = 0; imm < 256; imm++) {
            bool mem = (e->flags & T_MEMONLY) || (!(e->flags & T_REGONLY) && (imm & 1));
            int reg = grp ? grp - 1 : pick_reg(e->flags, (e->flags & T_GPR_REG) != 0);
            int rm = pick_reg(e->flags, !mem && (e->flags & T_GPR_RM));
            run_one(e, mem ? (0x81 | reg << 3) : (0xc0 | reg << 3 | rm), imm, &sigs, &h);
            runs++;
        }
    }
    printf("%-18s", e->name);
    for (int i = 0; i < e->n; i++) {
        printf(" %02x", e->bytes[i]);
    }
    printf(": %d runs, %d signals, state hash %016llx\n", runs, sigs, (unsigned long long)h);
}

/* The 16-byte memory forms: #GP(0) (SIGSEGV) when misaligned, unless the
 * instruction allows it. */
static void test_alignment(void)
{
    for (size_t i = 0; i < sizeof(encs) / sizeof(encs[0]); i++) {
        const Enc *e = &encs[i];
        if (!(e->flags & T_XMM) || (e->flags & T_REGONLY)) {
            continue;
        }
        SimdState st;
        simd_fill(&st);
        simd_mem_skew = 8;
        int sig = simd_run(&st, e->bytes, e->n, 0x81 | 1 << 3, (e->flags & T_IMM) ? 0x1b : -1);
        simd_mem_skew = 0;
        printf("misaligned %-18s: %s\n", e->name, sig == SIGSEGV ? "SIGSEGV" : sig ? "other signal" : "ok");
    }
}

/* MMX and the x87: tags, TOP and the exponent of the registers written. */
static void test_x87_aliasing(void)
{
    uint16_t env[14];
    uint8_t save[108];
    uint64_t v = 0x0123456789abcdefull, out = 0;
    __asm__ volatile("fninit\n\tfld1\n\tfldpi\n\tmovq %1, %%mm2\n\tfnstenv %0\n\tfldcw %0"
                     : "=m"(env) : "m"(v));
    printf("after movq to mm2: cw %04x sw %04x tags %04x\n", env[0], env[2], env[4]);
    __asm__ volatile("fninit\n\tfld1\n\tmovq %%mm7, %0\n\temms" : "=m"(out));
    printf("fld1 then movq from mm7: %016llx\n", (unsigned long long)out);
    __asm__ volatile("fninit\n\tmovq %1, %%mm1\n\tpaddb %%mm1, %%mm3\n\tfnsave %0\n\tfrstor %0"
                     : "=m"(save) : "m"(v));
    printf("fnsave after MMX: sw %02x%02x tags %02x%02x st1 ", save[5], save[4], save[9], save[8]);
    for (int i = 9; i >= 0; i--) {
        printf("%02x", save[28 + 10 + i]);
    }
    printf(" st3 exp %02x%02x\n", save[28 + 39], save[28 + 38]);
    __asm__ volatile("emms\n\tfnstenv %0\n\tfldenv %0" : "=m"(env));
    printf("after emms: sw %04x tags %04x\n", env[2], env[4]);
}

int main(void)
{
    simd_init();
    for (size_t i = 0; i < sizeof(encs) / sizeof(encs[0]); i++) {
        test_enc(&encs[i]);
    }
    test_alignment();
    test_x87_aliasing();
    return 0;
}
