/*
 * /proc emulation: the files that must describe the guest rather than
 * the emulator (/proc/self/maps, /proc/self/exe, /proc/self/cmdline,
 * /proc/self/auxv, /proc/cpuinfo).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>
#include "linux-user/lu.h"

extern char **lu_guest_argv;
extern int lu_guest_argc;
extern uint8_t *lu_auxv;
extern size_t lu_auxv_size;

/* "/proc/self/leaf", "/proc/<our pid>/leaf" or "/proc/thread-self/leaf"
 * -> leaf; NULL otherwise. */
static const char *lu_proc_self_leaf(const char *p)
{
    char buf[32];
    if (strncmp(p, "/proc/self/", 11) == 0) {
        return p + 11;
    }
    if (strncmp(p, "/proc/thread-self/", 18) == 0) {
        return p + 18;
    }
    int n = snprintf(buf, sizeof(buf), "/proc/%d/", (int)getpid());
    if (strncmp(p, buf, n) == 0) {
        return p + n;
    }
    return NULL;
}

static int lu_memfd_with(void (*fill)(FILE *f), int flags)
{
    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);
    if (!f) {
        return -1;
    }
    fill(f);
    fclose(f);
    int fd = memfd_create("mimic-proc", (flags & O_CLOEXEC) ? MFD_CLOEXEC : 0);
    if (fd >= 0) {
        if (write(fd, text, len) != (ssize_t)len) {
            close(fd);
            fd = -1;
        } else {
            lseek(fd, 0, SEEK_SET);
        }
    }
    free(text);
    return fd;
}

static void lu_fill_cmdline(FILE *f)
{
    for (int i = 0; i < lu_guest_argc; i++) {
        fwrite(lu_guest_argv[i], 1, strlen(lu_guest_argv[i]) + 1, f);
    }
}

static void lu_fill_auxv(FILE *f)
{
    fwrite(lu_auxv, 1, lu_auxv_size, f);
}

int lu_proc_open(const char *path, int flags, int *err)
{
    const char *leaf = lu_proc_self_leaf(path);
    int fd = -2;
    if (leaf && strcmp(leaf, "maps") == 0) {
        fd = lu_memfd_with(lu_write_maps, flags);
    } else if (leaf && strcmp(leaf, "cmdline") == 0) {
        fd = lu_memfd_with(lu_fill_cmdline, flags);
    } else if (leaf && strcmp(leaf, "auxv") == 0) {
        fd = lu_memfd_with(lu_fill_auxv, flags);
    } else if (leaf && strcmp(leaf, "exe") == 0) {
        fd = open(lu_opts.exe_path, flags & ~(O_CREAT | O_TRUNC | O_WRONLY | O_RDWR));
    } else if (strcmp(path, "/proc/cpuinfo") == 0) {
        fd = lu_memfd_with(lu_arch->write_cpuinfo, flags);
    }
    if (fd == -2) {
        return -1;
    }
    if (fd < 0) {
        *err = errno;
    }
    return fd < 0 ? -3 : fd;
}

int lu_proc_readlink(const char *path, char *buf, size_t size)
{
    const char *leaf = lu_proc_self_leaf(path);
    if (!leaf || strcmp(leaf, "exe") != 0) {
        return -1;
    }
    size_t n = strlen(lu_opts.exe_path);
    if (n > size) {
        n = size;
    }
    memcpy(buf, lu_opts.exe_path, n);
    return (int)n;
}
