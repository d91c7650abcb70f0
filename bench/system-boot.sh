#!/usr/bin/env bash
# Boot time of Debian 12's i386 kernel (linux-image-686) with the busybox
# initramfs of tests/guest/system-linux, from start to the shell prompt on
# the serial port (wall time, median of RUNS runs), under mimic-system-i386
# and under qemu-system-i386 -M pc -cpu pentium2 with the same kernel,
# initramfs and -m. Prints a markdown table (bench/run.sh puts it in
# docs/performance.md). Usage: system-boot.sh BUILD_DIR
set -uo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-build}
case $build in /*) ;; *) build="$root/$build" ;; esac
runs=${RUNS:-3}
here=$root/tests/guest/system-linux
work=$build/bench/system-boot
mkdir -p "$work"
vars=$(bash "$here/prepare.sh" "${MIMIC_GUEST_CACHE:-$build/guest-cache}/system-linux") || exit 1
eval "$vars"
median() { sort -n | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }

# boot_time LABEL EMULATOR...: median seconds to the prompt, or FAIL.
boot_time() {
  local label=$1; shift
  local times=()
  for ((r = 0; r < runs; r++)); do
    local t
    t=$(python3 "$here/drive.py" "$label" "$work/$label.$r.log" boot -- "$@" -m 256 \
          -kernel "$KERNEL686" -initrd "$INITRD" -append console=ttyS0 -nographic -no-reboot |
        sed -n 's/^TIME .*shell prompt \([0-9.]*\) s$/\1/p')
    [ -n "$t" ] || { echo FAIL; return; }
    times+=("$t")
  done
  printf '%s\n' "${times[@]}" | median
}

echo "bench: system boot (linux-image-686, $runs runs each)" >&2
m=$(boot_time mimic "$build/softmmu/bin/mimic-system-i386")
q=$(boot_time qemu qemu-system-i386 -M pc -cpu pentium2)
ratio=$(awk -v a="$m" -v b="$q" 'BEGIN { if (a == "FAIL" || b == "FAIL" || b == 0) print "-"; else printf "%.2f", a / b }')
echo "| boot to shell (s) | mimic-system-i386 | qemu-system-i386 -M pc -cpu pentium2 | mimic / qemu |"
echo "|---|---|---|---|"
echo "| Debian 12 linux-image-686 + busybox initramfs, -m 256 | $m | $q | $ratio |"
