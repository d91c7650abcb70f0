# Bash workload for the i386-real suite: functions, recursion, arrays,
# associative arrays, arithmetic, string operations, here-docs, subshells,
# pipes and command substitution (forks); prints only values.
set -u
echo "== functions"
fact() { local n=$1; if (( n <= 1 )); then echo 1; else echo $(( n * $(fact $((n - 1))) )); fi; }
fib() { local a=0 b=1 i; for (( i = 0; i < $1; i++ )); do (( b = a + b, a = b - a )); done; echo $a; }
echo "fact 12 = $(fact 12); fib 60 = $(fib 60)"
hanoi() { local n=$1 from=$2 to=$3 via=$4; (( n == 0 )) && return; hanoi $((n-1)) $from $via $to; moves=$((moves+1)); hanoi $((n-1)) $via $to $from; }
moves=0; hanoi 8 A C B; echo "hanoi 8: $moves moves"
ret() { return $(( $1 % 256 )); }; ret 300; echo "return status $?"

echo "== arrays"
arr=(zero one two "three four" five)
arr+=(six); arr[10]=ten
echo "count ${#arr[@]} indices ${!arr[*]} slice ${arr[@]:2:3} last ${arr[-1]}"
for w in "${arr[@]}"; do printf '[%s]' "$w"; done; echo
unset 'arr[1]'; echo "after unset: ${arr[*]}"
declare -A color=([apple]=red [banana]=yellow [grape]=purple [kiwi]=green)
color[lime]=green
for k in $(printf '%s\n' "${!color[@]}" | sort); do echo "  $k -> ${color[$k]}"; done
n=0; for v in "${color[@]}"; do [[ $v == green ]] && n=$((n+1)); done; echo "green: $n"
declare -a sq; for i in {1..15}; do sq[i]=$((i*i)); done; echo "squares ${sq[*]}"
sorted=($(printf '%s\n' 42 7 19 3 88 23 | sort -n)); echo "sorted ${sorted[*]}"

echo "== arithmetic"
echo $(( 2**31 - 1 )) $(( -2**63 )) $(( 7 / -2 )) $(( -7 % 3 )) $(( 0x7f ^ 0x0f )) $(( 1 << 40 )) $(( ~5 )) $(( 8#777 )) $(( 2#101101 )) $(( 36#zz ))
x=5; (( x += 3, x *= 2, x-- )); echo "x=$x pre=$((++x)) cond=$(( x > 10 ? 100 : 200 ))"
sum=0; for (( i = 1; i <= 1000; i++ )); do (( i % 3 == 0 || i % 5 == 0 )) && (( sum += i )); done; echo "euler1 $sum"
collatz() { local n=$1 s=0; while (( n != 1 )); do (( n % 2 )) && n=$((3*n+1)) || n=$((n/2)); ((s++)); done; echo $s; }
best=0; bi=0; for i in $(seq 1 80); do c=$(collatz $i); (( c > best )) && { best=$c; bi=$i; }; done; echo "collatz max up to 80: $bi ($best steps)"

echo "== strings"
s="The Quick Brown Fox Jumps Over The Lazy Dog"
echo "len ${#s} upper ${s^^} lower ${s,,}"
echo "sub ${s:4:5} neg ${s: -8} repl ${s//The/A} first ${s/o/0} prefix ${s#* } suffix ${s% *} greedy ${s##* } ${s%% *}"
f=/usr/local/lib/archive.tar.gz; echo "base ${f##*/} dir ${f%/*} ext ${f#*.} stem ${f%%.*}"
unset nope; echo "default ${nope:-dflt} alt ${s:+set}"
[[ "abc123def" =~ ^([a-z]+)([0-9]+)([a-z]+)$ ]] && echo "regex ${BASH_REMATCH[2]} ${BASH_REMATCH[3]} ${#BASH_REMATCH[@]}"
[[ foo.c == *.c ]] && echo "glob match"; case "x-y-z" in *-y-*) echo "case hit";; *) echo "case miss";; esac
printf '%5d|%-6s|%x|%o|%e|%s\n' 42 ab 255 8 12345.678 "$(printf '%q' 'a b$c')"
rev=""; t="palindrome"; for (( i=${#t}-1; i>=0; i-- )); do rev+=${t:i:1}; done; echo "rev $rev"
IFS=: read -r a b c <<< "one:two:three:four"; echo "read a=$a b=$b c=$c"

echo "== here-docs"
name=world
cat <<EOF
hello $name, $(( 6 * 7 )) and $(echo nested)
	tab kept
EOF
cat <<'EOF'
literal $name $(not run)
EOF
cat <<-EOF
	stripped tabs $name
	EOF
while read -r k v; do echo "kv $k=$v"; done <<EOF
alpha 1
beta 22
gamma 333
EOF

echo "== subshells and pipes"
v=outer; (v=inner; echo "in subshell $v"); echo "after subshell $v"
echo "pid-free subshell exit: $( (exit 7); echo $? )"
seq 1 50 | grep 7 | tr '\n' ' '; echo
printf '%s\n' banana apple cherry apple banana apple | sort | uniq -c | sort -rn | head -2
count=0; while read -r line; do count=$((count + ${#line})); done < <(seq 1 200); echo "process substitution chars $count"
{ echo a; echo b; echo c; } | { read x; read y; echo "group $y$x"; }
echo "pipestatus: $(false | true | (exit 3); echo "${PIPESTATUS[@]}")"
out=$(for i in 1 2 3; do echo "line $i"; done | wc -l); echo "lines $out"
tmp=$(mktemp -d ./bash.XXXXXX); for i in 3 1 2; do echo "file $i" > "$tmp/f$i.txt"; done
cat "$tmp"/f*.txt; ls "$tmp" | tr '\n' ' '; echo; rm -r "$tmp"
trap 'echo "got USR1"' USR1; kill -USR1 $$; trap - USR1
sleep 30 & bg=$!; kill -TERM $bg; wait $bg; echo "background job status $?"
( trap 'echo "subshell got HUP"; exit 4' HUP; kill -HUP $BASHPID; echo unreachable ); echo "subshell status $?"
trap 'echo "trap on exit"' EXIT
f() { echo "in f: $#:$*"; shift 2; echo "after shift: $*"; }; f a b c d
set -- x y z; echo "positional $# $2 ${@: -1}"
echo "done"
exit 3
