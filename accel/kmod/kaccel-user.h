/* The emulator's side of /dev/kaccel: thin, checked wrappers over the
 * ioctls of kaccel.h that the system CPU loop (and tests/kaccel) call.
 * Every function returns 0 or a negative errno. */
#ifndef KACCEL_USER_H
#define KACCEL_USER_H

#include <stdbool.h>
#include <stdint.h>
#include "kaccel.h"

typedef struct KaccelVM {
    int fd;
    /* kaccel-cpu.c: the guest FPU image the module holds, when known
     * (KACCEL_RUN then carries the image only when it changed). */
    bool fpu_known;
    struct kaccel_fpu fpu;
} KaccelVM;

int kaccel_open(KaccelVM *vm, const char *path);
void kaccel_close(KaccelVM *vm);
int kaccel_set_ram(KaccelVM *vm, uint32_t slot, uint64_t guest_phys,
                   uint64_t size, void *host);
int kaccel_set_regs(KaccelVM *vm, const struct kaccel_regs *r);
int kaccel_get_regs(KaccelVM *vm, struct kaccel_regs *r);
int kaccel_set_fpu(KaccelVM *vm, const struct kaccel_fpu *f);
int kaccel_get_fpu(KaccelVM *vm, struct kaccel_fpu *f);
/* Runs guest ring-3 code (the state SET_REGS/SET_FPU or the last run
 * left) until an exit; fills *run, regs included (slice_ns in ns, 0 for
 * none). */
int kaccel_run(KaccelVM *vm, uint64_t slice_ns, struct kaccel_run *run);
/* KACCEL_RUN with *run as the caller filled it (slice_ns, flags, regs,
 * fpu, invalidations; kaccel.h): a signal handler may still shorten
 * slice_ns until the ioctl starts. */
int kaccel_run_prepared(KaccelVM *vm, struct kaccel_run *run);
int kaccel_invalidate_page(KaccelVM *vm, uint32_t addr);
int kaccel_invalidate_all(KaccelVM *vm);
/* After a guest MOV to CR3 (and SET_REGS with the new value). */
int kaccel_invalidate_cr3(KaccelVM *vm);
int kaccel_watch(KaccelVM *vm, uint64_t gpa, int on);
int kaccel_get_stats(KaccelVM *vm, struct kaccel_stats *s);
const char *kaccel_exit_name(uint32_t reason);
const char *kaccel_insn_name(uint32_t insn);

#endif
