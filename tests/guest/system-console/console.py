#!/usr/bin/env python3
"""The console cases of the system-console suite, on one emulator: the echo
guest (echo.S) over a pipe, -serial file:, -debugcon, isa-debug-exit's
status, and the -nographic Ctrl-A keys on a pseudo-terminal (the terminal
mode restored at exit). Prints PASS/FAIL lines and 'RESULT p f'.
With BIOS (bios.S): -bios starts the image at the reset vector in real
mode, through its alias below 1 MiB.
Usage: console.py LABEL GUEST BIOS WORKDIR -- EMULATOR..."""
import os
import pty
import select
import subprocess
import sys
import termios
import time

label, guest, bios, work = sys.argv[1:5]
emu = sys.argv[sys.argv.index("--") + 1:]
is_mimic = "mimic" in os.path.basename(emu[0])
passed = failed = 0
TIMEOUT = 20


def check(name, ok, detail=""):
    global passed, failed
    if ok:
        passed += 1
        print("PASS %s: %s" % (label, name))
    else:
        failed += 1
        print("FAIL %s: %s: %s" % (label, name, detail))


def read_until(fd, want, timeout, buf=b""):
    end = time.monotonic() + timeout
    while want not in buf and time.monotonic() < end:
        r, _, _ = select.select([fd], [], [], 0.2)
        if r:
            try:
                data = os.read(fd, 4096)
            except OSError:
                break
            if not data:
                break
            buf += data
    return buf


def run_pipe(extra, send_after=b"hello from the guest", text=b"abcq"):
    """Runs the guest with stdin/stdout as pipes; sends text once the
    output shows send_after. Returns (status, stdout)."""
    p = subprocess.Popen(emu + ["-kernel", guest, "-no-reboot"] + extra,
                         stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                         stderr=subprocess.DEVNULL)
    out = read_until(p.stdout.fileno(), send_after, TIMEOUT) if send_after else b""
    p.stdin.write(text)
    p.stdin.flush()
    try:
        rest, _ = p.communicate(timeout=TIMEOUT)
    except subprocess.TimeoutExpired:
        p.kill()
        rest, _ = p.communicate()
    return p.returncode, out + rest


# 1. Serial over a pipe, echo, isa-debug-exit (0x21 -> status 0x43).
st, out = run_pipe(["-nographic"])
check("serial output over a pipe", out.endswith(b"hello from the guest\r\nabc"), repr(out[-80:]))
check("isa-debug-exit status (0x21 << 1) | 1 = 67", st == 67, "status %s" % st)

# 2. -serial file: and -debugcon file:.
sfile, dfile = os.path.join(work, label + ".serial"), os.path.join(work, label + ".debugcon")
for f in (sfile, dfile):
    if os.path.exists(f):
        os.unlink(f)
p = subprocess.Popen(emu + ["-kernel", guest, "-no-reboot", "-display", "none",
                            "-serial", "file:" + sfile, "-debugcon", "file:" + dfile],
                     stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
end = time.monotonic() + TIMEOUT
while time.monotonic() < end and not (os.path.exists(dfile) and os.path.getsize(dfile) > 0):
    time.sleep(0.1)
time.sleep(0.2)
p.kill()
out, _ = p.communicate()
serial = open(sfile, "rb").read() if os.path.exists(sfile) else b""
check("-serial file:PATH", serial.endswith(b"hello from the guest\r\n"), repr(serial[-60:]))
check("-debugcon file:PATH", open(dfile, "rb").read() == b"D" if os.path.exists(dfile) else False)

# 3. -bios: the reset vector, real mode, the ROM's alias below 1 MiB.
p = subprocess.Popen(emu + ["-bios", bios, "-nographic", "-no-reboot"], stdin=subprocess.DEVNULL,
                     stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
try:
    out, _ = p.communicate(timeout=TIMEOUT)
except subprocess.TimeoutExpired:
    p.kill()
    out, _ = p.communicate()
check("-bios: reset vector to the ROM alias, COM1", out.endswith(b"bios ok\r\n"), repr(out[-60:]))
check("-bios: isa-debug-exit status 0x21", p.returncode == 0x21, "status %s" % p.returncode)

# 4. -nographic on a terminal: Ctrl-A h lists the keys, Ctrl-A Ctrl-A sends
# one Ctrl-A (echoed back by the guest), Ctrl-A x quits with status 0; the
# terminal's mode is the same afterwards.
if is_mimic:
    master, slave = pty.openpty()
    before = termios.tcgetattr(slave)
    p = subprocess.Popen(emu + ["-kernel", guest, "-nographic", "-no-reboot"],
                         stdin=slave, stdout=slave, stderr=slave, close_fds=True)
    buf = read_until(master, b"hello from the guest", TIMEOUT)
    os.write(master, b"\x01h")
    buf = read_until(master, b"exit emulator", TIMEOUT, buf)
    check("Ctrl-A h lists the keys", b"C-a x" in buf and b"exit emulator" in buf, repr(buf[-200:]))
    os.write(master, b"z\x01\x01y")
    buf = read_until(master, b"z\x01y", TIMEOUT, buf)
    check("Ctrl-A Ctrl-A sends Ctrl-A", b"z\x01y" in buf, repr(buf[-40:]))
    os.write(master, b"\x01x")
    buf = read_until(master, b"terminated", TIMEOUT, buf)
    try:
        st = p.wait(timeout=TIMEOUT)
    except subprocess.TimeoutExpired:
        p.kill()
        st = None
    check("Ctrl-A x quits with status 0", st == 0 and b"terminated" in buf,
          "status %s, %r" % (st, buf[-80:]))
    check("terminal mode restored", termios.tcgetattr(slave) == before)
    os.close(master)
    os.close(slave)

print("RESULT %d %d" % (passed, failed))
sys.exit(1 if failed else 0)
