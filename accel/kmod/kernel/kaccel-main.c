// SPDX-License-Identifier: GPL-2.0
/* /dev/kaccel: the misc device, one VM per open file, and the ioctls of
 * ../kaccel.h. Every argument is checked here before kaccel-run.c or
 * kaccel-mmu.c sees it. The module stays loaded while a VM is open. */
#include <linux/module.h>
#include <linux/miscdevice.h>
#include <linux/fs.h>
#include <linux/mm.h>
#include <linux/slab.h>
#include <linux/uaccess.h>
#include <linux/bitmap.h>
#include <linux/sched/mm.h>
#include "kaccel-int.h"

atomic_long_t kaccel_pages_out = ATOMIC_LONG_INIT(0);

static void kaccel_check_layout(void)
{
	BUILD_BUG_ON(offsetof(struct kaccel_area, d) != KS_DATA);
	BUILD_BUG_ON(offsetof(struct kaccel_area, d.host_cr3) != KS_HOST_CR3);
	BUILD_BUG_ON(offsetof(struct kaccel_area, d.host_gsbase) != KS_HOST_GSBASE);
	BUILD_BUG_ON(offsetof(struct kaccel_area, d.host_gdtr) != KS_HOST_GDTR);
	BUILD_BUG_ON(offsetof(struct kaccel_area, d.guest_idtr) != KS_GUEST_IDTR);
	BUILD_BUG_ON(offsetof(struct kaccel_area, d.host_segs) != KS_HOST_SEGS);
	BUILD_BUG_ON(offsetof(struct kaccel_area, d.guest_segs) != KS_GUEST_SEGS);
	BUILD_BUG_ON(offsetof(struct kaccel_area, d.guest_gpr) != KS_GUEST_GPR);
	BUILD_BUG_ON(offsetof(struct kaccel_area, d.frame) != KS_FRAME);
	BUILD_BUG_ON(offsetof(struct kaccel_area, d.nmi_room) != KS_NMI_ROOM);
	BUILD_BUG_ON(offsetof(struct kaccel_area, d.vector) != KS_VECTOR);
	BUILD_BUG_ON(offsetof(struct kaccel_area, d.internal_rip) != KS_INTERNAL_RIP);
	BUILD_BUG_ON(sizeof(struct kaccel_area) > 2 * PAGE_SIZE);
}

static void kaccel_slot_free(struct kaccel_vm *vm, struct kaccel_slot *s)
{
	if (!s->pages)
		return;
	kaccel_roots_drop_all(vm);
	unpin_user_pages_dirty_lock(s->pages, s->npages, true);
	if (mmget_not_zero(vm->mm)) {
		account_locked_vm(vm->mm, s->npages, false);
		mmput(vm->mm);
	}
	vm->stats.pinned_pages -= s->npages;
	kvfree(s->pages);
	bitmap_free(s->watch);
	memset(s, 0, sizeof(*s));
}

static void kaccel_vm_free(struct kaccel_vm *vm)
{
	int i;

	for (i = 0; i < KACCEL_MAX_SLOTS; i++)
		kaccel_slot_free(vm, &vm->slots[i]);
	if (vm->top)
		kaccel_roots_drop_all(vm);
	kaccel_mmu_destroy(vm);
	if (vm->mm)
		mmdrop(vm->mm);
	if (vm->nr_tables)
		pr_err("kaccel: %ld page-table pages lost\n", vm->nr_tables);
	if (vm->gdt) {
		free_pages((unsigned long)vm->gdt, KACCEL_GDT_ORDER);
		atomic_long_sub(1 << KACCEL_GDT_ORDER, &kaccel_pages_out);
	}
	if (vm->area) {
		free_pages((unsigned long)vm->area, 1);
		atomic_long_sub(2, &kaccel_pages_out);
	}
	kfree(vm);
}

static int kaccel_open(struct inode *inode, struct file *f)
{
	struct kaccel_vm *vm = kzalloc(sizeof(*vm), GFP_KERNEL_ACCOUNT);
	struct kaccel_area_data *d;
	int err;

	if (!vm)
		return -ENOMEM;
	mutex_init(&vm->lock);
	if (!current->mm) {
		kfree(vm);
		return -EINVAL;
	}
	vm->mm = current->mm;
	mmgrab(vm->mm);
	vm->area = (void *)__get_free_pages(GFP_KERNEL_ACCOUNT | __GFP_ZERO, 1);
	if (vm->area)
		atomic_long_add(2, &kaccel_pages_out);
	vm->gdt = (void *)__get_free_pages(GFP_KERNEL_ACCOUNT | __GFP_ZERO,
					    KACCEL_GDT_ORDER);
	if (vm->gdt)
		atomic_long_add(1 << KACCEL_GDT_ORDER, &kaccel_pages_out);
	if (!vm->area || !vm->gdt) {
		kaccel_vm_free(vm);
		return -ENOMEM;
	}
	kaccel_build_idt(vm);
	kaccel_roots_init(vm);
	d = &vm->area->d;
	*(u16 *)d->guest_gdtr = KACCEL_GDT_ENTRIES * 8 - 1;
	*(u64 *)(d->guest_gdtr + 2) = (u64)vm->gdt;
	*(u16 *)d->guest_idtr = 4095;
	*(u64 *)(d->guest_idtr + 2) = (u64)vm->area->idt;
	err = kaccel_mmu_init(vm);
	if (err) {
		kaccel_vm_free(vm);
		return err;
	}
	f->private_data = vm;
	return 0;
}

static int kaccel_release(struct inode *inode, struct file *f)
{
	kaccel_vm_free(f->private_data);
	return 0;
}

static long kaccel_set_ram(struct kaccel_vm *vm, void __user *arg)
{
	struct kaccel_ram r;
	struct kaccel_slot *s;
	long pinned;
	int i;

	if (copy_from_user(&r, arg, sizeof(r)))
		return -EFAULT;
	if (r.slot >= KACCEL_MAX_SLOTS || r.flags)
		return -EINVAL;
	s = &vm->slots[r.slot];
	if (r.size == 0) {
		kaccel_slot_free(vm, s);
		return 0;
	}
	if ((r.guest_phys | r.size | r.user_addr) & ~PAGE_MASK ||
	    r.size > KACCEL_MAX_SLOT_SIZE || r.guest_phys >= KACCEL_MAX_GPA ||
	    r.size > KACCEL_MAX_GPA - r.guest_phys)
		return -EINVAL;
	if (r.user_addr >= TASK_SIZE_MAX || r.size > TASK_SIZE_MAX - r.user_addr)
		return -EFAULT;
	if (s->pages)
		return -EBUSY;
	if (current->mm != vm->mm)
		return -EPERM;
	for (i = 0; i < KACCEL_MAX_SLOTS; i++) {
		struct kaccel_slot *o = &vm->slots[i];

		if (o->pages && r.guest_phys < o->gpa + o->size &&
		    o->gpa < r.guest_phys + r.size)
			return -EEXIST;
	}
	s->npages = r.size >> PAGE_SHIFT;
	/* pinned RAM counts against RLIMIT_MEMLOCK, as for VFIO */
	pinned = account_locked_vm(vm->mm, s->npages, true);
	if (pinned) {
		s->npages = 0;
		return pinned;
	}
	s->pages = kvmalloc_array(s->npages, sizeof(*s->pages), GFP_KERNEL_ACCOUNT);
	s->watch = bitmap_zalloc(s->npages, GFP_KERNEL_ACCOUNT);
	if (!s->pages || !s->watch) {
		account_locked_vm(vm->mm, s->npages, false);
		kvfree(s->pages);
		bitmap_free(s->watch);
		memset(s, 0, sizeof(*s));
		return -ENOMEM;
	}
	pinned = pin_user_pages_fast(r.user_addr, s->npages,
				     FOLL_WRITE | FOLL_LONGTERM, s->pages);
	if (pinned != s->npages) {
		if (pinned > 0)
			unpin_user_pages(s->pages, pinned);
		account_locked_vm(vm->mm, s->npages, false);
		kvfree(s->pages);
		bitmap_free(s->watch);
		memset(s, 0, sizeof(*s));
		return pinned < 0 ? pinned : -EFAULT;
	}
	s->gpa = r.guest_phys;
	s->size = r.size;
	vm->stats.pinned_pages += s->npages;
	return 0;
}

/* Regs already copied in: check, switch the shadow, keep. *switched
 * says whether the address space changed (its shadow is then checked). */
static int kaccel_load_regs(struct kaccel_vm *vm, const struct kaccel_regs *r,
			    bool *switched)
{
	int err = kaccel_check_regs(vm, r);

	if (err)
		return err;
	/* another address space or paging mode: its own shadow */
	*switched = !kaccel_roots_same(r, &vm->regs);
	if (*switched)
		kaccel_roots_switch(vm, r);
	vm->regs = *r;
	vm->regs_ok = true;
	return 0;
}

static long kaccel_set_regs(struct kaccel_vm *vm, void __user *arg)
{
	struct kaccel_regs r;
	bool switched;

	if (copy_from_user(&r, arg, sizeof(r)))
		return -EFAULT;
	return kaccel_load_regs(vm, &r, &switched);
}

static long kaccel_set_fpu(struct kaccel_vm *vm, void __user *arg)
{
	if (copy_from_user(&vm->run.fpu, arg, sizeof(vm->run.fpu)))
		return -EFAULT;
	kaccel_fpu_set(vm, &vm->run.fpu);
	return 0;
}

/* The invalidations a run asks for, after its regs (kaccel.h). A CR3
 * invalidation after regs that switched the address space is already
 * done: the switch checked the reused shadow's tables, or started an
 * empty shadow. */
static void kaccel_run_invalidate(struct kaccel_vm *vm, const struct kaccel_run *r,
				  bool switched)
{
	u32 i;

	if (r->flags & KACCEL_RUN_INV_ALL) {
		kaccel_roots_drop_all(vm);
		return;
	}
	if ((r->flags & KACCEL_RUN_INV_CR3) && !switched)
		kaccel_root_check_current(vm);
	for (i = 0; i < r->nr_inv; i++)
		kaccel_shadow_flush_range(vm, r->inv_pages[i]);
}

/* KACCEL_RUN: everything is copied in and checked before anything is
 * applied, so a refused run (EINVAL, EFAULT) changes nothing. */
static long kaccel_run_ioctl(struct kaccel_vm *vm, struct kaccel_run __user *arg)
{
	struct kaccel_run *r = &vm->run;
	const size_t head = offsetof(struct kaccel_run, inv_pages);
	bool switched = false;
	long ret;

	if (copy_from_user(r, arg, head))
		return -EFAULT;
	if ((r->flags & ~KACCEL_RUN_FLAGS) || r->nr_inv > KACCEL_RUN_MAX_INV ||
	    r->pad || r->reserved[0] || r->reserved[1])
		return -EINVAL;
	if (copy_from_user(r->inv_pages, arg->inv_pages, r->nr_inv * sizeof(u32)))
		return -EFAULT;
	if ((r->flags & KACCEL_RUN_REGS_IN) &&
	    copy_from_user(&r->regs, &arg->regs, sizeof(r->regs)))
		return -EFAULT;
	if ((r->flags & KACCEL_RUN_FPU_IN) &&
	    copy_from_user(&r->fpu, &arg->fpu, sizeof(r->fpu)))
		return -EFAULT;
	if (r->flags & KACCEL_RUN_REGS_IN) {
		ret = kaccel_load_regs(vm, &r->regs, &switched);
		if (ret)
			return ret;
	}
	if (r->flags & KACCEL_RUN_FPU_IN)
		kaccel_fpu_set(vm, &r->fpu);
	kaccel_run_invalidate(vm, r, switched);
	memcpy(vm->fpu_start, vm->fpu.fxsave, sizeof(vm->fpu_start));
	r->out_flags = 0;
	ret = kaccel_run(vm, r);
	if (ret)
		return ret;
	if (memcmp(vm->fpu_start, vm->fpu.fxsave, sizeof(vm->fpu_start)))
		r->out_flags |= KACCEL_RUN_FPU_OUT;
	if (copy_to_user(arg, r, head) ||
	    copy_to_user(&arg->regs, &vm->regs, sizeof(vm->regs)))
		return -EFAULT;
	if ((r->out_flags & KACCEL_RUN_FPU_OUT) &&
	    copy_to_user(&arg->fpu, &vm->fpu, sizeof(vm->fpu)))
		return -EFAULT;
	return 0;
}

static long kaccel_invalidate(struct kaccel_vm *vm, void __user *arg)
{
	struct kaccel_invalidate inv;

	if (copy_from_user(&inv, arg, sizeof(inv)))
		return -EFAULT;
	if (inv.kind == KACCEL_INVALIDATE_ALL)
		kaccel_roots_drop_all(vm);
	else if (inv.kind == KACCEL_INVALIDATE_CR3)
		kaccel_root_check_current(vm);
	else if (inv.kind == KACCEL_INVALIDATE_PAGE)
		kaccel_shadow_flush_range(vm, inv.addr);
	else
		return -EINVAL;
	return 0;
}

static long kaccel_watch(struct kaccel_vm *vm, void __user *arg)
{
	struct kaccel_watch w;
	struct kaccel_slot *s;

	if (copy_from_user(&w, arg, sizeof(w)))
		return -EFAULT;
	if ((w.gpa & ~PAGE_MASK) || w.on > 1 || w.pad)
		return -EINVAL;
	if (!kaccel_gpa_page(vm, w.gpa, &s))
		return -ENOENT;
	if (w.on) {
		set_bit((w.gpa - s->gpa) >> PAGE_SHIFT, s->watch);
		/* no writable shadow of the page is left */
		kaccel_shadow_protect(vm, w.gpa);
	} else {
		clear_bit((w.gpa - s->gpa) >> PAGE_SHIFT, s->watch);
	}
	return 0;
}

static long kaccel_ioctl(struct file *f, unsigned int cmd, unsigned long uarg)
{
	struct kaccel_vm *vm = f->private_data;
	void __user *arg = (void __user *)uarg;
	long ret;

	if (cmd == KACCEL_GET_API_VERSION)
		return KACCEL_API_VERSION;
	if (mutex_lock_interruptible(&vm->lock))
		return -EINTR;
	switch (cmd) {
	case KACCEL_SET_RAM:
		ret = kaccel_set_ram(vm, arg);
		break;
	case KACCEL_SET_REGS:
		ret = kaccel_set_regs(vm, arg);
		break;
	case KACCEL_GET_REGS:
		ret = copy_to_user(arg, &vm->regs, sizeof(vm->regs)) ? -EFAULT : 0;
		break;
	case KACCEL_SET_FPU:
		ret = kaccel_set_fpu(vm, arg);
		break;
	case KACCEL_GET_FPU:
		ret = copy_to_user(arg, &vm->fpu, sizeof(vm->fpu)) ? -EFAULT : 0;
		break;
	case KACCEL_RUN:
		ret = kaccel_run_ioctl(vm, arg);
		break;
	case KACCEL_INVALIDATE:
		ret = kaccel_invalidate(vm, arg);
		break;
	case KACCEL_WATCH:
		ret = kaccel_watch(vm, arg);
		break;
	case KACCEL_GET_STATS:
		vm->stats.shadow_tables = vm->nr_tables;
		ret = copy_to_user(arg, &vm->stats, sizeof(vm->stats)) ? -EFAULT : 0;
		break;
	default:
		ret = -ENOTTY;
	}
	mutex_unlock(&vm->lock);
	return ret;
}

static const struct file_operations kaccel_fops = {
	.owner = THIS_MODULE,
	.open = kaccel_open,
	.release = kaccel_release,
	.unlocked_ioctl = kaccel_ioctl,
	.compat_ioctl = compat_ptr_ioctl,
	.llseek = noop_llseek,
};

static struct miscdevice kaccel_dev = {
	.minor = MISC_DYNAMIC_MINOR,
	.name = "kaccel",
	.fops = &kaccel_fops,
	.mode = 0666,
};

static int __init kaccel_init(void)
{
	kaccel_check_layout();
	if (!boot_cpu_has(X86_FEATURE_FXSR))
		return -ENODEV;
	kaccel_fpu_init();
	return misc_register(&kaccel_dev);
}

static void __exit kaccel_exit_module(void)
{
	misc_deregister(&kaccel_dev);
	pr_info("kaccel: unloaded, %ld pages outstanding\n",
		atomic_long_read(&kaccel_pages_out));
}

module_init(kaccel_init);
module_exit(kaccel_exit_module);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("Mimic kernel accelerator: guest ring-3 code under shadow page tables");
