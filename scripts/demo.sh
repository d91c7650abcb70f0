#!/usr/bin/env bash
# `make run`: builds demo/hello.c for i386 (static and dynamic) and runs it
# under mimic-i386 with both code generators, shows a few lines of -strace
# and the code cache counters, then builds the same program for 32-bit
# PowerPC and runs it under mimic-ppc; last, mimic-system-i386 boots Debian's
# i386 kernel and runs a few commands in its shell (scripts/demo-system.sh).
# Usage: scripts/demo.sh [build-dir]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-build}
case $build in /*) ;; *) build="$root/$build" ;; esac
mimic="$build/linux-user/bin/mimic-i386"
out="$build/demo"
sysroot=/usr/i686-linux-gnu
mkdir -p "$out"
if [ ! -x "$mimic" ]; then
  echo "demo: $mimic is not built (run make build)" >&2
  exit 1
fi
echo "== building demo/hello.c with i686-linux-gnu-gcc (static and dynamic)"
i686-linux-gnu-gcc -O2 -pthread -static -o "$out/hello-i386-static" "$root/demo/hello.c" -lm
i686-linux-gnu-gcc -O2 -pthread -o "$out/hello-i386" "$root/demo/hello.c" -lm
file "$out/hello-i386-static" 2>/dev/null | sed 's|^.*: |   static:  |' || true
echo
echo "== mimic-i386 -backend jit $out/hello-i386-static"
"$mimic" -backend jit "$out/hello-i386-static"
echo "   (exit status $?)"
echo
echo "== mimic-i386 -backend interp -L $sysroot $out/hello-i386   (dynamic: ld.so and libc from the sysroot)"
"$mimic" -backend interp -L "$sysroot" "$out/hello-i386"
echo
echo "== the first syscalls of the static program (-strace)"
"$mimic" -strace "$out/hello-i386-static" 2>&1 >/dev/null | head -n 12 || true
echo
echo "== code cache counters (-d stats, JIT; each process prints its own at exit)"
"$mimic" -d stats "$out/hello-i386-static" 2>&1 >/dev/null | head -n 12 || true

mimic_ppc="$build/linux-user/bin/mimic-ppc"
echo
echo "== building demo/hello.c with powerpc-linux-gnu-gcc (static, big-endian PowerPC)"
powerpc-linux-gnu-gcc -O2 -pthread -static -o "$out/hello-ppc" "$root/demo/hello.c" -lm
echo
echo "== mimic-ppc -backend jit $out/hello-ppc"
"$mimic_ppc" -backend jit "$out/hello-ppc"
echo "   (exit status $?)"
echo
echo "== mimic-ppc -backend interp -L /usr/powerpc-linux-gnu (the same source, dynamic)"
powerpc-linux-gnu-gcc -O2 -pthread -o "$out/hello-ppc-dyn" "$root/demo/hello.c" -lm
"$mimic_ppc" -backend interp -L /usr/powerpc-linux-gnu "$out/hello-ppc-dyn"

echo
bash "$root/scripts/demo-system.sh" "$build"
