#!/usr/bin/env python3
"""Sends the QEMU monitor command `nmi` to a test VM every few ms, from
the moment the test program runs (its first line in LOG) until the VM
exits (tests/kaccel/run.sh), so NMIs land while guest code runs and
inside the world switch. Usage: nmi-storm.py SOCKET LOG INTERVAL_MS"""
import os, socket, sys, time

path, log, interval = sys.argv[1], sys.argv[2], float(sys.argv[3]) / 1000
for _ in range(200):                      # wait for QEMU to listen
    try:
        s = socket.socket(socket.AF_UNIX)
        s.connect(path)
        break
    except OSError:
        time.sleep(0.05)
else:
    sys.exit(0)
deadline = time.time() + 240
while time.time() < deadline:
    try:
        with open(log, "rb") as f:
            if b"KT: ok - api-version" in f.read():
                break
    except OSError:
        pass
    time.sleep(0.1)
sent = 0
try:
    while True:
        s.sendall(b"nmi\n")
        sent += 1
        time.sleep(interval)
except OSError:
    pass
print(f"     nmi-storm: {sent} NMIs sent")
