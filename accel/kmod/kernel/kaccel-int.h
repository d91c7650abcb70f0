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
#include "../kaccel.h"
#include "kaccel-switch.h"

/* Page 1 of the switch area; offsets match kaccel-switch.h. */
struct kaccel_area_data {
	u64 host_rsp, host_cr3, guest_cr3, host_fsbase, host_gsbase, pad0;
	u8 host_gdtr[16], host_idtr[16], guest_gdtr[16], guest_idtr[16];
	u16 host_segs[8];        /* ds es fs gs ldt ss */
	u16 guest_segs[8];       /* ds es fs gs */
	u64 guest_gpr[8];
	u64 frame[5];            /* rip cs rflags rsp ss */
	u64 pad1;
	u64 vector, error, cr2, pending, internal, internal_rip;
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

#define KACCEL_GDT_ENTRIES 8192
#define KACCEL_GDT_ORDER 4       /* 64 KiB */

struct kaccel_vm {
	struct mutex lock;
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
	struct kaccel_slot slots[KACCEL_MAX_SLOTS];
	struct kaccel_stats stats;
	u32 last_fault_addr, same_fault_count;
};

extern atomic_long_t kaccel_pages_out;

/* kaccel-mmu.c */
int kaccel_mmu_init(struct kaccel_vm *vm);
void kaccel_mmu_destroy(struct kaccel_vm *vm);
void kaccel_shadow_flush_all(struct kaccel_vm *vm);
void kaccel_shadow_flush_range(struct kaccel_vm *vm, u32 addr);
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

/* kaccel-run.c */
int kaccel_check_regs(struct kaccel_vm *vm, const struct kaccel_regs *r);
long kaccel_run(struct kaccel_vm *vm, struct kaccel_run *run);
int kaccel_build_idt(struct kaccel_vm *vm);

/* kaccel-switch.S */
void kaccel_switch_run(struct kaccel_area *area);
extern const u8 kaccel_switch_text_start[], kaccel_switch_text_end[];
extern const u8 kaccel_switch_stubs[], kaccel_forward_table[];

#endif
