/*
 * The boot loaders against the layouts of their specifications: a small
 * bzImage and a multiboot ELF built here are loaded into a 64 MiB buffer
 * and the structures the guest would read are checked field by field.
 */
#include <criterion/criterion.h>
#include <elf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "hw/i386/x86-boot.h"

const char *sys_progname = "test-boot";

#define RAM_SIZE (64u << 20)

static X86BootRam ram;
static char dir[] = "/tmp/mimic-boot-XXXXXX";

static void setup(void)
{
    ram.size = RAM_SIZE;
    ram.host = calloc(1, RAM_SIZE);
    cr_assert(mkdtemp(dir));
}

static void teardown(void)
{
    free(ram.host);
    char cmd[64];
    snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
    cr_assert(system(cmd) == 0);
}

static const char *write_file(const char *name, const void *data, size_t len)
{
    static char path[8][128];
    static int next;
    char *p = path[next++ & 7];
    snprintf(p, 128, "%s/%s", dir, name);
    FILE *f = fopen(p, "wb");
    cr_assert(f);
    cr_assert(fwrite(data, 1, len, f) == len);
    fclose(f);
    return p;
}

static uint32_t rd32(const uint8_t *p) { uint32_t v; memcpy(&v, p, 4); return v; }
static uint64_t rd64(const uint8_t *p) { uint64_t v; memcpy(&v, p, 8); return v; }
static void wr16(uint8_t *p, uint16_t v) { memcpy(p, &v, 2); }
static void wr32(uint8_t *p, uint32_t v) { memcpy(p, &v, 4); }

/* A bzImage: 4 setup sectors + boot sector, protocol 2.15, then the
 * protected-mode part filled with a pattern. */
static size_t make_bzimage(uint8_t *k, size_t pm_size)
{
    size_t setup = 5 * 512;
    memset(k, 0, setup);
    k[0x1f1] = 4;
    wr16(k + 0x1fe, 0xaa55);
    k[0x201] = 0x6a;
    memcpy(k + 0x202, "HdrS", 4);
    wr16(k + 0x206, 0x020f);
    k[0x211] = 0x01;                       /* LOADED_HIGH */
    wr32(k + 0x214, 0x100000);
    wr32(k + 0x22c, 0x37ffffff);           /* initrd_addr_max */
    wr32(k + 0x238, 2047);                 /* cmdline_size */
    wr32(k + 0x260, 0x400000);             /* init_size */
    for (size_t i = 0; i < pm_size; i++) {
        k[setup + i] = (uint8_t)(i * 7 + 1);
    }
    return setup + pm_size;
}

TestSuite(linux_boot, .init = setup, .fini = teardown);

Test(linux_boot, zero_page_and_entry)
{
    static uint8_t k[5 * 512 + 8192];
    size_t klen = make_bzimage(k, 8192);
    uint8_t initrd[10000];
    memset(initrd, 0x5a, sizeof(initrd));
    const char *kp = write_file("bz", k, klen);
    const char *ip = write_file("initrd", initrd, sizeof(initrd));
    X86BootEntry e;

    cr_assert(x86_load_kernel(&ram, kp, ip, "console=ttyS0 quiet", &e));
    cr_expect(e.prot32);
    cr_expect_eq(e.eip, 0x100000);
    cr_expect_eq(e.esi, X86_BOOT_PARAMS_ADDR);
    /* The protected-mode part at 1 MiB. */
    cr_expect_eq(memcmp(ram.host + 0x100000, k + 5 * 512, 8192), 0);
    const uint8_t *bp = ram.host + X86_BOOT_PARAMS_ADDR;
    /* The setup header copied at 0x1f1, with the loader's fields. */
    cr_expect_eq(memcmp(bp + 0x202, "HdrS", 4), 0);
    cr_expect_eq(bp[0x210], 0xff, "type_of_loader: undefined");
    cr_expect_eq(rd32(bp + 0x228), X86_BOOT_CMDLINE_ADDR);
    cr_expect_str_eq((const char *)ram.host + rd32(bp + 0x228), "console=ttyS0 quiet");
    /* The initrd page-aligned at the top of RAM (below initrd_addr_max). */
    uint32_t rd = rd32(bp + 0x218);
    cr_expect_eq(rd32(bp + 0x21c), sizeof(initrd));
    cr_expect_eq(rd, (RAM_SIZE - sizeof(initrd)) & ~0xfffu);
    cr_expect_eq(memcmp(ram.host + rd, initrd, sizeof(initrd)), 0);
    /* e820 at 0x2d0, 20 bytes an entry: low RAM, high RAM up to -m. */
    cr_expect_eq(bp[0x1e8], 5);
    cr_expect_eq(rd64(bp + 0x2d0), 0);
    cr_expect_eq(rd64(bp + 0x2d0 + 8), 0x9fc00);
    cr_expect_eq(rd32(bp + 0x2d0 + 16), 1);
    const uint8_t *hi = bp + 0x2d0 + 3 * 20;
    cr_expect_eq(rd64(hi), 0x100000);
    cr_expect_eq(rd64(hi + 8), RAM_SIZE - 0x100000);
    cr_expect_eq(rd32(hi + 16), 1);
    cr_expect_eq(rd32(bp + 0x1e0), (RAM_SIZE >> 10) - 1024, "alt_mem_k");
    /* The boot GDT: 0x10 flat code, 0x18 flat data. */
    cr_expect_eq(rd64(ram.host + X86_BOOT_GDT_ADDR + 0x10), 0x00cf9b000000ffffull);
    cr_expect_eq(rd64(ram.host + X86_BOOT_GDT_ADDR + 0x18), 0x00cf93000000ffffull);
}

Test(linux_boot, initrd_below_initrd_addr_max)
{
    static uint8_t k[5 * 512 + 512];
    size_t klen = make_bzimage(k, 512);
    wr32(k + 0x22c, 0x01ffffff);           /* 32 MiB - 1 */
    uint8_t initrd[100] = { 1 };
    X86BootEntry e;

    cr_assert(x86_load_kernel(&ram, write_file("bz", k, klen),
                              write_file("rd", initrd, sizeof(initrd)), NULL, &e));
    const uint8_t *bp = ram.host + X86_BOOT_PARAMS_ADDR;
    cr_expect_eq(rd32(bp + 0x218), 0x2000000 - 0x1000);
    cr_expect_eq(ram.host[rd32(bp + 0x228)], 0, "empty command line");
}

/* A multiboot ELF: one PT_LOAD of the whole file at 1 MiB. */
static size_t make_multiboot(uint8_t *img, uint32_t *entry)
{
    Elf32_Ehdr eh = { .e_type = ET_EXEC, .e_machine = EM_386, .e_version = 1,
                      .e_phoff = sizeof(Elf32_Ehdr), .e_ehsize = sizeof(Elf32_Ehdr),
                      .e_phentsize = sizeof(Elf32_Phdr), .e_phnum = 1 };
    size_t hdr = sizeof(Elf32_Ehdr) + sizeof(Elf32_Phdr), len = hdr + 12 + 16;
    memcpy(eh.e_ident, ELFMAG, SELFMAG);
    eh.e_ident[EI_CLASS] = ELFCLASS32;
    eh.e_ident[EI_DATA] = ELFDATA2LSB;
    eh.e_ident[EI_VERSION] = 1;
    eh.e_entry = 0x100000 + hdr + 12;
    Elf32_Phdr ph = { .p_type = PT_LOAD, .p_vaddr = 0x100000, .p_paddr = 0x100000,
                      .p_filesz = len, .p_memsz = len + 0x2000, .p_flags = 7 };
    memset(img, 0, len);
    memcpy(img, &eh, sizeof(eh));
    memcpy(img + sizeof(eh), &ph, sizeof(ph));
    wr32(img + hdr, 0x1badb002);
    wr32(img + hdr + 4, 3);
    wr32(img + hdr + 8, -(0x1badb002u + 3));
    memset(img + hdr + 12, 0x90, 16);
    *entry = eh.e_entry;
    return len;
}

TestSuite(multiboot, .init = setup, .fini = teardown);

Test(multiboot, info_and_modules)
{
    uint8_t img[256], m1[5000], m2[3];
    uint32_t entry;
    size_t len = make_multiboot(img, &entry);
    memset(m1, 0x11, sizeof(m1));
    memset(m2, 0x22, sizeof(m2));
    const char *kp = write_file("k", img, len);
    const char *p1 = write_file("m1", m1, sizeof(m1));
    const char *p2 = write_file("m,2", m2, sizeof(m2));
    char mods[512];
    snprintf(mods, sizeof(mods), "%s arg1 arg2,%.*s,,2", p1, (int)(strlen(p2) - 2), p2);
    X86BootEntry e;

    cr_assert(x86_load_kernel(&ram, kp, mods, "a=b", &e));
    cr_expect(e.prot32);
    cr_expect_eq(e.eax, 0x2badb002);
    cr_expect_eq(e.eip, entry);
    /* The bss part of the segment is zeroed, the information after it. */
    cr_expect_eq(ram.host[0x100000 + len + 1], 0);
    const uint8_t *mbi = ram.host + e.ebx;
    cr_expect_geq(e.ebx, 0x100000 + len + 0x2000);
    uint32_t flags = rd32(mbi);
    cr_expect_eq(flags & 0x24f, 0x24d, "mem, cmdline, mods, mmap, loader name");
    cr_expect_eq(rd32(mbi + 4), 640);
    cr_expect_eq(rd32(mbi + 8), (RAM_SIZE >> 10) - 1024);
    char want[300];
    snprintf(want, sizeof(want), "%s a=b", kp);
    cr_expect_str_eq((const char *)ram.host + rd32(mbi + 16), want);
    /* Modules: page-aligned, with their command lines. */
    cr_assert_eq(rd32(mbi + 20), 2);
    const uint8_t *mod = ram.host + rd32(mbi + 24);
    uint32_t s1 = rd32(mod), e1 = rd32(mod + 4), s2 = rd32(mod + 16), e2 = rd32(mod + 20);
    cr_expect_eq(s1 & 0xfff, 0);
    cr_expect_eq(e1 - s1, sizeof(m1));
    cr_expect_eq(memcmp(ram.host + s1, m1, sizeof(m1)), 0);
    cr_expect_eq(s2 & 0xfff, 0);
    cr_expect_eq(e2 - s2, sizeof(m2));
    cr_expect_eq(memcmp(ram.host + s2, m2, sizeof(m2)), 0);
    snprintf(want, sizeof(want), "%s arg1 arg2", p1);
    cr_expect_str_eq((const char *)ram.host + rd32(mod + 8), want);
    cr_expect_str_eq((const char *)ram.host + rd32(mod + 24), p2, "',,' is a comma");
    /* The memory map: size field 20, then base, length, type. */
    uint32_t mlen = rd32(mbi + 44);
    const uint8_t *mm = ram.host + rd32(mbi + 48);
    cr_expect_eq(mlen, 5 * 24);
    cr_expect_eq(rd32(mm), 20);
    cr_expect_eq(rd64(mm + 4), 0);
    cr_expect_eq(rd64(mm + 12), 0x9fc00);
    cr_expect_eq(rd32(mm + 20), 1);
    cr_expect_eq(rd64(mm + 3 * 24 + 4), 0x100000);
    cr_expect_eq(rd64(mm + 3 * 24 + 12), RAM_SIZE - 0x100000);
    cr_expect_str_eq((const char *)ram.host + rd32(mbi + 64), "mimic");
}

Test(multiboot, entry_translated_to_physical)
{
    uint8_t img[256];
    uint32_t entry;
    size_t len = make_multiboot(img, &entry);
    Elf32_Phdr ph;
    memcpy(&ph, img + sizeof(Elf32_Ehdr), sizeof(ph));
    ph.p_vaddr = 0xc0100000;               /* a higher-half kernel */
    memcpy(img + sizeof(Elf32_Ehdr), &ph, sizeof(ph));
    wr32(img + 24, entry - 0x100000 + 0xc0100000);
    X86BootEntry e;

    cr_assert(x86_load_kernel(&ram, write_file("k", img, len), NULL, NULL, &e));
    cr_expect_eq(e.eip, entry, "paging is off at entry: the physical address");
}

Test(multiboot, rejects_unknown_required_flags)
{
    uint8_t img[256];
    uint32_t entry;
    size_t len = make_multiboot(img, &entry);
    size_t hdr = sizeof(Elf32_Ehdr) + sizeof(Elf32_Phdr);
    wr32(img + hdr + 4, 3 | 1u << 5);
    wr32(img + hdr + 8, -(0x1badb002u + (3 | 1u << 5)));
    X86BootEntry e;

    cr_expect_not(x86_load_kernel(&ram, write_file("k", img, len), NULL, NULL, &e));
}

Test(multiboot, e820_shape)
{
    E820Entry e[X86_E820_MAX];
    int n = x86_e820_table(256u << 20, e, X86_E820_MAX);
    cr_assert_eq(n, 5);
    /* No usable RAM between 640 KiB and 1 MiB. */
    for (int i = 0; i < n; i++) {
        if (e[i].type == E820_RAM) {
            cr_expect(e[i].addr + e[i].size <= 0xa0000 || e[i].addr >= 0x100000);
        }
    }
}
