#!/usr/bin/env bash
# Builds the benchmark programs for i386 and ppc (static) from the same
# sources: bzip2, Lua 5.4 and SQLite from Debian source packages, hashing
# over libmd, and Mimic's own FP kernel and small C kernels (a sieve,
# string/memory loops; i386 only: the FP kernel built for SSE2 and a C
# library string loop). Usage: build.sh SRC_DIR OUT_DIR
set -euo pipefail
src=$(cd "${1:?usage: build.sh SRC OUT}" && pwd)
out=${2:?usage: build.sh SRC OUT}
mkdir -p "$out"
out=$(cd "$out" && pwd)
here=$(cd "$(dirname "$0")" && pwd)

# SQLite's amalgamation is generated once on the host (needs tclsh).
sq=$src/sqlite3-3.40.1
if [ ! -f "$sq/bld/sqlite3.c" ]; then
  mkdir -p "$sq/bld"
  (cd "$sq/bld" && ../configure --disable-tcl >/dev/null && make -s sqlite3.c shell.c >/dev/null)
fi
mkdir -p "$out/libmd-include"
: > "$out/libmd-include/config.h"

declare -A CC=([i386]=i686-linux-gnu-gcc [ppc]=powerpc-linux-gnu-gcc)
for arch in i386 ppc; do
  cc=${CC[$arch]}
  d=$out/$arch
  mkdir -p "$d"
  flags=(-O2 -static)
  b=$src/bzip2-1.0.8
  [ -x "$d/bzip2" ] || $cc "${flags[@]}" -o "$d/bzip2" -D_FILE_OFFSET_BITS=64 \
    "$b"/{blocksort,huffman,crctable,randtable,compress,decompress,bzlib,bzip2}.c
  l=$src/lua-5.4.4/src
  [ -x "$d/lua" ] || $cc "${flags[@]}" -DLUA_USE_POSIX -o "$d/lua" \
    $(ls "$l"/*.c | grep -v '/luac\.c$') -lm
  [ -x "$d/sqlite3" ] || $cc "${flags[@]}" -DSQLITE_THREADSAFE=0 -DSQLITE_OMIT_LOAD_EXTENSION \
    -o "$d/sqlite3" "$sq/bld/sqlite3.c" "$sq/bld/shell.c" -lm
  m=$src/libmd-1.0.4
  endian=()
  [ "$arch" = ppc ] && endian=(-DWORDS_BIGENDIAN=1)   # what libmd's configure finds
  [ -x "$d/hash" ] || $cc "${flags[@]}" "${endian[@]}" -I"$out/libmd-include" -I"$m/include" -o "$d/hash" \
    "$here/src/hash.c" "$m"/src/{sha2,sha1,md5}.c
  [ -x "$d/fpkernel" ] || $cc "${flags[@]}" -o "$d/fpkernel" "$here/src/fpkernel.c" -lm
  for k in sieve strmem; do
    [ -x "$d/$k" ] || $cc "${flags[@]}" -o "$d/$k" "$here/src/$k.c"
  done
done

# The SSE2 workloads (i386 only): the FP kernel with every FP operation an
# SSE2 instruction, and a C library string loop (glibc picks its SSE2
# versions by CPUID, whatever the program's flags).
d=$out/i386
[ -x "$d/fpkernel-sse2" ] || i686-linux-gnu-gcc -O2 -static -msse2 -mfpmath=sse \
  -o "$d/fpkernel-sse2" "$here/src/fpkernel.c" -lm
[ -x "$d/strlibc" ] || i686-linux-gnu-gcc -O2 -static -o "$d/strlibc" "$here/src/strlibc.c"
echo "bench: programs built in $out/{i386,ppc}"
