// mimic-test: static-only
// (Static only: natively, exec of a dynamic i386 program needs the host to
// have /lib/ld-linux.so.2, which the test machines need not have.)
// Processes: fork and wait (exit codes, statuses), pipes between parent
// and child, wait4 with rusage, vfork, posix_spawn, getpid/getppid
// relations, execve of this program with an argument (the child mode
// prints its arguments), a shell-less execve of a missing file.
#define _GNU_SOURCE
#include <errno.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

int main(int argc, char **argv)
{
    if (argc > 1 && strcmp(argv[1], "child-mode") == 0) {
        printf("child mode: argc %d args", argc);
        for (int i = 1; i < argc; i++) {
            printf(" %s", argv[i]);
        }
        printf(" env LU_TEST=%s\n", getenv("LU_TEST") ? getenv("LU_TEST") : "(unset)");
        return 5;
    }
    fflush(stdout);
    pid_t me = getpid();
    pid_t p = fork();
    if (p == 0) {
        printf("child: parent matches %d\n", getppid() == me);
        fflush(stdout);
        _exit(7);
    }
    int st;
    pid_t w = waitpid(p, &st, 0);
    printf("waitpid same pid %d exited %d code %d\n", w == p, WIFEXITED(st), WEXITSTATUS(st));

    int fds[2];
    if (pipe(fds) < 0) {
        return 1;
    }
    p = fork();
    if (p == 0) {
        close(fds[0]);
        const char msg[] = "message from child";
        if (write(fds[1], msg, sizeof(msg)) < 0) {
            _exit(1);
        }
        _exit(0);
    }
    close(fds[1]);
    char buf[64] = { 0 };
    ssize_t n = read(fds[0], buf, sizeof(buf));
    printf("read from child %zd '%s'\n", n, buf);
    struct rusage ru;
    w = wait4(p, &st, 0, &ru);
    printf("wait4 %d status %d rusage sane %d\n", w == p, WEXITSTATUS(st), ru.ru_utime.tv_sec >= 0);
    close(fds[0]);

    p = vfork();
    if (p == 0) {
        _exit(3);
    }
    waitpid(p, &st, 0);
    printf("vfork child exit %d\n", WEXITSTATUS(st));

    fflush(stdout);
    p = fork();
    if (p == 0) {
        char *args[] = { argv[0], "child-mode", "a1", "a 2", NULL };
        setenv("LU_TEST", "from-parent", 1);
        execve(argv[0], args, environ);
        printf("execve failed %d\n", errno);
        _exit(99);
    }
    waitpid(p, &st, 0);
    printf("exec'd child exit %d\n", WEXITSTATUS(st));

    fflush(stdout);
    char *sargs[] = { argv[0], "child-mode", "spawned", NULL };
    int r = posix_spawn(&p, argv[0], NULL, NULL, sargs, environ);
    waitpid(p, &st, 0);
    printf("posix_spawn %d exit %d\n", r, WEXITSTATUS(st));

    char *bad[] = { "/no/such/program", NULL };
    r = execve(bad[0], bad, environ);
    printf("execve missing %d errno %d\n", r, errno);

    int kids = 0;
    for (int i = 0; i < 5; i++) {
        if (fork() == 0) {
            _exit(10 + i);
        }
    }
    int sum = 0;
    while ((w = wait(&st)) > 0) {
        kids++;
        sum += WEXITSTATUS(st);
    }
    printf("reaped %d children, sum %d, then errno %d\n", kids, sum, errno);
    return 0;
}
