/*
 * Unit tests of softmmu/memory.c: the physical map (RAM, ROM, MMIO, holes,
 * later-registered-wins overlap, unmap), physical accesses across pieces,
 * the MMIO/port width rule and the -d unimp log of unassigned accesses.
 * Expected values follow the rules written in include/exec/memory.h and
 * the ISA bus behaviour they describe (all ones from an undriven bus).
 */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>
#include "exec/memory.h"
#include "util/log.h"

/* A device that records its accesses and answers offset-derived values. */
typedef struct Rec {
    int n;
    hwaddr off[16];
    unsigned size[16];
    uint64_t val[16];
    bool write[16];
} Rec;

static uint64_t rec_read(void *opaque, hwaddr off, unsigned size)
{
    Rec *r = opaque;

    cr_assert(r->n < 16);
    r->off[r->n] = off;
    r->size[r->n] = size;
    r->write[r->n] = false;
    r->n++;
    /* Byte k of the answer is 0x10 + offset + k: a byte device and a wide
     * one give the same little-endian bytes. Junk above size is masked. */
    uint64_t v = 0xdead000000000000ull;
    for (unsigned k = 0; k < size; k++) {
        v |= (uint64_t)((0x10 + off + k) & 0xff) << (8 * k);
    }
    return v;
}

static void rec_write(void *opaque, hwaddr off, uint64_t val, unsigned size)
{
    Rec *r = opaque;

    cr_assert(r->n < 16);
    r->off[r->n] = off;
    r->size[r->n] = size;
    r->val[r->n] = val;
    r->write[r->n] = true;
    r->n++;
}

static const MemoryOps rec_ops_wide = { rec_read, rec_write, 0 };
static const MemoryOps rec_ops_byte = { rec_read, rec_write, 1 };
static const MemoryOps rec_ops_8 = { rec_read, rec_write, 8 };
static const MemoryOps rec_ops_wo = { NULL, rec_write, 1 };

static uint8_t ram[0x100000];
static uint8_t rom[0x10000];

static void fresh(void)
{
    mem_map_reset();
    mimic_log_mask = 0;
}

TestSuite(memory, .init = fresh);

Test(memory, hole_reads_all_ones)
{
    const MemSection *s = mem_lookup(0x1234);

    cr_expect_eq(s->kind, MR_UNASSIGNED);
    cr_expect_eq(s->base, 0);
    cr_expect_eq(s->size, MEM_PHYS_LIMIT);
    cr_expect_eq(phys_ldl_le(0x1234), 0xffffffffu);
    cr_expect_eq(phys_ldq_le(0x100), ~0ull);
    cr_expect_eq(phys_read(0x5, 1), 0xff);
    phys_stl_le(0x1234, 0);   /* ignored, no crash */
    s = mem_lookup(MEM_PHYS_LIMIT + 5);
    cr_expect_eq(s->kind, MR_UNASSIGNED);
}

Test(memory, ram_bytes_little_endian)
{
    memset(ram, 0, sizeof(ram));
    mem_map_ram(0, sizeof(ram), ram, "ram");
    phys_stl_le(0x100, 0x11223344);
    cr_expect_eq(ram[0x100], 0x44);
    cr_expect_eq(ram[0x103], 0x11);
    cr_expect_eq(phys_ldl_be(0x100), 0x44332211u);
    phys_stl_be(0x200, 0x11223344);
    cr_expect_eq(ram[0x200], 0x11);
    phys_stq_le(0x300, 0x0102030405060708ull);
    cr_expect_eq(phys_ldq_le(0x300), 0x0102030405060708ull);
    cr_expect_eq(phys_read(0x301, 2), 0x0607);   /* bytes 07 06 */
    const MemSection *s = mem_lookup(0x8000);
    cr_expect_eq(s->kind, MR_RAM);
    cr_expect_eq(s->host, ram);
    cr_expect_eq(s->base, 0);
    cr_expect_eq(s->size, sizeof(ram));
    /* Just past the RAM: a hole up to the end of the space. */
    s = mem_lookup(sizeof(ram));
    cr_expect_eq(s->kind, MR_UNASSIGNED);
    cr_expect_eq(s->base, sizeof(ram));
    cr_expect_eq(s->base + s->size, MEM_PHYS_LIMIT);
}

Test(memory, rom_ignores_writes)
{
    memset(rom, 0x5a, sizeof(rom));
    mem_map_rom(0xf0000, sizeof(rom), rom, "bios");
    phys_stl_le(0xf0010, 0);
    cr_expect_eq(phys_ldl_le(0xf0010), 0x5a5a5a5au);
    uint8_t buf[4] = { 1, 2, 3, 4 };
    phys_rw(0xf0020, buf, 4, true);
    cr_expect_eq(rom[0xf0020 - 0xf0000], 0x5a);
    phys_rw(0xf0020, buf, 4, false);
    cr_expect_eq(buf[0], 0x5a);
}

Test(memory, later_region_wins_and_splits_earlier)
{
    Rec r = { 0 };
    const MemSection *s;

    mem_map_ram(0, sizeof(ram), ram, "ram");
    mem_map_mmio(0xa0000, 0x20000, &rec_ops_wide, &r, "vga");
    s = mem_lookup(0x9ffff);
    cr_expect_eq(s->kind, MR_RAM);
    cr_expect_eq(s->base, 0);
    cr_expect_eq(s->size, 0xa0000);
    s = mem_lookup(0xa0000);
    cr_expect_eq(s->kind, MR_MMIO);
    cr_expect_eq(s->opaque, &r);
    cr_expect_str_eq(s->name, "vga");
    s = mem_lookup(0xc0000);
    cr_expect_eq(s->kind, MR_RAM);
    cr_expect_eq(s->base, 0xc0000);
    cr_expect_eq(s->host, ram + 0xc0000);
    cr_expect_eq(s->size, sizeof(ram) - 0xc0000);

    /* A later small region over the MMIO: offsets of the rest still
     * count from the device's own start. */
    mem_map_ram(0xa8000, 0x1000, ram, "patch");
    cr_expect_eq(phys_read(0xb0004, 4), 0x17161514u);
    cr_expect_eq(r.n, 1);
    cr_expect_eq(r.off[0], 0x10004);
    cr_expect_eq(r.size[0], 4);
    cr_expect_eq(mem_lookup(0xa8fff)->kind, MR_RAM);
    cr_expect_eq(mem_lookup(0xa9000)->kind, MR_MMIO);
}

Test(memory, unmap_makes_a_hole_and_bumps_generation)
{
    uint64_t gen;

    mem_map_ram(0, sizeof(ram), ram, "ram");
    gen = mem_map_generation;
    mem_unmap(0x10000, 0x10000);
    cr_expect_gt(mem_map_generation, gen);
    const MemSection *s = mem_lookup(0x18000);
    cr_expect_eq(s->kind, MR_UNASSIGNED);
    cr_expect_eq(s->base, 0x10000);
    cr_expect_eq(s->size, 0x10000);
    cr_expect_eq(phys_ldl_le(0x18000), 0xffffffffu);
    s = mem_lookup(0x20000);
    cr_expect_eq(s->kind, MR_RAM);
    cr_expect_eq(s->host, ram + 0x20000);
    /* Mapping over the hole again works. */
    mem_map_ram(0x10000, 0x1000, ram, "again");
    cr_expect_eq(mem_lookup(0x10000)->kind, MR_RAM);
    cr_expect_eq(mem_lookup(0x11000)->kind, MR_UNASSIGNED);
}

Test(memory, access_across_ram_end_is_split)
{
    memset(ram, 0, sizeof(ram));
    mem_map_ram(0, 0x1000, ram, "ram");
    ram[0xffe] = 0x12;
    ram[0xfff] = 0x34;
    /* Two bytes of RAM then two of the undriven bus. */
    cr_expect_eq(phys_ldl_le(0xffe), 0xffff3412u);
    phys_stl_le(0xffe, 0xaabbccdd);
    cr_expect_eq(ram[0xffe], 0xdd);
    cr_expect_eq(ram[0xfff], 0xcc);
    uint8_t buf[4];
    phys_rw(0xffe, buf, 4, false);
    cr_expect_eq(buf[0], 0xdd);
    cr_expect_eq(buf[2], 0xff);
}

Test(memory, mmio_width_rule)
{
    Rec r = { 0 };

    mem_map_mmio(0x1000, 0x100, &rec_ops_byte, &r, "bytedev");
    /* A 4-byte read of a byte device: four byte reads, ascending. */
    cr_expect_eq(phys_read(0x1010, 4), 0x23222120u);
    cr_expect_eq(r.n, 4);
    for (int k = 0; k < 4; k++) {
        cr_expect_eq(r.off[k], 0x10 + k);
        cr_expect_eq(r.size[k], 1);
    }
    r.n = 0;
    phys_write(0x1020, 0x44332211, 4);
    cr_expect_eq(r.n, 4);
    cr_expect_eq(r.val[0], 0x11);
    cr_expect_eq(r.val[3], 0x44);
    cr_expect_eq(r.off[3], 0x23);

    Rec w = { 0 };
    mem_map_mmio(0x2000, 0x100, &rec_ops_wide, &w, "wide");
    /* 8 bytes on a device that takes 4: two 4-byte accesses, low first. */
    phys_write(0x2008, 0x1122334455667788ull, 8);
    cr_expect_eq(w.n, 2);
    cr_expect_eq(w.off[0], 8);
    cr_expect_eq(w.val[0], 0x55667788);
    cr_expect_eq(w.off[1], 12);
    cr_expect_eq(w.val[1], 0x11223344);

    Rec q = { 0 };
    mem_map_mmio(0x3000, 0x100, &rec_ops_8, &q, "eight");
    phys_write(0x3008, 0x1122334455667788ull, 8);
    cr_expect_eq(q.n, 1);
    cr_expect_eq(q.size[0], 8);
    cr_expect_eq(q.val[0], 0x1122334455667788ull);
}

Test(memory, ports_unassigned_all_ones)
{
    cr_expect_eq(ioport_read(0x80, 1), 0xff);
    cr_expect_eq(ioport_read(0x80, 2), 0xffff);
    cr_expect_eq(ioport_read(0x80, 4), 0xffffffffu);
    ioport_write(0x80, 0x12, 1);
}

Test(memory, ports_byte_device_splits_wide_access)
{
    Rec r = { 0 };

    ioport_register(0x20, 2, &rec_ops_byte, &r, "pic");
    cr_expect_eq(ioport_read(0x20, 2), 0x1110);
    cr_expect_eq(r.n, 2);
    cr_expect_eq(r.off[0], 0);
    cr_expect_eq(r.off[1], 1);
    cr_expect_eq(r.size[0], 1);
    r.n = 0;
    /* Crossing the end of the range: port 0x21 then the unassigned 0x22. */
    cr_expect_eq(ioport_read(0x21, 2), 0xff11);
    cr_expect_eq(r.n, 1);
    r.n = 0;
    ioport_write(0x20, 0xbbaa, 2);
    cr_expect_eq(r.n, 2);
    cr_expect_eq(r.val[0], 0xaa);
    cr_expect_eq(r.off[1], 1);
    cr_expect_eq(r.val[1], 0xbb);
}

Test(memory, ports_wide_device_gets_whole_access)
{
    Rec r = { 0 };

    ioport_register(0xcf8, 8, &rec_ops_wide, &r, "pci");
    cr_expect_eq(ioport_read(0xcfc, 4), 0x17161514u);
    cr_expect_eq(r.n, 1);
    cr_expect_eq(r.off[0], 4);
    cr_expect_eq(r.size[0], 4);
    ioport_write(0xcf8, 0x80000000u, 4);
    cr_expect_eq(r.n, 2);
    cr_expect_eq(r.val[1], 0x80000000u);
    cr_expect_eq(r.size[1], 4);
}

Test(memory, ports_later_registration_wins)
{
    Rec a = { 0 }, b = { 0 };

    ioport_register(0x60, 0x10, &rec_ops_byte, &a, "first");
    ioport_register(0x64, 1, &rec_ops_byte, &b, "second");
    ioport_read(0x64, 1);
    cr_expect_eq(a.n, 0);
    cr_expect_eq(b.n, 1);
    cr_expect_eq(b.off[0], 0);
    ioport_read(0x65, 1);
    cr_expect_eq(a.n, 1);
    cr_expect_eq(a.off[0], 5);
    /* Write-only range: reads are unassigned. */
    ioport_register(0x70, 1, &rec_ops_wo, &a, "wo");
    cr_expect_eq(ioport_read(0x70, 1), 0xff);
}

static char *read_log(FILE *f)
{
    static char buf[4096];
    size_t n;

    fflush(f);
    rewind(f);
    n = fread(buf, 1, sizeof(buf) - 1, f);
    buf[n] = 0;
    return buf;
}

static int count_lines(const char *s)
{
    int n = 0;

    for (; *s; s++) {
        n += *s == '\n';
    }
    return n;
}

Test(memory, unassigned_logged_once_under_unimp)
{
    FILE *f = tmpfile();

    cr_assert(f);
    mimic_log_file = f;
    ioport_read(0x123, 1);   /* not logged: -d unimp off */
    mimic_log_mask = LOG_UNIMP;
    ioport_read(0x80, 1);
    ioport_read(0x80, 1);
    ioport_write(0x80, 0, 1);
    phys_ldl_le(0x5000);
    phys_ldl_le(0x5000);
    char *log = read_log(f);
    cr_expect_eq(count_lines(log), 3, "log was:\n%s", log);
    cr_expect(strstr(log, "0x80") != NULL, "log was:\n%s", log);
    cr_expect(strstr(log, "0x123") == NULL, "log was:\n%s", log);
    mimic_log_file = stderr;
    fclose(f);
}

/* mem_map_remove (added for the local APIC's movable window): RAM under a
 * withdrawn MMIO window is RAM again, where mem_unmap leaves a hole. */
Test(memory, remove_shows_what_lies_beneath)
{
    Rec r = { 0 };
    uint64_t gen;

    memset(ram, 0x5a, sizeof(ram));
    mem_map_ram(0, sizeof(ram), ram, "ram");
    mem_map_mmio(0x10000, 0x1000, &rec_ops_wide, &r, "window");
    cr_expect_eq(mem_lookup(0x10004)->kind, MR_MMIO);
    gen = mem_map_generation;
    mem_map_remove(0x10000, 0x1000);
    cr_expect_neq(mem_map_generation, gen, "the map changed: TLBs must flush");
    const MemSection *s = mem_lookup(0x10004);
    cr_expect_eq(s->kind, MR_RAM);
    cr_expect_eq(s->base, 0);
    cr_expect_eq(s->size, sizeof(ram));
    cr_expect_eq(phys_read(0x10004, 1), 0x5a);
    mem_map_remove(0x10000, 0x1000);          /* nothing there: no change */
    cr_expect_eq(mem_lookup(0x10004)->kind, MR_RAM);
    mem_map_mmio(0x10000, 0x1000, &rec_ops_wide, &r, "window");
    mem_unmap(0x10000, 0x1000);
    cr_expect_eq(mem_lookup(0x10004)->kind, MR_UNASSIGNED);
}
