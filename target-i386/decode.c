/*
 * The opcode table of the i386 front end: one translator per opcode,
 * indexed by the opcode byte (0x000-0x0ff) or 0x100 + the second byte of
 * a 0F xx opcode. Empty slots are invalid encodings (#UD).
 */
#include "target-i386/translate-int.h"

const X86OpHandler x86_op_table[512] = {
    /* ALU ops: op Eb,Gb / Ev,Gv / Gb,Eb / Gv,Ev / AL,Ib / eAX,Iz */
    [0x00 ... 0x05] = x86_op_alu, [0x08 ... 0x0d] = x86_op_alu,
    [0x10 ... 0x15] = x86_op_alu, [0x18 ... 0x1d] = x86_op_alu,
    [0x20 ... 0x25] = x86_op_alu, [0x28 ... 0x2d] = x86_op_alu,
    [0x30 ... 0x35] = x86_op_alu, [0x38 ... 0x3d] = x86_op_alu,
    [0x06] = x86_op_push_seg, [0x07] = x86_op_pop_seg,
    [0x0e] = x86_op_push_seg,
    [0x16] = x86_op_push_seg, [0x17] = x86_op_pop_seg,
    [0x1e] = x86_op_push_seg, [0x1f] = x86_op_pop_seg,
    [0x27] = x86_op_bcd, [0x2f] = x86_op_bcd,
    [0x37] = x86_op_bcd, [0x3f] = x86_op_bcd,
    [0x40 ... 0x4f] = x86_op_incdec_reg,
    [0x50 ... 0x57] = x86_op_push_reg,
    [0x58 ... 0x5f] = x86_op_pop_reg,
    [0x60] = x86_op_pusha, [0x61] = x86_op_popa,
    [0x62] = x86_op_bound, [0x63] = x86_op_arpl,
    [0x68] = x86_op_push_imm, [0x6a] = x86_op_push_imm,
    [0x69] = x86_op_imul, [0x6b] = x86_op_imul,
    [0x6c ... 0x6f] = x86_op_io_string,
    [0x70 ... 0x7f] = x86_op_jcc,
    [0x80 ... 0x83] = x86_op_grp1,
    [0x84 ... 0x85] = x86_op_test,
    [0x86 ... 0x87] = x86_op_xchg,
    [0x88 ... 0x8b] = x86_op_mov,
    [0x8c] = x86_op_mov_seg, [0x8e] = x86_op_mov_seg,
    [0x8d] = x86_op_lea,
    [0x8f] = x86_op_pop_rm,
    [0x90 ... 0x97] = x86_op_xchg,
    [0x98 ... 0x99] = x86_op_cbw,
    [0x9a] = x86_op_far,
    [0x9b] = x86_op_x87,
    [0x9c] = x86_op_pushf, [0x9d] = x86_op_popf,
    [0x9e] = x86_op_sahf, [0x9f] = x86_op_lahf,
    [0xa0 ... 0xa3] = x86_op_mov_moffs,
    [0xa4 ... 0xa7] = x86_op_string,
    [0xa8 ... 0xa9] = x86_op_test,
    [0xaa ... 0xaf] = x86_op_string,
    [0xb0 ... 0xbf] = x86_op_mov,
    [0xc0 ... 0xc1] = x86_op_shift,
    [0xc2 ... 0xc3] = x86_op_ret,
    [0xc4 ... 0xc5] = x86_op_lxs,
    [0xc6 ... 0xc7] = x86_op_mov,
    [0xc8] = x86_op_enter, [0xc9] = x86_op_leave,
    [0xca ... 0xcb] = x86_op_far,
    [0xcc ... 0xce] = x86_op_int,
    [0xcf] = x86_op_far,
    [0xd0 ... 0xd3] = x86_op_shift,
    [0xd4 ... 0xd5] = x86_op_bcd,
    [0xd6] = x86_op_salc,
    [0xd7] = x86_op_xlat,
    [0xd8 ... 0xdf] = x86_op_x87,
    [0xe0 ... 0xe3] = x86_op_loop,
    [0xe4 ... 0xe7] = x86_op_privileged,   /* IN/OUT imm8: #GP at IOPL 0 */
    [0xe8] = x86_op_call,
    [0xe9] = x86_op_jmp, [0xea] = x86_op_far, [0xeb] = x86_op_jmp,
    [0xec ... 0xef] = x86_op_privileged,
    [0xf1] = x86_op_int,
    [0xf4] = x86_op_privileged,            /* HLT */
    [0xf5] = x86_op_flagop,
    [0xf6 ... 0xf7] = x86_op_grp3,
    [0xf8 ... 0xf9] = x86_op_flagop,
    [0xfa ... 0xfb] = x86_op_privileged,   /* CLI, STI */
    [0xfc ... 0xfd] = x86_op_flagop,
    [0xfe] = x86_op_grp4, [0xff] = x86_op_grp5,

    /* Two-byte opcodes (0F xx). */
    [0x100 ... 0x101] = x86_op_privileged_modrm, /* SLDT.. SGDT.. */
    [0x102 ... 0x103] = x86_op_lar_lsl,
    [0x106] = x86_op_privileged,           /* CLTS */
    [0x108 ... 0x109] = x86_op_privileged, /* INVD, WBINVD */
    [0x10b] = x86_op_ud,                   /* UD2 */
    [0x10d] = x86_op_nop_modrm,            /* prefetch hints */
    [0x118 ... 0x11f] = x86_op_nop_modrm,  /* hint NOPs, NOP Ev */
    [0x120 ... 0x123] = x86_op_privileged_modrm, /* MOV CRn/DRn */
    [0x130] = x86_op_privileged,           /* WRMSR */
    [0x131] = x86_op_rdtsc,
    [0x132 ... 0x133] = x86_op_privileged, /* RDMSR, RDPMC */
    [0x140 ... 0x14f] = x86_op_cmov,
    [0x180 ... 0x18f] = x86_op_jcc,
    [0x190 ... 0x19f] = x86_op_setcc,
    [0x1a0] = x86_op_push_seg, [0x1a1] = x86_op_pop_seg,
    [0x1a2] = x86_op_cpuid,
    [0x1a3] = x86_op_bt,
    [0x1a4 ... 0x1a5] = x86_op_shld,
    [0x1a8] = x86_op_push_seg, [0x1a9] = x86_op_pop_seg,
    [0x1ab] = x86_op_bt,
    [0x1ac ... 0x1ad] = x86_op_shld,
    [0x1ae] = x86_op_fence,
    [0x1af] = x86_op_imul,
    [0x1b0 ... 0x1b1] = x86_op_cmpxchg,
    [0x1b2] = x86_op_lxs,
    [0x1b3] = x86_op_bt,
    [0x1b4 ... 0x1b5] = x86_op_lxs,
    [0x1b6 ... 0x1b7] = x86_op_movx,
    [0x1ba ... 0x1bb] = x86_op_bt,
    [0x1bc ... 0x1bd] = x86_op_bsf,
    [0x1be ... 0x1bf] = x86_op_movx,
    [0x1c0 ... 0x1c1] = x86_op_xadd,
    [0x1c7] = x86_op_cmpxchg8b,
    [0x1c8 ... 0x1cf] = x86_op_bswap,
};
