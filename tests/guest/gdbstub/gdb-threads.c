/*
 * The gdb stub's thread test program: three threads meet at a barrier,
 * then each worker calls worker_ready (where gdb stops and lists the
 * threads). At the end the program prints the thread ids the kernel gave
 * it (gettid), which gdb must have shown as its thread ids.
 */
#define _GNU_SOURCE
#include <pthread.h>
#include <stdio.h>
#include <sys/syscall.h>
#include <unistd.h>

static pthread_barrier_t barrier;
static int tids[3];
volatile int ready_count;

void worker_ready(int id)
{
    __sync_fetch_and_add(&ready_count, id);
}

static void *worker(void *arg)
{
    int id = (int)(long)arg;

    tids[id] = (int)syscall(SYS_gettid);
    pthread_barrier_wait(&barrier);
    worker_ready(id);
    return NULL;
}

int main(void)
{
    pthread_t th[3];

    tids[0] = (int)syscall(SYS_gettid);
    pthread_barrier_init(&barrier, NULL, 3);
    for (long i = 1; i <= 2; i++) {
        pthread_create(&th[i], NULL, worker, (void *)i);
    }
    pthread_barrier_wait(&barrier);
    for (int i = 1; i <= 2; i++) {
        pthread_join(th[i], NULL);
    }
    printf("tids %d %d %d\n", tids[0], tids[1], tids[2]);
    printf("ready_count %d\n", ready_count);
    return 0;
}
