/*
 * -strace: one line per guest syscall with its arguments decoded by the
 * argument kinds of the common table, and its result.
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <string.h>
#include "linux-user/lu-conv.h"
#include "linux-user/lu.h"
#include "linux-user/lu-syscall.h"
#include "util/log.h"

static void lu_strace_str(char *out, size_t size, uint32_t addr)
{
    const char *s = addr ? lu_guest_str(addr) : NULL;
    if (!addr) {
        snprintf(out, size, "NULL");
        return;
    }
    if (!s) {
        snprintf(out, size, "0x%x", addr);
        return;
    }
    size_t n = 0;
    out[n++] = '"';
    for (; *s && n + 8 < size; s++) {
        unsigned char c = (unsigned char)*s;
        if (c == '\n') {
            n += snprintf(out + n, size - n, "\\n");
        } else if (c < 32 || c >= 127) {
            n += snprintf(out + n, size - n, "\\%o", c);
        } else {
            out[n++] = c;
        }
    }
    if (*s) {
        n += snprintf(out + n, size - n, "...");
    }
    snprintf(out + n, size - n, "\"");
}

void lu_strace_enter(const LuSyscallDef *d, uint32_t nr, const uint32_t *a)
{
    char line[1024], tmp[300];
    size_t n = snprintf(line, sizeof(line), "%d %s(", lu_ts->tid, d->name);
    int ai = 0;
    for (const char *k = d->args; *k && ai < 6; k++) {
        uint32_t v = a[ai++];
        switch (*k) {
        case 'd':
            snprintf(tmp, sizeof(tmp), "%d", (int32_t)v);
            break;
        case 'f':
            snprintf(tmp, sizeof(tmp), (int32_t)v == -100 ? "AT_FDCWD" : "%d", (int32_t)v);
            break;
        case 'u':
            snprintf(tmp, sizeof(tmp), "%u", v);
            break;
        case 'o':
            snprintf(tmp, sizeof(tmp), "0%o", v);
            break;
        case 's':
        case 'S':
            lu_strace_str(tmp, sizeof(tmp), v);
            break;
        case 'L':
            if (ai < 6) {
                int i = ai - 1;   /* pair alignment and word order of the guest */
                uint64_t x = lu_arg64(a, &i);
                ai = i;
                snprintf(tmp, sizeof(tmp), "%lld", (long long)x);
                break;
            }
            /* fall through */
        default:
            snprintf(tmp, sizeof(tmp), v ? "0x%x" : "NULL", v);
            if (*k == 'x') {
                snprintf(tmp, sizeof(tmp), "0x%x", v);
            }
            break;
        }
        n += snprintf(line + n, sizeof(line) - n, "%s%s", ai > 1 ? "," : "", tmp);
        if (n >= sizeof(line)) {
            n = sizeof(line) - 1;
        }
    }
    mimic_log("%s)", line);
}

void lu_strace_exit(const LuSyscallDef *d, int64_t ret, const uint32_t *a)
{
    if (ret < 0 && ret >= -4096) {
        int e = (int)-ret;
        if (e == LU_ERESTARTSYS || e == LU_ERESTARTNOHAND || e == LU_ERESTARTNOINTR) {
            mimic_log(" = ? (interrupted, to restart)\n");
        } else {
            mimic_log(" = -1 errno=%d (%s)\n", e, strerror(e));
        }
    } else if (d->ret == 'x') {
        mimic_log(" = 0x%x\n", (uint32_t)ret);
    } else if (d->ret == 'o') {
        mimic_log(" = 0%o\n", (uint32_t)ret);
    } else {
        mimic_log(" = %lld\n", (long long)ret);
    }
}
