// mimic-test: static-only
/*
 * Calls that Linux refuses (issue 11, bug 11: "succeed where Linux
 * fails"): bad sizes, flags, commands, signal numbers, clocks and ranges,
 * each called by number where glibc would check first. Mimic must give
 * the same error as the native run, in Linux's order of checks.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <sys/stat.h>
#include <time.h>
#include <poll.h>
#include <unistd.h>
static void show(const char *w, long r) { printf("%-32s %ld %s\n", w, r, r < 0 ? strerrorname_np(errno) : ""); }
int main(void) {
  char buf[256];
  show("getaffinity size 3", syscall(SYS_sched_getaffinity, 0, 3, buf));
  show("getaffinity size 4", syscall(SYS_sched_getaffinity, 0, 4, buf) > 0);
  show("getaffinity size 2", syscall(SYS_sched_getaffinity, 0, 2, buf));
  show("setaffinity size 0", syscall(SYS_sched_setaffinity, 0, 0, buf));
  stack_t ss = { .ss_sp = buf, .ss_size = 100, .ss_flags = 0 };
  show("sigaltstack small", sigaltstack(&ss, NULL));
  ss.ss_size = 65536; ss.ss_flags = 77;
  show("sigaltstack bad flags", sigaltstack(&ss, NULL));
  show("mprotect bad prot", mprotect(buf - ((long)buf & 4095), 4096, 0x100));
  show("rt_sigprocmask bad how", syscall(SYS_rt_sigprocmask, 9, buf, NULL, 8));
  show("rt_sigprocmask size 4", syscall(SYS_rt_sigprocmask, SIG_BLOCK, buf, NULL, 4));
  show("rt_sigaction size 4", syscall(SYS_rt_sigaction, SIGUSR1, NULL, buf, 4));
  show("rt_sigaction SIGKILL", syscall(SYS_rt_sigaction, SIGKILL, buf, NULL, 8));
  show("kill sig 65", kill(getpid(), 65));
  show("setitimer bad which", syscall(SYS_setitimer, 7, buf, NULL));
  show("clock_gettime bad clock", syscall(SYS_clock_gettime, 999, buf));
  show("nanosleep bad nsec", syscall(SYS_nanosleep, (long[]){0, 2000000000}, NULL));
  show("poll nfds huge", syscall(SYS_poll, NULL, 0x7fffffffL, 0));
  show("socket bad family", socket(999, SOCK_STREAM, 0));
  show("fcntl bad cmd", fcntl(0, 9999));
  show("dup2 bad fd", dup2(0, 100000000));
  show("lseek bad whence", lseek(0, 0, 99));
  show("getrlimit bad res", syscall(SYS_ugetrlimit, 99, buf));
  show("umask huge", umask(0777777) >= 0);
  show("mmap len 0", (long)mmap(NULL, 0, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0));
  show("mmap bad flags", (long)mmap(NULL, 4096, PROT_READ, 0, -1, 0));
  show("madvise bad", madvise(NULL, 4096, 999));
  show("getpriority bad which", getpriority(9, 0));
  show("timer_create bad clock", syscall(SYS_timer_create, 999, NULL, buf));
  show("epoll_create 0", syscall(SYS_epoll_create, 0));
  show("eventfd2 bad flags", syscall(SYS_eventfd2, 0, 1));
  show("pipe2 bad flags", syscall(SYS_pipe2, buf, 1));
  show("accept4 bad flags", syscall(SYS_accept4, 0, NULL, NULL, 1));
  show("openat bad flags", syscall(SYS_openat, AT_FDCWD, "/", 0x7fffffff));
  show("fchmodat bad flags", syscall(SYS_fchmodat, AT_FDCWD, "/nonexistent", 0, 0));
  show("prctl bad", syscall(SYS_prctl, 9999, 0, 0, 0, 0));
  show("sched_setscheduler bad", syscall(SYS_sched_setscheduler, 0, 99, buf));
  show("utimensat bad flags", syscall(SYS_utimensat, AT_FDCWD, "/", NULL, 0x7777));
  show("getrandom bad flags", syscall(SYS_getrandom, buf, 4, 0x77));
  return 0;
}
