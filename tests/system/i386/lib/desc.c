/* Descriptor tables of the test kernels: a flat GDT (kernel and user
 * code/data, two TSS slots, free entries for the tests), an IDT whose
 * every vector enters trap_dispatch, one TSS with an I/O bitmap, and
 * bm_start which sets it all up before calling the test's bm_main. */
#include <stddef.h>
#include "bm.h"

uint64_t bm_gdt[GDT_ENTRIES] __attribute__((aligned(8)));
static uint64_t bm_idt[256] __attribute__((aligned(8)));
struct tss bm_tss __attribute__((aligned(128)));

void bm_serial_init(void);
void user_exit_stub(void);

/* Segment descriptor format: SDM Vol. 3A, 3.4.5 (Figure 3-8). */
void gdt_set(int idx, uint32_t base, uint32_t limit, uint8_t access, uint8_t flags)
{
    uint32_t lo = (limit & 0xffff) | (base << 16);
    uint32_t hi = ((base >> 16) & 0xff) | ((uint32_t)access << 8) | (limit & 0xf0000) |
                  ((uint32_t)(flags & 0xf) << 20) | (base & 0xff000000);
    bm_gdt[idx] = ((uint64_t)hi << 32) | lo;
}

/* Gate descriptor format: SDM Vol. 3A, 5.8.3 (call gate), 6.11 (IDT). */
static uint64_t gate(uint16_t sel, uint32_t off, uint8_t type, int dpl, int params)
{
    uint32_t lo = (off & 0xffff) | ((uint32_t)sel << 16);
    uint32_t hi = (off & 0xffff0000) | 0x8000 | ((uint32_t)dpl << 13) |
                  ((uint32_t)type << 8) | (params & 0x1f);
    return ((uint64_t)hi << 32) | lo;
}

void gdt_set_gate(int idx, uint16_t sel, uint32_t off, uint8_t type, int dpl, int params)
{
    bm_gdt[idx] = gate(sel, off, type, dpl, params);
}

void idt_set(int vec, uint32_t off, uint16_t sel, uint8_t type, int dpl)
{
    bm_idt[vec] = gate(sel, type == GATE_TASK ? 0 : off, type, dpl, 0);
}

void idt_set_present(int vec, int present)
{
    if (present)
        bm_idt[vec] |= 1ull << 47;
    else
        bm_idt[vec] &= ~(1ull << 47);
}

void idt_set_stub(int vec, uint8_t type, int dpl)
{
    idt_set(vec, stub_table[vec], SEL_KCODE, type, dpl);
}

static void load_tables(void)
{
    struct { uint16_t limit; uint32_t base; } __attribute__((packed)) gdtr, idtr;
    gdtr.limit = sizeof(bm_gdt) - 1;
    gdtr.base = (uint32_t)bm_gdt;
    idtr.limit = sizeof(bm_idt) - 1;
    idtr.base = (uint32_t)bm_idt;
    __asm__ volatile("lgdt %0\n\t"
                     "ljmp $0x08, $1f\n"
                     "1:\tmov $0x10, %%ax\n\t"
                     "mov %%ax, %%ds\n\tmov %%ax, %%es\n\tmov %%ax, %%ss\n\t"
                     "mov %%ax, %%fs\n\tmov %%ax, %%gs\n\t"
                     "lidt %1"
                     :: "m"(gdtr), "m"(idtr) : "eax", "memory");
}

/* A kernel may define bm_early to look at the machine before the library
 * programs the serial port, the GDT/IDT and the 8259s. */
__attribute__((weak)) void bm_early(void)
{
}

void bm_start(void)
{
    bm_early();
    bm_serial_init();
    gdt_set(1, 0, 0xfffff, 0x9a, 0xc);      /* kernel code */
    gdt_set(2, 0, 0xfffff, 0x92, 0xc);      /* kernel data */
    gdt_set(3, 0, 0xfffff, 0xfa, 0xc);      /* user code */
    gdt_set(4, 0, 0xfffff, 0xf2, 0xc);      /* user data */
    bm_tss.esp0 = (uint32_t)bm_kstack_top;
    bm_tss.ss0 = SEL_KDATA;
    bm_tss.iomap_base = offsetof(struct tss, iomap);
    for (unsigned i = 0; i < sizeof(bm_tss.iomap); i++)
        bm_tss.iomap[i] = 0xff;             /* every port denied at CPL > IOPL */
    gdt_set(5, (uint32_t)&bm_tss, sizeof(bm_tss) - 1, 0x89, 0);
    for (int v = 0; v < 256; v++)
        idt_set_stub(v, GATE_INT32, 0);
    idt_set(0x81, (uint32_t)user_exit_stub, SEL_KCODE, GATE_INT32, 3);
    load_tables();
    __asm__ volatile("ltr %w0" :: "r"(SEL_TSS));
    trap_reset();
    pic_remap_and_mask();
    bm_printf("bare-metal test kernel start\n");
    bm_main();
    bm_finish();
}
