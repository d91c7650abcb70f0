/*
 * Declarations shared by the files of tcg/ (core, passes, backends) that
 * front ends and the rest of Mimic do not need.
 */
#ifndef TCG_TCG_INTERNAL_H
#define TCG_TCG_INTERNAL_H

#include "tcg/tcg.h"

/* Maps the code buffer: writable view in s->code_gen_buffer, executable
 * view at + s->code_rx_offset (tcg/code-buffer.c). */
bool tcg_code_buffer_alloc(TCGContext *s, size_t size);

#endif
