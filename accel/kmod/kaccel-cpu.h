/* The i386 system CPU and /dev/kaccel: when Mimic's CPUX86State may run
 * natively, its conversion to and from the module's state, and what each
 * exit asks of the CPU loop (docs/kaccel.md). mimic-system-i386's
 * -accel kaccel calls kaccel_cpu_run while kaccel_cpu_can_run holds. */
#ifndef KACCEL_CPU_H
#define KACCEL_CPU_H

#include <stdbool.h>
#include "target-i386/cpu.h"
#include "kaccel-user.h"

typedef enum KaccelAction {
    KACCEL_DO_MAINLOOP,   /* signal or slice: devices, timers, interrupts,
                           * then maybe run again */
    KACCEL_DO_TRANSLATE,  /* run the instruction at EIP in the translator */
    KACCEL_DO_EXCEPTION,  /* deliver *vector (*error_code) to the guest */
    KACCEL_DO_RUN_AGAIN,  /* reschedule: the host's scheduler ran on the
                           * way out of the ioctl; nothing else to do */
} KaccelAction;

/* Guest CPL 3 in protected mode with paging, not virtual-8086, IF=1,
 * IOPL=0: the states the module runs exactly (it refuses the rest of
 * what it cannot, e.g. 16-bit stacks, with EINVAL). */
bool kaccel_cpu_can_run(CPUX86State *env);
/* env -> the module's registers and FXSAVE image. */
void kaccel_cpu_get(CPUX86State *env, struct kaccel_regs *r, struct kaccel_fpu *f);
/* The module's registers and FXSAVE image (NULL: unchanged) -> env. */
void kaccel_cpu_put(CPUX86State *env, const struct kaccel_regs *r,
                    const struct kaccel_fpu *f);
/* What an exit asks for; sets env->cr[2] (#PF) and env->dr[6] (#DB). */
KaccelAction kaccel_cpu_action(CPUX86State *env, const struct kaccel_run *run,
                               int *vector, uint32_t *error_code);
/* kaccel_cpu_run in pieces, for a caller with work between the state
 * and the run (invalidations, the kick): enter fills *run (regs always,
 * the FXSAVE image only when it differs from what the module holds,
 * vm->fpu); the caller sets slice_ns and the invalidations and issues
 * KACCEL_RUN; leave takes its result (run_err: its return value; -EINTR
 * means nothing ran: KACCEL_DO_MAINLOOP) and puts the state back. */
void kaccel_cpu_enter(KaccelVM *vm, CPUX86State *env, struct kaccel_run *run);
int kaccel_cpu_leave(KaccelVM *vm, CPUX86State *env, struct kaccel_run *run,
                     int run_err, int *vector, uint32_t *error_code);
/* One native stretch: one KACCEL_RUN with the state in and out. Returns the action
 * (>= 0) or a negative errno (EINVAL: the module refused the state, run
 * it in the translator). */
int kaccel_cpu_run(KaccelVM *vm, CPUX86State *env, uint64_t slice_ns,
                   int *vector, uint32_t *error_code);

#endif
