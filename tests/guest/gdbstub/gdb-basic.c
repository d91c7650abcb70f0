/*
 * The gdb stub's basic test program: a function to break in and step
 * through, variables to print and change, and known register values at
 * the labels regs_here/regs_next, a system call to step over. Run natively it prints the values gdb
 * must show ("expect NAME VALUE"); its last line and exit status show a
 * change gdb made to `counter`.
 */
#include <stdio.h>
#include <string.h>

/* getpid through the raw system call instruction at sys_insn (i386 and
 * PowerPC both number getpid 20); gdb steps over it. */
int sys_getpid(void);
#if defined(__i386__)
__asm__(".text\n.globl sys_getpid\nsys_getpid:\n  mov $20, %eax\n"
        ".globl sys_insn\nsys_insn:\n  int $0x80\n"
        ".globl sys_after\nsys_after:\n  ret\n");
#elif defined(__powerpc__)
__asm__(".text\n.globl sys_getpid\nsys_getpid:\n  li 0, 20\n"
        ".globl sys_insn\nsys_insn:\n  sc\n"
        ".globl sys_after\nsys_after:\n  blr\n");
#endif

volatile int counter = 5;
double scale = 2.5;
char greeting[16] = "hello";
unsigned int regs_seen[6];
double fp_seen;

int add(int a, int b)
{
    int sum = a + b;
    counter += sum;
    return sum;
}

/* Loads known values, passes the labels gdb stops at, and stores what
 * the registers held (so a native run shows them). */
void regs_load(void);
#if defined(__i386__)
static const double fp_value = 1.5;
__asm__(".text\n.globl regs_load\nregs_load:\n"
        "  push %ebx\n  push %esi\n  push %edi\n"
        "  mov $0x11223344, %eax\n  mov $0x55667788, %ebx\n"
        "  mov $0x99aabbcc, %ecx\n  mov $0xddeeff00, %edx\n"
        "  mov $0x01020304, %esi\n  mov $0x05060708, %edi\n"
        "  fldl fp_value\n"
        ".globl regs_here\nregs_here:\n  nop\n"
        ".globl regs_next\nregs_next:\n"
        "  mov %eax, regs_seen\n  mov %ebx, regs_seen+4\n  mov %ecx, regs_seen+8\n"
        "  mov %edx, regs_seen+12\n  mov %esi, regs_seen+16\n  mov %edi, regs_seen+20\n"
        "  fstpl fp_seen\n"
        "  pop %edi\n  pop %esi\n  pop %ebx\n  ret\n");
#elif defined(__powerpc__)
static const double fp_value = 1.5;
__asm__(".text\n.globl regs_load\nregs_load:\n"
        "  lis 3, 0x1122\n  ori 3, 3, 0x3344\n  lis 4, 0x5566\n  ori 4, 4, 0x7788\n"
        "  lis 5, 0x99aa\n  ori 5, 5, 0xbbcc\n  lis 6, 0xddee\n  ori 6, 6, 0xff00\n"
        "  lis 7, 0x0102\n  ori 7, 7, 0x0304\n  lis 8, 0x0506\n  ori 8, 8, 0x0708\n"
        "  mtctr 4\n  li 9, 0\n  cmpwi 7, 9, 0\n"
        "  lis 9, fp_value@ha\n  lfd 1, fp_value@l(9)\n"
        ".globl regs_here\nregs_here:\n  nop\n"
        ".globl regs_next\nregs_next:\n"
        "  lis 9, regs_seen@ha\n  addi 9, 9, regs_seen@l\n"
        "  stw 3, 0(9)\n  stw 4, 4(9)\n  stw 5, 8(9)\n  stw 6, 12(9)\n"
        "  stw 7, 16(9)\n  stw 8, 20(9)\n"
        "  lis 9, fp_seen@ha\n  stfd 1, fp_seen@l(9)\n  blr\n");
#endif

int main(void)
{
    int r = add(3, 4);

    regs_load();
    printf("expect a 3\nexpect b 4\nexpect sum %d\nexpect counter_in_add %d\n", r, counter);
    printf("expect scale %g\nexpect greeting \"%s\"\n", scale, greeting);
    printf("expect reg0 0x%x\nexpect reg1 0x%x\nexpect reg2 0x%x\n", regs_seen[0],
           regs_seen[1], regs_seen[2]);
    printf("expect reg3 0x%x\nexpect reg4 0x%x\nexpect reg5 0x%x\n", regs_seen[3],
           regs_seen[4], regs_seen[5]);
    printf("expect fp %g\n", fp_seen);
    printf("pid %d\n", sys_getpid());
    printf("final counter=%d\n", counter);
    return counter & 0xff;
}
