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
 * size is 1, 2 or 4 (8 for MMIO only where the device allows it). Values
 * are in the guest's byte order as the CPU would see them on its bus
 * (little-endian for x86: the value, not bytes). */
typedef struct MemoryOps {
    uint64_t (*read)(void *opaque, hwaddr offset, unsigned size);
    void (*write)(void *opaque, hwaddr offset, uint64_t val, unsigned size);
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
 * overlap earlier ones, as QEMU's priority-by-order). All of these exit(1)
 * with a clear message on a bad argument (e.g. overlapping equal-priority
 * MMIO) since they are board bugs, not guest input. */
void mem_map_ram(hwaddr base, hwaddr size, void *host, const char *name);
void mem_map_rom(hwaddr base, hwaddr size, void *host, const char *name);
void mem_map_mmio(hwaddr base, hwaddr size, const MemoryOps *ops, void *opaque,
                  const char *name);
void mem_unmap(hwaddr base, hwaddr size);      /* back to unassigned */
/* The region at addr (kind MR_UNASSIGNED with base/size of the hole when
 * nothing is mapped there). Never NULL. */
const MemSection *mem_lookup(hwaddr addr);
/* Bumped whenever the map changes, so TLBs know to flush. */
extern uint64_t mem_map_generation;

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

/* The 64 KiB I/O port space (x86 IN/OUT). A range of ports shares one
 * callback pair; offset = port - first. Unassigned ports read all ones
 * (0xff/0xffff/0xffffffff) and are logged once under -d unimp. A 16- or
 * 32-bit access to a range registered only for byte access is split into
 * byte accesses when `ops` says so (MemoryOps with a NULL field is
 * unassigned in that direction). */
void ioport_register(uint16_t first, uint32_t count, const MemoryOps *ops,
                     void *opaque, const char *name);
uint32_t ioport_read(uint16_t port, unsigned size);
void ioport_write(uint16_t port, uint32_t val, unsigned size);

#endif
