/*
 * The PC board (hw/i386/pc.c): RAM with the 640K-1M hole, the BIOS ROM,
 * the i386 CPU and the ISA devices wired together; the boot paths of
 * hw/i386/x86-boot.h. Holds no device logic.
 */
#ifndef HW_I386_PC_H
#define HW_I386_PC_H

#include "exec/cpu.h"
#include "sysemu/sysemu.h"

/* Builds the machine from the options and loads what it boots; on bad
 * input prints one line and exits with status 1. */
CPUState *pc_init(const SysOptions *opts);
/* Power-on state again (a guest reset without -no-reboot). */
void pc_reset(void);

#endif
