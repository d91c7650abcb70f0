/*
 * Motorola MC146818 real-time clock and CMOS RAM (hw/rtc/mc146818.c) at
 * ports 0x70/0x71: time from the host clock, interrupts on IRQ8, 128 bytes
 * of CMOS the board fills (memory size, equipment, ...).
 */
#ifndef HW_RTC_MC146818_H
#define HW_RTC_MC146818_H

#include <stdbool.h>
#include <stdint.h>

#include "hw/irq.h"

typedef struct MC146818State MC146818State;

/* Registers ports 0x70-0x71; `irq8` is the 8259's input 8. The clock
 * starts at the host's UTC time (QEMU's -rtc base=utc). */
MC146818State *hw_mc146818_init(IRQLine irq8);
/* CMOS bytes 0x0e-0x7f (0x00-0x0d are the clock's registers). */
void mc146818_cmos_set(MC146818State *s, int addr, uint8_t val);
uint8_t mc146818_cmos_get(MC146818State *s, int addr);
/* The PC BIOS layout: base memory 640 KiB (0x15-0x16), extended memory
 * above 1 MiB in KiB (0x17-0x18, 0x30-0x31, capped at 0xffff), memory above
 * 16 MiB in 64 KiB units (0x34-0x35), equipment byte (0x14: FPU, VGA),
 * and the checksum over 0x10-0x2d at 0x2e-0x2f. */
void mc146818_cmos_fill_pc(MC146818State *s, uint64_t ram_bytes);
/* The RESET pin (datasheet "RESET"): PIE, AIE, UIE, SQWE and the flags of
 * register C cleared; time and RAM kept. */
void mc146818_reset(MC146818State *s);
/* Bit 7 of the last write to port 0x70 (NMI disabled when set). */
bool mc146818_nmi_masked(const MC146818State *s);

#endif
