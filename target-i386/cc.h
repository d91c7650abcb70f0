/*
 * Lazy condition codes of the i386 front end: what env->cc_op means and
 * how cc_dst/cc_src/cc_src2 hold the operands of the last flag-setting
 * instruction. Flags are computed only when something reads them.
 */
#ifndef TARGET_I386_CC_H
#define TARGET_I386_CC_H

#include <stdint.h>
#include "target-i386/cpu.h"

/* The six arithmetic flags (CF PF AF ZF SF OF). */
#define CC_ARITH_MASK (CC_C | CC_P | CC_A | CC_Z | CC_S | CC_O)

/*
 * Kinds of the last flag-setting operation. The sized kinds come in groups
 * of three (byte, word, long): kind + MO_8 / MO_16 / MO_32.
 *   EFLAGS: cc_src holds the six flags as EFLAGS bits (others 0).
 *           The x87 helper's FCOMI/FUCOMI use this: its helper returns
 *           CF/ZF/PF bits, x86_set_cc_eflags() puts them in cc_src.
 *   ADD:    dst = result, src = second operand.
 *   ADC:    dst = result, src = second operand, src2 = carry in (0/1).
 *   SUB:    dst = result, src = second operand, src2 = first operand.
 *   SBB:    dst = result, src = second operand, src2 = borrow in (0/1).
 *   LOGIC:  dst = result; CF = OF = 0, AF = 0.
 *   INC/DEC: dst = result, src = CF before the instruction.
 *   SHL:    dst = result, src = operand shifted left by count - 1.
 *   SAR:    dst = result, src = operand shifted right by count - 1
 *           (used for SHR too: OF = msb(src ^ dst) is right for both).
 *   MUL:    dst = low result, src = non-zero when CF = OF = 1.
 *   CMP:    src = second operand, src2 = first operand; the result is
 *           src2 - src and is not kept (cc_dst is stale): a compare
 *           costs no subtraction and no store of it unless a reader
 *           needs SF, PF or OF.
 */
enum {
    CC_OP_DYNAMIC = -1,          /* translation time only: env->cc_op knows */
    CC_OP_EFLAGS = 0,
    CC_OP_ADD = 1,
    CC_OP_ADC = CC_OP_ADD + 3,
    CC_OP_SUB = CC_OP_ADC + 3,
    CC_OP_SBB = CC_OP_SUB + 3,
    CC_OP_LOGIC = CC_OP_SBB + 3,
    CC_OP_INC = CC_OP_LOGIC + 3,
    CC_OP_DEC = CC_OP_INC + 3,
    CC_OP_SHL = CC_OP_DEC + 3,
    CC_OP_SAR = CC_OP_SHL + 3,
    CC_OP_MUL = CC_OP_SAR + 3,
    CC_OP_CMP = CC_OP_MUL + 3,
    CC_OP_NB = CC_OP_CMP + 3,
    /*
     * Flag bit on any of the kinds above: SF ZF AF PF as that kind says,
     * CF and OF taken from cc_co (EFLAGS bits) instead. Rotates and BT,
     * which change only CF/OF, set it so they need not compute the rest.
     */
    CC_OP_CO = 0x40,
    /*
     * Like CC_OP_CO, but cc_co holds the 32-bit result of a ROL
     * (CC_OP_CO_ROL) or ROR (CC_OP_CO_ROR) whose 8/16-bit operand was
     * replicated over 32 bits, and CF/OF follow from it when read (ROL:
     * CF = bit 0, OF = bit 31 ^ bit 0; ROR: CF = bit 31, OF = bit 31 ^
     * bit 30): a rotate whose flags nobody reads costs no flag work.
     * At most one of the three bits is set.
     */
    CC_OP_CO_ROL = 0x80,
    CC_OP_CO_ROR = 0x100,
    CC_OP_CO_ANY = CC_OP_CO | CC_OP_CO_ROL | CC_OP_CO_ROR,
};

/* CF and OF (EFLAGS bits, the rest 0) of cc_co in a state with one of
 * the CC_OP_CO_ANY bits. */
static inline uint32_t x86_cc_co_flags(uint32_t cc_op, uint32_t co)
{
    if (cc_op & CC_OP_CO_ROL) {
        return (co & 1) | (((co >> 31) ^ co) & 1) << 11;
    }
    if (cc_op & CC_OP_CO_ROR) {
        return (co >> 31) | (((co >> 31) ^ (co >> 30)) & 1) << 11;
    }
    return co & (CC_C | CC_O);
}

/* All six arithmetic flags for a cc_op state (pure, see cc_helper.c). */
uint32_t x86_cc_compute_all(uint32_t cc_op, uint32_t dst, uint32_t src,
                            uint32_t src2);
/* Just CF (0/1). */
uint32_t x86_cc_compute_c(uint32_t cc_op, uint32_t dst, uint32_t src,
                          uint32_t src2);
/* The same for any cc_op, CC_OP_CO states included (co = env->cc_co):
 * the helpers generated code calls. */
uint32_t x86_cc_compute_flags(uint32_t cc_op, uint32_t dst, uint32_t src,
                              uint32_t src2, uint32_t co);
uint32_t x86_cc_compute_carry(uint32_t cc_op, uint32_t dst, uint32_t src,
                              uint32_t src2, uint32_t co);

#endif
