// lwarx/stwcx. and ABA (Book II, "Load And Reserve and Store Conditional
// Instructions": the reservation is lost when another processor stores to
// the reservation granule, whatever value it stores). One thread takes a
// reservation; a second thread stores the same value, or a different value
// and then the original back; the first thread's stwcx. must fail. Stores
// to another granule and no store at all must let it succeed. Needs the
// exact reservation mode; qemu-ppc 7.2 (a compare-and-swap, as Mimic's
// default mode) succeeds in the ABA cases, so the test checks itself.
// mimic-test: oracle spec
// mimic-test: mimic-env MIMIC_PPC_RESERVE=exact
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>

enum { ROUNDS = 200 };
enum { NONE, SAME_VALUE, ABA, OTHER_GRANULE, QUIT };

static volatile uint32_t word __attribute__((aligned(64))) = 5;
static volatile uint32_t other[1024] __attribute__((aligned(64)));
static volatile int request __attribute__((aligned(64)));
static volatile int done __attribute__((aligned(64)));

static void *interferer(void *arg)
{
    for (;;) {
        int r;
        while ((r = __atomic_load_n(&request, __ATOMIC_ACQUIRE)) == NONE) {
        }
        if (r == QUIT) {
            return NULL;
        }
        if (r == SAME_VALUE) {
            word = 5;
        } else if (r == ABA) {
            word = 6;
            word = 5;
        } else if (r == OTHER_GRANULE) {
            other[512] = 7;
        }
        __atomic_store_n(&request, NONE, __ATOMIC_RELAXED);
        __atomic_store_n(&done, 1, __ATOMIC_RELEASE);
    }
}

static uint32_t load_reserved(void)
{
    uint32_t v;
    asm volatile("lwarx %0,0,%1" : "=r"(v) : "r"(&word) : "memory");
    return v;
}

static int store_conditional(uint32_t v)
{
    uint32_t cr;
    asm volatile("stwcx. %1,0,%2\n\tmfcr %0" : "=r"(cr) : "r"(v), "r"(&word) : "cr0", "memory");
    return (cr >> 29) & 1;   /* CR0[EQ] */
}

/* Rounds of lwarx, the other thread's action, stwcx.; returns how many
 * stwcx. succeeded. */
static int run(int action)
{
    int ok = 0;
    for (int i = 0; i < ROUNDS; i++) {
        word = 5;
        uint32_t v = load_reserved();
        if (action != NONE) {
            __atomic_store_n(&done, 0, __ATOMIC_RELAXED);
            __atomic_store_n(&request, action, __ATOMIC_RELEASE);
            while (!__atomic_load_n(&done, __ATOMIC_ACQUIRE)) {
            }
        }
        ok += store_conditional(v + 1);
    }
    return ok;
}

static int passed, failed;

static void check(const char *what, int got, int want)
{
    printf("%s %s: %d of %d stwcx. succeeded (the architecture: %d)\n",
           got == want ? "ok  " : "FAIL", what, got, ROUNDS, want);
    got == want ? passed++ : failed++;
}

int main(void)
{
    pthread_t t;
    pthread_create(&t, NULL, interferer, NULL);
    check("no store in between", run(NONE), ROUNDS);
    check("another thread stores to another granule", run(OTHER_GRANULE), ROUNDS);
    check("another thread stores the same value", run(SAME_VALUE), 0);
    check("another thread stores 6 then 5 (ABA)", run(ABA), 0);
    __atomic_store_n(&request, QUIT, __ATOMIC_RELEASE);
    pthread_join(t, NULL);
    printf("%d passed, %d failed\n", passed, failed);
    return failed != 0;
}
