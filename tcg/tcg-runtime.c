/*
 * Runtime helpers that generated code calls for operations the IR leaves
 * to C: division and remainder. Defined for every input (see docs/tcg.md):
 * x / 0 = 0, x % 0 = x, INT_MIN / -1 = INT_MIN, INT_MIN % -1 = 0.
 */
#include <stdint.h>
#include "tcg/tcg.h"

uint32_t tcg_helper_div_i32(uint32_t a, uint32_t b)
{
    int32_t x = (int32_t)a, y = (int32_t)b;
    if (y == 0) {
        return 0;
    }
    if (y == -1) {
        return -a;
    }
    return (uint32_t)(x / y);
}

uint32_t tcg_helper_rem_i32(uint32_t a, uint32_t b)
{
    int32_t x = (int32_t)a, y = (int32_t)b;
    if (y == 0) {
        return a;
    }
    if (y == -1) {
        return 0;
    }
    return (uint32_t)(x % y);
}

uint32_t tcg_helper_divu_i32(uint32_t a, uint32_t b) { return b ? a / b : 0; }
uint32_t tcg_helper_remu_i32(uint32_t a, uint32_t b) { return b ? a % b : a; }

uint64_t tcg_helper_div_i64(uint64_t a, uint64_t b)
{
    int64_t x = (int64_t)a, y = (int64_t)b;
    if (y == 0) {
        return 0;
    }
    if (y == -1) {
        return -a;
    }
    return (uint64_t)(x / y);
}

uint64_t tcg_helper_rem_i64(uint64_t a, uint64_t b)
{
    int64_t x = (int64_t)a, y = (int64_t)b;
    if (y == 0) {
        return a;
    }
    if (y == -1) {
        return 0;
    }
    return (uint64_t)(x % y);
}

uint64_t tcg_helper_divu_i64(uint64_t a, uint64_t b) { return b ? a / b : 0; }
uint64_t tcg_helper_remu_i64(uint64_t a, uint64_t b) { return b ? a % b : a; }
