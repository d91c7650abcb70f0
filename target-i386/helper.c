/*
 * Run-time helpers of the i386 front end: raising exceptions, DIV/IDIV,
 * CPUID (from the -cpu model, never the host's) and RDTSC. Segment
 * loads are in seg_helper.c.
 */
#include <string.h>
#include "target-i386/translate-int.h"
#include "target-i386/cpu-models.h"
#include "target-i386/misc_helper.h"

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

/* ---- CPUID (the model table is in cpu-models.c) ---- */

void x86_helper_cpuid(CPUX86State *env)
{
    uint32_t *r = env->regs;
    x86_cpu_model_cpuid(env, r[R_EAX], r[R_ECX], &r[R_EAX], &r[R_EBX], &r[R_ECX],
                        &r[R_EDX]);
}

uint64_t x86_helper_rdtsc(CPUX86State *env)
{
    return x86_tsc_clock(env) + env->tsc_offset;
}

TCGHelperInfo x86_helper_info_divide =
    TCG_HELPER(x86_helper_divide, TCG_CALL_MAY_RAISE | TCG_CALL_WRITES_GLOBALS,
               TCG_HT_VOID, TCG_HT_PTR, TCG_HT_I32, TCG_HT_I32);
TCGHelperInfo x86_helper_info_cpuid =
    TCG_HELPER(x86_helper_cpuid, TCG_CALL_WRITES_GLOBALS | TCG_CALL_SIDE_EFFECTS,
               TCG_HT_VOID, TCG_HT_PTR);
TCGHelperInfo x86_helper_info_rdtsc =
    TCG_HELPER(x86_helper_rdtsc, TCG_CALL_SIDE_EFFECTS, TCG_HT_I64, TCG_HT_PTR);
