#!/usr/bin/env bash
# The startup-dominated workload of bench/run.sh: a few hundred short
# processes of Debian's i386 coreutils, bash and python3 (the sysroot of
# scripts/i386-sysroot.sh), each started by this host shell through the
# command prefix RUN (native ld.so, mimic-i386 -L or qemu-i386 -L), the way
# a build or test script runs tools under an emulator.
# Usage: RUN="prefix..." startup.sh SYSROOT WORKDIR
set -u
R=$1
W=$2
mkdir -p "$W"
cd "$W" || exit 1
seq 1 300 | awk '{ printf "%d %x item-%d\n", $1, $1 * 2654435761 % 4294967296, $1 % 37 }' > in.txt
for i in $(seq 1 25); do
  $RUN "$R/bin/echo" "round $i"
  $RUN "$R/bin/cat" in.txt | $RUN "$R/usr/bin/sort" -k3,3 -k1,1n | $RUN "$R/usr/bin/head" -n 2
  $RUN "$R/usr/bin/cut" -d' ' -f3 in.txt | $RUN "$R/usr/bin/uniq" -c | $RUN "$R/usr/bin/wc" -l
  $RUN "$R/usr/bin/expr" "$i" \* 7 + 3
  $RUN "$R/bin/ls" "$R/usr/lib/python3.11/json"
  $RUN "$R/usr/bin/sha256sum" in.txt
  $RUN "$R/bin/bash" -c 'x=0; for ((k=0;k<200;k++)); do x=$(( (x * 7 + k) % 1009 )); done; echo "bash $x"'
  if [ $((i % 5)) -eq 0 ]; then
    $RUN "$R/usr/bin/python3.11" -c 'pass'
    $RUN "$R/usr/bin/python3.11" -c "import sys; print('python', $i, sys.version_info[:2])"
  fi
done
