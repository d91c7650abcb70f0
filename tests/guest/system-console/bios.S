/*
 * A 64 KiB raw firmware image for -bios: the CPU starts at the reset
 * vector (the image's last 16 bytes, at 0xfffffff0), jumps to F000:0100
 * (the image's alias below 1 MiB), prints "bios ok" on COM1 and writes
 * 0x10 to isa-debug-exit: exit status 0x21.
 */
    .code16
    .section .text
    .globl _start
_start:
    .org 0x100
code:
    mov $0x3f8, %dx
    mov $msg, %si
1:  mov %cs:(%si), %al
    test %al, %al
    jz 2f
    out %al, %dx
    inc %si
    jmp 1b
2:  mov $0xf4, %dx
    mov $0x10, %al
    out %al, %dx
    cli
3:  hlt
    jmp 3b
msg:
    .asciz "bios ok\r\n"

    .org 0xfff0
reset:
    ljmp $0xf000, $code
    .org 0x10000
