#!/usr/bin/env bash
# The console of mimic-system-i386 and -bios: a multiboot guest (echo.S) writes COM1
# and the debug console and echoes COM1 input until 'q', then exits through
# isa-debug-exit. console.py checks the serial output over a pipe, the
# exit status formula, -serial file:, -debugcon file: and, on a
# pseudo-terminal, the -nographic Ctrl-A keys and the terminal mode after
# exit; a raw ROM (bios.S) starts at the reset vector. The same guests run first under qemu-system-i386 (the oracle for
# the output and the status). Usage: system-console/run.sh [build-dir]
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../.." && pwd)
build=${1:-build}
case $build in /*) ;; *) build="$root/$build" ;; esac
w="$build/tests-guest-system/console"
mkdir -p "$w"
pass=0; fail=0
if ! i686-linux-gnu-gcc -m32 -nostdlib -static -no-pie -Wl,-Ttext=0x100000 \
    -Wl,--build-id=none -o "$w/echo.elf" "$here/echo.S" 2>"$w/build.log"; then
  echo "FAIL system-console: echo.S did not build ($w/build.log)"
  echo "0 passed, 1 failed"; exit 1
fi
if ! i686-linux-gnu-gcc -m32 -nostdlib -static -no-pie -Wl,-Ttext=0 -Wl,--oformat=binary \
    -Wl,--build-id=none -o "$w/bios.bin" "$here/bios.S" 2>>"$w/build.log"; then
  echo "FAIL system-console: bios.S did not build ($w/build.log)"
  echo "0 passed, 1 failed"; exit 1
fi
tally() { read -r _ p f < <(grep '^RESULT ' "$1" || echo "RESULT 0 1"); pass=$((pass+p)); fail=$((fail+f)); }
python3 "$here/console.py" qemu "$w/echo.elf" "$w/bios.bin" "$w" -- qemu-system-i386 -M pc -cpu pentium2 \
  -device isa-debug-exit,iobase=0xf4,iosize=4 | tee "$w/qemu.txt"
tally "$w/qemu.txt"
# The Mimic part is enabled once the i386 system CPU runs the guest (set
# MIMIC_SYSTEM_TESTS=1 to run it by hand before).
mimic_enabled=1
if [ "${MIMIC_SYSTEM_TESTS:-$mimic_enabled}" != 1 ]; then
  echo "(mimic-system-i386 part not enabled yet: MIMIC_SYSTEM_TESTS=1 runs it)"
  echo "$pass passed, $fail failed"
  [ "$fail" -eq 0 ]; exit
fi
for be in jit interp; do
  python3 "$here/console.py" "mimic-$be" "$w/echo.elf" "$w/bios.bin" "$w" -- \
    "$build/softmmu/bin/mimic-system-i386" -backend "$be" | tee "$w/mimic-$be.txt"
  tally "$w/mimic-$be.txt"
done
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
