/*
 * linux-user common declarations: the per-thread TaskState, guest memory
 * access, the mapping tracker, the syscall layer and signals. The guest
 * ABI specifics come through the LuArch descriptor (lu-arch.h).
 */
#ifndef LINUX_USER_LU_H
#define LINUX_USER_LU_H

#include <signal.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>
#include "exec/cpu.h"
#include "linux-user/lu-arch.h"
#include "linux-user/lu-layout.h"

#define LU_NSIG 64                 /* guest signals 1..64 */
#define LU_ERESTARTSYS 512         /* internal: restart if SA_RESTART */
#define LU_ERESTARTNOINTR 513      /* internal: always restart (after a handler) */
#define LU_ERESTARTNOHAND 514      /* internal: restart if no handler ran */
#define LU_EJUSTRETURN 518         /* internal: sigreturn, registers already set */

/* Guest sigaction flag bits (the same on i386 and PowerPC). */
enum {
    LU_SA_NOCLDSTOP = 0x1, LU_SA_NOCLDWAIT = 0x2, LU_SA_SIGINFO = 0x4,
    LU_SA_RESTORER = 0x04000000, LU_SA_ONSTACK = 0x08000000,
    LU_SA_RESTART = 0x10000000, LU_SA_NODEFER = 0x40000000,
    LU_SA_RESETHAND = 0x80000000u,
};
#define LU_SIG_DFL 0u
#define LU_SIG_IGN 1u

typedef struct LuSigAction {
    uint32_t handler, flags, restorer;
    uint64_t mask;
} LuSigAction;

/* A signal waiting for delivery, in guest terms. */
typedef struct LuSigInfo {
    int signo, errno_, code;
    uint32_t pid, uid, status, utime, stime, addr, value, band, fd;
    uint32_t timerid, overrun;
    int kind;                      /* LU_SIK_* picks the union member */
    /* For the signal frame's context (not part of the guest siginfo). */
    uint32_t trapno, err_code, cr2;
} LuSigInfo;
enum { LU_SIK_KILL, LU_SIK_FAULT, LU_SIK_CHLD, LU_SIK_POLL, LU_SIK_TIMER,
       LU_SIK_RT };

typedef struct LuSigTable LuSigTable;

/* Per guest thread. */
typedef struct TaskState {
    CPUState *cpu;
    int tid;
    LuSigTable *sigtab;            /* the process's guest dispositions */
    /* A vfork child (CLONE_VM|CLONE_VFORK): a process of its own running
     * in our memory while its parent thread waits (vfork.c). */
    bool vfork_child;
    uint32_t child_tidptr;         /* CLONE_CHILD_CLEARTID / set_tid_address */
    uint32_t robust_list;
    uint64_t sigmask;              /* guest mask, bit n-1 = signal n */
    /* Pending guest signals of this thread (set by handlers, taken by
     * the CPU loop); pending_any is the quick check. */
    volatile sig_atomic_t pending_any;
    volatile sig_atomic_t pending[LU_NSIG + 1];
    LuSigInfo pending_info[LU_NSIG + 1];
    /* sigaltstack */
    uint32_t ss_sp, ss_size;
    int ss_flags;
    /* sigsuspend in progress: the mask to restore after the handler. */
    bool in_sigsuspend;
    uint64_t sigsuspend_saved;
    /* The last syscall returned LU_ERESTART*: pc is at the syscall insn. */
    int restart_kind;
    uint32_t restart_eax;          /* for arches that clobber the number */
    struct TaskState *next;
    /* A host SIGBUS (access past the end of a file mapping) turned the
     * current guest fault into SIGBUS BUS_ADRERR, as Linux does. */
    bool bus_fault;
} TaskState;

/* Options and the guest program (main.c). */
typedef struct LuOptions {
    const char *sysroot;           /* -L */
    const char *exe_path;          /* absolute path of the guest program */
    int execfd;                    /* -execfd: program read from this fd, closed after loading (-1) */
    const char *backend;
    bool strace;
    int nb_passthrough;            /* options to give a re-exec'd mimic */
    char **passthrough;
} LuOptions;
extern LuOptions lu_opts;
extern const LuArch *lu_arch;
extern __thread TaskState *lu_ts;

/* ---- guest memory access (uaccess.c) ---- */
bool lu_access_ok(uint32_t addr, uint32_t len, bool write);
/* How much of a guest buffer [addr, addr+len) a host syscall may be given
 * directly: clamped at 4 GiB; for a buffer the kernel writes, code pages
 * we write-protected are unprotected first. Unmapped guest pages are
 * PROT_NONE on the host, so the kernel then reports EFAULT, or a short
 * transfer, exactly where Linux would (not for the whole range up front). */
uint32_t lu_guest_span(uint32_t addr, uint32_t len, bool write);
uint64_t lu_ld(uint32_t addr, int size);          /* guest byte order */
void lu_st(uint32_t addr, int size, uint64_t val);
int lu_get_u32(uint32_t addr, uint32_t *val);     /* -EFAULT or 0 */
int lu_put_u32(uint32_t addr, uint32_t val);
int lu_copy_from_guest(void *dst, uint32_t addr, size_t n);
int lu_copy_to_guest(uint32_t addr, const void *src, size_t n);
/* The guest NUL-terminated string at addr, or NULL if unreadable. */
const char *lu_guest_str(uint32_t addr);
uint64_t lu_bswap(uint64_t v, int size);

/* ---- guest mappings (mmap.c) ---- */
/* Guest mmap; returns the address or -errno. name labels /proc/self/maps. */
int64_t lu_target_mmap(uint32_t addr, uint32_t len, int prot, int flags,
                       int fd, uint64_t off);
int lu_target_munmap(uint32_t addr, uint32_t len);
int lu_target_mprotect(uint32_t addr, uint32_t len, int prot);
int64_t lu_target_mremap(uint32_t old, uint32_t old_len, uint32_t new_len,
                         int flags, uint32_t new_addr);
/* Finds len free bytes (page aligned) searching down from the top; 0 if
 * none. */
uint32_t lu_find_free(uint32_t len, uint32_t below);
void lu_vma_set_name(uint32_t start, uint32_t end, const char *name);
void lu_vma_set_growsdown(uint32_t start, uint64_t end);
/* SysV shared memory in the guest space: attach (at addr, or anywhere if
 * 0) and detach; errors as -errno. */
uint32_t lu_shm_attach(int shmid, uint32_t addr, uint32_t size, int shmflg, int *err);
int lu_shm_detach(uint32_t addr);
void lu_brk_init(uint32_t start);
uint32_t lu_do_brk(uint32_t new_brk);
/* Writes the guest's /proc/self/maps. */
void lu_write_maps(FILE *f);

/* ---- ELF loading (elfload.c) ---- */
typedef struct LuImage {
    uint32_t entry, phdr, phnum, phent, load_bias, interp_base, brk;
    uint32_t start_stack;
    uint32_t exec_entry;          /* AT_ENTRY: the program's own entry */
} LuImage;
/* Loads the program and its interpreter and builds the initial stack.
 * On bad input prints a message naming the file and exits 1. */
void lu_load_program(const char *path, char **argv, char **envp,
                     LuImage *img);
/* True if path is an ELF file of this guest (for execve). */
bool lu_is_guest_elf(const char *path);
/* Checks an in-memory ELF image as the loader would before mapping it
 * (for lu_arch); false with the reason in err (tests and fuzzing). */
bool lu_elf_check_image(const uint8_t *data, size_t size, char *err, size_t n);
/* Loads the ELF file open as fd as lu_load_program would (checks, the
 * PT_INTERP interpreter through the -L sysroot, the segments of both
 * mapped, the brk set) but builds no stack and changes no personality;
 * false with the reason in err instead of exiting (fuzzing). What it
 * mapped stays mapped, also on failure: the caller unmaps. */
bool lu_elf_load_image_fd(int fd, LuImage *img, char *err, size_t n);

/* ---- syscalls (syscall.c and friends) ---- */
/* Runs the syscall in the CPU's registers, writes its result. */
void lu_do_syscall(CPUState *cpu);
/* A path argument with the -L sysroot and /proc emulation applied. */
const char *lu_path(const char *p, char *buf, size_t size);
int lu_errno(int host_errno);     /* host errno -> guest (negated later) */
uint32_t lu_flags_to_host(const LuFlagMap *m, uint32_t guest);
uint32_t lu_flags_to_guest(const LuFlagMap *m, uint32_t host);
/* /proc emulation for open: an fd, -1 if the path is not one we emulate,
 * or -3 with the host errno in *err if emulating it failed. */
int lu_proc_open(const char *path, int flags, int *err);
/* readlink of /proc/self/exe and friends: length or -1 if not ours. */
int lu_proc_readlink(const char *path, char *buf, size_t size);

/* ---- safe syscalls (safe-syscall.S, syscall.c) ---- */
/* A host syscall that returns -EINTR instead of blocking if a guest signal
 * is pending for this thread, even one that arrives just before it.
 * Returns the raw result (-errno on failure). */
long lu_safe_syscall(long nr, long a1, long a2, long a3, long a4, long a5, long a6);
/* The same with the errno convention of libc: -1 and errno set. */
long lu_safe_syscall_errno(long nr, long a1, long a2, long a3, long a4, long a5, long a6);
/* For the signal handler: moves a pc inside the safe window out of it. */
bool lu_safe_syscall_fixup(uintptr_t *pc);

/* ---- threads (thread.c) ---- */
/* A task for cpu, in the task list, sharing the caller's dispositions;
 * lu_task_free takes it out of the list and frees it and its CPU. */
TaskState *lu_task_new(CPUState *cpu);
void lu_task_free(TaskState *ts);
/* vfork and clone(CLONE_VM|CLONE_VFORK) (vfork.c). */
int64_t lu_clone_vfork(CPUState *cpu, uint32_t flags, uint32_t newsp,
                       uint32_t ptid, uint32_t tls, uint32_t ctid);
int64_t lu_do_clone(CPUState *cpu, uint32_t flags, uint32_t newsp,
                    uint32_t ptid, uint32_t tls, uint32_t ctid);
_Noreturn void lu_thread_exit(int status);
_Noreturn void lu_exit_group(int status);
int64_t lu_do_futex(uint32_t uaddr, int op, uint32_t val, uint32_t timeout,
                    uint32_t uaddr2, uint32_t val3, bool time64);
int lu_nb_threads(void);
/* futex-pi.c: LOCK_PI, LOCK_PI2, TRYLOCK_PI, UNLOCK_PI on a word in the
 * guest's byte order (big-endian guests; abs: absolute timeout or NULL),
 * and the robust-list walk of an exiting thread (both guests). */
int64_t lu_futex_pi_guest_order(uint32_t uaddr, int op, const struct timespec *abs);
void lu_futex_exit_robust(TaskState *ts);

/* ---- signals (signal.c) ---- */
void lu_signal_init(void);
/* A private copy of a process's dispositions (for a vfork child); NULL
 * if out of memory. Freed with free(). */
LuSigTable *lu_sigtab_copy(const LuSigTable *t);
int lu_host_signal(int guest_sig);   /* 0 if unmapped */
int lu_guest_signal(int host_sig);   /* 0 if not a guest signal */
uint64_t lu_sigset_from_host(const sigset_t *s);
void lu_sigset_to_host(uint64_t mask, sigset_t *s);
/* The calling thread's host mask through the kernel (glibc's own calls
 * drop signals 32 and 33, which are guest signals here); old may be NULL.
 * lu_host_block_all blocks every signal. */
void lu_host_sigmask(int how, const sigset_t *set, sigset_t *old);
void lu_host_block_all(sigset_t *old);
/* Sets the thread's guest mask (and the host mask that mirrors it). */
void lu_set_sigmask(uint64_t mask);
int64_t lu_do_sigaction(int sig, const LuSigAction *act, LuSigAction *old);
/* Queues a signal for this thread (from guest exceptions). */
void lu_queue_signal(TaskState *ts, const LuSigInfo *si);
/* Delivers pending unblocked signals (CPU loop, after each exit). */
void lu_process_signals(CPUState *cpu);
void lu_siginfo_from_host(const siginfo_t *h, LuSigInfo *g);
int lu_put_siginfo(uint32_t addr, const LuSigInfo *si);
int64_t lu_do_sigaltstack(uint32_t uss, uint32_t uoss, uint32_t sp);
bool lu_on_sigstack(uint32_t sp);
/* Kills the process as signal sig would (default action). */
_Noreturn void lu_die_by_signal(int guest_sig);

/* ---- the CPU loop (main.c) ---- */
_Noreturn void lu_cpu_loop(CPUState *cpu);

/* ---- strace (strace.c) ---- */
struct LuSyscallDef;
void lu_strace_enter(const struct LuSyscallDef *d, uint32_t nr,
                     const uint32_t *args);
void lu_strace_exit(const struct LuSyscallDef *d, int64_t ret,
                    const uint32_t *args);

#endif
