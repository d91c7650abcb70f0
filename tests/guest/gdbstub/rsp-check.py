#!/usr/bin/env python3
"""Raw gdb remote-protocol checks of Mimic's stub, below what gdb shows:
acks and a bad checksum, qSupported, no-ack mode, the 'g' packet size of
gdb's register layout, the target description, an unmapped read, Z0/z0,
vCont?, and ^C stopping a running guest with SIGINT, then the exit (W).
The expectations are the protocol's (gdb manual, "Remote Protocol") and
gdb's own register sizes. Usage: rsp-check.py PORT i386|ppc"""
import socket
import sys
import time

port, guest = int(sys.argv[1]), sys.argv[2]
# Register bytes in gdb's order: i386 core (16 x 4, st0-7 x 10, 8 x 4);
# powerpc:common (r0-r31 x 4, f0-f31 x 8, pc msr cr lr ctr xer fpscr x 4).
g_bytes = {"i386": 16 * 4 + 8 * 10 + 8 * 4, "ppc": 32 * 4 + 32 * 8 + 7 * 4}[guest]
arch = {"i386": "i386", "ppc": "powerpc:common"}[guest]
passed = failed = 0
sock = None
buf = b""


def check(name, ok, detail):
    global passed, failed
    if ok:
        passed += 1
        print(f"PASS rsp {guest} {name}: {detail}")
    else:
        failed += 1
        print(f"FAIL rsp {guest} {name}: {detail}")


def getc():
    global buf
    while not buf:
        data = sock.recv(4096)
        if not data:
            raise EOFError
        buf += data
    c, buf = buf[:1], buf[1:]
    return c


def frame(data):
    raw = data.encode("latin1")
    return b"$" + raw + b"#%02x" % (sum(raw) & 0xFF)


def read_packet(ack):
    """The next packet's payload; acks it when ack is on."""
    while getc() != b"$":
        pass
    data = b""
    while (c := getc()) != b"#":
        data += c
    cs = getc() + getc()
    if int(cs, 16) != sum(data) & 0xFF:
        raise ValueError("bad checksum from the stub")
    if ack:
        sock.sendall(b"+")
    return data.decode("latin1")


def command(data, ack=True):
    sock.sendall(frame(data))
    if ack:
        a = getc()
        if a != b"+":
            raise ValueError(f"no ack for {data!r}: {a!r}")
    return read_packet(ack)


def main():
    global sock
    sock = socket.create_connection(("127.0.0.1", port), timeout=15)
    sock.sendall(b"$g#00")
    check("bad checksum is refused", getc() == b"-", "'-'")
    reply = command("?")
    check("stop reply before the first instruction", reply.startswith("T05thread:"), reply)
    reply = command("qSupported:multiprocess+;swbreak+;xmlRegisters=i386")
    check("qSupported offers the target description",
          "qXfer:features:read+" in reply and "PacketSize=" in reply, reply)
    reply = command("QStartNoAckMode")
    check("QStartNoAckMode", reply == "OK", reply)
    reply = command("g", ack=False)
    check("'g' has gdb's register layout", len(reply) == 2 * g_bytes,
          f"{len(reply)} hex digits, want {2 * g_bytes}")
    reply = command("qXfer:features:read:target.xml:0,3fff", ack=False)
    check("target.xml in one piece", reply.startswith("l") and
          f"<architecture>{arch}</architecture>" in reply, reply[:60] + "...")
    reply = command("m0,4", ack=False)
    check("reading unmapped address 0 fails", reply.startswith("E"), reply)
    reply = command("Z0,1000,1", ack=False)
    reply2 = command("z0,1000,1", ack=False)
    check("Z0 / z0", reply == "OK" and reply2 == "OK", f"{reply} {reply2}")
    reply = command("vCont?", ack=False)
    check("vCont? lists c C s S", reply == "vCont;c;C;s;S", reply)
    sock.sendall(frame("vCont;c"))
    time.sleep(0.5)
    sock.sendall(b"\x03")
    reply = read_packet(False)
    check("^C stops the running guest with SIGINT (2)", reply.startswith("T02thread:"), reply)
    sock.sendall(frame("vCont;c"))
    reply = read_packet(False)
    check("the guest runs to its end after the interrupt", reply == "W00", reply)


try:
    main()
except (OSError, EOFError, ValueError) as e:
    check("protocol session", False, repr(e))
print(f"rsp {passed} passed, {failed} failed")
sys.exit(1 if failed else 0)
