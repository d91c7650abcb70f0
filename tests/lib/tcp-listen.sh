# Shell functions for suites that start a program listening on a TCP port
# (the gdb stubs). Source it: . tests/lib/tcp-listen.sh

# tcp_wait_listen PID PORT [TRIES]: waits (TRIES x 50 ms, default 100)
# until something listens on PORT (IPv4) or process PID has ended; true if
# PID is still running then.
tcp_wait_listen() {
  local pid=$1 hexport
  hexport=$(printf '%04X' "$2")
  for _ in $(seq "${3:-100}"); do
    grep -q ":$hexport 00000000:0000 0A" /proc/net/tcp && break
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.05
  done
  kill -0 "$pid" 2>/dev/null
}
