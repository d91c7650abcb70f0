# Shared runner of the real-software suites (sourced by i386-real/run.sh and
# ppc-real/run.sh): each case is a shell snippet run once per mode (the
# reference, then Mimic's jit and interp backends) in a fresh directory;
# stdout and exit status of every Mimic mode must equal the reference's.
#
# The suite defines suite_env MODE (exports the variables its snippets use,
# e.g. RUN = the command prefix that runs a guest program in that mode),
# then calls real_case TIER NAME SNIPPET for each case (TIER fast or slow:
# slow cases run only with MIMIC_SLOW=1, and get REAL_TIMEOUT_SLOW seconds
# instead of REAL_TIMEOUT per mode), real_known NAME TEXT for a bug
# that is reported (the case still FAILs), and finally real_run_all. An
# optional real_extra_checks IDX... runs after the cases and adds to the
# counts through REAL_EXTRA_PASS/REAL_EXTRA_FAIL.

REAL_NAMES=()
REAL_SCRIPTS=()
REAL_TIERS=()
declare -A REAL_KNOWN=()
REAL_MODES=(ref jit interp)
REAL_TIMEOUT=${REAL_TIMEOUT:-300}
REAL_TIMEOUT_SLOW=${REAL_TIMEOUT_SLOW:-1500}

real_case() {
  REAL_TIERS+=("$1")
  REAL_NAMES+=("$2")
  REAL_SCRIPTS+=("$3")
}

real_known() { REAL_KNOWN[$1]=$2; }

# Runs case IDX in MODE; leaves NAME.MODE.{out,err,rc,time} in $REAL_OUT.
real_run_mode() {
  local idx=$1 mode=$2
  local name=${REAL_NAMES[$idx]}
  local dir=$REAL_OUT/run/$name.$mode
  local tmo=$REAL_TIMEOUT
  [ "${REAL_TIERS[$idx]}" = slow ] && tmo=$REAL_TIMEOUT_SLOW
  rm -rf "$dir"
  mkdir -p "$dir"
  ( suite_env "$mode"; cd "$dir" &&
    exec /usr/bin/time -f "%e %U %S" -o "$REAL_OUT/$name.$mode.rusage" \
      timeout "$tmo" bash -c "${REAL_SCRIPTS[$idx]}" ) \
    < /dev/null > "$REAL_OUT/$name.$mode.out" 2> "$REAL_OUT/$name.$mode.err"
  echo $? > "$REAL_OUT/$name.$mode.rc"
  # Wall seconds / CPU seconds (user+sys, children included).
  awk '/^[0-9.]+ [0-9.]+ [0-9.]+$/ { printf "%.1fs/cpu %.1fs\n", $1, $2 + $3; ok = 1 }
       END { if (!ok) print "?" }' "$REAL_OUT/$name.$mode.rusage" > "$REAL_OUT/$name.$mode.time"
}

# Prints the verdict line of case IDX; returns 0 on PASS.
real_verdict() {
  local idx=$1
  local name=${REAL_NAMES[$idx]}
  local o=$REAL_OUT/$name
  local want lines sum verdict=PASS detail
  want=$(cat "$o.ref.rc")
  lines=$(wc -l < "$o.ref.out")
  sum=$(sha256sum < "$o.ref.out" | cut -c1-12)
  detail="[${REAL_MODES[0]}: $lines lines, sha256 $sum, exit $want, $(cat "$o.ref.time")]"
  if [ "$want" -eq 124 ]; then
    verdict=FAIL
    detail="$detail (the reference run timed out)"
  fi
  local m got
  for m in "${REAL_MODES[@]:1}"; do
    got=$(cat "$o.$m.rc")
    if [ "$got" -ne "$want" ] || ! cmp -s "$o.ref.out" "$o.$m.out"; then
      verdict=FAIL
      local first
      first=$(cmp "$o.ref.out" "$o.$m.out" 2>&1 | head -1 | sed "s|^.*: ||" | cut -c1-80)
      local diffl
      diffl=$(diff -a "$o.ref.out" "$o.$m.out" 2>/dev/null | grep -a '^[<>]' | head -2 | tr '\n' ' ' | cut -c1-160)
      detail="$detail [$m: exit $got, $(wc -l < "$o.$m.out") lines, $(cat "$o.$m.time"); ${first:-same output}; $diffl; stderr: $(tail -c 200 "$o.$m.err" | tr '\n' ' ')]"
    else
      detail="$detail [$m: same, exit $got, $(cat "$o.$m.time")]"
    fi
  done
  local known=""
  if [ "$verdict" = FAIL ] && [ -n "${REAL_KNOWN[$name]:-}" ]; then
    known=" (known bug, reported: ${REAL_KNOWN[$name]})"
  fi
  echo "$verdict $REAL_SUITE/$name:$known $detail"
  [ "$verdict" = PASS ]
}

# Runs the selected cases (all fast ones, plus slow ones under MIMIC_SLOW=1,
# or the names given as arguments) with MIMIC_JOBS parallel runs; prints a
# verdict per case, the description of each snippet, and the summary line.
real_run_all() {
  local jobs=${MIMIC_JOBS:-2} sel=() skipped=() i
  for i in "${!REAL_NAMES[@]}"; do
    if [ $# -gt 0 ]; then
      local a
      for a in "$@"; do [ "$a" = "${REAL_NAMES[$i]}" ] && sel+=("$i"); done
    elif [ "${REAL_TIERS[$i]}" = fast ] || [ "${MIMIC_SLOW:-0}" = 1 ]; then
      sel+=("$i")
    else
      skipped+=("${REAL_NAMES[$i]}")
    fi
  done
  local running=0 m
  for i in "${sel[@]}"; do
    for m in "${REAL_MODES[@]}"; do
      real_run_mode "$i" "$m" &
      running=$((running + 1))
      if [ $running -ge "$jobs" ]; then
        wait -n
        running=$((running - 1))
      fi
    done
  done
  wait
  local pass=0 fail=0
  for i in "${sel[@]}"; do
    echo "--- $REAL_SUITE/${REAL_NAMES[$i]}: $(echo "${REAL_SCRIPTS[$i]}" | tr -s ' \n' ' ' | cut -c1-220)"
    if real_verdict "$i"; then pass=$((pass + 1)); else fail=$((fail + 1)); fi
  done
  if declare -F real_extra_checks > /dev/null; then
    REAL_EXTRA_PASS=0
    REAL_EXTRA_FAIL=0
    real_extra_checks "${sel[@]}"
    pass=$((pass + REAL_EXTRA_PASS))
    fail=$((fail + REAL_EXTRA_FAIL))
  fi
  [ ${#skipped[@]} -gt 0 ] && echo "(slow cases not run, MIMIC_SLOW=1 runs them: ${skipped[*]})"
  echo "$REAL_SUITE: $pass passed, $fail failed"
  [ $fail -eq 0 ]
}
