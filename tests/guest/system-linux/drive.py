#!/usr/bin/env python3
"""Drives a Linux guest's busybox shell over the serial port (the
emulator's stdin/stdout with -nographic) and checks what it answers.
Prints PASS/FAIL lines and the boot time; exit status 1 on any failure.
Usage: drive.py LABEL LOGFILE KIND -- EMULATOR-COMMAND...
KIND is 686 or pae (the checks; what /proc/cpuinfo must show), reboot
(reboot -f without -no-reboot must boot the kernel again), boot (only
the time to the shell prompt, then reboot -f: bench/system-boot.sh) or
demo (a few commands with the console shown: make run)."""
import os
import re
import select
import subprocess
import sys
import time

BOOT_TIMEOUT = float(os.environ.get("MIMIC_BOOT_TIMEOUT", "600"))
CMD_TIMEOUT = float(os.environ.get("MIMIC_CMD_TIMEOUT", "120"))


class Guest:
    def __init__(self, argv, logpath):
        self.log = open(logpath, "wb")
        self.proc = subprocess.Popen(argv, stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        self.buf = b""
        self.start = time.monotonic()

    def read_until(self, pattern, timeout):
        """Reads until the regex matches the accumulated output; returns the
        match or None on timeout or end of output."""
        rx = re.compile(pattern, re.S)
        end = time.monotonic() + timeout
        fd = self.proc.stdout.fileno()
        while True:
            m = rx.search(self.buf)
            if m:
                return m
            left = end - time.monotonic()
            if left <= 0:
                return None
            r, _, _ = select.select([fd], [], [], left)
            if not r:
                continue
            data = os.read(fd, 65536)
            if not data:
                return None
            self.log.write(data)
            self.log.flush()
            self.buf += data

    def send(self, text):
        # A few bytes at a time: the UART's receive FIFO is 16 bytes, and a
        # guest that does not read fast enough must not lose input.
        data = text.encode()
        for i in range(0, len(data), 8):
            self.proc.stdin.write(data[i:i + 8])
            self.proc.stdin.flush()
            time.sleep(0.005)

    def run(self, cmd, tag):
        """Runs cmd in the guest shell; returns its output (None on timeout).
        The markers are split in the command so the terminal's echo of it
        never matches."""
        self.buf = b""
        self.send('echo "@@""B%s"; %s; echo "@@""E%s"\n' % (tag, cmd, tag))
        m = self.read_until(rb"@@B%s\r?\n(.*?)@@E%s" % (tag.encode(), tag.encode()),
                            CMD_TIMEOUT)
        if not m:
            return None
        return m.group(1).decode("utf-8", "replace").replace("\r", "")

    def wait_exit(self, timeout):
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            self.read_until(rb"(?!x)x", 0.2)
            if self.proc.poll() is not None:
                rest = self.proc.stdout.read()
                if rest:
                    self.log.write(rest)
                return self.proc.returncode
        return None

    def kill(self):
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()


def main():
    label, logpath, kind = sys.argv[1:4]
    argv = sys.argv[sys.argv.index("--") + 1:]
    passed = failed = 0

    def check(name, ok, detail=""):
        nonlocal passed, failed
        if ok:
            passed += 1
            print("PASS %s: %s" % (label, name))
        else:
            failed += 1
            print("FAIL %s: %s%s" % (label, name, (": " + detail) if detail else ""))

    g = Guest(argv, logpath)
    try:
        m = g.read_until(rb"MIMIC-INIT-READY", BOOT_TIMEOUT)
        boot = time.monotonic() - g.start
        check("boots to /init", m is not None, "no init banner (log: %s)" % logpath)
        if m is None:
            return finish(label, passed, failed, g)
        m = g.read_until(rb"# ", CMD_TIMEOUT)
        shell = time.monotonic() - g.start
        check("shell prompt", m is not None)
        if m is None:
            return finish(label, passed, failed, g)
        print("TIME %s: init %.2f s, shell prompt %.2f s" % (label, boot, shell))
        g.send("\n")
        g.read_until(rb"# ", CMD_TIMEOUT)
        if kind == "reboot":
            g.buf = b""
            g.send("reboot -f\n")
            m = g.read_until(rb"MIMIC-INIT-READY.*# ", BOOT_TIMEOUT)
            check("reboot -f boots the kernel again", m is not None)
            out = g.run("uname -r", "r") if m else None
            check("the shell answers after the reboot",
                  out is not None and re.search(r"6\.1\.\S+-686", out), repr(out))
            return finish(label, passed, failed, g)
        if kind in ("boot", "demo"):
            if kind == "demo":
                demo(g)
            g.send("reboot -f\n")
            rc = g.wait_exit(CMD_TIMEOUT)
            check("reboot -f exits with status 0", rc == 0, "status %s" % rc)
            return finish(label, passed, failed, g)

        out = g.run("uname -a", "1")
        check("uname -a", out is not None and re.search(r"^Linux \S+ 6\.1\.\S+-686", out, re.M),
              repr(out))
        out = g.run("cat /proc/cpuinfo", "2")
        flags = re.search(r"^flags\s*:(.*)$", out or "", re.M)
        fl = flags.group(1).split() if flags else []
        # The 686-pae kernel needs PAE; it boots without NX (qemu-system-i386
        # -cpu pentium2 has none), so NX is not required here.
        want = ["fpu", "tsc", "cx8", "cmov"] + (["pae"] if kind == "pae" else [])
        check("/proc/cpuinfo", out is not None and "processor" in out and
              all(f in fl for f in want), "flags %s, want %s" % (fl, want))
        out = g.run("i=0; s=0; while [ $i -lt 200 ]; do s=$((s+i*i)); i=$((i+1)); done; echo $s",
                    "3")
        check("shell computation", out is not None and out.strip() == "2646700", repr(out))
        out = g.run("echo round-trip-$((6*7)) >/tmp/f; cat /tmp/f; grep ' /tmp ' /proc/mounts",
                    "4")
        check("tmpfs file", out is not None and "round-trip-42" in out and "tmpfs" in out,
              repr(out))
        out = g.run("dmesg", "5")
        bad = [l for l in (out or "").split("\n")
               if re.search(r"BUG|Oops|WARNING|Call Trace", l)]
        check("dmesg clean", out is not None and len(out) > 1000 and not bad,
              "no dmesg" if out is None else "; ".join(bad[:5]))
        g.send("reboot -f\n")
        rc = g.wait_exit(CMD_TIMEOUT)
        check("reboot -f exits with status 0", rc == 0, "status %s" % rc)
    finally:
        g.kill()
    return finish(label, passed, failed, g)


def demo(g):
    """Runs a few commands, showing what the guest answers."""
    for i, cmd in enumerate(["uname -a", "grep -E 'model name|flags' /proc/cpuinfo",
                             "free", "echo $((6 * 7))", "ls /", "dmesg | tail -n 3"]):
        out = g.run(cmd, "d%d" % i)
        print("guest# %s" % cmd)
        print((out if out is not None else "(no answer)\n").rstrip("\n"))
    sys.stdout.flush()


def finish(label, passed, failed, g):
    g.kill()
    if failed:
        tail = g.buf[-1500:].decode("utf-8", "replace")
        print("---- last console output (%s):\n%s\n----" % (label, tail))
    print("RESULT %s %d %d" % (label, passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
