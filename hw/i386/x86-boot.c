/*
 * What the PC's boot paths share: reading the files, the e820 memory map,
 * the flat boot GDT, the -kernel dispatch between a Linux bzImage and a
 * multiboot kernel, and the -bios image checks (include/hw/i386/x86-boot.h).
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <glib.h>
#include "hw/i386/x86-boot.h"
#include "sysemu/sysemu.h"

#define LOW_RAM_END  0x9fc00    /* 639 KiB; the EBDA's 1 KiB above */
#define HOLE_START   0xa0000
#define VGA_END      0xc0000    /* the ROM area above is RAM for loaders */
#define HIGH_RAM     0x100000

int x86_e820_table(uint64_t ram_size, E820Entry *e, int max)
{
    const E820Entry map[] = {
        { 0, LOW_RAM_END, E820_RAM },
        { LOW_RAM_END, HOLE_START - LOW_RAM_END, E820_RESERVED },
        { 0xf0000, 0x10000, E820_RESERVED },          /* the BIOS area */
        { HIGH_RAM, ram_size - HIGH_RAM, E820_RAM },
        { 0xfffc0000, 0x40000, E820_RESERVED },       /* the ROM below 4 GiB */
    };
    int n = sizeof(map) / sizeof(map[0]);

    if (n > max) {
        n = max;
    }
    memcpy(e, map, n * sizeof(map[0]));
    return n;
}

uint8_t *x86_boot_read_file(const char *what, const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    uint8_t *data = NULL;
    size_t size = 0, cap = 0;

    if (!f) {
        fprintf(stderr, "%s: cannot open %s '%s': %s\n", sys_progname, what, path,
                strerror(errno));
        return NULL;
    }
    for (;;) {
        if (size == cap) {
            cap = cap ? cap * 2 : 1 << 20;
            data = g_realloc(data, cap);
        }
        size_t n = fread(data + size, 1, cap - size, f);
        size += n;
        if (n == 0) {
            break;
        }
    }
    if (ferror(f)) {
        fprintf(stderr, "%s: cannot read %s '%s': %s\n", sys_progname, what, path,
                strerror(errno));
        g_free(data);
        fclose(f);
        return NULL;
    }
    fclose(f);
    *len = size;
    return data;
}

bool x86_boot_ram_ok(const X86BootRam *ram, uint64_t addr, uint64_t len)
{
    if (addr > ram->size || len > ram->size - addr) {
        return false;
    }
    return addr + len <= HOLE_START || addr >= VGA_END;
}

/* A flat 4 GiB descriptor: base 0, limit 0xfffff pages, G and D/B set. */
static uint64_t x86_boot_flat_desc(uint8_t access)
{
    return 0x00cf000000000000ull | ((uint64_t)access << 40) | 0xffff;
}

void x86_boot_write_gdt(X86BootRam *ram)
{
    uint64_t gdt[4] = {
        0, 0,
        x86_boot_flat_desc(0x9b),   /* 0x10: code, execute/read, accessed */
        x86_boot_flat_desc(0x93),   /* 0x18: data, read/write, accessed */
    };
    memcpy(ram->host + X86_BOOT_GDT_ADDR, gdt, sizeof(gdt));
}

bool x86_load_kernel(X86BootRam *ram, const char *kernel, const char *initrd,
                     const char *append, X86BootEntry *entry)
{
    size_t klen;
    uint8_t *k = x86_boot_read_file("kernel", kernel, &klen);
    bool ok;

    if (!k) {
        return false;
    }
    if (x86_linux_is_bzimage(k, klen)) {
        ok = x86_load_linux(ram, kernel, k, klen, initrd, append, entry);
    } else if (x86_multiboot_find_header(k, klen) >= 0) {
        ok = x86_load_multiboot(ram, kernel, k, klen, initrd, append, entry);
    } else {
        fprintf(stderr, "%s: '%s' is not a kernel (no Linux boot header, no multiboot "
                "header in its first 8 KiB)\n", sys_progname, kernel);
        ok = false;
    }
    g_free(k);
    if (ok) {
        x86_boot_write_gdt(ram);
    }
    return ok;
}

uint8_t *x86_load_bios(const char *path, size_t *len)
{
    uint8_t *b = x86_boot_read_file("BIOS image", path, len);

    if (b && (*len == 0 || *len % 0x10000 || *len > X86_BIOS_MAX)) {
        fprintf(stderr, "%s: BIOS image '%s' is %zu bytes: it must be a non-zero "
                "multiple of 64 KiB, at most 16 MiB\n", sys_progname, path, *len);
        g_free(b);
        return NULL;
    }
    return b;
}
