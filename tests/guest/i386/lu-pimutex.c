/* Priority-inheritance and robust mutexes: contended PI locking between
 * threads, trylock and timed lock, a signal to a thread waiting for a PI
 * lock, and owners that die holding robust (PI and plain) mutexes, in a
 * thread and in another process. */
#define _GNU_SOURCE
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define NTHREADS 4
#define NITER 20000

static pthread_mutex_t pi;
static long counter;
static volatile int usr1_seen;

static void init_mutex(pthread_mutex_t *m, int proto, int robust, int pshared)
{
    pthread_mutexattr_t a;
    pthread_mutexattr_init(&a);
    pthread_mutexattr_setprotocol(&a, proto);
    pthread_mutexattr_setrobust(&a, robust ? PTHREAD_MUTEX_ROBUST : PTHREAD_MUTEX_STALLED);
    pthread_mutexattr_setpshared(&a, pshared ? PTHREAD_PROCESS_SHARED : PTHREAD_PROCESS_PRIVATE);
    int r = pthread_mutex_init(m, &a);
    if (r) {
        printf("mutex init: %s\n", strerror(r));
    }
    pthread_mutexattr_destroy(&a);
}

static void *adder(void *arg)
{
    for (int i = 0; i < NITER; i++) {
        pthread_mutex_lock(&pi);
        long c = counter;
        if (i % 1000 == 0) {
            sched_yield();        /* hold it a while: others must wait */
        }
        counter = c + 1;
        pthread_mutex_unlock(&pi);
    }
    return NULL;
}

static void *try_other(void *arg)
{
    pthread_mutex_t *m = arg;
    int r = pthread_mutex_trylock(m);
    printf("trylock from another thread: %s\n", r ? strerror(r) : "0");
    struct timespec t;
    clock_gettime(CLOCK_REALTIME, &t);
    t.tv_nsec += 100 * 1000 * 1000;
    if (t.tv_nsec >= 1000000000) {
        t.tv_sec++;
        t.tv_nsec -= 1000000000;
    }
    r = pthread_mutex_timedlock(m, &t);
    printf("timedlock from another thread: %s\n", r ? strerror(r) : "0");
    return NULL;
}

static void on_usr1(int sig)
{
    usr1_seen = 1;
}

static void *wait_with_signal(void *arg)
{
    int r = pthread_mutex_lock(&pi);
    printf("lock after a signal while waiting: %s, handler ran %d\n", r ? strerror(r) : "0",
           usr1_seen);
    pthread_mutex_unlock(&pi);
    return NULL;
}

static void *die_holding(void *arg)
{
    pthread_mutex_lock(arg);
    return NULL;                  /* exits with the mutex held */
}

static volatile int slow_owner_locked;

static void *die_holding_slowly(void *arg)
{
    pthread_mutex_lock(arg);
    slow_owner_locked = 1;
    usleep(100000);               /* a waiter blocks meanwhile */
    return NULL;
}

static void *lock_and_report(void *arg)
{
    pthread_mutex_t *m = arg;
    int r = pthread_mutex_lock(m);
    printf("waiter got the dead owner's lock: %s\n", r ? strerror(r) : "0");
    if (r == EOWNERDEAD) {
        pthread_mutex_consistent(m);
    }
    pthread_mutex_unlock(m);
    return NULL;
}

static void owner_dies(const char *what, int proto)
{
    pthread_mutex_t m;
    pthread_t t;
    init_mutex(&m, proto, 1, 0);
    pthread_create(&t, NULL, die_holding, &m);
    pthread_join(t, NULL);
    int r = pthread_mutex_lock(&m);
    printf("%s, owner thread died: lock %s\n", what, r ? strerror(r) : "0");
    if (r == EOWNERDEAD) {
        printf("  consistent %d\n", pthread_mutex_consistent(&m));
    }
    pthread_mutex_unlock(&m);
    r = pthread_mutex_lock(&m);
    printf("  lock again %s\n", r ? strerror(r) : "0");
    pthread_mutex_unlock(&m);

    /* A waiter blocked while the owner dies. */
    pthread_t w;
    slow_owner_locked = 0;
    pthread_create(&t, NULL, die_holding_slowly, &m);
    while (!slow_owner_locked) {
        usleep(1000);
    }
    pthread_create(&w, NULL, lock_and_report, &m);
    pthread_join(t, NULL);
    pthread_join(w, NULL);
    pthread_mutex_destroy(&m);
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    init_mutex(&pi, PTHREAD_PRIO_INHERIT, 0, 0);
    pthread_t t[NTHREADS];
    for (int i = 0; i < NTHREADS; i++) {
        pthread_create(&t[i], NULL, adder, NULL);
    }
    for (int i = 0; i < NTHREADS; i++) {
        pthread_join(t[i], NULL);
    }
    printf("PI mutex, %d threads: counter %ld (want %d)\n", NTHREADS, counter,
           NTHREADS * NITER);

    pthread_mutex_lock(&pi);
    pthread_create(&t[0], NULL, try_other, &pi);
    pthread_join(t[0], NULL);
    pthread_mutex_unlock(&pi);

    /* A signal to a thread blocked in a PI lock: the lock still succeeds. */
    struct sigaction sa;
    memset(&sa, 0, sizeof(sa));
    sa.sa_handler = on_usr1;        /* no SA_RESTART */
    sigaction(SIGUSR1, &sa, NULL);
    pthread_mutex_lock(&pi);
    pthread_create(&t[0], NULL, wait_with_signal, NULL);
    usleep(50000);
    pthread_kill(t[0], SIGUSR1);
    usleep(50000);
    pthread_mutex_unlock(&pi);
    pthread_join(t[0], NULL);

    owner_dies("robust PI", PTHREAD_PRIO_INHERIT);
    owner_dies("robust", PTHREAD_PRIO_NONE);

    /* A process-shared robust PI mutex whose owner process exits. */
    pthread_mutex_t *sm = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS,
                               -1, 0);
    init_mutex(sm, PTHREAD_PRIO_INHERIT, 1, 1);
    pid_t pid = fork();
    if (pid == 0) {
        pthread_mutex_lock(sm);
        _exit(0);
    }
    waitpid(pid, NULL, 0);
    int r = pthread_mutex_lock(sm);
    printf("shared robust PI, owner process exited: %s\n", r ? strerror(r) : "0");
    return 0;
}
