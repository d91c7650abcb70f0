/*
 * Syscall handlers that convert guest structs and 64-bit register pairs
 * through the guest's layouts (syscall-conv.c, syscall-net-conv.c), so a
 * guest whose byte order or layout differs from the host's (PowerPC) gets
 * the same results as i386. Referenced by syscall-table.c.
 */
#ifndef LINUX_USER_LU_CONV_H
#define LINUX_USER_LU_CONV_H

#include <stdint.h>
#include "linux-user/lu-arch.h"

/* files and 64-bit offsets */
int64_t lu_conv_statx(const uint32_t *a);
int64_t lu_conv_pread64(const uint32_t *a);
int64_t lu_conv_pwrite64(const uint32_t *a);
int64_t lu_conv_truncate64(const uint32_t *a);
int64_t lu_conv_ftruncate64(const uint32_t *a);
int64_t lu_conv_fallocate(const uint32_t *a);
int64_t lu_conv_fadvise64(const uint32_t *a);
int64_t lu_conv_fadvise64_64(const uint32_t *a);
int64_t lu_conv_fadvise64_64_2(const uint32_t *a);
int64_t lu_conv_sync_file_range(const uint32_t *a);
int64_t lu_conv_sync_file_range2(const uint32_t *a);
int64_t lu_conv_readahead(const uint32_t *a);
int64_t lu_conv_sendfile64(const uint32_t *a);
int64_t lu_conv_copy_file_range(const uint32_t *a);
int64_t lu_conv_splice(const uint32_t *a);
int64_t lu_conv_openat2(const uint32_t *a);
int64_t lu_conv_fcntl(const uint32_t *a);
int64_t lu_conv_fcntl64(const uint32_t *a);
int64_t lu_conv_utimensat_time64(const uint32_t *a);

/* time */
int64_t lu_conv_clock_gettime64(const uint32_t *a);
int64_t lu_conv_clock_getres_time64(const uint32_t *a);
int64_t lu_conv_clock_settime64(const uint32_t *a);
int64_t lu_conv_settimeofday(const uint32_t *a);
int64_t lu_conv_timerfd_settime64(const uint32_t *a);
int64_t lu_conv_timerfd_gettime64(const uint32_t *a);
int64_t lu_conv_timer_settime64(const uint32_t *a);
int64_t lu_conv_timer_gettime64(const uint32_t *a);
int64_t lu_conv_sched_rr_get_interval_time64(const uint32_t *a);

/* credentials, scheduling, misc */
int64_t lu_conv_getgroups32(const uint32_t *a);
int64_t lu_conv_setgroups32(const uint32_t *a);
int64_t lu_conv_getresuid32(const uint32_t *a);
int64_t lu_conv_getresgid32(const uint32_t *a);
int64_t lu_conv_sched_getaffinity(const uint32_t *a);
int64_t lu_conv_sched_setaffinity(const uint32_t *a);
int64_t lu_conv_sched_getparam(const uint32_t *a);
int64_t lu_conv_sched_setparam(const uint32_t *a);
int64_t lu_conv_sched_setscheduler(const uint32_t *a);
int64_t lu_conv_capget(const uint32_t *a);
int64_t lu_conv_capset(const uint32_t *a);
int64_t lu_conv_getcpu(const uint32_t *a);
int64_t lu_conv_mlockall(const uint32_t *a);

/* readiness */
int64_t lu_conv_poll(const uint32_t *a);
int64_t lu_conv_ppoll(const uint32_t *a);
int64_t lu_conv_ppoll_time64(const uint32_t *a);
int64_t lu_conv_epoll_ctl(const uint32_t *a);
int64_t lu_conv_epoll_wait(const uint32_t *a);
int64_t lu_conv_epoll_pwait(const uint32_t *a);

/* data read from or written to special fds (eventfd, timerfd, inotify) */
int64_t lu_conv_read(const uint32_t *a);
/* The data kind of fd for a big-endian guest (0: bytes as they are), and
 * the conversion of a stream of n bytes read from / to be written to such
 * an fd (eventfd/timerfd counters, inotify events, signalfd records), in
 * place; readv/writev use them over the gathered segments. */
int lu_fd_data_kind(int fd);
void lu_fd_data_to_guest(int kind, uint8_t *b, long n);
void lu_fd_data_from_guest(int kind, uint8_t *b, long n);
int64_t lu_conv_write(const uint32_t *a);
int64_t lu_conv_dup(const uint32_t *a);
int64_t lu_conv_dup2(const uint32_t *a);
int64_t lu_conv_dup3(const uint32_t *a);
int64_t lu_conv_eventfd(const uint32_t *a);
int64_t lu_conv_eventfd2(const uint32_t *a);
int64_t lu_conv_timerfd_create(const uint32_t *a);
int64_t lu_conv_inotify_init(const uint32_t *a);
int64_t lu_conv_inotify_init1(const uint32_t *a);
int64_t lu_conv_signalfd(const uint32_t *a);
int64_t lu_conv_signalfd4(const uint32_t *a);

/* sockets (syscall-net-conv.c) */
int64_t lu_conv_bind(const uint32_t *a);
int64_t lu_conv_connect(const uint32_t *a);
int64_t lu_conv_accept(const uint32_t *a);
int64_t lu_conv_accept4(const uint32_t *a);
int64_t lu_conv_getsockname(const uint32_t *a);
int64_t lu_conv_getpeername(const uint32_t *a);
int64_t lu_conv_sendto(const uint32_t *a);
int64_t lu_conv_send(const uint32_t *a);
int64_t lu_conv_recv(const uint32_t *a);
int64_t lu_conv_recvfrom(const uint32_t *a);
int64_t lu_conv_setsockopt(const uint32_t *a);
int64_t lu_conv_getsockopt(const uint32_t *a);
/* In-place byte-order conversion of a socket address of len bytes (the
 * family and the host-order members of AF_INET6, AF_NETLINK, AF_PACKET). */
void lu_sockaddr_guest_to_host(uint8_t *b, uint32_t len);
void lu_sockaddr_host_to_guest(uint8_t *b, uint32_t len);

/* termios values (called by syscall-ioctl.c around TCGETS/TCSETS):
 * v is the value array of LU_ST_TERMIOS. */
void lu_termios_to_host(uint64_t *v);
void lu_termios_to_guest(uint64_t *v);

/* The 64-bit syscall argument in the register pair at argument *i, in
 * the guest's alignment and word order; *i moves past it (6 if none). */
uint64_t lu_arg64(const uint32_t *a, int *i);

/* A value through a LuFlagMap used as a table of value pairs (guest ->
 * host); values not listed are the same. */
uint32_t lu_value_to_host(const LuFlagMap *m, uint32_t v);

/* Converts in place, between host and guest byte order, the fields of l
 * within len bytes of a struct whose layout is the host's. */
void lu_swap_layout(const LuLayout *l, uint8_t *b, uint32_t len);

/* Existing handlers elsewhere that the table now uses. */
int64_t lu_sys_prlimit64(const uint32_t *a);
int64_t lu_sys_fcntl(const uint32_t *a);
int64_t lu_sys_fcntl64(const uint32_t *a);
int64_t lu_sys_signalfd(const uint32_t *a);
int64_t lu_sys_signalfd4(const uint32_t *a);

#endif
