/* The emulator's side of /dev/kaccel (see kaccel-user.h): opens a VM,
 * checks the API version and wraps each ioctl (docs/kaccel.md). */
#include <errno.h>
#include <fcntl.h>
#include <unistd.h>
#include <stddef.h>
#include <string.h>
#include "kaccel-user.h"

static int kaccel_ioctl(KaccelVM *vm, unsigned long cmd, void *arg)
{
    int r;

    do {
        r = ioctl(vm->fd, cmd, arg);
    } while (r < 0 && errno == EINTR && cmd != KACCEL_RUN);
    return r < 0 ? -errno : r;
}

int kaccel_open(KaccelVM *vm, const char *path)
{
    int v;

    vm->fpu_known = false;
    vm->fd = open(path ? path : "/dev/kaccel", O_RDWR | O_CLOEXEC);
    if (vm->fd < 0)
        return -errno;
    v = kaccel_ioctl(vm, KACCEL_GET_API_VERSION, NULL);
    if (v != KACCEL_API_VERSION) {
        close(vm->fd);
        vm->fd = -1;
        return v < 0 ? v : -EPROTO;
    }
    return 0;
}

void kaccel_close(KaccelVM *vm)
{
    if (vm->fd >= 0)
        close(vm->fd);
    vm->fd = -1;
}

int kaccel_set_ram(KaccelVM *vm, uint32_t slot, uint64_t guest_phys,
                   uint64_t size, void *host)
{
    struct kaccel_ram r = {
        .slot = slot, .guest_phys = guest_phys, .size = size,
        .user_addr = (uint64_t)(uintptr_t)host,
    };
    return kaccel_ioctl(vm, KACCEL_SET_RAM, &r);
}

int kaccel_set_regs(KaccelVM *vm, const struct kaccel_regs *r)
{
    return kaccel_ioctl(vm, KACCEL_SET_REGS, (void *)r);
}

int kaccel_get_regs(KaccelVM *vm, struct kaccel_regs *r)
{
    return kaccel_ioctl(vm, KACCEL_GET_REGS, r);
}

int kaccel_set_fpu(KaccelVM *vm, const struct kaccel_fpu *f)
{
    vm->fpu_known = false;
    return kaccel_ioctl(vm, KACCEL_SET_FPU, (void *)f);
}

int kaccel_get_fpu(KaccelVM *vm, struct kaccel_fpu *f)
{
    return kaccel_ioctl(vm, KACCEL_GET_FPU, f);
}

int kaccel_run(KaccelVM *vm, uint64_t slice_ns, struct kaccel_run *run)
{
    vm->fpu_known = false;
    memset(run, 0, offsetof(struct kaccel_run, inv_pages));
    run->slice_ns = slice_ns;
    return kaccel_ioctl(vm, KACCEL_RUN, run);
}

int kaccel_run_prepared(KaccelVM *vm, struct kaccel_run *run)
{
    return kaccel_ioctl(vm, KACCEL_RUN, run);
}

int kaccel_invalidate_page(KaccelVM *vm, uint32_t addr)
{
    struct kaccel_invalidate inv = { .kind = KACCEL_INVALIDATE_PAGE, .addr = addr };
    return kaccel_ioctl(vm, KACCEL_INVALIDATE, &inv);
}

int kaccel_invalidate_all(KaccelVM *vm)
{
    struct kaccel_invalidate inv = { .kind = KACCEL_INVALIDATE_ALL };
    return kaccel_ioctl(vm, KACCEL_INVALIDATE, &inv);
}

int kaccel_invalidate_cr3(KaccelVM *vm)
{
    struct kaccel_invalidate inv = { .kind = KACCEL_INVALIDATE_CR3 };
    return kaccel_ioctl(vm, KACCEL_INVALIDATE, &inv);
}

int kaccel_watch(KaccelVM *vm, uint64_t gpa, int on)
{
    struct kaccel_watch w = { .gpa = gpa, .on = on ? 1 : 0 };
    return kaccel_ioctl(vm, KACCEL_WATCH, &w);
}

int kaccel_get_stats(KaccelVM *vm, struct kaccel_stats *s)
{
    return kaccel_ioctl(vm, KACCEL_GET_STATS, s);
}

const char *kaccel_exit_name(uint32_t reason)
{
    static const char *const names[] = {
        [KACCEL_EXIT_EXCEPTION] = "exception", [KACCEL_EXIT_SOFTINT] = "softint",
        [KACCEL_EXIT_INSN] = "insn", [KACCEL_EXIT_MMIO] = "mmio",
        [KACCEL_EXIT_WATCH] = "watch", [KACCEL_EXIT_SIGNAL] = "signal",
        [KACCEL_EXIT_RESCHED] = "resched", [KACCEL_EXIT_SLICE] = "slice",
    };
    if (reason < sizeof(names) / sizeof(names[0]) && names[reason])
        return names[reason];
    return "?";
}

const char *kaccel_insn_name(uint32_t insn)
{
    static const char *const names[] = {
        [KACCEL_INSN_OTHER] = "other", [KACCEL_INSN_SYSENTER] = "sysenter",
        [KACCEL_INSN_SYSCALL] = "syscall", [KACCEL_INSN_IO] = "io",
        [KACCEL_INSN_PRIV] = "priv", [KACCEL_INSN_CPUID] = "cpuid",
        [KACCEL_INSN_RDTSC] = "rdtsc", [KACCEL_INSN_DESC] = "desc",
    };
    if (insn < sizeof(names) / sizeof(names[0]))
        return names[insn];
    return "?";
}
