/*
 * The PC's CPU states (hw/i386/pc-cpu.c): power-on (real mode at the
 * reset vector) and the flat 32-bit entry of -kernel's boot paths.
 */
#ifndef HW_I386_PC_CPU_H
#define HW_I386_PC_CPU_H

#include "hw/i386/x86-boot.h"
#include "target-i386/cpu.h"

/* The SDM's power-up state; keeps the model and the board's wiring. */
void pc_cpu_power_on(CPUX86State *env);
/* Flat 32-bit protected mode (CS 0x10, data 0x18, boot GDT), paging and
 * interrupts off, EAX/EBX/ESI and EIP from the boot path. */
void pc_cpu_enter_prot32(CPUX86State *env, const X86BootEntry *entry);

#endif
