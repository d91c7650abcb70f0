// SPDX-License-Identifier: GPL-2.0
/* Page tables of a kaccel VM: one tree per VM whose low 4 GiB shadow the
 * guest's own page tables (filled lazily on faults, from registered RAM
 * only) and whose kernel half maps just what the world switch needs.
 * Also the guest page-table walk (2-level, PSE, PAE, NX, A/D bits). */
#include <linux/mm.h>
#include <linux/slab.h>
#include <linux/vmalloc.h>
#include <asm/pgtable.h>
#include <asm/desc.h>
#include <asm/processor.h>
#include <asm/special_insns.h>
#include "kaccel-int.h"

#define KP_P   0x001ULL
#define KP_RW  0x002ULL
#define KP_US  0x004ULL
#define KP_A   0x020ULL
#define KP_D   0x040ULL
#define KP_PS  0x080ULL
#define KP_NXBIT (1ULL << 63)
#define KP_ADDR 0x000ffffffffff000ULL

static u64 kaccel_nx(void)
{
	return __supported_pte_mask & _PAGE_NX;
}

static u64 *kaccel_table_alloc(struct kaccel_vm *vm, gfp_t gfp)
{
	struct page *p = alloc_page(gfp | __GFP_ZERO);

	if (!p)
		return NULL;
	vm->nr_tables++;
	atomic_long_inc(&kaccel_pages_out);
	return page_address(p);
}

static void kaccel_table_free(struct kaccel_vm *vm, u64 *t)
{
	vm->nr_tables--;
	atomic_long_dec(&kaccel_pages_out);
	free_page((unsigned long)t);
}

static u64 *kaccel_child(u64 e)
{
	return __va(e & KP_ADDR);
}

static void kaccel_free_tree(struct kaccel_vm *vm, u64 *t, int level)
{
	int i;

	if (level > 1)
		for (i = 0; i < 512; i++)
			if (t[i] & KP_P)
				kaccel_free_tree(vm, kaccel_child(t[i]), level - 1);
	kaccel_table_free(vm, t);
}

static int kaccel_index(u64 va, int level)
{
	return (va >> (12 + 9 * (level - 1))) & 511;
}

/* The entry for va at level (1 = PTE), creating tables on the way if gfp
 * is not 0. user: the low half (U set in the upper levels). */
static u64 *kaccel_entry(struct kaccel_vm *vm, u64 va, int level, bool user,
			 gfp_t gfp)
{
	u64 *t = vm->top;
	int l;

	for (l = vm->levels; l > level; l--) {
		u64 *e = &t[kaccel_index(va, l)];

		if (!(*e & KP_P)) {
			u64 *n;

			if (!gfp)
				return NULL;
			n = kaccel_table_alloc(vm, gfp);
			if (!n)
				return NULL;

			*e = __pa(n) | KP_P | KP_RW | KP_A | (user ? KP_US : 0);
		}
		t = kaccel_child(*e);
	}
	return &t[kaccel_index(va, level)];
}

static int kaccel_map_kernel(struct kaccel_vm *vm, unsigned long va, u64 pfn,
			     bool rw, bool exec, gfp_t gfp)
{
	u64 *pte = kaccel_entry(vm, va, 1, false, gfp);

	if (!pte)
		return -ENOMEM;
	*pte = (pfn << PAGE_SHIFT) | KP_P | KP_A | (rw ? KP_RW | KP_D : 0) |
	       (exec ? 0 : kaccel_nx());
	return 0;
}

static int kaccel_map_direct(struct kaccel_vm *vm, void *p, size_t size, bool rw)
{
	unsigned long va;
	int err;

	for (va = (unsigned long)p & PAGE_MASK; va < (unsigned long)p + size;
	     va += PAGE_SIZE) {
		err = kaccel_map_kernel(vm, va, __pa(va) >> PAGE_SHIFT, rw, false,
					GFP_KERNEL);
		if (err)
			return err;
	}
	return 0;
}

int kaccel_mmu_init(struct kaccel_vm *vm)
{
	unsigned long va;
	int err;

	vm->levels = (native_read_cr4() & X86_CR4_LA57) ? 5 : 4;
	vm->top = kaccel_table_alloc(vm, GFP_KERNEL_ACCOUNT);
	if (!vm->top)
		return -ENOMEM;
	err = kaccel_map_direct(vm, vm->area, sizeof(*vm->area), true);
	if (!err)
		err = kaccel_map_direct(vm, vm->gdt, PAGE_SIZE << KACCEL_GDT_ORDER, true);
	for (va = (unsigned long)kaccel_switch_text_start;
	     !err && va < (unsigned long)kaccel_switch_text_end; va += PAGE_SIZE)
		err = kaccel_map_kernel(vm, va, vmalloc_to_pfn((void *)va), false,
					true, GFP_KERNEL);
	return err;
}

void kaccel_mmu_destroy(struct kaccel_vm *vm)
{
	if (vm->top)
		kaccel_free_tree(vm, vm->top, vm->levels);
	vm->top = NULL;
}

/* Maps this CPU's TSS and entry stack, which the CPU uses on the way
 * from guest ring 3 back to ring 0. Preemption is off. */
int kaccel_map_cpu(struct kaccel_vm *vm, int cpu)
{
	struct desc_ptr gdt;
	struct ldttss_desc *d;
	struct x86_hw_tss *tss;
	unsigned long base, sp0, va;
	u16 tr;
	int err;

	if (cpumask_test_cpu(cpu, &vm->cpus_mapped))
		return 0;
	native_store_gdt(&gdt);
	asm volatile("str %0" : "=r"(tr));
	d = (struct ldttss_desc *)(gdt.address + (tr & ~7));
	base = d->base0 | ((unsigned long)d->base1 << 16) |
	       ((unsigned long)d->base2 << 24) | ((unsigned long)d->base3 << 32);
	tss = (struct x86_hw_tss *)base;
	sp0 = tss->sp0;
	for (va = base & PAGE_MASK; va < base + sizeof(*tss); va += PAGE_SIZE) {
		err = kaccel_map_kernel(vm, va, slow_virt_to_phys((void *)va) >> PAGE_SHIFT,
					false, false, GFP_ATOMIC);
		if (err)
			return err;
	}
	for (va = (sp0 - 512) & PAGE_MASK; va < sp0; va += PAGE_SIZE) {
		err = kaccel_map_kernel(vm, va, slow_virt_to_phys((void *)va) >> PAGE_SHIFT,
					true, false, GFP_ATOMIC);
		if (err)
			return err;
	}
	cpumask_set_cpu(cpu, &vm->cpus_mapped);
	return 0;
}

/* Frees the shadow tree below a top-level entry of the low 4 GiB. */
void kaccel_shadow_free(struct kaccel_vm *vm, u64 entry)
{
	if (entry & KP_P)
		kaccel_free_tree(vm, kaccel_child(entry), vm->levels - 1);
}

/* Drops the current address space's shadow (see kaccel-roots.c for the
 * others). */
void kaccel_shadow_flush_all(struct kaccel_vm *vm)
{
	kaccel_shadow_free(vm, vm->top[0]);
	vm->top[0] = 0;
	kaccel_root_forget_tables(vm, &vm->roots[vm->cur_root]);
	vm->stats.invalidations++;
}

/* The shadow PTE of the linear page at addr, if there is one. */
void kaccel_shadow_zap_page(struct kaccel_vm *vm, u32 addr)
{
	u64 *pte = kaccel_entry(vm, addr, 1, true, 0);

	if (pte)
		*pte = 0;
}

/* The shadow of [start, start + size), 2 MiB-aligned pieces. */
void kaccel_shadow_zap_range(struct kaccel_vm *vm, u32 start, u32 size)
{
	u64 va, end = (u64)start + size;

	for (va = start & ~0x1fffffULL; va < end; va += 0x200000) {
		u64 *pde = kaccel_entry(vm, va, 2, true, 0);

		if (pde && (*pde & KP_P)) {
			kaccel_free_tree(vm, kaccel_child(*pde), 1);
			*pde = 0;
		}
	}
}

/* Guest INVLPG of addr: the shadow PTE of addr, and whatever was derived
 * from the guest entries that translate addr if they changed (a large
 * page, a directory entry). A root whose tables are not all recorded
 * drops the 4 MiB around addr instead (covers any page size). */
void kaccel_shadow_flush_range(struct kaccel_vm *vm, u32 addr)
{
	if (vm->roots[vm->cur_root].overflow) {
		kaccel_shadow_zap_range(vm, addr & ~0x3fffffU, 0x400000);
	} else {
		kaccel_shadow_zap_page(vm, addr & PAGE_MASK);
		kaccel_root_sync_addr(vm, addr);
	}
	vm->stats.invalidations++;
}

static unsigned int kaccel_wfilter_bit(u64 pfn)
{
	return (pfn * 0x9e3779b97f4a7c15ULL) >> (64 - ilog2(KACCEL_WFILTER_BITS));
}

/* Clears RW in the leaves mapping pfn below a shadow table at level, and
 * notes the writable leaves left in the filter. */
static void kaccel_protect_tree(struct kaccel_vm *vm, u64 *t, int level, u64 pfn)
{
	int i;

	for (i = 0; i < 512; i++) {
		u64 e = t[i];

		if (!(e & KP_P))
			continue;
		if (level > 1) {
			kaccel_protect_tree(vm, kaccel_child(e), level - 1, pfn);
		} else if (e & KP_RW) {
			if (((e & KP_ADDR) >> PAGE_SHIFT) == pfn)
				t[i] = e & ~KP_RW;
			else
				__set_bit(kaccel_wfilter_bit((e & KP_ADDR) >> PAGE_SHIFT),
					  vm->wfilter);
		}
	}
}

/* No shadow leaf of any cached address space may write the guest page at
 * gpa from now on (a guest table, a page holding translated code). The
 * VM's tables are not live here: the next entry's CR3 load flushes. */
void kaccel_shadow_protect(struct kaccel_vm *vm, u64 gpa)
{
	struct page *page = kaccel_gpa_page(vm, gpa, NULL);
	u64 pfn;
	int i;

	if (!page)
		return;
	pfn = page_to_pfn(page);
	if (!test_bit(kaccel_wfilter_bit(pfn), vm->wfilter))
		return;
	bitmap_zero(vm->wfilter, KACCEL_WFILTER_BITS);
	for (i = 0; i < KACCEL_ROOTS; i++) {
		u64 e = i == vm->cur_root ? vm->top[0] : vm->roots[i].entry;

		if (vm->roots[i].used && (e & KP_P))
			kaccel_protect_tree(vm, kaccel_child(e), vm->levels - 1, pfn);
	}
}

int kaccel_shadow_install(struct kaccel_vm *vm, u32 addr, struct page *page,
			  bool writable, bool nx)
{
	u64 *pte = kaccel_entry(vm, addr, 1, true, GFP_KERNEL_ACCOUNT);

	if (!pte)
		return -ENOMEM;
	*pte = ((u64)page_to_pfn(page) << PAGE_SHIFT) | KP_P | KP_US | KP_A |
	       (writable ? KP_RW | KP_D : 0) | (nx ? kaccel_nx() : 0);
	if (writable)
		__set_bit(kaccel_wfilter_bit(page_to_pfn(page)), vm->wfilter);
	vm->stats.shadow_fills++;
	return 0;
}

struct page *kaccel_gpa_page(struct kaccel_vm *vm, u64 gpa, struct kaccel_slot **slotp)
{
	int i;

	for (i = 0; i < KACCEL_MAX_SLOTS; i++) {
		struct kaccel_slot *s = &vm->slots[i];

		if (s->pages && gpa >= s->gpa && gpa - s->gpa < s->size) {
			if (slotp)
				*slotp = s;
			return s->pages[(gpa - s->gpa) >> PAGE_SHIFT];
		}
	}
	return NULL;
}

bool kaccel_gpa_watched(struct kaccel_vm *vm, u64 gpa)
{
	struct kaccel_slot *s;

	if (!kaccel_gpa_page(vm, gpa, &s))
		return false;
	return test_bit((gpa - s->gpa) >> PAGE_SHIFT, s->watch);
}

/* A guest paging entry in RAM, or NULL (the walk then exits to the
 * translator, which knows MMIO). Entries are naturally aligned. */
static void *kaccel_gpa_ptr(struct kaccel_vm *vm, u64 gpa)
{
	struct page *p = kaccel_gpa_page(vm, gpa, NULL);

	return p ? page_address(p) + (gpa & ~PAGE_MASK) : NULL;
}

static void kaccel_set_bits(void *entry, u32 bits)
{
	u32 *p = entry;

	if ((READ_ONCE(*p) & bits) != bits)
		atomic_or(bits, (atomic_t *)p);
}

/* Walks the guest's page tables for a CPL-3 access. On success the
 * guest's accessed bits (and the dirty bit of the leaf for a write) are
 * set when set_ad, as the CPU sets them; a fault leaves them alone. */
enum kaccel_walk_result kaccel_walk(struct kaccel_vm *vm, u32 addr, bool write,
				    bool fetch, bool set_ad, struct kaccel_walk *w)
{
	const struct kaccel_regs *r = &vm->regs;
	bool pae = r->cr4 & X86_CR4_PAE, pse = r->cr4 & X86_CR4_PSE;
	bool nxe = pae && (r->efer & EFER_NX);
	u32 err = 4 | (write ? 2 : 0) |
		  (fetch && (nxe || (r->cr4 & X86_CR4_SMEP)) ? 16 : 0);
	void *pe[3] = { NULL, NULL, NULL };
	u64 tg[2];             /* guest-physical addresses of the entries read */
	u64 ev[2];             /* and their values */
	u32 base[2];           /* linear address each table's entry 0 maps */
	int nt = 0;
	int n = 0, i;
	u64 e, leaf, gpa;
	bool user, rw, nx = false;

	if (!pae) {
		u64 a = (r->cr3 & 0xfffff000ULL) + ((addr >> 22) << 2);

		base[0] = 0;
		base[1] = addr & ~0x3fffffU;

		tg[nt++] = a;
		pe[n] = kaccel_gpa_ptr(vm, a);
		if (!pe[n])
			goto mmio;
		e = READ_ONCE(*(u32 *)pe[n++]);
		ev[n - 1] = e;
		if (!(e & KP_P))
			goto fault;
		user = e & KP_US;
		rw = e & KP_RW;
		if ((e & KP_PS) && pse) {
			if (e & (1 << 21))
				goto mmio;
			leaf = e;
			gpa = (e & 0xffc00000ULL) | (((e >> 13) & 0xff) << 32) |
			      (addr & 0x3fffff);
		} else {
			a = (e & 0xfffff000ULL) + (((addr >> 12) & 0x3ff) << 2);
			tg[nt++] = a;
			pe[n] = kaccel_gpa_ptr(vm, a);
			if (!pe[n])
				goto mmio;
			e = READ_ONCE(*(u32 *)pe[n++]);
			ev[n - 1] = e;
			if (!(e & KP_P))
				goto fault;
			user = user && (e & KP_US);
			rw = rw && (e & KP_RW);
			leaf = e;
			gpa = (e & 0xfffff000ULL) | (addr & 0xfff);
		}
	} else {
		const u64 rsvd = 0xfffffff000000000ULL & ~(nxe ? KP_NXBIT : 0);
		u64 a;

		base[0] = addr & ~0x3fffffffU;
		base[1] = addr & ~0x1fffffU;

		/* the PDPTE registers, latched at the guest's CR3 load */
		e = r->pdpte[addr >> 30];
		if (!(e & KP_P))
			goto fault;
		a = (e & 0xffffff000ULL) + (((addr >> 21) & 511) << 3);
		tg[nt++] = a;
		pe[n] = kaccel_gpa_ptr(vm, a);
		if (!pe[n])
			goto mmio;
		e = READ_ONCE(*(u64 *)pe[n++]);
		ev[n - 1] = e;
		if (!(e & KP_P))
			goto fault;
		if (e & rsvd)
			goto mmio;
		user = e & KP_US;
		rw = e & KP_RW;
		nx = nxe && (e & KP_NXBIT);
		if (e & KP_PS) {
			if (e & 0x1fe000)
				goto mmio;
			leaf = e;
			gpa = (e & 0xfffe00000ULL) | (addr & 0x1fffff);
		} else {
			a = (e & 0xffffff000ULL) + (((addr >> 12) & 511) << 3);
			tg[nt++] = a;
			pe[n] = kaccel_gpa_ptr(vm, a);
			if (!pe[n])
				goto mmio;
			e = READ_ONCE(*(u64 *)pe[n++]);
			ev[n - 1] = e;
			if (!(e & KP_P))
				goto fault;
			if (e & rsvd)
				goto mmio;
			user = user && (e & KP_US);
			rw = rw && (e & KP_RW);
			nx = nx || (nxe && (e & KP_NXBIT));
			leaf = e;
			gpa = (e & 0xffffff000ULL) | (addr & 0xfff);
		}
	}
	if (!user || (write && !rw) || (fetch && nx)) {
		err |= 1;
		goto fault;
	}
	if (set_ad) {
		for (i = 0; i < n; i++) {
			u32 bits = KP_A | (write && i == n - 1 ? KP_D : 0);

			kaccel_set_bits(pe[i], bits);
			/* the shadow now depends on this entry, with these bits */
			kaccel_root_note(vm, tg[i], 2 - i, base[i], ev[i] | bits);
		}
	}
	w->gpa = gpa;
	w->writable = rw;
	w->dirty = write || (leaf & KP_D);
	w->nx = nx;
	return KACCEL_WALK_OK;
fault:
	w->error_code = err;
	return KACCEL_WALK_FAULT;
mmio:
	/* a paging structure outside RAM or with reserved bits: the
	 * translator decides */
	w->gpa = 0;
	return KACCEL_WALK_MMIO;
}
