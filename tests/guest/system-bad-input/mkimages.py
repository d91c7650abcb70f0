#!/usr/bin/env python3
"""Writes the broken and hostile boot images of the system bad-input suite
into a folder: fake bzImages with bad setup headers, multiboot ELF kernels
with bad headers or segments, a guest that triple-faults and a guest that
executes garbage. Usage: mkimages.py OUTDIR"""
import os
import random
import struct
import sys

out = sys.argv[1]


def write(name, data):
    with open(os.path.join(out, name), "wb") as f:
        f.write(data)


def bzimage(version=0x020F, loadflags=1, init_size=0x100000, pm_size=4096, setup_sects=4,
            total=None):
    """A setup header as boot.rst describes it, then pm_size bytes of kernel."""
    setup = bytearray((setup_sects + 1) * 512)
    setup[0x1F1] = setup_sects
    struct.pack_into("<H", setup, 0x1FE, 0xAA55)
    setup[0x201] = 0x6A                      # header ends at 0x26c
    setup[0x202:0x206] = b"HdrS"
    struct.pack_into("<H", setup, 0x206, version)
    setup[0x211] = loadflags
    struct.pack_into("<I", setup, 0x214, 0x100000)
    struct.pack_into("<I", setup, 0x22C, 0x7FFFFFFF)   # initrd_addr_max
    struct.pack_into("<I", setup, 0x238, 0x7FF)        # cmdline_size
    struct.pack_into("<I", setup, 0x260, init_size)
    data = bytes(setup) + b"\xf4" * pm_size              # hlt...
    return data if total is None else data[:total]


MB_MAGIC = 0x1BADB002


def multiboot_elf(code, flags=0, paddr=0x100000, checksum_ok=True, machine=3):
    """A minimal i386 ELF: one PT_LOAD of the whole file at paddr, with a
    multiboot header after the program header and the code after it."""
    ehsize, phsize = 52, 32
    hdr_off = ehsize + phsize
    code_off = hdr_off + 12
    csum = (-(MB_MAGIC + flags)) & 0xFFFFFFFF
    if not checksum_ok:
        csum ^= 1
    body = struct.pack("<III", MB_MAGIC, flags, csum) + code
    size = code_off + len(code)
    eh = bytearray(ehsize)
    eh[0:4] = b"\x7fELF"
    eh[4], eh[5], eh[6] = 1, 1, 1
    struct.pack_into("<HHIIIIIHHHHHH", eh, 16, 2, machine, 1, paddr + code_off, ehsize, 0, 0,
                     ehsize, phsize, 1, 40, 0, 0)
    ph = struct.pack("<IIIIIIII", 1, 0, paddr, paddr, size, size, 7, 0x1000)
    return bytes(eh) + ph + body, paddr + code_off


def lidt_zero(base):
    """lidt [idtr] with a zero-limit IDT: any exception then triple-faults.
    The 6-byte IDTR image follows the 7-byte instruction (and a jmp over it)."""
    idtr = base + 7 + 2
    return (b"\x0f\x01\x1d" + struct.pack("<I", idtr) + b"\xeb\x06" + b"\x00" * 6)


# --- bzImages
write("bz-truncated", bzimage(total=0x300))
write("bz-old-protocol", bzimage(version=0x0201))
write("bz-not-high", bzimage(loadflags=0))
write("bz-huge", bzimage(init_size=0x7000000))          # 112 MiB to unpack
write("bz-small", bzimage())
# --- multiboot
code = b"\xfa\xf4\xeb\xfd"                                # cli; hlt; jmp $-3
write("mb-bad-flags", multiboot_elf(code, flags=1 << 3)[0])
write("mb-outside-ram", multiboot_elf(code, paddr=0x10000000)[0])
write("mb-in-hole", multiboot_elf(code, paddr=0xB8000)[0])
write("mb-bad-checksum", multiboot_elf(code, checksum_ok=False)[0])
img, entry = multiboot_elf(code, machine=40)              # ARM ELF with a multiboot header
write("mb-arm", img)
img = bytearray(multiboot_elf(code)[0])
struct.pack_into("<I", img, 28, 0x7FFFFFF0)               # e_phoff past the end
write("mb-bad-phoff", bytes(img))
# --- hostile guests: both end in a triple fault (reset: -no-reboot exits 0)
base = 0x100000 + 52 + 32 + 12
write("mb-triple-fault", multiboot_elf(lidt_zero(base) + b"\x0f\x0b")[0])    # ud2
rng = random.Random(7)
garbage = bytes(rng.randrange(256) for _ in range(4096))
write("mb-garbage", multiboot_elf(lidt_zero(base) + garbage)[0])
# --- plain garbage as a kernel
write("garbage", bytes(random.Random(1).randrange(256) for _ in range(65536)))
