/*
 * Debug logging: the -d item list (one table below), the -D log file and
 * messages logged once. Everything else calls mimic_log/mimic_log_enabled.
 */
#include <fcntl.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <glib.h>
#include "util/log.h"
#include "util/hidden-fd.h"

int mimic_log_mask;
FILE *mimic_log_file;

typedef struct LogItem {
    int mask;
    const char *name;
    const char *help;
} LogItem;

static const LogItem log_items[] = {
    { LOG_IN_ASM, "in_asm", "show guest code of each translated block" },
    { LOG_OP, "op", "show IR ops before optimization" },
    { LOG_OP_OPT, "op_opt", "show IR ops after optimization" },
    { LOG_OUT_ASM, "out_asm", "show generated host code" },
    { LOG_EXEC, "exec", "show each block as it starts (use with nochain)" },
    { LOG_CPU, "cpu", "show guest registers before each block" },
    { LOG_INT, "int", "show exceptions and interrupts" },
    { LOG_MMU, "mmu", "show page table walks and TLB fills (system mode)" },
    { LOG_NOCHAIN, "nochain", "do not chain blocks together" },
    { LOG_STRACE, "strace", "show guest system calls" },
    { LOG_UNIMP, "unimp", "show unimplemented features" },
    { LOG_GUEST_ERROR, "guest_errors", "show invalid guest operations" },
    { LOG_STATS, "stats", "print code cache counters at exit" },
    { LOG_NOOPT, "nooptimize", "disable the IR optimizer" },
};

static pthread_mutex_t log_once_lock = PTHREAD_MUTEX_INITIALIZER;
static GHashTable *log_once_seen;

__attribute__((constructor)) static void log_init_default_file(void)
{
    if (!mimic_log_file) {
        mimic_log_file = stderr;
    }
}

void mimic_log(const char *fmt, ...)
{
    FILE *f = mimic_log_file ? mimic_log_file : stderr;
    va_list ap;

    va_start(ap, fmt);
    vfprintf(f, fmt, ap);
    va_end(ap);
}

void mimic_log_print_help(FILE *f)
{
    fprintf(f, "Log items (comma separated, for -d):\n");
    for (size_t i = 0; i < sizeof(log_items) / sizeof(log_items[0]); i++) {
        fprintf(f, "  %-13s %s\n", log_items[i].name, log_items[i].help);
    }
    fprintf(f, "  %-13s %s\n", "help", "print this list and exit");
}

static int log_item_mask(const char *name, size_t len)
{
    for (size_t i = 0; i < sizeof(log_items) / sizeof(log_items[0]); i++) {
        if (strlen(log_items[i].name) == len &&
            memcmp(log_items[i].name, name, len) == 0) {
            return log_items[i].mask;
        }
    }
    return -1;
}

int mimic_log_parse(const char *items)
{
    int mask = 0;
    const char *p = items;

    if (strcmp(items, "help") == 0) {
        mimic_log_print_help(stdout);
        exit(0);
    }
    while (*p) {
        const char *comma = strchr(p, ',');
        size_t len = comma ? (size_t)(comma - p) : strlen(p);
        if (len > 0) {
            int m = log_item_mask(p, len);
            if (m < 0) {
                fprintf(stderr, "mimic: unknown log item '%.*s' (try -d help)\n",
                        (int)len, p);
                return -1;
            }
            mask |= m;
        }
        p += len;
        if (*p == ',') {
            p++;
        }
    }
    mimic_log_mask = mask;
    return mask;
}

bool mimic_log_set_file(const char *path)
{
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
    FILE *f = NULL;

    if (fd >= 0) {
        fd = mimic_fd_hide(fd);     /* out of a linux-user guest's way */
        f = fdopen(fd, "w");
        if (!f) {
            mimic_fd_unhide(fd);
            close(fd);
        }
    }
    if (!f) {
        fprintf(stderr, "mimic: cannot open log file '%s': %m\n", path);
        return false;
    }
    setvbuf(f, NULL, _IOLBF, 0);
    if (mimic_log_file && mimic_log_file != stderr && mimic_log_file != stdout) {
        mimic_fd_unhide(fileno(mimic_log_file));
        fclose(mimic_log_file);
    }
    mimic_log_file = f;
    return true;
}

void mimic_log_once(int mask, const char *msg)
{
    bool first;

    if (mask != 0 && !mimic_log_enabled(mask)) {
        return;
    }
    pthread_mutex_lock(&log_once_lock);
    if (!log_once_seen) {
        log_once_seen = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    }
    first = !g_hash_table_contains(log_once_seen, msg);
    if (first) {
        g_hash_table_add(log_once_seen, g_strdup(msg));
    }
    pthread_mutex_unlock(&log_once_lock);
    if (first) {
        mimic_log("%s\n", msg);
    }
}
