/*
 * The i386 guest as gdb sees it: the registers of gdb's i386 core feature
 * (eax..edi, eip, eflags, cs..gs, st0-7, fctrl..fop) in gdb's order and
 * sizes, and the target description the stub sends for them.
 */
#include <string.h>
#include "gdbstub/gdbstub.h"
#include "exec/cpu-ldst.h"
#include "target-i386/cpu.h"
#include "target-i386/mmu.h"

enum {
    X86_GDB_EIP = 8, X86_GDB_EFLAGS = 9, X86_GDB_CS = 10, X86_GDB_ST0 = 16,
    X86_GDB_FCTRL = 24, X86_GDB_NREGS = 32,
};

/* EFLAGS bits gdb may change in a user program. */
#define X86_GDB_EFLAGS_MASK (CC_C | CC_P | CC_A | CC_Z | CC_S | CC_O | TF_MASK | \
                             DF_MASK | RF_MASK | AC_MASK | ID_MASK)

static const char x86_gdb_xml[] =
    "<?xml version=\"1.0\"?>\n"
    "<!DOCTYPE target SYSTEM \"gdb-target.dtd\">\n"
    "<target version=\"1.0\">\n"
    "<architecture>i386</architecture>\n"
    "<feature name=\"org.gnu.gdb.i386.core\">\n"
    "<flags id=\"i386_eflags\" size=\"4\">\n"
    "<field name=\"CF\" start=\"0\" end=\"0\"/><field name=\"\" start=\"1\" end=\"1\"/>\n"
    "<field name=\"PF\" start=\"2\" end=\"2\"/><field name=\"AF\" start=\"4\" end=\"4\"/>\n"
    "<field name=\"ZF\" start=\"6\" end=\"6\"/><field name=\"SF\" start=\"7\" end=\"7\"/>\n"
    "<field name=\"TF\" start=\"8\" end=\"8\"/><field name=\"IF\" start=\"9\" end=\"9\"/>\n"
    "<field name=\"DF\" start=\"10\" end=\"10\"/><field name=\"OF\" start=\"11\" end=\"11\"/>\n"
    "<field name=\"NT\" start=\"14\" end=\"14\"/><field name=\"RF\" start=\"16\" end=\"16\"/>\n"
    "<field name=\"VM\" start=\"17\" end=\"17\"/><field name=\"AC\" start=\"18\" end=\"18\"/>\n"
    "<field name=\"VIF\" start=\"19\" end=\"19\"/><field name=\"VIP\" start=\"20\" end=\"20\"/>\n"
    "<field name=\"ID\" start=\"21\" end=\"21\"/>\n"
    "</flags>\n"
    "<reg name=\"eax\" bitsize=\"32\" type=\"int32\"/>\n"
    "<reg name=\"ecx\" bitsize=\"32\" type=\"int32\"/>\n"
    "<reg name=\"edx\" bitsize=\"32\" type=\"int32\"/>\n"
    "<reg name=\"ebx\" bitsize=\"32\" type=\"int32\"/>\n"
    "<reg name=\"esp\" bitsize=\"32\" type=\"data_ptr\"/>\n"
    "<reg name=\"ebp\" bitsize=\"32\" type=\"data_ptr\"/>\n"
    "<reg name=\"esi\" bitsize=\"32\" type=\"int32\"/>\n"
    "<reg name=\"edi\" bitsize=\"32\" type=\"int32\"/>\n"
    "<reg name=\"eip\" bitsize=\"32\" type=\"code_ptr\"/>\n"
    "<reg name=\"eflags\" bitsize=\"32\" type=\"i386_eflags\"/>\n"
    "<reg name=\"cs\" bitsize=\"32\" type=\"int32\"/>\n"
    "<reg name=\"ss\" bitsize=\"32\" type=\"int32\"/>\n"
    "<reg name=\"ds\" bitsize=\"32\" type=\"int32\"/>\n"
    "<reg name=\"es\" bitsize=\"32\" type=\"int32\"/>\n"
    "<reg name=\"fs\" bitsize=\"32\" type=\"int32\"/>\n"
    "<reg name=\"gs\" bitsize=\"32\" type=\"int32\"/>\n"
    "<reg name=\"st0\" bitsize=\"80\" type=\"i387_ext\"/>\n"
    "<reg name=\"st1\" bitsize=\"80\" type=\"i387_ext\"/>\n"
    "<reg name=\"st2\" bitsize=\"80\" type=\"i387_ext\"/>\n"
    "<reg name=\"st3\" bitsize=\"80\" type=\"i387_ext\"/>\n"
    "<reg name=\"st4\" bitsize=\"80\" type=\"i387_ext\"/>\n"
    "<reg name=\"st5\" bitsize=\"80\" type=\"i387_ext\"/>\n"
    "<reg name=\"st6\" bitsize=\"80\" type=\"i387_ext\"/>\n"
    "<reg name=\"st7\" bitsize=\"80\" type=\"i387_ext\"/>\n"
    "<reg name=\"fctrl\" bitsize=\"32\" type=\"int\" group=\"float\"/>\n"
    "<reg name=\"fstat\" bitsize=\"32\" type=\"int\" group=\"float\"/>\n"
    "<reg name=\"ftag\" bitsize=\"32\" type=\"int\" group=\"float\"/>\n"
    "<reg name=\"fiseg\" bitsize=\"32\" type=\"int\" group=\"float\"/>\n"
    "<reg name=\"fioff\" bitsize=\"32\" type=\"int\" group=\"float\"/>\n"
    "<reg name=\"foseg\" bitsize=\"32\" type=\"int\" group=\"float\"/>\n"
    "<reg name=\"fooff\" bitsize=\"32\" type=\"int\" group=\"float\"/>\n"
    "<reg name=\"fop\" bitsize=\"32\" type=\"int\" group=\"float\"/>\n"
    "</feature>\n"
    "</target>\n";

static const char *x86_gdb_target_xml(void)
{
    return x86_gdb_xml;
}

static void x86_gdb_put32(uint8_t *buf, uint32_t v)
{
    for (int i = 0; i < 4; i++) {
        buf[i] = (uint8_t)(v >> (8 * i));
    }
}

static uint32_t x86_gdb_get32(const uint8_t *buf)
{
    return (uint32_t)buf[0] | (uint32_t)buf[1] << 8 | (uint32_t)buf[2] << 16 |
           (uint32_t)buf[3] << 24;
}

/* The FSTENV tag of one physical register: 0 valid, 1 zero, 2 special,
 * 3 empty (SDM vol. 1, 8.1.7). */
static unsigned x86_gdb_tag(const CPUX86State *env, int phys)
{
    const FPReg *r = &env->fpregs[phys];
    unsigned exp = r->x.sign_exp & 0x7fff;

    if (env->fptags[phys]) {
        return 3;
    }
    if (exp == 0x7fff) {
        return 2;
    }
    if (exp == 0) {
        return r->x.mant == 0 ? 1 : 2;
    }
    return (r->x.mant >> 63) ? 0 : 2;
}

static uint32_t x86_gdb_fpu_word(const CPUX86State *env, int n)
{
    uint32_t tags = 0;

    switch (n) {
    case 0:
        return env->fpuc;
    case 1:
        return (env->fpus & ~0x3800u) | (env->fpstt & 7) << 11;
    case 2:
        for (int i = 0; i < 8; i++) {
            tags |= x86_gdb_tag(env, i) << (2 * i);
        }
        return tags;
    case 3:
        return env->fpcs;
    case 4:
        return env->fpip;
    case 5:
        return env->fpds;
    case 6:
        return env->fpdp;
    default:
        return env->fpop;
    }
}

static void x86_gdb_set_fpu_word(CPUX86State *env, int n, uint32_t v)
{
    switch (n) {
    case 0:
        env->fpuc = (uint16_t)v;
        break;
    case 1:
        env->fpus = (uint16_t)(v & ~0x3800u);
        env->fpstt = (v >> 11) & 7;
        break;
    case 2:
        for (int i = 0; i < 8; i++) {
            env->fptags[i] = ((v >> (2 * i)) & 3) == 3;
        }
        break;
    case 3:
        env->fpcs = (uint16_t)v;
        break;
    case 4:
        env->fpip = v;
        break;
    case 5:
        env->fpds = (uint16_t)v;
        break;
    case 6:
        env->fpdp = v;
        break;
    default:
        env->fpop = (uint16_t)(v & 0x7ff);
        break;
    }
}

static int x86_gdb_read_reg(CPUState *cpu, int n, uint8_t *buf)
{
    CPUX86State *env = (CPUX86State *)cpu;
    /* gdb's segment order: cs ss ds es fs gs */
    static const int segs[6] = { R_CS, R_SS, R_DS, R_ES, R_FS, R_GS };

    if (n < 8) {
        x86_gdb_put32(buf, env->regs[n]);
    } else if (n == X86_GDB_EIP) {
        x86_gdb_put32(buf, env->eip);
    } else if (n == X86_GDB_EFLAGS) {
        x86_gdb_put32(buf, x86_cpu_get_eflags(env));
    } else if (n < X86_GDB_ST0) {
        x86_gdb_put32(buf, env->segs[segs[n - X86_GDB_CS]].selector);
    } else if (n < X86_GDB_FCTRL) {
        const FPReg *r = &env->fpregs[(env->fpstt + n - X86_GDB_ST0) & 7];
        for (int i = 0; i < 8; i++) {
            buf[i] = (uint8_t)(r->x.mant >> (8 * i));
        }
        buf[8] = (uint8_t)r->x.sign_exp;
        buf[9] = (uint8_t)(r->x.sign_exp >> 8);
        return 10;
    } else if (n < X86_GDB_NREGS) {
        x86_gdb_put32(buf, x86_gdb_fpu_word(env, n - X86_GDB_FCTRL));
    } else {
        return 0;
    }
    return 4;
}

static int x86_gdb_write_reg(CPUState *cpu, int n, const uint8_t *buf)
{
    CPUX86State *env = (CPUX86State *)cpu;
    uint32_t v = x86_gdb_get32(buf);

    if (n < 8) {
        env->regs[n] = v;
    } else if (n == X86_GDB_EIP) {
        env->eip = v;
    } else if (n == X86_GDB_EFLAGS) {
        x86_cpu_set_eflags(env, v, X86_GDB_EFLAGS_MASK);
    } else if (n < X86_GDB_ST0) {
        /* Segment registers are not loaded from gdb: a selector needs a
         * descriptor load with its checks. The write is ignored. */
    } else if (n < X86_GDB_FCTRL) {
        FPReg *r = &env->fpregs[(env->fpstt + n - X86_GDB_ST0) & 7];
        uint64_t mant = 0;
        for (int i = 0; i < 8; i++) {
            mant |= (uint64_t)buf[i] << (8 * i);
        }
        memset(r, 0, sizeof(*r));
        r->x.mant = mant;
        r->x.sign_exp = (uint16_t)(buf[8] | buf[9] << 8);
        return 10;
    } else if (n < X86_GDB_NREGS) {
        x86_gdb_set_fpu_word(env, n - X86_GDB_FCTRL, v);
    } else {
        return 0;
    }
    return 4;
}

/* System mode: linear -> physical by the guest's page tables (identity,
 * with A20, when paging is off), as a supervisor read so that only
 * non-present entries and reserved bits make it fail. */
static bool x86_gdb_debug_translate(CPUState *cpu, uint32_t addr, uint64_t *paddr)
{
    X86PageWalk w;

    if (!x86_page_walk((CPUX86State *)cpu, addr, MMU_DATA_LOAD, false, &w)) {
        return false;
    }
    *paddr = w.paddr;
    return true;
}

const GdbArch x86_gdb_arch = {
    .target_xml = x86_gdb_target_xml,
    .nb_regs = X86_GDB_NREGS,
    .pc_regnum = X86_GDB_EIP,
    .read_reg = x86_gdb_read_reg,
    .write_reg = x86_gdb_write_reg,
    .debug_translate = x86_gdb_debug_translate,
};
