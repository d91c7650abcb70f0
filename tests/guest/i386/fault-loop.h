/* Hot i386 loops that fault with every register live, shared by
 * lu-fault-regs.c (linux-user, SIGSEGV) and tests/system/i386/k-pfregs.c
 * (bare metal, #PF): the assembly, and the same loops in C so that a test
 * knows the registers each fault must show. Each file that includes this
 * defines `volatile uint32_t loop_count, loop_esp`. */
#ifndef FAULT_LOOP_H
#define FAULT_LOOP_H

#include <stdint.h>

struct regs {
    uint32_t eax, ebx, ecx, edx, esi, edi, ebp, eflags;
};

#define FL_WINDOW_SIZE 0x8000u  /* 8 pages at a 64 KiB-aligned address;
                                 * the last one faults */
#define FL_STEP 512u
#define FL_FLAGS_MASK 0xcd5u    /* OF DF SF ZF AF PF CF */

/* The seven registers change every iteration; ESI walks the window in
 * steps of FL_STEP (bit 15 of the window's address is clear, so the AND
 * wraps it); the last instruction sets the flags lazily (ADD). */
#define LOOP_BODY                                                           \
    "add %eax, %ebx\n\t"                                                   \
    "xor %ecx, %ebx\n\t"                                                   \
    "rol $7, %ecx\n\t"                                                     \
    "lea 0x1234567(%edx,%eax,2), %edx\n\t"                                 \
    "sub %edx, %ebp\n\t"                                                   \
    "imul $0x9e3779b1, %ebp, %edi\n\t"                                     \
    "xor %edi, %eax\n\t"                                                   \
    "add $512, %esi\n\t"                                                   \
    "and $0xffff7fff, %esi\n\t"                                            \
    "add %ecx, %edx\n\t"

/* Loads struct regs *r (first argument, after the 4 saved registers);
 * the second argument is the iteration count. */
#define LOOP_ENTER                                                          \
    "push %ebp\n\tpush %ebx\n\tpush %esi\n\tpush %edi\n\t"                 \
    "mov 24(%esp), %eax\n\tmov %eax, loop_count\n\t"                       \
    "mov %esp, loop_esp\n\t"                                               \
    "mov 20(%esp), %eax\n\t"                                               \
    "mov 4(%eax), %ebx\n\tmov 8(%eax), %ecx\n\tmov 12(%eax), %edx\n\t"     \
    "mov 16(%eax), %esi\n\tmov 20(%eax), %edi\n\tmov 24(%eax), %ebp\n\t"   \
    "mov (%eax), %eax\n"

/* Stores the registers and EFLAGS back to *r and returns. */
#define LOOP_LEAVE                                                          \
    "pushf\n\tpush %eax\n\t"                                               \
    "mov 28(%esp), %eax\n\t"                                               \
    "pop (%eax)\n\tpop 28(%eax)\n\t"                                       \
    "mov %ebx, 4(%eax)\n\tmov %ecx, 8(%eax)\n\tmov %edx, 12(%eax)\n\t"     \
    "mov %esi, 16(%eax)\n\tmov %edi, 20(%eax)\n\tmov %ebp, 24(%eax)\n\t"   \
    "pop %edi\n\tpop %esi\n\tpop %ebx\n\tpop %ebp\n\t"                     \
    "ret\n"

/* run_NAME(struct regs *r, int iterations): the loop with SITE, a guest
 * access at label NAME_site that a handler skips by resuming at NAME_end. */
#define LOOP_FUNC(name, site)                                               \
    ".text\n\t.globl run_" name "\n"                                       \
    "run_" name ":\n\t" LOOP_ENTER                                         \
    "1:\n\t" LOOP_BODY                                                     \
    ".globl " name "_site\n" name "_site:\n\t" site "\n"                   \
    ".globl " name "_end\n" name "_end:\n\t"                               \
    "decl loop_count\n\t"                                                  \
    "jnz 1b\n\t" LOOP_LEAVE

#define FAULT_LOOPS                                                         \
    LOOP_FUNC("ld", "mov (%esi), %eax")                                    \
    LOOP_FUNC("alu", "add (%esi), %ebp")                                   \
    LOOP_FUNC("st", "mov %edx, (%esi)")                                    \
    LOOP_FUNC("rmw", "add %ecx, (%esi)")

/* run_smc(struct regs *r, int iterations): the immediate of the loop's
 * first instruction is rewritten by a store in the middle of the loop
 * (taking effect next time), with every register live and written again
 * after the store. Its code must be writable. */
#define SMC_LOOP                                                            \
    ".globl run_smc\n"                                                     \
    "run_smc:\n\t" LOOP_ENTER                                              \
    "1:\n\t"                                                               \
    ".byte 0x81, 0xc0\n"       /* add $imm32, %eax */                      \
    "smc_imm:\n\t.long 0\n\t"                                              \
    LOOP_BODY                                                              \
    "mov %ebx, smc_imm\n\t"                                                \
    LOOP_BODY                                                              \
    "decl loop_count\n\t"                                                  \
    "jnz 1b\n\t" LOOP_LEAVE

void run_ld(struct regs *r, int n);
void run_alu(struct regs *r, int n);
void run_st(struct regs *r, int n);
void run_rmw(struct regs *r, int n);
void run_smc(struct regs *r, int n);
extern char ld_site[], ld_end[], alu_site[], alu_end[], st_site[], st_end[];
extern char rmw_site[], rmw_end[];

enum { FL_LD, FL_ALU, FL_ST, FL_RMW, FL_NB_LOOPS };

static inline void fl_init_regs(struct regs *r, uint32_t window, uint32_t seed)
{
    r->eax = 0x01234567u ^ seed;
    r->ebx = 0x89abcdefu + seed;
    r->ecx = 0x13579bdfu;
    r->edx = 0x2468ace0u - seed;
    r->esi = window;
    r->edi = 0x0f1e2d3cu;
    r->ebp = 0x4b5a6978u ^ (seed << 8);
    r->eflags = 0;
}

/* The window's initial contents. */
static inline uint32_t fl_pattern(uint32_t off)
{
    return off * 0x9e3779b9u;
}

/* LOOP_BODY in C (SDM semantics); eflags gets the arithmetic flags of
 * the final ADD (SDM Vol. 1, 3.4.3.1 and Appendix A). */
static inline void fl_body(struct regs *r)
{
    uint32_t a, b, s;
    unsigned p;

    r->ebx = (r->ebx + r->eax) ^ r->ecx;
    r->ecx = r->ecx << 7 | r->ecx >> 25;
    r->edx = r->edx + r->eax * 2 + 0x1234567u;
    r->ebp -= r->edx;
    r->edi = r->ebp * 0x9e3779b1u;
    r->eax ^= r->edi;
    r->esi = (r->esi + FL_STEP) & 0xffff7fffu;
    a = r->edx;
    b = r->ecx;
    s = a + b;
    p = s & 0xff;
    p ^= p >> 4;
    p ^= p >> 2;
    p ^= p >> 1;
    r->eflags = (s < a ? 0x001u : 0) | (!(p & 1) ? 0x004u : 0) |
                (((a ^ b ^ s) & 0x10) ? 0x010u : 0) | (s == 0 ? 0x040u : 0) |
                ((s >> 31) ? 0x080u : 0) | ((((a ^ s) & (b ^ s)) >> 31) ? 0x800u : 0);
    r->edx = s;
}

#endif
