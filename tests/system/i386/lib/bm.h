/* The freestanding support library of the bare-metal i386 test kernels:
 * serial output, checks and exit status, descriptors, traps, user mode,
 * page tables. Every kernel includes this and defines bm_main(). */
#ifndef BM_H
#define BM_H

#include <stdint.h>
#include <stdarg.h>

/* GDT layout shared by every kernel (SYSENTER needs KCODE, KDATA, UCODE,
 * UDATA consecutive: SDM Vol. 2B SYSENTER/SYSEXIT). */
#define SEL_KCODE 0x08
#define SEL_KDATA 0x10
#define SEL_UCODE 0x1b
#define SEL_UDATA 0x23
#define SEL_TSS   0x28
#define SEL_TSS2  0x30
#define GDT_FREE  7           /* first entry the kernels may use */
#define GDT_ENTRIES 16

/* isa-debug-exit values (QEMU exits with (v << 1) | 1). */
#define BM_EXIT_PASS    0x10  /* exit status 33 */
#define BM_EXIT_FAIL    0x11  /* exit status 35 */
#define BM_EXIT_SDMONLY 0x12  /* exit status 37: only SDM-only checks failed */

/* CPUID.1 EDX bits (SDM Vol. 2A, Table 3-11). */
#define CPUID_PSE  (1u << 3)
#define CPUID_MSR  (1u << 5)
#define CPUID_PAE  (1u << 6)
#define CPUID_APIC (1u << 9)
#define CPUID_SEP  (1u << 11)
#define CPUID_PGE  (1u << 13)

/* Paging entry bits (SDM Vol. 3A, 4.3 and 4.4). */
#define PG_P   0x001u
#define PG_W   0x002u
#define PG_U   0x004u
#define PG_PWT 0x008u
#define PG_PCD 0x010u
#define PG_A   0x020u
#define PG_D   0x040u
#define PG_PS  0x080u
#define PG_G   0x100u
#define PG_NX  (1ull << 63)

#define CR0_PE (1u << 0)
#define CR0_WP (1u << 16)
#define CR0_PG (1u << 31)
#define CR4_PSE (1u << 4)
#define CR4_PAE (1u << 5)
#define CR4_PGE (1u << 7)

#define EFL_IF (1u << 9)
#define EFL_NT (1u << 14)

/* The state the exception stubs save (lib/entry.S pushes it). */
struct trap_frame {
    uint32_t edi, esi, ebp, esp_unused, ebx, edx, ecx, eax;
    uint32_t gs, fs, es, ds;
    uint32_t vector, err;
    uint32_t eip, cs, eflags;
    uint32_t esp, ss;         /* only present when coming from ring 3 */
};

/* What the last expected fault was (vector 0xffffffff: none happened). */
struct trap_record {
    uint32_t vector, err, eip, cs, cr2, count;
};
extern volatile struct trap_record trap_last;

struct tss {
    uint16_t link, r0;
    uint32_t esp0; uint16_t ss0, r1;
    uint32_t esp1; uint16_t ss1, r2;
    uint32_t esp2; uint16_t ss2, r3;
    uint32_t cr3, eip, eflags, eax, ecx, edx, ebx, esp, ebp, esi, edi;
    uint16_t es, r4, cs, r5, ss, r6, ds, r7, fs, r8, gs, r9, ldt, r10;
    uint16_t trap, iomap_base;
    uint8_t iomap[8192 + 1];
} __attribute__((packed));
extern struct tss bm_tss;
extern uint8_t bm_kstack_top[];      /* ring-0 stack of TSS.esp0 */
extern uint64_t bm_gdt[GDT_ENTRIES];

typedef void (*trap_handler_fn)(struct trap_frame *f);

/* ---- port I/O and control registers ---- */
static inline void outb(uint16_t p, uint8_t v) { __asm__ volatile("outb %0, %1" :: "a"(v), "Nd"(p)); }
static inline void outw(uint16_t p, uint16_t v) { __asm__ volatile("outw %0, %1" :: "a"(v), "Nd"(p)); }
static inline uint8_t inb(uint16_t p) { uint8_t v; __asm__ volatile("inb %1, %0" : "=a"(v) : "Nd"(p)); return v; }
static inline uint32_t read_cr0(void) { uint32_t v; __asm__ volatile("mov %%cr0, %0" : "=r"(v)); return v; }
static inline uint32_t read_cr2(void) { uint32_t v; __asm__ volatile("mov %%cr2, %0" : "=r"(v)); return v; }
static inline uint32_t read_cr3(void) { uint32_t v; __asm__ volatile("mov %%cr3, %0" : "=r"(v)); return v; }
static inline uint32_t read_cr4(void) { uint32_t v; __asm__ volatile("mov %%cr4, %0" : "=r"(v)); return v; }
static inline void write_cr0(uint32_t v) { __asm__ volatile("mov %0, %%cr0" :: "r"(v) : "memory"); }
static inline void write_cr2(uint32_t v) { __asm__ volatile("mov %0, %%cr2" :: "r"(v) : "memory"); }
static inline void write_cr3(uint32_t v) { __asm__ volatile("mov %0, %%cr3" :: "r"(v) : "memory"); }
static inline void write_cr4(uint32_t v) { __asm__ volatile("mov %0, %%cr4" :: "r"(v) : "memory"); }
static inline void invlpg(uint32_t va) { __asm__ volatile("invlpg (%0)" :: "r"(va) : "memory"); }
static inline uint32_t read_eflags(void) { uint32_t v; __asm__ volatile("pushf; pop %0" : "=r"(v)); return v; }
static inline uint16_t read_cs(void) { uint16_t v; __asm__ volatile("mov %%cs, %0" : "=r"(v)); return v; }
static inline uint16_t read_ss(void) { uint16_t v; __asm__ volatile("mov %%ss, %0" : "=r"(v)); return v; }
static inline void cli(void) { __asm__ volatile("cli" ::: "memory"); }
static inline void sti(void) { __asm__ volatile("sti" ::: "memory"); }
static inline uint64_t rdmsr(uint32_t msr)
{
    uint32_t lo, hi;
    __asm__ volatile("rdmsr" : "=a"(lo), "=d"(hi) : "c"(msr));
    return ((uint64_t)hi << 32) | lo;
}
static inline void wrmsr(uint32_t msr, uint64_t v)
{
    __asm__ volatile("wrmsr" :: "c"(msr), "a"((uint32_t)v), "d"((uint32_t)(v >> 32)));
}
static inline void cpuid(uint32_t leaf, uint32_t *a, uint32_t *b, uint32_t *c, uint32_t *d)
{
    __asm__ volatile("cpuid" : "=a"(*a), "=b"(*b), "=c"(*c), "=d"(*d) : "a"(leaf), "c"(0));
}
static inline uint32_t mmio_read32(uint32_t a) { return *(volatile uint32_t *)a; }
static inline void mmio_write32(uint32_t a, uint32_t v) { *(volatile uint32_t *)a = v; }

/* ---- output and checks (lib/print.c, lib/check.c) ---- */
void bm_putc(char c);
void bm_printf(const char *fmt, ...);
void bm_vprintf(const char *fmt, va_list ap);
/* One line per check: "ok WHAT got=G" or "FAIL WHAT got=G want=W". */
int check_eq(const char *what, uint32_t got, uint32_t want);
/* The same for a check where QEMU departs from the SDM: the line ends in
 * " sdm-only" and its failure alone gives BM_EXIT_SDMONLY. */
int check_eq_sdm(const char *what, uint32_t got, uint32_t want);
/* A condition with a free-form expectation, printed as want=<desc>. */
int check_true(const char *what, int cond, uint32_t got, const char *want);
/* The fault recorded by the last probe: its vector, error code and EIP
 * (TRAP_ANY: not checked); vector TRAP_NONE expects no fault. */
#define TRAP_ANY  0xfffffffeu
#define TRAP_NONE 0xffffffffu
void check_trap(const char *what, int sdm_only, uint32_t vector, uint32_t err, uint32_t eip);
const char *bm_name(const char *what, const char *suffix);
/* Prints the summary line and ends through isa-debug-exit. */
_Noreturn void bm_finish(void);
_Noreturn void bm_exit(uint8_t code);
/* Fails the kernel unless CPUID.1:EDX has every bit of `mask`. */
void bm_require_cpuid(uint32_t mask, const char *what);

/* ---- descriptors (lib/desc.c) ---- */
void gdt_set(int idx, uint32_t base, uint32_t limit, uint8_t access, uint8_t flags);
void gdt_set_gate(int idx, uint16_t sel, uint32_t off, uint8_t type, int dpl, int params);
void idt_set(int vec, uint32_t off, uint16_t sel, uint8_t type, int dpl);
void idt_set_stub(int vec, uint8_t type, int dpl);   /* the default stub of vec */
void idt_set_present(int vec, int present);
#define GATE_TASK 0x5
#define GATE_CALL32 0xc
#define GATE_INT32 0xe
#define GATE_TRAP32 0xf

/* ---- traps (lib/trap.c, lib/entry.S) ---- */
extern trap_handler_fn trap_handlers[256];
void trap_reset(void);
/* Runs fn; a fault inside it is recorded in trap_last and fn is abandoned.
 * Returns 1 when a fault happened. Usable at CPL 0 and CPL 3. */
int probe_call(void (*fn)(void));
uint32_t probe_read32(uint32_t addr);             /* trap_last says if it faulted */
void probe_write32(uint32_t addr, uint32_t v);
extern uint32_t stub_table[256];
extern uint8_t probe_read32_insn[], probe_write32_insn[];  /* the faulting instructions */

/* ---- user mode (lib/entry.S) ---- */
/* Runs fn at CPL 3 (CS 0x1b, SS/DS/ES 0x23, EFLAGS = eflags) on the user
 * stack; fn's return through INT 0x81 comes back here with its EAX. */
uint32_t run_user(uint32_t (*fn)(void), uint32_t eflags);
/* The selectors run_user loads (SEL_UCODE and SEL_UDATA unless a kernel
 * installs others). */
extern uint32_t bm_user_cs, bm_user_ds;
extern uint8_t bm_ustack_top[];

/* ---- interrupt controllers (lib/pic.c) ---- */
void pic_remap_and_mask(void);       /* vectors 0x20-0x2f, every IRQ masked */
void pic_unmask(int irq);
void pic_eoi(int irq);

/* ---- paging (lib/paging.c) ---- */
uint32_t frame_alloc(void);          /* a zeroed 4 KiB physical frame */
uint32_t *pt2_new(void);             /* empty 2-level page directory */
void pt2_map(uint32_t *dir, uint32_t va, uint32_t pa, uint32_t flags);
void pt2_map_4m(uint32_t *dir, uint32_t va, uint32_t pa, uint32_t flags);
uint32_t *pt2_pte(uint32_t *dir, uint32_t va);   /* 0 if no page table */
void pt2_identity(uint32_t *dir, uint32_t bytes, uint32_t flags);
void paging_on_2level(uint32_t *dir, uint32_t cr4_bits);
uint64_t *pae_new(void);             /* PDPT with its four page directories */
void pae_map(uint64_t *pdpt, uint32_t va, uint64_t pa, uint64_t flags);
void pae_map_2m(uint64_t *pdpt, uint32_t va, uint64_t pa, uint64_t flags);
uint64_t *pae_pde(uint64_t *pdpt, uint32_t va);
uint64_t *pae_pte(uint64_t *pdpt, uint32_t va);
void pae_identity(uint64_t *pdpt, uint32_t bytes, uint64_t flags);
void paging_on_pae(uint64_t *pdpt, uint32_t cr4_bits, int nxe);
void paging_off(void);

/* The test: called after the library set up GDT, IDT, TSS, serial, PIC. */
void bm_main(void);
void bm_early(void);     /* optional: runs first, before any device set-up */

#endif
