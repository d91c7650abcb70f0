/*
 * Futex calls and signals with SA_RESTART handlers, as Go's runtime meets
 * them (it preempts threads with SIGURG and treats any error of
 * FUTEX_WAKE as fatal): a thread wakes in a loop while another floods it
 * with signals. The kernel never fails FUTEX_WAKE with EINTR; a
 * FUTEX_WAIT without a timeout is restarted after an SA_RESTART handler.
 * Compared with the native run.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <linux/futex.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <sys/syscall.h>
#include <unistd.h>

static volatile int handled;
static volatile int done;
static int word;

static void on_usr1(int sig)
{
    (void)sig;
    handled++;
}

static long futex(int *uaddr, int op, int val, const struct timespec *ts)
{
    return syscall(SYS_futex, uaddr, op, val, ts, NULL, 0);
}

static void *waker(void *arg)
{
    int errors = 0, eintr = 0;
    (void)arg;
    for (int i = 0; i < 200000; i++) {
        if (futex(&word, FUTEX_WAKE, 1, NULL) < 0) {
            errors++;
            eintr += errno == EINTR;
        }
    }
    printf("FUTEX_WAKE x200000 under signals: %d errors (%d EINTR)\n", errors, eintr);
    done = 1;
    return NULL;
}

/* Waits on word (0) until the main thread sets it to 1 and wakes it; the
 * signals before that must not end the wait. */
static void *waiter(void *arg)
{
    (void)arg;
    long r;
    do {
        r = futex(&word, FUTEX_WAIT, 0, NULL);
    } while (r == 0 && word == 0);    /* a spurious wake-up is allowed */
    /* 0 (woken) or EAGAIN (word already 1 when the wait began): both
     * right, whichever the thread's start makes it. */
    printf("FUTEX_WAIT under signals: %s, word=%d\n",
           r < 0 && errno == EINTR ? "EINTR" : "not interrupted", word);
    return NULL;
}

int main(void)
{
    struct sigaction sa = { .sa_handler = on_usr1, .sa_flags = SA_RESTART };
    sigaction(SIGUSR1, &sa, NULL);

    pthread_t t;
    pthread_create(&t, NULL, waker, NULL);
    int sent = 0;
    while (!done) {
        pthread_kill(t, SIGUSR1);
        sent++;
    }
    pthread_join(t, NULL);
    printf("signals sent: %s\n", sent > 0 ? "some" : "none");

    word = 0;
    pthread_create(&t, NULL, waiter, NULL);
    for (int i = 0; i < 2000; i++) {
        pthread_kill(t, SIGUSR1);
        if (i % 100 == 0) {
            usleep(1000);
        }
    }
    __atomic_store_n(&word, 1, __ATOMIC_SEQ_CST);
    futex(&word, FUTEX_WAKE, 1, NULL);
    pthread_join(t, NULL);
    printf("handler ran: %s\n", handled > 0 ? "yes" : "no");
    return 0;
}
