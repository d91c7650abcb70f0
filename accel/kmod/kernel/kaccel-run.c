// SPDX-License-Identifier: GPL-2.0
/* Running guest ring-3 code: the checks on the guest state, the VM's GDT
 * and IDT, the loop around the world switch (host interrupts forwarded,
 * signals, need_resched and the time slice honoured) and the decoding of
 * each exit into a reason for user space. */
#include <linux/sched.h>
#include <linux/sched/signal.h>
#include <linux/ktime.h>
#include <linux/mm.h>
#include <asm/fpu/api.h>
#include <asm/fpu/xcr.h>
#include <asm/fpu/types.h>
#include <asm/desc.h>
#include <asm/msr.h>
#include <asm/special_insns.h>
#include <asm/processor-flags.h>
#include <asm/debugreg.h>
#include "kaccel-int.h"

#define SEG_TYPE_A     (1u << 8)
#define SEG_TYPE_RW    (1u << 9)   /* data: writable; code: readable */
#define SEG_TYPE_CONF  (1u << 10)
#define SEG_TYPE_CODE  (1u << 11)
#define SEG_S          (1u << 12)
#define SEG_DPL3       (3u << 13)
#define SEG_P          (1u << 15)
#define SEG_L          (1u << 21)
#define SEG_B          (1u << 22)
#define SEG_G          (1u << 23)

/* EFLAGS bits ring-3 guest code may hold natively. */
#define KACCEL_EFLAGS_GUEST (X86_EFLAGS_CF | X86_EFLAGS_PF | X86_EFLAGS_AF | \
	X86_EFLAGS_ZF | X86_EFLAGS_SF | X86_EFLAGS_TF | X86_EFLAGS_DF | \
	X86_EFLAGS_OF | X86_EFLAGS_NT | X86_EFLAGS_RF | X86_EFLAGS_AC | \
	X86_EFLAGS_ID)

static bool kaccel_seg_desc(const struct kaccel_segment *s, u64 *desc)
{
	u32 limit = s->limit, f = s->flags;

	if (f & SEG_G) {
		if ((limit & 0xfff) != 0xfff)
			return false;
		limit >>= 12;
	} else if (limit > 0xfffff) {
		return false;
	}
	f = (f & 0x00f0ff00) | SEG_TYPE_A;
	*desc = ((u64)((s->base & 0xff000000) | f | (limit & 0x000f0000) |
		       ((s->base >> 16) & 0xff)) << 32) |
		((s->base & 0xffff) << 16) | (limit & 0xffff);
	return true;
}

/* Can this segment be held natively at CPL 3? */
static bool kaccel_seg_ok(int i, const struct kaccel_segment *s)
{
	u32 f = s->flags, idx = s->selector >> 3;
	bool code = f & SEG_TYPE_CODE;
	bool dpl3 = (f & SEG_DPL3) == SEG_DPL3;

	if (s->selector > 0xffff)
		return false;
	if (i != KACCEL_CS && i != KACCEL_SS && (s->selector & ~3) == 0)
		return true;           /* null data segment */
	if ((s->selector & 4) || idx == 0 || idx == 2 || idx == 3)
		return false;          /* LDT, null, or the module's own */
	if (!(f & SEG_P) || !(f & SEG_S) || (f & SEG_L))
		return false;
	/* IRET to a 16-bit stack would leave bits 31:16 of the module's RSP
	 * in the guest's ESP (what espfix64 hides for the host): no 16-bit
	 * writable data segment is ever loadable natively. */
	if (!code && (f & SEG_TYPE_RW) && !(f & SEG_B))
		return false;
	switch (i) {
	case KACCEL_CS:
		return code && (s->selector & 3) == 3 &&
		       (dpl3 || (f & SEG_TYPE_CONF));
	case KACCEL_SS:
		return !code && (f & SEG_TYPE_RW) && dpl3 && (s->selector & 3) == 3;
	default:
		if (code)
			return (f & SEG_TYPE_RW) && (dpl3 || (f & SEG_TYPE_CONF));
		return dpl3;
	}
}

int kaccel_check_regs(struct kaccel_vm *vm, const struct kaccel_regs *r)
{
	u64 desc[KACCEL_NB_SEGS];
	int i, j;

	for (i = 0; i < 4; i++)
		if ((r->pdpte[i] & 1) && (r->pdpte[i] & 0xfffffff0000001e6ULL))
			return -EINVAL;    /* reserved bits: CR3 load would #GP */
	if (!(r->cr0 & X86_CR0_PE) || !(r->cr0 & X86_CR0_PG))
		return -EINVAL;
	if (!(r->eflags & X86_EFLAGS_IF) || (r->eflags & (X86_EFLAGS_IOPL |
	    X86_EFLAGS_VM | X86_EFLAGS_VIF | X86_EFLAGS_VIP)))
		return -EINVAL;
	if (r->efer & ~(u64)EFER_NX)
		return -EINVAL;
	for (i = 0; i < KACCEL_NB_SEGS; i++) {
		if (!kaccel_seg_ok(i, &r->seg[i]) || !kaccel_seg_desc(&r->seg[i], &desc[i]))
			return -EINVAL;
		if ((r->seg[i].selector & ~3) == 0)
			continue;
		for (j = 0; j < i; j++)
			if ((r->seg[j].selector >> 3) == (r->seg[i].selector >> 3) &&
			    desc[j] != desc[i])
				return -EINVAL;
	}
	return 0;
}

/* Puts the descriptors of the loaded segments at their selectors' indices
 * in the VM's GDT; everything else stays empty, so loading any other
 * selector faults and the translator does it. */
static void kaccel_load_gdt(struct kaccel_vm *vm)
{
	int i;

	for (i = 0; i < KACCEL_NB_SEGS; i++)
		if (vm->gdt_used[i])
			vm->gdt[vm->gdt_used[i]] = 0;
	for (i = 0; i < KACCEL_NB_SEGS; i++) {
		const struct kaccel_segment *s = &vm->regs.seg[i];
		u64 d;

		vm->gdt_used[i] = 0;
		if ((s->selector & ~3) == 0 || !kaccel_seg_desc(s, &d))
			continue;
		vm->gdt[s->selector >> 3] = d;
		vm->gdt_used[i] = s->selector >> 3;
	}
}

/* After an exit: a segment register that changed now holds one of the
 * descriptors installed above (or null). */
static void kaccel_sync_seg(struct kaccel_vm *vm, int i, u16 sel)
{
	struct kaccel_segment *s = &vm->regs.seg[i];
	int j;

	if (sel == s->selector)
		return;
	for (j = 0; j < KACCEL_NB_SEGS; j++)
		if (vm->gdt_used[j] && vm->gdt_used[j] == (sel >> 3)) {
			*s = vm->regs.seg[j];
			s->selector = sel;
			return;
		}
	s->selector = sel;
	s->base = s->limit = s->flags = 0;
}

int kaccel_build_idt(struct kaccel_vm *vm)
{
	u64 *idt = (u64 *)vm->area->idt;
	int v;

	for (v = 0; v < 256; v++) {
		u64 a = (u64)kaccel_switch_stubs + 16 * v;

		idt[2 * v] = (a & 0xffff) | ((u64)KS_KERNEL_CS << 16) |
			     (0x8eULL << 40) | ((a & 0xffff0000ULL) << 32);
		idt[2 * v + 1] = a >> 32;
	}
	vm->gdt[KS_KERNEL_CS >> 3] = 0x00af9b000000ffffULL;
	vm->gdt[KS_KERNEL_DS >> 3] = 0x00cf93000000ffffULL;
	return 0;
}

/* Guest FPU image for XRSTOR: the FXSAVE area, then a header that keeps
 * x87 and SSE and puts every other component in its initial state. */
struct kaccel_xbuf {
	u8 legacy[512];
	u64 xstate_bv, xcomp_bv, rsvd[6];
} __aligned(64);

static void kaccel_fpu_load(struct kaccel_vm *vm, struct kaccel_xbuf *x)
{
	if (boot_cpu_has(X86_FEATURE_XSAVE)) {
		u64 mask = xgetbv(XCR_XFEATURE_ENABLED_MASK) &
			   ~(XFEATURE_MASK_PKRU | XFEATURE_MASK_XTILE);

		memcpy(x->legacy, vm->fpu.fxsave, 512);
		x->xstate_bv = XFEATURE_MASK_FPSSE;
		x->xcomp_bv = 0;
		memset(x->rsvd, 0, sizeof(x->rsvd));
		asm volatile("xrstor %0" : : "m"(*x), "a"((u32)mask),
			     "d"((u32)(mask >> 32)) : "memory");
	} else {
		asm volatile("fxrstor %0" : : "m"(vm->fpu) : "memory");
	}
}

static void kaccel_fpu_save(struct kaccel_vm *vm)
{
	asm volatile("fxsave %0" : "=m"(vm->fpu) : : "memory");
}

/* MXCSR bits FXRSTOR accepts (the CPU's MXCSR_MASK, SDM 10.5.1.2). */
static u32 kaccel_mxcsr_mask = 0xffbf;

void kaccel_fpu_init(void)
{
	struct kaccel_fpu f __aligned(16);
	u32 mask;

	memset(&f, 0, sizeof(f));
	kernel_fpu_begin();
	asm volatile("fxsave %0" : "=m"(f) : : "memory");
	kernel_fpu_end();
	mask = *(u32 *)(f.fxsave + 28);
	if (mask)
		kaccel_mxcsr_mask = mask;
}

/* A new guest FPU image: MXCSR bits FXRSTOR would fault on are dropped,
 * and the image goes once through the FPU, so that it reads as FXSAVE
 * writes it and a run that leaves the FPU alone leaves it unchanged
 * (KACCEL_RUN_FPU_OUT). */
void kaccel_fpu_set(struct kaccel_vm *vm, const struct kaccel_fpu *f)
{
	struct kaccel_xbuf x;

	memcpy(&vm->fpu, f, sizeof(vm->fpu));
	*(u32 *)(vm->fpu.fxsave + 24) &= kaccel_mxcsr_mask;
	kernel_fpu_begin();
	kaccel_fpu_load(vm, &x);
	kaccel_fpu_save(vm);
	kernel_fpu_end();
}

static void kaccel_forward(unsigned int vector)
{
	void (*fn)(void) = (void *)(kaccel_forward_table + 8 * vector);

	fn();
}

/* One trip into the guest and back. Returns the vector taken, or a
 * negative errno. */
static int kaccel_enter(struct kaccel_vm *vm)
{
	struct kaccel_area_data *d = &vm->area->d;
	struct kaccel_xbuf xbuf;
	u64 efer, sysenter_cs, pending, cr4, misc = 0;
	bool cpuid_fault = boot_cpu_has(X86_FEATURE_CPUID_FAULT);
	u32 pkru = 0;
	bool pke = boot_cpu_has(X86_FEATURE_OSPKE);
	bool ts = vm->regs.cr0 & (X86_CR0_TS | X86_CR0_EM);
	int err, i;

	kernel_fpu_begin();
	err = kaccel_map_cpu(vm, smp_processor_id());
	if (err) {
		kernel_fpu_end();
		return err;
	}
	kaccel_fpu_load(vm, &xbuf);
	for (i = 0; i < 8; i++)
		d->guest_gpr[i] = vm->regs.gpr[i];
	d->frame[0] = vm->regs.eip;
	d->frame[1] = vm->regs.seg[KACCEL_CS].selector;
	d->frame[2] = (vm->regs.eflags & KACCEL_EFLAGS_GUEST) | X86_EFLAGS_IF |
		      X86_EFLAGS_FIXED;
	d->frame[3] = vm->regs.gpr[4];
	d->frame[4] = vm->regs.seg[KACCEL_SS].selector;
	d->guest_segs[0] = vm->regs.seg[KACCEL_DS].selector;
	d->guest_segs[1] = vm->regs.seg[KACCEL_ES].selector;
	d->guest_segs[2] = vm->regs.seg[KACCEL_FS].selector;
	d->guest_segs[3] = vm->regs.seg[KACCEL_GS].selector;
	d->guest_cr3 = __pa(vm->top);
	d->internal = 0;
	d->vector = KACCEL_NO_VECTOR;

	local_irq_disable();
	if (pke)
		pkru = rdpkru();
	d->host_cr3 = __native_read_cr3();
	native_store_gdt((struct desc_ptr *)d->host_gdtr);
	store_idt((struct desc_ptr *)d->host_idtr);
	savesegment(ds, d->host_segs[0]);
	savesegment(es, d->host_segs[1]);
	savesegment(fs, d->host_segs[2]);
	savesegment(gs, d->host_segs[3]);
	asm volatile("sldt %0" : "=r"(d->host_segs[4]));
	savesegment(ss, d->host_segs[5]);
	rdmsrl(MSR_FS_BASE, d->host_fsbase);
	rdmsrl(MSR_GS_BASE, d->host_gsbase);
	/* SYSCALL and SYSENTER from the guest would enter the host kernel's
	 * entry points: make them fault instead. */
	rdmsrl(MSR_EFER, efer);
	rdmsrl(MSR_IA32_SYSENTER_CS, sysenter_cs);
	if (efer & EFER_SCE)
		wrmsrl(MSR_EFER, efer & ~(u64)EFER_SCE);
	if (sysenter_cs)
		wrmsrl(MSR_IA32_SYSENTER_CS, 0);
	if (ts)
		write_cr0(read_cr0() | X86_CR0_TS);
	/* The leak policy: RDTSC always faults, CPUID where the CPU can. */
	cr4 = native_read_cr4();
	if (!(cr4 & X86_CR4_TSD))
		asm volatile("mov %0, %%cr4" : : "r"(cr4 | X86_CR4_TSD) : "memory");
	if (cpuid_fault) {
		rdmsrl(MSR_MISC_FEATURES_ENABLES, misc);
		if (!(misc & MSR_MISC_FEATURES_ENABLES_CPUID_FAULT))
			wrmsrl(MSR_MISC_FEATURES_ENABLES,
			       misc | MSR_MISC_FEATURES_ENABLES_CPUID_FAULT);
	}

	kaccel_switch_run(vm->area);

	if (cpuid_fault && !(misc & MSR_MISC_FEATURES_ENABLES_CPUID_FAULT))
		wrmsrl(MSR_MISC_FEATURES_ENABLES, misc);
	if (!(cr4 & X86_CR4_TSD))
		asm volatile("mov %0, %%cr4" : : "r"(cr4) : "memory");
	if (ts)
		asm volatile("clts");
	if (sysenter_cs)
		wrmsrl(MSR_IA32_SYSENTER_CS, sysenter_cs);
	if (efer & EFER_SCE)
		wrmsrl(MSR_EFER, efer);
	if (pke)
		wrpkru(pkru);
	/* NMIs are still blocked if one came: hand it over first, before any
	 * IRET (the host handler's) unblocks them */
	pending = xchg(&d->pending, 0);
	if (pending & (1 << 2))
		kaccel_forward(2);
	if (pending & (1 << 18))
		kaccel_forward(18);
	if (d->vector == 2 || d->vector == 18 ||
	    (d->vector >= 32 && d->vector != KACCEL_NO_VECTOR))
		kaccel_forward(d->vector);
	local_irq_enable();
	kaccel_fpu_save(vm);
	kernel_fpu_end();
	vm->stats.entries++;
	if (d->vector == 1) {
		/* a guest #DB: report DR6 and leave it clean for the host */
		unsigned long dr6;

		get_debugreg(dr6, 6);
		vm->dr6 = dr6;
		set_debugreg(DR6_RESERVED, 6);
	}

	if (d->internal) {
		pr_err("kaccel: vector %llu inside the world switch at %px\n",
		       d->internal & 0xff, (void *)d->internal_rip);
		vm->broken = true;
		return -EIO;
	}
	for (i = 0; i < 8; i++)
		if (i != 4)
			vm->regs.gpr[i] = d->guest_gpr[i];
	vm->regs.eip = d->frame[0];
	vm->regs.eflags = (vm->regs.eflags & ~KACCEL_EFLAGS_GUEST) |
			  (d->frame[2] & KACCEL_EFLAGS_GUEST);
	vm->regs.gpr[4] = d->frame[3];
	kaccel_sync_seg(vm, KACCEL_CS, d->frame[1]);
	kaccel_sync_seg(vm, KACCEL_SS, d->frame[4]);
	kaccel_sync_seg(vm, KACCEL_DS, d->guest_segs[0]);
	kaccel_sync_seg(vm, KACCEL_ES, d->guest_segs[1]);
	kaccel_sync_seg(vm, KACCEL_FS, d->guest_segs[2]);
	kaccel_sync_seg(vm, KACCEL_GS, d->guest_segs[3]);
	return d->vector;
}

/* Reads guest code at CS:EIP + i through the guest's tables, without
 * touching accessed bits. */
static int kaccel_code_byte(struct kaccel_vm *vm, u32 i)
{
	struct kaccel_walk w;
	struct page *p;
	u32 lin = vm->regs.seg[KACCEL_CS].base + vm->regs.eip + i;

	if (kaccel_walk(vm, lin, false, false, false, &w) != KACCEL_WALK_OK)
		return -1;
	p = kaccel_gpa_page(vm, w.gpa, NULL);
	if (!p)
		return -1;
	return ((u8 *)page_address(p))[w.gpa & ~PAGE_MASK];
}

/* What kind of instruction raised #GP(0) or #UD at EIP. */
static u32 kaccel_classify(struct kaccel_vm *vm)
{
	int i = 0, op, op2, modrm;

	for (;;) {
		op = kaccel_code_byte(vm, i++);
		if (op < 0 || i > 14)
			return KACCEL_INSN_OTHER;
		if (op != 0x66 && op != 0x67 && op != 0xf2 && op != 0xf3 && op != 0xf0 &&
		    op != 0x26 && op != 0x2e && op != 0x36 && op != 0x3e &&
		    op != 0x64 && op != 0x65)
			break;
	}
	switch (op) {
	case 0xf4: case 0xfa: case 0xfb:
		return KACCEL_INSN_PRIV;
	case 0xe4: case 0xe5: case 0xe6: case 0xe7:
	case 0xec: case 0xed: case 0xee: case 0xef:
	case 0x6c: case 0x6d: case 0x6e: case 0x6f:
		return KACCEL_INSN_IO;
	case 0x0f:
		break;
	default:
		return KACCEL_INSN_OTHER;
	}
	op2 = kaccel_code_byte(vm, i++);
	modrm = kaccel_code_byte(vm, i);
	switch (op2) {
	case 0x34:
		return KACCEL_INSN_SYSENTER;
	case 0x05:
		return KACCEL_INSN_SYSCALL;
	case 0xa2:
		return KACCEL_INSN_CPUID;
	case 0x31:
		return KACCEL_INSN_RDTSC;
	case 0x06: case 0x08: case 0x09: case 0x20: case 0x21: case 0x22:
	case 0x23: case 0x30: case 0x32: case 0x33: case 0x35:
		return KACCEL_INSN_PRIV;
	case 0x00:
		if (modrm < 0)
			return KACCEL_INSN_OTHER;
		if (((modrm >> 3) & 7) <= 1)
			return KACCEL_INSN_DESC;
		return ((modrm >> 3) & 7) <= 3 ? KACCEL_INSN_PRIV : KACCEL_INSN_OTHER;
	case 0x01:
		if (modrm < 0)
			return KACCEL_INSN_OTHER;
		if (modrm == 0xf9)
			return KACCEL_INSN_RDTSC;
		switch ((modrm >> 3) & 7) {
		case 0: case 1: case 4:
			return (modrm >> 6) == 3 && ((modrm >> 3) & 7) != 4 ?
			       KACCEL_INSN_PRIV : KACCEL_INSN_DESC;
		default:
			return KACCEL_INSN_PRIV;
		}
	default:
		return KACCEL_INSN_OTHER;
	}
}

/* The vector of the INT n / INT3 / INTO at EIP, which raised #GP through
 * the VM's DPL-0 gates. Read from the instruction: the #GP error code of
 * a 64-bit IDT differs between CPUs (vector * 8 or * 16, plus 2). */
static u32 kaccel_softint_vector(struct kaccel_vm *vm, u32 err)
{
	int i = 0, op;

	do
		op = kaccel_code_byte(vm, i++);
	while (i < 15 && (op == 0x66 || op == 0x67 || op == 0xf2 || op == 0xf3 ||
			  op == 0x26 || op == 0x2e || op == 0x36 || op == 0x3e ||
			  op == 0x64 || op == 0x65));
	if (op == 0xcc)
		return 3;
	if (op == 0xce)
		return 4;
	if (op == 0xcd && (op = kaccel_code_byte(vm, i)) >= 0)
		return op;
	return (err >> 3) & 0xff;
}

static void kaccel_exit(struct kaccel_run *run, u32 reason, u32 vector, u32 err)
{
	run->reason = reason;
	run->vector = vector;
	run->error_code = err;
}

/* A guest #PF: resolved from the guest's tables (true: run on), or an
 * exit filled in. */
/* A guest #PF goes to the guest kernel; once it has mapped the page, the
 * guest retries the instruction, which faults again in the module only
 * to fill the shadow: a second world switch per page fault. Remember the
 * access, and at the next run (kaccel_refill) fill the shadow first when
 * the guest is about to retry it: same EIP, registers, segments and CR3,
 * so the retry makes the same access, whose walk sets the same accessed
 * and dirty bits. */
static void kaccel_refill_note(struct kaccel_vm *vm, u32 addr, u32 err)
{
	vm->refill = true;
	vm->refill_addr = addr;
	vm->refill_err = err & (2 | 16);
	vm->refill_eip = vm->regs.eip;
	vm->refill_cr3 = vm->regs.cr3;
	memcpy(vm->refill_gpr, vm->regs.gpr, sizeof(vm->refill_gpr));
	memcpy(vm->refill_seg, vm->regs.seg, sizeof(vm->refill_seg));
}

static void kaccel_refill(struct kaccel_vm *vm)
{
	bool write = vm->refill_err & 2, watched, table;
	u32 addr = vm->refill_addr;
	struct kaccel_walk w;
	struct page *page;

	if (!vm->refill)
		return;
	vm->refill = false;
	if (vm->regs.eip != vm->refill_eip || vm->regs.cr3 != vm->refill_cr3 ||
	    memcmp(vm->regs.gpr, vm->refill_gpr, sizeof(vm->refill_gpr)) ||
	    memcmp(vm->regs.seg, vm->refill_seg, sizeof(vm->refill_seg)))
		return;
	if (kaccel_walk(vm, addr, write, vm->refill_err & 16, true, &w) != KACCEL_WALK_OK)
		return;
	page = kaccel_gpa_page(vm, w.gpa, NULL);
	if (!page)
		return;
	watched = kaccel_gpa_watched(vm, w.gpa);
	table = kaccel_root_is_table(vm, w.gpa);
	if (write && (watched || table))
		return;
	if (!kaccel_shadow_install(vm, addr & PAGE_MASK, page,
				   w.writable && w.dirty && !watched && !table, w.nx))
		vm->stats.refills++;
}

static bool kaccel_page_fault(struct kaccel_vm *vm, struct kaccel_run *run)
{
	struct kaccel_area_data *d = &vm->area->d;
	bool write = d->error & 2, fetch = d->error & 16, watched, table;
	struct kaccel_walk w;
	struct page *page;
	u32 addr = d->cr2;

	run->addr = addr;
	run->write = write;
	if (d->cr2 >> 32) {
		/* an implicit supervisor access (TSS I/O bitmap) */
		kaccel_exit(run, KACCEL_EXIT_INSN, 13, 0);
		run->insn = KACCEL_INSN_OTHER;
		return false;
	}
	switch (kaccel_walk(vm, addr, write, fetch, true, &w)) {
	case KACCEL_WALK_FAULT:
		vm->regs.cr2 = addr;
		kaccel_exit(run, KACCEL_EXIT_EXCEPTION, 14, w.error_code);
		kaccel_refill_note(vm, addr, d->error);
		return false;
	case KACCEL_WALK_MMIO:
		kaccel_exit(run, KACCEL_EXIT_MMIO, 0, 0);
		run->gpa = w.gpa;
		return false;
	default:
		break;
	}
	page = kaccel_gpa_page(vm, w.gpa, NULL);
	run->gpa = w.gpa;
	if (!page) {
		kaccel_exit(run, KACCEL_EXIT_MMIO, 0, 0);
		return false;
	}
	watched = kaccel_gpa_watched(vm, w.gpa);
	table = kaccel_root_is_table(vm, w.gpa);
	if (write && (watched || table)) {
		/* a guest table: the translator writes it, and the entries
		 * it changed are synced before the guest runs again */
		vm->table_written |= table;
		kaccel_exit(run, KACCEL_EXIT_WATCH, 0, 0);
		return false;
	}
	if (addr == vm->last_fault_addr && ++vm->same_fault_count > 8) {
		/* no progress: let the translator run this instruction */
		vm->same_fault_count = 0;
		kaccel_exit(run, KACCEL_EXIT_INSN, 14, d->error);
		run->insn = KACCEL_INSN_OTHER;
		return false;
	}
	if (addr != vm->last_fault_addr)
		vm->same_fault_count = 0;
	vm->last_fault_addr = addr;
	if (kaccel_shadow_install(vm, addr & PAGE_MASK, page,
				  w.writable && w.dirty && !watched && !table, w.nx)) {
		kaccel_exit(run, KACCEL_EXIT_INSN, 14, d->error);
		run->insn = KACCEL_INSN_OTHER;
		return false;
	}
	return true;
}

/* Decodes an exception vector; true means run on. */
static bool kaccel_exception(struct kaccel_vm *vm, struct kaccel_run *run, u32 vec)
{
	u32 err = vm->area->d.error;

	if (vec == 14)
		return kaccel_page_fault(vm, run);
	vm->same_fault_count = 0;
	if (vec == 13 && (err & 2) && !(err & 1)) {
		kaccel_exit(run, KACCEL_EXIT_SOFTINT, kaccel_softint_vector(vm, err), err);
		return false;
	}
	if ((vec == 13 && err == 0) || vec == 6) {
		run->insn = kaccel_classify(vm);
		if (run->insn != KACCEL_INSN_OTHER) {
			kaccel_exit(run, KACCEL_EXIT_INSN, vec, err);
			return false;
		}
	}
	kaccel_exit(run, KACCEL_EXIT_EXCEPTION, vec, err);
	if (vec == 1)
		run->gpa = vm->dr6;
	return false;
}

long kaccel_run(struct kaccel_vm *vm, struct kaccel_run *run)
{
	u64 deadline = run->slice_ns ? ktime_get_ns() + run->slice_ns : 0;
	int vec;

	if (vm->broken)
		return -EIO;
	if (!vm->regs_ok)
		return -EINVAL;
	if (test_thread_flag(TIF_IO_BITMAP))
		return -EPERM;
	run->insn = 0;
	run->addr = run->write = 0;
	run->gpa = 0;
	vm->stats.runs++;
	kaccel_root_sync_written(vm);
	kaccel_refill(vm);
	kaccel_load_gdt(vm);
	for (;;) {
		if (signal_pending(current)) {
			kaccel_exit(run, KACCEL_EXIT_SIGNAL, 0, 0);
			break;
		}
		if (need_resched()) {
			kaccel_exit(run, KACCEL_EXIT_RESCHED, 0, 0);
			break;
		}
		if (deadline && ktime_get_ns() >= deadline) {
			kaccel_exit(run, KACCEL_EXIT_SLICE, 0, 0);
			break;
		}
		vec = kaccel_enter(vm);
		if (vec < 0)
			return vec;
		if (vec == 2 || vec == 18 || vec >= 32) {   /* incl. NO_VECTOR */
			vm->stats.exits_irq++;
			continue;
		}
		if (!kaccel_exception(vm, run, vec))
			break;
	}
	return 0;
}
