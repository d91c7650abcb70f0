/*
 * The syscall dispatcher: guest number -> common id (LuArch table) ->
 * handler or host passthrough with argument conversion by kind; restart
 * bookkeeping for interrupted calls; -strace; paths with the sysroot.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>
#include "exec/user-pages.h"
#include "linux-user/lu.h"
#include "linux-user/lu-syscall.h"
#include "util/log.h"
#include "util/hidden-fd.h"

int lu_errno(int host_errno)
{
    return host_errno;   /* i386 and PowerPC use the generic numbers */
}

uint32_t lu_flags_to_host(const LuFlagMap *m, uint32_t guest)
{
    if (!m) {
        return guest;
    }
    uint32_t out = 0, known = 0;
    for (; m->guest || m->host; m++) {
        known |= m->guest;
        if (guest & m->guest) {
            out |= m->host;
        }
    }
    return out | (guest & ~known);
}

uint32_t lu_flags_to_guest(const LuFlagMap *m, uint32_t host)
{
    if (!m) {
        return host;
    }
    uint32_t out = 0, known = 0;
    for (; m->guest || m->host; m++) {
        known |= m->host;
        if (host & m->host) {
            out |= m->guest;
        }
    }
    return out | (host & ~known);
}

static bool lu_is_proc_self(const char *p, const char *leaf)
{
    char buf[64];
    if (strncmp(p, "/proc/self/", 11) == 0) {
        return strcmp(p + 11, leaf) == 0;
    }
    snprintf(buf, sizeof(buf), "/proc/%d/%s", (int)getpid(), leaf);
    return strcmp(p, buf) == 0;
}

/* The root itself and the kernel's and scratch trees are never taken
 * from the sysroot (a Debian root folder has its own empty /tmp). */
static bool lu_path_is_host_only(const char *p)
{
    static const char *const host_only[] = { "/proc", "/dev", "/sys", "/tmp", "/run" };
    while (p[0] == '/' && p[1] == '/') {
        p++;
    }
    if (strcmp(p, "/") == 0) {
        return true;
    }
    for (size_t i = 0; i < sizeof(host_only) / sizeof(host_only[0]); i++) {
        size_t n = strlen(host_only[i]);
        if (strncmp(p, host_only[i], n) == 0 && (p[n] == 0 || p[n] == '/')) {
            return true;
        }
    }
    return false;
}

/* True if p is /proc/self/fd/N (or /proc/<our pid>/, /proc/thread-self/,
 * /dev/fd/) for one of the emulator's hidden descriptors. */
static bool lu_path_names_hidden_fd(const char *p)
{
    static const char *const dirs[] = { "/proc/self/fd/", "/proc/thread-self/fd/", "/dev/fd/" };
    char own[48];
    const char *rest = NULL;
    snprintf(own, sizeof(own), "/proc/%d/fd/", (int)getpid());
    for (size_t i = 0; i < sizeof(dirs) / sizeof(dirs[0]) && !rest; i++) {
        if (strncmp(p, dirs[i], strlen(dirs[i])) == 0) {
            rest = p + strlen(dirs[i]);
        }
    }
    if (!rest && strncmp(p, own, strlen(own)) == 0) {
        rest = p + strlen(own);
    }
    if (!rest || *rest < '0' || *rest > '9') {
        return false;
    }
    char *end;
    long n = strtol(rest, &end, 10);
    return (*end == 0 || *end == '/') && n < INT_MAX && mimic_fd_is_hidden((int)n);
}

const char *lu_path(const char *p, char *buf, size_t size)
{
    if (!p) {
        return NULL;
    }
    if (lu_is_proc_self(p, "exe")) {
        return lu_opts.exe_path;
    }
    if (lu_path_names_hidden_fd(p)) {
        /* as for a closed descriptor: no such entry (never open) */
        snprintf(buf, size, "/proc/self/fd/%d", INT_MAX);
        return buf;
    }
    if (!lu_opts.sysroot || p[0] != '/' || lu_path_is_host_only(p)) {
        return p;
    }
    struct stat st;
    if ((size_t)snprintf(buf, size, "%s%s", lu_opts.sysroot, p) >= size) {
        return p;
    }
    /* The host's ld.so.cache lists host libraries: with a sysroot the
     * guest's loader sees only the sysroot's (or none, and searches the
     * default directories, which map into the sysroot). */
    if (lstat(buf, &st) == 0 || strcmp(p, "/etc/ld.so.cache") == 0) {
        return buf;
    }
    return p;
}

long lu_safe_syscall_base(volatile sig_atomic_t *pending, long nr, long a1, long a2,
                          long a3, long a4, long a5, long a6);
extern char lu_safe_syscall_start[], lu_safe_syscall_end[], lu_safe_syscall_interrupted[];

long lu_safe_syscall(long nr, long a1, long a2, long a3, long a4, long a5, long a6)
{
    static volatile sig_atomic_t never;
    volatile sig_atomic_t *pending = lu_ts ? &lu_ts->pending_any : &never;
    return lu_safe_syscall_base(pending, nr, a1, a2, a3, a4, a5, a6);
}

long lu_safe_syscall_errno(long nr, long a1, long a2, long a3, long a4, long a5, long a6)
{
    long r = lu_safe_syscall(nr, a1, a2, a3, a4, a5, a6);
    if (r < 0 && r > -4096) {
        errno = (int)-r;
        return -1;
    }
    return r;
}

bool lu_safe_syscall_fixup(uintptr_t *pc)
{
    if (*pc >= (uintptr_t)lu_safe_syscall_start && *pc < (uintptr_t)lu_safe_syscall_end) {
        *pc = (uintptr_t)lu_safe_syscall_interrupted;
        return true;
    }
    return false;
}

/* Converts the guest arguments by kind and calls the host syscall
 * (a blocking one through the safe path). */
static int64_t lu_passthrough(const LuSyscallDef *d, const uint32_t *args)
{
    uint32_t a[6];
    memcpy(a, args, sizeof(a));   /* 'w' may shorten the size that follows */
    long h[6] = { 0 };
    char paths[2][PATH_MAX];
    int n = 0, ai = 0, np = 0;
    for (const char *k = d->args; *k && ai < 6; k++) {
        uint32_t v = a[ai++];
        const char *s;
        switch (*k) {
        case 'd':
        case 'f':
            h[n++] = (int32_t)v;
            break;
        case 's':
        case 'S':
            if (v == 0) {
                h[n++] = 0;
                break;
            }
            s = lu_guest_str(v);
            if (!s) {
                return -EFAULT;
            }
            if (*k == 's' && np < 2) {
                s = lu_path(s, paths[np], sizeof(paths[np]));
                np++;
            }
            h[n++] = (long)s;
            break;
        case 'P':
            if (lu_arch->big_endian) {
                char msg[96];
                snprintf(msg, sizeof(msg), "%s: syscall %s needs a byte-order handler: "
                         "returning ENOSYS", lu_arch->name, d->name);
                mimic_log_once(0, msg);
                return -ENOSYS;
            }
            h[n++] = v ? (long)g2h(v) : 0;
            break;
        case 'p':
            h[n++] = v ? (long)g2h(v) : 0;
            break;
        case 'w':
            /* A buffer the kernel writes, its size next: handed over
             * as it is (clamped at 4 GiB), so EFAULT comes only from a
             * byte the kernel really touches, as on Linux. */
            if (v && ai < 6) {
                a[ai] = lu_guest_span(v, a[ai], true);
            }
            h[n++] = v ? (long)g2h(v) : 0;
            break;
        case 'L':
            if (lu_arch->pair_align && (ai - 1) % 2) {
                v = a[ai++];
            }
            h[n++] = (long)((uint64_t)v | ((uint64_t)a[ai++] << 32));
            break;
        default:
            h[n++] = v;
            break;
        }
    }
    if (d->restart) {
        long r = lu_safe_syscall(d->host_nr, h[0], h[1], h[2], h[3], h[4], h[5]);
        return r < 0 && r > -4096 ? -(int64_t)lu_errno((int)-r) : r;
    }
    long r = syscall(d->host_nr, h[0], h[1], h[2], h[3], h[4], h[5]);
    return r < 0 ? -(int64_t)lu_errno(errno) : r;
}

static void lu_unsupported(uint32_t nr, const LuSyscallDef *d)
{
    char msg[128];
    if (d) {
        snprintf(msg, sizeof(msg), "%s: unsupported syscall %u (%s): returning ENOSYS",
                 lu_arch->name, nr, d->name);
    } else {
        snprintf(msg, sizeof(msg), "%s: unsupported syscall %u: returning ENOSYS",
                 lu_arch->name, nr);
    }
    /* Always shown (mask 0), once per syscall: on stderr, or in the -D file. */
    mimic_log_once(0, msg);
}

/* True if a descriptor argument ('f') names one of the emulator's own
 * hidden descriptors (util/hidden-fd.h). */
static bool lu_names_hidden_fd(const LuSyscallDef *d, const uint32_t *a)
{
    int ai = 0;
    for (const char *k = d->args; *k && ai < 6; k++, ai++) {
        if (*k == 'f' && mimic_fd_is_hidden((int32_t)a[ai])) {
            return true;
        }
        if (*k == 'L') {
            if (lu_arch->pair_align && ai % 2) {
                ai++;
            }
            ai++;
        }
    }
    return false;
}

void lu_do_syscall(CPUState *cpu)
{
    uint32_t nr, a[6];
    int64_t ret;
    lu_arch->get_syscall(cpu, &nr, a);
    uint16_t id = nr < lu_arch->nb_syscall_ids ? lu_arch->syscall_ids[nr] : 0;
    const LuSyscallDef *d = id ? &lu_syscall_defs[id] : NULL;
    bool strace = mimic_log_enabled(LOG_STRACE);
    if (!d || (!d->fn && d->host_nr < 0)) {
        if (strace) {
            mimic_log("%d syscall_%u(0x%x, 0x%x, 0x%x) = -1 (ENOSYS)\n", lu_ts->tid, nr,
                      a[0], a[1], a[2]);
        }
        lu_unsupported(nr, d);
        lu_arch->set_syscall_result(cpu, -ENOSYS);
        return;
    }
    if (strace) {
        lu_strace_enter(d, nr, a);
    }
    if (d->restart && lu_ts->pending_any) {
        /* A signal came in since the last delivery: take it first rather
         * than block in the host with it pending. */
        ret = -EINTR;
    } else if (lu_names_hidden_fd(d, a)) {
        ret = -EBADF;      /* the emulator's own descriptor: not the guest's */
    } else {
        ret = d->fn ? d->fn(a) : lu_passthrough(d, a);
    }
    if (ret == -EINTR && d->restart) {
        ret = d->restart == 'R' ? -LU_ERESTARTSYS : -LU_ERESTARTNOHAND;
    }
    if (strace) {
        lu_strace_exit(d, ret, a);
    }
    if (ret == -LU_ERESTARTSYS || ret == -LU_ERESTARTNOHAND || ret == -LU_ERESTARTNOINTR) {
        lu_ts->restart_kind = (int)-ret;
        return;
    }
    if (ret == -LU_EJUSTRETURN) {
        return;
    }
    lu_arch->set_syscall_result(cpu, (int32_t)ret);
}
