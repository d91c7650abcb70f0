/*
 * 32-bit PowerPC Linux signal frames: the old-style frame (sigcontext +
 * mcontext) and the SA_SIGINFO frame (siginfo + ucontext), a back-chained
 * stack frame below them, and sigreturn/rt_sigreturn. The handler returns
 * through a trampoline in the vDSO (vdso.c), whose unwind information
 * reads this frame; the same two instructions are also written into the
 * frame's mc_pad, as the kernel does.
 */
#include <string.h>
#include <sys/mman.h>

#include "linux-user/ppc/ppc.h"
#include "target-ppc/helper.h"
#include "exec/user-pages.h"

/* struct sigcontext (32 bytes). */
enum { SC_SIGNAL = 16, SC_HANDLER = 20, SC_OLDMASK = 24, SC_REGS = 28,
       SC_MASK_HI = 12 /* _unused[3] holds the high mask word */ };
/* struct mcontext (992 bytes): 48 gregs, 33 fregs (fpscr last), mc_pad. */
enum { MC_GREGS = 0, MC_FREGS = 192, MC_PAD = 456, MC_SIZE = 992 };
enum { PT_NIP = 32, PT_MSR = 33, PT_ORIG_R3 = 34, PT_CTR = 35, PT_LNK = 36,
       PT_XER = 37, PT_CCR = 38, PT_TRAP = 40, PT_DAR = 41, PT_DSISR = 42,
       PT_RESULT = 43 };
/* struct sigframe: sigcontext, mcontext, ABI gap. */
enum { SF_SC = 0, SF_MC = 32, SF_SIZE = 32 + MC_SIZE + 224 };
/* struct ucontext (1184 bytes) and struct rt_sigframe: siginfo, ucontext. */
enum { UC_FLAGS = 0, UC_LINK = 4, UC_STACK = 8, UC_REGS = 48, UC_SIGMASK = 52,
       UC_MCONTEXT = 192 };
enum { RT_INFO = 0, RT_UC = 128, RT_SIZE = 128 + 1184 + 224 };
/* The caller's stack frame the ABI wants below the signal frame. */
#define SIGNAL_FRAMESIZE 64
/* MSR as user code sees it: PR, FP, ME, IR, DR, EE. */
#define PPC_USER_MSR 0xd032u

static void put32(uint32_t a, uint32_t v) { lu_st(a, 4, v); }
static uint32_t get32(uint32_t a) { return (uint32_t)lu_ld(a, 4); }

static void ppc_save_mcontext(CPUPPCState *env, uint32_t mc, const LuSigInfo *si, int nr)
{
    for (int i = 0; i < 32; i++) {
        put32(mc + MC_GREGS + 4 * i, env->gpr[i]);
    }
    put32(mc + 4 * PT_NIP, env->nip);
    put32(mc + 4 * PT_MSR, PPC_USER_MSR | (env->msr & (MSR_FE0 | MSR_FE1)));
    put32(mc + 4 * PT_ORIG_R3, env->gpr[3]);
    put32(mc + 4 * PT_CTR, env->ctr);
    put32(mc + 4 * PT_LNK, env->lr);
    put32(mc + 4 * PT_XER, ppc_get_xer(env));
    put32(mc + 4 * PT_CCR, ppc_get_cr(env));
    put32(mc + 4 * PT_TRAP, si->kind == LU_SIK_FAULT ? si->trapno : 0);
    put32(mc + 4 * PT_DAR, si->kind == LU_SIK_FAULT ? si->cr2 : 0);
    for (int i = 0; i < 32; i++) {
        lu_st(mc + MC_FREGS + 8 * i, 8, env->fpr[i]);
    }
    lu_st(mc + MC_FREGS + 8 * 32, 8, ppc_fpscr_get(env));
    put32(mc + MC_PAD, 0x38000000 | nr);
    put32(mc + MC_PAD + 4, 0x44000002);
}

static bool ppc_restore_mcontext(CPUPPCState *env, uint32_t mc)
{
    if (!lu_access_ok(mc, MC_PAD, false)) {
        return false;
    }
    for (int i = 0; i < 32; i++) {
        env->gpr[i] = get32(mc + MC_GREGS + 4 * i);
    }
    env->nip = get32(mc + 4 * PT_NIP);
    env->ctr = get32(mc + 4 * PT_CTR);
    env->lr = get32(mc + 4 * PT_LNK);
    ppc_set_xer(env, get32(mc + 4 * PT_XER));
    uint32_t cr = get32(mc + 4 * PT_CCR);
    for (int i = 0; i < 8; i++) {
        env->crf[i] = (cr >> (28 - 4 * i)) & 15;
    }
    for (int i = 0; i < 32; i++) {
        env->fpr[i] = lu_ld(mc + MC_FREGS + 8 * i, 8);
    }
    env->fpscr = (uint32_t)lu_ld(mc + MC_FREGS + 8 * 32, 8);
    env->fp_last.pending = 0;
    env->reserve_addr = (uint32_t)-1;
    return true;
}

bool lu_ppc_setup_frame(CPUState *cpu, int sig, const LuSigAction *ka,
                        const LuSigInfo *si, uint64_t oldmask, bool rt)
{
    CPUPPCState *env = (CPUPPCState *)cpu;
    uint32_t size = rt ? RT_SIZE : SF_SIZE;
    uint32_t sp = env->gpr[1];
    if ((ka->flags & LU_SA_ONSTACK) && lu_ts->ss_size && !lu_on_sigstack(sp)) {
        sp = lu_ts->ss_sp + lu_ts->ss_size;
    }
    uint32_t frame = (sp - size) & ~15u;
    uint32_t newsp = frame - SIGNAL_FRAMESIZE - (rt ? 16 : 0);
    uint32_t tramp = lu_ppc_sigtramp(rt);
    if (!tramp || !lu_access_ok(newsp, sp - newsp, true)) {
        return false;
    }
    memset(g2h(frame), 0, size);
    if (rt) {
        uint32_t uc = frame + RT_UC;
        lu_put_siginfo(frame + RT_INFO, si);
        put32(uc + UC_FLAGS, 0);
        put32(uc + UC_LINK, 0);
        put32(uc + UC_STACK, lu_ts->ss_sp);
        put32(uc + UC_STACK + 4, lu_ts->ss_size == 0 ? 2 /* SS_DISABLE */
                                 : lu_on_sigstack(env->gpr[1]) ? 1 /* SS_ONSTACK */ : 0);
        put32(uc + UC_STACK + 8, lu_ts->ss_size);
        put32(uc + UC_REGS, uc + UC_MCONTEXT);
        put32(uc + UC_SIGMASK, (uint32_t)oldmask);
        put32(uc + UC_SIGMASK + 4, (uint32_t)(oldmask >> 32));
        ppc_save_mcontext(env, uc + UC_MCONTEXT, si, LU_PPC_NR_RT_SIGRETURN);
        env->gpr[4] = frame + RT_INFO;
        env->gpr[5] = uc;
        env->gpr[6] = frame;
    } else {
        uint32_t sc = frame + SF_SC;
        put32(sc + SC_SIGNAL, sig);
        put32(sc + SC_HANDLER, ka->handler);
        put32(sc + SC_OLDMASK, (uint32_t)oldmask);
        put32(sc + SC_MASK_HI, (uint32_t)(oldmask >> 32));
        put32(sc + SC_REGS, frame + SF_MC);
        ppc_save_mcontext(env, frame + SF_MC, si, LU_PPC_NR_SIGRETURN);
        env->gpr[4] = sc;
    }
    put32(newsp, env->gpr[1]);   /* back chain */
    env->gpr[1] = newsp;
    env->gpr[3] = sig;
    env->lr = tramp;
    env->nip = ka->handler;
    env->fpscr = 0;
    env->fp_last.pending = 0;
    return true;
}

bool lu_ppc_restore_frame(CPUState *cpu, bool rt, uint64_t *mask)
{
    CPUPPCState *env = (CPUPPCState *)cpu;
    if (rt) {
        uint32_t frame = env->gpr[1] + SIGNAL_FRAMESIZE + 16;
        uint32_t uc = frame + RT_UC;
        if (!lu_access_ok(frame, RT_SIZE - 224, false)) {
            return false;
        }
        *mask = get32(uc + UC_SIGMASK) | ((uint64_t)get32(uc + UC_SIGMASK + 4) << 32);
        if (!ppc_restore_mcontext(env, get32(uc + UC_REGS))) {
            return false;
        }
        lu_do_sigaltstack(uc + UC_STACK, 0, env->gpr[1]);
        return true;
    }
    uint32_t sc = env->gpr[1] + SIGNAL_FRAMESIZE;
    if (!lu_access_ok(sc, 32, false)) {
        return false;
    }
    *mask = get32(sc + SC_OLDMASK) | ((uint64_t)get32(sc + SC_MASK_HI) << 32);
    return ppc_restore_mcontext(env, get32(sc + SC_REGS));
}
