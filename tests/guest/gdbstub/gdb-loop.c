/*
 * A program that sleeps in short steps for about two seconds, for the
 * raw protocol checks of rsp-check.py (gdb's ^C must stop it while it
 * runs or sleeps). Prints "done" at the end.
 */
#include <stdio.h>
#include <time.h>

int main(void)
{
    struct timespec ts = { 0, 50 * 1000 * 1000 };

    for (int i = 0; i < 40; i++) {
        nanosleep(&ts, NULL);
    }
    printf("done\n");
    return 0;
}
