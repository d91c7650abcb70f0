/*
 * The system emulator's side of the gdb stub (include/sysemu/gdb.h): one
 * CPU as gdb's thread 1, guest memory by linear address through the
 * guest's page tables to RAM and ROM (never to device registers, whose
 * reads have side effects), gdb's ^C and kill.
 */
#include <stdio.h>
#include <stdlib.h>
#include "exec/memory.h"
#include "gdbstub/gdbstub.h"
#include "sysemu/gdb.h"
#include "sysemu/sysemu.h"

/* Pieces of a debugger access: the smallest guest page. */
#define SYS_GDB_PAGE 4096u

static CPUState *sys_gdb_cpu;
static bool sys_gdb_stop_flag;
void (*sys_gdb_wake)(void);

static int sys_gdb_thread_id(CPUState *cpu)
{
    return 1;
}

/* Reads or writes [addr, addr + len) page by page; false as soon as a
 * piece is unmapped or not RAM (or ROM, for reads). */
static bool sys_gdb_access(CPUState *cpu, uint32_t addr, uint8_t *buf, uint32_t len,
                           bool is_write)
{
    const GdbArch *arch = cpu->arch->gdb;

    while (len > 0) {
        uint32_t chunk = SYS_GDB_PAGE - (addr & (SYS_GDB_PAGE - 1));
        uint64_t paddr;

        if (chunk > len) {
            chunk = len;
        }
        if (!arch->debug_translate(cpu, addr, &paddr)) {
            return false;
        }
        const MemSection *s = mem_lookup(paddr);
        if (s->kind != MR_RAM && (s->kind != MR_ROM || is_write)) {
            return false;
        }
        if (paddr + chunk > s->base + s->size) {
            chunk = (uint32_t)(s->base + s->size - paddr);
        }
        /* phys_rw invalidates code translated from what a write changes. */
        phys_rw(paddr, buf, chunk, is_write);
        addr += chunk;
        buf += chunk;
        len -= chunk;
    }
    return true;
}

static bool sys_gdb_read_memory(CPUState *cpu, uint32_t addr, uint8_t *buf, uint32_t len)
{
    return sys_gdb_access(cpu, addr, buf, len, false);
}

static bool sys_gdb_write_memory(CPUState *cpu, uint32_t addr, const uint8_t *buf,
                                 uint32_t len)
{
    return sys_gdb_access(cpu, addr, (uint8_t *)buf, len, true);
}

static void sys_gdb_kill(void)
{
    fflush(stdout);
    exit(0);
}

/* gdb's ^C, from the stub's watcher thread. */
static void sys_gdb_interrupt(void)
{
    __atomic_store_n(&sys_gdb_stop_flag, true, __ATOMIC_RELEASE);
    cpu_exit(sys_gdb_cpu);
    if (sys_gdb_wake) {
        sys_gdb_wake();
    }
}

static const GdbTargetOps sys_gdb_ops = {
    .thread_id = sys_gdb_thread_id,
    .read_memory = sys_gdb_read_memory,
    .write_memory = sys_gdb_write_memory,
    .kill = sys_gdb_kill,
    .interrupt = sys_gdb_interrupt,
};

bool sys_gdb_start(CPUState *cpu, int port)
{
    if (!cpu->arch->gdb || !cpu->arch->gdb->debug_translate) {
        fprintf(stderr, "%s: this guest cannot be debugged in system mode\n", sys_progname);
        return false;
    }
    sys_gdb_cpu = cpu;
    return gdb_server_start(port, cpu->arch->gdb, &sys_gdb_ops);
}

bool sys_gdb_stop_requested(void)
{
    return __atomic_load_n(&sys_gdb_stop_flag, __ATOMIC_ACQUIRE);
}

void sys_gdb_stop(CPUState *cpu, int gdb_sig)
{
    __atomic_store_n(&sys_gdb_stop_flag, false, __ATOMIC_RELEASE);
    /* Software interrupts and signals do not exist here: what gdb resumes
     * with is ignored, as QEMU's system mode does. */
    gdb_handle_stop(cpu, gdb_sig);
}
