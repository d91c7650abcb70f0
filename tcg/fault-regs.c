/*
 * Fault restore data of a block's MAY_FAULT ops (format in tcg.h): written
 * by the register allocator as it emits guest loads and stores, read by
 * cpu_restore_state when a host fault in generated code hands it the
 * faulting context's registers.
 */
#define _GNU_SOURCE
#include <stdlib.h>
#include <string.h>
#include <ucontext.h>

#include "tcg/tcg.h"

static void fr_put(TCGContext *s, uint32_t v)
{
    if (s->gen_fault_regs_len + 5 > s->gen_fault_regs_cap) {
        uint32_t cap = s->gen_fault_regs_cap ? 2 * s->gen_fault_regs_cap : 4096;
        uint8_t *p = realloc(s->gen_fault_regs, cap);
        if (!p) {
            fprintf(stderr, "mimic: out of memory for fault restore data\n");
            exit(1);
        }
        s->gen_fault_regs = p;
        s->gen_fault_regs_cap = cap;
    }
    do {
        uint8_t b = v & 0x7f;
        v >>= 7;
        s->gen_fault_regs[s->gen_fault_regs_len++] = b | (v ? 0x80 : 0);
    } while (v);
}

static uint32_t fr_get(const uint8_t *data, uint32_t len, uint32_t *pos)
{
    uint32_t v = 0;
    for (int shift = 0; *pos < len && shift < 35; shift += 7) {
        uint8_t b = data[(*pos)++];
        v |= (uint32_t)(b & 0x7f) << shift;
        if (!(b & 0x80)) {
            break;
        }
    }
    return v;
}

void tcg_fault_regs_reset(TCGContext *s)
{
    s->gen_fault_regs_len = 0;
    s->gen_fault_regs_end = 0;
    s->nb_fault_live = 0;
}

void tcg_fault_regs_add(TCGContext *s, uint32_t start, uint32_t end)
{
    if (s->nb_fault_live == 0 || end <= start) {
        return;
    }
    fr_put(s, start - s->gen_fault_regs_end);
    fr_put(s, end - start);
    fr_put(s, (uint32_t)s->nb_fault_live);
    for (int i = 0; i < s->nb_fault_live; i++) {
        const TCGFaultReg *f = &s->fault_live[i];
        fr_put(s, (uint32_t)f->global << 5 | (uint32_t)f->reg);
    }
    s->gen_fault_regs_end = end;
}

int tcg_fault_regs_apply(const uint8_t *data, uint32_t len, uint32_t off,
                         const uint64_t *host_regs, void *env)
{
    uint32_t pos = 0, end = 0;

    while (pos < len) {
        uint32_t start = end + fr_get(data, len, &pos);
        end = start + fr_get(data, len, &pos);
        uint32_t n = fr_get(data, len, &pos);
        if (off < start) {
            return 0;           /* records are in code order */
        }
        if (off >= end) {
            for (uint32_t i = 0; i < n; i++) {
                fr_get(data, len, &pos);
            }
            continue;
        }
        for (uint32_t i = 0; i < n; i++) {
            uint32_t w = fr_get(data, len, &pos);
            const TCGTemp *t = &tcg_ctx->temps[w >> 5];
            uint64_t v = host_regs[w & 31];
            uint8_t *field = (uint8_t *)env + t->mem_offset;
            if (t->type == TCG_TYPE_I64) {
                memcpy(field, &v, 8);
            } else {
                uint32_t v32 = (uint32_t)v;
                memcpy(field, &v32, 4);
            }
        }
        return (int)n;
    }
    return 0;
}

void tcg_host_regs_from_ucontext(const void *ucv, uint64_t regs[TCG_HOST_NB_REGS])
{
    /* x86-64 register numbers (the JIT's) to the frame's slots. */
    static const int greg[TCG_HOST_NB_REGS] = {
        REG_RAX, REG_RCX, REG_RDX, REG_RBX, REG_RSP, REG_RBP, REG_RSI, REG_RDI,
        REG_R8, REG_R9, REG_R10, REG_R11, REG_R12, REG_R13, REG_R14, REG_R15,
    };
    const ucontext_t *uc = ucv;

    for (int r = 0; r < TCG_HOST_NB_REGS; r++) {
        regs[r] = (uint64_t)uc->uc_mcontext.gregs[greg[r]];
    }
}
