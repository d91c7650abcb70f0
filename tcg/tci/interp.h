/*
 * The interpreter backend's bytecode: its layout, shared by the compiler
 * (interp-gen.c), the interpreter loop (interp-exec.c) and the listing
 * (interp-disas.c). Private to tcg/tci/.
 *
 * A block is a sequence of instructions made of 32-bit words:
 *
 *   header   bits 0-7 IR opcode, bit 8 set for TCG_TYPE_I64,
 *            bits 9-10 number of outputs, bits 11-13 number of inputs,
 *            bits 16-31 length of the whole instruction in words
 *   outputs  one operand word each (slot or global)
 *   inputs   one operand word each (+ two words for a large constant)
 *   cargs    in the op's carg format (interp_carg_format)
 *
 * An operand word holds its kind in bits 0-2 and a payload in bits 3-31:
 * a frame slot (block-local temps, by temp index), a global (env offset,
 * globals always live in env), env itself, or a constant. The frame is
 * one array of uint64_t per interpreter call, shared by chained blocks;
 * i32 values are kept zero-extended in it.
 *
 * Example (-d out_asm): a countdown loop adding t17 = 10..1 into global w0
 *   0000: mov_i32 t17, <- $10                         3 words
 *   000c: mov_i32 env+0x110:32, <- $0                 3 words
 *   0018: add_i32 env+0x110:32, <- env+0x110:32, t17  4 words
 *   0028: sub_i32 t17, <- t17, $1                     4 words
 *   0038: brcond_i32 t17, $0, ne, -> 0018             5 words
 *   004c: exit_tb 0x55                                3 words
 */
#ifndef TCG_TCI_INTERP_H
#define TCG_TCI_INTERP_H

#include <stdint.h>
#include <stdio.h>

#include "tcg/tcg.h"

/* Operand kinds (bits 0-2 of an operand word). */
enum {
    INTERP_K_SLOT = 0,  /* frame[payload] */
    INTERP_K_G32 = 1,   /* uint32_t at env + payload */
    INTERP_K_G64 = 2,   /* uint64_t at env + payload */
    INTERP_K_ENV = 3,   /* the env pointer */
    INTERP_K_C32 = 4,   /* i32 constant: payload sign-extended to 32 bits */
    INTERP_K_C64 = 5,   /* i64 constant: payload sign-extended to 64 bits */
    INTERP_K_BIG = 6,   /* constant in the next two words (low, high) */
};
#define INTERP_KIND_BITS 3
#define INTERP_PAYLOAD_MAX ((1u << (32 - INTERP_KIND_BITS)) - 1)
/* Smallest and largest constants that fit a C32/C64 payload. */
#define INTERP_SMALL_MIN (-(1 << (31 - INTERP_KIND_BITS)))
#define INTERP_SMALL_MAX ((1 << (31 - INTERP_KIND_BITS)) - 1)

/* Frame slots: one per temp index. */
#define INTERP_FRAME_SLOTS TCG_MAX_TEMPS

/* Header fields. */
static inline unsigned interp_h_opc(uint32_t h) { return h & 0xff; }
static inline bool interp_h_i64(uint32_t h) { return (h >> 8) & 1; }
static inline unsigned interp_h_nb_o(uint32_t h) { return (h >> 9) & 3; }
static inline unsigned interp_h_nb_i(uint32_t h) { return (h >> 11) & 7; }
static inline unsigned interp_h_len(uint32_t h) { return h >> 16; }
static inline uint32_t interp_header(unsigned opc, bool i64, unsigned nb_o,
                                     unsigned nb_i, unsigned len)
{
    return opc | (uint32_t)i64 << 8 | nb_o << 9 | nb_i << 11 | len << 16;
}

/* Operand words. */
static inline unsigned interp_w_kind(uint32_t w) { return w & 7; }
static inline uint32_t interp_w_payload(uint32_t w) { return w >> INTERP_KIND_BITS; }
static inline int32_t interp_w_small(uint32_t w) { return (int32_t)w >> INTERP_KIND_BITS; }
static inline uint32_t interp_operand(unsigned kind, uint32_t payload)
{
    return kind | payload << INTERP_KIND_BITS;
}

/*
 * Carg formats, one letter per word group after the inputs:
 *   c  condition (1 word)          i  small unsigned immediate (1 word)
 *   m  MemOp (1 word)              q  64-bit immediate (2 words)
 *   h  TCGHelperInfo * (2 words)   l  branch: byte displacement from the
 *                                     instruction's start (1 word, signed)
 *   j  goto_tb: slot (1 word) and the address of tb->jmp_target_addr[slot]
 *      (2 words)
 */
const char *interp_carg_format(unsigned opc);

/* Set in the mmu index word of guest_ld/guest_st when the block was
 * generated for system mode: the access goes through the soft TLB. */
#define INTERP_MMU_SOFTMMU 0x100u

/* Words of one instruction at most (header, 2 outputs, 7 big inputs, cargs). */
#define INTERP_MAX_INSN_WORDS 32

/* The backend's entry points (the TCGBackend table is in interp-exec.c). */
struct TranslationBlock;
void interp_init(TCGContext *s);                                    /* interp-gen.c */
int interp_gen_code(TCGContext *s, struct TranslationBlock *tb);    /* interp-gen.c */
uintptr_t interp_exec(void *env, const void *tc_ptr);               /* interp-exec.c */
void interp_set_jmp_target(struct TranslationBlock *tb, int n, uintptr_t addr);
void interp_disas(FILE *f, const void *code, size_t size);          /* interp-disas.c */

/* libffi call interface of a helper, built and cached on first use, and
 * a call with the given inputs (result: i32 zero-extended). interp-call.c */
void *interp_helper_cif(TCGHelperInfo *info);
uint64_t interp_call(TCGHelperInfo *info, const uint64_t *in);

#endif
