/* The two loops of the -accel kaccel speed measurement (bench/kaccel.sh,
 * tests/kaccel/guest.sh), linked into both bench-kernel.c (guest ring-3
 * code under mimic-system-i386) and bench-native.c (run directly in the
 * test VM), so both run the same machine code. i386 cdecl; declared in
 * bench-loop.h. */
	.text
/* uint32_t bench_cpu(uint32_t *buf, uint32_t words, uint32_t passes):
 * passes sweeps over buf (words > 0, passes > 0), each word mixed into
 * an FNV-style hash (xor, multiply, xorshift) which is added back into
 * the word; returns the hash. No system calls, no new pages. */
	.globl bench_cpu
	.type bench_cpu, @function
bench_cpu:
	push %ebx
	push %esi
	push %edi
	push %ebp
	mov 20(%esp), %esi
	mov 28(%esp), %ebp
	mov $0x811c9dc5, %eax
1:	mov 24(%esp), %ecx
	mov %esi, %edi
2:	mov (%edi), %edx
	xor %edx, %eax
	imul $0x01000193, %eax, %eax
	mov %eax, %ebx
	shr $15, %ebx
	xor %ebx, %eax
	add %eax, (%edi)
	add $4, %edi
	dec %ecx
	jnz 2b
	dec %ebp
	jnz 1b
	pop %ebp
	pop %edi
	pop %esi
	pop %ebx
	ret
	.size bench_cpu, . - bench_cpu

/* uint32_t bench_touch(uint8_t *base, uint32_t pages): writes the
 * countdown n, n-1, ..., 1 into the first word of each of pages 4 KiB
 * pages from base (pages > 0) and reads it back; returns the sum,
 * pages * (pages + 1) / 2. On fresh memory every page is a page fault. */
	.globl bench_touch
	.type bench_touch, @function
bench_touch:
	mov 4(%esp), %edx
	mov 8(%esp), %ecx
	xor %eax, %eax
1:	mov %ecx, (%edx)
	add (%edx), %eax
	add $4096, %edx
	dec %ecx
	jnz 1b
	ret
	.size bench_touch, . - bench_touch
	.section .note.GNU-stack, "", @progbits
