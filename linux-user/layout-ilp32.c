/*
 * Struct layouts that the 32-bit Linux ABIs Mimic runs (i386 and ppc)
 * share: the same fields at the same offsets. Byte order is applied by the
 * layout code, so one table serves both; each guest's arch.c lists these
 * next to the layouts that differ (stat64, statfs64, flock64, termios,
 * epoll_event, timespec64).
 */
#include "linux-user/lu-layout.h"

#define F(id_, size_, off_) { .id = (id_), .size = (size_), .off = (off_) }
#define FS(id_, size_, off_) { .id = (id_), .size = (size_), .off = (off_), .sign = 1 }
#define FA(id_, size_, off_, n_) { .id = (id_), .size = (size_), .off = (off_), .count = (n_) }

const LuLayout lu_ilp32_timespec = { 8, 2, { FS(LU_TS_SEC, 4, 0), FS(LU_TS_NSEC, 4, 4) } };
const LuLayout lu_ilp32_rusage = { 72, 5, {
    FS(LU_RU_UTIME, 4, 0), FS(LU_RU_UTIME_US, 4, 4), FS(LU_RU_STIME, 4, 8),
    FS(LU_RU_STIME_US, 4, 12), FA(LU_RU_LONGS, 4, 16, 14) } };
const LuLayout lu_ilp32_sysinfo = { 64, 12, {
    F(LU_SI_UPTIME, 4, 0), FA(LU_SI_LOADS, 4, 4, 3), F(LU_SI_TOTALRAM, 4, 16),
    F(LU_SI_FREERAM, 4, 20), F(LU_SI_SHAREDRAM, 4, 24), F(LU_SI_BUFFERRAM, 4, 28),
    F(LU_SI_TOTALSWAP, 4, 32), F(LU_SI_FREESWAP, 4, 36), F(LU_SI_PROCS, 2, 40),
    F(LU_SI_TOTALHIGH, 4, 44), F(LU_SI_FREEHIGH, 4, 48), F(LU_SI_MEM_UNIT, 4, 52) } };
const LuLayout lu_ilp32_tms = { 16, 1, { FA(LU_TMS_UTIME, 4, 0, 4) } };
const LuLayout lu_ilp32_rlimit = { 8, 2, { F(LU_RLIM_CUR, 4, 0), F(LU_RLIM_MAX, 4, 4) } };
const LuLayout lu_ilp32_rlimit64 = { 16, 2, { F(LU_RLIM_CUR, 8, 0), F(LU_RLIM_MAX, 8, 8) } };
const LuLayout lu_ilp32_flock = { 16, 5, {
    FS(LU_FL_TYPE, 2, 0), FS(LU_FL_WHENCE, 2, 2), FS(LU_FL_START, 4, 4),
    FS(LU_FL_LEN, 4, 8), FS(LU_FL_PID, 4, 12) } };
/* The kernel's rt_sigaction struct: the 64-bit mask is two words, low
 * word first (sig[0]), on either byte order. */
const LuLayout lu_ilp32_sigaction = { 20, 5, {
    F(LU_SACT_HANDLER, 4, 0), F(LU_SACT_FLAGS, 4, 4), F(LU_SACT_RESTORER, 4, 8),
    F(LU_SACT_MASK0, 4, 12), F(LU_SACT_MASK1, 4, 16) } };
const LuLayout lu_ilp32_old_sigaction = { 16, 4, {
    F(LU_SACT_HANDLER, 4, 0), F(LU_SACT_MASK0, 4, 4), F(LU_SACT_FLAGS, 4, 8),
    F(LU_SACT_RESTORER, 4, 12) } };
const LuLayout lu_ilp32_stack = { 12, 3, {
    F(LU_SS_SP, 4, 0), FS(LU_SS_FLAGS, 4, 4), F(LU_SS_SIZE, 4, 8) } };
const LuLayout lu_ilp32_winsize = { 8, 1, { FA(LU_WS_ROW, 2, 0, 4) } };
const LuLayout lu_ilp32_msghdr = { 28, 7, {
    F(LU_MSG_NAME, 4, 0), F(LU_MSG_NAMELEN, 4, 4), F(LU_MSG_IOV, 4, 8),
    F(LU_MSG_IOVLEN, 4, 12), F(LU_MSG_CONTROL, 4, 16), F(LU_MSG_CONTROLLEN, 4, 20),
    F(LU_MSG_FLAGS, 4, 24) } };
const LuLayout lu_ilp32_cmsghdr = { 12, 3, {
    F(LU_CMSG_LEN, 4, 0), FS(LU_CMSG_LEVEL, 4, 4), FS(LU_CMSG_TYPE, 4, 8) } };
const LuLayout lu_ilp32_iovec = { 8, 2, { F(LU_IOV_BASE, 4, 0), F(LU_IOV_LEN, 4, 4) } };
const LuLayout lu_ilp32_pollfd = { 8, 3, {
    FS(LU_PFD_FD, 4, 0), F(LU_PFD_EVENTS, 2, 4), F(LU_PFD_REVENTS, 2, 6) } };
/* siginfo: the union members overlap; lu_put_siginfo writes the ones of
 * the signal's kind. */
const LuLayout lu_ilp32_siginfo = { 128, 14, {
    FS(LU_SIG_SIGNO, 4, 0), FS(LU_SIG_ERRNO, 4, 4), FS(LU_SIG_CODE, 4, 8),
    F(LU_SIG_PID, 4, 12), F(LU_SIG_UID, 4, 16), F(LU_SIG_VALUE, 4, 20),
    F(LU_SIG_STATUS, 4, 20), F(LU_SIG_UTIME, 4, 24), F(LU_SIG_STIME, 4, 28),
    F(LU_SIG_ADDR, 4, 12), F(LU_SIG_BAND, 4, 12), F(LU_SIG_FD, 4, 16),
    F(LU_SIG_TIMERID, 4, 12), F(LU_SIG_OVERRUN, 4, 16) } };
const LuLayout lu_ilp32_timezone = { 8, 2, { FS(LU_TZ_MINUTESWEST, 4, 0), FS(LU_TZ_DSTTIME, 4, 4) } };
const LuLayout lu_ilp32_mmsghdr = { 32, 1, { F(LU_MMSG_HDR_LEN, 4, 28) } };
const LuLayout lu_ilp32_sigevent = { 64, 4, {
    F(LU_SEV_VALUE, 4, 0), FS(LU_SEV_SIGNO, 4, 4), FS(LU_SEV_NOTIFY, 4, 8),
    FS(LU_SEV_TID, 4, 12) } };

/* struct statfs of the 32-bit ABIs (asm-generic/statfs.h, 32-bit words). */
const LuLayout lu_ilp32_statfs = { 64, 12, {
    F(LU_STATFS_TYPE, 4, 0), F(LU_STATFS_BSIZE, 4, 4), F(LU_STATFS_BLOCKS, 4, 8),
    F(LU_STATFS_BFREE, 4, 12), F(LU_STATFS_BAVAIL, 4, 16), F(LU_STATFS_FILES, 4, 20),
    F(LU_STATFS_FFREE, 4, 24), F(LU_STATFS_FSID0, 4, 28), F(LU_STATFS_FSID1, 4, 32),
    F(LU_STATFS_NAMELEN, 4, 36), F(LU_STATFS_FRSIZE, 4, 40), F(LU_STATFS_FLAGS, 4, 44) } };
/* struct ustat: f_tfree, f_tinode, then f_fname[6] and f_fpack[6] (zero). */
const LuLayout lu_ilp32_ustat = { 20, 2, { F(LU_UST_TFREE, 4, 0), F(LU_UST_TINODE, 4, 4) } };
