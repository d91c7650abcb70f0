/*
 * For devices with 8-bit registers: a 16- or 32-bit access becomes byte
 * accesses to consecutive offsets (what the ISA bus does with an 8-bit
 * device). Their MemoryOps say max_size 1, so memory.c already splits;
 * these keep the device right if handed a wide access all the same.
 */
#ifndef HW_BYTE_PORTS_H
#define HW_BYTE_PORTS_H

#include "exec/memory.h"

typedef uint8_t HwByteRead(void *opaque, hwaddr offset);
typedef void HwByteWrite(void *opaque, hwaddr offset, uint8_t val);

static inline uint64_t hw_read_bytes(HwByteRead *rd, void *opaque,
                                     hwaddr offset, unsigned size)
{
    uint64_t v = 0;
    for (unsigned i = 0; i < size; i++) {
        v |= (uint64_t)rd(opaque, offset + i) << (8 * i);
    }
    return v;
}

static inline void hw_write_bytes(HwByteWrite *wr, void *opaque, hwaddr offset,
                                  uint64_t val, unsigned size)
{
    for (unsigned i = 0; i < size; i++) {
        wr(opaque, offset + i, (uint8_t)(val >> (8 * i)));
    }
}

#endif
