/*
 * The running machine of a system-mode program: its options, and the
 * requests devices and chardevs make of the main loop (reset, shutdown
 * with an exit status). softmmu/main.c and softmmu/main-loop.c.
 */
#ifndef SYSEMU_SYSEMU_H
#define SYSEMU_SYSEMU_H

#include <stdbool.h>
#include <stdint.h>

#define SYS_MAX_SERIAL 4

typedef struct SysOptions {
    uint64_t ram_size;           /* bytes (-m) */
    const char *kernel, *initrd, *append, *bios;
    const char *cpu_model;       /* NULL: the board's default */
    const char *machine;         /* "pc" or "isapc" */
    const char *backend;         /* "jit" or "interp" */
    const char *serial[SYS_MAX_SERIAL];
    int nb_serial;               /* -serial given that many times */
    const char *debugcon;        /* NULL: no debug console */
    /* isa-debug-exit: at 0xf4 (4 ports) unless -device isa-debug-exit
     * names other ports (QEMU's defaults there: iobase 0x501, iosize 2). */
    bool debugexit_set;
    uint16_t debugexit_iobase, debugexit_iosize;
    bool nographic, no_reboot;
    bool kaccel;                 /* -accel kaccel (default: tcg) */
    int gdb_port;                /* -s / -gdb tcp::PORT; 0: no gdb stub */
    bool gdb_wait;               /* -S: stopped for gdb before the first insn */
} SysOptions;

extern SysOptions sys_opts;
extern const char *sys_progname;

/* Requests, served by the main loop between blocks. Safe from device
 * callbacks inside cpu_exec (they make the CPU leave generated code). */
void sys_reset_request(void);
void sys_shutdown_request(int exit_status);
/* The main loop's side (softmmu/runstate.c): the CPU to kick on a
 * request; taking the reset request clears it. */
struct CPUState;
void sys_set_cpu(struct CPUState *cpu);
bool sys_take_reset_request(void);
bool sys_shutdown_pending(int *exit_status);
bool sys_request_pending(void);

#endif
