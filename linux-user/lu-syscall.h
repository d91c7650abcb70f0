/*
 * The syscall layer's common table: one LU_SYS_* id per Linux syscall we
 * know, its name, how it is implemented (a handler, or the host syscall
 * it passes through to) and its argument kinds (for conversion and for
 * -strace). Guest ABIs map their numbers to these ids (i386/syscall-nr.c).
 */
#ifndef LINUX_USER_LU_SYSCALL_H
#define LINUX_USER_LU_SYSCALL_H

#include <stdint.h>

enum {
    LU_SYS_NONE,
    LU_SYS_exit,
    LU_SYS_exit_group,
    LU_SYS_read,
    LU_SYS_write,
    LU_SYS_open,
    LU_SYS_openat,
    LU_SYS_creat,
    LU_SYS_close,
    LU_SYS_lseek,
    LU_SYS__llseek,
    LU_SYS_pread64,
    LU_SYS_pwrite64,
    LU_SYS_readv,
    LU_SYS_writev,
    LU_SYS_preadv,
    LU_SYS_pwritev,
    LU_SYS_preadv2,
    LU_SYS_pwritev2,
    LU_SYS_dup,
    LU_SYS_dup2,
    LU_SYS_dup3,
    LU_SYS_fcntl,
    LU_SYS_fcntl64,
    LU_SYS_ioctl,
    LU_SYS_pipe,
    LU_SYS_pipe2,
    LU_SYS_access,
    LU_SYS_faccessat,
    LU_SYS_faccessat2,
    LU_SYS_stat64,
    LU_SYS_lstat64,
    LU_SYS_fstat64,
    LU_SYS_fstatat64,
    LU_SYS_statx,
    LU_SYS_readlink,
    LU_SYS_readlinkat,
    LU_SYS_getcwd,
    LU_SYS_chdir,
    LU_SYS_fchdir,
    LU_SYS_mkdir,
    LU_SYS_mkdirat,
    LU_SYS_rmdir,
    LU_SYS_unlink,
    LU_SYS_unlinkat,
    LU_SYS_rename,
    LU_SYS_renameat,
    LU_SYS_renameat2,
    LU_SYS_link,
    LU_SYS_linkat,
    LU_SYS_symlink,
    LU_SYS_symlinkat,
    LU_SYS_chmod,
    LU_SYS_fchmod,
    LU_SYS_fchmodat,
    LU_SYS_chown32,
    LU_SYS_fchown32,
    LU_SYS_lchown32,
    LU_SYS_fchownat,
    LU_SYS_truncate,
    LU_SYS_truncate64,
    LU_SYS_ftruncate,
    LU_SYS_ftruncate64,
    LU_SYS_utimensat,
    LU_SYS_utimensat_time64,
    LU_SYS_utimes,
    LU_SYS_getdents64,
    LU_SYS_umask,
    LU_SYS_sync,
    LU_SYS_syncfs,
    LU_SYS_fsync,
    LU_SYS_fdatasync,
    LU_SYS_statfs64,
    LU_SYS_fstatfs64,
    LU_SYS_fadvise64,
    LU_SYS_fadvise64_64,
    LU_SYS_fallocate,
    LU_SYS_sendfile,
    LU_SYS_sendfile64,
    LU_SYS_copy_file_range,
    LU_SYS_flock,
    LU_SYS_mknod,
    LU_SYS_mknodat,
    LU_SYS_brk,
    LU_SYS_mmap,
    LU_SYS_mmap2,
    LU_SYS_munmap,
    LU_SYS_mprotect,
    LU_SYS_mremap,
    LU_SYS_madvise,
    LU_SYS_msync,
    LU_SYS_mlock,
    LU_SYS_munlock,
    LU_SYS_mlockall,
    LU_SYS_munlockall,
    LU_SYS_mincore,
    LU_SYS_getpid,
    LU_SYS_getppid,
    LU_SYS_gettid,
    LU_SYS_getuid,
    LU_SYS_geteuid,
    LU_SYS_getgid,
    LU_SYS_getegid,
    LU_SYS_getuid32,
    LU_SYS_geteuid32,
    LU_SYS_getgid32,
    LU_SYS_getegid32,
    LU_SYS_getgroups32,
    LU_SYS_setgroups32,
    LU_SYS_setuid32,
    LU_SYS_setgid32,
    LU_SYS_setreuid32,
    LU_SYS_setregid32,
    LU_SYS_setresuid32,
    LU_SYS_getresuid32,
    LU_SYS_setresgid32,
    LU_SYS_getresgid32,
    LU_SYS_setfsuid32,
    LU_SYS_setfsgid32,
    LU_SYS_setsid,
    LU_SYS_getsid,
    LU_SYS_setpgid,
    LU_SYS_getpgid,
    LU_SYS_getpgrp,
    LU_SYS_getpriority,
    LU_SYS_setpriority,
    LU_SYS_sched_yield,
    LU_SYS_sched_getaffinity,
    LU_SYS_sched_setaffinity,
    LU_SYS_sched_getparam,
    LU_SYS_sched_setparam,
    LU_SYS_sched_getscheduler,
    LU_SYS_sched_setscheduler,
    LU_SYS_sched_get_priority_max,
    LU_SYS_sched_get_priority_min,
    LU_SYS_nanosleep,
    LU_SYS_clock_nanosleep,
    LU_SYS_clock_nanosleep_time64,
    LU_SYS_prctl,
    LU_SYS_personality,
    LU_SYS_set_tid_address,
    LU_SYS_set_robust_list,
    LU_SYS_get_robust_list,
    LU_SYS_rseq,
    LU_SYS_uname,
    LU_SYS_sysinfo,
    LU_SYS_getrlimit,
    LU_SYS_ugetrlimit,
    LU_SYS_setrlimit,
    LU_SYS_prlimit64,
    LU_SYS_getrusage,
    LU_SYS_times,
    LU_SYS_time,
    LU_SYS_gettimeofday,
    LU_SYS_settimeofday,
    LU_SYS_clock_gettime,
    LU_SYS_clock_gettime64,
    LU_SYS_clock_getres,
    LU_SYS_clock_getres_time64,
    LU_SYS_getrandom,
    LU_SYS_rt_sigaction,
    LU_SYS_sigaction,
    LU_SYS_signal,
    LU_SYS_rt_sigprocmask,
    LU_SYS_sigprocmask,
    LU_SYS_rt_sigreturn,
    LU_SYS_sigreturn,
    LU_SYS_sigaltstack,
    LU_SYS_kill,
    LU_SYS_tkill,
    LU_SYS_tgkill,
    LU_SYS_alarm,
    LU_SYS_pause,
    LU_SYS_rt_sigsuspend,
    LU_SYS_sigsuspend,
    LU_SYS_rt_sigpending,
    LU_SYS_sigpending,
    LU_SYS_rt_sigtimedwait,
    LU_SYS_rt_sigtimedwait_time64,
    LU_SYS_rt_sigqueueinfo,
    LU_SYS_rt_tgsigqueueinfo,
    LU_SYS_setitimer,
    LU_SYS_getitimer,
    LU_SYS_clone,
    LU_SYS_clone3,
    LU_SYS_fork,
    LU_SYS_vfork,
    LU_SYS_execve,
    LU_SYS_execveat,
    LU_SYS_wait4,
    LU_SYS_waitpid,
    LU_SYS_waitid,
    LU_SYS_futex,
    LU_SYS_futex_time64,
    LU_SYS_set_thread_area,
    LU_SYS_get_thread_area,
    LU_SYS_poll,
    LU_SYS_ppoll,
    LU_SYS_ppoll_time64,
    LU_SYS_select,
    LU_SYS__newselect,
    LU_SYS_pselect6,
    LU_SYS_pselect6_time64,
    LU_SYS_epoll_create,
    LU_SYS_epoll_create1,
    LU_SYS_epoll_ctl,
    LU_SYS_epoll_wait,
    LU_SYS_epoll_pwait,
    LU_SYS_eventfd,
    LU_SYS_eventfd2,
    LU_SYS_timerfd_create,
    LU_SYS_timerfd_settime,
    LU_SYS_timerfd_settime64,
    LU_SYS_timerfd_gettime,
    LU_SYS_timerfd_gettime64,
    LU_SYS_signalfd,
    LU_SYS_signalfd4,
    LU_SYS_inotify_init,
    LU_SYS_inotify_init1,
    LU_SYS_inotify_add_watch,
    LU_SYS_inotify_rm_watch,
    LU_SYS_socketcall,
    LU_SYS_socket,
    LU_SYS_socketpair,
    LU_SYS_bind,
    LU_SYS_connect,
    LU_SYS_listen,
    LU_SYS_accept,
    LU_SYS_accept4,
    LU_SYS_getsockname,
    LU_SYS_getpeername,
    LU_SYS_sendto,
    LU_SYS_recvfrom,
    LU_SYS_setsockopt,
    LU_SYS_getsockopt,
    LU_SYS_shutdown,
    LU_SYS_sendmsg,
    LU_SYS_recvmsg,
    LU_SYS_sendmmsg,
    LU_SYS_recvmmsg,
    LU_SYS_getxattr,
    LU_SYS_lgetxattr,
    LU_SYS_fgetxattr,
    LU_SYS_listxattr,
    LU_SYS_llistxattr,
    LU_SYS_flistxattr,
    LU_SYS_setxattr,
    LU_SYS_lsetxattr,
    LU_SYS_fsetxattr,
    LU_SYS_removexattr,
    LU_SYS_lremovexattr,
    LU_SYS_fremovexattr,
    LU_SYS_memfd_create,
    LU_SYS_close_range,
    LU_SYS_membarrier,
    LU_SYS_capget,
    LU_SYS_capset,
    LU_SYS_getcpu,
    LU_SYS_chroot,
    LU_SYS_sched_rr_get_interval,
    LU_SYS_timer_create,
    LU_SYS_timer_settime,
    LU_SYS_timer_settime64,
    LU_SYS_timer_gettime,
    LU_SYS_timer_gettime64,
    LU_SYS_timer_getoverrun,
    LU_SYS_timer_delete,
    LU_SYS_clock_settime64,
    LU_SYS_sched_rr_get_interval_time64,
    LU_SYS_recvmmsg_time64,
    LU_SYS_restart_syscall,
    LU_SYS_lchown,
    LU_SYS_break,
    LU_SYS_oldstat,
    LU_SYS_mount,
    LU_SYS_umount,
    LU_SYS_setuid,
    LU_SYS_stime,
    LU_SYS_ptrace,
    LU_SYS_oldfstat,
    LU_SYS_utime,
    LU_SYS_stty,
    LU_SYS_gtty,
    LU_SYS_nice,
    LU_SYS_ftime,
    LU_SYS_prof,
    LU_SYS_setgid,
    LU_SYS_acct,
    LU_SYS_umount2,
    LU_SYS_lock,
    LU_SYS_mpx,
    LU_SYS_ulimit,
    LU_SYS_oldolduname,
    LU_SYS_ustat,
    LU_SYS_sgetmask,
    LU_SYS_ssetmask,
    LU_SYS_setreuid,
    LU_SYS_setregid,
    LU_SYS_sethostname,
    LU_SYS_getgroups,
    LU_SYS_setgroups,
    LU_SYS_oldlstat,
    LU_SYS_uselib,
    LU_SYS_swapon,
    LU_SYS_reboot,
    LU_SYS_readdir,
    LU_SYS_fchown,
    LU_SYS_profil,
    LU_SYS_statfs,
    LU_SYS_fstatfs,
    LU_SYS_ioperm,
    LU_SYS_syslog,
    LU_SYS_stat,
    LU_SYS_lstat,
    LU_SYS_fstat,
    LU_SYS_olduname,
    LU_SYS_iopl,
    LU_SYS_vhangup,
    LU_SYS_idle,
    LU_SYS_vm86old,
    LU_SYS_swapoff,
    LU_SYS_ipc,
    LU_SYS_setdomainname,
    LU_SYS_modify_ldt,
    LU_SYS_adjtimex,
    LU_SYS_create_module,
    LU_SYS_init_module,
    LU_SYS_delete_module,
    LU_SYS_get_kernel_syms,
    LU_SYS_quotactl,
    LU_SYS_bdflush,
    LU_SYS_sysfs,
    LU_SYS_afs_syscall,
    LU_SYS_setfsuid,
    LU_SYS_setfsgid,
    LU_SYS_getdents,
    LU_SYS__sysctl,
    LU_SYS_setresuid,
    LU_SYS_getresuid,
    LU_SYS_vm86,
    LU_SYS_query_module,
    LU_SYS_nfsservctl,
    LU_SYS_setresgid,
    LU_SYS_getresgid,
    LU_SYS_chown,
    LU_SYS_getpmsg,
    LU_SYS_putpmsg,
    LU_SYS_pivot_root,
    LU_SYS_readahead,
    LU_SYS_io_setup,
    LU_SYS_io_destroy,
    LU_SYS_io_getevents,
    LU_SYS_io_submit,
    LU_SYS_io_cancel,
    LU_SYS_lookup_dcookie,
    LU_SYS_remap_file_pages,
    LU_SYS_clock_settime,
    LU_SYS_vserver,
    LU_SYS_mbind,
    LU_SYS_get_mempolicy,
    LU_SYS_set_mempolicy,
    LU_SYS_mq_open,
    LU_SYS_mq_unlink,
    LU_SYS_mq_timedsend,
    LU_SYS_mq_timedreceive,
    LU_SYS_mq_notify,
    LU_SYS_mq_getsetattr,
    LU_SYS_kexec_load,
    LU_SYS_add_key,
    LU_SYS_request_key,
    LU_SYS_keyctl,
    LU_SYS_ioprio_set,
    LU_SYS_ioprio_get,
    LU_SYS_migrate_pages,
    LU_SYS_futimesat,
    LU_SYS_unshare,
    LU_SYS_splice,
    LU_SYS_sync_file_range,
    LU_SYS_tee,
    LU_SYS_vmsplice,
    LU_SYS_move_pages,
    LU_SYS_perf_event_open,
    LU_SYS_fanotify_init,
    LU_SYS_fanotify_mark,
    LU_SYS_name_to_handle_at,
    LU_SYS_open_by_handle_at,
    LU_SYS_clock_adjtime,
    LU_SYS_setns,
    LU_SYS_process_vm_readv,
    LU_SYS_process_vm_writev,
    LU_SYS_kcmp,
    LU_SYS_finit_module,
    LU_SYS_sched_setattr,
    LU_SYS_sched_getattr,
    LU_SYS_seccomp,
    LU_SYS_bpf,
    LU_SYS_userfaultfd,
    LU_SYS_mlock2,
    LU_SYS_pkey_mprotect,
    LU_SYS_pkey_alloc,
    LU_SYS_pkey_free,
    LU_SYS_arch_prctl,
    LU_SYS_io_pgetevents,
    LU_SYS_semget,
    LU_SYS_semctl,
    LU_SYS_shmget,
    LU_SYS_shmctl,
    LU_SYS_shmat,
    LU_SYS_shmdt,
    LU_SYS_msgget,
    LU_SYS_msgsnd,
    LU_SYS_msgrcv,
    LU_SYS_msgctl,
    LU_SYS_clock_adjtime64,
    LU_SYS_io_pgetevents_time64,
    LU_SYS_mq_timedsend_time64,
    LU_SYS_mq_timedreceive_time64,
    LU_SYS_semtimedop_time64,
    LU_SYS_pidfd_send_signal,
    LU_SYS_io_uring_setup,
    LU_SYS_io_uring_enter,
    LU_SYS_io_uring_register,
    LU_SYS_open_tree,
    LU_SYS_move_mount,
    LU_SYS_fsopen,
    LU_SYS_fsconfig,
    LU_SYS_fsmount,
    LU_SYS_fspick,
    LU_SYS_pidfd_open,
    LU_SYS_openat2,
    LU_SYS_pidfd_getfd,
    LU_SYS_process_madvise,
    LU_SYS_epoll_pwait2,
    LU_SYS_mount_setattr,
    LU_SYS_quotactl_fd,
    LU_SYS_landlock_create_ruleset,
    LU_SYS_landlock_add_rule,
    LU_SYS_landlock_restrict_self,
    LU_SYS_memfd_secret,
    LU_SYS_process_mrelease,
    LU_SYS_futex_waitv,
    LU_SYS_set_mempolicy_home_node,
    /* Variants with their own argument order (ppc32 and others). */
    LU_SYS_send,
    LU_SYS_recv,
    LU_SYS_sync_file_range2,
    LU_SYS_fadvise64_64_2,      /* (fd, advice, offset, len) */
    LU_SYS_NB
};

/*
 * Argument kinds, one letter per guest argument register:
 *   d signed int   u unsigned   x hex   o octal mode   f fd (AT_FDCWD ok)
 *   s path (sysroot and /proc applied)   S plain string
 *   p guest pointer to bytes (NULL stays NULL)   P guest pointer to data
 *   in the host's layout and byte order (true for i386 here; a big-endian
 *   guest gets ENOSYS and a log line until the entry has a handler)
 *   w output buffer, length in the next argument
 *   L 64-bit value in two registers (low first)
 *   - no arguments
 * Entries with neither a handler nor a host number are syscalls we know
 * by name but do not provide: they fail with ENOSYS and are logged once.
 * Anything whose layout differs from the host's has a handler.
 */
typedef int64_t (*LuSyscallFn)(const uint32_t *args);

typedef struct LuSyscallDef {
    const char *name;
    LuSyscallFn fn;          /* NULL: pass through to host_nr */
    int host_nr;
    const char *args;
    char ret;                /* d decimal, x hex, o octal */
    uint8_t restart;         /* 'R' restart with SA_RESTART, 'N' only if no
                              * handler ran, 0 never */
} LuSyscallDef;

extern const LuSyscallDef lu_syscall_defs[LU_SYS_NB];

int64_t lu_sys_exit(const uint32_t *a);
int64_t lu_sys_exit_group(const uint32_t *a);
int64_t lu_sys_open(const uint32_t *a);
int64_t lu_sys_openat(const uint32_t *a);
int64_t lu_sys_creat(const uint32_t *a);
int64_t lu_sys_lseek(const uint32_t *a);
int64_t lu_sys__llseek(const uint32_t *a);
int64_t lu_sys_readv(const uint32_t *a);
int64_t lu_sys_writev(const uint32_t *a);
int64_t lu_sys_preadv(const uint32_t *a);
int64_t lu_sys_pwritev(const uint32_t *a);
int64_t lu_sys_preadv2(const uint32_t *a);
int64_t lu_sys_pwritev2(const uint32_t *a);
int64_t lu_sys_fcntl(const uint32_t *a);
int64_t lu_sys_fcntl64(const uint32_t *a);
int64_t lu_sys_ioctl(const uint32_t *a);
int64_t lu_sys_pipe(const uint32_t *a);
int64_t lu_sys_pipe2(const uint32_t *a);
int64_t lu_sys_stat64(const uint32_t *a);
int64_t lu_sys_lstat64(const uint32_t *a);
int64_t lu_sys_fstat64(const uint32_t *a);
int64_t lu_sys_fstatat64(const uint32_t *a);
int64_t lu_sys_readlink(const uint32_t *a);
int64_t lu_sys_readlinkat(const uint32_t *a);
int64_t lu_sys_utimensat(const uint32_t *a);
int64_t lu_sys_utimes(const uint32_t *a);
int64_t lu_sys_getdents64(const uint32_t *a);
int64_t lu_sys_statfs64(const uint32_t *a);
int64_t lu_sys_fstatfs64(const uint32_t *a);
int64_t lu_sys_sendfile(const uint32_t *a);
int64_t lu_sys_brk(const uint32_t *a);
int64_t lu_sys_mmap(const uint32_t *a);
int64_t lu_sys_mmap2(const uint32_t *a);
int64_t lu_sys_munmap(const uint32_t *a);
int64_t lu_sys_mprotect(const uint32_t *a);
int64_t lu_sys_mremap(const uint32_t *a);
/* struct statfs / statfs64 from the host's (syscall-fs.c). */
struct statfs;
int lu_put_statfs(int st_kind, uint32_t addr, const struct statfs *s);
/* syscall-old.c, syscall-signal.c: the old calls */
int64_t lu_sys_oldstat(const uint32_t *a);
int64_t lu_sys_oldfstat(const uint32_t *a);
int64_t lu_sys_oldlstat(const uint32_t *a);
int64_t lu_sys_stat(const uint32_t *a);
int64_t lu_sys_lstat(const uint32_t *a);
int64_t lu_sys_fstat(const uint32_t *a);
int64_t lu_sys_statfs(const uint32_t *a);
int64_t lu_sys_fstatfs(const uint32_t *a);
int64_t lu_sys_utime(const uint32_t *a);
int64_t lu_sys_ustat(const uint32_t *a);
int64_t lu_sys_nice(const uint32_t *a);
int64_t lu_sys_olduname(const uint32_t *a);
int64_t lu_sys_oldolduname(const uint32_t *a);
int64_t lu_sys_sgetmask(const uint32_t *a);
int64_t lu_sys_ssetmask(const uint32_t *a);
int64_t lu_sys_setuid16(const uint32_t *a);
int64_t lu_sys_setgid16(const uint32_t *a);
int64_t lu_sys_setreuid16(const uint32_t *a);
int64_t lu_sys_setregid16(const uint32_t *a);
int64_t lu_sys_setresuid16(const uint32_t *a);
int64_t lu_sys_setresgid16(const uint32_t *a);
int64_t lu_sys_getresuid16(const uint32_t *a);
int64_t lu_sys_getresgid16(const uint32_t *a);
int64_t lu_sys_setfsuid16(const uint32_t *a);
int64_t lu_sys_setfsgid16(const uint32_t *a);
int64_t lu_sys_chown16(const uint32_t *a);
int64_t lu_sys_lchown16(const uint32_t *a);
int64_t lu_sys_fchown16(const uint32_t *a);
int64_t lu_sys_getgroups16(const uint32_t *a);
int64_t lu_sys_setgroups16(const uint32_t *a);
int64_t lu_sys_getuid16(const uint32_t *a);
int64_t lu_sys_geteuid16(const uint32_t *a);
int64_t lu_sys_getgid16(const uint32_t *a);
int64_t lu_sys_getegid16(const uint32_t *a);
int64_t lu_sys_getdents(const uint32_t *a);
int64_t lu_sys_readdir(const uint32_t *a);
int64_t lu_sys_vmsplice(const uint32_t *a);
int64_t lu_conv_epoll_pwait2(const uint32_t *a);
int64_t lu_sys_madvise(const uint32_t *a);
int64_t lu_sys_msync(const uint32_t *a);
int64_t lu_sys_mlock(const uint32_t *a);
int64_t lu_sys_munlock(const uint32_t *a);
int64_t lu_sys_mlock2(const uint32_t *a);
int64_t lu_sys_mincore(const uint32_t *a);
int64_t lu_sys_getgroups32(const uint32_t *a);
int64_t lu_sys_setgroups32(const uint32_t *a);
int64_t lu_sys_getresuid32(const uint32_t *a);
int64_t lu_sys_getresgid32(const uint32_t *a);
int64_t lu_sys_sched_getaffinity(const uint32_t *a);
int64_t lu_sys_sched_setaffinity(const uint32_t *a);
int64_t lu_sys_sched_getparam(const uint32_t *a);
int64_t lu_sys_sched_setparam(const uint32_t *a);
int64_t lu_sys_sched_setscheduler(const uint32_t *a);
int64_t lu_sys_nanosleep(const uint32_t *a);
int64_t lu_sys_clock_nanosleep(const uint32_t *a);
int64_t lu_sys_clock_nanosleep_time64(const uint32_t *a);
int64_t lu_sys_prctl(const uint32_t *a);
int64_t lu_sys_set_tid_address(const uint32_t *a);
int64_t lu_sys_set_robust_list(const uint32_t *a);
int64_t lu_sys_get_robust_list(const uint32_t *a);
int64_t lu_sys_rseq(const uint32_t *a);
int64_t lu_sys_uname(const uint32_t *a);
int64_t lu_sys_sysinfo(const uint32_t *a);
int64_t lu_sys_getrlimit(const uint32_t *a);
int64_t lu_sys_ugetrlimit(const uint32_t *a);
int64_t lu_sys_setrlimit(const uint32_t *a);
int64_t lu_sys_prlimit64(const uint32_t *a);
int64_t lu_sys_getrusage(const uint32_t *a);
int64_t lu_sys_times(const uint32_t *a);
int64_t lu_sys_time(const uint32_t *a);
int64_t lu_sys_gettimeofday(const uint32_t *a);
int64_t lu_sys_clock_gettime(const uint32_t *a);
int64_t lu_sys_clock_getres(const uint32_t *a);
int64_t lu_sys_rt_sigaction(const uint32_t *a);
int64_t lu_sys_sigaction(const uint32_t *a);
int64_t lu_sys_signal(const uint32_t *a);
int64_t lu_sys_rt_sigprocmask(const uint32_t *a);
int64_t lu_sys_sigprocmask(const uint32_t *a);
int64_t lu_sys_rt_sigreturn(const uint32_t *a);
int64_t lu_sys_sigreturn(const uint32_t *a);
int64_t lu_sys_sigaltstack(const uint32_t *a);
int64_t lu_sys_kill(const uint32_t *a);
int64_t lu_sys_tkill(const uint32_t *a);
int64_t lu_sys_tgkill(const uint32_t *a);
int64_t lu_sys_pause(const uint32_t *a);
int64_t lu_sys_rt_sigsuspend(const uint32_t *a);
int64_t lu_sys_sigsuspend(const uint32_t *a);
int64_t lu_sys_rt_sigpending(const uint32_t *a);
int64_t lu_sys_sigpending(const uint32_t *a);
int64_t lu_sys_rt_sigtimedwait(const uint32_t *a);
int64_t lu_sys_rt_sigtimedwait_time64(const uint32_t *a);
int64_t lu_sys_rt_sigqueueinfo(const uint32_t *a);
int64_t lu_sys_rt_tgsigqueueinfo(const uint32_t *a);
int64_t lu_sys_setitimer(const uint32_t *a);
int64_t lu_sys_getitimer(const uint32_t *a);
int64_t lu_sys_clone(const uint32_t *a);
int64_t lu_sys_clone3(const uint32_t *a);
int64_t lu_sys_fork(const uint32_t *a);
int64_t lu_sys_vfork(const uint32_t *a);
int64_t lu_sys_execve(const uint32_t *a);
int64_t lu_sys_execveat(const uint32_t *a);
int64_t lu_sys_wait4(const uint32_t *a);
int64_t lu_sys_waitpid(const uint32_t *a);
int64_t lu_sys_waitid(const uint32_t *a);
int64_t lu_sys_futex(const uint32_t *a);
int64_t lu_sys_futex_time64(const uint32_t *a);
int64_t lu_sys_set_thread_area(const uint32_t *a);
int64_t lu_sys_get_thread_area(const uint32_t *a);
int64_t lu_sys_select(const uint32_t *a);
int64_t lu_sys__newselect(const uint32_t *a);
int64_t lu_sys_pselect6(const uint32_t *a);
int64_t lu_sys_pselect6_time64(const uint32_t *a);
int64_t lu_sys_timerfd_settime(const uint32_t *a);
int64_t lu_sys_timerfd_gettime(const uint32_t *a);
int64_t lu_sys_signalfd(const uint32_t *a);
int64_t lu_sys_signalfd4(const uint32_t *a);
int64_t lu_sys_socketcall(const uint32_t *a);
int64_t lu_sys_socketpair(const uint32_t *a);
int64_t lu_sys_sendmsg(const uint32_t *a);
int64_t lu_sys_recvmsg(const uint32_t *a);
int64_t lu_sys_sendmmsg(const uint32_t *a);
int64_t lu_sys_recvmmsg(const uint32_t *a);
int64_t lu_sys_capget(const uint32_t *a);
int64_t lu_sys_capset(const uint32_t *a);
int64_t lu_sys_getcpu(const uint32_t *a);
int64_t lu_sys_sched_rr_get_interval(const uint32_t *a);
int64_t lu_sys_timer_create(const uint32_t *a);
int64_t lu_sys_timer_settime(const uint32_t *a);
int64_t lu_sys_timer_gettime(const uint32_t *a);
int64_t lu_sys_recvmmsg_time64(const uint32_t *a);
int64_t lu_sys_ipc(const uint32_t *a);
int64_t lu_sys_semget(const uint32_t *a);
int64_t lu_sys_semctl(const uint32_t *a);
int64_t lu_sys_shmget(const uint32_t *a);
int64_t lu_sys_shmctl(const uint32_t *a);
int64_t lu_sys_shmat(const uint32_t *a);
int64_t lu_sys_shmdt(const uint32_t *a);
int64_t lu_sys_msgget(const uint32_t *a);
int64_t lu_sys_msgsnd(const uint32_t *a);
int64_t lu_sys_msgrcv(const uint32_t *a);
int64_t lu_sys_msgctl(const uint32_t *a);
int64_t lu_sys_semtimedop_time64(const uint32_t *a);

#endif
