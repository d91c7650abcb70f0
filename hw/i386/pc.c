/*
 * The PC board: RAM with the 640K-1M hole, the -bios ROM below 4 GiB (its
 * last 128 KiB aliased below 1 MiB), the i386 CPU, and the ISA devices
 * wired to IRQ lines and chardevs. Holds no device logic; the boot paths
 * are hw/i386/x86-boot.c, linux-boot.c and multiboot.c.
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <glib.h>
#include "hw/i386/pc.h"
#include "hw/i386/x86-boot.h"
#include "sysemu/chardev.h"
#include "sysemu/sysemu.h"

typedef struct PCMachine {
    const SysOptions *opts;
    X86BootRam ram;
    uint8_t *bios;
    size_t bios_size;
    X86BootEntry entry;
    Chardev *serial[SYS_MAX_SERIAL];
    Chardev *debugcon;
} PCMachine;

static PCMachine pc;

static uint8_t *pc_alloc_ram(uint64_t size)
{
    void *p = mmap(NULL, size, PROT_READ | PROT_WRITE,
                   MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);

    if (p == MAP_FAILED) {
        fprintf(stderr, "%s: cannot allocate %llu MiB of guest RAM\n", sys_progname,
                (unsigned long long)(size >> 20));
        exit(1);
    }
    return p;
}

/* The chardevs of -serial (stdio by default) and -debugcon. */
static void pc_open_chardevs(const SysOptions *o)
{
    chardev_nographic = o->nographic;
    if (o->nb_serial == 0) {
        pc.serial[0] = chardev_new("stdio");
    }
    for (int i = 0; i < o->nb_serial; i++) {
        pc.serial[i] = chardev_new(o->serial[i]);
        if (!pc.serial[i]) {
            exit(1);
        }
    }
    if (o->debugcon && !(pc.debugcon = chardev_new(o->debugcon))) {
        exit(1);
    }
}

/* Loads what the machine boots into RAM; sets pc.entry. */
static void pc_load_boot(const SysOptions *o)
{
    memset(&pc.entry, 0, sizeof(pc.entry));
    if (o->kernel) {
        if (!x86_load_kernel(&pc.ram, o->kernel, o->initrd, o->append, &pc.entry)) {
            exit(1);
        }
    }
}

CPUState *pc_init(const SysOptions *o)
{
    pc.opts = o;
    if (o->initrd && !o->kernel) {
        fprintf(stderr, "%s: -initrd needs -kernel\n", sys_progname);
        exit(1);
    }
    if (o->append && !o->kernel) {
        fprintf(stderr, "%s: -append needs -kernel\n", sys_progname);
        exit(1);
    }
    if (o->kernel && o->bios) {
        fprintf(stderr, "%s: -kernel with -bios is not supported (the kernel is loaded "
                "directly, without firmware)\n", sys_progname);
        exit(1);
    }
    if (!o->kernel && !o->bios) {
        fprintf(stderr, "%s: nothing to boot: give -kernel FILE or -bios FILE\n",
                sys_progname);
        exit(1);
    }
    if (o->bios && !(pc.bios = x86_load_bios(o->bios, &pc.bios_size))) {
        exit(1);
    }
    pc.ram.size = o->ram_size;
    pc.ram.host = pc_alloc_ram(o->ram_size);
    pc_load_boot(o);
    pc_open_chardevs(o);
    fprintf(stderr, "%s: the PC machine is not wired up yet (issue 7 in progress)\n",
            sys_progname);
    exit(1);
}

void pc_reset(void)
{
}
