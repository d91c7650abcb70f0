/*
 * The i386 guest descriptor of linux-user: struct layouts of the i386
 * Linux ABI, syscall register conventions, the initial CPU state, TLS
 * descriptors, guest exceptions as signals, AT_HWCAP and /proc/cpuinfo.
 */
#include <elf.h>
#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include "linux-user/i386/i386.h"
#include "target-i386/cpu-models.h"
#include "exec/user-pages.h"
#include "linux-user/lu-syscall.h"

/* ---- struct layouts (i386 Linux ABI, offsets in bytes) ---- */

#define F(id_, size_, off_) { .id = (id_), .size = (size_), .off = (off_) }
#define FS(id_, size_, off_) { .id = (id_), .size = (size_), .off = (off_), .sign = 1 }
#define FA(id_, size_, off_, n_) { .id = (id_), .size = (size_), .off = (off_), .count = (n_) }

static const LuLayout i386_stat64 = { 96, 17, {
    F(LU_STAT_DEV, 8, 0), F(LU_STAT_INO32, 4, 12), F(LU_STAT_MODE, 4, 16),
    F(LU_STAT_NLINK, 4, 20), F(LU_STAT_UID, 4, 24), F(LU_STAT_GID, 4, 28),
    F(LU_STAT_RDEV, 8, 32), F(LU_STAT_SIZE, 8, 44), F(LU_STAT_BLKSIZE, 4, 52),
    F(LU_STAT_BLOCKS, 8, 56), F(LU_STAT_ATIME, 4, 64), F(LU_STAT_ATIME_NS, 4, 68),
    F(LU_STAT_MTIME, 4, 72), F(LU_STAT_MTIME_NS, 4, 76), F(LU_STAT_CTIME, 4, 80),
    F(LU_STAT_CTIME_NS, 4, 84), F(LU_STAT_INO, 8, 88) } };
static const LuLayout i386_statfs64 = { 84, 12, {
    F(LU_STATFS_TYPE, 4, 0), F(LU_STATFS_BSIZE, 4, 4), F(LU_STATFS_BLOCKS, 8, 8),
    F(LU_STATFS_BFREE, 8, 16), F(LU_STATFS_BAVAIL, 8, 24), F(LU_STATFS_FILES, 8, 32),
    F(LU_STATFS_FFREE, 8, 40), F(LU_STATFS_FSID0, 4, 48), F(LU_STATFS_FSID1, 4, 52),
    F(LU_STATFS_NAMELEN, 4, 56), F(LU_STATFS_FRSIZE, 4, 60), F(LU_STATFS_FLAGS, 4, 64) } };
/* The kernel reads only the low 32 bits of tv_nsec from 32-bit tasks. */
static const LuLayout i386_timespec64 = { 16, 2, { FS(LU_TS_SEC, 8, 0), FS(LU_TS_NSEC, 4, 8) } };
static const LuLayout i386_flock64 = { 24, 5, {
    FS(LU_FL_TYPE, 2, 0), FS(LU_FL_WHENCE, 2, 2), FS(LU_FL_START, 8, 4),
    FS(LU_FL_LEN, 8, 12), FS(LU_FL_PID, 4, 20) } };
static const LuLayout i386_termios = { 36, 6, {
    F(LU_TIO_IFLAG, 4, 0), F(LU_TIO_OFLAG, 4, 4), F(LU_TIO_CFLAG, 4, 8),
    F(LU_TIO_LFLAG, 4, 12), F(LU_TIO_LINE, 1, 16), FA(LU_TIO_CC, 1, 17, 19) } };
static const LuLayout i386_epoll_event = { 12, 2, { F(LU_EV_EVENTS, 4, 0), F(LU_EV_DATA, 8, 4) } };

#define IPC_PERM_FIELDS F(LU_IPC_KEY, 4, 0), F(LU_IPC_UID, 4, 4), F(LU_IPC_GID, 4, 8), \
    F(LU_IPC_CUID, 4, 12), F(LU_IPC_CGID, 4, 16), F(LU_IPC_MODE, 2, 20), F(LU_IPC_SEQ, 2, 24)
static const LuLayout i386_shmid_ds = { 84, 17, { IPC_PERM_FIELDS,
    F(LU_SHM_SEGSZ, 4, 36), F(LU_SHM_ATIME, 4, 40), F(LU_SHM_ATIME_HI, 4, 44),
    F(LU_SHM_DTIME, 4, 48), F(LU_SHM_DTIME_HI, 4, 52), F(LU_SHM_CTIME, 4, 56),
    F(LU_SHM_CTIME_HI, 4, 60), F(LU_SHM_CPID, 4, 64), F(LU_SHM_LPID, 4, 68),
    F(LU_SHM_NATTCH, 4, 72) } };
static const LuLayout i386_semid_ds = { 64, 12, { IPC_PERM_FIELDS,
    F(LU_SEM_OTIME, 4, 36), F(LU_SEM_OTIME_HI, 4, 40), F(LU_SEM_CTIME, 4, 44),
    F(LU_SEM_CTIME_HI, 4, 48), F(LU_SEM_NSEMS, 4, 52) } };
static const LuLayout i386_msqid_ds = { 88, 18, { IPC_PERM_FIELDS,
    F(LU_MSG_STIME, 4, 36), F(LU_MSG_STIME_HI, 4, 40), F(LU_MSG_RTIME, 4, 44),
    F(LU_MSG_RTIME_HI, 4, 48), F(LU_MSG_CTIME, 4, 52), F(LU_MSG_CTIME_HI, 4, 56),
    F(LU_MSG_CBYTES, 4, 60), F(LU_MSG_QNUM, 4, 64), F(LU_MSG_QBYTES, 4, 68),
    F(LU_MSG_LSPID, 4, 72), F(LU_MSG_LRPID, 4, 76) } };

/* struct stat of the old stat/lstat/fstat calls (asm/stat.h, i386), and
 * struct __old_kernel_stat of oldstat/oldlstat/oldfstat. */
static const LuLayout i386_stat = { 64, 15, {
    F(LU_STAT_DEV, 4, 0), F(LU_STAT_INO32, 4, 4), F(LU_STAT_MODE, 2, 8),
    F(LU_STAT_NLINK, 2, 10), F(LU_STAT_UID, 2, 12), F(LU_STAT_GID, 2, 14),
    F(LU_STAT_RDEV, 4, 16), F(LU_STAT_SIZE, 4, 20), F(LU_STAT_BLKSIZE, 4, 24),
    F(LU_STAT_BLOCKS, 4, 28), F(LU_STAT_ATIME, 4, 32), F(LU_STAT_ATIME_NS, 4, 36),
    F(LU_STAT_MTIME, 4, 40), F(LU_STAT_MTIME_NS, 4, 44), F(LU_STAT_CTIME, 4, 48),
    F(LU_STAT_CTIME_NS, 4, 52) } };
static const LuLayout i386_old_stat = { 32, 11, {
    F(LU_STAT_DEV, 2, 0), F(LU_STAT_INO32, 2, 2), F(LU_STAT_MODE, 2, 4),
    F(LU_STAT_NLINK, 2, 6), F(LU_STAT_UID, 2, 8), F(LU_STAT_GID, 2, 10),
    F(LU_STAT_RDEV, 2, 12), F(LU_STAT_SIZE, 4, 16), F(LU_STAT_ATIME, 4, 20),
    F(LU_STAT_MTIME, 4, 24), F(LU_STAT_CTIME, 4, 28) } };

static const LuLayout *const i386_layouts[LU_NB_STRUCTS] = {
    [LU_ST_STAT64] = &i386_stat64, [LU_ST_STATFS64] = &i386_statfs64,
    [LU_ST_TIMESPEC] = &lu_ilp32_timespec, [LU_ST_TIMESPEC64] = &i386_timespec64,
    [LU_ST_TIMEVAL] = &lu_ilp32_timespec, [LU_ST_RUSAGE] = &lu_ilp32_rusage,
    [LU_ST_SYSINFO] = &lu_ilp32_sysinfo, [LU_ST_TMS] = &lu_ilp32_tms,
    [LU_ST_RLIMIT] = &lu_ilp32_rlimit, [LU_ST_RLIMIT64] = &lu_ilp32_rlimit64,
    [LU_ST_FLOCK] = &lu_ilp32_flock, [LU_ST_FLOCK64] = &i386_flock64,
    [LU_ST_SIGACTION] = &lu_ilp32_sigaction, [LU_ST_OLD_SIGACTION] = &lu_ilp32_old_sigaction,
    [LU_ST_STACK] = &lu_ilp32_stack, [LU_ST_TERMIOS] = &i386_termios,
    [LU_ST_WINSIZE] = &lu_ilp32_winsize, [LU_ST_EPOLL_EVENT] = &i386_epoll_event,
    [LU_ST_MSGHDR] = &lu_ilp32_msghdr, [LU_ST_CMSGHDR] = &lu_ilp32_cmsghdr,
    [LU_ST_IOVEC] = &lu_ilp32_iovec, [LU_ST_POLLFD] = &lu_ilp32_pollfd,
    [LU_ST_SIGINFO] = &lu_ilp32_siginfo, [LU_ST_TIMEZONE] = &lu_ilp32_timezone,
    [LU_ST_MMSGHDR] = &lu_ilp32_mmsghdr, [LU_ST_SIGEVENT] = &lu_ilp32_sigevent,
    [LU_ST_SHMID_DS] = &i386_shmid_ds, [LU_ST_SEMID_DS] = &i386_semid_ds,
    [LU_ST_MSQID_DS] = &i386_msqid_ds,
    [LU_ST_STATX] = &lu_layout_statx,
    [LU_ST_STAT] = &i386_stat, [LU_ST_OLD_STAT] = &i386_old_stat,
    [LU_ST_STATFS] = &lu_ilp32_statfs, [LU_ST_USTAT] = &lu_ilp32_ustat,
};

/* ---- ioctls: i386 uses the same request numbers as the x86-64 host ---- */

#include "linux-user/lu-ioctl.h"
static const LuIoctlNr i386_ioctls[] = {
    { 0x5401, LU_IOC_TCGETS }, { 0x5402, LU_IOC_TCSETS },
    { 0x5403, LU_IOC_TCSETSW }, { 0x5404, LU_IOC_TCSETSF },
    { 0x5409, LU_IOC_TCSBRK }, { 0x540a, LU_IOC_TCXONC },
    { 0x540b, LU_IOC_TCFLSH }, { 0x540e, LU_IOC_TIOCSCTTY },
    { 0x540f, LU_IOC_TIOCGPGRP }, { 0x5410, LU_IOC_TIOCSPGRP },
    { 0x5413, LU_IOC_TIOCGWINSZ }, { 0x5414, LU_IOC_TIOCSWINSZ },
    { 0x541b, LU_IOC_FIONREAD }, { 0x5421, LU_IOC_FIONBIO },
    { 0x5422, LU_IOC_TIOCNOTTY }, { 0x5429, LU_IOC_TIOCGSID },
    { 0x5450, LU_IOC_FIONCLEX }, { 0x5451, LU_IOC_FIOCLEX },
    { 0x5452, LU_IOC_FIOASYNC }, { 0x80045430, LU_IOC_TIOCGPTN },
    { 0x40045431, LU_IOC_TIOCSPTLCK }, { 0x5441, LU_IOC_TIOCGPTPEER },
    { 0x40049409, LU_IOC_FICLONE }, { 0x5411, LU_IOC_TIOCOUTQ },
    { 0x80045440, LU_IOC_TIOCGEXCL },
    /* block devices: _IO(0x12, n) and _IOR with a 4-byte size_t */
    { 0x1260, LU_IOC_BLKGETSIZE }, { 0x80041272, LU_IOC_BLKGETSIZE64 },
    { 0x1268, LU_IOC_BLKSSZGET }, { 0x80041270, LU_IOC_BLKBSZGET },
    { 0x125e, LU_IOC_BLKROGET }, { 0x1261, LU_IOC_BLKFLSBUF },
    { 0x125f, LU_IOC_BLKRRPART }, { 0x127b, LU_IOC_BLKPBSZGET },
    { 0x127c, LU_IOC_BLKDISCARDZEROES }, { 0x1278, LU_IOC_BLKIOMIN },
    { 0x1279, LU_IOC_BLKIOOPT },
    LU_IOCTLS_COMMON,
};

/* ---- registers ---- */

static CPUX86State *env_of(CPUState *cpu)
{
    return (CPUX86State *)cpu;
}

static void i386_get_syscall(CPUState *cpu, uint32_t *nr, uint32_t args[6])
{
    CPUX86State *env = env_of(cpu);
    *nr = env->regs[R_EAX];
    args[0] = env->regs[R_EBX];
    args[1] = env->regs[R_ECX];
    args[2] = env->regs[R_EDX];
    args[3] = env->regs[R_ESI];
    args[4] = env->regs[R_EDI];
    args[5] = env->regs[R_EBP];
}

static void i386_set_syscall_result(CPUState *cpu, int32_t ret)
{
    env_of(cpu)->regs[R_EAX] = (uint32_t)ret;
}

static void i386_rewind_syscall(CPUState *cpu)
{
    env_of(cpu)->eip -= 2;   /* int $0x80 */
}

static uint32_t i386_get_sp(CPUState *cpu)
{
    return env_of(cpu)->regs[R_ESP];
}

static uint32_t i386_get_pc(CPUState *cpu)
{
    return env_of(cpu)->eip;
}

static void i386_cpu_init(CPUState *cpu, uint32_t entry, uint32_t sp)
{
    CPUX86State *env = env_of(cpu);
    x86_cpu_reset_user(env);
    memset(env->regs, 0, sizeof(env->regs));
    env->regs[R_ESP] = sp;
    env->eip = entry;
    env->fpuc = 0x37f;
    env->fpus = 0;
    env->fpstt = 0;
    memset(env->fptags, 1, sizeof(env->fptags));
    env->mxcsr = 0x1f80;
}

static void i386_clone_child_setup(CPUState *child, uint32_t newsp)
{
    CPUX86State *env = env_of(child);
    if (newsp) {
        env->regs[R_ESP] = newsp;
    }
    env->regs[R_EAX] = 0;
}

void lu_i386_load_seg(CPUX86State *env, int seg, uint32_t sel)
{
    SegmentCache *sc = &env->segs[seg];
    uint32_t index = (sel & 0xffff) >> 3;
    sc->selector = sel & 0xffff;
    if ((sel & ~3u) == 0 || (sel & 4) || index >= 32 || env->gdt[index] == 0) {
        sc->base = sc->limit = sc->flags = 0;
        x86_update_hflags(env);
        return;
    }
    uint64_t d = env->gdt[index];
    uint32_t lo = (uint32_t)d, hi = (uint32_t)(d >> 32);
    uint32_t limit = (lo & 0xffff) | (hi & 0x000f0000);
    if (hi & (1u << 23)) {
        limit = (limit << 12) | 0xfff;
    }
    sc->base = (lo >> 16) | ((hi & 0xff) << 16) | (hi & 0xff000000);
    sc->limit = limit;
    sc->flags = hi & 0x00f0ff00;
    x86_update_hflags(env);
}

/* struct user_desc -> a GDT descriptor, as the kernel builds it. */
static uint64_t i386_desc_from_user(uint32_t base, uint32_t limit, uint32_t fl)
{
    uint32_t seg_32bit = fl & 1, contents = (fl >> 1) & 3;
    uint32_t read_exec_only = (fl >> 3) & 1, limit_in_pages = (fl >> 4) & 1;
    uint32_t seg_not_present = (fl >> 5) & 1, useable = (fl >> 6) & 1;
    if (base == 0 && limit == 0 && contents == 0 && read_exec_only == 1 &&
        seg_32bit == 0 && limit_in_pages == 0 && seg_not_present == 1 &&
        useable == 0) {
        return 0;
    }
    uint32_t lo = ((base & 0xffff) << 16) | (limit & 0xffff);
    uint32_t hi = (base & 0xff000000) | ((base >> 16) & 0xff) |
                  (limit & 0xf0000) | ((read_exec_only ^ 1) << 9) |
                  (contents << 10) | ((seg_not_present ^ 1) << 15) |
                  (seg_32bit << 22) | (limit_in_pages << 23) |
                  (useable << 20) | 0x7000;
    return ((uint64_t)hi << 32) | lo;
}

/* set_thread_area on env; writes the chosen entry back to the guest. */
static int i386_set_thread_area(CPUX86State *env, uint32_t uaddr)
{
    uint32_t u[4];
    if (lu_copy_from_guest(u, uaddr, 16) < 0) {
        return -EFAULT;
    }
    int32_t entry = (int32_t)u[0];
    if (entry == -1) {
        for (int i = 0; i < LU_I386_TLS_COUNT; i++) {
            if (env->gdt[LU_I386_TLS_FIRST + i] == 0) {
                entry = LU_I386_TLS_FIRST + i;
                break;
            }
        }
        if (entry == -1) {
            return -ESRCH;
        }
        if (lu_put_u32(uaddr, (uint32_t)entry) < 0) {
            return -EFAULT;
        }
    }
    if (entry < LU_I386_TLS_FIRST || entry >= LU_I386_TLS_FIRST + LU_I386_TLS_COUNT) {
        return -EINVAL;
    }
    env->gdt[entry] = i386_desc_from_user(u[1], u[2], u[3]);
    /* Segment registers holding this selector see the new base, as after
     * the kernel's reload on return to user mode. */
    for (int s = 0; s < NB_SEGS; s++) {
        if ((env->segs[s].selector >> 3) == (uint32_t)entry) {
            lu_i386_load_seg(env, s, env->segs[s].selector);
        }
    }
    return 0;
}

static int i386_set_tls(CPUState *cpu, uint32_t tls)
{
    return i386_set_thread_area(env_of(cpu), tls);
}

int64_t lu_sys_set_thread_area(const uint32_t *a)
{
    return i386_set_thread_area(env_of(lu_ts->cpu), a[0]);
}

int64_t lu_sys_get_thread_area(const uint32_t *a)
{
    CPUX86State *env = env_of(lu_ts->cpu);
    uint32_t entry;
    if (lu_get_u32(a[0], &entry) < 0) {
        return -EFAULT;
    }
    if (entry < LU_I386_TLS_FIRST || entry >= LU_I386_TLS_FIRST + LU_I386_TLS_COUNT) {
        return -EINVAL;
    }
    uint64_t d = env->gdt[entry];
    uint32_t lo = (uint32_t)d, hi = (uint32_t)(d >> 32);
    uint32_t u[4] = { entry, 0, 0, 0 };
    if (d == 0) {
        u[3] = (1 << 3) | (1 << 5);   /* read_exec_only, not present */
    } else {
        u[1] = (lo >> 16) | ((hi & 0xff) << 16) | (hi & 0xff000000);
        u[2] = (lo & 0xffff) | (hi & 0xf0000);
        u[3] = ((hi >> 22) & 1) | (((hi >> 10) & 3) << 1) |
               ((((hi >> 9) & 1) ^ 1) << 3) | (((hi >> 23) & 1) << 4) |
               ((((hi >> 15) & 1) ^ 1) << 5) | (((hi >> 20) & 1) << 6);
    }
    return lu_copy_to_guest(a[0], u, 16);
}

/* ---- guest exceptions -> signals, as i386 Linux reports them ---- */

/*
 * Software interrupts as an i386 Linux kernel handles them: its IDT gates
 * for 3 (INT3), 4 (INTO) and 0x80 (syscalls) have DPL 3; INT n to any
 * other vector faults with #GP(n * 8 + 2) at the instruction. The traps
 * resume after the instruction.
 */
static int i386_map_exception(CPUState *cpu, int excp)
{
    CPUX86State *env = env_of(cpu);
    if (excp < 0 || !env->exception_is_int) {
        return excp;
    }
    env->exception_is_int = false;
    switch (excp) {
    case 0x80:
        env->eip = env->exception_next_eip;
        return LU_I386_EXCP_SYSCALL;
    case EXCP03_INT3:
    case EXCP04_INTO:
        env->eip = env->exception_next_eip;
        return excp;
    default:
        cpu->error_code = (uint32_t)excp * 8 + 2;
        return EXCP0D_GPF;
    }
}

static int i386_fpe_code(uint32_t status)
{
    if (status & 0x001) {
        return 7;   /* FPE_FLTINV */
    } else if (status & 0x004) {
        return 3;   /* FPE_FLTDIV */
    } else if (status & 0x008) {
        return 4;   /* FPE_FLTOVF */
    } else if (status & 0x012) {
        return 5;   /* FPE_FLTUND */
    } else if (status & 0x020) {
        return 6;   /* FPE_FLTRES */
    }
    return 0;
}

static bool i386_exception_to_signal(CPUState *cpu, int excp, LuSigInfo *si)
{
    CPUX86State *env = env_of(cpu);
    memset(si, 0, sizeof(*si));
    si->kind = LU_SIK_FAULT;
    si->trapno = excp;
    si->err_code = cpu->error_code;
    switch (excp) {
    case EXCP00_DIVZ:
        si->signo = SIGFPE;
        si->code = 1;               /* FPE_INTDIV */
        si->addr = env->eip;
        break;
    case EXCP01_DB:
        /* Linux: TRAP_TRACE for a single step (DR6.BS), else TRAP_BRKPT
         * (ICEBP); the address is the EIP the trap leaves. */
        si->signo = SIGTRAP;
        si->code = (env->dr[6] & (1u << 14)) ? 2 : 1;
        si->addr = env->eip;
        env->dr[6] &= ~(1u << 14);
        break;
    case EXCP03_INT3:
    case EXCP04_INTO:
    case EXCP05_BOUND:
    case EXCP0D_GPF:
        si->signo = excp == EXCP03_INT3 ? SIGTRAP : SIGSEGV;
        si->code = 0x80;            /* SI_KERNEL */
        break;
    case EXCP06_ILLOP:
        si->signo = SIGILL;
        si->code = 2;               /* ILL_ILLOPN */
        si->addr = env->eip;
        break;
    case EXCP0B_NOSEG:
    case EXCP0C_STACK:
        si->signo = SIGBUS;
        si->code = 0x80;
        break;
    case EXCP0E_PAGE: {
        int fl = page_get_flags(cpu->fault_addr);
        si->signo = SIGSEGV;
        si->code = (fl & PAGE_VALID) ? 2 : 1;   /* SEGV_ACCERR : SEGV_MAPERR */
        si->addr = cpu->fault_addr;
        si->cr2 = cpu->fault_addr;
        /* user | write | instruction fetch | present: the present bit
         * comes from the host's page fault (the page-table entry of the
         * same page) or, for faults found by Mimic, from the page's
         * protection (see x86_raise_user_fault). */
        si->err_code = 4 | (cpu->fault_is_write ? 2 : 0) | (cpu->error_code & 0x11);
        break;
    }
    case EXCP10_COPR:
        si->signo = SIGFPE;
        si->code = i386_fpe_code(env->fpus & ~(env->fpuc & 0x3f));
        si->addr = env->eip;
        break;
    case EXCP11_ALGN:
        si->signo = SIGBUS;
        si->code = 1;               /* BUS_ADRALN, no address (as Linux) */
        break;
    case EXCP13_XMM:
        si->signo = SIGFPE;
        si->code = i386_fpe_code(env->mxcsr & ~((env->mxcsr >> 7) & 0x3f));
        si->addr = env->eip;
        break;
    default:
        return false;
    }
    return true;
}

/* ---- AT_HWCAP and /proc/cpuinfo from the front end's CPUID ---- */

static bool i386_set_cpu_model(const char *name)
{
    if (!strcmp(name, "help")) {
        x86_cpu_model_list(stdout);
        exit(0);
    }
    const X86CPUModel *m = x86_cpu_model_find(name);
    if (m) {
        x86_cpu_model_set_user(m);
    }
    return m != NULL;
}

static uint32_t i386_hwcap(void)
{
    uint32_t a, b, c, d;
    x86_cpuid(1, 0, &a, &b, &c, &d);
    return d;
}

static void i386_write_cpuinfo(FILE *f)
{
    static const char *const edx_names[32] = {
        "fpu", "vme", "de", "pse", "tsc", "msr", "pae", "mce", "cx8", "apic",
        NULL, "sep", "mtrr", "pge", "mca", "cmov", "pat", "pse36", "pn",
        "clflush", NULL, "dts", "acpi", "mmx", "fxsr", "sse", "sse2", "ss",
        "ht", "tm", "ia64", "pbe",
    };
    static const char *const ecx_names[32] = {
        "pni", "pclmulqdq", "dtes64", "monitor", "ds_cpl", "vmx", "smx",
        "est", "tm2", "ssse3", "cid", "sdbg", "fma", "cx16", "xtpr", "pdcm",
        NULL, "pcid", "dca", "sse4_1", "sse4_2", "x2apic", "movbe", "popcnt",
        "tsc_deadline_timer", "aes", "xsave", NULL, "avx", "f16c", "rdrand",
        "hypervisor",
    };
    uint32_t a, b, c, d, vendor[4] = { 0 }, brand[13] = { 0 };
    x86_cpuid(0, 0, &a, &vendor[0], &vendor[2], &vendor[1]);
    x86_cpuid(1, 0, &a, &b, &c, &d);
    for (int i = 0; i < 3; i++) {
        x86_cpuid(0x80000002 + i, 0, &brand[i * 4], &brand[i * 4 + 1],
                  &brand[i * 4 + 2], &brand[i * 4 + 3]);
    }
    uint32_t family = (a >> 8) & 0xf, model = (a >> 4) & 0xf;
    if (family == 0xf) {
        family += (a >> 20) & 0xff;
    }
    if (family >= 6) {
        model |= ((a >> 16) & 0xf) << 4;
    }
    fprintf(f, "processor\t: 0\nvendor_id\t: %s\ncpu family\t: %u\n"
            "model\t\t: %u\nmodel name\t: %s\nstepping\t: %u\n"
            "cpu MHz\t\t: 1000.000\ncache size\t: 256 KB\n"
            "fdiv_bug\t: no\nf00f_bug\t: no\ncoma_bug\t: no\n"
            "fpu\t\t: %s\nfpu_exception\t: %s\ncpuid level\t: %u\nwp\t\t: yes\n"
            "flags\t\t:",
            (const char *)vendor, family, model, (const char *)brand, a & 0xf,
            (d & 1) ? "yes" : "no", (d & 1) ? "yes" : "no", 1u);
    for (int i = 0; i < 32; i++) {
        if ((d >> i) & 1 && edx_names[i]) {
            fprintf(f, " %s", edx_names[i]);
        }
    }
    for (int i = 0; i < 32; i++) {
        if ((c >> i) & 1 && ecx_names[i]) {
            fprintf(f, " %s", ecx_names[i]);
        }
    }
    fprintf(f, "\nbogomips\t: 2000.00\nclflush size\t: 64\n"
            "cache_alignment\t: 64\naddress sizes\t: 32 bits physical, 32 bits virtual\n"
            "power management:\n\n");
}

/* AT_HWCAP2 as Linux i386 gives it (arch/x86 always defines ELF_HWCAP2):
 * RING3MWAIT is for Xeon Phi and FSGSBASE for 64-bit kernels only, so 0
 * on every model. AT_PLATFORM ("i686") is the kernel's utsname machine,
 * family clamped to 6: the same for every model. */
static const uint32_t i386_extra_auxv[][2] = {
    { AT_HWCAP2, 0 },
};

const LuArch lu_arch_i386 = {
    .guest = &x86_guest_arch,
    .name = "i386",
    .uname_machine = "i686",
    .platform = "i686",
    .elf_machine = EM_386,
    .big_endian = false,
    .hwcap = i386_hwcap,
    .set_cpu_model = i386_set_cpu_model,
    .extra_auxv = i386_extra_auxv,
    .nb_extra_auxv = sizeof(i386_extra_auxv) / sizeof(i386_extra_auxv[0]),
    .stack_top = 0xfffdd000u,
    .mmap_top = 0xf7fff000u,
    .elf_et_dyn_base = 0x56555000u,
    .syscall_ids = lu_i386_syscall_ids,
    .nb_syscall_ids = LU_I386_NB_SYSCALLS,
    .pair_align = false,
    .get_syscall = i386_get_syscall,
    .set_syscall_result = i386_set_syscall_result,
    .rewind_syscall = i386_rewind_syscall,
    .layouts = i386_layouts,
    .stat_compat_ia32 = true,
    .open_flags = NULL,
    .mmap_flags = NULL,
    .ioctls = i386_ioctls,
    .nb_ioctls = sizeof(i386_ioctls) / sizeof(i386_ioctls[0]),
    .cpu_init = i386_cpu_init,
    .get_sp = i386_get_sp,
    .get_pc = i386_get_pc,
    .clone_child_setup = i386_clone_child_setup,
    .set_tls = i386_set_tls,
    .exception_to_signal = i386_exception_to_signal,
    .excp_syscall = LU_I386_EXCP_SYSCALL,
    .map_exception = i386_map_exception,
    .excp_page_fault = EXCP0E_PAGE,
    .setup_frame = lu_i386_setup_frame,
    .restore_frame = lu_i386_restore_frame,
    .write_cpuinfo = i386_write_cpuinfo,
};
