# busybox sh workload for the i386-real suite: shell arithmetic, loops,
# functions and pipelines through busybox's own applets.
set -e
i=0; s=0
while [ $i -lt 200 ]; do s=$((s + i * i)); i=$((i + 1)); done
echo "sum of squares $s"
f() { echo "f($*) -> $(( $1 * $2 ))"; }
f 6 7
for w in delta alpha charlie bravo; do echo $w; done | busybox sort | busybox tr 'a-z' 'A-Z' | busybox head -3
busybox seq 1 100 | busybox awk '{ t += $1; if ($1 % 10 == 0) printf "%d:%d ", $1, t } END { print "" }'
busybox printf '%s=%d\n' one 1 two 2 | busybox sed -e 's/=/ is /' -e '/two/s/^/:: /'
echo "hello busybox" | busybox md5sum
x=$(busybox expr 17 \* 3 + 2); echo "expr $x"
case "$x" in 5*) echo "starts with 5";; *) echo other;; esac
busybox basename /a/b/c.txt .txt; busybox dirname /a/b/c.txt
echo "a:b:c" | busybox cut -d: -f2,3
busybox echo "done"
