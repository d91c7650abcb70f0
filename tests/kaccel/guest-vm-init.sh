#!/bin/sh
# /init of the amd64 VM of the kaccel real-guest test (tests/kaccel/
# guest.sh): loads the module, runs the CPU-bound program natively and
# the bare-metal test kernels in /bm under -accel kaccel, the speed
# measurement of /bench (directly, -accel kaccel, -accel tcg), then boots
# Debian's i386 kernel with mimic-system-i386 under each accelerator named
# by kmodes= (kaccel,tcg; none by default), and writes everything to ttyS1
# between KG-FILE / KG-END lines. Times: busybox time, /proc/uptime.
/bin/mount -t proc proc /proc
/bin/mount -t sysfs sys /sys
/bin/mount -t devtmpfs dev /dev
/bin/mount -t tmpfs tmp /tmp
exec >/dev/ttyS1 2>&1
rounds=1; modes=""; limit=0; debug=0; quick=0
for a in $(cat /proc/cmdline); do
  case $a in
    kprog=*) rounds=${a#kprog=} ;;
    kmodes=*) modes=$(echo "${a#kmodes=}" | tr , ' ') ;;
    klimit=*) limit=${a#klimit=} ;;
    kdebug=*) debug=${a#kdebug=} ;;
    kquick=*) quick=${a#kquick=} ;;
  esac
done
if insmod /kaccel.ko; then echo "KG: insmod ok"; else echo "KG: insmod failed"; fi
echo "KG-FILE native"
time /guest-prog "$rounds"
echo "KG-END"
# the bare-metal kernels of tests/system/i386 under -accel kaccel
for k in /bm/k-*; do
  [ -f "$k" ] || continue
  echo "KG-FILE bm-${k##*/}"
  { /mimic/mimic-system-i386 -accel kaccel -cpu max -m 64 -kernel "$k" -display none \
      -serial stdio -no-reboot -device isa-debug-exit,iobase=0xf4,iosize=0x04 \
      -d stats -D /tmp/bm-stats.txt </dev/null; echo $? >/tmp/bm-status; } | tr -d '\r'
  echo "status $(cat /tmp/bm-status)"
  cat /tmp/bm-stats.txt
  echo "KG-END"
done
# the speed measurement (bench-native.c, bench-kernel.c): the same loops
# directly in the VM, then as guest ring-3 code under each accelerator,
# one run of each per round, so that a change of the host's load touches
# all three alike
if [ -f /bench/params ]; then
  read -r bpasses breps bpages </bench/params
  r=1
  while [ "$r" -le "$breps" ]; do
    echo "KG-FILE bench-native-$r"
    /bench/bench-native "$bpasses" 1 "$bpages"
    echo "KG-END"
    for m in $(cat /bench/modes); do
      echo "KG-FILE bench-$m-$r"
      bin=/mimic/mimic-system-i386
      [ "$m" = kaccel-base ] && bin=/mimic-base/mimic-system-i386
      { $bin -accel "${m%-base}" -cpu max -m 64 -kernel /bench/bench-kernel \
          -display none -serial stdio -no-reboot -device isa-debug-exit,iobase=0xf4,iosize=0x04 \
          -d stats -D /tmp/bench-stats.txt </dev/null; echo $? >/tmp/bench-status; } | tr -d '\r'
      echo "status $(cat /tmp/bench-status)"
      cat /tmp/bench-stats.txt
      echo "KG-END"
    done
    r=$((r + 1))
  done
fi
for m in $modes; do
  # the guest's console (serial on stdout) straight to ttyS1
  echo "KG-FILE console-$m"
  t0=$(cut -d' ' -f1 /proc/uptime)
  # klimit=S: each Linux run at most S seconds (a hang must not eat the
  # other's time); kdebug=1: with -d int, whose last lines are printed
  lim=""; dflags=stats
  [ "$limit" -gt 0 ] && lim="timeout -s INT $limit"
  [ "$debug" = 1 ] && dflags=stats,int
  { $lim /mimic/mimic-system-i386 -accel "$m" -m 128 -kernel /i386/vmlinuz \
      -initrd /i386/initrd.gz -append "console=ttyS0 kprog=$rounds kquick=$quick" \
      -display none -serial stdio -no-reboot -d $dflags -D "/tmp/stats-$m.txt" \
      </dev/null; echo $? >"/tmp/status-$m"; } | tr -d '\r'
  t1=$(cut -d' ' -f1 /proc/uptime)
  echo "KG-END"
  echo "KG-FILE time-$m"
  echo "status $(cat "/tmp/status-$m")"
  echo "seconds $t0 $t1" | awk '{printf "seconds %.2f\n", $3 - $2}'
  echo "KG-END"
  echo "KG-FILE stats-$m"
  if [ "$debug" = 1 ]; then grep -v "^kaccel: exit\|^exception" "/tmp/stats-$m.txt"
    echo "last lines of -d int:"; tail -n 60 "/tmp/stats-$m.txt"
  else cat "/tmp/stats-$m.txt"; fi
  echo "KG-END"
done
echo "KG-DONE"
/bin/poweroff -f
