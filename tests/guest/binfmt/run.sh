#!/usr/bin/env bash
# binfmt_misc: scripts/mimic-binfmt.sh registers mimic-ppc inside a VM
# (Debian's amd64 kernel under qemu-system-x86_64 -accel tcg, an initramfs
# of busybox-static with mimic-ppc and its libraries): a PowerPC program
# then runs directly as ./prog with its argv[0] kept (flag P), an
# execute-only program runs (flag O, the kernel opens it for Mimic), the
# status is listed, and after unregistering ./prog fails again. The test
# machine itself may not mount binfmt_misc, hence the VM.
# Usage: tests/guest/binfmt/run.sh [build-dir]
set -uo pipefail
export LC_ALL=C   # the shell echoes the binary's bytes in its error
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../.." && pwd)
build=${1:-build}
case $build in /*) ;; *) build="$root/$build" ;; esac
w="$build/tests-binfmt"
cache="$w/cache"
mkdir -p "$cache"
die() { echo "FAIL binfmt: $*"; echo "0 passed, 1 failed"; exit 1; }
# shellcheck source=tests/lib/debian-pkg.sh
. "$root/tests/lib/debian-pkg.sh"

mimic="$build/linux-user/bin/mimic-ppc"
[ -x "$mimic" ] || die "$mimic is not built"
pkg=$(debian_kernel_amd64)
[ -n "$pkg" ] || die "cannot resolve linux-image-amd64 (apt-get update?)"
debian_fetch "$pkg" "$cache/$pkg" || die "cannot fetch $pkg"
debian_fetch busybox-static "$cache/busybox-static" || die "cannot fetch busybox-static"
vmlinuz=$(ls "$cache/$pkg"/root/boot/vmlinuz-* 2>/dev/null | head -n 1)
busybox="$cache/busybox-static/root/bin/busybox"
[ -f "$vmlinuz" ] && [ -x "$busybox" ] || die "unpacked packages lack vmlinuz or busybox"

# The guest program: prints its argv.
cat >"$w/prog.c" <<'C'
#include <stdio.h>
int main(int argc, char **argv)
{
    printf("ppc program ran: argc=%d", argc);
    for (int i = 0; i < argc; i++) {
        printf(" [%s]", argv[i]);
    }
    printf("\n");
    return 0;
}
C
powerpc-linux-gnu-gcc -O2 -static -o "$w/prog" "$w/prog.c" || die "cannot build the ppc program"

ird="$w/initramfs"
rm -rf "$ird"; mkdir -p "$ird"/{bin,proc,sys,dev,tmp,mimic}
cp "$busybox" "$ird/bin/busybox"
for a in sh mount umount cat echo poweroff chmod ls grep sed head uname dirname basename pwd printf cp insmod; do
  ln -s busybox "$ird/bin/$a"
done
# mimic-ppc and the shared libraries it needs, at their own paths.
cp "$mimic" "$ird/mimic/mimic-ppc"
ldd "$mimic" | grep -o '/[^ ]*' | while read -r lib; do
  mkdir -p "$ird$(dirname "$lib")"
  cp -L "$lib" "$ird$lib"
done
# binfmt_misc is a module in Debian's kernel.
bm_ko=$(find "$cache/$pkg/root/lib/modules" -name 'binfmt_misc.ko*' | head -n 1)
[ -n "$bm_ko" ] || die "no binfmt_misc module in $pkg"
case $bm_ko in
  *.xz) xz -dc "$bm_ko" >"$ird/binfmt_misc.ko" ;;
  *) cp "$bm_ko" "$ird/binfmt_misc.ko" ;;
esac
cp "$root/scripts/mimic-binfmt.sh" "$ird/mimic-binfmt.sh"
cp "$w/prog" "$ird/prog"
cp "$w/prog" "$ird/prog-xonly"
cat >"$ird/init" <<'INIT'
#!/bin/sh
mount -t proc proc /proc
mount -t sysfs sys /sys
mount -t devtmpfs dev /dev
mount -t tmpfs tmp /tmp
insmod /binfmt_misc.ko
chmod 755 /prog
chmod 111 /prog-xonly
echo
echo "BT: before registering: $(/prog 2>&1 | head -n 1)"
sh /mimic-binfmt.sh --path /mimic register 2>&1 | sed 's/^/BT: /'
sh /mimic-binfmt.sh status | sed 's/^/BT: /'
cd /
echo "BT: direct: $(./prog one two)"
echo "BT: execute-only: $(./prog-xonly three)"
echo "BT: through sh -c: $(sh -c 'exec -a renamed /prog four')"
sh /mimic-binfmt.sh unregister | sed 's/^/BT: /'
echo "BT: after unregistering: $(./prog 2>&1 | head -n 1)"
echo BT-DONE
poweroff -f
INIT
chmod +x "$ird/init"
(cd "$ird" && find . | cpio -o -H newc --quiet | gzip -1) >"$w/initramfs.gz"

log="$w/vm.log"
for attempt in 1 2; do
  timeout 300 qemu-system-x86_64 -accel tcg -cpu max -m 512 -nographic -no-reboot \
    -kernel "$vmlinuz" -initrd "$w/initramfs.gz" \
    -append "console=ttyS0 panic=-1 quiet no_timer_check" </dev/null >"$log" 2>&1
  tr -d '\r' <"$log" >"$log.tmp" && mv "$log.tmp" "$log"
  grep -q '^BT-DONE' "$log" && break
  echo "     the VM did not finish (attempt $attempt)"
done
sed -n 's/^BT: /     vm: /p' "$log"

pass=0; fail=0
check() {  # check WHAT PATTERN
  if grep -q -- "$2" "$log"; then
    echo "PASS binfmt: $1"; pass=$((pass + 1))
  else
    echo "FAIL binfmt: $1 (no line matching '$2' in $log)"; fail=$((fail + 1))
  fi
}
check "a ppc program does not run before registering" '^BT: before registering: .*\(Exec format error\|not found\|can.t execute\)'
check "registration with flags POC" '^BT: registered mimic-ppc (/mimic/mimic-ppc, flags POC)'
check "status lists the entry" '^BT: mimic-ppc: enabled, /mimic/mimic-ppc, POC'
check "./prog runs, argv kept" '^BT: direct: ppc program ran: argc=3 \[./prog\] \[one\] \[two\]$'
check "an execute-only program runs (O)" '^BT: execute-only: ppc program ran: argc=2 \[./prog-xonly\] \[three\]$'
check "argv[0] set by the caller is kept (P)" '^BT: through sh -c: ppc program ran: argc=2 \[renamed\] \[four\]$'
check "unregistering" '^BT: unregistered mimic-ppc'
check "the program fails again after unregistering" '^BT: after unregistering: .*\(Exec format error\|not found\|can.t execute\)'
grep -q '^BT-DONE' "$log" || { echo "FAIL binfmt: the VM did not finish; log $log"; fail=$((fail + 1)); }
echo "$pass passed, $fail failed"
[ $fail -eq 0 ]
