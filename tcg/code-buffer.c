/*
 * The code buffer: one memfd mapped twice, a writable view for the emitters
 * and an executable view for running, so no page is ever writable and
 * executable at once (W^X). Falls back to a single RWX mapping if memfd fails.
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>

#include "tcg/tcg-internal.h"

/*
 * Where to ask for the executable view: just below our own text, so that
 * calls from generated code to helpers fit a rel32 (only a hint).
 */
static void *tcg_code_buffer_hint(size_t size)
{
    uintptr_t text = (uintptr_t)&tcg_code_buffer_alloc & ~(uintptr_t)0xfffff;
    uintptr_t gap = size + (16u << 20);
    return text > gap ? (void *)(text - gap) : NULL;
}

static bool tcg_code_buffer_dual_map(TCGContext *s, size_t size)
{
    int fd = memfd_create("mimic-jit", MFD_CLOEXEC);
    if (fd < 0) {
        return false;
    }
    if (ftruncate(fd, (off_t)size) != 0) {
        close(fd);
        return false;
    }
    void *rw = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    if (rw == MAP_FAILED) {
        close(fd);
        return false;
    }
    void *rx = mmap(tcg_code_buffer_hint(size), size, PROT_READ | PROT_EXEC,
                    MAP_SHARED, fd, 0);
    close(fd);
    if (rx == MAP_FAILED) {
        munmap(rw, size);
        return false;
    }
    s->code_gen_buffer = rw;
    s->code_rx_offset = (uint8_t *)rx - (uint8_t *)rw;
    return true;
}

static bool tcg_code_buffer_rwx(TCGContext *s, size_t size)
{
    void *p = mmap(tcg_code_buffer_hint(size), size,
                   PROT_READ | PROT_WRITE | PROT_EXEC,
                   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED) {
        return false;
    }
    s->code_gen_buffer = p;
    s->code_rx_offset = 0;
    return true;
}

/* Bytes of the code buffer made resident at a time (both views). */
#define TCG_PREFAULT_CHUNK (256 * 1024)
#ifndef MADV_POPULATE_READ
#define MADV_POPULATE_READ 22
#define MADV_POPULATE_WRITE 23
#endif

static uint8_t *tcg_prefault_end;

/*
 * Makes the next stretch of the code buffer resident before the emitters
 * reach it: one madvise per 256 KiB instead of a page fault per 4 KiB page
 * in each of the two views (a short-lived program translates megabytes).
 * Only a hint: an old kernel without MADV_POPULATE_* faults as before.
 */
void tcg_code_buffer_prefault(TCGContext *s)
{
    uint8_t *end = s->code_gen_buffer + s->code_gen_buffer_size;
    size_t len;

    if (tcg_prefault_end && s->code_ptr + TCG_PREFAULT_CHUNK / 2 < tcg_prefault_end) {
        return;
    }
    if (!tcg_prefault_end || tcg_prefault_end < s->code_ptr) {
        tcg_prefault_end = (uint8_t *)((uintptr_t)s->code_ptr & ~(uintptr_t)4095);
    }
    if (tcg_prefault_end >= end) {
        return;
    }
    len = (size_t)(end - tcg_prefault_end);
    if (len > TCG_PREFAULT_CHUNK) {
        len = TCG_PREFAULT_CHUNK;
    }
    madvise(tcg_prefault_end, len, MADV_POPULATE_WRITE);
    if (s->code_rx_offset) {
        madvise(tcg_prefault_end + s->code_rx_offset, len, MADV_POPULATE_READ);
    }
    tcg_prefault_end += len;
}

bool tcg_code_buffer_alloc(TCGContext *s, size_t size)
{
    long page = sysconf(_SC_PAGESIZE);
    size = (size + page - 1) & ~(size_t)(page - 1);
    if (!tcg_code_buffer_dual_map(s, size) && !tcg_code_buffer_rwx(s, size)) {
        return false;
    }
    s->code_gen_buffer_size = size;
    s->code_ptr = s->code_gen_buffer;
    s->code_gen_highwater = s->code_gen_buffer + size / 2;
    if (size > 2 * 64 * 1024) {
        s->code_gen_highwater = s->code_gen_buffer + size - 64 * 1024;
    }
    return true;
}

/*
 * fork(): the two views share one memfd, so without care parent and child
 * would write and patch each other's code. Before the fork the buffer is
 * copied into a new memfd (the pages that exist; code may be anywhere in
 * it); the child maps the copy over both views. A single RWX mapping
 * (code_rx_offset 0) is private and needs nothing.
 */
int tcg_code_buffer_fork_prepare(TCGContext *s)
{
    if (!s || !s->code_gen_buffer || s->code_rx_offset == 0) {
        return -1;
    }
    size_t size = s->code_gen_buffer_size, pages = size / 4096;
    int fd = memfd_create("mimic-jit", MFD_CLOEXEC);
    unsigned char *resident = malloc(pages);
    if (fd < 0 || !resident || ftruncate(fd, (off_t)size) != 0 ||
        mincore(s->code_gen_buffer, size, resident) != 0) {
        fprintf(stderr, "mimic: cannot copy the code buffer for fork\n");
        exit(1);
    }
    for (size_t i = 0; i < pages; i++) {
        if ((resident[i] & 1) &&
            pwrite(fd, s->code_gen_buffer + i * 4096, 4096, (off_t)i * 4096) != 4096) {
            fprintf(stderr, "mimic: cannot copy the code buffer for fork\n");
            exit(1);
        }
    }
    free(resident);
    return fd;
}

void tcg_code_buffer_fork_child(TCGContext *s, int fd)
{
    if (fd < 0) {
        return;
    }
    size_t size = s->code_gen_buffer_size;
    uint8_t *rw = s->code_gen_buffer, *rx = rw + s->code_rx_offset;
    if (mmap(rw, size, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_FIXED, fd, 0) == MAP_FAILED ||
        mmap(rx, size, PROT_READ | PROT_EXEC, MAP_SHARED | MAP_FIXED, fd, 0) == MAP_FAILED) {
        fprintf(stderr, "mimic: cannot remap the code buffer after fork\n");
        _exit(1);
    }
}
