/*
 * The gdb stub's signal test program: raises SIGUSR1 (handled) and, with
 * an argument, SIGUSR2 (default action: the process dies). It prints the
 * signal its handler saw, 0 if gdb did not pass SIGUSR1 on.
 */
#include <signal.h>
#include <stdio.h>

static volatile sig_atomic_t handled;

static void on_usr1(int sig)
{
    handled = sig;
}

int main(int argc, char **argv)
{
    signal(SIGUSR1, on_usr1);
    raise(SIGUSR1);
    printf("handled %d\n", (int)handled);
    fflush(stdout);
    if (argc > 1) {
        raise(SIGUSR2);
    }
    return 0;
}
