/*
 * Unit tests of the i386 system CPU (target-i386 seg/far/excp/task/io
 * helpers) without a board: the guest's GDT, IDT, TSSs and code live in
 * user pages (the guest-memory API over them, paging off), blocks run
 * through cpu_exec, and exceptions are delivered by calling
 * x86_cpu_do_interrupt as the system CPU loop does. Expected values are
 * derived by hand from the Intel SDM vol. 3A (chapters 5-7).
 */
#include <criterion/criterion.h>
#include <string.h>
#include <sys/mman.h>
#include "exec/cpu.h"
#include "exec/user-pages.h"
#include "target-i386/cpu.h"
#include "target-i386/seg-internal.h"

#define CODE 0x10000u      /* user code */
#define KCODE 0x11000u     /* ring-0 handlers */
#define GDT 0x50000u
#define IDT 0x50800u
#define TSS1 0x51000u
#define TSS2 0x52000u
#define KSTACK 0x58000u
#define USTACK 0x5c000u
#define DFSTACK 0x5e000u

enum {
    SEL_KCODE = 0x08, SEL_KDATA = 0x10, SEL_UCODE = 0x1b, SEL_UDATA = 0x23,
    SEL_TSS1 = 0x28, SEL_CGATE = 0x30, SEL_TSS2 = 0x38, SEL_NP = 0x40,
    SEL_UCODE16 = 0x4b,
};

static uint8_t *g(uint32_t a)
{
    return (uint8_t *)g2h(a);
}

static void put32(uint32_t a, uint32_t v)
{
    memcpy(g(a), &v, 4);
}

static void put16(uint32_t a, uint16_t v)
{
    memcpy(g(a), &v, 2);
}

static uint32_t get32(uint32_t a)
{
    uint32_t v;
    memcpy(&v, g(a), 4);
    return v;
}

/* A segment descriptor: access = P DPL S type byte, fl = G D/B nibble. */
static void set_desc(uint32_t sel, uint32_t base, uint32_t limit, uint32_t access,
                     uint32_t fl)
{
    uint32_t a = GDT + (sel & ~7u);
    put32(a, (limit & 0xffff) | (base << 16));
    put32(a + 4, ((base >> 16) & 0xff) | (access << 8) | (limit & 0xf0000) |
                 (fl << 20) | (base & 0xff000000u));
}

/* A gate: type_byte = P DPL 0 type. */
static void set_gate(uint32_t addr, uint32_t sel, uint32_t off, uint32_t type_byte,
                     uint32_t params)
{
    put32(addr, (off & 0xffff) | (sel << 16));
    put32(addr + 4, (off & 0xffff0000u) | (type_byte << 8) | params);
}

static void load(CPUX86State *env, int seg, uint32_t sel)
{
    uint32_t a = GDT + (sel & ~7u);
    x86_load_seg_cache(env, seg, sel, get32(a), get32(a + 4));
}

/* Protected mode, paging off, at CPL cpl (3: user segments). */
static CPUX86State *setup(const char *backend, int cpl, const uint8_t *code,
                          size_t len)
{
    cr_assert(guest_space_reserve());
    cr_assert(mmap(g2h(CODE), 0x10000, PROT_READ | PROT_WRITE,
                   MAP_FIXED | MAP_PRIVATE | MAP_ANONYMOUS, -1, 0) != MAP_FAILED);
    cr_assert(mmap(g2h(GDT), 0x10000, PROT_READ | PROT_WRITE,
                   MAP_FIXED | MAP_PRIVATE | MAP_ANONYMOUS, -1, 0) != MAP_FAILED);
    page_set_flags(CODE, CODE + 0x10000, PAGE_VALID | PAGE_READ | PAGE_EXEC | PAGE_WRITE);
    page_set_flags(GDT, GDT + 0x10000, PAGE_VALID | PAGE_READ | PAGE_WRITE);
    memcpy(g(CODE), code, len);
    set_desc(SEL_KCODE, 0, 0xfffff, 0x9a, 0xc);
    set_desc(SEL_KDATA, 0, 0xfffff, 0x92, 0xc);
    set_desc(SEL_UCODE, 0, 0xfffff, 0xfa, 0xc);
    set_desc(SEL_UDATA, 0, 0xfffff, 0xf2, 0xc);
    set_desc(SEL_TSS1, TSS1, 0x68 + 16, 0x89, 0);   /* available 32-bit TSS */
    set_desc(SEL_TSS2, TSS2, 0x67, 0x89, 0);
    set_desc(SEL_NP, 0, 0xfffff, 0x72, 0xc);        /* data DPL 3, not present */
    set_desc(SEL_UCODE16, 0, 0xffff, 0xfa, 0);      /* 16-bit code, DPL 3 */
    put32(TSS1 + 4, KSTACK);                        /* ESP0 */
    put32(TSS1 + 8, SEL_KDATA);                     /* SS0 */
    put16(TSS1 + 0x66, 0x68);                       /* I/O map base */
    g(TSS1 + 0x68 + (0x61 >> 3))[0] = 1u << (0x61 & 7);  /* port 0x61 denied */
    tcg_exec_init(&x86_guest_arch, backend, 8 << 20);
    CPUX86State *env = (CPUX86State *)cpu_create(&x86_guest_arch);
    env->cr[0] = CR0_PE_MASK | CR0_ET_MASK;
    env->old_exception = -1;
    env->gdtr.base = GDT;
    env->gdtr.limit = 0x7f;
    env->idtr.base = IDT;
    env->idtr.limit = 0x7ff;
    env->tr.selector = SEL_TSS1;
    env->tr.base = TSS1;
    env->tr.limit = 0x68 + 16;
    env->tr.flags = X86_DESC_P | (X86_SYS_TSS32_BUSY << 8);
    g(GDT + SEL_TSS1 + 5)[0] |= 2;                  /* busy */
    env->eflags = 0x202;
    env->df = 1;
    env->cc_op = CC_OP_EFLAGS;
    env->hflags = (uint32_t)cpl;
    load(env, R_CS, cpl == 3 ? SEL_UCODE : SEL_KCODE);
    for (int s = 0; s < NB_SEGS; s++) {
        if (s != R_CS) {
            load(env, s, cpl == 3 ? SEL_UDATA : SEL_KDATA);
        }
    }
    x86_update_hflags(env);
    env->eip = CODE;
    env->regs[R_ESP] = cpl == 3 ? USTACK : KSTACK;
    return env;
}

static int run(CPUX86State *env)
{
    for (;;) {
        int e = cpu_exec(&env->cs);
        if (e != EXCP_INTERRUPT && e != EXCP_NONE) {
            return e;
        }
    }
}

/* Delivers the pending exception as the system CPU loop does: a fault
 * during the delivery leaves through cpu_loop_exit with the new
 * exception in exception_index. */
static void deliver(CPUX86State *env)
{
    CPUState *cpu = &env->cs;
    cpu->in_exec = true;
    if (sigsetjmp(cpu->jmp_env, 0) == 0) {
        x86_cpu_do_interrupt(cpu);
    }
    cpu->in_exec = false;
}

/* Delivers the pending exception and runs on. */
static int deliver_and_run(CPUX86State *env)
{
    deliver(env);
    cr_assert_eq(env->cs.exception_index, EXCP_NONE, "delivered");
    return run(env);
}

static int cpl(CPUX86State *env)
{
    return env->hflags & HF_CPL_MASK;
}

/* ---- descriptor fields (SDM 3.4.5) ---- */

Test(x86_sys, descriptor_fields)
{
    /* base 0x12345678, limit 0xabcde, G = 1 */
    uint32_t e1 = 0x5678bcde, e2 = 0x128a9234u | (0xau << 16);
    cr_assert_eq(x86_desc_base(e1, e2), 0x12345678);
    cr_assert_eq(x86_desc_limit(e1, e2), 0xabcdefff);
    cr_assert_eq(x86_desc_limit(e1, e2 & ~(uint32_t)X86_DESC_G), 0xabcde);
    cr_assert_eq(X86_DESC_DPL(e2), 0);
    cr_assert_eq(X86_DESC_TYPE(e2), 2);
}

/* ---- INT 0x80 from ring 3 through an interrupt gate, IRET back ---- */

/* user: int $0x80; hlt (-> #GP at CPL 3).  kernel: hlt; iret */
static const uint8_t user_int80[] = { 0xcd, 0x80, 0xf4 };
static const uint8_t kern_hlt_iret[] = { 0xf4, 0xcf };

static void int80_roundtrip(const char *backend)
{
    CPUX86State *env = setup(backend, 3, user_int80, sizeof(user_int80));
    memcpy(g(KCODE), kern_hlt_iret, sizeof(kern_hlt_iret));
    set_gate(IDT + 0x80 * 8, SEL_KCODE, KCODE, 0xee, 0);   /* int gate, DPL 3 */
    env->regs[R_EAX] = 42;
    int e = run(env);
    cr_assert_eq(e, 0x80);
    cr_assert(env->exception_is_int);
    e = deliver_and_run(env);
    cr_assert_eq(e, EXCP_HLT, "the handler's hlt at CPL 0 (got %d)", e);
    cr_assert_eq(cpl(env), 0);
    cr_assert_eq(env->segs[R_CS].selector, SEL_KCODE);
    cr_assert_eq(env->segs[R_SS].selector, SEL_KDATA, "SS0 from the TSS");
    cr_assert_eq(env->regs[R_ESP], KSTACK - 20, "SS ESP EFLAGS CS EIP pushed");
    cr_assert_eq(get32(KSTACK - 20), CODE + 2, "return EIP after int");
    cr_assert_eq(get32(KSTACK - 16), SEL_UCODE);
    cr_assert_eq(get32(KSTACK - 12) & IF_MASK, IF_MASK, "EFLAGS pushed with IF");
    cr_assert_eq(get32(KSTACK - 8), USTACK);
    cr_assert_eq(get32(KSTACK - 4), SEL_UDATA);
    cr_assert_eq(env->eflags & IF_MASK, 0, "interrupt gate clears IF");
    cr_assert_eq(env->regs[R_EAX], 42);
    /* iret back to ring 3, where hlt faults */
    e = run(env);
    cr_assert_eq(e, EXCP0D_GPF);
    cr_assert_eq(env->cs.error_code, 0);
    cr_assert_eq(cpl(env), 3);
    cr_assert_eq(env->eip, CODE + 2, "#GP at the hlt");
    cr_assert_eq(env->regs[R_ESP], USTACK);
    cr_assert_eq(env->segs[R_SS].selector, SEL_UDATA);
    cr_assert_eq(env->eflags & IF_MASK, IF_MASK, "IF restored");
}

Test(x86_sys, int80_roundtrip_jit) { int80_roundtrip("jit"); }
Test(x86_sys, int80_roundtrip_interp) { int80_roundtrip("interp"); }

/* INT n through a DPL 0 gate from ring 3: #GP(n * 8 + 2). */
Test(x86_sys, int_gate_dpl)
{
    CPUX86State *env = setup("jit", 3, user_int80, sizeof(user_int80));
    set_gate(IDT + 0x80 * 8, SEL_KCODE, KCODE, 0x8e, 0);   /* DPL 0 */
    set_gate(IDT + 13 * 8, SEL_KCODE, KCODE, 0x8f, 0);     /* trap gate */
    memcpy(g(KCODE), kern_hlt_iret, sizeof(kern_hlt_iret));
    cr_assert_eq(run(env), 0x80);
    deliver(env);
    /* the delivery faulted: #GP with the IDT error code, at the int */
    cr_assert_eq(env->cs.exception_index, EXCP0D_GPF);
    cr_assert_eq(env->cs.error_code, 0x80 * 8 + 2);
    cr_assert_eq(env->eip, CODE);
    cr_assert_eq(deliver_and_run(env), EXCP_HLT);
    cr_assert_eq(get32(KSTACK - 24), 0x80 * 8 + 2, "error code pushed");
    cr_assert_eq(get32(KSTACK - 20), CODE, "fault: EIP of the int");
    cr_assert_eq(env->eflags & IF_MASK, IF_MASK, "trap gate keeps IF");
}

/* ---- segment loads: #NP(sel), #GP(sel) ---- */

/* mov $0x43,%eax; mov %eax,%ds */
static const uint8_t load_np[] = { 0xb8, 0x43, 0, 0, 0, 0x8e, 0xd8 };
/* mov $0x13,%eax; mov %eax,%ds  (DPL 0 data from CPL 3) */
static const uint8_t load_priv[] = { 0xb8, 0x13, 0, 0, 0, 0x8e, 0xd8 };
/* mov $0x23,%eax; mov %eax,%ss  (fine) ; mov $0x1b,%eax; mov %eax,%ss */
static const uint8_t load_ss_code[] = {
    0xb8, 0x23, 0, 0, 0, 0x8e, 0xd0, 0xb8, 0x1b, 0, 0, 0, 0x8e, 0xd0,
};

Test(x86_sys, segment_load_faults)
{
    CPUX86State *env = setup("jit", 3, load_np, sizeof(load_np));
    cr_assert_eq(run(env), EXCP0B_NOSEG);
    cr_assert_eq(env->cs.error_code, SEL_NP);
    cr_assert_eq(env->eip, CODE + 5);

    env = setup("jit", 3, load_priv, sizeof(load_priv));
    cr_assert_eq(run(env), EXCP0D_GPF);
    cr_assert_eq(env->cs.error_code, 0x10);

    env = setup("interp", 3, load_ss_code, sizeof(load_ss_code));
    cr_assert_eq(run(env), EXCP0D_GPF);
    cr_assert_eq(env->cs.error_code, 0x18, "SS = code segment");
    cr_assert_eq(env->eip, CODE + 12);
    cr_assert(get32(GDT + 0x20 + 4) & X86_DESC_A, "accessed bit set by the load");
}

/* ---- far CALL through a call gate to ring 0 with a parameter, LRET ---- */

/* push $0x55; lcall $0x33,$0; hlt */
static const uint8_t user_lcall[] = {
    0x6a, 0x55, 0x9a, 0, 0, 0, 0, 0x33, 0, 0xf4,
};
/* kernel: mov 8(%esp),%eax (the copied parameter); hlt; lret $4 */
static const uint8_t kern_lret[] = { 0x8b, 0x44, 0x24, 0x08, 0xf4, 0xca, 4, 0 };

Test(x86_sys, call_gate_inner)
{
    CPUX86State *env = setup("jit", 3, user_lcall, sizeof(user_lcall));
    set_gate(GDT + SEL_CGATE, SEL_KCODE, KCODE, 0xec, 1);  /* call gate DPL 3, 1 param */
    memcpy(g(KCODE), kern_lret, sizeof(kern_lret));
    cr_assert_eq(run(env), EXCP_HLT);
    cr_assert_eq(cpl(env), 0);
    cr_assert_eq(env->regs[R_EAX], 0x55, "parameter copied to the new stack");
    /* new stack: SS ESP param CS EIP */
    cr_assert_eq(env->regs[R_ESP], KSTACK - 20);
    cr_assert_eq(get32(KSTACK - 4), SEL_UDATA);
    cr_assert_eq(get32(KSTACK - 8), USTACK - 4);
    cr_assert_eq(get32(KSTACK - 16), SEL_UCODE);
    cr_assert_eq(get32(KSTACK - 20), CODE + 9);
    /* lret $4 to ring 3 pops the parameter on both stacks */
    cr_assert_eq(run(env), EXCP0D_GPF);
    cr_assert_eq(cpl(env), 3);
    cr_assert_eq(env->eip, CODE + 9);
    cr_assert_eq(env->regs[R_ESP], USTACK, "outer ESP + 4");
    cr_assert_eq(env->segs[R_SS].selector, SEL_UDATA);
}

/* ---- double fault through a task gate; triple fault ---- */

/* ud2 at CPL 0 */
static const uint8_t kern_ud2[] = { 0x0f, 0x0b };

Test(x86_sys, double_fault_task_gate)
{
    CPUX86State *env = setup("jit", 0, kern_ud2, sizeof(kern_ud2));
    /* #UD's gate names a data segment as CS: #GP(sel | EXT); #GP's gate
     * is not present: #NP during #GP (contributory twice) -> #DF, whose
     * task gate switches to TSS2. */
    set_gate(IDT + 6 * 8, SEL_KDATA, KCODE, 0x8e, 0);
    set_gate(IDT + 13 * 8, SEL_KCODE, KCODE, 0x0e, 0);     /* not present */
    set_gate(IDT + 8 * 8, SEL_TSS2, 0, 0x85, 0);           /* task gate */
    put32(TSS2 + 0x20, KCODE);                             /* EIP */
    put32(TSS2 + 0x24, 0x2);                               /* EFLAGS */
    put32(TSS2 + 0x38, DFSTACK);                           /* ESP */
    put32(TSS2 + 0x4c, SEL_KCODE);                         /* CS */
    put32(TSS2 + 0x50, SEL_KDATA);                         /* SS */
    put32(TSS2 + 0x54, SEL_KDATA);                         /* DS */
    put32(TSS2 + 0x48, SEL_KDATA);                         /* ES */
    memcpy(g(KCODE), kern_hlt_iret, sizeof(kern_hlt_iret));
    env->regs[R_EBX] = 0x1234;
    cr_assert_eq(run(env), EXCP06_ILLOP);
    deliver(env);
    cr_assert_eq(env->cs.exception_index, EXCP0D_GPF);
    cr_assert_eq(env->cs.error_code, SEL_KDATA | 1, "EXT set");
    deliver(env);
    cr_assert_eq(env->cs.exception_index, EXCP0B_NOSEG);
    cr_assert_eq(env->cs.error_code, 13 * 8 + 2 + 1);
    cr_assert_eq(deliver_and_run(env), EXCP_HLT, "#DF handler task runs");
    cr_assert_eq(env->tr.selector, SEL_TSS2);
    cr_assert_eq(env->regs[R_ESP], DFSTACK - 4, "error code 0 pushed");
    cr_assert_eq(get32(DFSTACK - 4), 0);
    cr_assert_eq(get32(TSS2) & 0xffff, SEL_TSS1, "back link");
    cr_assert_eq(x86_cpu_get_eflags(env) & NT_MASK, NT_MASK, "nested task");
    cr_assert_eq(get32(TSS1 + 0x34), 0x1234, "EBX saved in the old TSS");
    cr_assert_eq(get32(TSS1 + 0x20), CODE, "EIP of the faulting ud2 saved");
    cr_assert(get32(GDT + SEL_TSS2 + 4) & (2u << 8), "new TSS busy");
    cr_assert(get32(GDT + SEL_TSS1 + 4) & (2u << 8), "old TSS still busy");
    cr_assert(env->cr[0] & CR0_TS_MASK, "CR0.TS set by the switch");
}

Test(x86_sys, triple_fault)
{
    CPUX86State *env = setup("jit", 0, kern_ud2, sizeof(kern_ud2));
    env->idtr.limit = 0;   /* every delivery faults */
    cr_assert_eq(run(env), EXCP06_ILLOP);
    deliver(env);   /* #UD -> #GP(6*8+2+1): #UD is benign */
    cr_assert_eq(env->cs.exception_index, EXCP0D_GPF);
    cr_assert_eq(env->cs.error_code, 6 * 8 + 3);
    deliver(env);   /* #GP's delivery faults too */
    cr_assert_eq(env->cs.exception_index, EXCP0D_GPF);
    cr_assert_eq(env->cs.error_code, 13 * 8 + 3);
    deliver(env);   /* #GP during #GP -> #DF, whose delivery faults */
    cr_assert_eq(env->cs.exception_index, EXCP0D_GPF);
    cr_assert_eq(env->cs.error_code, 8 * 8 + 3, "#DF's own delivery faulted");
    deliver(env);
    cr_assert_eq(env->cs.exception_index, EXCP_RESET, "shutdown");
}

/* ---- I/O permission bitmap, CLI/STI and IOPL ---- */

/* in $0x60,%al; in $0x61,%al */
static const uint8_t user_in[] = { 0xe4, 0x60, 0xe4, 0x61 };
/* cli */
static const uint8_t user_cli[] = { 0xfa, 0xf4 };

Test(x86_sys, io_bitmap)
{
    CPUX86State *env = setup("jit", 3, user_in, sizeof(user_in));
    cr_assert_eq(run(env), EXCP0D_GPF, "port 0x61 denied by the bitmap");
    cr_assert_eq(env->eip, CODE + 2, "port 0x60 was allowed");
    cr_assert_eq(env->cs.error_code, 0);
}

Test(x86_sys, cli_iopl)
{
    CPUX86State *env = setup("jit", 3, user_cli, sizeof(user_cli));
    cr_assert_eq(run(env), EXCP0D_GPF, "CLI at CPL 3, IOPL 0");
    cr_assert_eq(env->eip, CODE);
    env = setup("interp", 3, user_cli, sizeof(user_cli));
    env->eflags |= IOPL_MASK;
    cr_assert_eq(run(env), EXCP0D_GPF, "then HLT faults");
    cr_assert_eq(env->eip, CODE + 1);
    cr_assert_eq(env->eflags & IF_MASK, 0, "CLI at IOPL 3");
}

/* ---- SYSENTER / SYSEXIT ---- */

/* user: sysenter.  kernel: hlt; sysexit */
static const uint8_t user_sysenter[] = { 0x0f, 0x34 };
static const uint8_t kern_sysexit[] = { 0xf4, 0x0f, 0x35 };

Test(x86_sys, sysenter_sysexit)
{
    CPUX86State *env = setup("jit", 3, user_sysenter, sizeof(user_sysenter));
    memcpy(g(KCODE), kern_sysexit, sizeof(kern_sysexit));
    env->sysenter_cs = SEL_KCODE;
    env->sysenter_esp = KSTACK;
    env->sysenter_eip = KCODE;
    env->regs[R_ECX] = USTACK - 0x100;
    env->regs[R_EDX] = CODE + 0x40;
    g(CODE + 0x40)[0] = 0xf4;
    cr_assert_eq(run(env), EXCP_HLT);
    cr_assert_eq(cpl(env), 0);
    cr_assert_eq(env->segs[R_CS].selector, SEL_KCODE);
    cr_assert_eq(env->segs[R_SS].selector, SEL_KCODE + 8);
    cr_assert_eq(env->regs[R_ESP], KSTACK);
    cr_assert_eq(env->eflags & IF_MASK, 0);
    cr_assert_eq(run(env), EXCP0D_GPF, "back at CPL 3: hlt faults");
    cr_assert_eq(cpl(env), 3);
    cr_assert_eq(env->segs[R_CS].selector, SEL_KCODE + 16 + 3);
    cr_assert_eq(env->segs[R_SS].selector, SEL_KCODE + 24 + 3);
    cr_assert_eq(env->regs[R_ESP], USTACK - 0x100);
    cr_assert_eq(env->eip, CODE + 0x40);
}

/* ---- real mode: INT through the IVT, IRET ---- */

/* 16-bit code at 0x1000:0000 (linear CODE): int $0x10; hlt.
 * handler at 0x1100:0000 (linear KCODE): hlt; iret */
static const uint8_t real_int[] = { 0xcd, 0x10, 0xf4 };

Test(x86_sys, real_mode_int_iret)
{
    CPUX86State *env = setup("jit", 0, real_int, sizeof(real_int));
    memcpy(g(KCODE), kern_hlt_iret, sizeof(kern_hlt_iret));
    env->cr[0] = 0;
    x86_update_hflags(env);
    env->idtr.base = GDT;          /* the IVT, somewhere mapped */
    env->idtr.limit = 0x3ff;
    put16(GDT + 0x10 * 4, 0);
    put16(GDT + 0x10 * 4 + 2, KCODE >> 4);
    for (int s = 0; s < NB_SEGS; s++) {
        env->segs[s].flags = X86_DESC_P | X86_DESC_S | X86_DESC_RW | X86_DESC_A;
        env->segs[s].limit = 0xffff;
    }
    env->segs[R_CS].flags |= X86_DESC_CODE;
    x86_load_seg(env, R_CS, CODE >> 4, 0);
    x86_load_seg(env, R_SS, USTACK >> 4, 0);   /* SS base = USTACK */
    env->eip = 0;
    env->regs[R_ESP] = 0x100;
    x86_update_hflags(env);
    cr_assert_eq(env->hflags & (HF_PE_MASK | HF_CS32_MASK | HF_CPL_MASK), 0);
    cr_assert_eq(run(env), 0x10);
    cr_assert_eq(deliver_and_run(env), EXCP_HLT);
    cr_assert_eq(env->segs[R_CS].selector, KCODE >> 4);
    cr_assert_eq(env->segs[R_CS].base, KCODE);
    cr_assert_eq(env->regs[R_ESP], 0x100 - 6);
    cr_assert_eq(*(uint16_t *)g(USTACK + 0x100 - 6), 2, "IP after int");
    cr_assert_eq(*(uint16_t *)g(USTACK + 0x100 - 4), CODE >> 4, "CS");
    cr_assert_eq(env->eflags & IF_MASK, 0);
    cr_assert_eq(run(env), EXCP_HLT, "iret, then the hlt after int");
    cr_assert_eq(env->eip, 3);
    cr_assert_eq(env->segs[R_CS].base, CODE);
    cr_assert_eq(env->regs[R_ESP], 0x100);
    cr_assert_eq(env->eflags & IF_MASK, IF_MASK);
}

/* ---- data accesses through non-flat segments (SDM 5.3, 5.4) ---- */

/* mov $0x48,%eax; mov %eax,%ds; mov 0xffc,%eax; mov 0xffe,%eax */
static const uint8_t seg_limit[] = {
    0xb8, 0x48, 0, 0, 0, 0x8e, 0xd8, 0xa1, 0xfc, 0x0f, 0, 0, 0xa1, 0xfe, 0x0f, 0, 0,
};
/* mov $0x50,%eax; mov %eax,%es; mov %es:DFSTACK,%ecx; mov %eax,%es:DFSTACK */
static const uint8_t seg_ro[] = {
    0xb8, 0x50, 0, 0, 0, 0x8e, 0xc0, 0x26, 0x8b, 0x0d, 0, 0xe0, 5, 0,
    0x26, 0xa3, 0, 0xe0, 5, 0,
};
/* mov $0x58,%eax; mov %eax,%es; mov %es:0x1000,%eax; mov %es:0x800,%eax */
static const uint8_t seg_down[] = {
    0xb8, 0x58, 0, 0, 0, 0x8e, 0xc0, 0x26, 0xa1, 0, 0x10, 0, 0,
    0x26, 0xa1, 0, 0x08, 0, 0,
};

Test(x86_sys, segment_access_checks)
{
    CPUX86State *env = setup("jit", 0, seg_limit, sizeof(seg_limit));
    set_desc(0x48, DFSTACK, 0xfff, 0x92, 0x4);        /* limit 0xfff, bytes */
    put32(DFSTACK + 0xffc, 0xabcd1234);
    cr_assert_eq(run(env), EXCP0D_GPF, "read past the limit");
    cr_assert_eq(env->cs.error_code, 0);
    cr_assert_eq(env->eip, CODE + 12);
    cr_assert_eq(env->regs[R_EAX], 0xabcd1234, "last dword inside the limit read");

    env = setup("interp", 0, seg_ro, sizeof(seg_ro));
    set_desc(0x50, 0, 0xfffff, 0x90, 0xc);            /* read-only data */
    cr_assert_eq(run(env), EXCP0D_GPF, "write to a read-only segment");
    cr_assert_eq(env->eip, CODE + 14, "the read before it was fine");

    env = setup("jit", 0, seg_down, sizeof(seg_down));
    set_desc(0x58, DFSTACK - 0x1000, 0xfff, 0x96, 0x4); /* expand-down, B */
    cr_assert_eq(run(env), EXCP0D_GPF, "expand-down: offset below the limit");
    cr_assert_eq(env->eip, CODE + 13, "offset 0x1000 (above the limit) was fine");
    cr_assert_eq(env->regs[R_EAX], get32(DFSTACK), "read at offset 0x1000");
}

/* ---- external interrupts: IF, the STI shadow, the vector ---- */

static int fake_pic_vector(void *opaque)
{
    return *(int *)opaque;
}

/* sti; nop; hlt */
static const uint8_t kern_sti[] = { 0xfb, 0x90, 0xf4 };

Test(x86_sys, exec_interrupt_if_and_shadow)
{
    static int vector = 0x40;
    CPUX86State *env = setup("jit", 0, kern_sti, sizeof(kern_sti));
    CPUState *cpu = &env->cs;
    set_gate(IDT + 0x40 * 8, SEL_KCODE, KCODE, 0x8e, 0);
    env->get_intr_vector = fake_pic_vector;
    env->intr_opaque = &vector;
    env->eflags &= ~(uint32_t)IF_MASK;
    cpu->interrupt_request = CPU_INTERRUPT_HARD;
    cr_assert(!x86_cpu_exec_interrupt(cpu, cpu->interrupt_request), "IF = 0");
    /* STI leaves the shadow set for the next instruction */
    cpu->exit_request = 0;
    env->hflags |= HF_INHIBIT_IRQ_MASK;
    env->eflags |= IF_MASK;
    cr_assert(!x86_cpu_exec_interrupt(cpu, cpu->interrupt_request), "STI shadow");
    /* running the nop (alone, in the shadow block) ends the shadow */
    env->eip = CODE + 1;
    cr_assert_eq(run(env), EXCP_HLT);
    cr_assert_eq(env->hflags & HF_INHIBIT_IRQ_MASK, 0, "shadow over after one insn");
    cr_assert(x86_cpu_exec_interrupt(cpu, cpu->interrupt_request));
    cr_assert_eq(cpu->interrupt_request & CPU_INTERRUPT_HARD, 0, "acknowledged");
    cr_assert_eq(env->eip, KCODE);
    cr_assert_eq(env->regs[R_ESP], KSTACK - 12, "EIP CS EFLAGS, no error code");
    cr_assert_eq(get32(KSTACK - 12), CODE + 3, "returns after the hlt");
    cr_assert_eq(env->eflags & IF_MASK, 0);
}

/* The translator sets the shadow: sti ends its block with it set. */
Test(x86_sys, sti_sets_shadow)
{
    /* sti; hlt at CPL 0: the hlt block clears the shadow before halting */
    static const uint8_t code[] = { 0xfa, 0xfb, 0xf4 };
    CPUX86State *env = setup("interp", 0, code, sizeof(code));
    cr_assert_eq(run(env), EXCP_HLT);
    cr_assert_eq(env->eflags & IF_MASK, IF_MASK);
    cr_assert_eq(env->hflags & HF_INHIBIT_IRQ_MASK, 0);
    cr_assert_eq(env->eip, CODE + 3);
}

/* ---- EFLAGS.TF: the single-step trap (SDM 17.3.1.4) ---- */

/* pushf; orl $0x100,(%esp); popf; nop; nop */
static const uint8_t user_tf[] = {
    0x9c, 0x81, 0x0c, 0x24, 0x00, 0x01, 0, 0, 0x9d, 0x90, 0x90,
};

static void single_step(const char *backend)
{
    CPUX86State *env = setup(backend, 3, user_tf, sizeof(user_tf));
    cr_assert_eq(run(env), EXCP01_DB);
    cr_assert(!env->exception_is_int);
    cr_assert_eq(env->eip, CODE + 10, "trap after the first insn run with TF");
    cr_assert(env->dr[6] & (1u << 14), "DR6.BS");
    cr_assert(env->eflags & TF_MASK);
}

Test(x86_sys, single_step_jit) { single_step("jit"); }
Test(x86_sys, single_step_interp) { single_step("interp"); }

/* NMI: taken even with IF = 0, then blocked until the next IRET (6.7.1). */
Test(x86_sys, nmi_blocked_until_iret)
{
    CPUX86State *env = setup("jit", 0, kern_hlt_iret, sizeof(kern_hlt_iret));
    CPUState *cpu = &env->cs;
    set_gate(IDT + 2 * 8, SEL_KCODE, KCODE, 0x8e, 0);
    memcpy(g(KCODE), kern_hlt_iret, sizeof(kern_hlt_iret));
    env->eflags &= ~(uint32_t)IF_MASK;
    cpu->interrupt_request = CPU_INTERRUPT_NMI;
    cr_assert(x86_cpu_exec_interrupt(cpu, cpu->interrupt_request), "NMI ignores IF");
    cr_assert_eq(env->eip, KCODE);
    cpu->interrupt_request = CPU_INTERRUPT_NMI;
    cr_assert(!x86_cpu_exec_interrupt(cpu, cpu->interrupt_request), "blocked");
    cr_assert_eq(run(env), EXCP_HLT);   /* the handler's hlt */
    cr_assert_eq(run(env), EXCP_HLT);   /* iret, then the hlt at CODE */
    cr_assert_eq(env->eip, CODE + 1);
    cr_assert(x86_cpu_exec_interrupt(cpu, cpu->interrupt_request), "unblocked by IRET");
}
