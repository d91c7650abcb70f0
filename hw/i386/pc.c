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
#include "exec/memory.h"
#include "exec/softmmu.h"
#include "hw/char/debugcon.h"
#include "hw/char/serial.h"
#include "hw/i386/pc-cpu.h"
#include "hw/i386/pc.h"
#include "hw/i386/x86-boot.h"
#include "hw/input/i8042.h"
#include "hw/intc/apic.h"
#include "hw/intc/i8259.h"
#include "hw/misc/debugexit.h"
#include "hw/misc/port92.h"
#include "hw/rtc/mc146818.h"
#include "hw/timer/i8254.h"
#include "sysemu/chardev.h"
#include "sysemu/sysemu.h"
#include "target-i386/cpu-models.h"
#include "util/log.h"

#define PC_CODE_BUFFER_SIZE (64u << 20)
#define PC_VGA_HOLE 0xa0000
#define PC_ISA_BIOS_MAX (128u << 10)

typedef struct PCMachine {
    const SysOptions *opts;
    X86BootRam ram;
    uint8_t *bios;
    size_t bios_size;
    X86BootEntry entry;
    Chardev *serial[SYS_MAX_SERIAL];
    Chardev *debugcon;
    CPUX86State *env;
    I8259State *pic;
    APICState *apic;
    MC146818State *rtc;
    I8254State *pit;
    SerialState *uart[SYS_MAX_SERIAL];
    I8042State *kbc;
    Port92State *port92;
    uint8_t port_cf9;
} PCMachine;

static PCMachine pc;

/* ---- lines into the CPU ---- */

static void pc_cpu_intr(void *opaque, int n, int level)
{
    if (level) {
        cpu_interrupt(&pc.env->cs, CPU_INTERRUPT_HARD);
    } else {
        cpu_reset_interrupt(&pc.env->cs, CPU_INTERRUPT_HARD);
    }
}

static void pc_cpu_nmi(void *opaque, int n, int level)
{
    if (level) {
        cpu_interrupt(&pc.env->cs, CPU_INTERRUPT_NMI);
    }
}

/* The CPU's acknowledge cycle: the local APIC first, the 8259 through
 * LINT0 (ExtINT) or directly on a board without an APIC. */
static int pc_get_intr_vector(void *opaque)
{
    if (pc.apic) {
        int v = apic_get_interrupt(pc.apic);
        if (v != APIC_INTR_EXTINT) {
            return v == APIC_INTR_NONE ? -1 : v;
        }
    }
    return i8259_get_interrupt(pc.pic);
}

/* A20 from the keyboard controller and port 0x92 (1 = enabled). */
static void pc_set_a20(void *opaque, int n, int level)
{
    uint32_t mask = level ? 0xffffffffu : ~(1u << 20);

    if (pc.env->a20_mask != mask) {
        pc.env->a20_mask = mask;
        tlb_flush(&pc.env->cs);
    }
}

static void pc_reset_line(void *opaque, int n, int level)
{
    if (level) {
        sys_reset_request();
    }
}

static void pc_debug_exit(void *opaque, int status)
{
    sys_shutdown_request(status);
}

static void pc_apic_base_write(void *opaque, uint64_t value)
{
    apic_set_base(pc.apic, value);
    pc.env->apic_base_msr = apic_get_base(pc.apic);
}

/* Port 0xcf9, the PIIX reset control register: bit 2 resets. */
static uint64_t pc_cf9_read(void *opaque, hwaddr off, unsigned size)
{
    return pc.port_cf9;
}

static void pc_cf9_write(void *opaque, hwaddr off, uint64_t val, unsigned size)
{
    pc.port_cf9 = val & 0x0a;
    if (val & 0x04) {
        sys_reset_request();
    }
}

static const MemoryOps pc_cf9_ops = { pc_cf9_read, pc_cf9_write };

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

/* RAM below 640 KiB and from 1 MiB, the BIOS below 4 GiB and its last
 * 128 KiB below 1 MiB; 0xa0000-0xbffff (VGA) stays unassigned, and
 * without -bios 0xc0000-0xfffff is RAM, as the shadowed ROM area of a PC. */
static void pc_map_memory(void)
{
    mem_map_ram(0, pc.ram.size, pc.ram.host, "pc.ram");
    mem_unmap(PC_VGA_HOLE, 0x20000);
    if (pc.bios) {
        size_t isa = pc.bios_size < PC_ISA_BIOS_MAX ? pc.bios_size : PC_ISA_BIOS_MAX;
        mem_map_rom(0x100000000ull - pc.bios_size, pc.bios_size, pc.bios, "pc.bios");
        mem_map_rom(0x100000 - isa, isa, pc.bios + pc.bios_size - isa, "isa-bios");
    }
    ioport_register(0xcf9, 1, &pc_cf9_ops, NULL, "reset-control");
}

static const X86CPUModel *pc_cpu_model(const SysOptions *o)
{
    if (o->cpu_model && !strcmp(o->cpu_model, "help")) {
        x86_cpu_model_list(stdout);
        exit(0);
    }
    if (!o->cpu_model) {
        return x86_cpu_model_default_system();
    }
    const X86CPUModel *m = x86_cpu_model_find(o->cpu_model);
    if (!m) {
        fprintf(stderr, "%s: unknown CPU model '%s' (-cpu help lists them)\n",
                sys_progname, o->cpu_model);
        exit(1);
    }
    return m;
}

static void pc_create_cpu(const SysOptions *o, const X86CPUModel *model)
{
    softmmu_enabled = true;
    tcg_exec_init(&x86_guest_arch, o->backend, PC_CODE_BUFFER_SIZE);
    pc.env = (CPUX86State *)cpu_create(&x86_guest_arch);
    pc.env->cpu_model = model;
    pc.env->get_intr_vector = pc_get_intr_vector;
    pc.env->intr_opaque = NULL;
}

/* The ISA devices and their lines; the local APIC when the CPU model has
 * one and the machine is "pc". */
static void pc_create_devices(const SysOptions *o, const X86CPUModel *model)
{
    static const uint16_t com_base[SYS_MAX_SERIAL] = { 0x3f8, 0x2f8, 0x3e8, 0x2e8 };
    static const int com_irq[SYS_MAX_SERIAL] = { 4, 3, 4, 3 };
    IRQLine cpu_intr = { pc_cpu_intr, NULL, 0 };
    IRQLine cpu_nmi = { pc_cpu_nmi, NULL, 0 };
    IRQLine a20 = { pc_set_a20, NULL, 0 };
    IRQLine reset = { pc_reset_line, NULL, 0 };
    bool has_apic = strcmp(o->machine, "isapc") != 0 &&
                    (model->features[X86_FEAT_1_EDX] & X86_CPUID_APIC);

    if (has_apic) {
        pc.apic = hw_apic_init(0, cpu_intr, cpu_nmi);
        pc.pic = hw_i8259_init(*apic_lint(pc.apic, 0));
        pc.env->apic_base_write = pc_apic_base_write;
        pc.env->apic_opaque = NULL;
        pc.env->apic_base_msr = apic_get_base(pc.apic);
    } else {
        pc.pic = hw_i8259_init(cpu_intr);
    }
    pc.pit = hw_i8254_init(*i8259_input(pc.pic, 0));
    pc.rtc = hw_mc146818_init(*i8259_input(pc.pic, 8));
    mc146818_cmos_fill_pc(pc.rtc, pc.ram.size);
    for (int i = 0; i < SYS_MAX_SERIAL; i++) {
        if (pc.serial[i]) {
            pc.uart[i] = hw_serial_init(com_base[i], *i8259_input(pc.pic, com_irq[i]),
                                        pc.serial[i]);
        }
    }
    pc.kbc = hw_i8042_init(*i8259_input(pc.pic, 1), *i8259_input(pc.pic, 12), a20, reset);
    pc.port92 = hw_port92_init(a20, reset);
    if (sys_opts.debugexit_set) {
        hw_debugexit_init(sys_opts.debugexit_iobase, sys_opts.debugexit_iosize,
                          pc_debug_exit, NULL);
    } else {
        hw_debugexit_init(0xf4, 4, pc_debug_exit, NULL);
    }
    if (pc.debugcon) {
        hw_debugcon_init(0xe9, pc.debugcon);
    }
}

/* The CPU state the boot path starts in. */
static void pc_start_cpu(void)
{
    pc_cpu_power_on(pc.env);
    if (pc.apic) {
        /* What the firmware leaves for a direct kernel boot. */
        apic_setup_virtual_wire(pc.apic);
        pc.env->apic_base_msr = apic_get_base(pc.apic);
    }
    if (pc.entry.prot32) {
        pc_cpu_enter_prot32(pc.env, &pc.entry);
    }
    tlb_flush(&pc.env->cs);
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
    const X86CPUModel *model = pc_cpu_model(o);
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
    pc_map_memory();
    pc_create_cpu(o, model);
    pc_create_devices(o, model);
    pc_start_cpu();
    return &pc.env->cs;
}

/* The platform reset that a guest reset (0xcf9, i8042, port 0x92, triple
 * fault) asserts: every device back to the state the machine started
 * with, as QEMU resets all devices; the CMOS RAM and the clock keep their
 * contents (they are battery-backed). */
static void pc_reset_devices(void)
{
    if (pc.apic) {
        apic_reset(pc.apic);
        pc.env->apic_base_msr = apic_get_base(pc.apic);
    }
    i8259_reset(pc.pic);
    i8254_reset(pc.pit);
    mc146818_reset(pc.rtc);
    for (int i = 0; i < SYS_MAX_SERIAL; i++) {
        if (pc.uart[i]) {
            serial_reset(pc.uart[i]);
        }
    }
    i8042_reset(pc.kbc);
    port92_reset(pc.port92);
}

/* A guest reset without -no-reboot: the devices are reset, RAM is
 * reloaded with what -kernel boots (a PC's firmware would load it again),
 * the CPU starts over. */
void pc_reset(void)
{
    pc_reset_devices();
    if (pc.opts->kernel) {
        memset(pc.ram.host, 0, pc.ram.size);
        tb_invalidate_phys_range(0, pc.ram.size);
        pc_load_boot(pc.opts);
    }
    pc_start_cpu();
}
