/*
 * Access past the end of a file mapping: Linux sends SIGBUS (BUS_ADRERR,
 * si_addr the address) for reads and writes alike, and the program can
 * go on after its handler. Mimic used to send SIGSEGV for the read and
 * then spin forever on the write. Compared with the native run (ppc: with
 * the same source run natively on the host).
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <setjmp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>

static sigjmp_buf jb;
static volatile char *map;

static void on_fault(int sig, siginfo_t *si, void *uc)
{
    printf("  signal %d code %d at map+%ld\n", sig, si->si_code, (long)((char *)si->si_addr - (char *)map));
    siglongjmp(jb, 1);
}

int main(void)
{
    char path[] = "/tmp/mimic-sigbus-XXXXXX";
    int fd = mkstemp(path);
    unlink(path);
    if (fd < 0 || ftruncate(fd, 100) < 0) {
        return 1;
    }
    map = mmap(NULL, 3 * 4096, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    if (map == MAP_FAILED) {
        return 1;
    }
    struct sigaction sa = { 0 };
    sa.sa_sigaction = on_fault;
    sa.sa_flags = SA_SIGINFO | SA_NODEFER;
    sigaction(SIGBUS, &sa, NULL);
    sigaction(SIGSEGV, &sa, NULL);
    printf("read inside the file's page: %d\n", map[200]);
    fflush(stdout);
    for (int i = 0; i < 3; i++) {
        long off = 4096 + 8 * i + 4096 * (i == 2);
        if (!sigsetjmp(jb, 1)) {
            printf("read map+%ld: %d\n", off, map[off]);
        }
        if (!sigsetjmp(jb, 1)) {
            map[off] = 1;
            printf("wrote map+%ld\n", off);
        }
        fflush(stdout);
    }
    /* Growing the file makes the page valid again. */
    ftruncate(fd, 8192);
    map[4096 + 8] = 42;
    printf("after growing the file: %d\n", map[4096 + 8]);
    return 0;
}
