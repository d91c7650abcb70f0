/*
 * The code cache's interface for the rest of the emulator (linux-user,
 * helpers, tests): invalidation, flushing, statistics, the CPU list and
 * exclusive sections. The CPU loop itself is declared in exec/cpu.h.
 */
#ifndef EXEC_EXEC_ALL_H
#define EXEC_EXEC_ALL_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include "exec/cpu.h"
#include "exec/tb.h"

/* The CPU this thread is running (set by cpu_exec; NULL outside). A
 * SIGSEGV handler uses it to find the CPU of a fault in generated code. */
extern __thread CPUState *current_cpu;

/* Invalidates every block that holds code from the guest page containing
 * addr, or from [start, end). Safe from any thread, inside or outside
 * cpu_exec (a block that invalidates itself finishes its current run). */
void tb_invalidate_page(uint32_t addr);
void tb_invalidate_range(uint32_t start, uint64_t end);

/* Throws away all translated code. From inside cpu_exec or outside; it
 * waits until no other CPU runs generated code. */
void tb_flush(void);

/* Counters (tcg_ctx->stats) in a readable form; printed at exit when
 * -d stats is on. */
void tcg_dump_stats(FILE *f);

/* Host pc -> the block whose code contains it (NULL if none). */
TranslationBlock *tb_find_by_host_pc(uintptr_t host_pc);

/*
 * For a host SIGSEGV: if the write fault at guest address addr hit a page
 * we write-protected because it holds translated code, handles it and
 * returns true (the write may be retried), or leaves the current block
 * through cpu_loop_exit if the block running at host_pc was invalidated
 * (cpu_exec then runs the faulting instruction alone and goes on).
 * Returns false if the fault is not ours. Equivalent to page_unprotect
 * plus the "2" handling. cpu_exec does not save the signal mask: a
 * handler must restore it (pthread_sigmask with uc_sigmask) before
 * calling this or cpu_loop_exit*.
 */
bool tb_handle_write_fault(CPUState *cpu, uint32_t addr, uintptr_t host_pc);

/* Leaves to cpu_exec without an exception: the loop just goes on. */
_Noreturn void cpu_loop_exit_noexc(CPUState *cpu);

/* Creates a CPU with a copy of src's guest state (everything after the
 * CPUState head), for new guest threads. */
CPUState *cpu_clone(CPUState *src);

/* Calls fn for every CPU (under the CPU list lock: fn must not create or
 * destroy CPUs). */
void cpu_foreach(void (*fn)(CPUState *cpu, void *opaque), void *opaque);

/*
 * Exclusive sections: start_exclusive returns once no other CPU is inside
 * cpu_exec (they are kicked out with cpu_exit and wait at their next
 * entry). The owner may call cpu_exec itself. Not nestable.
 */
void start_exclusive(void);
void end_exclusive(void);

/* fork() support: call prepare before fork, then parent or child after.
 * The child keeps only `self` in the CPU list. */
void tb_fork_prepare(void);
void tb_fork_parent(void);
void tb_fork_child(CPUState *self);

#endif
