/*
 * User-mode guest memory: the 4 GiB guest space reserved at guest_base,
 * and a flag word per guest page (valid/read/write/exec and whether the
 * page is write-protected because it holds translated code).
 */
#ifndef EXEC_USER_PAGES_H
#define EXEC_USER_PAGES_H

#include <stdbool.h>
#include <stdint.h>
#include "tcg/tcg.h"

#define TARGET_PAGE_BITS 12
#define TARGET_PAGE_SIZE (1u << TARGET_PAGE_BITS)
/* Signed, so that it also masks 64-bit values (offsets, end addresses)
 * without clearing their high half. */
#define TARGET_PAGE_MASK (~(int32_t)(TARGET_PAGE_SIZE - 1))

enum {
    PAGE_READ = 0x01, PAGE_WRITE = 0x02, PAGE_EXEC = 0x04,
    PAGE_VALID = 0x08,
    PAGE_WRITE_ORG = 0x10,   /* guest asked for write; protected for SMC */
    PAGE_TRANSLATED = 0x20,  /* holds translated code */
};

static inline void *g2h(uint32_t addr) { return (void *)(guest_base + addr); }
static inline uint32_t h2g(const void *p) { return (uint32_t)((uintptr_t)p - guest_base); }
static inline bool h2g_valid(const void *p)
{ return (uintptr_t)p - guest_base < ((uint64_t)1 << 32); }

/* Reserves the guest space (PROT_NONE) and sets guest_base. */
bool guest_space_reserve(void);
void page_set_flags(uint32_t start, uint64_t end, int flags); /* [start, end) */
int page_get_flags(uint32_t addr);
/* The flag bytes themselves, one per page (index addr >> 12), for checks
 * in generated code (the x87 runs' store check, translate-x87-run.c). */
const uint8_t *page_flags_table(void);
/* True if every page of [addr, addr+len) has all of `flags`. A page that
 * is write-protected only because it holds code (PAGE_WRITE_ORG set,
 * PAGE_WRITE clear) counts as writable: asking for PAGE_WRITE unprotects
 * it and drops its blocks, so syscalls may then write into it. */
bool page_check_range(uint32_t addr, uint32_t len, int flags);
/* Called from the SIGSEGV handler for a write to a protected code page:
 * invalidates its blocks and unprotects it. Returns 0 if the page was not
 * protected by us, 1 if handled, 2 if the block running at host_pc was
 * invalidated (the caller must leave it). */
int page_unprotect(uint32_t addr, uintptr_t host_pc);
/* Write-protects a page that now holds translated code. */
void page_protect(uint32_t page_addr);
/* Whether the host's page-table entry of the page of addr is present
 * (/proc/self/pagemap): the guest page is the host page, so this is the
 * present bit of the error code the CPU would give a store faulting there
 * (a page never touched is not present). True when it cannot be read. */
bool page_host_present(uint32_t addr);

#endif
