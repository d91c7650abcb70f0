// mimic-test: static-only
/*
 * A program without PT_GNU_STACK runs with READ_IMPLIES_EXEC (Linux's
 * rule for 32-bit tasks): readable mappings and the stack are executable,
 * and personality() shows the flag. The test writes a copy of itself with
 * PT_GNU_STACK turned into PT_NULL and runs it. Compared with native.
 */
#define _GNU_SOURCE
#include <elf.h>
#include <fcntl.h>
#include <setjmp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/personality.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

static sigjmp_buf jb;

static void on_segv(int sig)
{
    siglongjmp(jb, 1);
}

/* mov $42, %eax; ret */
static const unsigned char code[] = { 0xb8, 42, 0, 0, 0, 0xc3 };

static void try_call(const char *what, void *p)
{
    signal(SIGSEGV, on_segv);
    if (!sigsetjmp(jb, 1)) {
        int r = ((int (*)(void))p)();
        printf("  %s: call returned %d\n", what, r);
    } else {
        printf("  %s: SIGSEGV\n", what);
    }
}

static void child(void)
{
    int pers = personality(0xffffffff);
    printf("  READ_IMPLIES_EXEC: %d\n", (pers & READ_IMPLIES_EXEC) != 0);
    unsigned char *m = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    memcpy(m, code, sizeof code);
    try_call("code in a PROT_READ|PROT_WRITE mapping", m);
    mprotect(m, 4096, PROT_READ);
    try_call("after mprotect(PROT_READ)", m);
    unsigned char onstack[16];
    volatile unsigned char *v = onstack;
    for (size_t i = 0; i < sizeof code; i++) {
        v[i] = code[i];
    }
    __builtin___clear_cache((char *)onstack, (char *)onstack + sizeof code);
    try_call("code on the stack", onstack);
}

int main(int argc, char **argv)
{
    if (argc > 1 && !strcmp(argv[1], "child")) {
        child();
        return 0;
    }
    printf("as built (PT_GNU_STACK RW):\n");
    fflush(stdout);
    if (fork() == 0) {
        child();
        exit(0);
    }
    wait(NULL);
    int in = open("/proc/self/exe", O_RDONLY);
    struct stat st;
    fstat(in, &st);
    unsigned char *d = malloc(st.st_size);
    if (read(in, d, st.st_size) != st.st_size) {
        return 1;
    }
    Elf32_Ehdr *eh = (Elf32_Ehdr *)d;
    Elf32_Phdr *ph = (Elf32_Phdr *)(d + eh->e_phoff);
    for (int i = 0; i < eh->e_phnum; i++) {
        if (ph[i].p_type == PT_GNU_STACK) {
            ph[i].p_type = PT_NULL;
        }
    }
    char path[] = "/tmp/mimic-readexec-XXXXXX";
    int out = mkstemp(path);
    if (write(out, d, st.st_size) != st.st_size) {
        return 1;
    }
    fchmod(out, 0755);
    close(out);
    printf("without PT_GNU_STACK:\n");
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) {
        execl(path, path, "child", (char *)NULL);
        _exit(127);
    }
    int status;
    waitpid(pid, &status, 0);
    unlink(path);
    printf("child exit %d\n", WEXITSTATUS(status));
    return 0;
}
