/*
 * The guest physical address space of a system-mode machine and its I/O
 * port space, and the device API over them: a device registers read/write
 * callbacks for a range and knows nothing of the CPU (TinyEMU's shape).
 * Implemented in softmmu/memory.c; read by the soft TLB's slow path.
 */
#ifndef EXEC_MEMORY_H
#define EXEC_MEMORY_H

#include <stdbool.h>
#include <stdint.h>

typedef uint64_t hwaddr;              /* guest physical address (PAE: 36 bits) */

/* Callbacks of an MMIO or port range. offset is from the range's start;
 * size is 1, 2, 4 or 8, never more than max_size. Values are in the
 * guest's byte order as the CPU would see them on its bus (little-endian
 * for x86: the value, not bytes). A NULL callback makes the range
 * unassigned in that direction (reads all ones, writes ignored; logged).
 *
 * Width rule (both spaces): an access that lies inside one range and is
 * no wider than its max_size reaches the callback whole. Any other access
 * (wider than max_size, or crossing the end of the range) is split into
 * pieces of max_size bytes (1 if it crosses the range end) at ascending
 * addresses, each dispatched on its own, and the value is assembled
 * little-endian: this is what the ISA bus does for a 16-bit IN from an
 * 8-bit device. */
typedef struct MemoryOps {
    uint64_t (*read)(void *opaque, hwaddr offset, unsigned size);
    void (*write)(void *opaque, hwaddr offset, uint64_t val, unsigned size);
    /* Widest access taken whole: 1 (a byte device), 2, 4 or 8; 0 means 4. */
    uint8_t max_size;
} MemoryOps;

typedef enum MemRegionKind {
    MR_UNASSIGNED = 0,   /* reads all ones, writes ignored, logged once (-d unimp) */
    MR_RAM,              /* host memory, read/write */
    MR_ROM,              /* host memory, writes ignored */
    MR_MMIO,             /* callbacks */
} MemRegionKind;

/* What is at a physical address: the soft TLB fills its entries from it. */
typedef struct MemSection {
    MemRegionKind kind;
    hwaddr base, size;        /* the region holding the address */
    uint8_t *host;            /* RAM/ROM: host address of `base` */
    const MemoryOps *ops;     /* MMIO */
    void *opaque;
    const char *name;
} MemSection;

/* Builds the map (regions registered later take priority where they
 * overlap earlier ones). All of these exit(1) with a clear message on a
 * bad argument (size 0, past the 64 GiB PAE space, no host memory or
 * ops) since they are board bugs, not guest input. */
void mem_map_ram(hwaddr base, hwaddr size, void *host, const char *name);
void mem_map_rom(hwaddr base, hwaddr size, void *host, const char *name);
void mem_map_mmio(hwaddr base, hwaddr size, const MemoryOps *ops, void *opaque,
                  const char *name);
void mem_unmap(hwaddr base, hwaddr size);      /* back to unassigned */
/* Withdraws the regions registered exactly at [base, base + size), so
 * what lies beneath shows again (a window that moves or switches off, such
 * as the local APIC's over RAM); unlike mem_unmap it punches no hole. */
void mem_map_remove(hwaddr base, hwaddr size);
/* The region at addr (kind MR_UNASSIGNED with base/size of the hole when
 * nothing is mapped there). Never NULL. */
const MemSection *mem_lookup(hwaddr addr);
/* Bumped whenever the map changes, so TLBs know to flush (the pointer
 * mem_lookup returned is valid until then). */
extern uint64_t mem_map_generation;
/* Forgets every region and port range (tests, machine teardown). */
void mem_map_reset(void);
#define MEM_PHYS_LIMIT ((hwaddr)1 << 36)   /* 64 GiB: the PAE physical space */

/* Physical accesses (DMA, page-table walks, loaders). They go through
 * MMIO callbacks where the map says so; unassigned reads give all ones.
 * Writes to RAM invalidate translated code on the written pages. */
void phys_rw(hwaddr addr, void *buf, hwaddr len, bool is_write);
uint32_t phys_ldl_le(hwaddr addr);
uint64_t phys_ldq_le(hwaddr addr);
void phys_stl_le(hwaddr addr, uint32_t val);
void phys_stq_le(hwaddr addr, uint64_t val);
uint32_t phys_ldl_be(hwaddr addr);
void phys_stl_be(hwaddr addr, uint32_t val);
/* One access of size 1, 2, 4 or 8 (the soft TLB's slow path for MMIO,
 * ROM and unassigned pages): the value is little-endian over RAM/ROM
 * bytes, passed to MMIO callbacks by the width rule above. */
uint64_t phys_read(hwaddr addr, unsigned size);
void phys_write(hwaddr addr, uint64_t val, unsigned size);

/* The 64 KiB I/O port space (x86 IN/OUT). A range of ports shares one
 * callback pair; offset = port - first; a later registration replaces
 * earlier ones on the ports it covers. Unassigned ports read all ones
 * (0xff/0xffff/0xffffffff) and are logged once per port under -d unimp.
 * Wide accesses follow the width rule of MemoryOps (a byte device sees an
 * `inw` as two byte reads, port then port + 1); port numbers wrap at
 * 0xffff. */
void ioport_register(uint16_t first, uint32_t count, const MemoryOps *ops,
                     void *opaque, const char *name);
uint32_t ioport_read(uint16_t port, unsigned size);
void ioport_write(uint16_t port, uint32_t val, unsigned size);

#endif
