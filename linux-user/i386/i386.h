/*
 * linux-user/i386 internals shared by its files: the syscall number
 * table, signal frames and the GDT/TLS helpers.
 */
#ifndef LINUX_USER_I386_H
#define LINUX_USER_I386_H

#include <stdint.h>
#include "linux-user/lu.h"
#include "target-i386/cpu.h"

#define LU_I386_NB_SYSCALLS 451
extern const uint16_t lu_i386_syscall_ids[LU_I386_NB_SYSCALLS];
extern const LuArch lu_arch_i386;

/* GDT entries of the TLS descriptors (set_thread_area). */
#define LU_I386_TLS_FIRST 12   /* as the x86-64 kernel gives 32-bit tasks */
#define LU_I386_TLS_COUNT 3
#define LU_I386_USER_CS 0x23
#define LU_I386_USER_DS 0x2b
/* The loop's syscall event (int $0x80 mapped by i386_map_exception). */
#define LU_I386_EXCP_SYSCALL 0x100

/* Loads a segment register from the user GDT (no faults: a bad selector
 * loads a null segment). */
void lu_i386_load_seg(CPUX86State *env, int seg, uint32_t sel);

bool lu_i386_setup_frame(CPUState *cpu, int sig, const LuSigAction *ka,
                         const LuSigInfo *si, uint64_t oldmask, bool rt);
bool lu_i386_restore_frame(CPUState *cpu, bool rt, uint64_t *mask);

#endif
