#!/usr/bin/env bash
# The i386 guest programs (tests/guest/i386/*.c) built with
# -msse2 -mfpmath=sse -march=core2, so their arithmetic runs on SSE/SSE2
# and the compiler's SSSE3 idioms appear, run natively and under
# mimic-i386 -cpu core2duo on both backends. Left out: the CPUID/cpuinfo
# tests (their .expected files are the default model's) and the
# SIGILL tests of models without SSE2 (the compiler's own code needs it).
# Usage: run.sh [build-dir] [test-name-filter]
here=$(cd "$(dirname "$0")" && pwd)
MIMIC_TEST_CFLAGS="-msse2 -mfpmath=sse -march=core2" \
MIMIC_TEST_OUT=tests-guest-i386-sse \
MIMIC_TEST_MIMIC_OPTS="-cpu core2duo" \
MIMIC_TEST_SKIP="insn-cpuid lu-cpuinfo simd-model-pentiumpro simd-model-pentium2 simd-model-pentium3" \
  exec bash "$here/../i386/run.sh" "$@"
