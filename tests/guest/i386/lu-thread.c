// Threads: pthread_create/join with return values, a mutex-protected
// counter, condition variables (producer/consumer), __thread variables,
// semaphores, a barrier, atomics, pthread_kill with a handler that checks
// which thread runs it, per-thread signal masks, and a detached thread.
#define _GNU_SOURCE
#include <pthread.h>
#include <semaphore.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#define NT 4
static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t cv = PTHREAD_COND_INITIALIZER;
static long counter;
static int atomic_counter;
static __thread int tls_value = 7;
static int queue[16], qhead, qtail, done;
static pthread_barrier_t barrier;
static sem_t sem;

static void *adder(void *arg)
{
    intptr_t id = (intptr_t)arg;
    tls_value = 100 + (int)id;
    for (int i = 0; i < 5000; i++) {
        pthread_mutex_lock(&mu);
        counter++;
        pthread_mutex_unlock(&mu);
        __sync_fetch_and_add(&atomic_counter, 1);
    }
    pthread_barrier_wait(&barrier);
    return (void *)(intptr_t)(tls_value * 2);
}

static void *producer(void *arg)
{
    for (int i = 1; i <= 50; i++) {
        pthread_mutex_lock(&mu);
        while ((qtail + 1) % 16 == qhead) {
            pthread_cond_wait(&cv, &mu);
        }
        queue[qtail] = i;
        qtail = (qtail + 1) % 16;
        pthread_cond_broadcast(&cv);
        pthread_mutex_unlock(&mu);
    }
    pthread_mutex_lock(&mu);
    done = 1;
    pthread_cond_broadcast(&cv);
    pthread_mutex_unlock(&mu);
    return NULL;
}

static void *consumer(void *arg)
{
    long sum = 0;
    for (;;) {
        pthread_mutex_lock(&mu);
        while (qhead == qtail && !done) {
            pthread_cond_wait(&cv, &mu);
        }
        if (qhead == qtail && done) {
            pthread_mutex_unlock(&mu);
            break;
        }
        sum += queue[qhead];
        qhead = (qhead + 1) % 16;
        pthread_cond_broadcast(&cv);
        pthread_mutex_unlock(&mu);
    }
    return (void *)sum;
}

static volatile pthread_t handler_thread;
static volatile int handled;
static void on_usr1(int sig)
{
    handler_thread = pthread_self();
    handled++;
}

static void *sleeper(void *arg)
{
    sem_post(&sem);
    while (!handled) {
        usleep(1000);
    }
    return NULL;
}

static void *masked(void *arg)
{
    sigset_t s;
    sigemptyset(&s);
    sigaddset(&s, SIGUSR2);
    pthread_sigmask(SIG_BLOCK, &s, NULL);
    sem_post(&sem);
    int sig = 0;
    sigwait(&s, &sig);
    return (void *)(intptr_t)sig;
}

static void *detached(void *arg)
{
    sem_post(&sem);
    return NULL;
}

int main(void)
{
    pthread_t t[NT];
    pthread_barrier_init(&barrier, NULL, NT);
    for (intptr_t i = 0; i < NT; i++) {
        pthread_create(&t[i], NULL, adder, (void *)i);
    }
    for (int i = 0; i < NT; i++) {
        void *rv;
        pthread_join(t[i], &rv);
        printf("thread %d returned %ld\n", i, (long)(intptr_t)rv);
    }
    printf("counter %ld atomic %d main tls %d\n", counter, atomic_counter, tls_value);

    pthread_t p, c1, c2;
    pthread_create(&c1, NULL, consumer, NULL);
    pthread_create(&c2, NULL, consumer, NULL);
    pthread_create(&p, NULL, producer, NULL);
    void *s1, *s2;
    pthread_join(p, NULL);
    pthread_join(c1, &s1);
    pthread_join(c2, &s2);
    printf("consumed sum %ld\n", (long)s1 + (long)s2);

    sem_init(&sem, 0, 0);
    signal(SIGUSR1, on_usr1);
    pthread_t sl;
    pthread_create(&sl, NULL, sleeper, NULL);
    sem_wait(&sem);
    pthread_kill(sl, SIGUSR1);
    pthread_join(sl, NULL);
    printf("pthread_kill handled %d in target thread %d\n", handled,
           pthread_equal(handler_thread, sl));

    pthread_t m;
    pthread_create(&m, NULL, masked, NULL);
    sem_wait(&sem);
    pthread_kill(m, SIGUSR2);
    void *got;
    pthread_join(m, &got);
    printf("sigwait in thread got %ld\n", (long)(intptr_t)got);

    pthread_attr_t attr;
    pthread_attr_init(&attr);
    pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
    pthread_t d;
    int r = pthread_create(&d, &attr, detached, NULL);
    sem_wait(&sem);
    printf("detached thread ran %d\n", r == 0);

    /* many short-lived threads */
    long total = 0;
    for (int round = 0; round < 6; round++) {
        pthread_t q[4];
        for (intptr_t i = 0; i < 4; i++) {
            pthread_create(&q[i], NULL, adder, (void *)i);
        }
        for (int i = 0; i < 4; i++) {
            void *rv;
            pthread_join(q[i], &rv);
            total += (long)(intptr_t)rv;
        }
    }
    printf("rounds total %ld counter %ld\n", total, counter);
    return 0;
}
