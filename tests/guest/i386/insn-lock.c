/*
 * LOCK-prefixed read-modify-write instructions and XCHG with memory under
 * four threads: every counter must come out exact. Covers LOCK ADD/SUB/
 * INC/DEC/ADC/SBB/AND/OR/XOR/NEG/NOT, BTS/BTR/BTC, XADD, CMPXCHG loops,
 * CMPXCHG8B and an XCHG spinlock around a plain increment.
 */
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>

#define THREADS 4
#define ITERS 20000

static volatile uint32_t c_add, c_sub, c_inc, c_dec, c_xadd, c_cas, c_adc;
static volatile uint16_t c_incw;
static volatile uint8_t c_addb;
static volatile uint64_t c_cas8;
static volatile uint32_t spin, c_spin;
static volatile uint32_t bits[4];
static volatile uint32_t c_neg, c_not, c_xor, c_or_and;

static void spin_lock(void)
{
    uint32_t v;
    do {
        v = 1;
        __asm__ volatile("xchgl %0, %1" : "+r"(v), "+m"(spin) :: "memory");
    } while (v);
}

static void spin_unlock(void)
{
    __asm__ volatile("movl $0, %0" : "=m"(spin) :: "memory");
}

static void *worker(void *arg)
{
    int id = (int)(intptr_t)arg;
    for (int i = 0; i < ITERS; i++) {
        __asm__ volatile("lock addl $3, %0" : "+m"(c_add) :: "cc");
        __asm__ volatile("lock subl $2, %0" : "+m"(c_sub) :: "cc");
        __asm__ volatile("lock incl %0" : "+m"(c_inc) :: "cc");
        __asm__ volatile("lock decl %0" : "+m"(c_dec) :: "cc");
        __asm__ volatile("lock incw %0" : "+m"(c_incw) :: "cc");
        __asm__ volatile("lock addb $1, %0" : "+m"(c_addb) :: "cc");
        __asm__ volatile("stc\n\tlock adcl $1, %0" : "+m"(c_adc) :: "cc");
        __asm__ volatile("stc\n\tlock sbbl $-3, %0" : "+m"(c_adc) :: "cc");
        uint32_t one = 1;
        __asm__ volatile("lock xaddl %0, %1" : "+r"(one), "+m"(c_xadd) :: "cc");
        uint32_t old = c_cas, nv;
        do {
            nv = old + 5;
        } while (!__atomic_compare_exchange_n(&c_cas, &old, nv, 0,
                                              __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST));
        uint64_t o8 = c_cas8, n8;
        do {
            n8 = o8 + 0x100000001ull;
        } while (!__atomic_compare_exchange_n(&c_cas8, &o8, n8, 0,
                                              __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST));
        spin_lock();
        c_spin++;
        spin_unlock();
        /* each thread toggles its own bits in shared words */
        uint32_t bit = id * 8 + (i & 7);
        __asm__ volatile("lock btsl %1, %0" : "+m"(bits[0]) : "r"(bit) : "cc");
        __asm__ volatile("lock btcl %1, %0" : "+m"(bits[1]) : "r"(bit) : "cc");
        __asm__ volatile("lock btrl %1, %0" : "+m"(bits[2]) : "r"(bit) : "cc");
        /* NEG twice and NOT twice leave the value alone */
        __asm__ volatile("lock negl %0\n\tlock negl %0" : "+m"(c_neg) :: "cc");
        __asm__ volatile("lock notl %0\n\tlock notl %0" : "+m"(c_not) :: "cc");
        __asm__ volatile("lock xorl %1, %0" : "+m"(c_xor) : "r"(1u << id) : "cc");
        __asm__ volatile("lock orl %1, %0\n\tlock andl %2, %0" : "+m"(c_or_and)
                         : "r"(1u << (id + 8)), "r"(~(1u << (id + 8))) : "cc");
    }
    return NULL;
}

int main(void)
{
    pthread_t t[THREADS];
    c_neg = 12345;
    c_not = 0x55aa;
    bits[2] = 0xffffffff;
    for (int i = 0; i < THREADS; i++) {
        pthread_create(&t[i], NULL, worker, (void *)(intptr_t)i);
    }
    for (int i = 0; i < THREADS; i++) {
        pthread_join(t[i], NULL);
    }
    printf("add=%u sub=%u inc=%u dec=%u incw=%u addb=%u adc=%u\n", c_add, c_sub,
           c_inc, c_dec, c_incw, c_addb, c_adc);
    printf("xadd=%u cas=%u cas8=%llx spin=%u\n", c_xadd, c_cas,
           (unsigned long long)c_cas8, c_spin);
    printf("bits=%08x %08x %08x neg=%u not=%x xor=%x or_and=%x\n", bits[0],
           bits[1], bits[2], c_neg, c_not, c_xor, c_or_and);
    return 0;
}
