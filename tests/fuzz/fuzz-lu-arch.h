/*
 * The linux-user guest descriptor of a fuzz target built for one guest:
 * FUZZ_GUEST_PPC selects PowerPC, else i386 (tests/fuzz/meson.build).
 */
#ifndef FUZZ_LU_ARCH_H
#define FUZZ_LU_ARCH_H

#include "linux-user/lu.h"

#ifdef FUZZ_GUEST_PPC
extern const LuArch lu_arch_ppc;
#define FUZZ_LU_ARCH lu_arch_ppc
#else
extern const LuArch lu_arch_i386;
#define FUZZ_LU_ARCH lu_arch_i386
#endif

#endif
