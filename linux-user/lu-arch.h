/*
 * The per-guest descriptor of linux-user: everything the common code
 * (ELF loading, memory, syscalls, signals, threads) needs to know about one
 * guest ABI. linux-user/i386/ fills one; a PowerPC guest adds another.
 */
#ifndef LINUX_USER_LU_ARCH_H
#define LINUX_USER_LU_ARCH_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include "exec/cpu.h"
#include "linux-user/lu-layout.h"

struct LuSigInfo;
struct LuSigAction;

/* Guest flag bits <-> host flag bits, for flag words whose values differ
 * between ABIs (open flags, mmap flags). A zero entry ends the table. */
typedef struct LuFlagMap {
    uint32_t guest, host;
} LuFlagMap;

/* A guest ioctl number and the common request it stands for. */
typedef struct LuIoctlNr {
    uint32_t guest_cmd;
    uint16_t id;               /* LU_IOC_* (lu-ioctl.h) */
} LuIoctlNr;

typedef struct LuArch {
    const GuestArch *guest;
    const char *name;          /* "i386" */
    const char *uname_machine; /* "i686" */
    const char *platform;      /* AT_PLATFORM */
    uint16_t elf_machine;      /* EM_386 */
    bool big_endian;
    uint32_t (*hwcap)(void);   /* AT_HWCAP */
    /* -cpu NAME / QEMU_CPU: selects the CPU model; "help" lists them and
     * exits; false for an unknown name. NULL: the option is ignored. */
    bool (*set_cpu_model)(const char *name);
    /* Auxiliary vector entries of this guest only, (type, value) pairs. */
    const uint32_t (*extra_auxv)[2];
    int nb_extra_auxv;
    /* Maps the guest's vDSO and returns its address for AT_SYSINFO_EHDR
     * (NULL or 0: none). */
    uint32_t (*map_vdso)(void);
    uint32_t stack_top;        /* initial stack grows down from here */
    uint32_t mmap_top;         /* mmap without a hint searches down from here */
    uint32_t elf_et_dyn_base;  /* where a static-PIE main program goes */

    /* Syscalls: guest number -> LU_SYS_* id (0 = unknown). */
    const uint16_t *syscall_ids;
    unsigned nb_syscall_ids;
    bool pair_align;           /* 64-bit args start at an even register */
    void (*get_syscall)(CPUState *cpu, uint32_t *nr, uint32_t args[6]);
    void (*set_syscall_result)(CPUState *cpu, int32_t ret);
    /* Moves the pc back to the syscall instruction (restart). */
    void (*rewind_syscall)(CPUState *cpu);

    /* Struct layouts, indexed by LU_ST_* (lu-layout.h). */
    const LuLayout *const *layouts;
    /* The old stat calls follow an x86-64 kernel's ia32 emulation (the
     * oracle of i386 tests): device numbers in the old 8+8-bit encoding,
     * EOVERFLOW for others; 16-bit ids. Otherwise a 32-bit kernel's:
     * new_encode_dev, 32-bit ids. */
    bool stat_compat_ia32;
    const LuFlagMap *open_flags;   /* NULL = same bits as the host */
    const LuFlagMap *mmap_flags;
    const LuIoctlNr *ioctls;
    unsigned nb_ioctls;

    /* CPU. */
    void (*cpu_init)(CPUState *cpu, uint32_t entry, uint32_t sp);
    uint32_t (*get_sp)(CPUState *cpu);
    uint32_t (*get_pc)(CPUState *cpu);
    /* After a clone: the child's stack and its zero return value. */
    void (*clone_child_setup)(CPUState *child, uint32_t newsp);
    /* CLONE_SETTLS / set_thread_area: tls is the raw syscall argument. */
    int (*set_tls)(CPUState *cpu, uint32_t tls);
    /* Turns a guest exception (not a syscall) into a signal; false if the
     * exception needs nothing. */
    bool (*exception_to_signal)(CPUState *cpu, int excp, struct LuSigInfo *si);
    int excp_syscall;          /* the exception number of a syscall */
    /* Optional: maps an architectural event cpu_exec returned (e.g. the
     * i386 software interrupt INT n) to what the loop handles: the
     * syscall (excp_syscall) or an exception for exception_to_signal. */
    int (*map_exception)(CPUState *cpu, int excp);
    int excp_page_fault;       /* set by the host SIGSEGV handler */

    /* Signals: builds the frame (rt or old style) and points the CPU at
     * the handler; returns false if the frame could not be written. */
    bool (*setup_frame)(CPUState *cpu, int sig, const struct LuSigAction *ka,
                        const struct LuSigInfo *si, uint64_t oldmask,
                        bool rt);
    /* sigreturn / rt_sigreturn: restores registers and returns the mask
     * saved in the frame; false on a bad frame. */
    bool (*restore_frame)(CPUState *cpu, bool rt, uint64_t *mask);

    /* Optional: prctl(PR_SET_FPEXC / PR_GET_FPEXC) (ppc's MSR[FE0,FE1]);
     * NULL: -EINVAL, as Linux on other architectures. */
    int64_t (*prctl_fpexc)(CPUState *cpu, bool set, uint32_t arg);

    /* /proc/cpuinfo. */
    void (*write_cpuinfo)(FILE *f);

    /* Added for byte-order/ABI conversion (syscall-conv.c): NULL means
     * the same values as the x86-64 host. */
    const struct LuTermiosMap *termios;
    const LuFlagMap *so_names;     /* SOL_SOCKET option numbers (values) */
    const LuFlagMap *mlockall_flags;   /* MCL_* bits */
} LuArch;

/* Terminal flag bits, c_cc slots and baud codes of a guest whose values
 * differ from the host's (termios through ioctl). */
typedef struct LuTermiosMap {
    const LuFlagMap *iflag, *oflag, *cflag, *lflag;
    uint32_t cbaud;               /* the guest's baud-code mask of c_cflag */
    const LuFlagMap *baud;        /* guest baud codes -> host (values) */
    uint8_t cc[19];               /* guest c_cc index -> host index */
    bool speeds;                  /* the guest struct has c_ispeed/c_ospeed */
} LuTermiosMap;

#endif
