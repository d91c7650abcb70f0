/*
 * A multiboot test guest for the console suite: prints a line on COM1 and
 * a 'D' on the debug console (port 0xe9), then echoes what COM1 receives
 * (polling the line status register) until a 'q', which it answers by
 * writing 0x21 to isa-debug-exit (port 0xf4): exit status 0x43.
 */
    .section .text
    .globl _start
    .align 4
mb_header:
    .long 0x1badb002, 0, -0x1badb002

_start:
    mov $msg, %esi
1:  lodsb
    test %al, %al
    jz 2f
    mov $0x3f8, %dx
    out %al, %dx
    jmp 1b
2:  mov $0xe9, %dx
    mov $'D', %al
    out %al, %dx
3:  mov $0x3fd, %dx
    in %dx, %al
    test $1, %al
    jz 3b
    mov $0x3f8, %dx
    in %dx, %al
    cmp $'q', %al
    je 4f
    out %al, %dx
    jmp 3b
4:  mov $0xf4, %dx
    mov $0x21, %al
    out %al, %dx
    cli
5:  hlt
    jmp 5b

msg:
    .asciz "hello from the guest\r\n"
