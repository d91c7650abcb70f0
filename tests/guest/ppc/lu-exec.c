// mimic-test: oracle host
// execve on a 32-bit big-endian guest: the program runs itself again
// (through argv[0] and through /proc/self/exe) with arguments and an
// environment, posix_spawn of itself, a #! script, and the errors of a
// missing file and of a file without execute permission. qemu-ppc cannot
// re-execute a guest program, so the oracle is this source built for the
// host and run natively (same output: nothing here depends on the ABI).
#define _GNU_SOURCE
#define _FILE_OFFSET_BITS 64
#include <errno.h>
#include <fcntl.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

static int child_mode(int argc, char **argv)
{
    const char *v = getenv("LU_EXEC_TEST");
    printf("child: argc %d", argc);
    for (int i = 1; i < argc; i++) {
        printf(" [%s]", argv[i]);
    }
    printf(" env %s\n", v ? v : "(unset)");
    return argc + 10;
}

static void run(const char *what, const char *path, char **args, char **env)
{
    fflush(stdout);
    pid_t p = fork();
    if (p == 0) {
        execve(path, args, env);
        printf("%s: execve failed errno %s\n", what,
               errno == ENOENT ? "ENOENT" : errno == EACCES ? "EACCES" : errno == ENOEXEC ? "ENOEXEC" : "other");
        fflush(stdout);
        _exit(99);
    }
    int st;
    waitpid(p, &st, 0);
    printf("%s: exit %d\n", what, WIFEXITED(st) ? WEXITSTATUS(st) : -WTERMSIG(st));
}

int main(int argc, char **argv)
{
    setvbuf(stdout, NULL, _IOLBF, 0);
    if (argc > 1 && strcmp(argv[1], "child") == 0) {
        return child_mode(argc, argv);
    }
    char *env[] = { "LU_EXEC_TEST=from-parent", "OTHER=1", NULL };
    char *args[] = { argv[0], "child", "one", "two words", "", NULL };
    run("self via argv[0]", argv[0], args, env);
    char *args2[] = { "renamed", "child", "x", NULL };
    run("self via /proc/self/exe", "/proc/self/exe", args2, env);
    char *noenv[] = { NULL };
    run("empty environment", argv[0], args2, noenv);
    run("missing file", "./no-such-program", args, env);

    char script[64], noexec[64];
    snprintf(script, sizeof(script), "lu-exec-script.%d", (int)getpid());
    snprintf(noexec, sizeof(noexec), "lu-exec-noexec.%d", (int)getpid());
    FILE *f = fopen(script, "w");
    fprintf(f, "#!/bin/sh\necho \"script: $# args: $*\"\nexit 7\n");
    fclose(f);
    chmod(script, 0755);
    char *sargs[] = { script, "a", "b", NULL };
    run("shell script", script, sargs, env);
    f = fopen(noexec, "w");
    fprintf(f, "not a program\n");
    fclose(f);
    chmod(noexec, 0644);
    run("no execute permission", noexec, sargs, env);
    unlink(script);
    unlink(noexec);

    pid_t p;
    char *spargs[] = { argv[0], "child", "spawned", NULL };
    int r = posix_spawn(&p, argv[0], NULL, NULL, spargs, environ);
    int st = 0;
    waitpid(p, &st, 0);
    printf("posix_spawn %d exit %d\n", r, WEXITSTATUS(st));
    return 0;
}
