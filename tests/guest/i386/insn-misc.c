/*
 * Addressing and miscellaneous instructions: LEA over ModRM/SIB forms,
 * 16-bit addressing (0x67), operand size 0x66, MOVZX/MOVSX, CBW/CWDE/
 * CWD/CDQ, XLAT, ENTER/LEAVE, PUSHA/POPA, PUSH/POP forms, LOOP/JECXZ,
 * CALL/RET imm, segment register reads, NOP forms, BOUND in range.
 */
#include "insn-common.h"

static uint32_t table[64];

static void lea_tests(uint32_t a, uint32_t b)
{
    uint32_t r;
    __asm__("leal 0x12(%1,%2,4), %0" : "=r"(r) : "r"(a), "r"(b));
    printf("lea1 %08x %08x -> %08x\n", a, b, r);
    __asm__("leal -0x80(%1,%2,8), %0" : "=r"(r) : "r"(a), "r"(b));
    printf("lea2 %08x %08x -> %08x\n", a, b, r);
    __asm__("leal 0x12345678(,%1,2), %0" : "=r"(r) : "r"(a));
    printf("lea3 %08x -> %08x\n", a, r);
    __asm__("leal (%1,%2), %0" : "=r"(r) : "r"(a), "r"(b));
    printf("lea4 %08x %08x -> %08x\n", a, b, r);
    __asm__("leal 0x7f(%1), %0" : "=r"(r) : "r"(a));
    printf("lea5 %08x -> %08x\n", a, r);
    r = 0xffffffff;
    __asm__("leaw 0x1234(%1,%2), %w0" : "+r"(r) : "r"(a), "r"(b));
    printf("lea6 %08x %08x -> %08x\n", a, b, r);
    /* 16-bit address size: (bx,si) + disp wraps at 64 KiB */
    r = 0;
    __asm__(".byte 0x67, 0x8d, 0x80, 0xf0, 0x7f" : "=a"(r) : "b"(a), "S"(b));
    printf("lea16a %08x %08x -> %08x\n", a, b, r);
    __asm__("push %%ebp\n\txor %%ebp, %%ebp\n\t.byte 0x67, 0x8d, 0x43, 0xfe\n\tpop %%ebp"
            : "=a"(r) : "D"(b));
    printf("lea16b %08x -> %08x\n", b, r);
    __asm__(".byte 0x67, 0x8d, 0x06, 0x34, 0x12" : "=a"(r));
    printf("lea16c -> %08x\n", r);
    r = a;
    __asm__(".byte 0x66, 0x67, 0x8d, 0x04" : "+a"(r) : "S"(b));
    printf("lea16d %08x -> %08x\n", b, r);
    /* memory through SIB with table */
    for (int i = 0; i < 64; i++) {
        table[i] = i * 0x01010101u;
    }
    uint32_t idx = a & 15, v;
    __asm__("movl 8(%1,%2,4), %0" : "=r"(v) : "r"(table), "r"(idx));
    printf("sib %u -> %08x\n", idx, v);
    __asm__("movzbl 3(%1,%2,2), %0" : "=r"(v) : "r"(table), "r"(idx));
    printf("movzb %u -> %08x\n", idx, v);
    __asm__("movsbw 1(%1,%2), %w0" : "=r"(v) : "r"(table), "r"(idx), "0"(0xaaaaaaaa));
    printf("movsbw %u -> %08x\n", idx, v);
    __asm__("movswl %w1, %0" : "=r"(v) : "r"(a));
    printf("movswl %08x -> %08x\n", a, v);
    __asm__("movzwl %w1, %0" : "=r"(v) : "r"(a));
    printf("movzwl %08x -> %08x\n", a, v);
    __asm__("movsbl %b1, %0" : "=r"(v) : "q"(a));
    printf("movsbl %08x -> %08x\n", a, v);
    /* MOVSX/MOVZX from a high-byte register and sign-extending loads
     * (one extension each in the translator) */
    __asm__("movsbl %%ah, %0" : "=r"(v) : "a"(a));
    printf("movsbl-ah %08x -> %08x\n", a, v);
    __asm__("movzbl %%bh, %0" : "=r"(v) : "b"(a));
    printf("movzbl-bh %08x -> %08x\n", a, v);
    static const uint8_t sbytes[12] = { 0x80, 0xff, 0x7f, 0x90, 0x01, 0xfe,
                                        0x81, 0xc0, 0x00, 0x80, 0x7f, 0xff };
    uint32_t k = idx & 7;
    __asm__("movsbl 1(%1,%2), %0" : "=r"(v) : "r"(sbytes), "r"(k));
    printf("movsbl-mem %u -> %08x\n", k, v);
    __asm__("movswl 2(%1,%2), %0" : "=r"(v) : "r"(sbytes), "r"(k));
    printf("movswl-mem %u -> %08x\n", k, v);
    __asm__("movsbw %%ch, %w0" : "=r"(v) : "c"(a), "0"(0x12345678));
    printf("movsbw-ch %08x -> %08x\n", a, v);
}

static void ext_tests(uint32_t a)
{
    uint32_t r = a, d = 0x5555aaaa;
    __asm__("cbtw" : "+a"(r));
    printf("cbw %08x -> %08x\n", a, r);
    r = a;
    __asm__("cwtl" : "+a"(r));
    printf("cwde %08x -> %08x\n", a, r);
    r = a;
    __asm__("cwtd" : "+a"(r), "+d"(d));
    printf("cwd %08x -> %08x %08x\n", a, r, d);
    r = a;
    __asm__("cltd" : "+a"(r), "=d"(d));
    printf("cdq %08x -> %08x %08x\n", a, r, d);
    uint8_t xt[256];
    for (int i = 0; i < 256; i++) {
        xt[i] = (uint8_t)(255 - i * 3);
    }
    r = a;
    __asm__("xlat" : "+a"(r) : "b"(xt), "m"(*(const uint8_t(*)[256])xt));
    printf("xlat %08x -> %08x\n", a, r);
    r = a;
    __asm__("xchgw %%ax, %%dx" : "+a"(r), "+d"(d));
    printf("xchgw %08x %08x\n", r, d);
    r = a;
    __asm__("bswap %0\n\tnotl %0\n\trorl $8, %0" : "+r"(r) :: "cc");
    printf("mix %08x -> %08x\n", a, r);
}

static void stack_tests(uint32_t a)
{
    uint32_t out[10], esp0, esp1;
    __asm__ volatile(
        "mov %%esp, %1\n\t"
        "push %%ebp\n\t"
        "mov %%esp, %%ebp\n\t"
        "enter $12, $0\n\t"
        "mov %%ebp, %%eax\n\t"
        "sub %%esp, %%eax\n\t"
        "mov %%eax, 0(%3)\n\t"
        "leave\n\t"
        "enter $8, $3\n\t"
        "mov %%ebp, %%eax\n\t"
        "sub %%esp, %%eax\n\t"
        "mov %%eax, 4(%3)\n\t"
        "mov -4(%%ebp), %%eax\n\t"
        "sub %%esp, %%eax\n\t"
        "mov %%eax, 8(%3)\n\t"
        "leave\n\t"
        "pop %%ebp\n\t"
        "mov %%esp, %2\n\t"
        : "=m"(out), "=&r"(esp0), "=&r"(esp1) : "r"(out) : "eax", "memory");
    printf("enter %08x %08x %08x same=%d\n", out[0], out[1], out[2], esp0 == esp1);
    uint32_t regs[8];
    __asm__ volatile(
        "pusha\n\t"
        "mov %%esp, %%eax\n\t"
        "mov 0(%%eax), %%ecx\n\tmov %%ecx, 0(%1)\n\t"
        "mov 4(%%eax), %%ecx\n\tmov %%ecx, 4(%1)\n\t"
        "mov 12(%%eax), %%ecx\n\tsub %%eax, %%ecx\n\tmov %%ecx, 8(%1)\n\t"
        "mov 16(%%eax), %%ecx\n\tmov %%ecx, 12(%1)\n\t"
        "movl $0x11111111, 0(%%eax)\n\t"
        "movl $0x22222222, 12(%%eax)\n\t"
        "popa\n\t"
        "mov %%edi, 16(%1)\n\t"
        : "=m"(regs) : "r"(regs), "b"(a), "S"(a ^ 1), "D"(a ^ 2)
        : "eax", "ecx", "memory");
    printf("pusha %08x %08x esp+%u %08x popa %08x\n", regs[0], regs[1], regs[2], regs[3], regs[4]);
    uint16_t w;
    __asm__ volatile("pushw %w1\n\tpopw %w0" : "=r"(w) : "r"(a));
    printf("pushw %04x\n", w);
    uint32_t v;
    __asm__ volatile("push $-5\n\tpop %0" : "=r"(v));
    printf("push imm8 %08x\n", v);
    __asm__ volatile("push $0x12345678\n\tpopl %0" : "=m"(v));
    printf("pop mem %08x\n", v);
    __asm__ volatile("pushl %1\n\tpop %0" : "=r"(v) : "m"(a));
    printf("push mem %08x\n", v);
    __asm__ volatile("sub $8, %%esp\n\tmovl $7, 4(%%esp)\n\tmovl $9, (%%esp)\n\t"
                     "popl (%%esp)\n\tpop %0" : "=r"(v));
    printf("pop (esp) %08x\n", v);
}

static uint32_t callee_ret8(void);
__asm__(".text\ncallee_ret8:\n\tmov 4(%esp), %eax\n\tadd 8(%esp), %eax\n\tret $8\n");

static void flow_tests(uint32_t a)
{
    uint32_t n = 0, c = a & 0x3f;
    __asm__ volatile("jecxz 2f\n1:\tinc %0\n\tloop 1b\n2:" : "+r"(n), "+c"(c));
    printf("loop %u -> %u %u\n", a & 0x3f, n, c);
    n = 0; c = 10;
    __asm__ volatile("1:\tinc %0\n\tcmp $4, %0\n\tloopne 1b" : "+r"(n), "+c"(c) :: "cc");
    printf("loopne -> %u %u\n", n, c);
    n = 0; c = 10;
    __asm__ volatile("1:\tinc %0\n\ttest $0, %0\n\tloope 1b" : "+r"(n), "+c"(c) :: "cc");
    printf("loope -> %u %u\n", n, c);
    uint32_t r;
    __asm__ volatile("push %2\n\tpush %1\n\tcall callee_ret8" : "=a"(r) : "r"(a), "r"(a * 3) : "memory", "ecx", "edx");
    printf("ret8 %08x -> %08x\n", a, r);
    void *target = &&lab;
    __asm__ volatile goto("jmp *%0" : : "r"(target) : : lab);
    printf("not reached\n");
lab:
    printf("jmp indirect ok\n");
    int32_t bounds[2] = { -5, 100 };
    int32_t idx = (int32_t)(a % 100);
    __asm__ volatile("bound %0, %1" : : "r"(idx), "m"(bounds));
    printf("bound ok %d\n", idx);
    __asm__ volatile("nop\n\t.byte 0x66, 0x90\n\t.byte 0x0f, 0x1f, 0x00\n\t"
                     ".byte 0x0f, 0x1f, 0x44, 0x00, 0x00\n\tpause\n\t"
                     ".byte 0x66, 0x0f, 0x1f, 0x84, 0x00, 0, 0, 0, 0");
    uint16_t cs, ds, ss, es;
    __asm__("mov %%cs, %0\n\tmov %%ds, %1\n\tmov %%ss, %2\n\tmov %%es, %3"
            : "=r"(cs), "=r"(ds), "=r"(ss), "=r"(es));
    printf("segs cs=%04x ds=%04x ss=%04x es=%04x\n", cs, ds, ss, es);
    uint32_t seg32 = 0xffffffff;
    __asm__("movl %%ds, %0" : "+r"(seg32));
    printf("mov ds to r32 %08x\n", seg32);
    __asm__ volatile("push %%ds\n\tpop %%es\n\tpush %%ss\n\tpop %%ds" ::: "memory");
    printf("push/pop seg ok\n");
}

/* Segment registers and overrides: GS holds the TLS block (its first
 * word points to itself); FS loaded from GS must give the same base. */
static void seg_tests(void)
{
    uint32_t self, via_fs, via_a16, es_val, ss_val, cs_byte;
    uint16_t gs, fs_old;
    __asm__ volatile("movl %%gs:0, %0" : "=r"(self));
    __asm__ volatile("mov %%gs, %0" : "=r"(gs));
    __asm__ volatile("mov %%fs, %0\n\tmov %2, %%fs\n\tmovl %%fs:0, %1\n\tmov %0, %%fs"
                     : "=&r"(fs_old), "=r"(via_fs) : "r"(gs));
    /* 16-bit address size with the GS base: gs:[bx] with bx = 0 */
    __asm__ volatile(".byte 0x65, 0x67, 0x8b, 0x07" : "=a"(via_a16) : "b"(0));
    printf("tls self==fs:0 %d a16 %d gs rpl=%u\n", self == via_fs, self == via_a16, gs & 3);
    table[5] = 0xabcdef01;
    __asm__ volatile("movl %%es:(%1), %0" : "=r"(es_val) : "r"(&table[5]));
    __asm__ volatile("movl %%ss:4(%1), %0" : "=r"(ss_val) : "r"(&table[4]));
    __asm__ volatile("movzbl %%cs:(%1), %0" : "=r"(cs_byte) : "r"((const void *)seg_tests));
    printf("es %08x ss %08x cs-readable %d\n", es_val, ss_val, cs_byte == *(const uint8_t *)seg_tests);
    uint32_t t0, t1, h0, h1;
    __asm__ volatile("rdtsc" : "=a"(t0), "=d"(h0));
    __asm__ volatile("rdtsc" : "=a"(t1), "=d"(h1));
    uint64_t a = ((uint64_t)h0 << 32) | t0, b = ((uint64_t)h1 << 32) | t1;
    printf("rdtsc increases %d\n", b > a);
}

static uint8_t enter_stack[0x20000] __attribute__((aligned(16)));

/* Less common forms: LDS/LES/LFS, ARPL, ENTER with 16-bit operands,
 * CMPXCHG/XADD at 16 bits, PUSH/POP of segment registers at 16 bits. */
static void rare_tests(uint32_t a)
{
    struct { uint32_t off; uint16_t sel; } __attribute__((packed)) fp = { a, 0x2b };
    uint32_t r = 0;
    uint16_t ds;
    __asm__ volatile("mov %%ds, %%cx\n\tlds %2, %0\n\tmov %%ds, %1\n\tmov %%cx, %%ds"
                     : "=r"(r), "=r"(ds) : "m"(fp) : "ecx");
    printf("lds %08x ds=%04x\n", r, ds);
    __asm__ volatile("push %%es\n\tles %1, %0\n\tpop %%es" : "=r"(r) : "m"(fp));
    printf("les %08x\n", r);
    uint16_t x = (uint16_t)a, y = (uint16_t)(a >> 3);
    uint32_t f;
    __asm__ volatile("arpl %w2, %w0\n\tpushf\n\tpop %1" : "+r"(x), "=r"(f) : "r"(y) : "cc");
    printf("arpl %04x %04x -> %04x zf=%x\n", (uint16_t)a, y, x, f & 0x40);
    uint16_t m16 = (uint16_t)a, acc = (uint16_t)a;
    __asm__ volatile("lock cmpxchgw %w2, %0\n\tpushf\n\tpop %1" : "+m"(m16), "=r"(f), "+r"(y), "+a"(acc) :: "cc");
    printf("cmpxchgw %04x acc=%04x f=%03x\n", m16, acc, f & 0x8d5);
    uint16_t pw;
    __asm__ volatile("pushw %%ds\n\tpopw %0" : "=r"(pw));
    printf("pushw ds %04x\n", pw);
    /* ENTERW sets BP only and LEAVEW then moves all of EBP to ESP, so
     * EBP's high half must be ESP's: both on a stack 256 bytes above a
     * 64 KiB boundary (with the caller's EBP and ASLR's stack, about 2% of
     * native runs crashed). */
    uintptr_t top = (((uintptr_t)enter_stack + 0x10000) & ~(uintptr_t)0xffff) + 0x100;
    uint32_t esp_diff;
    __asm__ volatile("push %%ebp\n\tmov %%esp, %%edx\n\tmov %1, %%esp\n\tmov %%esp, %%ebp\n\t"
                     "mov %%esp, %%ecx\n\tenterw $4, $0\n\tmov %%ecx, %%eax\n\tsub %%esp, %%eax\n\t"
                     "leavew\n\tmov %%edx, %%esp\n\tpop %%ebp"
                     : "=a"(esp_diff) : "S"(top) : "ecx", "edx", "memory");
    printf("enterw diff %u\n", esp_diff);
    int8_t b8 = (int8_t)a;
    uint32_t ax = 0xffff0000u | (uint8_t)(a >> 8);
    __asm__ volatile("imulb %1" : "+a"(ax) : "q"(b8) : "cc");
    printf("imulb %08x\n", ax);
}

int main(void)
{
    seg_tests();
    for (unsigned i = 0; i < N_EDGE; i++) {
        rare_tests(edge_vals[i]);
    }
    for (unsigned i = 0; i < N_EDGE; i++) {
        for (unsigned j = 0; j < N_EDGE; j += 4) {
            lea_tests(edge_vals[i], edge_vals[j]);
        }
        ext_tests(edge_vals[i]);
        stack_tests(edge_vals[i]);
        flow_tests(edge_vals[i]);
    }
    return 0;
}
