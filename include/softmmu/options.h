/*
 * The command line of the system-mode programs (softmmu/options.c): fills
 * sys_opts (sysemu/sysemu.h); a bad option or value exits with status 1.
 */
#ifndef SOFTMMU_OPTIONS_H
#define SOFTMMU_OPTIONS_H

void sys_parse_options(int argc, char **argv);
/* One line "PROGRAM: message (try PROGRAM -h)" and exit(1). */
_Noreturn void sys_bad_usage(const char *fmt, const char *arg);

#endif
