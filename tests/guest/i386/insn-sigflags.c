/*
 * Lazy flags across asynchronous signals: a loop whose carry and
 * overflow chains run from one instruction to the next is interrupted
 * by a 1 ms timer many times; the handler clobbers the flags. The
 * result must equal the native one (the signal frame carries EFLAGS).
 */
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/time.h>

static volatile int hits;

static void on_alarm(int sig)
{
    uint32_t x = 0xffffffff;
    __asm__ volatile("add $1, %0\n\tstc\n\tstd\n\tcld" : "+r"(x) :: "cc");
    hits++;
}

/* 64 steps of carry/borrow/rotate chains; returns a checksum. */
static uint32_t chunk(uint32_t seed)
{
    uint32_t a = seed, b = seed * 3 + 1, c = seed ^ 0x5a5a5a5a, d = 64;
    __asm__ volatile(
        "1:\n\t"
        "addl %1, %0\n\t"
        "adcl %2, %1\n\t"
        "rcll $1, %2\n\t"
        "sbbl %0, %2\n\t"
        "rcrl $3, %0\n\t"
        "adcl $0, %1\n\t"
        "jo 2f\n\t"
        "xorl $0x1234, %2\n"
        "2:\n\t"
        "adcl %2, %0\n\t"
        "decl %3\n\t"
        "jnz 1b"
        : "+r"(a), "+r"(b), "+r"(c), "+r"(d) :: "cc");
    return a ^ b ^ c;
}

int main(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof(sa));
    sa.sa_handler = on_alarm;
    sigaction(SIGALRM, &sa, NULL);
    struct itimerval it = { { 0, 1000 }, { 0, 1000 } };
    setitimer(ITIMER_REAL, &it, NULL);
    uint32_t sum = 0;
    for (uint32_t i = 0; i < 30000; i++) {
        sum = sum * 31 + chunk(i);
    }
    /* make sure some signals arrived (more work, not counted) */
    for (uint32_t i = 0; hits < 5 && i < 100000000; i++) {
        chunk(i);
    }
    it.it_value.tv_usec = it.it_interval.tv_usec = 0;
    setitimer(ITIMER_REAL, &it, NULL);
    printf("checksum %08x signals>=5: %d\n", sum, hits >= 5);
    return 0;
}
