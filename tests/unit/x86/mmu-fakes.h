/*
 * Fake physical memory, soft TLB and CPU-loop exit for the MMU and
 * control-register unit tests (mmu-fakes.c), and the macro that runs a
 * statement expected to raise a guest exception.
 */
#ifndef TESTS_UNIT_X86_MMU_FAKES_H
#define TESTS_UNIT_X86_MMU_FAKES_H

#include <setjmp.h>
#include <stdint.h>
#include "exec/memory.h"
#include "exec/softmmu.h"
#include "target-i386/cpu.h"
#include "target-i386/mmu.h"

#define FAKE_RAM_SIZE (8u << 20)
extern uint8_t fake_ram[FAKE_RAM_SIZE];

/* What the code under test did. */
typedef struct FakeLog {
    int reads, writes;
    int set_page;
    uint32_t vaddr;
    hwaddr paddr;
    int prot, mmu_idx;
    uint32_t page_size;
    int flush, flush_nonglobal, flush_page;
    uint32_t flush_page_addr;
    int hflags_updates;
    uintptr_t exit_ra;
} FakeLog;
extern FakeLog fake_log;
/* Lines mimic_log was asked to write (-d mmu in the tests). */
extern int fake_log_lines;

/* Zeroes memory, log and env, then x86_mmu_reset(env). */
void fake_reset(CPUX86State *env);
void fake_put32(hwaddr a, uint32_t v);
void fake_put64(hwaddr a, uint64_t v);
uint32_t fake_get32(hwaddr a);
uint64_t fake_get64(hwaddr a);

/* Runs stmt; evaluates to the exception index it raised, or -1. */
#define RAISES(env, stmt)                                  \
    ({                                                     \
        volatile int r_ = -1;                              \
        (env)->cs.exception_index = -1;                    \
        if (sigsetjmp((env)->cs.jmp_env, 0) == 0) {        \
            stmt;                                          \
        } else {                                           \
            r_ = (env)->cs.exception_index;                \
        }                                                  \
        r_;                                                \
    })

#endif
