// mimic-test: static-pie
// Code that changes under the translator through syscalls: a W^X JIT
// cycle (mprotect RW -> RX -> RW), code read() into an executable page,
// a file mapping replaced by another at the same address (as dlclose +
// dlopen do), and mremap moving code. Each run must execute the new code.
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

typedef uint32_t (*fn_t)(void);

/* mov $imm, %eax; ret */
static void emit(uint8_t *p, uint32_t imm)
{
    p[0] = 0xb8;
    memcpy(p + 1, &imm, 4);
    p[5] = 0xc3;
}

static void write_code_file(const char *name, uint32_t imm)
{
    uint8_t page[4096];
    memset(page, 0xcc, sizeof(page));
    emit(page, imm);
    int fd = open(name, O_CREAT | O_TRUNC | O_WRONLY, 0600);
    if (write(fd, page, sizeof(page)) != (ssize_t)sizeof(page)) {
        printf("write failed\n");
    }
    close(fd);
}

int main(void)
{
    long pg = sysconf(_SC_PAGESIZE);
    uint8_t *code = mmap(NULL, pg, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    for (uint32_t round = 1; round <= 5; round++) {
        mprotect(code, pg, PROT_READ | PROT_WRITE);
        emit(code, round * 111);
        mprotect(code, pg, PROT_READ | PROT_EXEC);
        printf("W^X round %u returns %u\n", round, ((fn_t)code)());
    }

    /* read() into a page that holds translated code */
    mprotect(code, pg, PROT_READ | PROT_WRITE | PROT_EXEC);
    int p[2];
    if (pipe(p) < 0) {
        return 1;
    }
    uint8_t fresh[6];
    emit(fresh, 4242);
    if (write(p[1], fresh, 6) != 6) {
        return 1;
    }
    printf("before read: %u\n", ((fn_t)code)());
    ssize_t n = read(p[0], code, 6);
    printf("read %zd, after read: %u\n", n, ((fn_t)code)());

    /* a file mapping replaced by another file at the same address */
    char a[64], b[64];
    snprintf(a, sizeof(a), "lu-codegen-a.%d", (int)getpid());
    snprintf(b, sizeof(b), "lu-codegen-b.%d", (int)getpid());
    write_code_file(a, 1001);
    write_code_file(b, 2002);
    int fa = open(a, O_RDONLY), fb = open(b, O_RDONLY);
    uint8_t *lib = mmap(NULL, pg, PROT_READ | PROT_EXEC, MAP_PRIVATE, fa, 0);
    printf("library a: %u\n", ((fn_t)lib)());
    munmap(lib, pg);
    uint8_t *lib2 = mmap(lib, pg, PROT_READ | PROT_EXEC, MAP_PRIVATE | MAP_FIXED, fb, 0);
    printf("library b at the same address %d: %u\n", lib2 == lib, ((fn_t)lib2)());
    uint8_t *lib3 = mmap(lib, pg, PROT_READ | PROT_EXEC, MAP_PRIVATE | MAP_FIXED, fa, 0);
    printf("library a mapped over b %d: %u\n", lib3 == lib, ((fn_t)lib3)());
    close(fa);
    close(fb);
    unlink(a);
    unlink(b);

    /* mremap moves code; new code at the old address */
    uint8_t *m = mmap(NULL, pg, PROT_READ | PROT_WRITE | PROT_EXEC, MAP_PRIVATE | MAP_ANONYMOUS,
                      -1, 0);
    emit(m, 7);
    printf("before move: %u\n", ((fn_t)m)());
    uint8_t *blocker = mmap(m + pg, pg, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
    uint8_t *moved = mremap(m, pg, 2 * pg, MREMAP_MAYMOVE);
    printf("moved %d: %u\n", moved != m && blocker == m + pg, ((fn_t)moved)());
    uint8_t *again = mmap(m, pg, PROT_READ | PROT_WRITE | PROT_EXEC,
                          MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
    emit(again, 8);
    printf("new code at the old address: %u\n", ((fn_t)again)());
    return 0;
}
