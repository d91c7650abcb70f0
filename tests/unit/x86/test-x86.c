/*
 * Unit tests of the i386 front end on both backends: the fixed CPUID
 * model, the C flag computation, the shape of the IR for compare-and-
 * branch (no helper call), and small machine-code blobs run through
 * cpu_exec (results checked by hand against the Intel manual).
 */
#include <criterion/criterion.h>
#include <string.h>
#include <sys/mman.h>
#include "accel/tcg/tb-internal.h"
#include "exec/cpu.h"
#include "exec/user-pages.h"
#include "target-i386/cc.h"
#include "target-i386/cpu.h"
#include "target-i386/translate-int.h"

#define CODE 0x10000u
#define DATA 0x50000u

static CPUX86State *setup(const char *backend, const uint8_t *code, size_t len)
{
    cr_assert(guest_space_reserve());
    cr_assert(mmap(g2h(CODE), 0x10000, PROT_READ | PROT_WRITE,
                   MAP_FIXED | MAP_PRIVATE | MAP_ANONYMOUS, -1, 0) != MAP_FAILED);
    cr_assert(mmap(g2h(DATA), 0x40000, PROT_READ | PROT_WRITE,
                   MAP_FIXED | MAP_PRIVATE | MAP_ANONYMOUS, -1, 0) != MAP_FAILED);
    page_set_flags(CODE, CODE + 0x10000, PAGE_VALID | PAGE_READ | PAGE_EXEC | PAGE_WRITE);
    page_set_flags(DATA, DATA + 0x40000, PAGE_VALID | PAGE_READ | PAGE_WRITE);
    memcpy(g2h(CODE), code, len);
    tcg_exec_init(&x86_guest_arch, backend, 8 << 20);
    CPUState *cpu = cpu_create(&x86_guest_arch);
    CPUX86State *env = (CPUX86State *)cpu;
    x86_cpu_reset_user(env);
    env->eip = CODE;
    env->regs[R_ESP] = DATA + 0x30000;
    return env;
}

/* Runs until an exception other than an interrupt; returns it. */
static int run(CPUX86State *env)
{
    for (;;) {
        int e = cpu_exec(&env->cs);
        if (e != EXCP_INTERRUPT && e != EXCP_NONE) {
            return e;
        }
    }
}

/* ---- CPUID: the model the brief asks for ---- */

Test(x86, cpuid_model)
{
    uint32_t a, b, c, d;
    char vendor[13] = { 0 };
    x86_cpuid(0, 0, &a, &b, &c, &d);
    memcpy(vendor, &b, 4);
    memcpy(vendor + 4, &d, 4);
    memcpy(vendor + 8, &c, 4);
    cr_log_info("cpuid 0: max %u vendor %s", a, vendor);
    cr_assert_str_eq(vendor, "GenuineIntel");
    cr_assert_geq(a, 1);
    x86_cpuid(1, 0, &a, &b, &c, &d);
    cr_log_info("cpuid 1: eax %08x ecx %08x edx %08x", a, c, d);
    cr_assert_eq((a >> 8) & 0xf, 6, "family 6");
    /* FPU TSC CX8 CMOV CLFSH MMX FXSR SSE SSE2; ECX: SSE3 SSSE3, no MONITOR */
    cr_assert_eq(d, (1u << 0) | (1u << 4) | (1u << 8) | (1u << 15) | (1u << 19) |
                    (1u << 23) | (1u << 24) | (1u << 25) | (1u << 26));
    cr_assert_eq(c, (1u << 0) | (1u << 9));
}

/* ---- the C flag computation (values from the Intel manual) ---- */

Test(x86, cc_compute_all)
{
    /* 0x7f + 1 (8-bit) = 0x80: OF SF AF, no CF */
    uint32_t f = x86_cc_compute_all(CC_OP_ADD + MO_8, 0x80, 1, 0);
    cr_assert_eq(f, CC_O | CC_S | CC_A, "add8 7f+1 -> %03x", f);
    /* 0 - 1 (32-bit) = ffffffff: CF SF AF PF */
    f = x86_cc_compute_all(CC_OP_SUB + MO_32, 0xffffffff, 1, 0);
    cr_assert_eq(f, CC_C | CC_S | CC_A | CC_P, "sub32 0-1 -> %03x", f);
    /* 0x8000 - 1 (16-bit) = 0x7fff: OF AF PF */
    f = x86_cc_compute_all(CC_OP_SUB + MO_16, 0x7fff, 1, 0x8000);
    cr_assert_eq(f, CC_O | CC_A | CC_P, "sub16 8000-1 -> %03x", f);
    /* adc 0xffffffff + 0 + 1 = 0: CF ZF AF PF */
    f = x86_cc_compute_all(CC_OP_ADC + MO_32, 0, 0, 1);
    cr_assert_eq(f, CC_C | CC_Z | CC_A | CC_P, "adc32 -> %03x", f);
    /* inc 0x7fffffff = 0x80000000: OF SF AF PF, CF kept from src */
    f = x86_cc_compute_all(CC_OP_INC + MO_32, 0x80000000, 1, 0);
    cr_assert_eq(f, CC_O | CC_S | CC_A | CC_P | CC_C, "inc32 -> %03x", f);
    /* logic result 0: ZF PF only */
    f = x86_cc_compute_all(CC_OP_LOGIC + MO_32, 0, 0, 0);
    cr_assert_eq(f, CC_Z | CC_P);
}

/* ---- IR shape: compare-and-branch is specialised ---- */

static void count_ops(int *calls, int *brconds)
{
    *calls = *brconds = 0;
    for (int i = 0; i < tcg_ctx->nb_ops; i++) {
        if (tcg_ctx->ops[i].opc == INDEX_op_call) {
            (*calls)++;
        } else if (tcg_ctx->ops[i].opc == INDEX_op_brcond) {
            (*brconds)++;
        }
    }
}

static void check_shape(const char *backend, const uint8_t *code, size_t len,
                        const char *what, bool want_call)
{
    CPUX86State *env = setup(backend, code, len);
    uint32_t pc, cs_base, flags;
    x86_guest_arch.get_tb_cpu_state(&env->cs, &pc, &cs_base, &flags);
    tb_gen_code(&env->cs, pc, cs_base, flags, tb_default_cflags());
    int calls, brconds;
    count_ops(&calls, &brconds);
    cr_log_info("%s (%s): %d calls, %d brconds", what, backend, calls, brconds);
    if (want_call) {
        cr_assert_gt(calls, 0, "%s should need the flags helper", what);
    } else {
        cr_assert_eq(calls, 0, "%s must not call a helper", what);
        cr_assert_geq(brconds, 1);
    }
}

static const uint8_t cmp_je[] = { 0x39, 0xd8, 0x74, 0x00 };      /* cmp ebx,eax; je */
static const uint8_t add_jb[] = { 0x01, 0xd8, 0x72, 0x00 };      /* add ebx,eax; jb */
static const uint8_t sub_jl[] = { 0x29, 0xd8, 0x7c, 0x00 };      /* sub ebx,eax; jl */
static const uint8_t test_jle[] = { 0x85, 0xd8, 0x7e, 0x00 };    /* test ebx,eax; jle */
static const uint8_t cmpb_ja[] = { 0x38, 0xd8, 0x77, 0x00 };     /* cmp bl,al; ja */
static const uint8_t adc_jo[] = { 0x11, 0xd8, 0x70, 0x00 };      /* adc ebx,eax; jo */

Test(x86, shape_cmp_je) { check_shape("jit", cmp_je, sizeof(cmp_je), "cmp+je", false); }
Test(x86, shape_add_jb) { check_shape("jit", add_jb, sizeof(add_jb), "add+jb", false); }
Test(x86, shape_sub_jl) { check_shape("interp", sub_jl, sizeof(sub_jl), "sub+jl", false); }
Test(x86, shape_test_jle) { check_shape("jit", test_jle, sizeof(test_jle), "test+jle", false); }
Test(x86, shape_cmpb_ja) { check_shape("jit", cmpb_ja, sizeof(cmpb_ja), "cmpb+ja", false); }
Test(x86, shape_adc_jo) { check_shape("jit", adc_jo, sizeof(adc_jo), "adc+jo", true); }

/* ---- blobs run on both backends ---- */

/* mov $10,%ecx; xor %eax,%eax; 1: add %ecx,%eax; loop 1b; int $0x80 */
static const uint8_t blob_sum[] = {
    0xb9, 0x0a, 0, 0, 0, 0x31, 0xc0, 0x01, 0xc8, 0xe2, 0xfc, 0xcd, 0x80,
};
/* xor %ecx,%ecx; mov $7,%eax; cltd; divl %ecx */
static const uint8_t blob_div0[] = { 0x31, 0xc9, 0xb8, 7, 0, 0, 0, 0x99, 0xf7, 0xf1 };
/* nop; ud2 */
static const uint8_t blob_ud2[] = { 0x90, 0x0f, 0x0b };
/* nop; int3; nop */
static const uint8_t blob_int3[] = { 0x90, 0xcc, 0x90 };
/* esi=0x50000 edi=0x50100; store two dwords; ecx=8; cld; rep movsb;
 * mov -4(%edi),%eax; mov -8(%edi),%ebx; int $0x80 */
static const uint8_t blob_movs[] = {
    0xbe, 0, 0, 5, 0, 0xbf, 0, 1, 5, 0, 0xc7, 0x06, 0x44, 0x33, 0x22, 0x11,
    0xc7, 0x46, 0x04, 0x88, 0x77, 0x66, 0x55, 0xb9, 8, 0, 0, 0, 0xfc, 0xf3, 0xa4,
    0x8b, 0x47, 0xfc, 0x8b, 0x5f, 0xf8, 0xcd, 0x80,
};
/* esi=0x50000; movl $5,(%esi); mov $3,%eax; lock xadd %eax,(%esi);
 * mov (%esi),%ebx; int $0x80 */
static const uint8_t blob_xadd[] = {
    0xbe, 0, 0, 5, 0, 0xc7, 0x06, 5, 0, 0, 0, 0xb8, 3, 0, 0, 0,
    0xf0, 0x0f, 0xc1, 0x06, 0x8b, 0x1e, 0xcd, 0x80,
};
/* mov $0x80000001,%eax; mov $33,%ecx; shl %cl,%eax; pushf; pop %edx;
 * mov $0x81,%ebx; rol $1,%bl; int $0x80 */
static const uint8_t blob_shift[] = {
    0xb8, 1, 0, 0, 0x80, 0xb9, 0x21, 0, 0, 0, 0xd3, 0xe0, 0x9c, 0x5a,
    0xbb, 0x81, 0, 0, 0, 0xd0, 0xc3, 0xcd, 0x80,
};

/* int $0x80 (2 bytes) ends at `end`: the software-interrupt event with
 * EIP at the instruction and the return address after it. */
static void assert_int80(CPUX86State *env, int e, uint32_t end)
{
    cr_assert_eq(e, 0x80);
    cr_assert(env->exception_is_int, "INT n is a software interrupt");
    cr_assert_eq(env->eip, end - 2, "eip at int $0x80");
    cr_assert_eq(env->exception_next_eip, end, "return address after it");
}

static void blobs(const char *backend, int which)
{
    CPUX86State *env;
    int e;
    switch (which) {
    case 0:
        env = setup(backend, blob_sum, sizeof(blob_sum));
        e = run(env);
        assert_int80(env, e, CODE + sizeof(blob_sum));
        cr_assert_eq(env->regs[R_EAX], 55);
        cr_assert_eq(env->regs[R_ECX], 0);
        break;
    case 1:
        env = setup(backend, blob_div0, sizeof(blob_div0));
        e = run(env);
        cr_assert_eq(e, EXCP00_DIVZ);
        cr_assert_eq(env->eip, CODE + 8, "eip at the div");
        cr_assert_eq(env->regs[R_EAX], 7);
        break;
    case 2:
        env = setup(backend, blob_ud2, sizeof(blob_ud2));
        e = run(env);
        cr_assert_eq(e, EXCP06_ILLOP);
        cr_assert_eq(env->eip, CODE + 1, "eip at ud2");
        break;
    case 3:
        env = setup(backend, blob_int3, sizeof(blob_int3));
        e = run(env);
        cr_assert_eq(e, EXCP03_INT3);
        cr_assert(env->exception_is_int);
        cr_assert_eq(env->eip, CODE + 1, "eip at int3");
        cr_assert_eq(env->exception_next_eip, CODE + 2, "return after int3");
        break;
    case 4:
        env = setup(backend, blob_movs, sizeof(blob_movs));
        assert_int80(env, run(env), CODE + sizeof(blob_movs));
        cr_assert_eq(env->regs[R_EAX], 0x55667788);
        cr_assert_eq(env->regs[R_EBX], 0x11223344);
        cr_assert_eq(env->regs[R_ESI], 0x50008);
        cr_assert_eq(env->regs[R_EDI], 0x50108);
        cr_assert_eq(env->regs[R_ECX], 0);
        break;
    case 5:
        env = setup(backend, blob_xadd, sizeof(blob_xadd));
        assert_int80(env, run(env), CODE + sizeof(blob_xadd));
        cr_assert_eq(env->regs[R_EAX], 5);
        cr_assert_eq(env->regs[R_EBX], 8);
        break;
    default:
        env = setup(backend, blob_shift, sizeof(blob_shift));
        assert_int80(env, run(env), CODE + sizeof(blob_shift));
        /* shl by 33 = by 1: 2, CF = 1, OF = MSB ^ CF = 1 */
        cr_assert_eq(env->regs[R_EAX], 2);
        cr_assert_eq(env->regs[R_EDX] & (CC_C | CC_O | CC_Z | CC_S | CC_P), CC_C | CC_O);
        cr_assert_eq(env->regs[R_EBX], 3, "rol 0x81 by 1");
        cr_assert_eq(x86_cpu_get_eflags(env) & CC_C, CC_C);
        break;
    }
    cr_log_info("blob %d on %s ok", which, backend);
}

Test(x86_jit, blob_sum) { blobs("jit", 0); }
Test(x86_jit, blob_div0) { blobs("jit", 1); }
Test(x86_jit, blob_ud2) { blobs("jit", 2); }
Test(x86_jit, blob_int3) { blobs("jit", 3); }
Test(x86_jit, blob_movs) { blobs("jit", 4); }
Test(x86_jit, blob_xadd) { blobs("jit", 5); }
Test(x86_jit, blob_shift) { blobs("jit", 6); }
Test(x86_interp, blob_sum) { blobs("interp", 0); }
Test(x86_interp, blob_div0) { blobs("interp", 1); }
Test(x86_interp, blob_ud2) { blobs("interp", 2); }
Test(x86_interp, blob_int3) { blobs("interp", 3); }
Test(x86_interp, blob_movs) { blobs("interp", 4); }
Test(x86_interp, blob_xadd) { blobs("interp", 5); }
Test(x86_interp, blob_shift) { blobs("interp", 6); }

/* ---- CMP keeps only its operands (CC_OP_CMP): the host CPU as oracle ---- */

static const uint32_t cmp_values[] = {
    0, 1, 2, 0x7f, 0x80, 0x81, 0xff, 0x100, 0x7fff, 0x8000, 0xffff, 0x10000,
    0x7fffffff, 0x80000000, 0x80000001, 0xfffffffe, 0xffffffff, 0x12345678, 0xedcba987,
};

/* The arithmetic flags of the host's cmp a, b of size ot (a - b). */
static uint32_t host_cmp_flags(MemOp ot, uint32_t a, uint32_t b)
{
    uint64_t f;
    if (ot == MO_8) {
        __asm__("cmpb %b2, %b1\n\tpushfq\n\tpopq %0" : "=r"(f) : "q"(a), "q"(b) : "cc");
    } else if (ot == MO_16) {
        __asm__("cmpw %w2, %w1\n\tpushfq\n\tpopq %0" : "=r"(f) : "r"(a), "r"(b) : "cc");
    } else {
        __asm__("cmpl %2, %1\n\tpushfq\n\tpopq %0" : "=r"(f) : "r"(a), "r"(b) : "cc");
    }
    return (uint32_t)f & CC_ARITH_MASK;
}

/* Condition cc (the low nibble of Jcc/SETcc) from EFLAGS bits, per the SDM
 * table of condition codes. */
static int cond_of_flags(int cc, uint32_t f)
{
    bool cf = f & CC_C, zf = f & CC_Z, sf = f & CC_S, of = f & CC_O, pf = f & CC_P;
    bool r;
    switch (cc >> 1) {
    case 0: r = of; break;
    case 1: r = cf; break;
    case 2: r = zf; break;
    case 3: r = cf || zf; break;
    case 4: r = sf; break;
    case 5: r = pf; break;
    case 6: r = sf != of; break;
    default: r = zf || sf != of; break;
    }
    return (cc & 1) ? !r : r;
}

Test(x86, cc_compute_cmp)
{
    for (int ot = MO_8; ot <= MO_32; ot++) {
        for (size_t i = 0; i < sizeof(cmp_values) / 4; i++) {
            for (size_t j = 0; j < sizeof(cmp_values) / 4; j++) {
                uint32_t a = cmp_values[i], b = cmp_values[j];
                uint32_t want = host_cmp_flags(ot, a, b);
                /* cc_dst is stale for CMP: any value */
                uint32_t got = x86_cc_compute_all(CC_OP_CMP + ot, 0xdeadbeef, b, a);
                cr_assert_eq(got, want, "cmp%d %08x, %08x: %03x, host %03x", 8 << ot, a, b,
                             got, want);
            }
        }
    }
}

/*
 * cmp eax, ebx (size ot); setcc cl; jmp to the next insn (the flags go into
 * a second block, translated while env->cc_op is CMP: its reader takes the
 * speculated form); setcc dl; pushf; pop esi; int $0x80.
 */
static void cmp_blob_run(const char *backend, MemOp ot, int cc)
{
    uint8_t code[32];
    size_t n = 0;
    if (ot == MO_16) {
        code[n++] = 0x66;
    }
    code[n++] = ot == MO_8 ? 0x38 : 0x39;
    code[n++] = 0xd8;                       /* cmp al/ax/eax, bl/bx/ebx */
    code[n++] = 0x0f; code[n++] = 0x90 + cc; code[n++] = 0xc1;   /* setcc cl */
    code[n++] = 0xeb; code[n++] = 0x00;     /* jmp next */
    code[n++] = 0x0f; code[n++] = 0x90 + cc; code[n++] = 0xc2;   /* setcc dl */
    code[n++] = 0x9c; code[n++] = 0x5e;     /* pushf; pop esi */
    code[n++] = 0xcd; code[n++] = 0x80;
    CPUX86State *env = setup(backend, code, n);
    for (size_t i = 0; i < sizeof(cmp_values) / 4; i++) {
        for (size_t j = 0; j < sizeof(cmp_values) / 4; j += 3) {
            uint32_t a = cmp_values[i], b = cmp_values[(j + i) % (sizeof(cmp_values) / 4)];
            uint32_t want = host_cmp_flags(ot, a, b);
            env->eip = CODE;
            env->regs[R_EAX] = a;
            env->regs[R_EBX] = b;
            env->regs[R_ECX] = env->regs[R_EDX] = 0;
            env->regs[R_ESP] = DATA + 0x30000;
            assert_int80(env, run(env), CODE + n);
            cr_assert_eq(env->regs[R_ECX], cond_of_flags(cc, want),
                         "%s: cmp%d %08x, %08x; setcc %x in the block", backend, 8 << ot, a, b, cc);
            cr_assert_eq(env->regs[R_EDX], cond_of_flags(cc, want),
                         "%s: cmp%d %08x, %08x; setcc %x in the next block", backend, 8 << ot,
                         a, b, cc);
            cr_assert_eq(env->regs[R_ESI] & CC_ARITH_MASK, want,
                         "%s: cmp%d %08x, %08x: pushf %03x, host %03x", backend, 8 << ot, a, b,
                         env->regs[R_ESI] & CC_ARITH_MASK, want);
        }
    }
}

static void cmp_blobs(const char *backend)
{
    for (int ot = MO_8; ot <= MO_32; ot++) {
        for (int cc = 0; cc < 16; cc++) {
            cmp_blob_run(backend, ot, cc);
        }
    }
}

Test(x86_jit, cmp_setcc_pushf) { cmp_blobs("jit"); }
Test(x86_interp, cmp_setcc_pushf) { cmp_blobs("interp"); }

/* ---- ROL/ROR keep their result for CF/OF (CC_OP_CO_ROL/ROR) ---- */

/* The host's rol/ror of v (size ot) by n: the result and its flags. */
static uint32_t host_rot(bool left, MemOp ot, uint32_t v, uint8_t n, uint32_t *flags)
{
    uint64_t f;
    if (ot == MO_8) {
        if (left) {
            __asm__("rolb %%cl, %b0\n\tpushfq\n\tpopq %1" : "+q"(v), "=r"(f) : "c"(n) : "cc");
        } else {
            __asm__("rorb %%cl, %b0\n\tpushfq\n\tpopq %1" : "+q"(v), "=r"(f) : "c"(n) : "cc");
        }
    } else if (ot == MO_16) {
        if (left) {
            __asm__("rolw %%cl, %w0\n\tpushfq\n\tpopq %1" : "+r"(v), "=r"(f) : "c"(n) : "cc");
        } else {
            __asm__("rorw %%cl, %w0\n\tpushfq\n\tpopq %1" : "+r"(v), "=r"(f) : "c"(n) : "cc");
        }
    } else if (left) {
        __asm__("roll %%cl, %0\n\tpushfq\n\tpopq %1" : "+r"(v), "=r"(f) : "c"(n) : "cc");
    } else {
        __asm__("rorl %%cl, %0\n\tpushfq\n\tpopq %1" : "+r"(v), "=r"(f) : "c"(n) : "cc");
    }
    *flags = (uint32_t)f;
    return v;
}

/* Over every earlier kind: SF ZF AF PF from it, CF (every count) and OF
 * (count 1; the SDM leaves it undefined otherwise) from the kept rotate
 * result, the operand replicated over 32 bits as the front end does. */
Test(x86, cc_rotate_kept_result)
{
    static const uint32_t vals[] = { 0, 1, 0x80, 0x81, 0x40, 0xc0, 0x8000, 0x4001,
                                     0x80000000, 0x40000000, 0xc0000001, 0x12345678 };
    for (int ot = MO_8; ot <= MO_32; ot++) {
        uint32_t mask = ot == MO_8 ? 0xff : ot == MO_16 ? 0xffff : 0xffffffff;
        uint32_t rep = ot == MO_8 ? 0x01010101 : ot == MO_16 ? 0x00010001 : 1;
        for (size_t i = 0; i < sizeof(vals) / 4; i++) {
            for (int n = 1; n < 32; n++) {
                for (int left = 0; left < 2; left++) {
                    uint32_t v = vals[i] & mask, hf;
                    uint32_t hr = host_rot(left, ot, v, (uint8_t)n, &hf);
                    uint32_t r = v * rep;
                    r = left ? (r << n) | (r >> (32 - n)) : (r >> n) | (r << (32 - n));
                    cr_assert_eq(r & mask, hr & mask);
                    uint32_t kind = left ? CC_OP_CO_ROL : CC_OP_CO_ROR;
                    uint32_t base = x86_cc_compute_all(CC_OP_SUB + MO_32, 0x80000000, 1, 0x80000001);
                    uint32_t got = x86_cc_compute_flags(CC_OP_SUB + MO_32 + kind, 0x80000000, 1,
                                                        0x80000001, r);
                    uint32_t want_mask = n == 1 ? (CC_C | CC_O) : CC_C;
                    cr_assert_eq(got & want_mask, hf & want_mask,
                                 "%s%d %x by %d: %03x, host %03x", left ? "rol" : "ror",
                                 8 << ot, v, n, got, hf);
                    cr_assert_eq(got & ~(uint32_t)(CC_C | CC_O), base & ~(uint32_t)(CC_C | CC_O));
                }
            }
        }
    }
}
