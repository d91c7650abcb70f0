/*
 * The 32-bit PowerPC guest as gdb sees it: gdb's powerpc:common numbering
 * (r0-r31, f0-f31, pc, msr, cr, lr, ctr, xer, fpscr) from its power core
 * and fpu features, big-endian, and the target description for them.
 */
#include <stdio.h>
#include "gdbstub/gdbstub.h"
#include "target-ppc/cpu.h"
#include "target-ppc/helper.h"

enum {
    PPC_GDB_F0 = 32, PPC_GDB_PC = 64, PPC_GDB_MSR, PPC_GDB_CR, PPC_GDB_LR,
    PPC_GDB_CTR, PPC_GDB_XER, PPC_GDB_FPSCR, PPC_GDB_NREGS,
};

/* Built on first use: 71 registers are easier written by a loop. */
static const char *ppc_gdb_target_xml(void)
{
    static char ppc_gdb_xml[8192];
    char *o = ppc_gdb_xml, *end = ppc_gdb_xml + sizeof(ppc_gdb_xml);

    if (ppc_gdb_xml[0]) {
        return ppc_gdb_xml;
    }

    o += snprintf(o, end - o,
                  "<?xml version=\"1.0\"?>\n"
                  "<!DOCTYPE target SYSTEM \"gdb-target.dtd\">\n"
                  "<target version=\"1.0\">\n"
                  "<architecture>powerpc:common</architecture>\n"
                  "<feature name=\"org.gnu.gdb.power.core\">\n");
    for (int i = 0; i < 32; i++) {
        o += snprintf(o, end - o, "<reg name=\"r%d\" bitsize=\"32\" type=\"uint32\" "
                      "regnum=\"%d\"/>\n", i, i);
    }
    o += snprintf(o, end - o,
                  "<reg name=\"pc\" bitsize=\"32\" type=\"code_ptr\" regnum=\"64\"/>\n"
                  "<reg name=\"msr\" bitsize=\"32\" type=\"uint32\"/>\n"
                  "<reg name=\"cr\" bitsize=\"32\" type=\"uint32\"/>\n"
                  "<reg name=\"lr\" bitsize=\"32\" type=\"code_ptr\"/>\n"
                  "<reg name=\"ctr\" bitsize=\"32\" type=\"uint32\"/>\n"
                  "<reg name=\"xer\" bitsize=\"32\" type=\"uint32\"/>\n"
                  "</feature>\n"
                  "<feature name=\"org.gnu.gdb.power.fpu\">\n");
    for (int i = 0; i < 32; i++) {
        o += snprintf(o, end - o, "<reg name=\"f%d\" bitsize=\"64\" type=\"ieee_double\" "
                      "regnum=\"%d\"/>\n", i, PPC_GDB_F0 + i);
    }
    snprintf(o, end - o,
             "<reg name=\"fpscr\" bitsize=\"32\" group=\"float\" regnum=\"70\"/>\n"
             "</feature>\n"
             "</target>\n");
    return ppc_gdb_xml;
}

static void ppc_gdb_put(uint8_t *buf, uint64_t v, int size)
{
    for (int i = 0; i < size; i++) {
        buf[i] = (uint8_t)(v >> (8 * (size - 1 - i)));
    }
}

static uint64_t ppc_gdb_get(const uint8_t *buf, int size)
{
    uint64_t v = 0;

    for (int i = 0; i < size; i++) {
        v = v << 8 | buf[i];
    }
    return v;
}

static int ppc_gdb_read_reg(CPUState *cpu, int n, uint8_t *buf)
{
    CPUPPCState *env = (CPUPPCState *)cpu;
    uint32_t v;

    if (n < PPC_GDB_F0) {
        v = env->gpr[n];
    } else if (n < PPC_GDB_PC) {
        ppc_gdb_put(buf, env->fpr[n - PPC_GDB_F0], 8);
        return 8;
    } else {
        switch (n) {
        case PPC_GDB_PC: v = env->nip; break;
        case PPC_GDB_MSR: v = env->msr; break;
        case PPC_GDB_CR: v = ppc_get_cr(env); break;
        case PPC_GDB_LR: v = env->lr; break;
        case PPC_GDB_CTR: v = env->ctr; break;
        case PPC_GDB_XER: v = ppc_get_xer(env); break;
        case PPC_GDB_FPSCR: v = ppc_fpscr_get(env); break;
        default: return 0;
        }
    }
    ppc_gdb_put(buf, v, 4);
    return 4;
}

static int ppc_gdb_write_reg(CPUState *cpu, int n, const uint8_t *buf)
{
    CPUPPCState *env = (CPUPPCState *)cpu;
    uint32_t v = (uint32_t)ppc_gdb_get(buf, 4);

    if (n < PPC_GDB_F0) {
        env->gpr[n] = v;
        return 4;
    }
    if (n < PPC_GDB_PC) {
        env->fpr[n - PPC_GDB_F0] = ppc_gdb_get(buf, 8);
        return 8;
    }
    switch (n) {
    case PPC_GDB_PC:
        env->nip = v & ~3u;
        break;
    case PPC_GDB_MSR:
        break;                   /* user mode: MSR is not the program's to change */
    case PPC_GDB_CR:
        for (int i = 0; i < 8; i++) {
            env->crf[i] = (v >> (28 - 4 * i)) & 15;
        }
        break;
    case PPC_GDB_LR:
        env->lr = v;
        break;
    case PPC_GDB_CTR:
        env->ctr = v;
        break;
    case PPC_GDB_XER:
        ppc_set_xer(env, v);
        break;
    case PPC_GDB_FPSCR:
        ppc_fpscr_get(env);      /* settle the lazy FI/FR first */
        env->fpscr = v;
        ppc_fpscr_update_summary(env);
        break;
    default:
        return 0;
    }
    return 4;
}

const GdbArch ppc_gdb_arch = {
    .target_xml = ppc_gdb_target_xml,
    .nb_regs = PPC_GDB_NREGS,
    .pc_regnum = PPC_GDB_PC,
    .read_reg = ppc_gdb_read_reg,
    .write_reg = ppc_gdb_write_reg,
};
