#!/usr/bin/env bash
# Debian 12's i386 kernels (686 and 686-pae, unmodified, from their .debs)
# with a busybox-static initramfs built at test time boot to a shell on
# the serial port; drive.py types commands and checks the answers, then
# `reboot -f` must end the emulator with status 0.
# The emulator: $MIMIC_SYSTEM_EMULATOR if set (the oracle run:
#   MIMIC_SYSTEM_EMULATOR="qemu-system-i386 -M pc -cpu pentium2"),
# else BUILD/softmmu/bin/mimic-system-i386 with -backend jit, and also
# -backend interp under MIMIC_SLOW=1 (make check-slow); MIMIC_SYSTEM_ARGS
# adds options. MIMIC_SLOW=1 also reboots the guest without -no-reboot and
# boots -M isapc. MIMIC_SYSTEM_LINUX=0 skips the suite.
# Usage: system-linux/run.sh [build-dir] [686|pae ...]
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../.." && pwd)
build=${1:-build}
shift || true
kinds=("$@")
[ ${#kinds[@]} -gt 0 ] || kinds=(686 pae)
case $build in /*) ;; *) build="$root/$build" ;; esac

# On in make check since Mimic boots both kernels.
mimic_enabled=1
if [ -z "${MIMIC_SYSTEM_EMULATOR:-}" ] && [ "${MIMIC_SYSTEM_LINUX:-$mimic_enabled}" != 1 ]; then
  echo "system-linux: skipped (MIMIC_SYSTEM_LINUX=0)"
  echo "0 passed, 0 failed"
  exit 0
fi

cache=${MIMIC_GUEST_CACHE:-$build/guest-cache}/system-linux
out="$build/tests-guest-system/linux"
mkdir -p "$out"
if ! vars=$(bash "$here/prepare.sh" "$cache"); then
  echo "FAIL system-linux: cannot prepare the kernels and the initramfs"
  echo "0 passed, 1 failed"
  exit 1
fi
eval "$vars"

# One emulator command line per configuration: label and words.
configs=()
if [ -n "${MIMIC_SYSTEM_EMULATOR:-}" ]; then
  configs+=("oracle|$MIMIC_SYSTEM_EMULATOR")
else
  backends=(jit)
  [ "${MIMIC_SLOW:-0}" = 1 ] && backends+=(interp)
  for be in "${backends[@]}"; do
    configs+=("$be|$build/softmmu/bin/mimic-system-i386 -backend $be ${MIMIC_SYSTEM_ARGS:-}")
  done
fi

pass=0; fail=0
for conf in "${configs[@]}"; do
  label=${conf%%|*}
  read -r -a emu <<<"${conf#*|}"
  echo "emulator: ${emu[*]}"
  for kind in "${kinds[@]}"; do
    case $kind in
      686) kernel=$KERNEL686 ;;
      pae) kernel=$KERNELPAE ;;
      *) echo "FAIL system-linux: unknown kernel kind $kind"; fail=$((fail+1)); continue ;;
    esac
    echo "kernel: $kernel"
    python3 "$here/drive.py" "$kind-$label" "$out/console-$kind-$label.log" "$kind" -- \
      "${emu[@]}" -m 256 -kernel "$kernel" -initrd "$INITRD" \
      -append console=ttyS0 -nographic -no-reboot | tee "$out/result-$kind-$label.txt"
    read -r _ _ p f < <(grep '^RESULT ' "$out/result-$kind-$label.txt" || echo "RESULT x 0 1")
    pass=$((pass+p)); fail=$((fail+f))
  done
done
# make check-slow: a guest reset without -no-reboot boots the kernel again;
# -M isapc (no local APIC) boots too.
if [ -z "${MIMIC_SYSTEM_EMULATOR:-}" ] && [ "${MIMIC_SLOW:-0}" = 1 ]; then
  mimic=("$build/softmmu/bin/mimic-system-i386")
  for case in reboot isapc; do
    extra=(-no-reboot); kind=686
    [ $case = reboot ] && { extra=(); kind=reboot; }
    [ $case = isapc ] && extra+=(-M isapc)
    python3 "$here/drive.py" "$case" "$out/console-$case.log" "$kind" -- \
      "${mimic[@]}" "${extra[@]}" -m 256 -kernel "$KERNEL686" -initrd "$INITRD" \
      -append console=ttyS0 -nographic | tee "$out/result-$case.txt"
    read -r _ _ p f < <(grep '^RESULT ' "$out/result-$case.txt" || echo "RESULT x 0 1")
    pass=$((pass+p)); fail=$((fail+f))
  done
fi
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
