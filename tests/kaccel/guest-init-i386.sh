#!/bin/sh
# /init of the i386 guest booted by mimic-system-i386 inside the kaccel
# test VM (tests/kaccel/guest.sh appends it to the initramfs that
# tests/guest/system-linux/prepare.sh builds): the shell commands of the
# system-linux suite and the CPU-bound program, each between markers, then
# reboot -f. kprog=N on the kernel command line: the program's rounds.
mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev 2>/dev/null
mount -t tmpfs tmpfs /tmp
rounds=1; quick=0
for a in $(cat /proc/cmdline); do
  case $a in kprog=*) rounds=${a#kprog=} ;; kquick=*) quick=${a#kquick=} ;; esac
done
run() {
  name=$1; shift
  echo "@@B $name"
  "$@" 2>&1
  echo "@@E $name status $?"
}
run uname uname -a
# kquick=1 (debugging): straight to the reboot
[ "$quick" = 1 ] && { echo "@@DONE"; reboot -f; }
# MHz and BogoMIPS are measured against the host's clock
run cpuinfo sh -c 'grep -v -i -e mhz -e bogomips /proc/cpuinfo'
run shell sh -c 'i=0; s=0; while [ $i -lt 200 ]; do s=$((s+i*i)); i=$((i+1)); done; echo $s'
run tmpfs sh -c 'echo round-trip-$((6*7)) >/tmp/f; cat /tmp/f; grep " /tmp " /proc/mounts'
run pipes sh -c 'seq 1 3000 | grep 7 | wc -l; ls / | sort | head -n 5'
run prog /guest-prog "$rounds"
# its time, for bench/kaccel.sh (not compared)
run prog-time sh -c "time /guest-prog $rounds >/dev/null"
run dmesg-bad sh -c 'dmesg | grep -c -E "BUG|Oops|WARNING|Call Trace"'
echo "@@DONE"
reboot -f
