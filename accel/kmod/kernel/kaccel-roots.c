// SPDX-License-Identifier: GPL-2.0
/* The shadow cache keyed by CR3, and what keeps each shadow coherent with
 * the guest's tables: every guest paging-structure page a shadow entry
 * was derived from is recorded with its place in the address space
 * (level, linear base) and the entry values used. A CR3 load, an INVLPG,
 * a walk through a changed entry or a native write to a table compares
 * those values with guest memory and drops exactly the shadow entries
 * whose guest entry changed (docs/kaccel.md, "Shadow paging"). */
#include <linux/mm.h>
#include <linux/string.h>
#include <asm/processor-flags.h>
#include <asm/msr-index.h>
#include "kaccel-int.h"

#define KR_AD 0x60ULL            /* accessed and dirty bits */

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

static struct kaccel_root *kaccel_cur(struct kaccel_vm *vm)
{
	return &vm->roots[vm->cur_root];
}

static bool kaccel_root_pae(const struct kaccel_root *r)
{
	return r->mode & X86_CR4_PAE;
}

/* Entry geometry of a root: entries per table, bytes mapped by a
 * directory entry. */
static int kaccel_root_entries(const struct kaccel_root *r)
{
	return kaccel_root_pae(r) ? 512 : 1024;
}

static u32 kaccel_root_region(const struct kaccel_root *r)
{
	return kaccel_root_pae(r) ? 1U << 21 : 1U << 22;
}

static u64 kaccel_get(const void *table, int i, bool pae)
{
	return pae ? READ_ONCE(((const u64 *)table)[i]) : READ_ONCE(((const u32 *)table)[i]);
}

static void kaccel_put(void *table, int i, bool pae, u64 v)
{
	if (pae)
		((u64 *)table)[i] = v;
	else
		((u32 *)table)[i] = v;
}

/* Does a shadow entry derived from old still hold for cur? Only accessed
 * and dirty bits set since are harmless: a cleared one must be set again
 * by the next access, any other change is a new translation. */
static bool kaccel_entry_stale(u64 old, u64 cur)
{
	return ((old ^ cur) & ~KR_AD) || (old & ~cur & KR_AD);
}

static void kaccel_record_free(struct kaccel_table *t)
{
	if (t->snap) {
		free_page((unsigned long)t->snap);
		atomic_long_dec(&kaccel_pages_out);
	}
	t->snap = NULL;
	t->dead = true;
}

void kaccel_root_forget_tables(struct kaccel_vm *vm, struct kaccel_root *r)
{
	int i;

	for (i = 0; i < r->ntables; i++)
		kaccel_record_free(&r->tables[i]);
	r->ntables = 0;
	r->overflow = false;
}

static void kaccel_root_compact(struct kaccel_root *r)
{
	int i, n = 0;

	for (i = 0; i < r->ntables; i++)
		if (!r->tables[i].dead)
			r->tables[n++] = r->tables[i];
	r->ntables = n;
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
	/* no shadow leaf is left anywhere */
	bitmap_zero(vm->wfilter, KACCEL_WFILTER_BITS);
}

/* Entry i of t changed: drop the shadow derived from it (the current
 * root's). Below a directory entry that is its whole region, and the
 * page tables recorded there no longer belong to it. */
static void kaccel_entry_zap(struct kaccel_vm *vm, struct kaccel_root *r,
			     struct kaccel_table *t, int i)
{
	u32 size = kaccel_root_region(r), start;
	int j;

	if (t->level == 1) {
		kaccel_shadow_zap_page(vm, t->base + ((u32)i << PAGE_SHIFT));
		return;
	}
	start = t->base + (u32)i * size;
	kaccel_shadow_zap_range(vm, start, size);
	for (j = 0; j < r->ntables; j++)
		if (r->tables[j].level == 1 && r->tables[j].base == start)
			kaccel_record_free(&r->tables[j]);
}

/* Entry i of t is now cur. */
static void kaccel_entry_sync(struct kaccel_vm *vm, struct kaccel_root *r,
			      struct kaccel_table *t, int i, u64 cur)
{
	bool pae = kaccel_root_pae(r);

	if (kaccel_entry_stale(kaccel_get(t->snap, i, pae), cur))
		kaccel_entry_zap(vm, r, t, i);
	if (!t->dead)
		kaccel_put(t->snap, i, pae, cur);
}

static const void *kaccel_table_mem(struct kaccel_vm *vm, u64 gpa)
{
	struct page *p = kaccel_gpa_page(vm, gpa, NULL);

	return p ? page_address(p) : NULL;
}

/* Compares t with guest memory; false if its page left RAM. */
static bool kaccel_table_sync(struct kaccel_vm *vm, struct kaccel_root *r,
			      struct kaccel_table *t)
{
	const void *mem = kaccel_table_mem(vm, t->gpa);
	bool pae = kaccel_root_pae(r);
	int i, n = kaccel_root_entries(r);

	if (!mem)
		return false;
	if (!memcmp(mem, t->snap, PAGE_SIZE))
		return true;
	for (i = 0; i < n && !t->dead; i++) {
		u64 cur = kaccel_get(mem, i, pae);

		if (cur != kaccel_get(t->snap, i, pae))
			kaccel_entry_sync(vm, r, t, i, cur);
	}
	return true;
}

/* Brings the current root's shadow up to date with the guest's tables
 * (directories first: they may drop page tables). */
static void kaccel_root_sync(struct kaccel_vm *vm)
{
	struct kaccel_root *r = kaccel_cur(vm);
	int level, i;

	if (r->overflow) {
		kaccel_shadow_flush_all(vm);
		return;
	}
	for (level = 2; level >= 1; level--)
		for (i = 0; i < r->ntables; i++) {
			struct kaccel_table *t = &r->tables[i];

			if (t->dead || t->level != level)
				continue;
			if (!kaccel_table_sync(vm, r, t)) {
				kaccel_shadow_flush_all(vm);
				return;
			}
		}
	kaccel_root_compact(r);
}

static struct kaccel_table *kaccel_root_find(struct kaccel_root *r, u64 gpa,
					     int level, u32 base)
{
	int i;

	for (i = 0; i < r->ntables; i++) {
		struct kaccel_table *t = &r->tables[i];

		if (!t->dead && t->gpa == gpa && t->level == level && t->base == base)
			return t;
	}
	return NULL;
}

static struct kaccel_table *kaccel_root_add(struct kaccel_vm *vm, struct kaccel_root *r,
					    u64 gpa, int level, u32 base)
{
	const void *mem = kaccel_table_mem(vm, gpa);
	struct kaccel_table *t;
	struct page *p;

	kaccel_root_compact(r);
	if (!mem || r->ntables == KACCEL_ROOT_TABLES)
		return NULL;
	p = alloc_page(GFP_KERNEL_ACCOUNT);
	if (!p)
		return NULL;
	atomic_long_inc(&kaccel_pages_out);
	t = &r->tables[r->ntables++];
	t->gpa = gpa;
	t->level = level;
	t->base = base;
	t->dead = false;
	t->snap = page_address(p);
	memcpy(t->snap, mem, PAGE_SIZE);
	/* a guest table is never writable natively in the shadow */
	kaccel_shadow_protect(vm, gpa);
	return t;
}

/* The walk derived a shadow entry from the guest entry at gpa, a table at
 * level whose entry 0 maps base, holding value (with the accessed and
 * dirty bits the walk set): record it, dropping what was derived from an
 * older value of that entry. */
void kaccel_root_note(struct kaccel_vm *vm, u64 gpa, int level, u32 base, u64 value)
{
	struct kaccel_root *r = kaccel_cur(vm);
	struct kaccel_table *t;
	int i;

	if (r->overflow)
		return;
	t = kaccel_root_find(r, gpa & PAGE_MASK, level, base);
	if (!t)
		t = kaccel_root_add(vm, r, gpa & PAGE_MASK, level, base);
	if (!t) {
		r->overflow = true;
		return;
	}
	i = (gpa & ~PAGE_MASK) / (kaccel_root_pae(r) ? 8 : 4);
	kaccel_entry_sync(vm, r, t, i, value);
	kaccel_root_compact(r);
}

/* Is the page at gpa one of the current root's guest tables? */
bool kaccel_root_is_table(struct kaccel_vm *vm, u64 gpa)
{
	struct kaccel_root *r = kaccel_cur(vm);
	int i;

	for (i = 0; i < r->ntables; i++)
		if (!r->tables[i].dead && r->tables[i].gpa == (gpa & PAGE_MASK))
			return true;
	return false;
}

/* INVLPG addr: the directory entry and page-table entry that translate
 * addr in the current root, compared with guest memory. */
void kaccel_root_sync_addr(struct kaccel_vm *vm, u32 addr)
{
	struct kaccel_root *r = kaccel_cur(vm);
	bool pae = kaccel_root_pae(r);
	u32 region = kaccel_root_region(r);
	u32 dbase = pae ? addr & ~((1U << 30) - 1) : 0;
	int level, i;

	for (level = 2; level >= 1; level--)
		for (i = 0; i < r->ntables; i++) {
			struct kaccel_table *t = &r->tables[i];
			const void *mem;
			int idx;

			if (t->dead || t->level != level ||
			    t->base != (level == 2 ? dbase : addr & ~(region - 1)))
				continue;
			mem = kaccel_table_mem(vm, t->gpa);
			if (!mem) {
				kaccel_shadow_flush_all(vm);
				return;
			}
			idx = level == 2 ? (addr - dbase) / region
					 : (addr & (region - 1)) >> PAGE_SHIFT;
			kaccel_entry_sync(vm, r, t, idx, kaccel_get(mem, idx, pae));
		}
	kaccel_root_compact(r);
}

/* A native write to a guest table exited (the translator performed it):
 * the entries it changed, before the guest runs again. The whole root is
 * compared, not just that page: a page-table page the guest freed and
 * reuses as data would otherwise stay protected until its directory
 * entry is compared. */
void kaccel_root_sync_written(struct kaccel_vm *vm)
{
	if (vm->table_written)
		kaccel_root_sync(vm);
	vm->table_written = false;
}

/* The guest loaded the same CR3 again: the shadow must match its tables
 * now. */
void kaccel_root_check_current(struct kaccel_vm *vm)
{
	if (!kaccel_cur(vm)->overflow)
		vm->stats.root_hits++;
	kaccel_root_sync(vm);
}

/* The guest switches to the address space of regs. */
void kaccel_roots_switch(struct kaccel_vm *vm, const struct kaccel_regs *regs)
{
	u32 cr3 = regs->cr3, mode = kaccel_paging_mode(regs);
	struct kaccel_root *cur = kaccel_cur(vm), *r;
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
			vm->cur_root = i;
			vm->top[0] = r->entry;
			r->entry = 0;
			vm->stats.root_hits++;
			kaccel_root_sync(vm);
			return;
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
