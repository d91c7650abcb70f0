#!/usr/bin/env bash
# The /dev/kaccel suite: builds kaccel.ko against Debian's 6.1 headers and
# the static test program (kaccel-test.c), boots Debian's own kernel
# (linux-image-amd64, fetched with apt-get download, never installed) under
# qemu-system-x86_64 -accel tcg with an initramfs of busybox-static, and
# runs the tests on three emulated CPUs: qemu64 (no SMEP/SMAP/PTI), max
# (SMEP, SMAP, UMIP, LA57; two CPUs, for migration) and qemu64 with an
# Intel vendor (page-table isolation on). A test VM also checks dmesg (no oops, warning or BUG),
# that rmmod is refused while a VM is open, and that every pinned page and
# page-table page came back. Then mimic-system-i386 -accel kaccel inside
# the VM (guest.sh: bare-metal kernels; Debian's i386 kernel with
# MIMIC_SLOW=1). Prints one
# line per test and CPU, then "N passed, M failed".
# Usage: tests/kaccel/run.sh [build-dir] [cpu ... | none]
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
build=${1:-build}
shift || true
case $build in /*) ;; *) build="$root/$build" ;; esac
cpus=("$@")
[ ${#cpus[@]} -gt 0 ] || cpus=(qemu64 max qemu64,vendor=GenuineIntel)
w="$build/tests-kaccel"
cache="$w/cache"
mkdir -p "$w" "$cache"
pass=0; fail=0
die() { echo "FAIL kaccel: $*"; echo "0 passed, 1 failed"; exit 1; }

# Debian's current 6.1 ABI, from the metapackage (not the build machine's
# running kernel).
# shellcheck source=tests/lib/debian-pkg.sh
. "$root/tests/lib/debian-pkg.sh"
pkg=$(debian_kernel_amd64)
[ -n "$pkg" ] || die "cannot resolve linux-image-amd64 (apt-get update?)"
kver=${pkg#linux-image-}
if [ ! -d "/lib/modules/$kver/build" ]; then
  # apt's lists may be newer than the installed headers: use the ABI of
  # the installed linux-headers-amd64 (image and headers must match)
  hdr=$(dpkg-query -W -f='${Depends}' linux-headers-amd64 2>/dev/null |
        grep -o 'linux-headers-[0-9][^ ,]*-amd64' | head -1)
  if [ -n "$hdr" ]; then kver=${hdr#linux-headers-}; pkg=linux-image-$kver; fi
fi
kdir=/lib/modules/$kver/build
[ -d "$kdir" ] || die "no $kdir: install linux-headers-$kver (bash scripts/install-deps.sh)"

debian_fetch "$pkg" "$cache/$pkg" || die "cannot fetch $pkg"
debian_fetch busybox-static "$cache/busybox-static" || die "cannot fetch busybox-static"
vmlinuz="$cache/$pkg/root/boot/vmlinuz-$kver"
busybox="$cache/busybox-static/root/bin/busybox"
[ -f "$vmlinuz" ] && [ -x "$busybox" ] || die "unpacked packages lack vmlinuz or busybox"

# The module, built out of tree from a copy (kbuild writes next to the
# sources).
rm -rf "$w/kmod"; mkdir -p "$w/kmod"
cp -r "$root/accel/kmod/kernel" "$root/accel/kmod/kaccel.h" "$w/kmod/"
if ! make -s -C "$kdir" M="$w/kmod/kernel" modules >"$w/kbuild.log" 2>&1; then
  cat "$w/kbuild.log"; die "module build failed"
fi
grep -i "warning" "$w/kbuild.log" | grep -v "Skipping BTF" && die "module build warnings"
echo "module: built against $kdir"

gcc -static -O2 -Wall -Werror -I"$root/accel/kmod" -o "$w/kaccel-test" \
  "$here/kaccel-test.c" "$here/guest-code.S" "$root/accel/kmod/kaccel-user.c" ||
  die "test program build failed"

# initramfs: busybox, the module, the test program, /init.
ird="$w/initramfs"
rm -rf "$ird"; mkdir -p "$ird"/{bin,proc,sys,dev,tmp}
cp "$busybox" "$ird/bin/busybox"
for a in sh mount insmod rmmod dmesg grep sleep cat poweroff echo awk wc; do
  ln -s busybox "$ird/bin/$a"
done
cp "$w/kmod/kernel/kaccel.ko" "$w/kaccel-test" "$ird/"
cp "$here/vm-init.sh" "$ird/init"
chmod +x "$ird/init"
(cd "$ird" && find . | cpio -o -H newc --quiet | gzip -1) >"$w/initramfs.gz"

for cpu in "${cpus[@]}"; do
  [ "$cpu" = none ] && continue   # only the real guest below
  log="$w/log-${cpu//[,=]/_}.txt"      # the kernel's console (ttyS0)
  kt="$w/results-${cpu//[,=]/_}.txt"  # the tests' lines (ttyS1)
  # max also gets a second CPU, for the migration test
  smp=1
  [ "$cpu" = max ] && smp=2
  # no_timer_check: a loaded host can make the kernel's IO-APIC timer
  # check fail under TCG; a VM that never reached /init is retried once.
  for attempt in 1 2; do
    # NMIs every 20 ms through the monitor once the tests run
    mon="$w/monitor.sock"
    rm -f "$mon" "$kt"
    python3 "$here/nmi-storm.py" "$mon" "$kt" 20 >"$w/nmi-storm.txt" 2>&1 &
    storm=$!
    timeout 300 qemu-system-x86_64 -accel tcg -cpu "$cpu" -m 512 -smp $smp \
      -nographic -no-reboot -kernel "$vmlinuz" -initrd "$w/initramfs.gz" \
      -monitor "unix:$mon,server=on,wait=off" -serial stdio -serial "file:$kt" \
      -append "console=ttyS0 panic=-1 oops=panic panic_on_warn=1 quiet no_timer_check ${KACCEL_ITER:+kaccel_iter=$KACCEL_ITER}" \
      </dev/null >"$log" 2>&1
    wait "$storm"
    cat "$w/nmi-storm.txt"
    for f in "$log" "$kt"; do
      [ -f "$f" ] && tr -d '\r' <"$f" >"$f.tmp" && mv "$f.tmp" "$f"
    done
    grep -q "^KT: " "$kt" 2>/dev/null && break
    echo "     [$cpu] the kernel did not reach /init (attempt $attempt)"
  done
  while IFS= read -r line; do
    case $line in *"KT: "*) line="KT: ${line#*KT: }" ;; esac
    case $line in
      "KT: ok - "*) echo "ok   [$cpu] ${line#KT: ok - }"; pass=$((pass+1)) ;;
      "KT: FAIL - "*) echo "FAIL [$cpu] ${line#KT: FAIL - }"; fail=$((fail+1)) ;;
      "KT: info - "*) echo "     [$cpu] ${line#KT: info - }" ;;
    esac
  done <"$kt"
  # the host protections this CPU is in the matrix for must be on
  case $cpu in
    max) need="smep smap umip la57" ;;
    *GenuineIntel*) need="pti" ;;
    *) need="" ;;
  esac
  feat=$(grep -a -o "host CPU features:.*" "$kt" | head -1)
  for f in $need; do
    if [[ " ${feat#*:} " == *" $f "* ]]; then
      echo "ok   [$cpu] host-has-$f"; pass=$((pass+1))
    else
      echo "FAIL [$cpu] host-has-$f: not in '$feat'"; fail=$((fail+1))
    fi
  done
  if ! grep -q "^KT-DONE" "$kt"; then
    echo "FAIL [$cpu] the VM did not finish (panic, oops or timeout); log: $log"
    grep -E "Kernel panic|BUG|Oops|WARNING|RIP:" "$log" | head -20
    fail=$((fail+1))
  fi
done
# mimic-system-i386 -accel kaccel inside the VM (guest.sh): make check
# runs the bare-metal kernels; MIMIC_SLOW=1 also boots Debian's i386 kernel
# under kaccel and tcg and compares (nested emulation: many minutes).
# KACCEL_GUEST=0 skips it.
if [ "${KACCEL_GUEST:-1}" != 0 ]; then
  gmodes=""
  [ "${MIMIC_SLOW:-0}" = 1 ] && gmodes=kaccel,tcg
  KACCEL_KO="$w/kmod/kernel/kaccel.ko" VMLINUZ="$vmlinuz" BUSYBOX="$busybox" \
    KACCEL_GUEST_MODES=${KACCEL_GUEST_MODES:-$gmodes} \
    bash "$here/guest.sh" "$build" | tee "$w/guest.txt"
  read -r p _ f _ < <(tail -n 1 "$w/guest.txt")
  pass=$((pass+${p:-0})); fail=$((fail+${f:-1}))
fi
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
