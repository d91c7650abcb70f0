/*
 * Small checking helpers shared by the accel tests: every comparison is
 * printed (name, value, expected) before it is asserted.
 */
#ifndef TESTS_ACCEL_TOY_CHECK_H
#define TESTS_ACCEL_TOY_CHECK_H

#include <criterion/criterion.h>
#include <inttypes.h>
#include <stdio.h>

static inline void toy_expect(const char *backend, const char *what, uint64_t got,
                              uint64_t want)
{
    printf("[%s] %-40s got 0x%" PRIx64 " want 0x%" PRIx64 "\n", backend, what, got, want);
    fflush(stdout);
    cr_assert_eq(got, want, "[%s] %s: got 0x%" PRIx64 ", want 0x%" PRIx64, backend,
                 what, got, want);
}

static inline void toy_expect_true(const char *backend, const char *what, bool ok,
                                   uint64_t detail)
{
    printf("[%s] %-40s %s (0x%" PRIx64 ")\n", backend, what, ok ? "yes" : "NO", detail);
    fflush(stdout);
    cr_assert(ok, "[%s] %s (0x%" PRIx64 ")", backend, what, detail);
}

#endif
