// Threads and signals together: workers contend on a mutex and wait on
// condition variables with timeouts while the main thread sends each of
// them queued real-time signals (pthread_sigqueue) and standard ones;
// every queued signal must arrive exactly once, in the right thread, and
// the shared counter must stay exact.
#define _GNU_SOURCE
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define NW 4
#define NSIG_EACH 200
static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t cv = PTHREAD_COND_INITIALIZER;
static long counter;
static volatile int stop, started;
static int got[NW], wrong_thread, value_sum[NW];
static __thread int my_index = -1;
static pthread_t workers[NW];

static void on_rt(int sig, siginfo_t *si, void *uc)
{
    int i = si->si_value.sival_int;
    if (i != my_index) {
        __sync_fetch_and_add(&wrong_thread, 1);
    }
    if (i >= 0 && i < NW) {
        __sync_fetch_and_add(&got[i], 1);
        __sync_fetch_and_add(&value_sum[i], i + 1);
    }
}

static void on_usr1(int sig) { }

static void *worker(void *arg)
{
    my_index = (int)(long)arg;
    __sync_fetch_and_add(&started, 1);
    long mine = 0;
    while (!stop) {
        pthread_mutex_lock(&mu);
        counter++;
        mine++;
        if (mine % 64 == 0) {
            struct timespec ts;
            clock_gettime(CLOCK_REALTIME, &ts);
            ts.tv_nsec += 100000;
            if (ts.tv_nsec >= 1000000000) {
                ts.tv_sec++;
                ts.tv_nsec -= 1000000000;
            }
            pthread_cond_timedwait(&cv, &mu, &ts);
        }
        pthread_mutex_unlock(&mu);
    }
    return (void *)mine;
}

int main(void)
{
    struct sigaction sa = { .sa_sigaction = on_rt, .sa_flags = SA_SIGINFO | SA_RESTART };
    sigaction(SIGRTMIN + 2, &sa, NULL);
    signal(SIGUSR1, on_usr1);
    for (long i = 0; i < NW; i++) {
        pthread_create(&workers[i], NULL, worker, (void *)i);
    }
    while (started < NW) {
        usleep(100);
    }
    for (int k = 0; k < NSIG_EACH; k++) {
        for (int i = 0; i < NW; i++) {
            union sigval v = { .sival_int = i };
            while (pthread_sigqueue(workers[i], SIGRTMIN + 2, v) == EAGAIN) {
                sched_yield();
            }
            if (k % 10 == 0) {
                pthread_kill(workers[i], SIGUSR1);
            }
        }
        if (k % 16 == 0) {
            pthread_cond_broadcast(&cv);
        }
    }
    /* let the last signals arrive */
    for (int tries = 0; tries < 10000; tries++) {
        int all = 1;
        for (int i = 0; i < NW; i++) {
            all &= got[i] == NSIG_EACH;
        }
        if (all) {
            break;
        }
        usleep(1000);
    }
    stop = 1;
    long total = 0;
    for (int i = 0; i < NW; i++) {
        void *r;
        pthread_join(workers[i], &r);
        total += (long)r;
    }
    for (int i = 0; i < NW; i++) {
        printf("worker %d got %d queued signals, values sum %d\n", i, got[i], value_sum[i]);
    }
    printf("wrong thread %d, counter exact %d\n", wrong_thread, total == counter);
    return 0;
}
