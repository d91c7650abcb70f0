/*
 * mimic-system-i386: QEMU's command line (softmmu/options.c), the PC board
 * (hw/i386/pc.c) and the main loop (softmmu/main-loop.c), with -accel
 * kaccel the kernel module's side (accel/kmod/kaccel-loop.c). The exit status
 * is the guest's (isa-debug-exit, -no-reboot) or 1 on bad input.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "accel/kmod/kaccel-loop.h"
#include "hw/i386/pc.h"
#include "softmmu/options.h"
#include "sysemu/gdb.h"
#include "sysemu/main-loop.h"
#include "sysemu/sysemu.h"
#include "util/log.h"

int main(int argc, char **argv)
{
    const char *slash = strrchr(argv[0], '/');

    sys_progname = slash ? slash + 1 : argv[0];
    sys_parse_options(argc, argv);
    if (sys_opts.kaccel) {
        if (sys_opts.gdb_port) {
            /* breakpoints and single steps need every instruction in
             * the translator */
            fprintf(stderr, "%s: -accel kaccel cannot be combined with the gdb stub "
                    "(use -accel tcg)\n", sys_progname);
            exit(1);
        }
        kaccel_loop_open();
    }
    CPUState *cpu = pc_init(&sys_opts);
    if (sys_opts.gdb_port && !sys_gdb_start(cpu, sys_opts.gdb_port)) {
        exit(1);
    }
    main_loop_init(cpu, pc_reset);
    if (sys_opts.kaccel) {
        kaccel_loop_init(cpu);
    }
    int status = main_loop_run();
    if (mimic_log_enabled(LOG_STATS)) {
        main_loop_print_stats(mimic_log_file);
    }
    fflush(stdout);
    exit(status);
}
