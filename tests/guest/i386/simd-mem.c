/*
 * SIMD memory instructions against the host CPU: every store form of
 * MMX/SSE/SSE2 (MOVDQU..MOVNTI) next to a page that is unmapped or
 * read-only (a store that crosses into it faults before writing anything,
 * at the address the CPU reports; aligned forms raise #GP first),
 * crossing loads, MASKMOVQ/MASKMOVDQU (random data and masks, and next to
 * such a page whatever the mask), CLFLUSH (a byte read), PREFETCHh and the
 * hint NOPs (never fault), and the fence encodings and PAUSE (no effect
 * on registers or flags; their ordering is the host's, from the IR's
 * memory barrier).
 */
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>

/* The probes: regparm(3) functions written in assembly (EAX = destination
 * or source address, EDX = 16 bytes of data, ECX = 16 bytes of mask). The
 * XMM and MMX registers are call-clobbered in the i386 ABI. */
typedef void MemFn(void *mem, const void *data, const void *mask) __attribute__((regparm(3)));
typedef MemFn *MemOp;

#define STORE(name, insn)                                                  \
    ".globl " name "\n" name ":\n\tmovdqu (%edx), %xmm0\n\t"               \
    "movq (%edx), %mm0\n\t" insn "\n\temms\n\tret\n"
#define LOAD(name, insn)                                                   \
    ".globl " name "\n" name ":\n\t" insn "\n\temms\n\tret\n"
__asm__(".text\n"
        STORE("st_movdqu", "movdqu %xmm0, (%eax)")
        STORE("st_movups", "movups %xmm0, (%eax)")
        STORE("st_movupd", "movupd %xmm0, (%eax)")
        STORE("st_movdqa", "movdqa %xmm0, (%eax)")
        STORE("st_movaps", "movaps %xmm0, (%eax)")
        STORE("st_movapd", "movapd %xmm0, (%eax)")
        STORE("st_movntdq", "movntdq %xmm0, (%eax)")
        STORE("st_movntps", "movntps %xmm0, (%eax)")
        STORE("st_movntpd", "movntpd %xmm0, (%eax)")
        STORE("st_movq_xmm", "movq %xmm0, (%eax)")
        STORE("st_movlps", "movlps %xmm0, (%eax)")
        STORE("st_movhps", "movhps %xmm0, (%eax)")
        STORE("st_movlpd", "movlpd %xmm0, (%eax)")
        STORE("st_movhpd", "movhpd %xmm0, (%eax)")
        STORE("st_movsd", "movsd %xmm0, (%eax)")
        STORE("st_movss", "movss %xmm0, (%eax)")
        STORE("st_movd_xmm", "movd %xmm0, (%eax)")
        STORE("st_movq_mmx", "movq %mm0, (%eax)")
        STORE("st_movd_mmx", "movd %mm0, (%eax)")
        STORE("st_movntq", "movntq %mm0, (%eax)")
        STORE("st_movnti", "movl (%edx), %ecx\n\tmovnti %ecx, (%eax)")
        STORE("st_pextrw", "pextrw $1, %xmm0, %ecx\n\tmovw %cx, (%eax)")
        STORE("st_stmxcsr", "stmxcsr (%eax)")
        LOAD("ld_movdqu", "movdqu (%eax), %xmm0\n\tmovdqu %xmm0, (%edx)")
        LOAD("ld_lddqu", "lddqu (%eax), %xmm0\n\tmovdqu %xmm0, (%edx)")
        LOAD("ld_movups", "movups (%eax), %xmm0\n\tmovdqu %xmm0, (%edx)")
        LOAD("ld_paddb", "pxor %xmm0, %xmm0\n\tpaddb (%eax), %xmm0\n\tmovdqu %xmm0, (%edx)")
        LOAD("ld_movq_mmx", "movq (%eax), %mm0\n\tmovq %mm0, (%edx)")
        LOAD("ld_movsd", "movsd (%eax), %xmm0\n\tmovsd %xmm0, (%edx)")
        ".globl mm_maskmovdqu\nmm_maskmovdqu:\n\tpush %edi\n\tmov %eax, %edi\n\t"
        "movdqu (%edx), %xmm0\n\tmovdqu (%ecx), %xmm1\n\tmaskmovdqu %xmm1, %xmm0\n\t"
        "pop %edi\n\tret\n"
        ".globl mm_maskmovq\nmm_maskmovq:\n\tpush %edi\n\tmov %eax, %edi\n\t"
        "movq (%edx), %mm0\n\tmovq (%ecx), %mm1\n\tmaskmovq %mm1, %mm0\n\temms\n\t"
        "pop %edi\n\tret\n"
        ".globl ot_clflush\not_clflush:\n\tclflush (%eax)\n\tret\n"
        ".globl ot_clflush_disp\not_clflush_disp:\n\tclflush 0x3f(%eax)\n\tret\n"
        ".globl ot_prefetchnta\not_prefetchnta:\n\tprefetchnta (%eax)\n\tret\n"
        ".globl ot_prefetcht0\not_prefetcht0:\n\tprefetcht0 (%eax)\n\tret\n"
        ".globl ot_prefetcht1\not_prefetcht1:\n\tprefetcht1 (%eax)\n\tret\n"
        ".globl ot_prefetcht2\not_prefetcht2:\n\tprefetcht2 (%eax)\n\tret\n"
        ".globl ot_hint4\not_hint4:\n\t.byte 0x0f, 0x18, 0x20\n\tret\n"
        ".globl ot_hint7\not_hint7:\n\t.byte 0x0f, 0x18, 0x38\n\tret\n"
        ".globl ot_fxsave\not_fxsave:\n\tfxsave (%eax)\n\tret\n"
        ".globl ot_fxrstor\not_fxrstor:\n\tfxrstor (%eax)\n\tret\n"
        ".globl ot_ldmxcsr\not_ldmxcsr:\n\tldmxcsr (%eax)\n\tret\n"
        ".globl ot_hint_reg\not_hint_reg:\n\t.byte 0x0f, 0x18, 0xc0\n\t.byte 0x0f, 0x18, 0xff\n\tret\n");
#undef STORE
#undef LOAD

extern MemFn st_movdqu, st_movups, st_movupd, st_movdqa, st_movaps, st_movapd, st_movntdq,
    st_movntps, st_movntpd, st_movq_xmm, st_movlps, st_movhps, st_movlpd, st_movhpd, st_movsd,
    st_movss, st_movd_xmm, st_movq_mmx, st_movd_mmx, st_movntq, st_movnti, st_pextrw,
    st_stmxcsr, ld_movdqu, ld_lddqu, ld_movups, ld_paddb, ld_movq_mmx, ld_movsd,
    mm_maskmovdqu, mm_maskmovq, ot_clflush, ot_clflush_disp, ot_prefetchnta, ot_prefetcht0,
    ot_prefetcht1, ot_prefetcht2, ot_hint4, ot_hint7, ot_hint_reg, ot_fxsave, ot_fxrstor,
    ot_ldmxcsr;

static const struct { const char *name; MemOp op; int size; } stores[] = {
    { "movdqu", st_movdqu, 16 }, { "movups", st_movups, 16 }, { "movupd", st_movupd, 16 },
    { "movdqa", st_movdqa, 16 }, { "movaps", st_movaps, 16 }, { "movapd", st_movapd, 16 },
    { "movntdq", st_movntdq, 16 }, { "movntps", st_movntps, 16 },
    { "movntpd", st_movntpd, 16 }, { "movq xmm", st_movq_xmm, 8 },
    { "movlps", st_movlps, 8 }, { "movhps", st_movhps, 8 }, { "movlpd", st_movlpd, 8 },
    { "movhpd", st_movhpd, 8 }, { "movsd", st_movsd, 8 }, { "movss", st_movss, 4 },
    { "movd xmm", st_movd_xmm, 4 }, { "movq mmx", st_movq_mmx, 8 },
    { "movd mmx", st_movd_mmx, 4 }, { "movntq", st_movntq, 8 }, { "movnti", st_movnti, 4 },
    { "pextrw+movw", st_pextrw, 2 }, { "stmxcsr", st_stmxcsr, 4 },
};
static const struct { const char *name; MemOp op; int size; } loads[] = {
    { "movdqu", ld_movdqu, 16 }, { "lddqu", ld_lddqu, 16 }, { "movups", ld_movups, 16 },
    { "paddb m128 (aligned)", ld_paddb, 16 }, { "movq mmx", ld_movq_mmx, 8 },
    { "movsd", ld_movsd, 8 },
};

static sigjmp_buf jb;
static volatile int got_sig, got_code;
static volatile uintptr_t got_addr;

static void on_signal(int sig, siginfo_t *si, void *uc)
{
    got_sig = sig;
    got_code = si->si_code;
    got_addr = (uintptr_t)si->si_addr;
    siglongjmp(jb, 1);
}

/* Runs op; returns the signal (0: none). */
static int run(MemOp op, void *mem, const void *data, const void *mask)
{
    got_sig = got_code = 0;
    got_addr = 0;
    if (sigsetjmp(jb, 1) == 0) {
        op(mem, data, mask);
    }
    __asm__ volatile("emms");
    return got_sig;
}

static uint8_t *page;      /* two pages: [0, 4096) read-write, then the other */
static uint8_t *page_end;

/* The fault as "sig code address" with the address relative to the end of
 * the read-write page (absolute below 64 KiB: 0 for SI_KERNEL faults). */
static void print_fault(void)
{
    if (!got_sig) {
        printf("no fault");
    } else if (got_addr >= 0x10000) {
        printf("sig %d code %d at end%+ld", got_sig, got_code,
               (long)(got_addr - (uintptr_t)page_end));
    } else {
        printf("sig %d code %d at 0x%lx", got_sig, got_code, (unsigned long)got_addr);
    }
}

static void print_bytes(const uint8_t *p, int n)
{
    for (int i = 0; i < n; i++) {
        printf("%02x", p[i]);
    }
}

static uint64_t rng = 0x243f6a8885a308d3ull;

static uint8_t rand8(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return (uint8_t)(rng >> 24);
}

static void fill(uint8_t *p, int n)
{
    for (int i = 0; i < n; i++) {
        p[i] = rand8();
    }
}

/* The second page: 0 unmapped, 1 read-only, 2 no access. */
static void set_second_page(int how)
{
    static const char *const names[] = { "unmapped", "read-only", "no-access" };
    munmap(page_end, 4096);
    if (how) {
        mmap(page_end, 4096, how == 1 ? PROT_READ : PROT_NONE,
             MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
    }
    printf("-- next page %s\n", names[how]);
}

static void stores_at_page_end(void)
{
    uint8_t data[16];
    for (size_t k = 0; k < sizeof(stores) / sizeof(stores[0]); k++) {
        for (int off = 1; off <= stores[k].size; off++) {
            fill(data, 16);
            memset(page_end - 32, 0x5a, 32);
            run(stores[k].op, page_end - off, data, NULL);
            printf("store %s at end-%d: ", stores[k].name, off);
            print_fault();
            printf(", bytes ");
            print_bytes(page_end - 16, 16);
            printf("\n");
        }
    }
    for (size_t k = 0; k < sizeof(loads) / sizeof(loads[0]); k++) {
        for (int off = 1; off <= loads[k].size; off++) {
            uint8_t out[16] = { 0 };
            fill(page_end - 16, 16);
            run(loads[k].op, page_end - off, out, NULL);
            printf("load %s at end-%d: ", loads[k].name, off);
            print_fault();
            printf(", read ");
            print_bytes(out, 16);
            printf("\n");
        }
    }
}

/* An access that reaches the other page with no selected byte there:
 * whether it faults is implementation-specific (SDM, MASKMOVDQU: masked-off
 * bytes may signal exceptions; AMD's CPUs fault, others need not). */
static int maskmov_unspecified(int off, int n, const uint8_t *mask)
{
    if (off >= n) {
        return 0;                   /* entirely on the read-write page */
    }
    for (int i = off < 0 ? 0 : off; i < n; i++) {
        if (mask[i] & 0x80) {
            return 0;               /* a selected byte there: must fault */
        }
    }
    return 1;
}

/* For those: either a fault with nothing written or no fault with exactly
 * the selected bytes written is right; anything else is printed. */
static void print_unspecified_outcome(int sig, int off, int n, const uint8_t *data,
                                      const uint8_t *mask)
{
    uint8_t want[32];
    memset(want, 0x5a, sizeof(want));
    if (sig == 0) {
        for (int i = 0; i < n && i < off; i++) {
            if (mask[i] & 0x80) {
                want[32 - off + i] = data[i];
            }
        }
    }
    if ((sig == 0 || sig == SIGSEGV) && memcmp(page_end - 32, want, 32) == 0) {
        printf("a fault with nothing written, or the selected bytes written");
        return;
    }
    printf("wrong: ");
    print_fault();
    printf(", bytes ");
    print_bytes(page_end - 32, 32);
}

static void maskmov_at_page_end(void)
{
    static const uint8_t pattern[][16] = {
        { 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80,
          0x80, 0x80, 0x80, 0x80 },
        { 0 },
        { 0x80 },
        { 0, 0, 0, 0, 0, 0, 0, 0x80, 0, 0, 0, 0, 0, 0, 0, 0x80 },
        { 0xff, 0x7f, 0x80, 0x01, 0x90, 0, 0xc0, 0x3f, 0x81, 0x80, 0, 0, 0xfe, 0, 0, 0 },
    };
    uint8_t data[16];
    for (int q = 0; q < 2; q++) {
        int n = q ? 8 : 16;
        for (size_t m = 0; m < sizeof(pattern) / sizeof(pattern[0]); m++) {
            for (int off = -32; off <= n; off++) {
                if (off > 3 && off < n - 3 && off != n / 2) {
                    continue;
                }
                fill(data, 16);
                memset(page_end - 32, 0x5a, 32);
                int sig = run(q ? mm_maskmovq : mm_maskmovdqu, page_end - off, data, pattern[m]);
                printf("%s mask %zu at end%+d: ", q ? "maskmovq" : "maskmovdqu", m, -off);
                if (maskmov_unspecified(off, n, pattern[m])) {
                    print_unspecified_outcome(sig, off, n, data, pattern[m]);
                } else {
                    print_fault();
                    printf(", bytes ");
                    print_bytes(page_end - 16, 16);
                }
                printf("\n");
            }
        }
    }
}

/* The byte read of CLFLUSH, and PREFETCHh/hint NOPs that never fault. */
static void flush_and_prefetch(void)
{
    static const struct { const char *name; MemOp op; } ops[] = {
        { "clflush", ot_clflush }, { "clflush disp", ot_clflush_disp },
        { "prefetchnta", ot_prefetchnta }, { "prefetcht0", ot_prefetcht0 },
        { "prefetcht1", ot_prefetcht1 }, { "prefetcht2", ot_prefetcht2 },
        { "0f 18 /4", ot_hint4 }, { "0f 18 /7", ot_hint7 },
        { "0f 18 mod 3", ot_hint_reg },
    };
    const struct { const char *name; void *addr; } where[] = {
        { "end-64", page_end - 64 }, { "end-1", page_end - 1 }, { "end+0", page_end },
        { "end+100", page_end + 100 }, { "null", NULL },
    };
    for (size_t i = 0; i < sizeof(ops) / sizeof(ops[0]); i++) {
        for (size_t w = 0; w < sizeof(where) / sizeof(where[0]); w++) {
            run(ops[i].op, where[w].addr, NULL, NULL);
            printf("%s %s: ", ops[i].name, where[w].name);
            print_fault();
            printf("\n");
        }
    }
}

/* Random MASKMOVQ/MASKMOVDQU into ordinary memory, misaligned too. */
static void maskmov_random(void)
{
    static uint8_t buf[64];
    uint8_t data[16], mask[16];
    uint64_t h = 0;
    for (int i = 0; i < 2000; i++) {
        int q = i & 1, off = rand8() % 40;
        fill(buf, sizeof(buf));
        fill(data, 16);
        fill(mask, 16);
        run(q ? mm_maskmovq : mm_maskmovdqu, buf + off, data, mask);
        for (size_t b = 0; b < sizeof(buf); b++) {
            h = (h ^ buf[b]) * 0x100000001b3ull;
        }
        if (i < 6) {
            printf("maskmov random %d: ", i);
            print_bytes(buf, 64);
            printf("\n");
        }
    }
    printf("maskmov random: 2000 cases, hash %016llx\n", (unsigned long long)h);
}

/* Every ModRM byte of the three fences and PAUSE: they change no register
 * or flag. */
static void fences(void)
{
    static uint8_t *code;
    code = mmap(NULL, 4096, PROT_READ | PROT_WRITE | PROT_EXEC, MAP_PRIVATE | MAP_ANONYMOUS,
                -1, 0);
    int ok = 0, total = 0;
    for (int modrm = 0xe8; modrm <= 0x100; modrm++) {
        uint8_t *p = code;
        if (modrm == 0x100) {
            *p++ = 0xf3;            /* PAUSE */
            *p++ = 0x90;
        } else {
            *p++ = 0x0f;
            *p++ = 0xae;
            *p++ = (uint8_t)modrm;
        }
        *p++ = 0xc3;
        __builtin___clear_cache((char *)code, (char *)p);
        uint32_t a = 0x12345678, c = 0x0badf00d, d = 0xfeedface, f0, f1;
        uint32_t a0 = a, c0 = c, d0 = d;
        __asm__ volatile("pushf\n\tpop %3\n\tcall *%5\n\tpushf\n\tpop %4"
                         : "+a"(a), "+c"(c), "+d"(d), "=&S"(f0), "=&D"(f1)
                         : "m"(code) : "memory", "cc");
        total++;
        ok += a == a0 && c == c0 && d == d0 && f0 == f1;
    }
    printf("fences 0f ae e8..ff and pause: %d of %d leave registers and flags\n", ok, total);
    munmap(code, 4096);
}

/* FXSAVE/FXRSTOR: #GP(0) for every misaligned area; FXRSTOR and LDMXCSR
 * #GP(0) for each reserved MXCSR bit (bit 17 left out: AMD's MXCSR_MASK
 * has it, an Intel part's does not), the state unchanged; an area that
 * crosses into the other page: the fault and nothing written (its address
 * differs between vendors). */
static void fxsave_checks(void)
{
    static uint8_t area[512 + 16] __attribute__((aligned(16)));
    uint32_t mx, fcw = 0;
    for (int off = 0; off < 16; off++) {
        run(ot_fxsave, area + off, NULL, NULL);
        printf("fxsave area+%d: ", off);
        print_fault();
        run(ot_fxrstor, area + off, NULL, NULL);
        printf(", fxrstor: ");
        print_fault();
        printf("\n");
    }
    run(ot_fxsave, area, NULL, NULL);
    memcpy(&mx, area + 24, 4);
    printf("fxsave mxcsr %08x\n", mx);
    for (int bit = 16; bit < 32; bit++) {
        if (bit == 17) {
            continue;
        }
        uint32_t v = 0x1f80 | 1u << bit, saved[128];
        memcpy(saved, area, sizeof(saved));
        memcpy(area + 24, &v, 4);
        area[0] = 0x7e;                         /* FCW 0x037e */
        run(ot_fxrstor, area, NULL, NULL);
        printf("fxrstor mxcsr %08x: ", v);
        print_fault();
        run(st_stmxcsr, &mx, area, NULL);
        __asm__ volatile("fnstcw %0" : "=m"(fcw));
        printf(", mxcsr now %08x fcw %04x", mx, fcw & 0xffff);
        memcpy(area, saved, sizeof(saved));
        run(ot_ldmxcsr, &v, NULL, NULL);
        printf("; ldmxcsr: ");
        print_fault();
        run(st_stmxcsr, &mx, area, NULL);
        printf(", mxcsr now %08x\n", mx);
    }
    for (int how = 0; how < 2; how++) {
        set_second_page(how);
        for (int back = 16; back <= 512; back *= 2) {
            uint8_t *a = page_end - back;
            memset(a, 0x5a, back);
            run(ot_fxsave, a, NULL, NULL);
            int written = 0;
            for (int i = 0; i < back; i++) {
                written += a[i] != 0x5a;
            }
            printf("fxsave at end-%d: %s, %d bytes written\n", back,
                   got_sig ? "fault" : "no fault", written);
            memcpy(a, area, back < 512 ? back : 512);
            a[0] = 0x7e;
            run(ot_fxrstor, a, NULL, NULL);
            __asm__ volatile("fnstcw %0" : "=m"(fcw));
            printf("fxrstor at end-%d: %s, fcw %04x\n", back, got_sig ? "fault" : "no fault",
                   fcw & 0xffff);
            __asm__ volatile("fninit");
        }
    }
}

int main(void)
{
    struct sigaction sa = { 0 };
    sa.sa_sigaction = on_signal;
    sa.sa_flags = SA_SIGINFO | SA_NODEFER;
    sigaction(SIGSEGV, &sa, NULL);
    sigaction(SIGBUS, &sa, NULL);
    sigaction(SIGILL, &sa, NULL);
    page = mmap(NULL, 8192, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (page == MAP_FAILED) {
        perror("mmap");
        return 1;
    }
    page_end = page + 4096;
    for (int how = 0; how < 3; how++) {
        set_second_page(how);
        stores_at_page_end();
        maskmov_at_page_end();
        flush_and_prefetch();
    }
    maskmov_random();
    fences();
    fxsave_checks();
    return 0;
}
