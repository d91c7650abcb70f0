#!/usr/bin/env bash
# Real Debian i386 software (busybox, bash, coreutils, python3, sqlite3 from
# Debian's i386 packages, unpacked by scripts/i386-sysroot.sh) run natively
# and under mimic-i386 with both backends; stdout and exit status must match.
# Usage: run.sh BUILD_DIR [case...]   (MIMIC_SLOW=1 adds the long cases)
set -u
build=${1:-build}
shift || true
cd "$(dirname "$0")/../../.."
top=$PWD
case $build in /*) bdir=$build ;; *) bdir=$top/$build ;; esac
REAL_SUITE=i386-real
. tests/guest/i386-real/compare-lib.sh
REAL_OUT=$bdir/tests/guest/i386-real
mimic=$bdir/linux-user/bin/mimic-i386
R=$bdir/i386-root
T=$top/tests/guest/i386-real
mkdir -p "$REAL_OUT"

if [ ! -x "$mimic" ]; then
  echo "FAIL i386-real: $mimic is missing"
  echo "i386-real: 0 passed, 1 failed"
  exit 1
fi
if ! bash scripts/i386-sysroot.sh "$R" > "$REAL_OUT/sysroot.log" 2>&1; then
  echo "FAIL i386-real: scripts/i386-sysroot.sh $R failed: $(tail -3 "$REAL_OUT/sysroot.log" | tr '\n' ' ')"
  echo "i386-real: 0 passed, 1 failed"
  exit 1
fi

# Inputs shared by the cases, generated on the host (same bytes every run).
IN=$REAL_OUT/inputs
mkdir -p "$IN"
seq 1 4000 | awk '{ x = ($1 * 2654435761) % 4294967296; printf "%d %d %s word%d %x\n", $1, x % 100003, substr("abcdefghij", $1 % 10 + 1, 1) "grp", ($1 * 7) % 613, x }' \
  > "$IN/table.txt"
seq 1 20000 | awk '{ printf "%08x,%d,%s\n", ($1 * 2246822519) % 4294967296, ($1 * 7) % 1009, substr("zyxwvutsrq", $1 % 10 + 1, 3) }' \
  > "$IN/big.csv"
rm -rf "$IN/tree"
mkdir -p "$IN/tree/sub"
printf 'alpha\n' > "$IN/tree/a.txt"
seq 1 1000 > "$IN/tree/numbers"
printf '#!/bin/sh\necho hi\n' > "$IN/tree/script.sh"
head -c 5000 "$IN/big.csv" > "$IN/tree/sub/part.csv"
ln -sfn a.txt "$IN/tree/link"
chmod 644 "$IN/tree/a.txt" "$IN/tree/numbers" "$IN/tree/sub/part.csv"
chmod 755 "$IN/tree/script.sh" "$IN/tree/sub" "$IN/tree"
touch -h -d '2001-02-03 04:05:06 UTC' "$IN/tree/a.txt" "$IN/tree/link"
touch -d '1999-12-31 23:59:59 UTC' "$IN/tree/numbers"
touch -d '2020-06-15 12:00:00 UTC' "$IN/tree/script.sh" "$IN/tree/sub/part.csv"
touch -d '2010-10-10 10:10:10 UTC' "$IN/tree/sub" "$IN/tree"
export R T IN

# RUN runs a dynamic program of the sysroot, RUNS a static one; both with a
# fixed environment.
suite_env() {
  local env=(env -i LC_ALL=C TZ=UTC PATH=/usr/bin:/bin HOME=/nonexistent)
  case $1 in
    ref)
      RUN="${env[*]} $R/lib/ld-linux.so.2 --library-path $R/lib/i386-linux-gnu:$R/usr/lib/i386-linux-gnu"
      RUNS="${env[*]}" ;;
    *)
      RUN="${env[*]} $mimic -backend $1 -L $R"
      RUNS="${env[*]} $mimic -backend $1" ;;
  esac
  export RUN RUNS
}

# busybox-static applets.
real_case fast bb-sh '$RUNS $R/bin/busybox sh $T/prog-busybox.sh; echo "script exit $?"; $RUNS $R/bin/busybox sh -c "for i in 1 2 3; do echo c\$i; done | busybox wc -l; x=\$((6*7)); echo \${x}; exit 4"; echo "sh -c exit $?"'
real_case fast bb-awk '$RUNS $R/bin/busybox awk -f $T/prog.awk $IN/table.txt'
real_case fast bb-sed '$RUNS $R/bin/busybox sed -n -e "s/\([0-9]*\) \([0-9]*\) \(.\)grp/\3:\2:\1/p" -e "/word6[0-9]\b/d" $IN/table.txt | $RUNS $R/bin/busybox tail -n 40'
real_case fast bb-sort '$RUNS $R/bin/busybox sort -t, -k2,2n -k1,1r $IN/big.csv | $RUNS $R/bin/busybox md5sum'
real_case fast bb-text '$RUNS $R/bin/busybox md5sum $IN/big.csv $IN/table.txt | cut -c1-32; $RUNS $R/bin/busybox tr "a-f0-9" "A-Fa-j" < $IN/table.txt | $RUNS $R/bin/busybox tail -n 5; $RUNS $R/bin/busybox wc $IN/big.csv $IN/table.txt | sed "s|/.*/||"; $RUNS $R/bin/busybox printf "%5d|%-5s|%x|%o|%c|%.3f|%s\n" 42 ab 255 8 Z 2.71828 "$($RUNS $R/bin/busybox echo -n nested)"'
# bash.
real_case fast bash '$RUN $R/bin/bash $T/prog.bash'
# coreutils.
real_case fast cu-sort '$RUN $R/usr/bin/sort -t, -k2,2n -k3,3 -k1,1 $IN/big.csv > sorted.csv; echo "sort exit $?"; $RUN $R/usr/bin/sha256sum sorted.csv; $RUN $R/usr/bin/head -n 3 sorted.csv; $RUN $R/usr/bin/sort -u -t, -k3,3 $IN/big.csv | $RUN $R/usr/bin/wc -l; $RUN $R/usr/bin/sort -rn -k2 $IN/table.txt | $RUN $R/usr/bin/head -n 4'
real_case fast cu-sum '$RUN $R/usr/bin/sha256sum $IN/big.csv $IN/table.txt | sed "s|/.*/||"; $RUN $R/usr/bin/md5sum < $IN/big.csv; $RUN $R/usr/bin/sha1sum < $IN/table.txt; $RUN $R/usr/bin/b2sum < $IN/table.txt; $RUN $R/usr/bin/cksum < $IN/big.csv'
real_case fast cu-ls 'cd $IN/tree && $RUN $R/bin/ls -l --time-style=+%Y-%m-%d_%H:%M:%S . sub && $RUN $R/bin/ls -lRn --time-style=+ -a . | sed "s/^total [0-9]*/total/" && $RUN $R/bin/ls -1S && $RUN $R/bin/ls -t --full-time -u . >/dev/null; $RUN $R/bin/ls -1t'
real_case fast cu-text '$RUN $R/usr/bin/cut -d" " -f2,4 $IN/table.txt | $RUN $R/usr/bin/tr a-z A-Z | $RUN $R/usr/bin/sort | $RUN $R/usr/bin/uniq -c | $RUN $R/usr/bin/sort -k1,1nr -k2 | $RUN $R/usr/bin/head -n 8; $RUN $R/usr/bin/seq -w 1 3 20 | $RUN $R/usr/bin/tr "\n" " "; echo; $RUN $R/usr/bin/seq 0.5 0.25 2; $RUN $R/usr/bin/expr 123456789 \* 1000 % 97; $RUN $R/usr/bin/expr length "hello world"; $RUN $R/usr/bin/expr match abc123 "[a-z]*"; $RUN $R/bin/date -d @0 -u; $RUN $R/bin/date -u -d @1234567890 +%Y-%m-%dT%H:%M:%S%z_%j_%a; $RUN $R/bin/date -u -d "2024-02-28 +2 days" +%F; $RUN $R/usr/bin/factor 600851475143 4294967297; $RUN $R/usr/bin/od -An -tx1 -N16 $IN/big.csv; $RUN $R/usr/bin/base64 -w 60 $IN/tree/sub/part.csv | $RUN $R/usr/bin/tail -n 2; $RUN $R/usr/bin/tac $IN/tree/a.txt $IN/tree/script.sh; $RUN $R/usr/bin/nl -ba $IN/tree/script.sh; $RUN $R/usr/bin/paste -d: $IN/tree/a.txt $IN/tree/a.txt'
# python3.
# libgmp picks its MMX code by CPUID family/model (6/3 is a Pentium II):
# gawk -M and factor above 128 bits use it (they died with SIGILL before
# Mimic had MMX).
real_case fast gmp-mmx '$RUN $R/usr/bin/gawk -M "BEGIN { x = 2^200 + 7; print x, x % 1000003; print 3^150 / 7^20; y = 1; for (i = 1; i <= 60; i++) y *= i; print y, y % 999983 }"; echo "gawk exit $?"; $RUN $R/usr/bin/factor 908446105665663990054238266382811111604316204327558918212845908896251904 | $RUN $R/usr/bin/md5sum'
real_case fast python '$RUN $R/usr/bin/python3.11 $T/prog.py'
real_case fast python-sys '$RUN $R/usr/bin/python3.11 $T/prog-sys.py'
real_case fast python-os '$RUN $R/usr/bin/python3.11 $T/prog-threads.py arg1 "arg 2"'
# sqlite3 on a file database.
real_case fast sqlite '$RUN $R/usr/bin/sqlite3 -batch test.db < $T/prog.sql; echo "exit $?"; $RUN $R/usr/bin/sqlite3 test.db "SELECT count(*), sum(salary) FROM emp; PRAGMA page_count;"'
# Slow ones: the benchmark workloads through the Debian binaries.
real_case slow sqlite-bench '$RUN $R/usr/bin/sqlite3 :memory: < '"$top"'/bench/workloads/bench.sql'
real_case slow python-bench '$RUN $R/usr/bin/python3.11 -c "
import hashlib, json, re, zlib
d = {str(i): [i * i, str(i)[::-1]] for i in range(60000)}
s = json.dumps(d, sort_keys=True)
print(len(s), hashlib.sha256(s.encode()).hexdigest())
print(len(zlib.compress(s.encode(), 9)), len(re.findall(r\"\\d{3}5\", s)))
print(sum(sorted(v[0] % 1000003 for v in json.loads(s).values())[::1000]))
"'
real_case slow bash-bench '$RUN $R/bin/bash -c "s=0; for ((i=0;i<40000;i++)); do (( s = (s * 31 + i) % 1000003 )); done; echo \$s; a=(); for i in {1..5000}; do a+=(\$((i*i%97))); done; echo \${#a[@]} \${a[4999]}"'
real_case slow xz-bz2-gz '$RUN $R/usr/bin/xz -6 -c $IN/big.csv > big.xz; $RUN $R/usr/bin/xz -dc big.xz | $RUN $R/usr/bin/sha256sum; $RUN $R/bin/bzip2 -9 -c $IN/big.csv | $RUN $R/usr/bin/sha256sum; $RUN $R/bin/gzip -9 -n -c $IN/big.csv | $RUN $R/usr/bin/sha256sum; $RUN $R/usr/bin/sha256sum < big.xz'

real_run_all "$@"
