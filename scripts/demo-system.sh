#!/usr/bin/env bash
# The system-mode part of `make run`: boots Debian 12's i386 kernel
# (linux-image-686, fetched with apt-get download and unpacked, never
# installed) with a busybox initramfs under mimic-system-i386, runs a few
# commands in the guest shell over the serial port, and ends it with
# reboot -f. Usage: scripts/demo-system.sh [build-dir]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-build}
case $build in /*) ;; *) build="$root/$build" ;; esac
here=$root/tests/guest/system-linux
mimic=$build/softmmu/bin/mimic-system-i386
echo "== fetching Debian 12's linux-image-686 and busybox-static:i386 (cached in $build/guest-cache)"
vars=$(bash "$here/prepare.sh" "${MIMIC_GUEST_CACHE:-$build/guest-cache}/system-linux")
eval "$vars"
echo "== $mimic -m 256 -kernel $(basename "$KERNEL686") -initrd initramfs.cpio.gz -append console=ttyS0 -nographic -no-reboot"
python3 "$here/drive.py" demo "$build/demo/system-console.log" demo -- "$mimic" -m 256 \
  -kernel "$KERNEL686" -initrd "$INITRD" -append console=ttyS0 -nographic -no-reboot
echo "   (the whole console is in $build/demo/system-console.log)"
