/*
 * "toy": a made-up 32-bit guest used only to test the CPU loop and the
 * code cache. One instruction word: op(8) ra(3) rb(3) pad(2) imm(16),
 * little-endian, the immediate sign-extended.
 */
#ifndef TESTS_ACCEL_TOY_H
#define TESTS_ACCEL_TOY_H

#include <stdint.h>
#include "exec/cpu.h"
#include "exec/exec-all.h"
#include "exec/memory.h"
#include "exec/user-pages.h"

enum {
    TOY_ADDI = 1,   /* ra += imm */
    TOY_ADD = 2,    /* ra += rb */
    TOY_LUI = 3,    /* ra = imm << 16 */
    TOY_ST = 4,     /* mem32[rb + imm] = ra */
    TOY_LD = 5,     /* ra = mem32[rb + imm] */
    TOY_JMP = 6,    /* pc += imm * 4 (relative to this insn) */
    TOY_BNZ = 7,    /* if (ra != 0) pc += imm * 4 */
    TOY_RAISE = 8,  /* a helper raises exception imm */
    TOY_HALT = 9,   /* exception TOY_EXCP_HALT at this insn */
    TOY_JR = 10,    /* pc = ra, through the lookup helper */
    TOY_KICK = 11,  /* a helper calls cpu_exit if ToyCPU.kick is set */
    TOY_FLUSH = 12, /* a helper calls tb_flush from inside generated code */
    TOY_WFI = 13,   /* system mode: halts (EXCP_HLT) after this insn */
    TOY_IRQ = 14,   /* a helper raises CPU_INTERRUPT_HARD, as a device would */
    TOY_HLD = 15,   /* ra = mem32[rb + imm] in a helper (cpu_ldl_mmu) */
    TOY_HST = 16,   /* mem32[rb + imm] = ra in a helper (cpu_stl_mmu) */
    TOY_CALL = 17,  /* ra = pc + 4; pc += imm * 4 (return predictor: rb is the sp) */
    TOY_RET = 18,   /* pc = ra (return predictor: rb is the sp) */
};

enum {
    TOY_EXCP_HALT = 0x100,
    TOY_EXCP_FETCH = 0x200,   /* instruction fetch from a bad page */
    TOY_EXCP_SEGV = 0x300,    /* data access to a bad page */
};

typedef struct ToyCPU {
    CPUState cs;
    uint32_t regs[8];
    uint32_t pc;
    uint32_t kick;
    /* System mode (toy_sys_*): exceptions go to `vector`, interrupts to
     * vector + TOY_IRQ_OFFSET when irq_enabled (which they clear); epc is
     * the pc they interrupted. A TOY_HALT ends cpu_exec with EXCP_DEBUG. */
    uint32_t vector, epc, irq_enabled;
    uint32_t nb_excps, nb_irqs;
    uint32_t excp_log[8];
} ToyCPU;

#define TOY_IRQ_OFFSET 0x100

extern const GuestArch toy_arch;

static inline uint32_t toy_insn(int op, int ra, int rb, int imm)
{
    return (uint32_t)op << 24 | (uint32_t)ra << 21 | (uint32_t)rb << 18 |
           ((uint32_t)imm & 0xffff);
}

/* Sets up the guest space and the code cache for one test. */
void toy_init(const char *backend, size_t code_buffer_size);
/* Maps [start, start+size) for the guest with the given page flags; the
 * host mapping is always read-write so tests can poke at it via g2h. */
void toy_map(uint32_t start, uint32_t size, int flags);
/* Writes n instruction words at addr (through g2h). */
void toy_write(uint32_t addr, const uint32_t *insns, int n);
ToyCPU *toy_cpu_new(uint32_t pc);
/* Runs the CPU until cpu_exec returns something else than EXCP_INTERRUPT
 * (a kick): the exception number that stopped it. */
int toy_run(ToyCPU *env);
/*
 * System mode: physical RAM of TOY_SYS_RAM bytes at 0, a page table of
 * 4 KiB mappings (toy_sys_map, all rights), code and data through the
 * soft TLB; faults are TOY_EXCP_FETCH / TOY_EXCP_SEGV delivered to
 * `vector`. toy_sys_init replaces toy_init.
 */
#define TOY_SYS_RAM 0x100000u
void toy_sys_init(const char *backend);
void toy_sys_map(uint32_t vaddr, hwaddr paddr);
uint8_t *toy_sys_ram(hwaddr paddr);
ToyCPU *toy_sys_cpu_new(uint32_t pc);

/* Installs the SIGSEGV handler that turns faults in generated code into
 * TOY_EXCP_SEGV and handles self-modifying code. */
void toy_install_segv_handler(void);

#endif
