#!/usr/bin/env bash
# Bad input for mimic-system-i386: unknown options and bad values, missing,
# foreign and broken kernels, an initrd or kernel that does not fit -m,
# a broken BIOS image must each give one clear line on stderr and exit
# status 1, never a crash. Hostile guests (garbage code, a triple fault)
# must end cleanly (-no-reboot: status 0), as under qemu-system-i386, which
# the suite runs on the same images as the oracle when it is installed.
# Usage: system-bad-input/run.sh [build-dir]
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../.." && pwd)
build=${1:-build}
case $build in /*) ;; *) build="$root/$build" ;; esac
mimic="$build/softmmu/bin/mimic-system-i386"
w="$build/tests-guest-system/bad-input"
rm -rf "$w"; mkdir -p "$w"
pass=0; fail=0
python3 "$here/mkimages.py" "$w"
truncate -s 40M "$w/initrd-40m"
truncate -s 100000 "$w/bios-odd-size"

# expect_error NAME REGEX ARGS...: status 1, exactly one stderr line matching REGEX.
expect_error() {
  local name=$1 rx=$2; shift 2
  timeout 20 "$mimic" "$@" </dev/null >"$w/out" 2>"$w/err"
  local rc=$? lines
  lines=$(wc -l <"$w/err")
  if [ $rc -eq 1 ] && [ "$lines" -eq 1 ] && grep -Eq -e "$rx" "$w/err"; then
    pass=$((pass+1)); echo "PASS $name: $(cat "$w/err")"
  else
    fail=$((fail+1)); echo "FAIL $name: status $rc, $lines stderr lines (want 1 matching /$rx/):"
    head -n 5 "$w/err" | sed 's/^/    /'
  fi
}

expect_error "unknown option" "unknown option '-frobnicate'" -frobnicate
expect_error "missing argument" "option '-kernel' needs an argument" -kernel
expect_error "bad -m" "bad memory size 'lots'" -m lots -kernel "$w/bz-small"
expect_error "-m too large" "out of range" -m 8G -kernel "$w/bz-small"
expect_error "unknown CPU model" "unknown CPU model 'nonsense'" -cpu nonsense -kernel "$w/bz-small"
expect_error "unknown machine" "unsupported machine type 'q35'" -M q35 -kernel "$w/bz-small"
expect_error "unknown accelerator" "unknown accelerator 'kvm'" -accel kvm -kernel "$w/bz-small"
# -accel kaccel without the module (this machine cannot load it; the VM
# suite tests/kaccel runs it for real) or with a file that is not it.
if [ ! -e /dev/kaccel ]; then
  expect_error "kaccel without /dev/kaccel" "^mimic-system-i386: -accel kaccel: /dev/kaccel does not exist" \
    -accel kaccel -kernel "$w/bz-small"
fi
MIMIC_KACCEL_DEVICE=$w/no-such-device expect_error "kaccel device missing" \
  "-accel kaccel: $w/no-such-device does not exist" -accel kaccel -kernel "$w/bz-small"
MIMIC_KACCEL_DEVICE=/dev/null expect_error "kaccel wrong device" \
  "-accel kaccel: /dev/null is not /dev/kaccel API version" -accel kaccel -kernel "$w/bz-small"
expect_error "kaccel with gdb" "-accel kaccel cannot be combined with the gdb stub" \
  -accel kaccel -s -kernel "$w/bz-small"
expect_error "-S without gdb" "-S waits for gdb: give -s or -gdb" -S -kernel "$w/bz-small"
expect_error "-gdb with a host" "only tcp::PORT" -gdb tcp:localhost:1234 -kernel "$w/bz-small"
expect_error "-gdb bad port" "expected tcp::PORT" -gdb tcp::99999 -kernel "$w/bz-small"
expect_error "-gdb not tcp" "expected tcp::PORT" -gdb stdio -kernel "$w/bz-small"
expect_error "display" "display 'sdl' is not supported" -display sdl -kernel "$w/bz-small"
expect_error "unknown device" "-device 'e1000': no such device" -device e1000 -kernel "$w/bz-small"
expect_error "bad device property" "bad property 'iobase=zz'" -device isa-debug-exit,iobase=zz -kernel "$w/bz-small"
expect_error "backend" "unknown backend 'llvm'" -backend llvm -kernel "$w/bz-small"
expect_error "log item" "unknown log item 'everything'" -d everything -kernel "$w/bz-small"
expect_error "serial device" "unknown character device 'tcp:1234'" -serial tcp:1234 -kernel "$w/bz-small"
expect_error "serial file" "cannot open '/nonexistent/dir/log'" -serial file:/nonexistent/dir/log -kernel "$w/bz-small"
expect_error "nothing to boot" "nothing to boot" -m 64
expect_error "initrd without kernel" "-initrd needs -kernel" -initrd "$w/initrd-40m"
expect_error "missing kernel" "cannot open kernel '$w/no-such-kernel': No such file" -kernel "$w/no-such-kernel"
expect_error "directory as kernel" "cannot read kernel" -kernel "$w"
expect_error "garbage kernel" "is not a kernel" -kernel "$w/garbage"
expect_error "empty kernel" "is not a kernel" -kernel /dev/null
expect_error "bzImage truncated" "truncated or has a broken setup header" -kernel "$w/bz-truncated"
expect_error "bzImage protocol 2.01" "protocol 2.01" -kernel "$w/bz-old-protocol"
expect_error "bzImage not loaded high" "without a high load" -kernel "$w/bz-not-high"
expect_error "kernel too big for -m" "needs 113 MiB of RAM to unpack, more than -m 64 MiB" -m 64 -kernel "$w/bz-huge"
expect_error "initrd too big for -m" "initrd '.*initrd-40m' \(41943040 bytes\) does not fit" -m 32 -kernel "$w/bz-small" -initrd "$w/initrd-40m"
expect_error "missing initrd" "cannot open initrd" -kernel "$w/bz-small" -initrd "$w/no-such-initrd"
expect_error "command line too long" "command line is 3000 bytes" -kernel "$w/bz-small" -append "$(head -c 3000 /dev/zero | tr '\0' x)"
expect_error "multiboot unknown flags" "requires features this loader does not know" -kernel "$w/mb-bad-flags"
expect_error "multiboot outside RAM" "outside RAM" -m 32 -kernel "$w/mb-outside-ram"
expect_error "multiboot in the VGA hole" "VGA hole" -kernel "$w/mb-in-hole"
expect_error "multiboot bad checksum" "is not a kernel" -kernel "$w/mb-bad-checksum"
expect_error "multiboot foreign ELF" "not a 32-bit little-endian i386 ELF" -kernel "$w/mb-arm"
expect_error "multiboot broken phdrs" "broken ELF program headers" -kernel "$w/mb-bad-phoff"
expect_error "multiboot missing module" "cannot open multiboot module '$w/nope'" -kernel "$w/mb-triple-fault" -initrd "$w/nope arg"
expect_error "bios size" "must be a non-zero multiple of 64 KiB" -bios "$w/bios-odd-size"
expect_error "bios missing" "cannot open BIOS image" -bios "$w/no-such-bios"
expect_error "kernel and bios" "-kernel with -bios is not supported" -kernel "$w/bz-small" -bios "$w/bios-odd-size"

# Hostile guests: each must end by a triple fault -> reset -> -no-reboot
# exit 0, as under qemu-system-i386 (run first as the oracle when present).
# expect_reset NAME IMAGE
expect_reset() {
  local name=$1 img=$2 rc
  if command -v qemu-system-i386 >/dev/null; then
    timeout 20 qemu-system-i386 -M pc -cpu pentium2 -kernel "$img" -nographic -no-reboot \
      </dev/null >/dev/null 2>&1
    rc=$?
    if [ $rc -ne 0 ]; then
      fail=$((fail+1)); echo "FAIL $name: the oracle (qemu-system-i386) gives status $rc, not 0"; return
    fi
  fi
  for be in jit interp; do
    timeout 20 "$mimic" -backend $be -kernel "$img" -nographic -no-reboot </dev/null >"$w/out" 2>"$w/err"
    rc=$?
    if [ $rc -eq 0 ] && [ ! -s "$w/err" ]; then
      pass=$((pass+1)); echo "PASS $name ($be): reset, -no-reboot exit 0 (as qemu-system-i386)"
    else
      fail=$((fail+1)); echo "FAIL $name ($be): status $rc (want 0, a reset), stderr:"
      head -n 3 "$w/err" | sed 's/^/    /'
    fi
  done
}
expect_reset "triple fault" "$w/mb-triple-fault"
expect_reset "guest executes garbage" "$w/mb-garbage"

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
