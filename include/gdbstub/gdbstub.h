/*
 * The gdb remote-protocol stub (gdbstub/gdbstub.c). It knows packets,
 * registers through the guest's GdbArch, breakpoints and stepping through
 * exec/debug.h, and everything else through the embedder's GdbTargetOps:
 * linux-user (linux-user/gdb.c) and the system emulator (softmmu/gdb.c).
 * Signal numbers here are gdb's own (GDB_SIGNAL_*), not the guest's.
 */
#ifndef GDBSTUB_GDBSTUB_H
#define GDBSTUB_GDBSTUB_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "exec/cpu.h"

/* gdb's signal numbers (include/gdb/signals.def of gdb), the ones the
 * stub itself uses. */
enum {
    GDB_SIGNAL_0 = 0,
    GDB_SIGNAL_INT = 2,
    GDB_SIGNAL_TRAP = 5,
    GDB_SIGNAL_KILL = 9,
    GDB_SIGNAL_UNKNOWN = 143,
};

/* A guest's registers as gdb numbers them (the order of its target
 * description, which is also the order of the 'g' packet). */
typedef struct GdbArch {
    /* The whole target description (target.xml). */
    const char *(*target_xml)(void);
    int nb_regs;
    int pc_regnum;               /* for 'c addr' / 's addr' */
    /* Writes register n in the guest's byte order to buf (at most 16
     * bytes) and returns its size; 0 if there is no register n. */
    int (*read_reg)(CPUState *cpu, int n, uint8_t *buf);
    /* Sets register n from buf (guest byte order); returns its size. */
    int (*write_reg)(CPUState *cpu, int n, const uint8_t *buf);
    /* System mode: the physical address that gdb's address addr (a
     * linear address) names in the CPU's current address space, by the
     * guest's page tables without side effects and ignoring protection;
     * false if it is not mapped. NULL in a guest without system mode. */
    bool (*debug_translate)(CPUState *cpu, uint32_t addr, uint64_t *paddr);
} GdbArch;

/* What the stub needs from the emulator around it. */
typedef struct GdbTargetOps {
    /* The thread id gdb shows for cpu (> 0; 0 = not listed yet). */
    int (*thread_id)(CPUState *cpu);
    /* Guest memory as the debugger sees it (ignoring page protection);
     * false if any byte is not mapped. A write must invalidate code
     * translated from the bytes it changes. */
    bool (*read_memory)(CPUState *cpu, uint32_t addr, uint8_t *buf, uint32_t len);
    bool (*write_memory)(CPUState *cpu, uint32_t addr, const uint8_t *buf,
                         uint32_t len);
    /* 'k' / vKill: end the emulation now (does not return). */
    void (*kill)(void);
    /* The auxiliary vector in the guest's byte order (qXfer:auxv:read,
     * which gdb needs to relocate a PIE and find the dynamic linker);
     * NULL when there is none (system mode). */
    const uint8_t *(*auxv)(size_t *size);
    /* How far the program was moved from its link-time addresses (a PIE's
     * load bias), for qOffsets; NULL: not moved. */
    uint32_t (*load_bias)(void);
    /* gdb interrupted the running guest (^C): make a CPU call
     * gdb_handle_stop soon (linux-user sends the process SIGINT, as gdb
     * does to a native one). Called from the stub's own thread. */
    void (*interrupt)(void);
} GdbTargetOps;

/* Listens on TCP port `port` (all addresses, as QEMU's -g); the first
 * gdb_handle_stop accepts gdb's connection. false (with a message on
 * stderr) if the port cannot be used. */
bool gdb_server_start(int port, const GdbArch *arch, const GdbTargetOps *ops);

/* True while a debugger is (or is about to be) connected. */
bool gdb_attached(void);

/* The listening socket while no debugger has connected yet, else -1: a
 * system emulator that runs before gdb connects polls it and stops the
 * guest (gdb_handle_stop accepts) when it becomes readable. */
int gdb_listen_fd(void);

/*
 * The calling thread's CPU stopped with gdb signal sig (GDB_SIGNAL_TRAP
 * for a breakpoint, a step or the first instruction). The other CPUs are
 * held outside cpu_exec (start_exclusive) while gdb inspects the guest.
 * Returns the signal gdb resumes this CPU with (0 = none), or sig itself
 * when no debugger is attached. Call it outside cpu_exec.
 */
int gdb_handle_stop(CPUState *cpu, int sig);

/* The guest finished: exit status (W packet) or killed by gdb signal
 * sig (X packet). The connection is closed afterwards. */
void gdb_report_exit(int status);
void gdb_report_signaled(int sig);

/* In a forked child: drop the connection, breakpoints and stepping (the
 * child runs undebugged, as under QEMU). */
void gdb_forget_in_child(CPUState *cpu);

#endif
