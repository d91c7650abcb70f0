/*
 * The guest physical address space (RAM, ROM, MMIO regions over a flat,
 * sorted map rebuilt on each change; later registrations win) and the
 * 64 KiB I/O port space, with the width rule of include/exec/memory.h.
 * Used from the one system-mode thread (CPU, devices, loaders).
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "exec/memory.h"
#include "exec/softmmu.h"
#include "util/log.h"

/* A region as registered; the flat map is computed from these. */
typedef struct MemLayer {
    MemRegionKind kind;
    hwaddr base, size;
    uint8_t *host;
    const MemoryOps *ops;
    void *opaque;
    const char *name;
} MemLayer;

/* A piece of the flat map: what mem_lookup returns, plus where the
 * region the piece belongs to starts (MMIO offsets count from there). */
typedef struct MemPiece {
    MemSection s;
    hwaddr region_base;
} MemPiece;

typedef struct IoRange {
    const MemoryOps *ops;
    void *opaque;
    uint16_t first;
    const char *name;
    struct IoRange *next;     /* all ranges ever registered, for reset */
} IoRange;

uint64_t mem_map_generation;

static MemLayer *mem_layers;
static size_t mem_nb_layers, mem_layers_cap;
static MemPiece *mem_pieces;
static size_t mem_nb_pieces;
static const MemPiece mem_beyond = {
    .s = { .kind = MR_UNASSIGNED, .base = MEM_PHYS_LIMIT,
           .size = 0 - MEM_PHYS_LIMIT, .name = "unassigned" },
    .region_base = MEM_PHYS_LIMIT,
};

static IoRange *ioport_map[0x10000];
static IoRange *ioport_ranges;

_Noreturn static void mem_board_error(const char *what, const char *name, hwaddr base,
                                      hwaddr size)
{
    fprintf(stderr, "mimic: memory map: %s for '%s' at 0x%" PRIx64 " size 0x%" PRIx64
            "\n", what, name ? name : "?", base, size);
    exit(1);
}

static void *mem_alloc(void *old, size_t n, size_t size)
{
    void *p = realloc(old, n * size);

    if (!p && n) {
        fprintf(stderr, "mimic: out of memory building the memory map\n");
        exit(1);
    }
    return p;
}

/* ---- building the flat map ---- */

static int mem_cmp_hwaddr(const void *a, const void *b)
{
    hwaddr x = *(const hwaddr *)a, y = *(const hwaddr *)b;

    return x < y ? -1 : x > y;
}

/* The last-registered layer covering [a, b) (layers never partly cover an
 * interval between two consecutive endpoints), or -1 for a hole. */
static long mem_top_layer(hwaddr a)
{
    for (size_t i = mem_nb_layers; i-- > 0;) {
        const MemLayer *l = &mem_layers[i];
        if (a >= l->base && a - l->base < l->size) {
            return (long)i;
        }
    }
    return -1;
}

static void mem_rebuild(void)
{
    size_t nb_points = 2 * mem_nb_layers + 2, n = 0;
    hwaddr *points = mem_alloc(NULL, nb_points, sizeof(hwaddr));
    long prev_layer = -2;

    points[n++] = 0;
    points[n++] = MEM_PHYS_LIMIT;
    for (size_t i = 0; i < mem_nb_layers; i++) {
        points[n++] = mem_layers[i].base;
        points[n++] = mem_layers[i].base + mem_layers[i].size;
    }
    qsort(points, n, sizeof(hwaddr), mem_cmp_hwaddr);
    mem_pieces = mem_alloc(mem_pieces, n, sizeof(MemPiece));
    mem_nb_pieces = 0;
    for (size_t i = 0; i + 1 < n; i++) {
        hwaddr a = points[i], b = points[i + 1];
        long top;
        MemPiece *p;

        if (a == b) {
            continue;
        }
        top = mem_top_layer(a);
        if (top >= 0 && mem_layers[top].kind == MR_UNASSIGNED) {
            top = -1;   /* an unmapped range is a hole like any other */
        }
        if (top == prev_layer) {
            /* The same region (or hole) goes on: grow the previous piece. */
            mem_pieces[mem_nb_pieces - 1].s.size += b - a;
            continue;
        }
        prev_layer = top;
        p = &mem_pieces[mem_nb_pieces++];
        memset(p, 0, sizeof(*p));
        p->s.base = a;
        p->s.size = b - a;
        if (top < 0) {
            p->s.kind = MR_UNASSIGNED;
            p->s.name = "unassigned";
            p->region_base = a;
            continue;
        }
        const MemLayer *l = &mem_layers[top];
        p->s.kind = l->kind;
        p->s.host = l->host ? l->host + (a - l->base) : NULL;
        p->s.ops = l->ops;
        p->s.opaque = l->opaque;
        p->s.name = l->name;
        p->region_base = l->base;
    }
    free(points);
    mem_map_generation++;
    tlb_map_changed();
}

static void mem_add_layer(const MemLayer *layer)
{
    if (layer->size == 0) {
        mem_board_error("empty region", layer->name, layer->base, layer->size);
    }
    if (layer->base >= MEM_PHYS_LIMIT || layer->size > MEM_PHYS_LIMIT - layer->base) {
        mem_board_error("region past the 64 GiB physical space", layer->name,
                        layer->base, layer->size);
    }
    /* Layers under the new one stay: mem_map_remove may uncover them. */
    if (mem_nb_layers == mem_layers_cap) {
        mem_layers_cap = mem_layers_cap ? 2 * mem_layers_cap : 16;
        mem_layers = mem_alloc(mem_layers, mem_layers_cap, sizeof(MemLayer));
    }
    mem_layers[mem_nb_layers++] = *layer;
    mem_rebuild();
    /* Blocks are keyed by physical address: code translated from what
     * was mapped here before is stale now. */
    tb_invalidate_phys_range(layer->base, layer->size);
}

void mem_map_ram(hwaddr base, hwaddr size, void *host, const char *name)
{
    if (!host) {
        mem_board_error("RAM without host memory", name, base, size);
    }
    mem_add_layer(&(MemLayer){ .kind = MR_RAM, .base = base, .size = size,
                               .host = host, .name = name });
}

void mem_map_rom(hwaddr base, hwaddr size, void *host, const char *name)
{
    if (!host) {
        mem_board_error("ROM without host memory", name, base, size);
    }
    mem_add_layer(&(MemLayer){ .kind = MR_ROM, .base = base, .size = size,
                               .host = host, .name = name });
}

void mem_map_mmio(hwaddr base, hwaddr size, const MemoryOps *ops, void *opaque,
                  const char *name)
{
    if (!ops) {
        mem_board_error("MMIO without callbacks", name, base, size);
    }
    mem_add_layer(&(MemLayer){ .kind = MR_MMIO, .base = base, .size = size,
                               .ops = ops, .opaque = opaque, .name = name });
}

void mem_unmap(hwaddr base, hwaddr size)
{
    mem_add_layer(&(MemLayer){ .kind = MR_UNASSIGNED, .base = base, .size = size,
                               .name = "unassigned" });
}

void mem_map_remove(hwaddr base, hwaddr size)
{
    size_t kept = 0;

    for (size_t i = 0; i < mem_nb_layers; i++) {
        const MemLayer *l = &mem_layers[i];
        if (l->base != base || l->size != size) {
            mem_layers[kept++] = *l;
        }
    }
    if (kept != mem_nb_layers) {
        mem_nb_layers = kept;
        mem_rebuild();
        tb_invalidate_phys_range(base, size);
    }
}

void mem_map_reset(void)
{
    mem_nb_layers = 0;
    mem_rebuild();
    while (ioport_ranges) {
        IoRange *r = ioport_ranges;
        ioport_ranges = r->next;
        free(r);
    }
    memset(ioport_map, 0, sizeof(ioport_map));
}

static const MemPiece *mem_lookup_piece(hwaddr addr)
{
    size_t lo = 0, hi;

    if (addr >= MEM_PHYS_LIMIT) {
        return &mem_beyond;
    }
    if (!mem_pieces) {
        mem_rebuild();
    }
    hi = mem_nb_pieces;
    /* The last piece whose base <= addr (pieces tile [0, limit)). */
    while (hi - lo > 1) {
        size_t mid = lo + (hi - lo) / 2;
        if (mem_pieces[mid].s.base <= addr) {
            lo = mid;
        } else {
            hi = mid;
        }
    }
    return &mem_pieces[lo];
}

const MemSection *mem_lookup(hwaddr addr)
{
    return &mem_lookup_piece(addr)->s;
}

/* ---- one access through callbacks (the width rule) ---- */

static uint64_t mem_size_mask(unsigned size)
{
    return size >= 8 ? ~(uint64_t)0 : ((uint64_t)1 << (8 * size)) - 1;
}

static void mem_log_unassigned(const char *space, const char *dir, uint64_t addr,
                               const char *name)
{
    char msg[160];

    if (!mimic_log_enabled(LOG_UNIMP)) {
        return;
    }
    if (strcmp(space, "memory") == 0) {
        /* Once per page: a guest sweeping a hole gives one line a page. */
        snprintf(msg, sizeof(msg), "unassigned memory %s in page 0x%" PRIx64 "%s%s",
                 dir, addr & ~(uint64_t)0xfff, name ? " of " : "", name ? name : "");
    } else {
        snprintf(msg, sizeof(msg), "unassigned %s %s at 0x%" PRIx64 "%s%s", space,
                 dir, addr, name ? " of " : "", name ? name : "");
    }
    mimic_log_once(LOG_UNIMP, msg);
}

static unsigned mem_ops_max(const MemoryOps *ops)
{
    return ops->max_size ? ops->max_size : 4;
}

/* An access that lies inside one range: whole, or split into max_size
 * pieces at ascending offsets (value assembled little-endian). */
static uint64_t mem_ops_read(const MemoryOps *ops, void *opaque, hwaddr offset,
                             unsigned size)
{
    unsigned max = mem_ops_max(ops);
    uint64_t val = 0;

    if (size <= max) {
        return ops->read(opaque, offset, size) & mem_size_mask(size);
    }
    for (unsigned k = 0; k < size; k += max) {
        val |= (ops->read(opaque, offset + k, max) & mem_size_mask(max)) << (8 * k);
    }
    return val;
}

static void mem_ops_write(const MemoryOps *ops, void *opaque, hwaddr offset,
                          uint64_t val, unsigned size)
{
    unsigned max = mem_ops_max(ops);

    if (size <= max) {
        ops->write(opaque, offset, val & mem_size_mask(size), size);
        return;
    }
    for (unsigned k = 0; k < size; k += max) {
        ops->write(opaque, offset + k, (val >> (8 * k)) & mem_size_mask(max), max);
    }
}

/* ---- physical accesses ---- */

static uint64_t mem_ld_le(const uint8_t *p, unsigned size)
{
    uint64_t v = 0;

    for (unsigned k = 0; k < size; k++) {
        v |= (uint64_t)p[k] << (8 * k);
    }
    return v;
}

static void mem_st_le(uint8_t *p, uint64_t v, unsigned size)
{
    for (unsigned k = 0; k < size; k++) {
        p[k] = (uint8_t)(v >> (8 * k));
    }
}

uint64_t phys_read(hwaddr addr, unsigned size)
{
    const MemPiece *p = mem_lookup_piece(addr);
    const MemSection *s = &p->s;
    uint64_t val = 0;

    if (addr - s->base + size > s->size) {
        /* Crosses into the next piece: one byte at a time. */
        for (unsigned k = 0; k < size; k++) {
            val |= phys_read(addr + k, 1) << (8 * k);
        }
        return val;
    }
    switch (s->kind) {
    case MR_RAM:
    case MR_ROM:
        return mem_ld_le(s->host + (addr - s->base), size);
    case MR_MMIO:
        if (s->ops->read) {
            return mem_ops_read(s->ops, s->opaque, addr - p->region_base, size);
        }
        mem_log_unassigned("memory", "read", addr, s->name);
        return mem_size_mask(size);
    default:
        mem_log_unassigned("memory", "read", addr, NULL);
        return mem_size_mask(size);
    }
}

void phys_write(hwaddr addr, uint64_t val, unsigned size)
{
    const MemPiece *p = mem_lookup_piece(addr);
    const MemSection *s = &p->s;

    if (addr - s->base + size > s->size) {
        for (unsigned k = 0; k < size; k++) {
            phys_write(addr + k, val >> (8 * k), 1);
        }
        return;
    }
    switch (s->kind) {
    case MR_RAM:
        mem_st_le(s->host + (addr - s->base), val, size);
        tb_invalidate_phys_range(addr, size);
        return;
    case MR_ROM:
        return;   /* ROM ignores writes, as the chip does */
    case MR_MMIO:
        if (s->ops->write) {
            mem_ops_write(s->ops, s->opaque, addr - p->region_base, val, size);
        } else {
            mem_log_unassigned("memory", "write", addr, s->name);
        }
        return;
    default:
        mem_log_unassigned("memory", "write", addr, NULL);
        return;
    }
}

void phys_rw(hwaddr addr, void *buf, hwaddr len, bool is_write)
{
    uint8_t *b = buf;

    while (len > 0) {
        const MemSection *s = mem_lookup(addr);
        hwaddr chunk = s->base + s->size - addr;

        if (chunk > len) {
            chunk = len;
        }
        if (s->kind == MR_RAM || (s->kind == MR_ROM && !is_write)) {
            uint8_t *h = s->host + (addr - s->base);
            if (is_write) {
                memcpy(h, b, chunk);
                tb_invalidate_phys_range(addr, chunk);
            } else {
                memcpy(b, h, chunk);
            }
        } else if (s->kind != MR_ROM) {
            /* MMIO or unassigned: byte by byte through the callbacks. */
            for (hwaddr k = 0; k < chunk; k++) {
                if (is_write) {
                    phys_write(addr + k, b[k], 1);
                } else {
                    b[k] = (uint8_t)phys_read(addr + k, 1);
                }
            }
        }
        addr += chunk;
        b += chunk;
        len -= chunk;
    }
}

uint32_t phys_ldl_le(hwaddr addr)
{
    return (uint32_t)phys_read(addr, 4);
}

uint64_t phys_ldq_le(hwaddr addr)
{
    return phys_read(addr, 8);
}

void phys_stl_le(hwaddr addr, uint32_t val)
{
    phys_write(addr, val, 4);
}

void phys_stq_le(hwaddr addr, uint64_t val)
{
    phys_write(addr, val, 8);
}

uint32_t phys_ldl_be(hwaddr addr)
{
    return __builtin_bswap32((uint32_t)phys_read(addr, 4));
}

void phys_stl_be(hwaddr addr, uint32_t val)
{
    phys_write(addr, __builtin_bswap32(val), 4);
}

/* ---- I/O ports ---- */

void ioport_register(uint16_t first, uint32_t count, const MemoryOps *ops,
                     void *opaque, const char *name)
{
    IoRange *r;

    if (!ops || count == 0 || first + count > 0x10000) {
        fprintf(stderr, "mimic: I/O ports: bad range for '%s' at 0x%x count %u\n",
                name ? name : "?", first, count);
        exit(1);
    }
    r = calloc(1, sizeof(*r));
    if (!r) {
        fprintf(stderr, "mimic: out of memory registering I/O ports\n");
        exit(1);
    }
    r->ops = ops;
    r->opaque = opaque;
    r->first = first;
    r->name = name;
    r->next = ioport_ranges;
    ioport_ranges = r;
    for (uint32_t k = 0; k < count; k++) {
        ioport_map[first + k] = r;
    }
}

/* The range holding every port of [port, port + size), or NULL. */
static IoRange *ioport_whole_range(uint16_t port, unsigned size)
{
    IoRange *r = ioport_map[port];

    for (unsigned k = 1; r && k < size; k++) {
        if ((uint32_t)port + k > 0xffff || ioport_map[port + k] != r) {
            return NULL;
        }
    }
    return r;
}

static uint32_t ioport_read_byte(uint16_t port)
{
    IoRange *r = ioport_map[port];

    if (!r || !r->ops->read) {
        mem_log_unassigned("I/O port", "read", port, r ? r->name : NULL);
        return 0xff;
    }
    return (uint32_t)mem_ops_read(r->ops, r->opaque, (uint16_t)(port - r->first), 1);
}

uint32_t ioport_read(uint16_t port, unsigned size)
{
    IoRange *r = ioport_whole_range(port, size);
    uint32_t val = 0;

    if (r && r->ops->read) {
        return (uint32_t)mem_ops_read(r->ops, r->opaque, (uint16_t)(port - r->first),
                                      size);
    }
    for (unsigned k = 0; k < size; k++) {
        val |= ioport_read_byte((uint16_t)(port + k)) << (8 * k);
    }
    return val;
}

static void ioport_write_byte(uint16_t port, uint8_t val)
{
    IoRange *r = ioport_map[port];

    if (!r || !r->ops->write) {
        mem_log_unassigned("I/O port", "write", port, r ? r->name : NULL);
        return;
    }
    mem_ops_write(r->ops, r->opaque, (uint16_t)(port - r->first), val, 1);
}

void ioport_write(uint16_t port, uint32_t val, unsigned size)
{
    IoRange *r = ioport_whole_range(port, size);

    if (r && r->ops->write) {
        mem_ops_write(r->ops, r->opaque, (uint16_t)(port - r->first), val, size);
        return;
    }
    for (unsigned k = 0; k < size; k++) {
        ioport_write_byte((uint16_t)(port + k), (uint8_t)(val >> (8 * k)));
    }
}
