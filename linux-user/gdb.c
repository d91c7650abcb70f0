/*
 * linux-user's side of the gdb stub (-g PORT, QEMU_GDB): guest threads as
 * gdb threads (ids = guest tids), guest memory through /proc/self/mem (so
 * read-only code can be written, as ptrace does), Linux signal numbers to
 * gdb's and back, and the hooks the CPU loop, signals and exit call.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "exec/debug.h"
#include "exec/exec-all.h"
#include "exec/user-pages.h"
#include "gdbstub/gdbstub.h"
#include "linux-user/lu-gdb.h"
#include "linux-user/lu.h"
#include "util/hidden-fd.h"

static int lu_gdb_mem_fd = -1;
static uint32_t lu_gdb_bias;

/* Linux signal n (1..31, the same on i386 and PowerPC) -> gdb's number
 * (gdb's include/gdb/signals.def). 16 (SIGSTKFLT) has none. */
static const uint8_t lu_gdb_sig_from_linux[32] = {
    0, 1, 2, 3, 4, 5, 6, 10, 8, 9, 30, 11, 31, 13, 14, 15,
    GDB_SIGNAL_UNKNOWN, 20, 19, 17, 18, 21, 22, 16, 24, 25, 26, 27, 28, 23, 32, 12,
};

int lu_gdb_signal_to_gdb(int sig)
{
    if (sig > 0 && sig < 32) {
        return lu_gdb_sig_from_linux[sig];
    }
    if (sig == 32) {
        return 77;               /* GDB_SIGNAL_REALTIME_32 */
    }
    if (sig >= 33 && sig <= 63) {
        return 45 + (sig - 33);  /* GDB_SIGNAL_REALTIME_33.. */
    }
    if (sig == 64) {
        return 78;               /* GDB_SIGNAL_REALTIME_64 */
    }
    return GDB_SIGNAL_UNKNOWN;
}

int lu_gdb_signal_from_gdb(int gsig)
{
    if (gsig <= 0) {
        return 0;
    }
    for (int sig = 1; sig <= LU_NSIG; sig++) {
        if (lu_gdb_signal_to_gdb(sig) == gsig) {
            return sig;
        }
    }
    return 0;
}

static int lu_gdb_thread_id(CPUState *cpu)
{
    TaskState *ts = cpu->opaque;
    return ts ? ts->tid : 0;
}

static bool lu_gdb_mapped(uint32_t addr, uint32_t len)
{
    uint64_t end = (uint64_t)addr + len;

    for (uint64_t p = addr & TARGET_PAGE_MASK; p < end; p += TARGET_PAGE_SIZE) {
        if (p > UINT32_MAX || !(page_get_flags((uint32_t)p) & PAGE_VALID)) {
            return false;
        }
    }
    return true;
}

static bool lu_gdb_read_memory(CPUState *cpu, uint32_t addr, uint8_t *buf, uint32_t len)
{
    return lu_gdb_mapped(addr, len) &&
           pread(lu_gdb_mem_fd, buf, len, (off_t)(uintptr_t)g2h(addr)) == (ssize_t)len;
}

static bool lu_gdb_write_memory(CPUState *cpu, uint32_t addr, const uint8_t *buf,
                                uint32_t len)
{
    bool ok = lu_gdb_mapped(addr, len) &&
              pwrite(lu_gdb_mem_fd, buf, len, (off_t)(uintptr_t)g2h(addr)) == (ssize_t)len;

    /* The write went around our write protection of translated code. */
    tb_invalidate_range(addr, (uint64_t)addr + len);
    return ok;
}

static void lu_gdb_kill(void)
{
    fflush(stderr);
    kill(getpid(), SIGKILL);
    _exit(128 + SIGKILL);
}

/* gdb's ^C: SIGINT to the process, as gdb does natively; it reaches gdb
 * through lu_gdb_handle_signal, and gdb normally does not pass it on. */
static void lu_gdb_interrupt(void)
{
    kill(getpid(), SIGINT);
}

/* elfload.c: the auxv as the guest got it (also /proc/self/auxv). */
extern uint8_t *lu_auxv;
extern size_t lu_auxv_size;

static const uint8_t *lu_gdb_auxv(size_t *size)
{
    *size = lu_auxv_size;
    return lu_auxv;
}

static uint32_t lu_gdb_load_bias(void)
{
    return lu_gdb_bias;
}

static const GdbTargetOps lu_gdb_ops = {
    .thread_id = lu_gdb_thread_id,
    .read_memory = lu_gdb_read_memory,
    .write_memory = lu_gdb_write_memory,
    .kill = lu_gdb_kill,
    .interrupt = lu_gdb_interrupt,
    .auxv = lu_gdb_auxv,
    .load_bias = lu_gdb_load_bias,
};

bool lu_gdb_start(const char *port, uint32_t load_bias)
{
    char *end;
    long n = strtol(port, &end, 10);
    int fd;

    if (!*port || *end || n <= 0 || n > 65535) {
        fprintf(stderr, "mimic: -g needs a TCP port number, got '%s'\n", port);
        return false;
    }
    fd = open("/proc/self/mem", O_RDWR | O_CLOEXEC);
    if (fd < 0) {
        perror("mimic: /proc/self/mem (for the gdb stub)");
        return false;
    }
    lu_gdb_mem_fd = mimic_fd_hide(fd);
    lu_gdb_bias = load_bias;
    return gdb_server_start((int)n, lu_arch->guest->gdb, &lu_gdb_ops);
}

int lu_gdb_handle_signal(CPUState *cpu, int sig)
{
    if (!gdb_attached()) {
        return sig;
    }
    return lu_gdb_signal_from_gdb(gdb_handle_stop(cpu, lu_gdb_signal_to_gdb(sig)));
}

void lu_gdb_handle_debug(CPUState *cpu)
{
    TaskState *ts = cpu->opaque;
    int sig;

    if (!gdb_attached()) {
        cpu_single_step(cpu, false);
        return;
    }
    sig = lu_gdb_signal_from_gdb(gdb_handle_stop(cpu, GDB_SIGNAL_TRAP));
    if (sig && ts) {
        /* gdb resumes with a signal: it is pending as if sent by kill. */
        LuSigInfo *si = &ts->pending_info[sig];
        memset(si, 0, sizeof(*si));
        si->signo = sig;
        si->code = 0;            /* SI_USER */
        si->pid = (uint32_t)getpid();
        si->kind = LU_SIK_KILL;
        ts->pending[sig] = 1;
        ts->pending_any = 1;
    }
}
