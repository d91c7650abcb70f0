// mimic-test: static-only
/* vfork and posix_spawn (clone CLONE_VM|CLONE_VFORK): the child shares the
 * parent's memory, the parent waits until the child execs or exits,
 * posix_spawn reports an exec failure, file actions and signal resets in
 * the child do not change the parent. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

extern char **environ;
static volatile int shared_var;
static volatile int usr1_count;

static void on_usr1(int sig)
{
    usr1_count++;
}

static volatile int stop_busy;

/* A parent thread that keeps running (allocating, signalling itself)
 * while children share the memory. */
static void *busy(void *arg)
{
    long n = 0;
    while (!stop_busy) {
        char *p = malloc(64 + n % 512);
        snprintf(p, 64, "%ld", n);
        n += strlen(p);
        free(p);
    }
    return (void *)n;
}

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec + t.tv_nsec / 1e9;
}

static void spawn_and_wait(const char *what, char *const argv[], posix_spawn_file_actions_t *fa,
                           posix_spawnattr_t *attr)
{
    pid_t pid = -1;
    int r = posix_spawn(&pid, argv[0], fa, attr, argv, environ);
    int st = 0;
    if (r == 0) {
        waitpid(pid, &st, 0);
    }
    /* Printed after the child's own output. */
    printf("%s: posix_spawn %s", what, r ? strerror(r) : "0");
    if (r == 0) {
        printf(", exit %d", WIFEXITED(st) ? WEXITSTATUS(st) : -WTERMSIG(st));
    }
    printf("\n");
}

int main(int argc, char **argv)
{
    if (argc > 1 && !strcmp(argv[1], "child-sleep")) {
        /* Exec'd by a vfork child: tell the time after a pause. */
        return 0;
    }
    if (argc > 1 && !strcmp(argv[1], "child-fds")) {
        /* fd 5 was opened by a file action, fd 6 closed, fd 1 dup'ed. */
        char buf[32] = "";
        ssize_t n = read(5, buf, sizeof(buf) - 1);
        printf("child: fd5 read %zd '%.*s', fd6 %s\n", n, (int)(n > 0 ? n : 0), buf,
               fcntl(6, F_GETFD) < 0 ? "closed" : "open");
        struct sigaction sa;
        sigaction(SIGUSR1, NULL, &sa);
        printf("child: SIGUSR1 %s\n", sa.sa_handler == SIG_DFL ? "default" :
               sa.sa_handler == SIG_IGN ? "ignored" : "handler");
        return 7;
    }
    setvbuf(stdout, NULL, _IONBF, 0);
    signal(SIGUSR1, on_usr1);

    /* vfork: the child's write is seen by the parent; the parent runs
     * only after the child's _exit. */
    shared_var = 1;
    pid_t pid = vfork();
    if (pid == 0) {
        shared_var = 42;
        struct timespec d = { 0, 200 * 1000 * 1000 };
        nanosleep(&d, NULL);
        shared_var = 43;
        _exit(5);
    }
    int st;
    printf("vfork: parent sees %d\n", shared_var);
    waitpid(pid, &st, 0);
    printf("vfork: child exit %d\n", WEXITSTATUS(st));

    /* The parent is suspended until the child execs: the exec'd program
     * starts 300 ms after the vfork, and the parent resumes after that. */
    double t0 = now();
    pid = vfork();
    if (pid == 0) {
        struct timespec d = { 0, 300 * 1000 * 1000 };
        nanosleep(&d, NULL);
        char *args[] = { argv[0], "child-sleep", NULL };
        execv("/proc/self/exe", args);
        _exit(127);
    }
    double waited = now() - t0;
    waitpid(pid, &st, 0);
    printf("vfork+exec: parent waited >= 0.3 s: %s, child exit %d\n",
           waited >= 0.29 ? "yes" : "no", WEXITSTATUS(st));

    /* A vfork child's failed exec, then its exit status. */
    pid = vfork();
    if (pid == 0) {
        execl("/nonexistent/program", "x", (char *)NULL);
        shared_var = errno;
        _exit(9);
    }
    waitpid(pid, &st, 0);
    printf("vfork: failed exec errno %s, exit %d\n", strerror(shared_var), WEXITSTATUS(st));

    /* posix_spawn of what cannot run reports the error. */
    char *missing[] = { "/nonexistent/program", NULL };
    spawn_and_wait("missing", missing, NULL, NULL);
    char *notexec[] = { "/etc/passwd", NULL };
    spawn_and_wait("not executable", notexec, NULL, NULL);
    char *dir[] = { "/tmp", NULL };
    spawn_and_wait("directory", dir, NULL, NULL);

    /* File actions: open on fd 5, close fd 6; the signal handler of the
     * parent is reset in the child only (POSIX_SPAWN_SETSIGDEF). */
    char path[] = "/tmp/lu-vfork-XXXXXX";
    int tfd = mkstemp(path);
    if (write(tfd, "hello", 5) != 5) {
        return 1;
    }
    close(tfd);
    dup2(1, 6);
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_addopen(&fa, 5, path, O_RDONLY, 0);
    posix_spawn_file_actions_addclose(&fa, 6);
    posix_spawnattr_t attr;
    posix_spawnattr_init(&attr);
    sigset_t def;
    sigemptyset(&def);
    sigaddset(&def, SIGUSR1);
    posix_spawnattr_setsigdefault(&attr, &def);
    posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETSIGDEF);
    char *fds[] = { argv[0], "child-fds", NULL };
    char self[4096];
    ssize_t n = readlink("/proc/self/exe", self, sizeof(self) - 1);
    self[n > 0 ? n : 0] = 0;
    fds[0] = self;
    spawn_and_wait("file actions", fds, &fa, &attr);
    /* ... a file action that fails is reported too. */
    posix_spawn_file_actions_t bad;
    posix_spawn_file_actions_init(&bad);
    posix_spawn_file_actions_addopen(&bad, 5, "/nonexistent/file", O_RDONLY, 0);
    spawn_and_wait("failing file action", fds, &bad, NULL);
    unlink(path);
    printf("parent: fd6 %s\n", fcntl(6, F_GETFD) < 0 ? "closed" : "open");
    raise(SIGUSR1);
    printf("parent: SIGUSR1 handler still runs: %d\n", usr1_count);

    /* Many in a row (each child shares, then leaves, our memory). */
    int ok = 0;
    for (int i = 0; i < 10; i++) {
        char *t[] = { self, "child-sleep", NULL };
        if (posix_spawn(&pid, self, NULL, NULL, t, environ) == 0 &&
            waitpid(pid, &st, 0) == pid && WIFEXITED(st) && WEXITSTATUS(st) == 0) {
            ok++;
        }
    }
    printf("10 spawns: %d ok\n", ok);

    /* ... while two other threads of the parent run. */
    pthread_t th[2];
    for (int i = 0; i < 2; i++) {
        pthread_create(&th[i], NULL, busy, NULL);
    }
    ok = 0;
    for (int i = 0; i < 10; i++) {
        char *t[] = { self, "child-sleep", NULL };
        if (posix_spawn(&pid, self, NULL, NULL, t, environ) == 0 &&
            waitpid(pid, &st, 0) == pid && WIFEXITED(st) && WEXITSTATUS(st) == 0) {
            ok++;
        }
        if (posix_spawn(&pid, "/nonexistent", NULL, NULL, t, environ) == ENOENT) {
            ok++;
        }
    }
    stop_busy = 1;
    for (int i = 0; i < 2; i++) {
        pthread_join(th[i], NULL);
    }
    printf("20 spawns with threads running: %d ok\n", ok);
    return 0;
}
