/*
 * lu_safe_syscall_base: a host syscall that a guest signal cannot slip
 * past. The pending flag is tested right before the syscall instruction;
 * a host signal handler that interrupts between the test and the syscall
 * moves the pc to lu_safe_syscall_interrupted (see signal.c), so the call
 * returns -EINTR instead of blocking with a signal pending. x86-64 host.
 *
 * long lu_safe_syscall_base(volatile int *pending, long nr,
 *                           long a1, long a2, long a3, long a4, long a5, long a6)
 * Returns the raw kernel result (-errno on failure).
 */
    .text
    .globl lu_safe_syscall_base
    .globl lu_safe_syscall_start
    .globl lu_safe_syscall_end
    .globl lu_safe_syscall_interrupted
    .type lu_safe_syscall_base, @function
lu_safe_syscall_base:
    .cfi_startproc
    push %rbp
    .cfi_adjust_cfa_offset 8
    .cfi_rel_offset %rbp, 0
    mov %rsp, %rbp
    .cfi_def_cfa_register %rbp
    push %rbx
    .cfi_rel_offset %rbx, -8
    mov %rdi, %rbx          /* the pending flag */
    mov %rsi, %rax          /* syscall number */
    mov %rdx, %rdi          /* a1 */
    mov %rcx, %rsi          /* a2 */
    mov %r8, %rdx           /* a3 */
    mov %r9, %r10           /* a4 */
    mov 16(%rbp), %r8       /* a5 */
    mov 24(%rbp), %r9       /* a6 */
lu_safe_syscall_start:
    cmpl $0, (%rbx)
    jnz lu_safe_syscall_interrupted
    syscall
lu_safe_syscall_end:
    pop %rbx
    pop %rbp
    .cfi_def_cfa %rsp, 8
    ret
    .cfi_def_cfa %rbp, 16
lu_safe_syscall_interrupted:
    mov $-4, %rax           /* -EINTR: the dispatcher decides on restart */
    jmp lu_safe_syscall_end
    .cfi_endproc
    .size lu_safe_syscall_base, .-lu_safe_syscall_base
    .section .note.GNU-stack, "", @progbits
