/*
 * i386 Linux signal frames: the old-style frame (sigframe) and the
 * SA_SIGINFO frame (rt_sigframe with siginfo and ucontext), the FPU state
 * saved after them (the legacy x87 image, followed on an FXSR CPU by the
 * FXSAVE image with MXCSR and the XMM registers), and sigreturn.
 */
#include <errno.h>
#include <string.h>
#include "exec/user-pages.h"
#include "linux-user/i386/i386.h"
#include "linux-user/lu-syscall.h"
#include "target-i386/cpu-models.h"
#include "target-i386/x87.h"

/* struct sigcontext (88 bytes): offsets of its words. */
enum {
    SC_GS = 0, SC_FS = 4, SC_ES = 8, SC_DS = 12, SC_EDI = 16, SC_ESI = 20,
    SC_EBP = 24, SC_ESP = 28, SC_EBX = 32, SC_EDX = 36, SC_ECX = 40,
    SC_EAX = 44, SC_TRAPNO = 48, SC_ERR = 52, SC_EIP = 56, SC_CS = 60,
    SC_EFLAGS = 64, SC_ESP_AT_SIGNAL = 68, SC_SS = 72, SC_FPSTATE = 76,
    SC_OLDMASK = 80, SC_CR2 = 84, SC_SIZE = 88,
};
/* struct sigframe: pretcode, sig, sigcontext, unused fpstate, extramask,
 * retcode. */
enum { SF_PRETCODE = 0, SF_SIG = 4, SF_SC = 8, SF_EXTRAMASK = 720,
       SF_RETCODE = 724, SF_SIZE = 732 };
/* struct rt_sigframe: pretcode, sig, pinfo, puc, siginfo, ucontext, retcode. */
enum { RT_PRETCODE = 0, RT_SIG = 4, RT_PINFO = 8, RT_PUC = 12, RT_INFO = 16,
       RT_UC = 144, RT_SIZE = 268 };
/* struct ucontext: flags, link, stack_t, sigcontext, sigmask. */
enum { UC_FLAGS = 0, UC_LINK = 4, UC_STACK = 8, UC_MCONTEXT = 20,
       UC_SIGMASK = 108, RT_RETCODE = RT_UC + 116 };
/* The legacy (fsave) x87 image: env, 8 registers, status, magic. */
enum { FP_CW = 0, FP_SW = 4, FP_TAG = 8, FP_IPOFF = 12, FP_CSSEL = 16,
       FP_DATAOFF = 20, FP_DATASEL = 24, FP_ST = 28, FP_STATUS = 108,
       FP_MAGIC = 110, FP_SIZE = 112 };
/* On an FXSR CPU the FXSAVE image follows (64-byte aligned): struct
 * _fpstate_32 is the legacy image with magic LU_X86_FXSR_MAGIC (0), then the
 * 512 bytes whose software-reserved tail (_fpx_sw_bytes) says what is
 * there: LU_FP_XSTATE_MAGIC1, the frame's extended size (FXSAVE image +
 * magic2 slot + legacy image), x87|SSE, and the image size. */
enum { FX_SIZE = 512, FX_MXCSR = 24, FX_XMM = 160, FX_SW = 464 };
#define LU_FP_XSTATE_MAGIC1 0x46505853u
#define LU_X86_FXSR_MAGIC 0x0000
#define FIX_EFLAGS 0x40dd5u   /* AC OF DF TF SF ZF AF PF CF RF */

static void put32(uint32_t a, uint32_t v) { lu_st(a, 4, v); }
static uint32_t get32(uint32_t a) { return (uint32_t)lu_ld(a, 4); }

static int i386_fp_tag(const FPReg *r)
{
    uint16_t e = r->x.sign_exp & 0x7fff;
    if (e == 0x7fff) {
        return 2;
    }
    if (e == 0) {
        return r->x.mant == 0 ? 1 : 2;
    }
    return (r->x.mant >> 63) ? 0 : 2;
}

static void i386_save_fpu(CPUX86State *env, uint32_t fp)
{
    uint32_t tag = 0;
    for (int i = 0; i < 8; i++) {
        int t = env->fptags[i] ? 3 : i386_fp_tag(&env->fpregs[i]);
        tag |= (uint32_t)t << (2 * i);
    }
    uint16_t sw = (env->fpus & ~0x3800) | ((env->fpstt & 7) << 11);
    put32(fp + FP_CW, 0xffff0000u | env->fpuc);
    put32(fp + FP_SW, 0xffff0000u | sw);
    put32(fp + FP_TAG, 0xffff0000u | tag);
    put32(fp + FP_IPOFF, env->fpip);
    put32(fp + FP_CSSEL, env->fpcs | ((uint32_t)env->fpop << 16));
    put32(fp + FP_DATAOFF, env->fpdp);
    put32(fp + FP_DATASEL, 0xffff0000u | env->fpds);
    for (int i = 0; i < 8; i++) {
        memcpy(g2h(fp + FP_ST + 10 * i), &env->fpregs[(env->fpstt + i) & 7], 10);
    }
    lu_st(fp + FP_STATUS, 2, sw);
    lu_st(fp + FP_MAGIC, 2, 0xffff);
}

/* Linux saves the FXSAVE image when the CPU has FXSR. */
static bool i386_frame_has_fxsr(const CPUX86State *env)
{
    return x86_cpu_has_feature(env, X86_FEAT_1_EDX, X86_CPUID_FXSR);
}

static void i386_save_fxsr(CPUX86State *env, uint32_t fp)
{
    uint8_t *fx = g2h(fp + FP_SIZE);
    x87_fxsave_image(env, fx);
    memset(fx + 288, 0, FX_SIZE - 288);
    uint32_t sw[5] = { LU_FP_XSTATE_MAGIC1, FX_SIZE + 4 + FP_SIZE, 3, 0, FX_SIZE };
    memcpy(fx + FX_SW, sw, sizeof(sw));
    lu_st(fp + FP_MAGIC, 2, LU_X86_FXSR_MAGIC);
}

/* The x87 part comes from the legacy image (as the kernel does for 32-bit
 * frames), MXCSR and the XMM registers from the FXSAVE image. */
static void i386_restore_fxsr(CPUX86State *env, uint32_t fp)
{
    const uint8_t *fx = g2h(fp + FP_SIZE);
    uint32_t mxcsr;
    memcpy(&mxcsr, fx + FX_MXCSR, 4);
    env->mxcsr = mxcsr & 0xffff;
    memcpy(env->xmm, fx + FX_XMM, sizeof(env->xmm));
}

static void i386_restore_fpu(CPUX86State *env, uint32_t fp)
{
    uint16_t sw = (uint16_t)get32(fp + FP_SW);
    uint32_t tag = get32(fp + FP_TAG);
    env->fpuc = (uint16_t)get32(fp + FP_CW);
    env->fpstt = (sw >> 11) & 7;
    env->fpus = sw & ~0x3800;
    env->fpip = get32(fp + FP_IPOFF);
    env->fpcs = (uint16_t)get32(fp + FP_CSSEL);
    env->fpop = (uint16_t)(get32(fp + FP_CSSEL) >> 16) & 0x7ff;
    env->fpdp = get32(fp + FP_DATAOFF);
    env->fpds = (uint16_t)get32(fp + FP_DATASEL);
    for (int i = 0; i < 8; i++) {
        env->fptags[i] = ((tag >> (2 * i)) & 3) == 3;
        FPReg *r = &env->fpregs[(env->fpstt + i) & 7];
        memset(r, 0, sizeof(*r));
        memcpy(r, g2h(fp + FP_ST + 10 * i), 10);
    }
}

/* The kernel's initial FPU state (a handler starts with it, and so does a
 * sigreturn without fpstate): FNINIT, registers and XMM zeroed. */
static void i386_reset_fpu(CPUX86State *env)
{
    memset(env->fpregs, 0, sizeof(env->fpregs));
    memset(env->xmm, 0, sizeof(env->xmm));
    env->fpuc = 0x37f;
    env->fpus = 0;
    env->fpstt = 0;
    memset(env->fptags, 1, sizeof(env->fptags));
    env->mxcsr = 0x1f80;
}

/* Whether the exception of a fault signal is a fault (not a trap): the
 * EFLAGS image the CPU pushes for a fault has RF set. */
static bool i386_trap_is_fault(uint32_t trapno)
{
    switch (trapno) {
    case EXCP01_DB:
    case EXCP03_INT3:
    case EXCP04_INTO:
        return false;
    default:
        return trapno < 32;
    }
}

static void i386_save_sigcontext(CPUX86State *env, uint32_t sc, uint32_t fp,
                                 const LuSigInfo *si, uint32_t mask_lo)
{
    put32(sc + SC_GS, env->segs[R_GS].selector);
    put32(sc + SC_FS, env->segs[R_FS].selector);
    put32(sc + SC_ES, env->segs[R_ES].selector);
    put32(sc + SC_DS, env->segs[R_DS].selector);
    put32(sc + SC_EDI, env->regs[R_EDI]);
    put32(sc + SC_ESI, env->regs[R_ESI]);
    put32(sc + SC_EBP, env->regs[R_EBP]);
    put32(sc + SC_ESP, env->regs[R_ESP]);
    put32(sc + SC_EBX, env->regs[R_EBX]);
    put32(sc + SC_EDX, env->regs[R_EDX]);
    put32(sc + SC_ECX, env->regs[R_ECX]);
    put32(sc + SC_EAX, env->regs[R_EAX]);
    put32(sc + SC_TRAPNO, si->kind == LU_SIK_FAULT ? si->trapno : 0);
    put32(sc + SC_ERR, si->kind == LU_SIK_FAULT ? si->err_code : 0);
    put32(sc + SC_EIP, env->eip);
    put32(sc + SC_CS, env->segs[R_CS].selector);
    uint32_t eflags = x86_cpu_get_eflags(env);
    if (si->kind == LU_SIK_FAULT && i386_trap_is_fault(si->trapno)) {
        eflags |= RF_MASK;
    }
    put32(sc + SC_EFLAGS, eflags);
    put32(sc + SC_ESP_AT_SIGNAL, env->regs[R_ESP]);
    put32(sc + SC_SS, env->segs[R_SS].selector);
    put32(sc + SC_FPSTATE, fp);
    put32(sc + SC_OLDMASK, mask_lo);
    put32(sc + SC_CR2, si->kind == LU_SIK_FAULT ? si->cr2 : 0);
}

static bool i386_restore_sigcontext(CPUX86State *env, uint32_t sc)
{
    if (!lu_access_ok(sc, SC_SIZE, false)) {
        return false;
    }
    lu_i386_load_seg(env, R_GS, get32(sc + SC_GS));
    lu_i386_load_seg(env, R_FS, get32(sc + SC_FS));
    lu_i386_load_seg(env, R_ES, get32(sc + SC_ES));
    lu_i386_load_seg(env, R_DS, get32(sc + SC_DS));
    env->regs[R_EDI] = get32(sc + SC_EDI);
    env->regs[R_ESI] = get32(sc + SC_ESI);
    env->regs[R_EBP] = get32(sc + SC_EBP);
    env->regs[R_ESP] = get32(sc + SC_ESP);
    env->regs[R_EBX] = get32(sc + SC_EBX);
    env->regs[R_EDX] = get32(sc + SC_EDX);
    env->regs[R_ECX] = get32(sc + SC_ECX);
    env->regs[R_EAX] = get32(sc + SC_EAX);
    env->eip = get32(sc + SC_EIP);
    lu_i386_load_seg(env, R_CS, get32(sc + SC_CS) | 3);
    lu_i386_load_seg(env, R_SS, get32(sc + SC_SS) | 3);
    x86_cpu_set_eflags(env, get32(sc + SC_EFLAGS), FIX_EFLAGS);
    uint32_t fp = get32(sc + SC_FPSTATE);
    if (fp) {
        bool fxsr = i386_frame_has_fxsr(env);
        if (!lu_access_ok(fp, FP_SIZE + (fxsr ? FX_SIZE : 0), false)) {
            return false;
        }
        i386_restore_fpu(env, fp);
        if (fxsr) {
            i386_restore_fxsr(env, fp);
        }
    } else {
        i386_reset_fpu(env);
    }
    return true;
}

/* Where the frame goes: the alternate stack if asked for, the FPU state
 * below it (the x87 image 64-byte aligned, or the FXSAVE image 64-byte
 * aligned with the x87 image just below), the frame so that (esp + 4) is
 * 16-aligned. */
static uint32_t i386_frame_addr(CPUX86State *env, const LuSigAction *ka,
                                uint32_t size, uint32_t *fp)
{
    uint32_t sp = env->regs[R_ESP];
    if ((ka->flags & LU_SA_ONSTACK) && lu_ts->ss_size && !lu_on_sigstack(sp)) {
        sp = lu_ts->ss_sp + lu_ts->ss_size;
    }
    if (i386_frame_has_fxsr(env)) {
        sp = ((sp - FX_SIZE) & ~63u) - FP_SIZE;
    } else {
        sp = (sp - FP_SIZE) & ~63u;
    }
    *fp = sp;
    sp -= size;
    return ((sp + 4) & ~15u) - 4;
}

static void i386_enter_handler(CPUX86State *env, const LuSigAction *ka,
                               uint32_t frame)
{
    env->regs[R_ESP] = frame;
    env->eip = ka->handler;
    lu_i386_load_seg(env, R_DS, LU_I386_USER_DS);
    lu_i386_load_seg(env, R_ES, LU_I386_USER_DS);
    lu_i386_load_seg(env, R_SS, LU_I386_USER_DS);
    lu_i386_load_seg(env, R_CS, LU_I386_USER_CS);
    x86_cpu_set_eflags(env, 0, TF_MASK | DF_MASK);
    i386_reset_fpu(env);
}

bool lu_i386_setup_frame(CPUState *cpu, int sig, const LuSigAction *ka,
                         const LuSigInfo *si, uint64_t oldmask, bool rt)
{
    CPUX86State *env = (CPUX86State *)cpu;
    uint32_t fp, size = rt ? RT_SIZE : SF_SIZE;
    uint32_t frame = i386_frame_addr(env, ka, size, &fp);
    uint32_t fp_size = FP_SIZE + (i386_frame_has_fxsr(env) ? FX_SIZE : 0);
    if (!lu_access_ok(frame, fp + fp_size - frame, true)) {
        return false;
    }
    memset(g2h(frame), 0, fp + fp_size - frame);
    i386_save_fpu(env, fp);
    if (i386_frame_has_fxsr(env)) {
        i386_save_fxsr(env, fp);
    }
    uint32_t retcode;
    if (rt) {
        uint32_t uc = frame + RT_UC;
        put32(frame + RT_SIG, sig);
        put32(frame + RT_PINFO, frame + RT_INFO);
        put32(frame + RT_PUC, uc);
        lu_put_siginfo(frame + RT_INFO, si);
        uint32_t sp = env->regs[R_ESP];
        put32(uc + UC_STACK, lu_ts->ss_sp);
        put32(uc + UC_STACK + 4, lu_ts->ss_size == 0 ? 2 /* SS_DISABLE */
                                 : lu_on_sigstack(sp) ? 1 /* SS_ONSTACK */ : 0);
        put32(uc + UC_STACK + 8, lu_ts->ss_size);
        i386_save_sigcontext(env, uc + UC_MCONTEXT, fp, si, (uint32_t)oldmask);
        put32(uc + UC_SIGMASK, (uint32_t)oldmask);
        put32(uc + UC_SIGMASK + 4, (uint32_t)(oldmask >> 32));
        /* movl $__NR_rt_sigreturn, %eax; int $0x80 */
        static const uint8_t code[8] = { 0xb8, 173, 0, 0, 0, 0xcd, 0x80, 0 };
        memcpy(g2h(frame + RT_RETCODE), code, 8);
        retcode = frame + RT_RETCODE;
    } else {
        put32(frame + SF_SIG, sig);
        i386_save_sigcontext(env, frame + SF_SC, fp, si, (uint32_t)oldmask);
        put32(frame + SF_EXTRAMASK, (uint32_t)(oldmask >> 32));
        /* popl %eax; movl $__NR_sigreturn, %eax; int $0x80 */
        static const uint8_t code[8] = { 0x58, 0xb8, 119, 0, 0, 0, 0xcd, 0x80 };
        memcpy(g2h(frame + SF_RETCODE), code, 8);
        retcode = frame + SF_RETCODE;
    }
    put32(frame, (ka->flags & LU_SA_RESTORER) ? ka->restorer : retcode);
    i386_enter_handler(env, ka, frame);
    env->regs[R_EAX] = sig;
    env->regs[R_EDX] = rt ? frame + RT_INFO : 0;
    env->regs[R_ECX] = rt ? frame + RT_UC : 0;
    return true;
}

bool lu_i386_restore_frame(CPUState *cpu, bool rt, uint64_t *mask)
{
    CPUX86State *env = (CPUX86State *)cpu;
    if (rt) {
        uint32_t frame = env->regs[R_ESP] - 4;
        uint32_t uc = frame + RT_UC;
        if (!lu_access_ok(frame, RT_SIZE, false)) {
            return false;
        }
        *mask = get32(uc + UC_SIGMASK) | ((uint64_t)get32(uc + UC_SIGMASK + 4) << 32);
        if (!i386_restore_sigcontext(env, uc + UC_MCONTEXT)) {
            return false;
        }
        lu_do_sigaltstack(uc + UC_STACK, 0, env->regs[R_ESP]);
        return true;
    }
    uint32_t frame = env->regs[R_ESP] - 8;
    if (!lu_access_ok(frame, SF_SIZE, false)) {
        return false;
    }
    *mask = get32(frame + SF_SC + SC_OLDMASK) |
            ((uint64_t)get32(frame + SF_EXTRAMASK) << 32);
    return i386_restore_sigcontext(env, frame + SF_SC);
}
