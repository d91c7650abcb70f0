/*
 * A readable listing of interpreter bytecode for -d out_asm: one line per
 * instruction with its offset, op name and type, outputs, inputs and cargs
 * (tN = frame slot of temp N, env+0xOFF = global, $V = constant).
 */
#include "tcg/tci/interp.h"

static void interp_disas_memop(FILE *f, uint32_t mo)
{
    static const char *const sizes[4] = { "8", "16", "32", "64" };
    fprintf(f, "%s%s%s%s", (mo & MO_SIGN) ? "s" : "u", sizes[mo & MO_SIZE],
            (mo & MO_BSWAP) ? "_be" : "", (mo & MO_RMW) ? "_rmw" : "");
}

/* Ops whose type says nothing (no value operands of their own type). */
static bool interp_disas_untyped(unsigned opc)
{
    switch (opc) {
    case INDEX_op_nop: case INDEX_op_br: case INDEX_op_mb:
    case INDEX_op_exit_tb: case INDEX_op_goto_tb: case INDEX_op_goto_ptr:
    case INDEX_op_call:
        return true;
    default:
        return false;
    }
}

static const uint32_t *interp_disas_operand(FILE *f, const uint32_t *p)
{
    uint32_t w = *p++;

    switch (interp_w_kind(w)) {
    case INTERP_K_SLOT: fprintf(f, "t%u", interp_w_payload(w)); break;
    case INTERP_K_G32: fprintf(f, "env+0x%x:32", interp_w_payload(w)); break;
    case INTERP_K_G64: fprintf(f, "env+0x%x:64", interp_w_payload(w)); break;
    case INTERP_K_ENV: fprintf(f, "env"); break;
    case INTERP_K_C32:
    case INTERP_K_C64: {
        int32_t v = interp_w_small(w);
        if (v > -4096 && v < 4096) {
            fprintf(f, "$%d", v);
        } else {
            fprintf(f, "$%s0x%x", v < 0 ? "-" : "", v < 0 ? -(uint32_t)v : (uint32_t)v);
        }
        break;
    }
    case INTERP_K_BIG:
        fprintf(f, "$0x%llx", (unsigned long long)(p[0] | (uint64_t)p[1] << 32));
        p += 2;
        break;
    default: fprintf(f, "?%08x", w); break;
    }
    return p;
}

static void interp_disas_cargs(FILE *f, const uint32_t *insn, const uint32_t *p,
                               const uint8_t *code, bool first)
{
    for (const char *fmt = interp_carg_format(interp_h_opc(*insn)); *fmt; fmt++) {
        fputs(first ? " " : ", ", f);
        first = false;
        switch (*fmt) {
        case 'c':
            fprintf(f, "%s", *p < 16 && tcg_cond_names[*p] ? tcg_cond_names[*p] : "?");
            p++;
            break;
        case 'i':
            fprintf(f, "%u", *p++);
            break;
        case 'm':
            interp_disas_memop(f, *p++);
            break;
        case 'q':
            fprintf(f, "0x%llx", (unsigned long long)(p[0] | (uint64_t)p[1] << 32));
            p += 2;
            break;
        case 'h': {
            const TCGHelperInfo *info =
                (const TCGHelperInfo *)(uintptr_t)(p[0] | (uint64_t)p[1] << 32);
            fprintf(f, "%s", info && info->name ? info->name : "?");
            p += 2;
            break;
        }
        case 'l':
            fprintf(f, "-> %04lx", (long)((const uint8_t *)insn - code + (int32_t)*p++));
            break;
        case 'j':
            fprintf(f, "%u via [0x%llx]", p[0],
                    (unsigned long long)(p[1] | (uint64_t)p[2] << 32));
            p += 3;
            break;
        }
    }
}

static void interp_disas_insn(FILE *f, const uint32_t *insn, const uint8_t *code)
{
    uint32_t h = *insn;
    unsigned opc = interp_h_opc(h), nb = interp_h_nb_o(h) + interp_h_nb_i(h);
    const uint32_t *p = insn + 1;

    fprintf(f, "  %04lx: %s", (long)((const uint8_t *)insn - code),
            opc < NB_OPS ? tcg_op_defs[opc].name : "?");
    if (!interp_disas_untyped(opc)) {
        fputs(interp_h_i64(h) ? "_i64" : "_i32", f);
    }
    for (unsigned i = 0; i < nb; i++) {
        fputs(i == 0 ? " " : ", ", f);
        if (i == interp_h_nb_o(h) && i > 0) {
            fputs("<- ", f);
        }
        p = interp_disas_operand(f, p);
    }
    interp_disas_cargs(f, insn, p, code, nb == 0);
    fputc('\n', f);
}

void interp_disas(FILE *f, const void *code, size_t size)
{
    const uint32_t *p = code, *end = (const uint32_t *)((const uint8_t *)code + size);

    while (p < end) {
        unsigned len = interp_h_len(*p);
        interp_disas_insn(f, p, code);
        if (len == 0) {
            fprintf(f, "  (bad instruction length)\n");
            return;
        }
        p += len;
    }
}
