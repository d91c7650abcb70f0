#!/usr/bin/env bash
# mimic-system-i386 -accel kaccel inside the kaccel test VM (run by
# tests/kaccel/run.sh once it has built kaccel.ko). Always: the bare-metal
# kernels of tests/system/i386 (their SDM-derived checks; k-usermode runs
# user code natively: the module's counters must show it). With
# KACCEL_GUEST_MODES=kaccel,tcg (make check-slow): Debian's i386 686 kernel
# with the busybox initramfs of tests/guest/system-linux/prepare.sh (its
# /init replaced by guest-init-i386.sh, appended as a second cpio archive)
# under each accelerator; the guest runs the system-linux shell commands
# and guest-prog.c; the outputs must be right (the values drive.py checks;
# the program's output as the VM's own CPU computes it) and identical.
# Always, too: the speed measurement (bench-kernel.c under -accel kaccel
# and tcg, bench-native.c directly in the VM): results checked against
# the direct run, medians printed (bench/kaccel.sh collects them).
# Env: KACCEL_KO, VMLINUZ, BUSYBOX (from run.sh); KACCEL_GUEST_ROUNDS (the
# program's rounds, default 2); KACCEL_GUEST_MODES (default none);
# KACCEL_BENCH_PASSES, KACCEL_BENCH_REPS, KACCEL_BENCH_PAGES (the
# measurement's size: 200, 1, 1024); KACCEL_BENCH_BASE (another
# mimic-system-i386, e.g. before a change: measured as "kaccel-base" in
# the same rounds, for before/after figures from one VM run);
# KACCEL_GUEST_BM=0 leaves the bare-metal kernels out (bench/kaccel.sh);
# KACCEL_GUEST_LIMIT=S stops each Linux run after S seconds in the VM;
# KACCEL_GUEST_DEBUG=1 runs them with -d int and prints its last lines;
# KACCEL_GUEST_QUICK=1 makes the i386 guest reboot right after uname.
# Usage: guest.sh BUILD-DIR
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
build=$1
w="$build/tests-kaccel/guest"
rounds=${KACCEL_GUEST_ROUNDS:-2}
modes=${KACCEL_GUEST_MODES:-}
mimic="$build/softmmu/bin/mimic-system-i386"
pass=0; fail=0
ok() { echo "ok   [guest] $1"; pass=$((pass+1)); }
bad() { echo "FAIL [guest] $1"; fail=$((fail+1)); }
finish() { echo "$pass passed, $fail failed"; [ "$fail" -eq 0 ]; exit; }
rm -rf "$w"; mkdir -p "$w"
[ -x "$mimic" ] || { bad "$mimic is not built"; finish; }

# The bare-metal kernels (built by the system-i386 suite), but those
# Mimic is known to fail, and k-devices and k-tsc: they time devices
# against the host's clock, which nested emulation is too slow for (and
# never run user code, so they would only test the translator).
bmdir="$build/tests-system-i386"
[ -x "$bmdir/k-usermode" ] || bash "$root/tests/guest/system-i386/run.sh" "$build" >/dev/null
mkdir -p "$w/bm"
for k in "$bmdir"/k-*; do
  n=${k##*/}
  case $n in *.*|k-devices|k-tsc) continue ;; esac
  # kernels that reset the machine need a run without -no-reboot; they
  # never run user code either
  head -n 1 "$root/tests/system/i386/$n.c" 2>/dev/null | grep -q 'runner: reboots' && continue
  grep -q "^$n:" "$root/tests/system/i386/mimic-known-failing.txt" 2>/dev/null && continue
  [ "${KACCEL_GUEST_BM:-1}" = 0 ] || cp "$k" "$w/bm/"
done
[ -f "$w/bm/k-usermode" ] || [ "${KACCEL_GUEST_BM:-1}" = 0 ] ||
  { bad "the bare-metal kernels are not built ($bmdir)"; finish; }

# The i386 Linux side: kernel and initramfs from the system-linux cache.
KERNEL686=""
if [ -n "$modes" ]; then
  if ! vars=$(bash "$root/tests/guest/system-linux/prepare.sh" \
                "${MIMIC_GUEST_CACHE:-$build/guest-cache}/system-linux"); then
    bad "cannot prepare the i386 kernel and initramfs"; finish
  fi
  eval "$vars"
fi
i686-linux-gnu-gcc -O2 -static -o "$w/guest-prog" "$here/guest-prog.c" ||
  { bad "cannot build guest-prog"; finish; }
# The speed measurement: bench-kernel.c (a bare-metal kernel on the
# system-i386 library) and bench-native.c, the same bench-loop.S in both.
bpasses=${KACCEL_BENCH_PASSES:-200}
breps=${KACCEL_BENCH_REPS:-1}
bpages=${KACCEL_BENCH_PAGES:-1024}
bsrc="$root/tests/system/i386"
mkdir -p "$w/bench"
echo "$bpasses $breps $bpages" >"$w/bench/params"
i686-linux-gnu-gcc -O2 -static -Wall -Werror -o "$w/bench/bench-native" \
  "$here/bench-native.c" "$here/bench-loop.S" || { bad "cannot build bench-native"; finish; }
# shellcheck disable=SC2046
i686-linux-gnu-gcc -m32 -march=i686 -ffreestanding -nostdlib -fno-pic -no-pie -static -O2 \
  -fno-stack-protector -fno-asynchronous-unwind-tables -mgeneral-regs-only -Wall -Wextra \
  -Wno-unused-parameter -Werror -I"$bsrc/lib" -I"$here" -DBENCH_PASSES="$bpasses" \
  -DBENCH_REPS=1 -DBENCH_PAGES="$bpages" -Wl,-T,"$bsrc/lib/kernel.ld" -Wl,--build-id=none \
  -Wl,-z,max-page-size=0x1000 -Wl,-z,noexecstack -Wl,--no-warn-rwx-segments \
  -o "$w/bench/bench-kernel" "$bmdir"/lib/*.o "$here/bench-kernel.c" "$here/bench-loop.S" -lgcc ||
  { bad "cannot build bench-kernel"; finish; }
if [ -n "$KERNEL686" ]; then
  add="$w/i386-add"
  mkdir -p "$add"
  cp "$here/guest-init-i386.sh" "$add/init"
  cp "$w/guest-prog" "$add/guest-prog"
  chmod +x "$add/init"
  cp "$INITRD" "$w/i386-initrd.gz"
  (cd "$add" && find . | cpio -o -H newc --quiet | gzip -1) >>"$w/i386-initrd.gz"
fi

# The amd64 VM: busybox, the module, Mimic and its libraries, the i386 files.
ird="$w/initramfs"
mkdir -p "$ird"/{bin,proc,sys,dev,tmp,mimic,i386}
cp "$BUSYBOX" "$ird/bin/busybox"
for a in sh mount insmod cat echo poweroff time tr cut awk timeout tail grep; do
  ln -s busybox "$ird/bin/$a"
done
cp "$KACCEL_KO" "$w/guest-prog" "$ird/"
cp "$mimic" "$ird/mimic/"
ldd "$mimic" | grep -o '/[^ ]*' | while read -r lib; do
  mkdir -p "$ird$(dirname "$lib")"
  cp -L "$lib" "$ird$lib"
done
cp -r "$w/bm" "$ird/bm"
cp -r "$w/bench" "$ird/bench"
bmodes="kaccel tcg"
if [ -n "${KACCEL_BENCH_BASE:-}" ]; then
  mkdir -p "$ird/mimic-base"
  cp "$KACCEL_BENCH_BASE" "$ird/mimic-base/mimic-system-i386"
  bmodes="kaccel kaccel-base tcg"
fi
echo "$bmodes" >"$ird/bench/modes"
if [ -n "$KERNEL686" ]; then
  cp "$KERNEL686" "$ird/i386/vmlinuz"
  cp "$w/i386-initrd.gz" "$ird/i386/initrd.gz"
fi
cp "$here/guest-vm-init.sh" "$ird/init"
chmod +x "$ird/init"
(cd "$ird" && find . | cpio -o -H newc --quiet | gzip -1) >"$w/initramfs.gz"

out="$w/vm-ttyS1.txt"
start=$(date +%s)
tmo=900
[ -n "$modes" ] && tmo=3600   # each Linux boot takes many minutes nested
timeout "${KACCEL_GUEST_TIMEOUT:-$tmo}" qemu-system-x86_64 -accel tcg -cpu qemu64 -m 1024 \
  -nographic -monitor none -no-reboot -kernel "$VMLINUZ" -initrd "$w/initramfs.gz" \
  -serial stdio -serial "file:$out" \
  -append "console=ttyS0 panic=-1 quiet no_timer_check kprog=$rounds kmodes=$modes klimit=${KACCEL_GUEST_LIMIT:-0} kdebug=${KACCEL_GUEST_DEBUG:-0} kquick=${KACCEL_GUEST_QUICK:-0}" \
  </dev/null >"$w/vm-console.txt" 2>&1
echo "     [guest] the VM ran $(( $(date +%s) - start )) s"
[ -f "$out" ] && tr -d '\r' <"$out" >"$out.tmp" && mv "$out.tmp" "$out"
touch "$out"
grep -q '^KG-DONE' "$out" || bad "the VM did not finish (log $w/vm-console.txt, $out)"

# section FILE: the lines between "KG-FILE FILE" and "KG-END".
section() { awk -v f="$1" '$0 == "KG-FILE " f {on=1; next} on && $0 == "KG-END" {exit} on' "$out"; }
# guest NAME MODE: what the guest's command NAME printed (console of MODE).
guest() {
  section "console-$2" | tr -d '\r' |
    awk -v n="$1" '$0 == "@@B " n {on=1; next} on && index($0, "@@E " n " ") == 1 {print; exit} on'
}
grep -q '^KG: insmod ok' "$out" && ok "insmod" || bad "insmod"
native=$(section native | grep '^guest-prog:')
[ -n "$native" ] && ok "guest-prog natively in the VM: $native" || bad "guest-prog did not run natively"
# the bare-metal kernels: status 33 (every check passed) under kaccel
for k in "$w"/bm/k-*; do
  [ -f "$k" ] || continue
  n=${k##*/}
  st=$(section "bm-$n" | sed -n 's/^status //p')
  if [ "$st" = 33 ]; then ok "$n under -accel kaccel: $(section "bm-$n" | grep -c '^ok ') checks"
  else bad "$n under -accel kaccel: status '${st:-none}' (want 33)"
       section "bm-$n" | grep -E '^FAIL' | head -n 5 | sed 's/^/     /'; fi
done
if [ "${KACCEL_GUEST_BM:-1}" != 0 ]; then
  section bm-k-usermode | grep '^kaccel' | sed 's/^/     [guest] k-usermode: /'
  entries=$(section bm-k-usermode | sed -n 's/^kaccel module: [0-9]* runs, \([0-9]*\) entries.*/\1/p')
  [ "${entries:-0}" -gt 0 ] && ok "k-usermode ran user code natively: $entries entries" ||
    bad "k-usermode: no native run ('${entries:-no stats}' entries)"
fi
# the speed measurement: right results under both accelerators (the
# VM's CPU computed them directly), then the medians
# vals NAME WORD KIND: the value after WORD on each "bench KIND:" line of
# the rounds' sections NAME-1, NAME-2, ...
vals() { for r in $(seq 1 "$breps"); do section "$1-$r"; done | awk -v w="$2" -v k="$3:" '$1 == "bench" && $2 == k { for (i = 3; i < NF; i++) if ($i == w) print $(i + 1) }'; }
median() { sort -n | awk '{ v[NR] = $1 } END { if (NR) printf "%.1f", (NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2) / 1000 }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a > 0 && b > 0) printf "%.2f", a / b; else print "-" }'; }
nhash=$(vals bench-native hash cpu | tr '\n' ' ')
nsum=$(vals bench-native sum pf | tr '\n' ' ')
[ -n "$nhash" ] && [ -n "$nsum" ] && ok "bench directly in the VM: hash $nhash, sum $nsum" ||
  bad "bench-native printed no results"
for m in $bmodes; do
  st=$(for r in $(seq 1 "$breps"); do section "bench-$m-$r"; done | sed -n 's/^status //p' | sort -u | tr '\n' ' ')
  [ "$st" = "33 " ] && ok "bench-kernel under -accel $m: status 33 ($breps runs)" ||
    bad "bench-kernel under -accel $m: status '${st:-none}' (want 33)"
  [ -n "$nhash" ] && [ "$(vals "bench-$m" hash cpu | tr '\n' ' ')" = "$nhash" ] &&
    ok "bench cpu under -accel $m: hashes as directly in the VM" ||
    bad "bench cpu under -accel $m: hashes '$(vals "bench-$m" hash cpu | tr '\n' ' ')', directly '$nhash'"
  [ -n "$nsum" ] && [ "$(vals "bench-$m" sum pf | tr '\n' ' ')" = "$nsum" ] &&
    ok "bench pf under -accel $m: sums as directly in the VM" ||
    bad "bench pf under -accel $m: sums '$(vals "bench-$m" sum pf | tr '\n' ' ')', directly '$nsum'"
done
section "bench-kaccel-$breps" | grep '^kaccel\|^main loop' | sed 's/^/     [guest] bench (one run): /'
[ -n "${KACCEL_BENCH_BASE:-}" ] && section "bench-kaccel-base-$breps" | grep '^kaccel\|^main loop' |
  sed 's/^/     [guest] bench base (one run): /'
for k in cpu pf; do
  d=$(vals bench-native us $k | median); a=$(vals bench-kaccel us $k | median)
  t=$(vals bench-tcg us $k | median)
  echo "     [guest] bench $k ($breps runs, medians): direct ${d:--} ms, kaccel ${a:--} ms" \
    "($(ratio "$a" "$d")x direct), tcg ${t:--} ms ($(ratio "$t" "$d")x direct," \
    "$(ratio "$t" "$a")x kaccel)"
  if [ -n "${KACCEL_BENCH_BASE:-}" ]; then
    b=$(vals bench-kaccel-base us $k | median)
    echo "     [guest] bench $k base ($breps runs, medians): kaccel-base ${b:--} ms" \
      "($(ratio "$b" "$d")x direct), kaccel / kaccel-base $(ratio "$a" "$b")"
  fi
done
for m in ${modes//,/ }; do
  t=$(section "time-$m")
  echo "     [guest] -accel $m: $(echo "$t" | tr '\n' ' ')"
  # (grep -q reads here-strings: in a pipeline under pipefail, its early
  # exit could fail the writer with SIGPIPE)
  if grep -q '^status 0$' <<<"$t"; then ok "-accel $m: boot, commands, reboot -f: status 0"
  else bad "-accel $m: status $(echo "$t" | sed -n 's/^status //p') (console: section console-$m of $out)"; fi
  grep -q '^@@DONE' <(section "console-$m") && ok "-accel $m: the guest's /init finished" ||
    bad "-accel $m: the guest's /init did not finish"
  # the values system-linux/drive.py checks, and the program's own output
  grep -Eq '^Linux \S+ 6\.1\.\S+-686' <<<"$(guest uname "$m")" && ok "-accel $m: uname -a" ||
    bad "-accel $m: uname -a: $(guest uname "$m" | head -n 1)"
  [ "$(guest shell "$m" | head -n 1)" = 2646700 ] && ok "-accel $m: shell computation" ||
    bad "-accel $m: shell computation: $(guest shell "$m" | head -n 1)"
  grep -q round-trip-42 <<<"$(guest tmpfs "$m")" && ok "-accel $m: tmpfs file" || bad "-accel $m: tmpfs file"
  [ -n "$native" ] && [ "$(guest prog "$m" | head -n 1)" = "$native" ] && ok "-accel $m: guest-prog as natively" ||
    bad "-accel $m: guest-prog: '$(guest prog "$m" | head -n 1)', natively '$native'"
  [ "$(guest dmesg-bad "$m" | head -n 1)" = 0 ] && ok "-accel $m: guest dmesg clean" ||
    bad "-accel $m: guest dmesg has BUG/Oops/WARNING lines"
done
# kaccel vs tcg: every command's output identical
if [ "$modes" = kaccel,tcg ]; then
  for c in uname cpuinfo shell tmpfs pipes prog dmesg-bad; do
    a=$(guest "$c" kaccel); b=$(guest "$c" tcg)
    if [ -n "$a" ] && [ "$a" = "$b" ]; then ok "kaccel = tcg: $c ($(echo "$a" | wc -l) lines)"
    else bad "kaccel = tcg: $c differs:"; diff <(echo "$b") <(echo "$a") | head -n 10 | sed 's/^/     /'; fi
  done
fi
# the module ran Linux's user code natively
if [[ ,$modes, == *,kaccel,* ]]; then
  section stats-kaccel | grep '^kaccel' | sed 's/^/     [guest] linux: /'
  entries=$(section stats-kaccel | sed -n 's/^kaccel module: [0-9]* runs, \([0-9]*\) entries.*/\1/p')
  [ "${entries:-0}" -gt 100 ] && ok "linux: native runs happened: $entries entries" ||
    bad "linux: native runs: '${entries:-no stats}' entries"
fi
finish
