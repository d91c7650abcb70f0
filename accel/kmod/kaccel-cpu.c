/* The i386 system CPU and /dev/kaccel (see kaccel-cpu.h): the native-run
 * predicate, CPUX86State <-> struct kaccel_regs / FXSAVE image, and the
 * mapping of exits onto the CPU loop's exception and translator paths. */
#include <errno.h>
#include <stddef.h>
#include <string.h>
#include "kaccel-cpu.h"
#include "target-i386/x87.h"

bool kaccel_cpu_can_run(CPUX86State *env)
{
    uint32_t eflags = x86_cpu_get_eflags(env);

    return (env->cr[0] & CR0_PE_MASK) && (env->cr[0] & CR0_PG_MASK) &&
           !(eflags & VM_MASK) && (eflags & IF_MASK) && !(eflags & IOPL_MASK) &&
           (env->segs[R_CS].selector & 3) == 3;
}

void kaccel_cpu_get(CPUX86State *env, struct kaccel_regs *r, struct kaccel_fpu *f)
{
    memset(r, 0, sizeof(*r));
    memcpy(r->gpr, env->regs, sizeof(r->gpr));
    r->eip = env->eip;
    r->eflags = x86_cpu_get_eflags(env);
    r->cr0 = env->cr[0];
    r->cr2 = env->cr[2];
    r->cr3 = env->cr[3];
    r->cr4 = env->cr[4];
    r->efer = env->efer & (1u << 11);
    if (env->cr[4] & (1u << 5))
        memcpy(r->pdpte, env->pdpte, sizeof(r->pdpte));
    for (int i = 0; i < KACCEL_NB_SEGS; i++) {
        r->seg[i].selector = env->segs[i].selector;
        r->seg[i].base = env->segs[i].base;
        r->seg[i].limit = env->segs[i].limit;
        r->seg[i].flags = env->segs[i].flags;
    }
    memset(f, 0, sizeof(*f));
    x87_fxsave_image(env, f->fxsave);
}

void kaccel_cpu_put(CPUX86State *env, const struct kaccel_regs *r,
                    const struct kaccel_fpu *f)
{
    memcpy(env->regs, r->gpr, sizeof(r->gpr));
    env->eip = r->eip;
    x86_cpu_set_eflags(env, r->eflags, ~0u);
    env->cr[2] = r->cr2;
    for (int i = 0; i < KACCEL_NB_SEGS; i++) {
        env->segs[i].selector = r->seg[i].selector;
        env->segs[i].base = r->seg[i].base;
        env->segs[i].limit = r->seg[i].limit;
        env->segs[i].flags = r->seg[i].flags;
    }
    if (f) {
        x87_fxrstor_image(env, f->fxsave);
    }
    x86_update_hflags(env);
}

KaccelAction kaccel_cpu_action(CPUX86State *env, const struct kaccel_run *run,
                               int *vector, uint32_t *error_code)
{
    switch (run->reason) {
    case KACCEL_EXIT_EXCEPTION:
        switch (run->vector) {
        case EXCP06_ILLOP: case EXCP0A_TSS: case EXCP0B_NOSEG:
        case EXCP0C_STACK: case EXCP0D_GPF:
            /* may come from the native environment (a selector the
             * module did not install, an instruction the host CPU has and
             * the guest's lacks): the translator decides */
            return KACCEL_DO_TRANSLATE;
        case EXCP0E_PAGE:
            env->cr[2] = run->addr;
            break;
        case EXCP01_DB:
            env->dr[6] = (uint32_t)run->gpa;
            break;
        default:
            break;
        }
        *vector = run->vector;
        *error_code = run->error_code;
        return KACCEL_DO_EXCEPTION;
    case KACCEL_EXIT_SOFTINT:
    case KACCEL_EXIT_INSN:
    case KACCEL_EXIT_MMIO:
    case KACCEL_EXIT_WATCH:
        return KACCEL_DO_TRANSLATE;
    case KACCEL_EXIT_RESCHED:
        return KACCEL_DO_RUN_AGAIN;
    default:
        return KACCEL_DO_MAINLOOP;
    }
}

void kaccel_cpu_enter(KaccelVM *vm, CPUX86State *env, struct kaccel_run *run)
{
    memset(run, 0, offsetof(struct kaccel_run, inv_pages));
    run->flags = KACCEL_RUN_REGS_IN;
    kaccel_cpu_get(env, &run->regs, &run->fpu);
    if (!vm->fpu_known || memcmp(run->fpu.fxsave, vm->fpu.fxsave, sizeof(vm->fpu))) {
        run->flags |= KACCEL_RUN_FPU_IN;
    }
}

int kaccel_cpu_leave(KaccelVM *vm, CPUX86State *env, struct kaccel_run *run,
                     int run_err, int *vector, uint32_t *error_code)
{
    if (run_err) {
        /* nothing of the run was applied, or the VM is gone */
        vm->fpu_known = false;
        return run_err == -EINTR ? KACCEL_DO_MAINLOOP : run_err;
    }
    if (run->out_flags & KACCEL_RUN_FPU_OUT) {
        kaccel_cpu_put(env, &run->regs, &run->fpu);
        memset(&vm->fpu, 0, sizeof(vm->fpu));
        x87_fxsave_image(env, vm->fpu.fxsave);
    } else {
        kaccel_cpu_put(env, &run->regs, NULL);
        if (run->flags & KACCEL_RUN_FPU_IN) {
            vm->fpu = run->fpu;
        }
    }
    vm->fpu_known = true;
    return kaccel_cpu_action(env, run, vector, error_code);
}

int kaccel_cpu_run(KaccelVM *vm, CPUX86State *env, uint64_t slice_ns,
                   int *vector, uint32_t *error_code)
{
    struct kaccel_run run;

    kaccel_cpu_enter(vm, env, &run);
    run.slice_ns = slice_ns;
    return kaccel_cpu_leave(vm, env, &run, kaccel_run_prepared(vm, &run),
                            vector, error_code);
}
