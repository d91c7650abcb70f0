/*
 * The 32-bit PowerPC guest descriptor of linux-user: big-endian struct
 * layouts of the ppc32 Linux ABI, the sc convention (error in CR0.SO),
 * flag values that differ from the host's, the initial CPU state, TLS in
 * r2, guest exceptions as signals, AT_HWCAP and /proc/cpuinfo.
 */
#include <elf.h>
#include <errno.h>
#include <signal.h>
#include <string.h>

#include "linux-user/ppc/ppc.h"
#include "linux-user/lu-ioctl.h"
#include "linux-user/lu-syscall.h"
#include "exec/user-pages.h"
#include "target-ppc/helper.h"

/* ---- struct layouts (ppc32 Linux ABI; 64-bit members are 8-aligned) ---- */

#define F(id_, size_, off_) { .id = (id_), .size = (size_), .off = (off_) }
#define FS(id_, size_, off_) { .id = (id_), .size = (size_), .off = (off_), .sign = 1 }
#define FA(id_, size_, off_, n_) { .id = (id_), .size = (size_), .off = (off_), .count = (n_) }

static const LuLayout ppc_stat64 = { 104, 16, {
    F(LU_STAT_DEV, 8, 0), F(LU_STAT_INO, 8, 8), F(LU_STAT_MODE, 4, 16),
    F(LU_STAT_NLINK, 4, 20), F(LU_STAT_UID, 4, 24), F(LU_STAT_GID, 4, 28),
    F(LU_STAT_RDEV, 8, 32), F(LU_STAT_SIZE, 8, 48), F(LU_STAT_BLKSIZE, 4, 56),
    F(LU_STAT_BLOCKS, 8, 64), F(LU_STAT_ATIME, 4, 72), F(LU_STAT_ATIME_NS, 4, 76),
    F(LU_STAT_MTIME, 4, 80), F(LU_STAT_MTIME_NS, 4, 84), F(LU_STAT_CTIME, 4, 88),
    F(LU_STAT_CTIME_NS, 4, 92) } };
static const LuLayout ppc_statfs64 = { 88, 12, {
    F(LU_STATFS_TYPE, 4, 0), F(LU_STATFS_BSIZE, 4, 4), F(LU_STATFS_BLOCKS, 8, 8),
    F(LU_STATFS_BFREE, 8, 16), F(LU_STATFS_BAVAIL, 8, 24), F(LU_STATFS_FILES, 8, 32),
    F(LU_STATFS_FFREE, 8, 40), F(LU_STATFS_FSID0, 4, 48), F(LU_STATFS_FSID1, 4, 52),
    F(LU_STATFS_NAMELEN, 4, 56), F(LU_STATFS_FRSIZE, 4, 60), F(LU_STATFS_FLAGS, 4, 64) } };
/* A big-endian 32-bit task's tv_nsec is the low half: bytes 12..15. */
static const LuLayout ppc_timespec64 = { 16, 2, { FS(LU_TS_SEC, 8, 0), FS(LU_TS_NSEC, 4, 12) } };
static const LuLayout ppc_flock64 = { 32, 5, {
    FS(LU_FL_TYPE, 2, 0), FS(LU_FL_WHENCE, 2, 2), FS(LU_FL_START, 8, 8),
    FS(LU_FL_LEN, 8, 16), FS(LU_FL_PID, 4, 24) } };
/* ppc termios: c_cc[19] then c_line, then the speeds. The flag bits and
 * c_cc indices of ppc differ from the host's: see ppc_termios_map. */
static const LuLayout ppc_termios = { 44, 8, {
    F(LU_TIO_IFLAG, 4, 0), F(LU_TIO_OFLAG, 4, 4), F(LU_TIO_CFLAG, 4, 8),
    F(LU_TIO_LFLAG, 4, 12), FA(LU_TIO_CC, 1, 16, 19), F(LU_TIO_LINE, 1, 35),
    F(LU_TIO_ISPEED, 4, 36), F(LU_TIO_OSPEED, 4, 40) } };
static const LuLayout ppc_epoll_event = { 16, 2, { F(LU_EV_EVENTS, 4, 0), F(LU_EV_DATA, 8, 8) } };

/* struct stat of the old stat/lstat/fstat calls (asm/stat.h, ppc32). */
static const LuLayout ppc_stat = { 72, 15, {
    F(LU_STAT_DEV, 4, 0), F(LU_STAT_INO32, 4, 4), F(LU_STAT_MODE, 4, 8),
    F(LU_STAT_NLINK, 2, 12), F(LU_STAT_UID, 4, 16), F(LU_STAT_GID, 4, 20),
    F(LU_STAT_RDEV, 4, 24), F(LU_STAT_SIZE, 4, 28), F(LU_STAT_BLKSIZE, 4, 32),
    F(LU_STAT_BLOCKS, 4, 36), F(LU_STAT_ATIME, 4, 40), F(LU_STAT_ATIME_NS, 4, 44),
    F(LU_STAT_MTIME, 4, 48), F(LU_STAT_MTIME_NS, 4, 52), F(LU_STAT_CTIME, 4, 56),
    F(LU_STAT_CTIME_NS, 4, 60) } };

/* SysV IPC (asm/ipcbuf.h, shmbuf.h, sembuf.h, msgbuf.h of ppc32): a
 * 48-byte ipc64_perm with a 32-bit mode and seq, then each struct's own
 * fields, times as high word first; sizes rounded to the u64 alignment. */
#define PPC_IPC_PERM_FIELDS F(LU_IPC_KEY, 4, 0), F(LU_IPC_UID, 4, 4), F(LU_IPC_GID, 4, 8), \
    F(LU_IPC_CUID, 4, 12), F(LU_IPC_CGID, 4, 16), F(LU_IPC_MODE, 4, 20), F(LU_IPC_SEQ, 4, 24)
static const LuLayout ppc_shmid_ds = { 104, 17, { PPC_IPC_PERM_FIELDS,
    F(LU_SHM_ATIME_HI, 4, 48), F(LU_SHM_ATIME, 4, 52), F(LU_SHM_DTIME_HI, 4, 56),
    F(LU_SHM_DTIME, 4, 60), F(LU_SHM_CTIME_HI, 4, 64), F(LU_SHM_CTIME, 4, 68),
    F(LU_SHM_SEGSZ, 4, 76), F(LU_SHM_CPID, 4, 80), F(LU_SHM_LPID, 4, 84),
    F(LU_SHM_NATTCH, 4, 88) } };
static const LuLayout ppc_semid_ds = { 80, 12, { PPC_IPC_PERM_FIELDS,
    F(LU_SEM_OTIME_HI, 4, 48), F(LU_SEM_OTIME, 4, 52), F(LU_SEM_CTIME_HI, 4, 56),
    F(LU_SEM_CTIME, 4, 60), F(LU_SEM_NSEMS, 4, 64) } };
static const LuLayout ppc_msqid_ds = { 104, 18, { PPC_IPC_PERM_FIELDS,
    F(LU_MSG_STIME_HI, 4, 48), F(LU_MSG_STIME, 4, 52), F(LU_MSG_RTIME_HI, 4, 56),
    F(LU_MSG_RTIME, 4, 60), F(LU_MSG_CTIME_HI, 4, 64), F(LU_MSG_CTIME, 4, 68),
    F(LU_MSG_CBYTES, 4, 72), F(LU_MSG_QNUM, 4, 76), F(LU_MSG_QBYTES, 4, 80),
    F(LU_MSG_LSPID, 4, 84), F(LU_MSG_LRPID, 4, 88) } };

/* struct __old_kernel_stat of oldstat/oldlstat/oldfstat. */
static const LuLayout ppc_old_stat = { 32, 11, {
    F(LU_STAT_DEV, 2, 0), F(LU_STAT_INO32, 2, 2), F(LU_STAT_MODE, 2, 4),
    F(LU_STAT_NLINK, 2, 6), F(LU_STAT_UID, 2, 8), F(LU_STAT_GID, 2, 10),
    F(LU_STAT_RDEV, 2, 12), F(LU_STAT_SIZE, 4, 16), F(LU_STAT_ATIME, 4, 20),
    F(LU_STAT_MTIME, 4, 24), F(LU_STAT_CTIME, 4, 28) } };

static const LuLayout *const ppc_layouts[LU_NB_STRUCTS] = {
    [LU_ST_STAT64] = &ppc_stat64, [LU_ST_STATFS64] = &ppc_statfs64,
    [LU_ST_TIMESPEC] = &lu_ilp32_timespec, [LU_ST_TIMESPEC64] = &ppc_timespec64,
    [LU_ST_TIMEVAL] = &lu_ilp32_timespec, [LU_ST_RUSAGE] = &lu_ilp32_rusage,
    [LU_ST_SYSINFO] = &lu_ilp32_sysinfo, [LU_ST_TMS] = &lu_ilp32_tms,
    [LU_ST_RLIMIT] = &lu_ilp32_rlimit, [LU_ST_RLIMIT64] = &lu_ilp32_rlimit64,
    [LU_ST_FLOCK] = &lu_ilp32_flock, [LU_ST_FLOCK64] = &ppc_flock64,
    [LU_ST_SIGACTION] = &lu_ilp32_sigaction, [LU_ST_OLD_SIGACTION] = &lu_ilp32_old_sigaction,
    [LU_ST_STACK] = &lu_ilp32_stack, [LU_ST_TERMIOS] = &ppc_termios,
    [LU_ST_WINSIZE] = &lu_ilp32_winsize, [LU_ST_EPOLL_EVENT] = &ppc_epoll_event,
    [LU_ST_MSGHDR] = &lu_ilp32_msghdr, [LU_ST_CMSGHDR] = &lu_ilp32_cmsghdr,
    [LU_ST_IOVEC] = &lu_ilp32_iovec, [LU_ST_POLLFD] = &lu_ilp32_pollfd,
    [LU_ST_SIGINFO] = &lu_ilp32_siginfo, [LU_ST_TIMEZONE] = &lu_ilp32_timezone,
    [LU_ST_MMSGHDR] = &lu_ilp32_mmsghdr, [LU_ST_SIGEVENT] = &lu_ilp32_sigevent,
    [LU_ST_STATX] = &lu_layout_statx,
    [LU_ST_STAT] = &ppc_stat, [LU_ST_OLD_STAT] = &ppc_old_stat,
    [LU_ST_STATFS] = &lu_ilp32_statfs,
    [LU_ST_USTAT] = &lu_ilp32_ustat,
    [LU_ST_SHMID_DS] = &ppc_shmid_ds, [LU_ST_SEMID_DS] = &ppc_semid_ds,
    [LU_ST_MSQID_DS] = &ppc_msqid_ds,
};

/* ---- flag words whose bits differ from the x86-64 host's ---- */

static const LuFlagMap ppc_open_flags[] = {
    { 0040000, 0200000 },   /* O_DIRECTORY */
    { 0100000, 0400000 },   /* O_NOFOLLOW */
    { 0200000, 0100000 },   /* O_LARGEFILE */
    { 0400000, 0040000 },   /* O_DIRECT */
    { 0, 0 },
};

static const LuFlagMap ppc_mmap_flags[] = {
    { 0x40, 0x4000 },       /* MAP_NORESERVE */
    { 0x80, 0x2000 },       /* MAP_LOCKED */
    { 0, 0 },
};

/* Terminal flags (asm/termbits.h of powerpc vs the generic ones of the
 * host): guest bit -> host bit; a zero host bit has no host equivalent. */
static const LuFlagMap ppc_tio_iflag[] = {
    { 0x0200, 0x0400 },     /* IXON */
    { 0x0400, 0x1000 },     /* IXOFF */
    { 0x1000, 0x0200 },     /* IUCLC */
    { 0, 0 },
};
static const LuFlagMap ppc_tio_oflag[] = {
    { 0x00002, 0x00004 },   /* ONLCR */
    { 0x00004, 0x00002 },   /* OLCUC */
    { 0x00100, 0x00100 },   /* NL1 */
    { 0x00200, 0 },         /* NL2 */
    { 0x00400, 0x00800 },   /* TAB1 (TABDLY bit 0) */
    { 0x00800, 0x01000 },   /* TAB2 (TABDLY bit 1) */
    { 0x01000, 0x00200 },   /* CR1 (CRDLY bit 0) */
    { 0x02000, 0x00400 },   /* CR2 (CRDLY bit 1) */
    { 0x04000, 0x08000 },   /* FF1 */
    { 0x08000, 0x02000 },   /* BS1 */
    { 0x10000, 0x04000 },   /* VT1 */
    { 0, 0 },
};
/* c_cflag without the baud fields (CBAUD 0xff, CIBAUD 0xff0000). */
static const LuFlagMap ppc_tio_cflag[] = {
    { 0x0100, 0x0010 },     /* CSIZE bit 0 */
    { 0x0200, 0x0020 },     /* CSIZE bit 1 */
    { 0x0400, 0x0040 },     /* CSTOPB */
    { 0x0800, 0x0080 },     /* CREAD */
    { 0x1000, 0x0100 },     /* PARENB */
    { 0x2000, 0x0200 },     /* PARODD */
    { 0x4000, 0x0400 },     /* HUPCL */
    { 0x8000, 0x0800 },     /* CLOCAL */
    { 0, 0 },
};
static const LuFlagMap ppc_tio_lflag[] = {
    { 0x00000080, 0x00001 },   /* ISIG */
    { 0x00000100, 0x00002 },   /* ICANON */
    { 0x00004000, 0x00004 },   /* XCASE */
    { 0x00000008, 0x00008 },   /* ECHO */
    { 0x00000002, 0x00010 },   /* ECHOE */
    { 0x00000004, 0x00020 },   /* ECHOK */
    { 0x00000010, 0x00040 },   /* ECHONL */
    { 0x80000000, 0x00080 },   /* NOFLSH */
    { 0x00400000, 0x00100 },   /* TOSTOP */
    { 0x00000040, 0x00200 },   /* ECHOCTL */
    { 0x00000020, 0x00400 },   /* ECHOPRT */
    { 0x00000001, 0x00800 },   /* ECHOKE */
    { 0x00800000, 0x01000 },   /* FLUSHO */
    { 0x20000000, 0x04000 },   /* PENDIN */
    { 0x00000400, 0x08000 },   /* IEXTEN */
    { 0x10000000, 0x10000 },   /* EXTPROC */
    { 0, 0 },
};
/* Baud codes above B38400: ppc numbers them on from 16 (BOTHER 31), the
 * host sets CBAUDEX with 1..15 (BOTHER is CBAUDEX alone). */
static const LuFlagMap ppc_tio_baud[] = {
    { 0x10, 0x1001 }, { 0x11, 0x1002 }, { 0x12, 0x1003 }, { 0x13, 0x1004 },
    { 0x14, 0x1005 }, { 0x15, 0x1006 }, { 0x16, 0x1007 }, { 0x17, 0x1008 },
    { 0x18, 0x1009 }, { 0x19, 0x100a }, { 0x1a, 0x100b }, { 0x1b, 0x100c },
    { 0x1c, 0x100d }, { 0x1d, 0x100e }, { 0x1e, 0x100f }, { 0x1f, 0x1000 },
    { 0, 0 },
};
static const LuTermiosMap ppc_termios_map = {
    .iflag = ppc_tio_iflag, .oflag = ppc_tio_oflag, .cflag = ppc_tio_cflag,
    .lflag = ppc_tio_lflag, .cbaud = 0xff, .baud = ppc_tio_baud,
    /* ppc VINTR VQUIT VERASE VKILL VEOF VMIN VEOL VTIME VEOL2 VSWTC
     * VWERASE VREPRINT VSUSP VSTART VSTOP VLNEXT VDISCARD -> host slots */
    .cc = { 0, 1, 2, 3, 4, 6, 11, 5, 16, 7, 14, 12, 10, 8, 9, 15, 13, 17, 18 },
    .speeds = true,
};

/* mlockall: MCL_CURRENT, MCL_FUTURE, MCL_ONFAULT (asm/mman.h of ppc). */
static const LuFlagMap ppc_mlockall_flags[] = {
    { 0x2000, 0x1 }, { 0x4000, 0x2 }, { 0x8000, 0x4 },
    { 0, 0 },
};

/* SOL_SOCKET option numbers of ppc (asm/socket.h) that differ. */
static const LuFlagMap ppc_so_names[] = {
    { 16, 18 },             /* SO_RCVLOWAT */
    { 17, 19 },             /* SO_SNDLOWAT */
    { 18, 20 },             /* SO_RCVTIMEO_OLD */
    { 19, 21 },             /* SO_SNDTIMEO_OLD */
    { 20, 16 },             /* SO_PASSCRED */
    { 21, 17 },             /* SO_PEERCRED */
    { 0, 0 },
};

/* ppc ioctl numbers: 3 direction bits (none 1, read 2, write 4) above a
 * 13-bit size, so the terminal requests differ from the host's. */
static const LuIoctlNr ppc_ioctls[] = {
    { 0x402c7413, LU_IOC_TCGETS }, { 0x802c7414, LU_IOC_TCSETS },
    { 0x802c7415, LU_IOC_TCSETSW }, { 0x802c7416, LU_IOC_TCSETSF },
    { 0x2000741d, LU_IOC_TCSBRK }, { 0x2000741e, LU_IOC_TCXONC },
    { 0x2000741f, LU_IOC_TCFLSH }, { 0x540e, LU_IOC_TIOCSCTTY },
    { 0x40047477, LU_IOC_TIOCGPGRP }, { 0x80047476, LU_IOC_TIOCSPGRP },
    { 0x40087468, LU_IOC_TIOCGWINSZ }, { 0x80087467, LU_IOC_TIOCSWINSZ },
    { 0x4004667f, LU_IOC_FIONREAD }, { 0x8004667e, LU_IOC_FIONBIO },
    { 0x5422, LU_IOC_TIOCNOTTY }, { 0x5429, LU_IOC_TIOCGSID },
    { 0x20006602, LU_IOC_FIONCLEX }, { 0x20006601, LU_IOC_FIOCLEX },
    { 0x8004667d, LU_IOC_FIOASYNC }, { 0x40045430, LU_IOC_TIOCGPTN },
    { 0x80045431, LU_IOC_TIOCSPTLCK }, { 0x20005441, LU_IOC_TIOCGPTPEER },
    { 0x80049409, LU_IOC_FICLONE }, { 0x40047473, LU_IOC_TIOCOUTQ },
    { 0x40045440, LU_IOC_TIOCGEXCL },
    /* block devices: ppc's _IO has the "none" direction bit (1 << 29) */
    { 0x20001260, LU_IOC_BLKGETSIZE }, { 0x40041272, LU_IOC_BLKGETSIZE64 },
    { 0x20001268, LU_IOC_BLKSSZGET }, { 0x40041270, LU_IOC_BLKBSZGET },
    { 0x2000125e, LU_IOC_BLKROGET }, { 0x20001261, LU_IOC_BLKFLSBUF },
    { 0x2000125f, LU_IOC_BLKRRPART }, { 0x2000127b, LU_IOC_BLKPBSZGET },
    { 0x2000127c, LU_IOC_BLKDISCARDZEROES }, { 0x20001278, LU_IOC_BLKIOMIN },
    { 0x20001279, LU_IOC_BLKIOOPT },
    LU_IOCTLS_COMMON,
};

/* ---- registers ---- */

static CPUPPCState *env_of(CPUState *cpu)
{
    return (CPUPPCState *)cpu;
}

static void ppc_get_syscall(CPUState *cpu, uint32_t *nr, uint32_t args[6])
{
    CPUPPCState *env = env_of(cpu);
    *nr = env->gpr[0];
    for (int i = 0; i < 6; i++) {
        args[i] = env->gpr[3 + i];
    }
}

/* Errors come back as a positive errno in r3 with CR0[SO] set. */
static void ppc_set_syscall_result(CPUState *cpu, int32_t ret)
{
    CPUPPCState *env = env_of(cpu);
    if (ret < 0 && ret >= -4095) {
        env->gpr[3] = (uint32_t)-ret;
        env->crf[0] |= CRF_SO;
    } else {
        env->gpr[3] = (uint32_t)ret;
        env->crf[0] &= ~CRF_SO;
    }
}

static void ppc_rewind_syscall(CPUState *cpu)
{
    env_of(cpu)->nip -= 4;   /* sc */
}

static uint32_t ppc_get_sp(CPUState *cpu)
{
    return env_of(cpu)->gpr[1];
}

static uint32_t ppc_get_pc(CPUState *cpu)
{
    return env_of(cpu)->nip;
}

static void ppc_cpu_init(CPUState *cpu, uint32_t entry, uint32_t sp)
{
    CPUPPCState *env = env_of(cpu);
    memset(env->gpr, 0, sizeof(env->gpr));
    memset(env->crf, 0, sizeof(env->crf));
    memset(env->fpr, 0, sizeof(env->fpr));
    env->gpr[1] = sp;
    env->nip = entry;
    env->lr = env->ctr = 0;
    env->xer_so = env->xer_ov = env->xer_ca = env->xer_bc = 0;
    env->fpscr = 0;
    env->msr = 0;                 /* FP exceptions disabled (PR_FP_EXC_DISABLED) */
    env->reserve_addr = (uint32_t)-1;
}

static void ppc_clone_child_setup(CPUState *child, uint32_t newsp)
{
    CPUPPCState *env = env_of(child);
    if (newsp) {
        env->gpr[1] = newsp;
    }
    env->gpr[3] = 0;
    env->crf[0] &= ~CRF_SO;
}

/* The thread pointer of the ppc32 ABI is r2. */
static int ppc_set_tls(CPUState *cpu, uint32_t tls)
{
    env_of(cpu)->gpr[2] = tls;
    return 0;
}

/* ---- guest exceptions -> signals, as ppc32 Linux reports them ---- */

/* The si_code of an FP program interrupt: the first enabled exception
 * whose bit is set, in the order Linux tests them (invalid, overflow,
 * underflow, divide by zero, inexact); FPE_FLTUNK if none. */
static int ppc_fpe_code(uint32_t fpscr)
{
    static const struct { int status, enable, code; } order[] = {
        { FPSCR_VX, FPSCR_VE, 7 /* FPE_FLTINV */ },
        { FPSCR_OX, FPSCR_OE, 4 /* FPE_FLTOVF */ },
        { FPSCR_UX, FPSCR_UE, 5 /* FPE_FLTUND */ },
        { FPSCR_ZX, FPSCR_ZE, 3 /* FPE_FLTDIV */ },
        { FPSCR_XX, FPSCR_XE, 6 /* FPE_FLTRES */ },
    };
    for (size_t i = 0; i < sizeof(order) / sizeof(order[0]); i++) {
        if ((fpscr >> order[i].status) & (fpscr >> order[i].enable) & 1) {
            return order[i].code;
        }
    }
    return 14;   /* FPE_FLTUNK */
}

/* prctl(PR_SET_FPEXC, mode) / prctl(PR_GET_FPEXC, &mode): the FP
 * exception mode in MSR[FE0,FE1], as Linux packs it (FE0 = bit 1 of the
 * mode, FE1 = bit 0). Only the classic modes 0..3 (no SPE). */
static int64_t ppc_prctl_fpexc(CPUState *cpu, bool set, uint32_t arg)
{
    CPUPPCState *env = env_of(cpu);
    if (set) {
        if (arg > 3) {
            return -EINVAL;           /* PR_FP_EXC_SW_ENABLE and above: SPE only */
        }
        env->msr = (env->msr & ~(MSR_FE0 | MSR_FE1)) |
                   ((arg & 2) ? MSR_FE0 : 0) | ((arg & 1) ? MSR_FE1 : 0);
        return 0;
    }
    uint32_t mode = ((env->msr & MSR_FE0) ? 2 : 0) | ((env->msr & MSR_FE1) ? 1 : 0);
    return lu_put_u32(arg, mode);
}

static bool ppc_exception_to_signal(CPUState *cpu, int excp, LuSigInfo *si)
{
    CPUPPCState *env = env_of(cpu);
    memset(si, 0, sizeof(*si));
    si->kind = LU_SIK_FAULT;
    si->trapno = excp;
    switch (excp) {
    case POWERPC_EXCP_DSI:
    case POWERPC_EXCP_ISI: {
        uint32_t addr = excp == POWERPC_EXCP_ISI ? env->nip : cpu->fault_addr;
        int fl = page_get_flags(addr);
        si->signo = SIGSEGV;
        si->code = (fl & PAGE_VALID) ? 2 : 1;   /* SEGV_ACCERR : SEGV_MAPERR */
        si->addr = addr;
        si->cr2 = addr;
        break;
    }
    case POWERPC_EXCP_ALIGN:
        si->signo = SIGBUS;
        si->code = 1;                           /* BUS_ADRALN */
        si->addr = cpu->fault_addr;
        break;
    case POWERPC_EXCP_PROGRAM:
        si->addr = env->nip;
        switch (cpu->error_code) {
        case POWERPC_PROG_PRIV:
            si->signo = SIGILL;
            si->code = 5;                       /* ILL_PRVOPC */
            break;
        case POWERPC_PROG_TRAP:
            si->signo = SIGTRAP;
            si->code = 1;                       /* TRAP_BRKPT */
            break;
        case POWERPC_PROG_FP:
            si->signo = SIGFPE;
            si->code = ppc_fpe_code(ppc_fpscr_get(env));
            break;
        default:
            si->signo = SIGILL;
            si->code = 1;                       /* ILL_ILLOPC */
            break;
        }
        break;
    default:
        return false;
    }
    return true;
}

/* ---- AT_HWCAP and /proc/cpuinfo: a PowerPC 750 (G3) ---- */

enum {
    PPC_FEATURE_32 = 0x80000000u,
    PPC_FEATURE_HAS_FPU = 0x08000000u,
    PPC_FEATURE_HAS_MMU = 0x04000000u,
};

static uint32_t ppc_hwcap(void)
{
    /* No AltiVec: the front end does not implement it. */
    return PPC_FEATURE_32 | PPC_FEATURE_HAS_FPU | PPC_FEATURE_HAS_MMU;
}

static void ppc_write_cpuinfo(FILE *f)
{
    fprintf(f, "processor\t: 0\ncpu\t\t: 750\nclock\t\t: 1000.000000MHz\n"
            "revision\t: 3.1 (pvr 0008 0301)\nbogomips\t: 66.66\n\n"
            "timebase\t: 512000000\nplatform\t: Mimic\nmodel\t\t: Mimic ppc user mode\n");
}

/* The 750's 32-byte cache lines (dcbz clears 32 bytes); no unified cache.
 * glibc's memset uses AT_DCACHEBSIZE to choose dcbz. */
static const uint32_t ppc_extra_auxv[][2] = {
    { AT_DCACHEBSIZE, 32 }, { AT_ICACHEBSIZE, 32 }, { AT_UCACHEBSIZE, 0 },
};

const LuArch lu_arch_ppc = {
    .guest = &ppc_guest_arch,
    .name = "ppc",
    .uname_machine = "ppc",
    .platform = "ppc750",
    .elf_machine = EM_PPC,
    .big_endian = true,
    .hwcap = ppc_hwcap,
    .extra_auxv = ppc_extra_auxv,
    .nb_extra_auxv = sizeof(ppc_extra_auxv) / sizeof(ppc_extra_auxv[0]),
    .map_vdso = lu_ppc_map_vdso,
    .stack_top = 0xfffdd000u,
    .mmap_top = 0xf7fff000u,
    .elf_et_dyn_base = 0x00800000u,
    .syscall_ids = lu_ppc_syscall_ids,
    .nb_syscall_ids = LU_PPC_NB_SYSCALLS,
    .pair_align = true,
    .get_syscall = ppc_get_syscall,
    .set_syscall_result = ppc_set_syscall_result,
    .rewind_syscall = ppc_rewind_syscall,
    .layouts = ppc_layouts,
    .open_flags = ppc_open_flags,
    .mmap_flags = ppc_mmap_flags,
    .ioctls = ppc_ioctls,
    .nb_ioctls = sizeof(ppc_ioctls) / sizeof(ppc_ioctls[0]),
    .cpu_init = ppc_cpu_init,
    .get_sp = ppc_get_sp,
    .get_pc = ppc_get_pc,
    .clone_child_setup = ppc_clone_child_setup,
    .set_tls = ppc_set_tls,
    .exception_to_signal = ppc_exception_to_signal,
    .excp_syscall = POWERPC_EXCP_SYSCALL,
    .excp_page_fault = POWERPC_EXCP_DSI,
    .setup_frame = lu_ppc_setup_frame,
    .restore_frame = lu_ppc_restore_frame,
    .prctl_fpexc = ppc_prctl_fpexc,
    .write_cpuinfo = ppc_write_cpuinfo,
    .termios = &ppc_termios_map,
    .so_names = ppc_so_names,
    .mlockall_flags = ppc_mlockall_flags,
};

/* set_thread_area/get_thread_area are i386 syscalls: ppc has no numbers
 * for them (its thread pointer is r2), so these are never reached. */
int64_t lu_sys_set_thread_area(const uint32_t *a)
{
    return -ENOSYS;
}

int64_t lu_sys_get_thread_area(const uint32_t *a)
{
    return -ENOSYS;
}
