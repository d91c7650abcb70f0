/*
 * The demo guest program of `make run`: a small Linux program that shows
 * what it sees (machine, CPU, its own path) and does some work with
 * threads, a child process and floating point. Built for i386 and for
 * PowerPC and run under mimic-i386 and mimic-ppc.
 */
#define _GNU_SOURCE
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <unistd.h>

static void *count_primes(void *arg)
{
    long lo = (long)arg, n = 0;
    for (long x = lo; x < lo + 50000; x++) {
        int prime = x > 1;
        for (long d = 2; d * d <= x && prime; d++) {
            prime = x % d != 0;
        }
        n += prime;
    }
    return (void *)n;
}

int main(int argc, char **argv)
{
    struct utsname u;
    uname(&u);
    printf("Hello from a %zu-bit %s Linux program (pointer size %zu)\n", sizeof(void *) * 8,
           u.machine, sizeof(void *));
    char exe[512] = "";
    ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
    if (n > 0) {
        exe[n] = 0;
    }
    printf("I am %s\n", exe);
    FILE *f = fopen("/proc/cpuinfo", "r");
    char line[256];
    while (f && fgets(line, sizeof(line), f)) {
        if (strncmp(line, "model name", 10) == 0 || strncmp(line, "flags", 5) == 0) {
            printf("cpuinfo %s", line);
        }
    }
    if (f) {
        fclose(f);
    }
    pthread_t t[4];
    for (long i = 0; i < 4; i++) {
        pthread_create(&t[i], NULL, count_primes, (void *)(i * 50000));
    }
    long total = 0;
    for (int i = 0; i < 4; i++) {
        void *r;
        pthread_join(t[i], &r);
        total += (long)r;
    }
    printf("4 threads counted %ld primes below 200000\n", total);
    fflush(stdout);
    pid_t p = fork();
    if (p == 0) {
        printf("child process %s: pi = %.15f, sqrt(2) = %.15f\n", getppid() > 0 ? "ok" : "?",
               4 * atan(1.0), sqrt(2.0));
        exit(42);
    }
    int st;
    waitpid(p, &st, 0);
    printf("child exited with %d\n", WEXITSTATUS(st));
    return 0;
}
