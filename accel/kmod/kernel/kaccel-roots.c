// SPDX-License-Identifier: GPL-2.0
/* The shadow cache keyed by CR3: a guest process switch keeps the shadow
 * of the address space it leaves and takes back the one of the address
 * space it returns to, if the guest tables it was built from are
 * unchanged (each is compared with the copy taken when the walk first
 * read it). A CR3 load must not see stale translations, so any difference
 * drops that address space's whole shadow. */
#include <linux/mm.h>
#include <linux/string.h>
#include <asm/processor-flags.h>
#include <asm/msr-index.h>
#include "kaccel-int.h"

u32 kaccel_paging_mode(const struct kaccel_regs *r)
{
	return (r->cr4 & (X86_CR4_PAE | X86_CR4_PSE)) |
	       ((r->efer & EFER_NX) ? 1 : 0);
}

/* Do two states name the same address space (CR3, paging mode, PAE
 * PDPTE registers)? */
bool kaccel_roots_same(const struct kaccel_regs *a, const struct kaccel_regs *b)
{
	return a->cr3 == b->cr3 && kaccel_paging_mode(a) == kaccel_paging_mode(b) &&
	       !memcmp(a->pdpte, b->pdpte, sizeof(a->pdpte));
}

void kaccel_roots_init(struct kaccel_vm *vm)
{
	vm->cur_root = 0;
	vm->roots[0].used = true;
}

void kaccel_root_forget_tables(struct kaccel_vm *vm, struct kaccel_root *r)
{
	int i;

	for (i = 0; i < r->ntables; i++) {
		free_page((unsigned long)r->snap[i]);
		atomic_long_dec(&kaccel_pages_out);
	}
	r->ntables = 0;
	r->overflow = false;
}

/* Frees a root that is not the current one. */
static void kaccel_root_free(struct kaccel_vm *vm, struct kaccel_root *r)
{
	kaccel_shadow_free(vm, r->entry);
	kaccel_root_forget_tables(vm, r);
	memset(r, 0, sizeof(*r));
}

void kaccel_roots_drop_all(struct kaccel_vm *vm)
{
	int i;

	for (i = 0; i < KACCEL_ROOTS; i++)
		if (i != vm->cur_root && vm->roots[i].used)
			kaccel_root_free(vm, &vm->roots[i]);
	kaccel_shadow_flush_all(vm);
}

/* The current address space's shadow depends on the guest entry at gpa
 * (table: its page in RAM): keep a copy of the page the first time, and
 * afterwards follow the accessed and dirty bits (bits) the walk just set
 * in that entry, and only those. */
void kaccel_root_note(struct kaccel_vm *vm, u64 gpa, const void *table, u32 bits)
{
	struct kaccel_root *r = &vm->roots[vm->cur_root];
	struct page *p;
	int i;

	if (!table || r->overflow)
		return;
	for (i = 0; i < r->ntables; i++)
		if (r->table_gpa[i] == (gpa & PAGE_MASK)) {
			*(u32 *)(r->snap[i] + (gpa & ~PAGE_MASK & ~3ULL)) |= bits;
			return;
		}
	if (r->ntables == KACCEL_ROOT_TABLES)
		goto overflow;
	p = alloc_page(GFP_KERNEL_ACCOUNT);
	if (!p)
		goto overflow;
	atomic_long_inc(&kaccel_pages_out);
	r->snap[r->ntables] = page_address(p);
	r->table_gpa[r->ntables] = gpa & PAGE_MASK;
	memcpy(r->snap[r->ntables], table, PAGE_SIZE);
	r->ntables++;
	return;
overflow:
	r->overflow = true;
}

/* Are all the tables of r as they were? */
static bool kaccel_root_valid(struct kaccel_vm *vm, struct kaccel_root *r)
{
	int i;

	if (r->overflow)
		return false;
	for (i = 0; i < r->ntables; i++) {
		struct page *p = kaccel_gpa_page(vm, r->table_gpa[i], NULL);

		if (!p || memcmp(page_address(p), r->snap[i], PAGE_SIZE))
			return false;
	}
	return true;
}

/* The guest loaded CR3 again (same value): drop the shadow if a table
 * changed. */
void kaccel_root_check_current(struct kaccel_vm *vm)
{
	if (!kaccel_root_valid(vm, &vm->roots[vm->cur_root]))
		kaccel_shadow_flush_all(vm);
	else
		vm->stats.root_hits++;
}

/* The guest switches to the address space of r. */
void kaccel_roots_switch(struct kaccel_vm *vm, const struct kaccel_regs *regs)
{
	u32 cr3 = regs->cr3, mode = kaccel_paging_mode(regs);
	struct kaccel_root *cur = &vm->roots[vm->cur_root], *r;
	int i, pick = -1;

	cur->entry = vm->top[0];
	vm->top[0] = 0;
	cur->stamp = ++vm->root_stamp;
	if (cur->overflow)
		kaccel_root_free(vm, cur);
	for (i = 0; i < KACCEL_ROOTS; i++) {
		r = &vm->roots[i];
		if (r->used && r->cr3 == cr3 && r->mode == mode &&
		    !memcmp(r->pdpte, regs->pdpte, sizeof(r->pdpte))) {
			if (kaccel_root_valid(vm, r)) {
				vm->cur_root = i;
				vm->top[0] = r->entry;
				r->entry = 0;
				vm->stats.root_hits++;
				return;
			}
			kaccel_root_free(vm, r);
		}
	}
	for (i = 0; i < KACCEL_ROOTS; i++) {
		r = &vm->roots[i];
		if (!r->used) {
			pick = i;
			break;
		}
		if (pick < 0 || r->stamp < vm->roots[pick].stamp)
			pick = i;
	}
	r = &vm->roots[pick];
	if (r->used)
		kaccel_root_free(vm, r);
	r->used = true;
	r->cr3 = cr3;
	r->mode = mode;
	memcpy(r->pdpte, regs->pdpte, sizeof(r->pdpte));
	vm->cur_root = pick;
	vm->stats.invalidations++;
}
