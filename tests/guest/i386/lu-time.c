// Time: clocks (32-bit and 64-bit time calls through glibc), sleeps,
// gettimeofday/time agreement, times/getrusage, localtime with TZ=UTC,
// interval timers with SIGALRM; prints only deterministic facts.
#define _GNU_SOURCE
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <sys/times.h>
#include <time.h>
#include <unistd.h>

static volatile int ticks, timer_hits, timer_value;
static void on_alarm(int sig) { ticks++; }
static void on_timer(int sig, siginfo_t *si, void *uc)
{
    timer_hits++;
    timer_value = si->si_value.sival_int;
}

static double now(clockid_t c)
{
    struct timespec ts;
    clock_gettime(c, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
}

int main(void)
{
    struct timespec ts, res;
    int r = clock_gettime(CLOCK_REALTIME, &ts);
    printf("clock_gettime realtime %d after 2020 %d nsec ok %d\n", r, ts.tv_sec > 1577836800,
           ts.tv_nsec >= 0 && ts.tv_nsec < 1000000000);
    r = clock_getres(CLOCK_MONOTONIC, &res);
    printf("clock_getres %d %ld.%09ld\n", r, (long)res.tv_sec, res.tv_nsec);
    /* the 32-bit syscalls directly (glibc uses the _time64 ones) */
    struct { int32_t s, ns; } t32;
    r = syscall(SYS_clock_gettime, CLOCK_MONOTONIC, &t32);
    printf("clock_gettime32 %d nsec ok %d\n", r, t32.ns >= 0 && t32.ns < 1000000000);
    int32_t tt = 0;
    long tr = syscall(SYS_time, &tt);
    printf("time syscall agrees %d\n", tr == tt && tt > 1577836800);
    struct timeval tv;
    r = gettimeofday(&tv, NULL);
    time_t t = time(NULL);
    printf("gettimeofday %d close to time() %d\n", r, (long)(t - tv.tv_sec) <= 1);

    double a = now(CLOCK_MONOTONIC);
    struct timespec d = { 0, 20000000 };
    r = nanosleep(&d, NULL);
    double b = now(CLOCK_MONOTONIC);
    printf("nanosleep %d slept>=20ms %d\n", r, b - a >= 0.0199);
    r = clock_nanosleep(CLOCK_MONOTONIC, 0, &d, NULL);
    double c = now(CLOCK_MONOTONIC);
    printf("clock_nanosleep %d slept>=20ms %d\n", r, c - b >= 0.0199);
    struct timespec abs;
    clock_gettime(CLOCK_MONOTONIC, &abs);
    abs.tv_nsec += 10000000;
    if (abs.tv_nsec >= 1000000000) {
        abs.tv_sec++;
        abs.tv_nsec -= 1000000000;
    }
    r = clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &abs, NULL);
    printf("clock_nanosleep abs %d reached %d\n", r, now(CLOCK_MONOTONIC) >= abs.tv_sec + abs.tv_nsec / 1e9 - 1e-6);
    r = usleep(1000);
    printf("usleep %d\n", r);

    volatile double x = 0;
    for (int i = 0; i < 300000; i++) {
        x += i * 0.5;
    }
    struct tms tm;
    clock_t ct = times(&tm);
    printf("times nonzero %d\n", ct != (clock_t)-1);
    struct rusage ru;
    r = getrusage(RUSAGE_SELF, &ru);
    printf("getrusage %d maxrss>0 %d\n", r, ru.ru_maxrss > 0);
    printf("clock() >= 0 %d\n", clock() >= 0);

    setenv("TZ", "UTC", 1);
    tzset();
    time_t fixed = 1234567890;
    struct tm *lt = localtime(&fixed);
    char s[64];
    strftime(s, sizeof(s), "%Y-%m-%d %H:%M:%S %a %j", lt);
    printf("localtime %s\n", s);
    struct tm in = { .tm_year = 100, .tm_mon = 1, .tm_mday = 29, .tm_hour = 12 };
    printf("mktime %lld\n", (long long)mktime(&in));
    printf("difftime %.1f\n", difftime(fixed + 90, fixed));

    signal(SIGALRM, on_alarm);
    struct itimerval it = { { 0, 10000 }, { 0, 10000 } }, old;
    r = setitimer(ITIMER_REAL, &it, NULL);
    printf("setitimer %d\n", r);
    while (ticks < 3) {
        pause();
    }
    r = getitimer(ITIMER_REAL, &old);
    printf("getitimer %d interval %ld.%06ld\n", r, (long)old.it_interval.tv_sec,
           (long)old.it_interval.tv_usec);
    memset(&it, 0, sizeof(it));
    setitimer(ITIMER_REAL, &it, NULL);
    printf("ticks>=3 %d\n", ticks >= 3);
    /* POSIX timers with a signal */
    struct sigaction sa = { .sa_sigaction = on_timer, .sa_flags = SA_SIGINFO };
    sigaction(SIGUSR1, &sa, NULL);
    struct sigevent sev = { .sigev_notify = SIGEV_SIGNAL, .sigev_signo = SIGUSR1,
                            .sigev_value.sival_int = 77 };
    timer_t tid;
    r = timer_create(CLOCK_MONOTONIC, &sev, &tid);
    printf("timer_create %d\n", r);
    struct itimerspec its = { { 0, 5000000 }, { 0, 5000000 } }, cur;
    r = timer_settime(tid, 0, &its, NULL);
    printf("timer_settime %d\n", r);
    while (timer_hits < 3) {
        pause();
    }
    r = timer_gettime(tid, &cur);
    printf("timer_gettime %d interval %ld.%09ld value %d\n", r, (long)cur.it_interval.tv_sec,
           cur.it_interval.tv_nsec, timer_value);
    r = timer_delete(tid);
    printf("timer_delete %d hits>=3 %d\n", r, timer_hits >= 3);

    /* resource limits round trip */
    struct rlimit rl, rl2;
    getrlimit(RLIMIT_NOFILE, &rl);
    rl2 = rl;
    rl2.rlim_cur = 200;
    r = setrlimit(RLIMIT_NOFILE, &rl2);
    getrlimit(RLIMIT_NOFILE, &rl2);
    printf("setrlimit NOFILE %d now %lu\n", r, (unsigned long)rl2.rlim_cur);
    setrlimit(RLIMIT_NOFILE, &rl);
    getrlimit(RLIMIT_AS, &rl);
    printf("RLIMIT_AS infinite %d\n", rl.rlim_cur == RLIM_INFINITY);
    rl2.rlim_cur = 1u << 30;
    rl2.rlim_max = rl.rlim_max;
    r = setrlimit(RLIMIT_AS, &rl2);
    getrlimit(RLIMIT_AS, &rl);
    printf("setrlimit AS %d now %lu\n", r, (unsigned long)rl.rlim_cur);
    unsigned left = alarm(10);
    printf("alarm %u\n", left);
    left = alarm(0);
    printf("alarm left %u\n", left);
    return 0;
}
