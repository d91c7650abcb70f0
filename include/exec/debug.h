/*
 * Debugging support of the CPU loop, for the gdb stub (gdbstub/) in user
 * and system mode: breakpoints that the translator turns into EXCP_DEBUG
 * before the instruction at their address, and per-CPU single-stepping
 * (blocks of one instruction, EXCP_DEBUG after it). Guest memory is never
 * patched.
 */
#ifndef EXEC_DEBUG_H
#define EXEC_DEBUG_H

#include <stdbool.h>
#include <stdint.h>
#include "exec/cpu.h"

/* Breakpoints are shared by all CPUs and keyed by the pc the translator
 * sees (the linear/virtual address; in linux-user the guest address).
 * Inserting or removing one invalidates the blocks covering that virtual
 * pc, whatever physical page they came from. insert returns
 * false when the table is full; remove returns false if pc had none. */
bool cpu_breakpoint_insert(uint32_t pc);
bool cpu_breakpoint_remove(uint32_t pc);
void cpu_breakpoint_remove_all(void);

/* While enabled, every block the CPU runs holds one instruction and
 * cpu_exec returns EXCP_DEBUG after it (a syscall or fault still leaves
 * with its own exception first). */
void cpu_single_step(CPUState *cpu, bool enabled);
bool cpu_single_stepping(CPUState *cpu);

#endif
