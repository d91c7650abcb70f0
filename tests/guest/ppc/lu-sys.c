// Process and system calls on a 32-bit big-endian guest: ids and groups
// (u32 arrays and out-pointers), resource limits (rlimit, prlimit64),
// scheduling (affinity masks of 32-bit words, sched_param), clocks and
// sleeps with 64-bit time (clock_gettime64, clock_getres_time64,
// clock_nanosleep_time64, timer_settime64), uname, /proc/self/exe and
// /proc/self/maps, fork/wait statuses and waitid. Prints only values that
// do not depend on the environment.
#define _GNU_SOURCE
#define _FILE_OFFSET_BITS 64
#define _TIME_BITS 64
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static void ids(void)
{
    int n = getgroups(0, NULL);
    gid_t g[256];
    int m = getgroups(256, g);
    int ok = m == n;
    for (int i = 0; i < m; i++) {
        ok &= g[i] < 0x10000000;   /* not byte-swapped small ids */
    }
    printf("getgroups count agrees %d plausible %d\n", m == n, ok);
    if (m > 0) {
        gid_t one;
        errno = 0;
        printf("getgroups too small %d errno %d\n", m > 1 ? getgroups(1, &one) : -1,
               m > 1 ? errno : EINVAL);
    }
    uid_t r, e, s;
    gid_t gr, ge, gs;
    printf("getresuid %d matches %d\n", getresuid(&r, &e, &s), r == getuid() && e == geteuid() && s == geteuid());
    printf("getresgid %d matches %d\n", getresgid(&gr, &ge, &gs), gr == getgid() && ge == getegid());
    printf("setresuid same %d\n", setresuid(-1, -1, -1));
    printf("setgid same %d setuid same %d\n", setgid(getgid()), setuid(getuid()));
}

static void limits(void)
{
    struct rlimit rl, old;
    getrlimit(RLIMIT_NOFILE, &old);
    rl.rlim_cur = 100;
    rl.rlim_max = old.rlim_max;
    printf("setrlimit NOFILE 100: %d\n", setrlimit(RLIMIT_NOFILE, &rl));
    getrlimit(RLIMIT_NOFILE, &rl);
    printf("getrlimit NOFILE cur %llu max-kept %d\n", (unsigned long long)rl.rlim_cur,
           rl.rlim_max == old.rlim_max);
    struct rlimit64 n64 = { 64, old.rlim_max }, o64;
    printf("prlimit64 set 64 %d old cur %llu\n", prlimit64(0, RLIMIT_NOFILE, &n64, &o64),
           (unsigned long long)o64.rlim_cur);
    printf("prlimit64 get %d cur %llu\n", prlimit64(0, RLIMIT_NOFILE, NULL, &o64),
           (unsigned long long)o64.rlim_cur);
    int fds[80], opened = 0;
    for (int i = 0; i < 80; i++) {
        fds[i] = open("/dev/null", O_RDONLY);
        if (fds[i] >= 0) {
            opened++;
        }
    }
    printf("open beyond limit stops below 64: %d\n", opened < 64);
    for (int i = 0; i < 80; i++) {
        if (fds[i] >= 0) {
            close(fds[i]);
        }
    }
    setrlimit(RLIMIT_NOFILE, &old);
    /* (not RLIMIT_STACK/AS/DATA: qemu-ppc keeps those to itself) */
    getrlimit(RLIMIT_FSIZE, &old);
    rl.rlim_cur = old.rlim_max < 12345 * 4096ULL ? old.rlim_max : 12345 * 4096;
    rl.rlim_max = old.rlim_max;
    printf("setrlimit FSIZE %d\n", setrlimit(RLIMIT_FSIZE, &rl));
    struct rlimit now;
    getrlimit(RLIMIT_FSIZE, &now);
    printf("FSIZE cur as set %d\n", now.rlim_cur == rl.rlim_cur);
    struct rlimit64 f64;
    prlimit64(0, RLIMIT_FSIZE, NULL, &f64);
    printf("prlimit64 FSIZE agrees %d\n", f64.rlim_cur == rl.rlim_cur);
    setrlimit(RLIMIT_FSIZE, &old);
    printf("prlimit bad resource %d errno %d\n", prlimit64(0, 999, NULL, &o64), errno);
    printf("getpriority %d setpriority %d getpriority %d\n", getpriority(PRIO_PROCESS, 0) >= -20,
           setpriority(PRIO_PROCESS, 0, 5), getpriority(PRIO_PROCESS, 0) >= 5);
}

static void sched(void)
{
    cpu_set_t set;
    CPU_ZERO(&set);
    printf("sched_getaffinity %d\n", sched_getaffinity(0, sizeof(set), &set));
    int cpu = sched_getcpu();
    printf("count>=1 %d current cpu in set %d\n", CPU_COUNT(&set) >= 1, cpu >= 0 && CPU_ISSET(cpu, &set));
    int first = -1;
    for (int i = 0; i < CPU_SETSIZE; i++) {
        if (CPU_ISSET(i, &set)) {
            first = i;
            break;
        }
    }
    cpu_set_t one;
    CPU_ZERO(&one);
    CPU_SET(first, &one);
    printf("sched_setaffinity one %d\n", sched_setaffinity(0, sizeof(one), &one));
    CPU_ZERO(&set);
    sched_getaffinity(0, sizeof(set), &set);
    printf("now count %d first-set %d cpu now %d\n", CPU_COUNT(&set), CPU_ISSET(first, &set),
           sched_getcpu() == first);
    struct sched_param sp = { 42 };
    printf("sched_getparam %d prio %d\n", sched_getparam(0, &sp), sp.sched_priority);
    printf("sched_getscheduler %d\n", sched_getscheduler(0));
    sp.sched_priority = 0;
    printf("sched_setscheduler BATCH %d now %d\n", sched_setscheduler(0, SCHED_BATCH, &sp),
           sched_getscheduler(0));
    sp.sched_priority = 0;
    printf("sched_setparam %d\n", sched_setparam(0, &sp));
    sp.sched_priority = 50;
    printf("sched_setscheduler OTHER prio 50 %d errno %d\n", sched_setscheduler(0, SCHED_OTHER, &sp), errno);
    printf("priority range OTHER %d..%d FIFO %d..%d\n", sched_get_priority_min(SCHED_OTHER),
           sched_get_priority_max(SCHED_OTHER), sched_get_priority_min(SCHED_FIFO),
           sched_get_priority_max(SCHED_FIFO));
    struct timespec rr;
    printf("sched_rr_get_interval %d sane %d\n", sched_rr_get_interval(0, &rr),
           rr.tv_sec >= 0 && rr.tv_nsec >= 0 && rr.tv_nsec < 1000000000);
}

static void clocks(void)
{
    struct timespec a, b, res;
    printf("clock_getres MONOTONIC %d %lld.%09ld\n", clock_getres(CLOCK_MONOTONIC, &res),
           (long long)res.tv_sec, res.tv_nsec);
    printf("clock_getres REALTIME %d %lld.%09ld\n", clock_getres(CLOCK_REALTIME, &res),
           (long long)res.tv_sec, res.tv_nsec);
    clock_gettime(CLOCK_REALTIME, &a);
    printf("realtime after 2020 %d before 2200 %d nsec ok %d\n", a.tv_sec > 1577836800,
           a.tv_sec < 7258118400LL, a.tv_nsec >= 0 && a.tv_nsec < 1000000000);
    int mono = 1;
    clock_gettime(CLOCK_MONOTONIC, &a);
    for (int i = 0; i < 1000; i++) {
        clock_gettime(CLOCK_MONOTONIC, &b);
        mono &= b.tv_sec > a.tv_sec || (b.tv_sec == a.tv_sec && b.tv_nsec >= a.tv_nsec);
        mono &= b.tv_nsec >= 0 && b.tv_nsec < 1000000000;
        a = b;
    }
    printf("monotonic over 1000 reads %d\n", mono);
    struct timespec d = { 0, 30000000 };
    clock_gettime(CLOCK_MONOTONIC, &a);
    printf("nanosleep 30ms %d\n", nanosleep(&d, NULL));
    clock_gettime(CLOCK_MONOTONIC, &b);
    long long el = (b.tv_sec - a.tv_sec) * 1000000000LL + b.tv_nsec - a.tv_nsec;
    printf("slept >= 30ms %d < 5s %d\n", el >= 30000000, el < 5000000000LL);
    struct timespec until = b;
    until.tv_nsec += 20000000;
    if (until.tv_nsec >= 1000000000) {
        until.tv_sec++;
        until.tv_nsec -= 1000000000;
    }
    printf("clock_nanosleep abs %d\n", clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &until, NULL));
    clock_gettime(CLOCK_MONOTONIC, &a);
    printf("reached %d\n", a.tv_sec > until.tv_sec || (a.tv_sec == until.tv_sec && a.tv_nsec >= until.tv_nsec));
    d.tv_nsec = 1000000000;
    printf("nanosleep bad nsec %d errno %d\n", nanosleep(&d, NULL), errno);
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &a);
    printf("process cputime sane %d\n", a.tv_sec >= 0 && a.tv_sec < 1000 && a.tv_nsec < 1000000000);
    timer_t t;
    struct sigevent sev = { .sigev_notify = SIGEV_NONE };
    printf("timer_create %d\n", timer_create(CLOCK_MONOTONIC, &sev, &t));
    struct itimerspec its = { { 1, 500 }, { 100, 0 } }, cur;
    printf("timer_settime %d\n", timer_settime(t, 0, &its, NULL));
    printf("timer_gettime %d interval %lld.%09ld value 90..100 %d\n", timer_gettime(t, &cur),
           (long long)cur.it_interval.tv_sec, cur.it_interval.tv_nsec,
           cur.it_value.tv_sec >= 90 && cur.it_value.tv_sec <= 100);
    printf("timer_delete %d\n", timer_delete(t));
}

static void procinfo(const char *argv0)
{
    struct utsname u;
    uname(&u);
    printf("uname sysname %s machine %s\n", u.sysname, u.machine);
    char buf[4096];
    ssize_t n = readlink("/proc/self/exe", buf, sizeof(buf) - 1);
    buf[n > 0 ? n : 0] = 0;
    const char *base = strrchr(argv0, '/');
    base = base ? base + 1 : argv0;
    size_t bl = strlen(base);
    printf("/proc/self/exe absolute %d ends with program name %d\n", buf[0] == '/',
           n > 0 && (size_t)n >= bl && strcmp(buf + n - bl, base) == 0);
    int fd = open("/proc/self/exe", O_RDONLY);
    unsigned char h[20];
    printf("exe is a ppc ELF %d\n", fd >= 0 && read(fd, h, 20) == 20 && memcmp(h, "\177ELF", 4) == 0 &&
           h[4] == 1 && h[5] == 2 && h[18] == 0 && h[19] == 20);
    close(fd);
    FILE *f = fopen("/proc/self/maps", "r");
    int lines = 0, exec_self = 0, stack = 0, bad = 0;
    char line[512];
    while (f && fgets(line, sizeof(line), f)) {
        unsigned long long lo, hi;
        char perms[8];
        lines++;
        if (sscanf(line, "%llx-%llx %7s", &lo, &hi, perms) != 3 || lo >= hi || hi > 0x100000000ULL) {
            bad++;
        }
        if (strstr(line, base) && perms[2] == 'x') {
            exec_self = 1;
        }
        if (strstr(line, "[stack]")) {
            stack = 1;
        }
    }
    if (f) {
        fclose(f);
    }
    printf("/proc/self/maps lines>3 %d well-formed 32-bit %d exec mapping of self %d stack %d\n",
           lines > 3, bad == 0, exec_self, stack);
}

static void children(void)
{
    static const int codes[] = { 0, 1, 42, 255 };
    for (int i = 0; i < 4; i++) {
        pid_t p = fork();
        if (p == 0) {
            _exit(codes[i]);
        }
        int st = 0;
        pid_t w = waitpid(p, &st, 0);
        printf("child exit %d: waited right %d WIFEXITED %d WEXITSTATUS %d raw %x\n", codes[i],
               w == p, WIFEXITED(st), WEXITSTATUS(st), st);
    }
    pid_t p = fork();
    if (p == 0) {
        pause();
        _exit(0);
    }
    kill(p, SIGTERM);
    int st = 0;
    wait4(p, &st, 0, NULL);
    printf("killed: WIFSIGNALED %d WTERMSIG %d raw %x\n", WIFSIGNALED(st), WTERMSIG(st), st);
    p = fork();
    if (p == 0) {
        raise(SIGSTOP);
        _exit(3);
    }
    waitpid(p, &st, WUNTRACED);
    printf("stopped: WIFSTOPPED %d WSTOPSIG %d raw %x\n", WIFSTOPPED(st), WSTOPSIG(st), st);
    kill(p, SIGCONT);
    siginfo_t si;
    memset(&si, 0, sizeof(si));
    printf("waitid %d", waitid(P_PID, p, &si, WEXITED));
    printf(" signo %d code %d status %d pid-ok %d\n", si.si_signo, si.si_code, si.si_status,
           si.si_pid == p);
    errno = 0;
    printf("wait no children %d ECHILD %d\n", wait(&st), errno == ECHILD);
}

int main(int argc, char **argv)
{
    setvbuf(stdout, NULL, _IOLBF, 0);
    ids();
    limits();
    sched();
    clocks();
    procinfo(argv[0]);
    children();
    return 0;
}
