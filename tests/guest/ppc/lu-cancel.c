// Thread cancellation inside blocking syscalls and unwinding through a
// signal frame. glibc cancels a thread blocked in read(), nanosleep(),
// pthread_cond_wait() or pause() from its SIGCANCEL handler by unwinding
// the stack through the signal frame, which needs the unwind information
// of the kernel's (here Mimic's) vDSO sigreturn trampoline; cleanup
// handlers must run and join must see PTHREAD_CANCELED. Also: a backtrace
// taken inside a signal handler reaches the interrupted function.
// qemu-ppc 7.2 aborts here as Mimic did, so the oracle is the host.
// mimic-test: oracle host
#define _GNU_SOURCE
#include <execinfo.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static int fds[2];
static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t cv = PTHREAD_COND_INITIALIZER;
static volatile int cleanups;
static volatile int started;

static void cleanup(void *arg)
{
    cleanups++;
    printf("  cleanup: %s\n", (const char *)arg);
}

static void unlock_cleanup(void *arg)
{
    pthread_mutex_unlock(arg);
    cleanup("cond_wait (mutex released)");
}

static void *blocker(void *arg)
{
    const char *what = arg;
    char c;
    struct timespec ts = { 100, 0 };
    pthread_cleanup_push(cleanup, "outer");
    pthread_cleanup_push(cleanup, (void *)what);
    if (strcmp(what, "read") == 0) {
        started = 1;
        read(fds[0], &c, 1);
    } else if (strcmp(what, "nanosleep") == 0) {
        started = 1;
        nanosleep(&ts, NULL);
    } else if (strcmp(what, "pause") == 0) {
        started = 1;
        pause();
    } else if (strcmp(what, "cond_wait") == 0) {
        pthread_mutex_lock(&mu);
        pthread_cleanup_push(unlock_cleanup, &mu);
        started = 1;
        for (;;) {
            pthread_cond_wait(&cv, &mu);
        }
        pthread_cleanup_pop(0);
    }
    pthread_cleanup_pop(0);
    pthread_cleanup_pop(0);
    printf("  %s returned: not cancelled\n", what);
    return NULL;
}

static void cancel_in(const char *what)
{
    pthread_t t;
    void *res;
    printf("%s:\n", what);
    cleanups = 0;
    started = 0;
    pthread_create(&t, NULL, blocker, (void *)what);
    while (!started) {
        usleep(1000);
    }
    usleep(50000);   /* let it block in the syscall */
    pthread_cancel(t);
    pthread_join(t, &res);
    printf("  joined: %s, %d cleanup handlers ran\n",
           res == PTHREAD_CANCELED ? "PTHREAD_CANCELED" : "returned", cleanups);
}

static volatile int reached;

static void __attribute__((noinline)) marker_function(void)
{
    /* Spin until the handler has looked at the stack. */
    while (!reached) {
        asm volatile("" ::: "memory");
    }
}

static void on_alarm(int sig)
{
    void *pcs[64];
    int n = backtrace(pcs, 64);
    int found = 0;
    for (int i = 0; i < n; i++) {
        /* A return address inside marker_function (the interrupted pc). */
        if ((char *)pcs[i] >= (char *)marker_function &&
            (char *)pcs[i] < (char *)marker_function + 64) {
            found = 1;
        }
    }
    printf("backtrace from a signal handler reaches the interrupted function: %s\n",
           found ? "yes" : "no");
    reached = 1;
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    if (pipe(fds) != 0) {
        perror("pipe");
        return 1;
    }
    cancel_in("read");
    cancel_in("nanosleep");
    cancel_in("pause");
    cancel_in("cond_wait");
    signal(SIGALRM, on_alarm);
    alarm(1);
    marker_function();
    return 0;
}
