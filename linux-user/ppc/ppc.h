/*
 * linux-user/ppc internals shared by its files: the syscall number table
 * and the signal frames of the 32-bit PowerPC Linux ABI.
 */
#ifndef LINUX_USER_PPC_H
#define LINUX_USER_PPC_H

#include <stdint.h>
#include "linux-user/lu.h"
#include "target-ppc/cpu.h"

#define LU_PPC_NB_SYSCALLS 451
extern const uint16_t lu_ppc_syscall_ids[LU_PPC_NB_SYSCALLS];
extern const LuArch lu_arch_ppc;

/* Syscall numbers the signal code itself uses. */
#define LU_PPC_NR_SIGRETURN 119
#define LU_PPC_NR_RT_SIGRETURN 172

bool lu_ppc_setup_frame(CPUState *cpu, int sig, const LuSigAction *ka,
                        const LuSigInfo *si, uint64_t oldmask, bool rt);
bool lu_ppc_restore_frame(CPUState *cpu, bool rt, uint64_t *mask);

/* The vDSO page (vdso.c): maps it once, returns its guest address (0 if
 * it could not be mapped); the address of a sigreturn trampoline in it. */
uint32_t lu_ppc_map_vdso(void);
uint32_t lu_ppc_sigtramp(bool rt);

#endif
