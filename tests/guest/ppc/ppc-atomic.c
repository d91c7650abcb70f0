/* lwarx/stwcx. against other threads: four threads increment shared
 * counters with a reservation loop and with GCC atomics; totals must be
 * exact. */
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>

#define THREADS 4
#define ITERS 20000

static volatile uint32_t counter_asm, counter_builtin;

static void add_reserved(volatile uint32_t *p, uint32_t v)
{
    uint32_t t;
    asm volatile("1:\tlwarx %0,0,%1\n\tadd %0,%0,%2\n\tstwcx. %0,0,%1\n\tbne- 1b"
                 : "=&r"(t) : "r"(p), "r"(v) : "cr0", "memory");
}

static void *worker(void *arg)
{
    uintptr_t id = (uintptr_t)arg;
    for (int i = 0; i < ITERS; i++) {
        add_reserved(&counter_asm, id + 1);
        __atomic_fetch_add(&counter_builtin, 2, __ATOMIC_SEQ_CST);
    }
    return NULL;
}

int main(void)
{
    pthread_t t[THREADS];
    for (uintptr_t i = 0; i < THREADS; i++) {
        pthread_create(&t[i], NULL, worker, (void *)i);
    }
    for (int i = 0; i < THREADS; i++) {
        pthread_join(t[i], NULL);
    }
    printf("reserved counter %u (expect %u)\n", counter_asm, ITERS * (1 + 2 + 3 + 4));
    printf("builtin counter %u (expect %u)\n", counter_builtin, ITERS * 2 * THREADS);
    uint32_t v = 7, old;
    old = __atomic_exchange_n(&v, 9, __ATOMIC_SEQ_CST);
    uint32_t expected = 9;
    int ok = __atomic_compare_exchange_n(&v, &expected, 11, 0, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);
    printf("xchg old=%u cas ok=%d v=%u\n", old, ok, v);
    return 0;
}
