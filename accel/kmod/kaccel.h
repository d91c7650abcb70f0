/* The /dev/kaccel user-space API, shared by the kernel module
 * (accel/kmod/kernel/) and the emulator's side (accel/kmod/kaccel-user.c).
 * Fixed-width fields only; KACCEL_GET_API_VERSION must match KACCEL_API_VERSION.
 * docs/kaccel.md describes the protocol. */
#ifndef KACCEL_H
#define KACCEL_H

#ifdef __KERNEL__
#include <linux/types.h>
#include <linux/ioctl.h>
#else
#include <stdint.h>
#include <sys/ioctl.h>
typedef uint8_t __u8;
typedef uint16_t __u16;
typedef uint32_t __u32;
typedef uint64_t __u64;
#endif

#define KACCEL_API_VERSION 3

/* Limits the module enforces. */
#define KACCEL_MAX_SLOTS 8
#define KACCEL_MAX_SLOT_SIZE (1ULL << 30)  /* 1 GiB per RAM slot */
#define KACCEL_MAX_GPA (1ULL << 32)        /* RAM lies below 4 GiB */

/* Guest RAM: [guest_phys, guest_phys + size) is the emulator's memory at
 * user_addr (page-aligned, pinned for the life of the VM). size 0 removes
 * the slot. */
struct kaccel_ram {
	__u32 slot;
	__u32 flags;             /* must be 0 */
	__u64 guest_phys;
	__u64 size;
	__u64 user_addr;
};

/* A segment register and its descriptor cache, as target-i386/cpu.h keeps
 * it: flags holds bits 8..23 of the descriptor's high dword (type, S, DPL,
 * P, AVL, L, D/B, G); limit is in bytes. */
struct kaccel_segment {
	__u32 selector, base, limit, flags;
};

enum { KACCEL_ES, KACCEL_CS, KACCEL_SS, KACCEL_DS, KACCEL_FS, KACCEL_GS,
       KACCEL_NB_SEGS };

/* The guest state that ring-3 code sees or that the module needs. */
struct kaccel_regs {
	__u32 gpr[8];            /* EAX ECX EDX EBX ESP EBP ESI EDI */
	__u32 eip, eflags;
	__u32 cr0, cr2, cr3, cr4;
	__u64 efer;              /* only NXE is used */
	struct kaccel_segment seg[KACCEL_NB_SEGS];
	__u64 pdpte[4];          /* PAE: the PDPTE registers, as loaded from
	                          * the guest's PDPT at its last CR3 load
	                          * (SDM 4.4.1); 0 otherwise */
};

/* x87/MMX/SSE state in the 32-bit FXSAVE layout (512 bytes). */
struct kaccel_fpu {
	__u8 fxsave[512];
};

/* Why KACCEL_RUN came back. */
enum kaccel_exit_reason {
	KACCEL_EXIT_EXCEPTION = 1, /* vector, error_code (addr = CR2 for #PF,
	                            * gpa = DR6 for #DB); a guest #PF carries
	                            * the guest's error code */
	KACCEL_EXIT_SOFTINT,       /* INT n / INT3 / INTO: vector = n, eip at it */
	KACCEL_EXIT_INSN,          /* an instruction for the translator:
	                            * insn = KACCEL_INSN_*, eip at it */
	KACCEL_EXIT_MMIO,          /* access to guest-physical memory outside the
	                            * RAM slots: gpa, addr (linear), write */
	KACCEL_EXIT_WATCH,         /* write to a watched page: gpa, addr */
	KACCEL_EXIT_SIGNAL,        /* a host signal is pending */
	KACCEL_EXIT_RESCHED,       /* the host wants the CPU */
	KACCEL_EXIT_SLICE,         /* the time slice ran out */
};

/* Instruction classes of KACCEL_EXIT_INSN (the module reads the opcode). */
enum kaccel_insn {
	KACCEL_INSN_OTHER = 0,     /* #GP/#UD from something else */
	KACCEL_INSN_SYSENTER,
	KACCEL_INSN_SYSCALL,
	KACCEL_INSN_IO,            /* IN/OUT/INS/OUTS */
	KACCEL_INSN_PRIV,          /* CLI/STI/HLT/MOV CR/LGDT/... */
	KACCEL_INSN_CPUID,         /* with CPUID faulting on */
	KACCEL_INSN_RDTSC,         /* RDTSC/RDTSCP with CR4.TSD on */
	KACCEL_INSN_DESC,          /* SGDT/SIDT/SLDT/STR/SMSW with UMIP on */
};

/* KACCEL_RUN carries the state in and out, so that one ioctl is one
 * native stretch. flags (in): */
#define KACCEL_RUN_REGS_IN  (1u << 0)  /* load regs first, as SET_REGS */
#define KACCEL_RUN_FPU_IN   (1u << 1)  /* load fpu first, as SET_FPU */
#define KACCEL_RUN_INV_ALL  (1u << 2)  /* then INVALIDATE ALL */
#define KACCEL_RUN_INV_CR3  (1u << 3)  /* then INVALIDATE CR3 (unless ALL) */
#define KACCEL_RUN_FLAGS    0xfu
/* out_flags: */
#define KACCEL_RUN_FPU_OUT  (1u << 0)  /* fpu holds the guest's FPU state,
                                        * which this run changed */
#define KACCEL_RUN_MAX_INV  32         /* inv_pages */

struct kaccel_run {
	/* in */
	__u64 slice_ns;          /* 0: no time slice */
	__u32 flags;             /* KACCEL_RUN_* above */
	__u32 nr_inv;            /* then INVALIDATE PAGE for inv_pages[0..nr_inv)
	                          * (unless ALL); at most KACCEL_RUN_MAX_INV */
	/* out */
	__u32 reason;            /* enum kaccel_exit_reason */
	__u32 vector;
	__u32 error_code;
	__u32 insn;              /* enum kaccel_insn */
	__u32 addr;              /* CR2 / linear address */
	__u32 write;
	__u64 gpa;
	__u32 out_flags;         /* KACCEL_RUN_FPU_OUT */
	__u32 pad;               /* must be 0 */
	__u64 reserved[2];       /* must be 0 */
	/* in */
	__u32 inv_pages[KACCEL_RUN_MAX_INV];
	/* in with KACCEL_RUN_REGS_IN; out whenever the run returns 0 */
	struct kaccel_regs regs;
	/* in with KACCEL_RUN_FPU_IN; out with KACCEL_RUN_FPU_OUT */
	struct kaccel_fpu fpu;
};

/* Invalidation, as the translator sees guest INVLPG and CR3 writes:
 * PAGE for INVLPG; CR3 after any MOV to CR3 (SET_REGS first: a new CR3
 * switches to that address space's cached shadow, and CR3 drops it if a
 * guest table it came from changed); ALL drops every cached shadow. */
enum { KACCEL_INVALIDATE_ALL = 0, KACCEL_INVALIDATE_PAGE = 1,
       KACCEL_INVALIDATE_CR3 = 2 };
struct kaccel_invalidate {
	__u32 kind;
	__u32 addr;              /* linear address for KACCEL_INVALIDATE_PAGE */
};

/* Pages the emulator watches (translated code, guest page tables): a
 * native write to one exits with KACCEL_EXIT_WATCH instead. */
struct kaccel_watch {
	__u64 gpa;               /* page-aligned, inside a RAM slot */
	__u32 on;
	__u32 pad;
};

/* Module counters (for tests and statistics). */
struct kaccel_stats {
	__u64 runs, entries, exits_irq, shadow_fills, shadow_tables;
	__u64 invalidations, pinned_pages;
	__u64 root_hits;         /* address-space shadows reused */
	__u64 refills;           /* shadows filled ahead of a guest's retry
	                          * after its page fault */
	__u64 reserved[3];
};

#define KACCEL_IOC 0xAE
#define KACCEL_GET_API_VERSION _IO(KACCEL_IOC, 0x00)
#define KACCEL_SET_RAM        _IOW(KACCEL_IOC, 0x01, struct kaccel_ram)
#define KACCEL_SET_REGS       _IOW(KACCEL_IOC, 0x02, struct kaccel_regs)
#define KACCEL_GET_REGS       _IOR(KACCEL_IOC, 0x03, struct kaccel_regs)
#define KACCEL_SET_FPU        _IOW(KACCEL_IOC, 0x04, struct kaccel_fpu)
#define KACCEL_GET_FPU        _IOR(KACCEL_IOC, 0x05, struct kaccel_fpu)
#define KACCEL_RUN           _IOWR(KACCEL_IOC, 0x06, struct kaccel_run)
#define KACCEL_INVALIDATE     _IOW(KACCEL_IOC, 0x07, struct kaccel_invalidate)
#define KACCEL_WATCH          _IOW(KACCEL_IOC, 0x08, struct kaccel_watch)
#define KACCEL_GET_STATS      _IOR(KACCEL_IOC, 0x09, struct kaccel_stats)

#endif
