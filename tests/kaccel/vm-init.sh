#!/bin/sh
# /init of the kaccel test VM (tests/kaccel/run.sh): loads the module,
# runs the tests, checks unloading and the kernel log, powers off.
/bin/mount -t proc proc /proc
/bin/mount -t sysfs sys /sys
/bin/mount -t devtmpfs dev /dev
# The results go to the second serial port, apart from the kernel's
# console messages (NMI reports would otherwise cut lines in two).
exec >/dev/ttyS1 2>&1
iter=2000
for a in $(cat /proc/cmdline); do
  case $a in kaccel_iter=*) iter=${a#kaccel_iter=} ;; esac
done
pins() { awk '/nr_foll_pin_acquired/ {a=$2} /nr_foll_pin_released/ {r=$2} END {print a-r}' /proc/vmstat; }
pins0=$(pins)
# What this CPU gives the host kernel (the matrix's reason to exist).
feat=""
for f in smep smap umip la57 pti pcid cpuid_fault xsave; do
  grep -qw "$f" /proc/cpuinfo && feat="$feat $f"
done
echo "KT: info - host CPU features:$feat"
if insmod /kaccel.ko; then echo "KT: ok - insmod"; else echo "KT: FAIL - insmod"; fi
/kaccel-test --iterations "$iter"
/kaccel-test --hold 4 &
sleep 2
if rmmod kaccel 2>/dev/null; then
  echo "KT: FAIL - rmmod-refused-while-open: it unloaded"
else
  echo "KT: ok - rmmod-refused-while-open"
fi
wait
if rmmod kaccel; then echo "KT: ok - rmmod"; else echo "KT: FAIL - rmmod"; fi
if dmesg | grep -q "kaccel: unloaded, 0 pages outstanding"; then
  echo "KT: ok - no-page-leak"
else
  echo "KT: FAIL - no-page-leak: $(dmesg | grep 'kaccel: unloaded')"
fi
if [ "$(pins)" = "$pins0" ]; then
  echo "KT: ok - pins-released"
else
  echo "KT: FAIL - pins-released: $pins0 before, $(pins) after"
fi
bad=$(dmesg | grep -E "BUG|WARNING|Oops|Call Trace|general protection|kaccel: vector|segfault|traps:" | head -5)
if [ -z "$bad" ]; then
  echo "KT: ok - dmesg-clean"
else
  echo "KT: FAIL - dmesg-clean: $bad"
fi
n=$(dmesg | grep -c "NMI received for unknown reason")
if [ "$n" -gt 0 ]; then
  echo "KT: ok - nmis-reached-the-host: $n"
else
  echo "KT: FAIL - nmis-reached-the-host: none"
fi
echo KT-DONE
/bin/poweroff -f
