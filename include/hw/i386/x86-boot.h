/*
 * Boot paths of the PC (hw/i386/x86-boot.c, linux-boot.c, multiboot.c):
 * -kernel as a Linux bzImage (the x86 boot protocol's 32-bit entry) or a
 * multiboot v1 ELF kernel, and -bios as a raw ROM image. The loaders write
 * into the board's RAM block directly (before any code runs) and describe
 * the CPU state to start in; the board sets it (x86_boot_enter).
 */
#ifndef HW_I386_X86_BOOT_H
#define HW_I386_X86_BOOT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Guest-physical places the loaders use below 1 MiB. */
#define X86_BOOT_GDT_ADDR      0x1000     /* flat code 0x10, flat data 0x18 */
#define X86_BOOT_PARAMS_ADDR   0x10000    /* Linux boot_params (zero page) */
#define X86_BOOT_CMDLINE_ADDR  0x20000    /* Linux command line */
#define X86_BOOT_KERNEL_ADDR   0x100000   /* Linux protected-mode kernel */
#define X86_BOOT_SEL_CODE      0x10
#define X86_BOOT_SEL_DATA      0x18

/* The memory map given to the guest (e820 types). */
enum { E820_RAM = 1, E820_RESERVED = 2 };
typedef struct E820Entry {
    uint64_t addr, size;
    uint32_t type;
} E820Entry;
#define X86_E820_MAX 8
/* Fills the PC's map for ram_size bytes of RAM; returns the count. */
int x86_e820_table(uint64_t ram_size, E820Entry *e, int max);

/* The RAM a loader writes: host block for guest-physical [0, size), with
 * the VGA hole 0xa0000-0xbffff not usable. */
typedef struct X86BootRam {
    uint8_t *host;
    uint64_t size;
} X86BootRam;

/* The CPU state the machine starts in. */
typedef struct X86BootEntry {
    bool prot32;        /* false: real mode at the reset vector */
    uint32_t eip;       /* prot32: the entry point */
    uint32_t eax, ebx, esi;
} X86BootEntry;

/* A whole file in memory (g_free), or NULL with one error line naming
 * what (e.g. "kernel") and the path. */
uint8_t *x86_boot_read_file(const char *what, const char *path, size_t *len);
/* Writes the flat boot GDT at X86_BOOT_GDT_ADDR. */
void x86_boot_write_gdt(X86BootRam *ram);
/* True if [addr, addr + len) is usable RAM for a loader (inside RAM,
 * outside the VGA hole; 0xc0000-0xfffff is RAM on the PC without -bios). */
bool x86_boot_ram_ok(const X86BootRam *ram, uint64_t addr, uint64_t len);

/*
 * -kernel FILE [-initrd ...] [-append ...]: detects the kind (bzImage or
 * multiboot), loads it and sets *entry. On bad input prints one line and
 * returns false.
 */
bool x86_load_kernel(X86BootRam *ram, const char *kernel, const char *initrd,
                     const char *append, X86BootEntry *entry);
/* The two loaders, given the kernel's bytes. */
bool x86_load_linux(X86BootRam *ram, const char *path, const uint8_t *k, size_t klen,
                    const char *initrd, const char *append, X86BootEntry *entry);
bool x86_load_multiboot(X86BootRam *ram, const char *path, const uint8_t *k, size_t klen,
                        const char *initrd, const char *append, X86BootEntry *entry);
/* Offset of a valid multiboot v1 header in the first 8 KiB, or -1. */
long x86_multiboot_find_header(const uint8_t *k, size_t klen);
/* True if the image has the Linux boot protocol's setup header. */
bool x86_linux_is_bzimage(const uint8_t *k, size_t klen);

/* -bios FILE: reads and checks a raw ROM image (a multiple of 64 KiB, at
 * most X86_BIOS_MAX). NULL and one error line on bad input. */
#define X86_BIOS_MAX (16u << 20)
uint8_t *x86_load_bios(const char *path, size_t *len);

#endif
