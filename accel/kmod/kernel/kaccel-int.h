/* Internal structures of the kaccel module: the VM behind each open
 * /dev/kaccel file, its switch area, RAM slots and page tables.
 * kaccel-main.c (device, ioctls), kaccel-mmu.c (page tables, guest
 * walks), kaccel-run.c (state checks, world switch loop, exits). */
#ifndef KACCEL_INT_H
#define KACCEL_INT_H

#include <linux/types.h>
#include <linux/mutex.h>
#include <linux/cpumask.h>
#include <linux/atomic.h>
#include <linux/bitops.h>
#include "../kaccel.h"
#include "kaccel-switch.h"

/* Page 1 of the switch area; offsets match kaccel-switch.h. */
struct kaccel_area_data {
	u64 host_rsp, host_cr3, guest_cr3, host_fsbase, host_gsbase, pad0;
	u8 host_gdtr[16], host_idtr[16], guest_gdtr[16], guest_idtr[16];
	u16 host_segs[8];        /* ds es fs gs ldt ss */
	u16 guest_segs[8];       /* ds es fs gs */
	u64 guest_gpr[8];
	u64 unused[6];
	u64 vector, error, cr2, pending, internal, internal_rip;
	u8 nmi_room[KS_FRAME - KS_NMI_ROOM];
	u64 frame[5];            /* rip cs rflags rsp ss */
};

struct kaccel_area {
	u8 idt[4096];
	struct kaccel_area_data d;
};

struct kaccel_slot {
	u64 gpa, size;
	unsigned long npages;
	struct page **pages;
	unsigned long *watch;    /* bitmap, one bit per page */
};

/* The shadow cache: up to KACCEL_ROOTS address spaces (guest CR3 and
 * paging mode). Each records the guest paging-structure pages its shadow
 * was derived from, where they sit (level, linear base) and the entry
 * values used (kaccel-roots.c): a changed entry drops just the shadow
 * entries derived from it. */
#define KACCEL_ROOTS 4
#define KACCEL_ROOT_TABLES 64

struct kaccel_table {
	u64 gpa;                 /* page-aligned guest-physical address */
	u32 base;                /* linear address entry 0 maps */
	u8 level;                /* 2: directory, 1: page table */
	bool dead;               /* dropped, compacted away soon */
	u8 *snap;                /* entry values the shadow was derived from */
};

struct kaccel_root {
	bool used;
	bool overflow;           /* a table could not be recorded: the shadow
	                          * is dropped as a whole at CR3 loads */
	u32 cr3, mode;
	u64 pdpte[4];
	u64 entry;               /* top-level entry of the low 4 GiB, when
	                          * not the current root */
	u64 stamp;
	int ntables;
	struct kaccel_table tables[KACCEL_ROOT_TABLES];
};

/* Host frames that may have a writable shadow leaf in some root (a
 * superset, hashed): write-protecting a page scans the shadows only on a
 * hit. */
#define KACCEL_WFILTER_BITS 16384

#define KACCEL_GDT_ENTRIES 8192
#define KACCEL_GDT_ORDER 4       /* 64 KiB */

struct kaccel_vm {
	struct mutex lock;
	struct mm_struct *mm;            /* the opener's, charged for pins */
	struct kaccel_area *area;        /* 2 pages, order 1 */
	u64 *gdt;                        /* KACCEL_GDT_ENTRIES descriptors */
	u64 *top;                        /* top-level page table of the VM */
	int levels;                      /* 4 or 5 */
	long nr_tables;                  /* page-table pages below top */
	cpumask_t cpus_mapped;           /* CPUs whose TSS/entry stack are mapped */
	u32 gdt_used[KACCEL_NB_SEGS];    /* GDT indices filled for the segments */
	bool regs_ok;
	bool broken;
	struct kaccel_regs regs;
	struct kaccel_fpu fpu __aligned(64);
	u8 fpu_start[512];               /* fpu as a run found it */
	struct kaccel_run run;           /* KACCEL_RUN's copy of its argument */
	struct kaccel_slot slots[KACCEL_MAX_SLOTS];
	struct kaccel_stats stats;
	struct kaccel_root roots[KACCEL_ROOTS];
	int cur_root;
	u64 root_stamp;
	u32 last_fault_addr, same_fault_count;
	/* the last guest #PF reported (kaccel-run.c, kaccel_refill) */
	bool refill;
	u32 refill_addr, refill_err, refill_eip, refill_cr3, refill_gpr[8];
	struct kaccel_segment refill_seg[KACCEL_NB_SEGS];
	u64 dr6;
	bool table_written;              /* a native write to a guest table
	                                  * exited: sync before the next run */
	unsigned long wfilter[BITS_TO_LONGS(KACCEL_WFILTER_BITS)];
};

extern atomic_long_t kaccel_pages_out;

/* kaccel-mmu.c */
int kaccel_mmu_init(struct kaccel_vm *vm);
void kaccel_mmu_destroy(struct kaccel_vm *vm);
void kaccel_shadow_flush_all(struct kaccel_vm *vm);
void kaccel_shadow_free(struct kaccel_vm *vm, u64 entry);
void kaccel_shadow_flush_range(struct kaccel_vm *vm, u32 addr);
void kaccel_shadow_zap_page(struct kaccel_vm *vm, u32 addr);
void kaccel_shadow_zap_range(struct kaccel_vm *vm, u32 start, u32 size);
void kaccel_shadow_protect(struct kaccel_vm *vm, u64 gpa);
int kaccel_map_cpu(struct kaccel_vm *vm, int cpu);
struct page *kaccel_gpa_page(struct kaccel_vm *vm, u64 gpa, struct kaccel_slot **slotp);
bool kaccel_gpa_watched(struct kaccel_vm *vm, u64 gpa);

enum kaccel_walk_result { KACCEL_WALK_OK, KACCEL_WALK_FAULT, KACCEL_WALK_MMIO };
struct kaccel_walk {
	u64 gpa;         /* result, or the table/frame outside RAM */
	u32 error_code;  /* guest #PF error code on FAULT */
	bool writable, dirty, nx;
};
enum kaccel_walk_result kaccel_walk(struct kaccel_vm *vm, u32 addr, bool write,
				    bool fetch, bool set_ad, struct kaccel_walk *w);
int kaccel_shadow_install(struct kaccel_vm *vm, u32 addr, struct page *page,
			  bool writable, bool nx);

/* kaccel-roots.c */
u32 kaccel_paging_mode(const struct kaccel_regs *r);
void kaccel_roots_init(struct kaccel_vm *vm);
void kaccel_roots_drop_all(struct kaccel_vm *vm);
void kaccel_root_forget_tables(struct kaccel_vm *vm, struct kaccel_root *r);
void kaccel_root_note(struct kaccel_vm *vm, u64 gpa, int level, u32 base, u64 value);
bool kaccel_root_is_table(struct kaccel_vm *vm, u64 gpa);
void kaccel_root_sync_addr(struct kaccel_vm *vm, u32 addr);
void kaccel_root_sync_written(struct kaccel_vm *vm);
bool kaccel_roots_same(const struct kaccel_regs *a, const struct kaccel_regs *b);
void kaccel_roots_switch(struct kaccel_vm *vm, const struct kaccel_regs *r);
void kaccel_root_check_current(struct kaccel_vm *vm);

/* kaccel-run.c */
int kaccel_check_regs(struct kaccel_vm *vm, const struct kaccel_regs *r);
long kaccel_run(struct kaccel_vm *vm, struct kaccel_run *run);
int kaccel_build_idt(struct kaccel_vm *vm);
void kaccel_fpu_init(void);
void kaccel_fpu_set(struct kaccel_vm *vm, const struct kaccel_fpu *f);

/* kaccel-switch.S */
void kaccel_switch_run(struct kaccel_area *area);
extern const u8 kaccel_switch_text_start[], kaccel_switch_text_end[];
extern const u8 kaccel_switch_stubs[], kaccel_forward_table[];

#endif
