/*
 * "tlbtoy": a made-up system-mode guest for the soft TLB tests. Its MMU
 * is a small table of virtual page -> physical page / rights that tests
 * edit (tlbtoy_map), its loads and stores carry any MemOp, and its
 * machine has RAM, a ROM, a test device and a hole (tlb-toy.c).
 * Instruction word: op(8) ra(3) rb(3) mo(4) imm(14, signed), little-endian.
 */
#ifndef TESTS_SOFTMMU_TLB_TOY_H
#define TESTS_SOFTMMU_TLB_TOY_H

#include <stdint.h>
#include "exec/cpu.h"
#include "exec/memory.h"
#include "exec/softmmu.h"
#include "tcg/tcg.h"

enum {
    TT_ADDI = 1,   /* ra += imm */
    TT_LD = 2,     /* ra = load64(rb + imm, mo) */
    TT_ST = 3,     /* store64(ra, rb + imm, mo) */
    TT_LDW = 4,    /* ra = zero-extend(load32(rb + imm, mo)): i32 IR values */
    TT_STW = 5,    /* store32(low half of ra, rb + imm, mo) */
    TT_STI = 6,    /* store32(constant imm, rb, mo) */
    TT_HALT = 7,   /* exception TT_EXCP_HALT at this insn */
};

enum {
    TT_EXCP_HALT = 0x100,
    TT_EXCP_PF = 0x200,        /* fault_addr, fault_is_write, error_code = access */
};

/* The machine (physical addresses). */
#define TT_RAM_SIZE 0x1000000u      /* RAM at 0, also the user view g2h(0) */
#define TT_ROM_BASE 0x1100000u
#define TT_ROM_SIZE 0x2000u
#define TT_DEV_BASE 0x1200000u
#define TT_DEV_SIZE 0x1000u
#define TT_HOLE_BASE 0x2000000u     /* nothing mapped */

typedef struct TTCPU {
    CPUState cs;
    uint64_t regs[8];
    uint32_t pc;
    uint32_t mmu;                   /* MMU index of data accesses */
} TTCPU;

/* Rights of a toy page-table entry (TLB_PROT_*). */
typedef struct TTPage {
    uint32_t vaddr;
    hwaddr paddr;
    int prot;
    uint32_t size;                  /* 4 KiB or a large page */
} TTPage;

/* The test device: reads return tt_dev_value(offset, size); the last
 * access is recorded. */
typedef struct TTDevLog {
    int reads, writes;
    hwaddr offset;
    unsigned size;
    uint64_t value;
} TTDevLog;
extern TTDevLog tt_dev_log;
/* A device write at this offset maps tt_overlay (a ROM page) over RAM at
 * TT_OVERLAY_PADDR, changing the memory map from inside generated code. */
#define TT_DEV_REMAP 0xf00
#define TT_OVERLAY_PADDR 0x28000u
extern uint8_t tt_overlay[4096];
extern int tt_fill_count;     /* calls of the toy's tlb_fill */
uint64_t tt_dev_value(hwaddr offset, unsigned size);

extern uint8_t tt_rom[TT_ROM_SIZE];
extern const GuestArch tt_arch;

static inline uint32_t tt_insn(int op, int ra, int rb, int mo, int imm)
{
    return (uint32_t)op << 24 | (uint32_t)ra << 21 | (uint32_t)rb << 18 |
           (uint32_t)(mo & 0xf) << 14 | ((uint32_t)imm & 0x3fff);
}

/* Sets up the machine and the code cache for one test (softmmu on). */
void tt_init(const char *backend);
/* Enters (or replaces) a toy page-table entry; prot 0 removes it. */
void tt_map(uint32_t vaddr, hwaddr paddr, int prot, uint32_t size);
/* Host address of physical RAM / the toy's code. */
uint8_t *tt_ram(hwaddr paddr);
void tt_write_code(hwaddr paddr, const uint32_t *insns, int n);
TTCPU *tt_cpu_new(uint32_t pc);
/* Runs until an exception other than EXCP_INTERRUPT; returns it. */
int tt_run(TTCPU *env);

#endif
