/*
 * For tests that map over or discard the top of the 4 GiB space: natively
 * the kernel puts a 32-bit task's stack at a random place up to 0xffffe000,
 * so now and then (about 1 run in 60) the stack lies in the range a test
 * is about to clobber and the native run crashes. stack_avoid(lo) re-runs
 * the program (same command line, new random layout) while the [stack]
 * mapping reaches above lo; a run that starts clean prints nothing here.
 */
#ifndef STACK_AVOID_H
#define STACK_AVOID_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static void stack_avoid(unsigned long lo)
{
    FILE *f = fopen("/proc/self/maps", "r");
    char line[512];
    unsigned long start, end, top = 0;

    if (!f) {
        return;
    }
    while (fgets(line, sizeof(line), f)) {
        if (strstr(line, "[stack]") && sscanf(line, "%lx-%lx", &start, &end) == 2) {
            top = end;
        }
    }
    fclose(f);
    if (top <= lo) {
        return;
    }
    const char *tries = getenv("STACK_AVOID_TRIES");
    int n = tries ? atoi(tries) : 0;
    if (n >= 50) {
        fprintf(stderr, "stack_avoid: the stack still ends at %#lx after %d runs\n", top, n);
        exit(2);
    }
    char count[16];
    snprintf(count, sizeof(count), "%d", n + 1);
    setenv("STACK_AVOID_TRIES", count, 1);

    /* The whole command line, loader and its options included when the
     * program runs as ld-linux.so.2 --library-path ... prog. */
    static char cmdline[8192];
    static char *argv[256];
    f = fopen("/proc/self/cmdline", "r");
    if (!f) {
        return;
    }
    size_t len = fread(cmdline, 1, sizeof(cmdline) - 1, f);
    fclose(f);
    int argc = 0;
    for (size_t i = 0; i < len && argc < 255; i += strlen(cmdline + i) + 1) {
        argv[argc++] = cmdline + i;
    }
    argv[argc] = NULL;
    fflush(stdout);
    execv("/proc/self/exe", argv);
}

#endif
