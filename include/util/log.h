/*
 * Debug logging as in QEMU: -d item,item and -D file. Items are a bit
 * mask; mimic_log writes to the log file (stderr by default).
 */
#ifndef UTIL_LOG_H
#define UTIL_LOG_H

#include <stdbool.h>
#include <stdio.h>

enum {
    LOG_IN_ASM = 1 << 0,   /* guest code of each new block */
    LOG_OP = 1 << 1,       /* IR before optimization */
    LOG_OP_OPT = 1 << 2,   /* IR after optimization */
    LOG_OUT_ASM = 1 << 3,  /* host code */
    LOG_EXEC = 1 << 4,     /* each block executed */
    LOG_CPU = 1 << 5,      /* guest registers before each block */
    LOG_INT = 1 << 6,      /* exceptions and interrupts */
    LOG_NOCHAIN = 1 << 7,  /* do not chain blocks */
    LOG_STRACE = 1 << 8,   /* guest syscalls */
    LOG_UNIMP = 1 << 9,    /* unimplemented features */
    LOG_GUEST_ERROR = 1 << 10,
    LOG_STATS = 1 << 11,   /* print counters at exit */
    LOG_NOOPT = 1 << 12,   /* disable the IR optimizer */
    LOG_MMU = 1 << 13,     /* system mode: page walks and TLB fills */
};

extern int mimic_log_mask;
extern FILE *mimic_log_file;

static inline bool mimic_log_enabled(int mask) { return (mimic_log_mask & mask) != 0; }
void mimic_log(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Parses "a,b,c"; returns the mask or -1 for an unknown item (message printed). */
int mimic_log_parse(const char *items);
void mimic_log_print_help(FILE *f);
/* Opens the -D file; false (message printed) on failure. */
bool mimic_log_set_file(const char *path);
/* Logs `msg` only the first time it is seen (unsupported syscalls etc.). */
void mimic_log_once(int mask, const char *msg);

#endif
