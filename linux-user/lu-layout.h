/*
 * Guest struct layouts as data: each struct the syscall layer copies in or
 * out is a list of (field, size, offset) per guest ABI. Common code works
 * on an array of 64-bit values indexed by field id and converts through
 * the layout (sizes, offsets and byte order come from the guest's table).
 */
#ifndef LINUX_USER_LU_LAYOUT_H
#define LINUX_USER_LU_LAYOUT_H

#include <stdint.h>

#define LU_MAX_FIELDS 40

typedef struct LuField {
    uint8_t id;       /* first field id */
    uint8_t size;     /* bytes of one element: 1, 2, 4 or 8 */
    uint8_t count;    /* elements (ids id .. id+count-1); 0 means 1 */
    uint8_t sign;     /* sign-extend when reading */
    uint16_t off;
} LuField;

typedef struct LuLayout {
    uint16_t size;
    uint8_t nb_fields;
    LuField fields[LU_MAX_FIELDS];
} LuLayout;

/* The structs (index into LuArch.layouts). */
enum {
    LU_ST_STAT64, LU_ST_STATFS64, LU_ST_TIMESPEC, LU_ST_TIMESPEC64,
    LU_ST_TIMEVAL, LU_ST_RUSAGE, LU_ST_SYSINFO, LU_ST_TMS, LU_ST_RLIMIT,
    LU_ST_RLIMIT64, LU_ST_FLOCK, LU_ST_FLOCK64, LU_ST_SIGACTION,
    LU_ST_OLD_SIGACTION, LU_ST_STACK, LU_ST_TERMIOS, LU_ST_WINSIZE,
    LU_ST_EPOLL_EVENT, LU_ST_MSGHDR, LU_ST_CMSGHDR, LU_ST_IOVEC,
    LU_ST_POLLFD, LU_ST_SIGINFO, LU_ST_TIMEZONE, LU_ST_MMSGHDR,
    LU_ST_STATX_TS, LU_ST_STATX, LU_ST_DIRENT64_HEAD, LU_ST_SIGEVENT,
    LU_ST_SHMID_DS, LU_ST_SEMID_DS, LU_ST_MSQID_DS,   /* the IPC_64 forms */
    LU_ST_STAT, LU_ST_OLD_STAT, LU_ST_STATFS, LU_ST_USTAT, /* the old calls' structs */
    LU_NB_STRUCTS
};

/* Field ids, one enum per struct (values index the value array). */
enum { LU_STAT_DEV, LU_STAT_INO32, LU_STAT_MODE, LU_STAT_NLINK, LU_STAT_UID,
       LU_STAT_GID, LU_STAT_RDEV, LU_STAT_SIZE, LU_STAT_BLKSIZE,
       LU_STAT_BLOCKS, LU_STAT_ATIME, LU_STAT_ATIME_NS, LU_STAT_MTIME,
       LU_STAT_MTIME_NS, LU_STAT_CTIME, LU_STAT_CTIME_NS, LU_STAT_INO };
enum { LU_STATFS_TYPE, LU_STATFS_BSIZE, LU_STATFS_BLOCKS, LU_STATFS_BFREE,
       LU_STATFS_BAVAIL, LU_STATFS_FILES, LU_STATFS_FFREE, LU_STATFS_FSID0,
       LU_STATFS_FSID1, LU_STATFS_NAMELEN, LU_STATFS_FRSIZE,
       LU_STATFS_FLAGS };
enum { LU_UST_TFREE, LU_UST_TINODE };         /* struct ustat (+ two char[6]) */
enum { LU_TS_SEC, LU_TS_NSEC };              /* timespec, timeval (usec) */
enum { LU_RU_UTIME, LU_RU_UTIME_US, LU_RU_STIME, LU_RU_STIME_US,
       LU_RU_LONGS /* 14 longs: maxrss .. nivcsw */ };
enum { LU_SI_UPTIME, LU_SI_LOADS /* 3 */, LU_SI_TOTALRAM = 4, LU_SI_FREERAM,
       LU_SI_SHAREDRAM, LU_SI_BUFFERRAM, LU_SI_TOTALSWAP, LU_SI_FREESWAP,
       LU_SI_PROCS, LU_SI_TOTALHIGH, LU_SI_FREEHIGH, LU_SI_MEM_UNIT };
enum { LU_TMS_UTIME, LU_TMS_STIME, LU_TMS_CUTIME, LU_TMS_CSTIME };
enum { LU_RLIM_CUR, LU_RLIM_MAX };
enum { LU_FL_TYPE, LU_FL_WHENCE, LU_FL_START, LU_FL_LEN, LU_FL_PID };
enum { LU_SACT_HANDLER, LU_SACT_FLAGS, LU_SACT_RESTORER, LU_SACT_MASK0,
       LU_SACT_MASK1 };
enum { LU_SS_SP, LU_SS_FLAGS, LU_SS_SIZE };
enum { LU_TIO_IFLAG, LU_TIO_OFLAG, LU_TIO_CFLAG, LU_TIO_LFLAG, LU_TIO_LINE,
       LU_TIO_CC /* 19 */ };
enum { LU_TIO_ISPEED = LU_TIO_CC + 19, LU_TIO_OSPEED };
enum { LU_WS_ROW, LU_WS_COL, LU_WS_XPIXEL, LU_WS_YPIXEL };
enum { LU_EV_EVENTS, LU_EV_DATA };
enum { LU_MSG_NAME, LU_MSG_NAMELEN, LU_MSG_IOV, LU_MSG_IOVLEN,
       LU_MSG_CONTROL, LU_MSG_CONTROLLEN, LU_MSG_FLAGS };
enum { LU_CMSG_LEN, LU_CMSG_LEVEL, LU_CMSG_TYPE };
enum { LU_IOV_BASE, LU_IOV_LEN };
enum { LU_PFD_FD, LU_PFD_EVENTS, LU_PFD_REVENTS };
/* siginfo: the header and the union members, overlapping by design. */
enum { LU_SIG_SIGNO, LU_SIG_ERRNO, LU_SIG_CODE, LU_SIG_PID, LU_SIG_UID,
       LU_SIG_VALUE, LU_SIG_STATUS, LU_SIG_UTIME, LU_SIG_STIME,
       LU_SIG_ADDR, LU_SIG_BAND, LU_SIG_FD, LU_SIG_TIMERID,
       LU_SIG_OVERRUN };
enum { LU_TZ_MINUTESWEST, LU_TZ_DSTTIME };
enum { LU_MMSG_HDR_LEN };  /* mmsghdr: msghdr then msg_len */
enum { LU_STX_TS_SEC, LU_STX_TS_NSEC };
enum { LU_STX_MASK, LU_STX_BLKSIZE, LU_STX_ATTRIBUTES, LU_STX_NLINK,
       LU_STX_UID, LU_STX_GID, LU_STX_MODE, LU_STX_INO, LU_STX_SIZE,
       LU_STX_BLOCKS, LU_STX_ATTRIBUTES_MASK, LU_STX_ATIME,
       LU_STX_ATIME_NS, LU_STX_BTIME, LU_STX_BTIME_NS, LU_STX_CTIME,
       LU_STX_CTIME_NS, LU_STX_MTIME, LU_STX_MTIME_NS, LU_STX_RDEV_MAJOR,
       LU_STX_RDEV_MINOR, LU_STX_DEV_MAJOR, LU_STX_DEV_MINOR,
       LU_STX_MNT_ID };
enum { LU_D64_INO, LU_D64_OFF, LU_D64_RECLEN, LU_D64_TYPE };
enum { LU_SEV_VALUE, LU_SEV_SIGNO, LU_SEV_NOTIFY, LU_SEV_TID };
/* SysV IPC: the ipc64_perm head, then each struct's own fields; times are
 * split in low and high words as in the 32-bit ABIs. */
enum { LU_IPC_KEY, LU_IPC_UID, LU_IPC_GID, LU_IPC_CUID, LU_IPC_CGID, LU_IPC_MODE,
       LU_IPC_SEQ,
       LU_SHM_SEGSZ, LU_SHM_ATIME, LU_SHM_ATIME_HI, LU_SHM_DTIME, LU_SHM_DTIME_HI,
       LU_SHM_CTIME, LU_SHM_CTIME_HI, LU_SHM_CPID, LU_SHM_LPID, LU_SHM_NATTCH };
enum { LU_SEM_OTIME = LU_IPC_SEQ + 1, LU_SEM_OTIME_HI, LU_SEM_CTIME, LU_SEM_CTIME_HI,
       LU_SEM_NSEMS };
enum { LU_MSG_STIME = LU_IPC_SEQ + 1, LU_MSG_STIME_HI, LU_MSG_RTIME, LU_MSG_RTIME_HI,
       LU_MSG_CTIME, LU_MSG_CTIME_HI, LU_MSG_CBYTES, LU_MSG_QNUM, LU_MSG_QBYTES,
       LU_MSG_LSPID, LU_MSG_LRPID };

/* Layouts shared by the 32-bit ABIs (linux-user/layout-ilp32.c). */
extern const LuLayout lu_ilp32_timespec, lu_ilp32_rusage, lu_ilp32_sysinfo, lu_ilp32_tms, lu_ilp32_rlimit, lu_ilp32_rlimit64,
    lu_ilp32_flock, lu_ilp32_sigaction, lu_ilp32_old_sigaction, lu_ilp32_stack, lu_ilp32_winsize, lu_ilp32_msghdr,
    lu_ilp32_cmsghdr, lu_ilp32_iovec, lu_ilp32_pollfd, lu_ilp32_siginfo, lu_ilp32_timezone, lu_ilp32_mmsghdr, lu_ilp32_sigevent,
    lu_ilp32_statfs, lu_ilp32_ustat;

/* Size of a struct in the current guest ABI. */
uint32_t lu_struct_size(int st);
/* Copies a guest struct at gaddr into vals (by field id); -EFAULT if
 * the memory is not readable. */
int lu_get_struct(int st, uint32_t gaddr, uint64_t *vals);
/* Writes vals as the guest struct at gaddr (padding zeroed); -EFAULT if
 * the memory is not writable. */
int lu_put_struct(int st, uint32_t gaddr, const uint64_t *vals);
/* The same for a layout that is not per-ABI (statx). */
int lu_put_layout(const LuLayout *l, uint32_t gaddr, const uint64_t *vals);

/* struct statx: the same fixed layout in every ABI (syscall-conv.c);
 * guest tables point LU_ST_STATX at it. */
extern const LuLayout lu_layout_statx;

#endif
