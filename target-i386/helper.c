/*
 * Run-time helpers of the i386 front end: raising exceptions, DIV/IDIV,
 * CPUID (a fixed i686 model, never the host's) and RDTSC. Segment
 * loads are in seg_helper.c.
 */
#include <string.h>
#include <x86intrin.h>
#include "target-i386/translate-int.h"

/* ---- DIV / IDIV ---- */

static _Noreturn void x86_raise_de(CPUX86State *env, uintptr_t ra)
{
    env->cs.error_code = 0;
    cpu_raise_exception(&env->cs, EXCP00_DIVZ, ra);
}

static void x86_divide_unsigned(CPUX86State *env, int ot, uint32_t d,
                                uintptr_t ra)
{
    uint32_t *r = env->regs;
    if (d == 0) {
        x86_raise_de(env, ra);
    }
    if (ot == MO_8) {
        uint32_t n = r[R_EAX] & 0xffff;
        uint32_t q = n / d, m = n % d;
        if (q > 0xff) {
            x86_raise_de(env, ra);
        }
        r[R_EAX] = (r[R_EAX] & 0xffff0000u) | (m << 8) | q;
    } else if (ot == MO_16) {
        uint32_t n = ((r[R_EDX] & 0xffff) << 16) | (r[R_EAX] & 0xffff);
        uint32_t q = n / d, m = n % d;
        if (q > 0xffff) {
            x86_raise_de(env, ra);
        }
        r[R_EAX] = (r[R_EAX] & 0xffff0000u) | q;
        r[R_EDX] = (r[R_EDX] & 0xffff0000u) | m;
    } else {
        uint64_t n = ((uint64_t)r[R_EDX] << 32) | r[R_EAX];
        uint64_t q = n / d, m = n % d;
        if (q > 0xffffffffu) {
            x86_raise_de(env, ra);
        }
        r[R_EAX] = (uint32_t)q;
        r[R_EDX] = (uint32_t)m;
    }
}

static void x86_divide_signed(CPUX86State *env, int ot, uint32_t dv,
                              uintptr_t ra)
{
    uint32_t *r = env->regs;
    if (ot == MO_8) {
        int32_t d = (int8_t)dv, n = (int16_t)r[R_EAX];
        if (d == 0) {
            x86_raise_de(env, ra);
        }
        int32_t q = n / d, m = n % d;
        if (q != (int8_t)q) {
            x86_raise_de(env, ra);
        }
        r[R_EAX] = (r[R_EAX] & 0xffff0000u) | ((m & 0xff) << 8) | (q & 0xff);
    } else if (ot == MO_16) {
        int32_t d = (int16_t)dv;
        int32_t n = (int32_t)(((r[R_EDX] & 0xffff) << 16) | (r[R_EAX] & 0xffff));
        if (d == 0) {
            x86_raise_de(env, ra);
        }
        if (d == -1 && n == INT32_MIN) {
            x86_raise_de(env, ra);
        }
        int32_t q = n / d, m = n % d;
        if (q != (int16_t)q) {
            x86_raise_de(env, ra);
        }
        r[R_EAX] = (r[R_EAX] & 0xffff0000u) | (q & 0xffff);
        r[R_EDX] = (r[R_EDX] & 0xffff0000u) | (m & 0xffff);
    } else {
        int64_t d = (int32_t)dv;
        int64_t n = (int64_t)(((uint64_t)r[R_EDX] << 32) | r[R_EAX]);
        if (d == 0 || (d == -1 && n == INT64_MIN)) {
            x86_raise_de(env, ra);
        }
        int64_t q = n / d, m = n % d;
        if (q != (int32_t)q) {
            x86_raise_de(env, ra);
        }
        r[R_EAX] = (uint32_t)q;
        r[R_EDX] = (uint32_t)m;
    }
}

void x86_helper_divide(CPUX86State *env, uint32_t op, uint32_t divisor)
{
    uintptr_t ra = GETPC();
    if (op & 4) {
        x86_divide_signed(env, op & 3, divisor, ra);
    } else {
        x86_divide_unsigned(env, op & 3, divisor, ra);
    }
}

/* ---- CPUID ---- */

/* Leaf 1 EDX: FPU (0), TSC (4), CX8 (8), CMOV (15). */
#define X86_CPUID_1_EDX ((1u << 0) | (1u << 4) | (1u << 8) | (1u << 15))

static uint32_t x86_str4(const char *p)
{
    uint32_t v;
    memcpy(&v, p, 4);
    return v;
}

void x86_cpuid(uint32_t leaf, uint32_t sub, uint32_t *eax, uint32_t *ebx,
               uint32_t *ecx, uint32_t *edx)
{
    static const char brand[49] = "Mimic i686 CPU";
    *eax = *ebx = *ecx = *edx = 0;
    switch (leaf) {
    case 0:
        *eax = 1;
        *ebx = x86_str4("Genu");
        *edx = x86_str4("ineI");
        *ecx = x86_str4("ntel");
        break;
    case 1:
        *eax = 0x00000633;   /* family 6, model 3, stepping 3 */
        *edx = X86_CPUID_1_EDX;
        break;
    case 0x80000000:
        *eax = 0x80000004;
        break;
    case 0x80000002:
    case 0x80000003:
    case 0x80000004: {
        const char *p = brand + (leaf - 0x80000002) * 16;
        *eax = x86_str4(p);
        *ebx = x86_str4(p + 4);
        *ecx = x86_str4(p + 8);
        *edx = x86_str4(p + 12);
        break;
    }
    default:
        break;
    }
}

void x86_helper_cpuid(CPUX86State *env)
{
    uint32_t *r = env->regs;
    x86_cpuid(r[R_EAX], r[R_ECX], &r[R_EAX], &r[R_EBX], &r[R_ECX], &r[R_EDX]);
}

uint64_t x86_helper_rdtsc(CPUX86State *env)
{
    return __rdtsc() + env->tsc_offset;
}

TCGHelperInfo x86_helper_info_divide =
    TCG_HELPER(x86_helper_divide, TCG_CALL_MAY_RAISE | TCG_CALL_WRITES_GLOBALS,
               TCG_HT_VOID, TCG_HT_PTR, TCG_HT_I32, TCG_HT_I32);
TCGHelperInfo x86_helper_info_cpuid =
    TCG_HELPER(x86_helper_cpuid, TCG_CALL_WRITES_GLOBALS | TCG_CALL_SIDE_EFFECTS,
               TCG_HT_VOID, TCG_HT_PTR);
TCGHelperInfo x86_helper_info_rdtsc =
    TCG_HELPER(x86_helper_rdtsc, TCG_CALL_SIDE_EFFECTS, TCG_HT_I64, TCG_HT_PTR);
