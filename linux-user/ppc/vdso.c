/*
 * The ppc32 guest's vDSO: one page holding a small ELF shared object
 * (named by AT_SYSINFO_EHDR) with the sigreturn trampolines and their
 * call-frame information, as the Linux kernel's vDSO has. Unwinders (the
 * ones glibc's pthread_cancel and C++ exceptions use) find a signal frame
 * through this CFI; libgcc's fallback that decodes the trampoline by its
 * code aborts on 32-bit PowerPC (GCC 12), so without it a thread
 * cancelled inside a blocking syscall brought the whole process down.
 */
#include <elf.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "linux-user/ppc/ppc.h"
#include "exec/user-pages.h"

/* Layout of the page (offsets from its start, which is also vaddr 0). */
enum {
    VD_PHDR = 0x34, VD_NPHDR = 3,
    VD_DYN = 0xa0, VD_NDYN = 7,
    VD_HASH = 0xe0, VD_SYMTAB = 0xf0, VD_STRTAB = 0x100,
    VD_EH_HDR = 0x120, VD_EH_FRAME = 0x140, VD_EH_END = 0xe00,
    /* Each trampoline is "li r0,NR; sc" preceded by a nop that its FDE
     * covers: the unwinder looks up the return address minus one. */
    VD_SIGTRAMP = 0xe04, VD_SIGTRAMP_RT = 0xe14,
    VD_SIZE = 0x1000,
};

/* The mcontext pointer's offset from r1 as the handler starts: the
 * 64-byte caller frame, then (rt) 16 bytes of padding, the siginfo and
 * ucontext.uc_regs; (non-rt) sigcontext.regs. See signal.c. */
enum { VD_REGS_PTR_RT = 64 + 16 + 128 + 48, VD_REGS_PTR = 64 + 28 };

/* Offsets in the mcontext (struct pt_regs, then the FP registers). */
enum { MC_NIP = 4 * 32, MC_CTR = 4 * 35, MC_LNK = 4 * 36, MC_XER = 4 * 37,
       MC_CCR = 4 * 38, MC_FPR = 192 };

/* DWARF register numbers of the PowerPC ELF ABI as GCC's unwinder uses
 * them: 0-31 GPRs, 32-63 FPRs, LR, CTR, and 67, which holds the pc of a
 * signal frame, CR fields 68-75, XER. */
enum { DW_LR = 65, DW_CTR = 66, DW_NIP = 67, DW_CR0 = 68, DW_XER = 76 };

typedef struct VdsoBuf {
    uint8_t *b;
    uint32_t pos;
} VdsoBuf;

static void vd_u8(VdsoBuf *v, uint8_t x)
{
    v->b[v->pos++] = x;
}

static void vd_u16(VdsoBuf *v, uint16_t x)
{
    vd_u8(v, x >> 8);
    vd_u8(v, (uint8_t)x);
}

static void vd_u32(VdsoBuf *v, uint32_t x)
{
    vd_u16(v, x >> 16);
    vd_u16(v, (uint16_t)x);
}

static void vd_put32(uint8_t *page, uint32_t off, uint32_t x)
{
    VdsoBuf v = { page, off };
    vd_u32(&v, x);
}

static void vd_uleb(VdsoBuf *v, uint32_t x)
{
    do {
        uint8_t byte = x & 0x7f;
        x >>= 7;
        vd_u8(v, byte | (x ? 0x80 : 0));
    } while (x);
}

static void vd_sleb(VdsoBuf *v, int32_t x)
{
    for (;;) {
        uint8_t byte = x & 0x7f;
        x >>= 7;   /* arithmetic */
        bool done = (x == 0 && !(byte & 0x40)) || (x == -1 && (byte & 0x40));
        vd_u8(v, byte | (done ? 0 : 0x80));
        if (done) {
            return;
        }
    }
}

/* DWARF expression: the address of mcontext + off (the mcontext pointer
 * is read from r1 + ptr). */
static void vd_expr_regs(VdsoBuf *v, int ptr, uint32_t off)
{
    VdsoBuf e = { v->b, v->pos + 1 };
    vd_u8(&e, 0x71);            /* DW_OP_breg1 */
    vd_sleb(&e, ptr);
    vd_u8(&e, 0x06);            /* DW_OP_deref */
    if (off) {
        vd_u8(&e, 0x23);        /* DW_OP_plus_uconst */
        vd_uleb(&e, off);
    }
    v->b[v->pos] = (uint8_t)(e.pos - v->pos - 1);   /* length, < 128 */
    v->pos = e.pos;
}

/* DW_CFA_expression: register reg is saved at mcontext + off. */
static void vd_cfa_saved(VdsoBuf *v, int ptr, int reg, uint32_t off)
{
    vd_u8(v, 0x10);
    vd_uleb(v, reg);
    vd_expr_regs(v, ptr, off);
}

static void vd_align4(VdsoBuf *v)
{
    while (v->pos & 3) {
        vd_u8(v, 0);            /* DW_CFA_nop */
    }
}

/* The CIE: augmentation "zRS" (pc-relative FDE pointers; the frames it
 * describes are signal frames, so the pc they give is not a return
 * address); code alignment 4, data alignment -4, return column 67. */
static uint32_t vd_cie(VdsoBuf *v)
{
    uint32_t start = v->pos;
    vd_u32(v, 0);               /* length, patched */
    vd_u32(v, 0);               /* CIE id */
    vd_u8(v, 1);                /* version */
    vd_u8(v, 'z');
    vd_u8(v, 'R');
    vd_u8(v, 'S');
    vd_u8(v, 0);
    vd_uleb(v, 4);
    vd_sleb(v, -4);
    vd_u8(v, DW_NIP);
    vd_uleb(v, 1);              /* augmentation data length */
    vd_u8(v, 0x1b);             /* DW_EH_PE_pcrel | DW_EH_PE_sdata4 */
    vd_u8(v, 0x0c);             /* DW_CFA_def_cfa r1, 0 */
    vd_uleb(v, 1);
    vd_uleb(v, 0);
    vd_align4(v);
    vd_put32(v->b, start, v->pos - start - 4);
    return start;
}

/* One FDE: [code - 4, code + 8) is a signal frame whose registers are in
 * the mcontext that r1 + ptr points to; its CFA is the interrupted r1. */
static void vd_fde(VdsoBuf *v, uint32_t cie, uint32_t code, int ptr)
{
    uint32_t start = v->pos;
    vd_u32(v, 0);               /* length, patched */
    vd_u32(v, v->pos - cie);    /* CIE pointer */
    vd_u32(v, (code - 4) - v->pos);   /* pc begin, pc-relative */
    vd_u32(v, 12);              /* pc range */
    vd_uleb(v, 0);              /* augmentation data length */
    vd_u8(v, 0x0f);             /* DW_CFA_def_cfa_expression */
    uint32_t len_at = v->pos++;
    vd_u8(v, 0x71);             /* DW_OP_breg1 ptr; deref; plus 4; deref */
    vd_sleb(v, ptr);
    vd_u8(v, 0x06);
    vd_u8(v, 0x23);
    vd_uleb(v, 4);
    vd_u8(v, 0x06);
    v->b[len_at] = (uint8_t)(v->pos - len_at - 1);
    for (int i = 0; i < 32; i++) {
        vd_cfa_saved(v, ptr, i, 4 * i);
    }
    for (int i = 0; i < 32; i++) {
        vd_cfa_saved(v, ptr, 32 + i, MC_FPR + 8 * i);
    }
    vd_cfa_saved(v, ptr, DW_LR, MC_LNK);
    vd_cfa_saved(v, ptr, DW_CTR, MC_CTR);
    vd_cfa_saved(v, ptr, DW_NIP, MC_NIP);
    for (int i = 0; i < 8; i++) {
        vd_cfa_saved(v, ptr, DW_CR0 + i, MC_CCR);
    }
    vd_cfa_saved(v, ptr, DW_XER, MC_XER);
    vd_align4(v);
    vd_put32(v->b, start, v->pos - start - 4);
}

static void vd_elf_headers(uint8_t *p)
{
    static const uint8_t ident[16] = { 0x7f, 'E', 'L', 'F', ELFCLASS32, ELFDATA2MSB,
                                       EV_CURRENT, ELFOSABI_SYSV };
    VdsoBuf v = { p, 0 };
    memcpy(p, ident, 16);
    v.pos = 16;
    vd_u16(&v, ET_DYN);
    vd_u16(&v, EM_PPC);
    vd_u32(&v, EV_CURRENT);
    vd_u32(&v, 0);              /* e_entry */
    vd_u32(&v, VD_PHDR);
    vd_u32(&v, 0);              /* e_shoff: no sections */
    vd_u32(&v, 0);              /* e_flags */
    vd_u16(&v, 52);
    vd_u16(&v, 32);
    vd_u16(&v, VD_NPHDR);
    vd_u16(&v, 40);
    vd_u16(&v, 0);
    vd_u16(&v, 0);

    const uint32_t ph[VD_NPHDR][8] = {
        { PT_LOAD, 0, 0, 0, VD_SIZE, VD_SIZE, PF_R | PF_X, VD_SIZE },
        { PT_DYNAMIC, VD_DYN, VD_DYN, VD_DYN, 8 * VD_NDYN, 8 * VD_NDYN, PF_R, 4 },
        { PT_GNU_EH_FRAME, VD_EH_HDR, VD_EH_HDR, VD_EH_HDR, VD_EH_FRAME - VD_EH_HDR,
          VD_EH_FRAME - VD_EH_HDR, PF_R, 4 },
    };
    v.pos = VD_PHDR;
    for (int i = 0; i < VD_NPHDR; i++) {
        for (int j = 0; j < 8; j++) {
            vd_u32(&v, ph[i][j]);
        }
    }

    /* A dynamic section naming an empty symbol table (lookups of the
     * kernel's vDSO functions find nothing and glibc uses syscalls). */
    static const char strtab[] = "\0linux-vdso32.so.1";
    const uint32_t dyn[VD_NDYN][2] = {
        { DT_HASH, VD_HASH }, { DT_STRTAB, VD_STRTAB }, { DT_SYMTAB, VD_SYMTAB },
        { DT_STRSZ, sizeof(strtab) }, { DT_SYMENT, 16 }, { DT_SONAME, 1 },
        { DT_NULL, 0 },
    };
    v.pos = VD_DYN;
    for (int i = 0; i < VD_NDYN; i++) {
        vd_u32(&v, dyn[i][0]);
        vd_u32(&v, dyn[i][1]);
    }
    v.pos = VD_HASH;            /* one bucket, one (null) symbol */
    vd_u32(&v, 1);
    vd_u32(&v, 1);
    vd_u32(&v, 0);
    vd_u32(&v, 0);
    memcpy(p + VD_STRTAB, strtab, sizeof(strtab));
}

static void vd_code(uint8_t *p)
{
    vd_put32(p, VD_SIGTRAMP - 4, 0x60000000);                      /* nop */
    vd_put32(p, VD_SIGTRAMP, 0x38000000 | LU_PPC_NR_SIGRETURN);     /* li r0,NR */
    vd_put32(p, VD_SIGTRAMP + 4, 0x44000002);                      /* sc */
    vd_put32(p, VD_SIGTRAMP_RT - 4, 0x60000000);
    vd_put32(p, VD_SIGTRAMP_RT, 0x38000000 | LU_PPC_NR_RT_SIGRETURN);
    vd_put32(p, VD_SIGTRAMP_RT + 4, 0x44000002);
}

/* .eh_frame and the sorted search table of .eh_frame_hdr. */
static void vd_unwind_info(uint8_t *p)
{
    VdsoBuf v = { p, VD_EH_FRAME };
    uint32_t cie = vd_cie(&v);
    uint32_t fde_sig = v.pos;
    vd_fde(&v, cie, VD_SIGTRAMP, VD_REGS_PTR);
    uint32_t fde_rt = v.pos;
    vd_fde(&v, cie, VD_SIGTRAMP_RT, VD_REGS_PTR_RT);
    vd_u32(&v, 0);              /* terminator */
    if (v.pos > VD_EH_END) {
        abort();                /* the layout above is too small: our bug */
    }

    v.pos = VD_EH_HDR;
    vd_u8(&v, 1);               /* version */
    vd_u8(&v, 0x1b);            /* eh_frame_ptr: pcrel sdata4 */
    vd_u8(&v, 0x03);            /* fde_count: udata4 */
    vd_u8(&v, 0x3b);            /* table: datarel sdata4 */
    vd_u32(&v, VD_EH_FRAME - v.pos);
    vd_u32(&v, 2);
    vd_u32(&v, (VD_SIGTRAMP - 4) - VD_EH_HDR);
    vd_u32(&v, fde_sig - VD_EH_HDR);
    vd_u32(&v, (VD_SIGTRAMP_RT - 4) - VD_EH_HDR);
    vd_u32(&v, fde_rt - VD_EH_HDR);
}

static uint32_t ppc_vdso_base;

uint32_t lu_ppc_map_vdso(void)
{
    if (ppc_vdso_base) {
        return ppc_vdso_base;
    }
    int64_t a = lu_target_mmap(0, VD_SIZE, PROT_READ | PROT_WRITE,
                               MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (a < 0) {
        return 0;
    }
    uint8_t *p = g2h((uint32_t)a);
    memset(p, 0, VD_SIZE);
    vd_elf_headers(p);
    vd_code(p);
    vd_unwind_info(p);
    lu_target_mprotect((uint32_t)a, VD_SIZE, PROT_READ | PROT_EXEC);
    lu_vma_set_name((uint32_t)a, (uint32_t)a + VD_SIZE, "[vdso]");
    ppc_vdso_base = (uint32_t)a;
    return ppc_vdso_base;
}

uint32_t lu_ppc_sigtramp(bool rt)
{
    uint32_t base = lu_ppc_map_vdso();
    if (!base) {
        return 0;
    }
    return base + (rt ? VD_SIGTRAMP_RT : VD_SIGTRAMP);
}
