// Regression cases of the differences tests/guest/i386-faultdiff found
// between mimic-i386 and the CPU (issue 11), each as the CPU and i386
// Linux report it: RF set in the EFLAGS image of faults (not traps); the
// page-fault present bit from the page table (write to a touched read-only
// page 7, PROT_NONE 4/6); a fresh x87 state (registers zero) in handlers;
// CS-override stores #GP(0); #GP/#SS before #AC across 4 GiB; REP STOS
// going down faults at its element; REP MOVS/LOCK/CMPXCHG8B across 4 GiB
// #GP(0) (after the source's own #PF); MOV CR6 #UD before #GP; ENTER's new
// top checked as an operand-size write (#AC, error code 6); shifts by 0 of
// memory are writes; ARPL writes only when it changes the RPL; POPA reads
// from its lowest address; an x87 store cancelled by an unmasked exception
// still page-faults first; x87 operands get #AC, the 4 GiB limit and
// segment checks; a 10-byte store across pages writes all or nothing; a
// read-modify-write through CS or a code selector is #GP before anything;
// PUSH m / POP m across 4 GiB report the segment of the access crossing;
// a read-modify-write (locked or not) or a string store to a read-only page
// never touched is a write to a page not present (6, not 7), and one across
// a read-only page into an unmapped one faults on the read-only one; an
// instruction fetch from a page never touched is not present (0x14).
#define _GNU_SOURCE
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <ucontext.h>
#include <unistd.h>

static sigjmp_buf env;
static volatile int g_sig, g_code;
static volatile uint32_t g_addr, g_eip, g_trapno, g_err, g_efl, g_fpzero;
char *hole, *ro, *none, *fresh;   /* global: named in the asm */
double big = 1e300;
unsigned short cw_oe = 0x377;   /* overflow unmasked */
static volatile uint32_t saved_esp, saved_ebp, new_esp;

static void handler(int sig, siginfo_t *si, void *ucv)
{
    __asm__ volatile("pushf\n\tandl $~0x40000, (%%esp)\n\tpopf" ::: "memory", "cc");
    ucontext_t *uc = ucv;
    uint8_t fs[108];
    __asm__ volatile("fnsave %0" : "=m"(fs));
    g_fpzero = 1;
    for (int i = 28; i < 108; i++) {
        g_fpzero &= fs[i] == 0;
    }
    g_sig = sig;
    g_code = si->si_code;
    g_addr = (uint32_t)(uintptr_t)si->si_addr;
    g_eip = uc->uc_mcontext.gregs[REG_EIP];
    g_trapno = uc->uc_mcontext.gregs[REG_TRAPNO];
    g_err = uc->uc_mcontext.gregs[REG_ERR];
    g_efl = uc->uc_mcontext.gregs[REG_EFL];
    siglongjmp(env, 1);
}

static void report(const char *what, const void *insn)
{
    const char *base = "";
    uint32_t a = g_addr;
    if (a - (uint32_t)(uintptr_t)hole < 4096u) {
        base = "hole+", a -= (uint32_t)(uintptr_t)hole;
    } else if (a - (uint32_t)(uintptr_t)ro < 4096u) {
        base = "ro+", a -= (uint32_t)(uintptr_t)ro;
    } else if (a - (uint32_t)(uintptr_t)none < 4096u) {
        base = "none+", a -= (uint32_t)(uintptr_t)none;
    } else if (a - (uint32_t)(uintptr_t)fresh < 8192u) {
        base = "fresh+", a -= (uint32_t)(uintptr_t)fresh;
    } else if (a - (uint32_t)(uintptr_t)insn < 64u) {
        base = "insn+", a -= (uint32_t)(uintptr_t)insn;   /* (PIE: not absolute) */
    }
    /* EIP from the instruction, or in the page it jumped to */
    uint32_t eip_fresh = g_eip - (uint32_t)(uintptr_t)fresh;
    printf("%-12s sig %d code %d addr %s%#x trapno %u err %u eip %s%+d rf %u fpzero %u\n", what,
           g_sig, g_code, base, a, g_trapno, g_err, eip_fresh < 4096u ? "fresh" : "",
           eip_fresh < 4096u ? (int)eip_fresh : (int)(g_eip - (uint32_t)(uintptr_t)insn),
           (g_efl >> 16) & 1, g_fpzero);
}

#define SETAC "pushf\n\torl $0x40000, (%%esp)\n\tpopf\n\t"
#define T(name, setup, insn)                                                   \
    extern char name##_at[];                                                   \
    g_sig = 0;                                                                 \
    if (!sigsetjmp(env, 1)) {                                                  \
        __asm__ volatile("mov %%esp, saved_esp\n\tmov %%ebp, saved_ebp\n\t" setup \
                         "\n" #name "_at: " insn                                \
                         "\n\tmov saved_esp, %%esp\n\tmov saved_ebp, %%ebp"    \
                         :::                                                   \
                         "eax", "ecx", "edx", "esi", "edi", "memory", "cc");   \
    }                                                                          \
    __asm__ volatile("cld\n\tmov saved_esp, %%esp" ::: "memory");               \
    report(#name, name##_at)

/* fresh: a read-only page never touched (mapped again), then a hole. */
static void remap_fresh(void)
{
    munmap(fresh, 4096);
    if (mmap(fresh, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0) != fresh) {
        perror("mmap");
    }
}

int main(void)
{
    long pg = sysconf(_SC_PAGESIZE);
    static char altstack[65536];
    stack_t ss = { .ss_sp = altstack, .ss_size = sizeof(altstack) };
    sigaltstack(&ss, NULL);
    struct sigaction sa = { .sa_sigaction = handler, .sa_flags = SA_SIGINFO | SA_ONSTACK };
    int sigs[5] = { SIGSEGV, SIGBUS, SIGILL, SIGTRAP, SIGFPE };
    for (int i = 0; i < 5; i++) {
        sigaction(sigs[i], &sa, NULL);
    }
    char *m = mmap(NULL, 5 * pg, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    memset(m, 0, 5 * pg);
    ro = m + pg;
    hole = m + 2 * pg;
    none = m + 3 * pg;
    mprotect(ro, pg, PROT_READ);   /* touched, then read-only: present */
    munmap(hole, pg);
    mprotect(none, pg, PROT_NONE);
    new_esp = (uint32_t)(uintptr_t)(m + 4 * pg + 64);
    fresh = mmap(NULL, 2 * pg, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    munmap(fresh + pg, pg);

    /* RF in faults, not in traps; the handler's x87 registers are zero */
    T(ud2, "fld1\n\tfldpi", "ud2");
    T(int3, "fldz", "int3");
    T(div0, "xor %%ecx, %%ecx", "divl %%ecx");
    /* present bit */
    T(ro_write, "mov ro, %%ecx", "movl %%eax, 8(%%ecx)");
    T(ro_rmw, "mov ro, %%ecx", "incl 8(%%ecx)");
    T(none_read, "mov ro, %%ecx", "movl 2*4096+4(%%ecx), %%eax");
    T(none_write, "mov ro, %%ecx", "movl %%eax, 2*4096+4(%%ecx)");
    T(hole_write, "mov hole, %%ecx", "movl %%eax, 4(%%ecx)");
    /* CS override stores */
    T(cs_store, "mov ro, %%ecx", "movl %%eax, %%cs:-8(%%ecx)");
    T(cs_store_hole, "mov hole, %%ecx", "movl %%eax, %%cs:(%%ecx)");
    T(cs_lock, "mov ro, %%ecx", "lock incl %%cs:-8(%%ecx)");
    T(cs_load, "mov ro, %%ecx", "movl %%cs:8(%%ecx), %%eax\n\tud2");
    /* limit faults before #AC */
    T(ac_wrap, "mov $0xfffffffd, %%eax\n\t" SETAC, "movl (%%eax), %%eax");
    T(ac_wrap_ss, "push %%ebp\n\tmov $0xfffffffe, %%ebp\n\t" SETAC, "movl (%%ebp), %%eax");
    T(ac_only, "mov ro, %%eax\n\t" SETAC, "movl 1(%%eax), %%eax");
    /* string operations */
    T(stos_down, "mov hole, %%edi\n\tadd $0x100, %%edi\n\tmov $5, %%ecx\n\tstd", "rep stosl");
    T(movs_down, "mov hole, %%esi\n\tadd $0x80, %%esi\n\tmov ro, %%edi\n\tmov $5, %%ecx\n\tstd",
      "rep movsl");
    T(movs_wrap, "mov ro, %%esi\n\tmov $0xfffffffd, %%edi\n\tmov $4, %%ecx", "rep movsl");
    T(movs_src1st, "mov hole, %%esi\n\tmov $0xfffffffd, %%edi\n\tmov $4, %%ecx", "rep movsl");
    T(stos_wrap, "mov $0xfffffff6, %%edi\n\tmov $4, %%ecx", "rep stosl");
    /* locked and atomic forms across 4 GiB */
    T(lock_wrap, "mov $0xfffffffe, %%ecx", "lock addl %%eax, (%%ecx)");
    T(xchg_wrap, "mov $0xffffffff, %%ecx", "xchgw %%ax, (%%ecx)");
    T(cx8b_wrap, "mov $0xfffffffc, %%esi", "cmpxchg8b (%%esi)");
    T(xadd_wrap, "mov $0xfffffffe, %%esi", "lock xaddl %%eax, (%%esi)");
    /* MOV CR6: #UD first */
    T(mov_cr6, "", "mov %%eax, %%cr6");
    T(mov_cr0, "", "mov %%eax, %%cr0");
    /* ENTER: the new top is an operand-size write */
    T(enter3_top, "mov new_esp, %%esp\n\tmov %%esp, %%ebp", "enter $0x1040, $3");
    T(enter2_none, "mov new_esp, %%esp\n\tmov %%esp, %%ebp", "enter $0x1044, $2");
    T(enter_ac, "mov new_esp, %%esp\n\tmov %%esp, %%ebp\n\t" SETAC, "enter $0x23, $0");
    /* shift of memory by a count of 0: still a write access */
    T(shl0_hole, "mov hole, %%ecx", "shll $0x20, 8(%%ecx)");
    T(rol0_ro, "mov ro, %%ecx", "rolw $0, 8(%%ecx)");
    T(shld0_hole, "mov hole, %%ecx", "shldl $0, %%eax, 8(%%ecx)");
    /* ARPL: no write unless the RPL is raised */
    T(arpl_same, "mov ro, %%ecx\n\txor %%edx, %%edx", "arpl %%dx, 8(%%ecx)\n\tud2");
    T(arpl_raise, "mov ro, %%ecx\n\tmov $3, %%edx", "arpl %%dx, 8(%%ecx)");
    /* POPA: EDI's slot (the lowest) first */
    T(popa_order, "mov none, %%esp\n\tsub $16, %%esp", "popa");
    /* FST cancelled by an unmasked overflow: the page fault comes first */
    T(fst_oe_ro, "mov ro, %%ecx\n\tfldcw cw_oe\n\tfldl big", "fsts 8(%%ecx)");
    /* x87 memory operands: #AC, the 4 GiB limit (#GP, #SS; a multi-part
     * store page-faults on its first part), null DS, a 10-byte store
     * whose last 2 bytes fault writes nothing */
    T(x87_ac, "mov ro, %%ecx\n\t" SETAC, "fldl 4(%%ecx)");
    T(x87_wrap, "mov $0xfffffffc, %%ecx", "fldl (%%ecx)");
    T(x87_wrap_ss, "mov $0xfffffffe, %%ebp", "fildl (%%ebp)");
    T(x87_m80_wrap, "mov $0xfffffff8, %%ecx\n\tfldz", "fstpt (%%ecx)");
    T(x87_env_top, "mov $0xfffffff0, %%ecx", "fnstenv (%%ecx)");
    T(x87_nullds, "mov ro, %%ecx\n\txor %%eax, %%eax\n\tmov %%eax, %%ds", "flds (%%ecx)");
    T(x87_m80_split, "mov ro, %%ecx\n\tsub $9, %%ecx\n\tfld1", "fstpt (%%ecx)");
    uint64_t below;
    memcpy(&below, ro - 9, 8);
    printf("  bytes before ro %#llx\n", (unsigned long long)below);
    /* read-modify-write through a segment that cannot be written: #GP
     * before the read's page fault or #AC; PUSH m / POP m across 4 GiB */
    T(cs_rmw_hole, "mov hole, %%ecx", "incl %%cs:(%%ecx)");
    T(cs_rmw_ac, "mov ro, %%ecx\n\t" SETAC, "incl %%cs:1(%%ecx)");
    T(ds_code_rmw, "mov hole, %%ecx\n\tmov $0x23, %%eax\n\tmov %%eax, %%ds", "notl (%%ecx)");
    T(push_m_wrap, "mov $0xfffffffe, %%ecx", "pushl (%%ecx)");
    T(pop_m_wrap, "mov $0xffffffff, %%ecx", "popl (%%ecx)");
    /* BT m32, r32 with 16-bit addressing: the bit offset's word
     * displacement joins the 16-bit offset, which wraps at 64 KiB
     * ([0x0004] - 8 = DS:0xfffc, a page fault there; faultdiff seed 49334) */
    T(bt_addr16_wrap, "mov $-64, %%eax", ".byte 0x67, 0x0f, 0xa3, 0x06, 0x04, 0x00");
    T(push_m_ss, "mov ro, %%ecx\n\tmov $2, %%esp", "pushl (%%ecx)");
    /* read-modify-write and string stores: the page never touched is not
     * present; across read-only into unmapped, the read-only page first */
    remap_fresh();
    T(rmw_fresh, "mov fresh, %%ecx", "incl 8(%%ecx)");
    remap_fresh();
    T(rmw8_fresh, "mov fresh, %%ecx", "notb 9(%%ecx)");
    remap_fresh();
    T(lock_fresh, "mov fresh, %%ecx", "lock incl 8(%%ecx)");
    remap_fresh();
    T(xchg_fresh, "mov fresh, %%ecx", "xchgl %%eax, 8(%%ecx)");
    remap_fresh();
    T(cmpxchg_fresh, "mov fresh, %%ecx", "cmpxchgl %%edx, 8(%%ecx)");
    remap_fresh();
    T(stos_fresh, "mov fresh, %%edi\n\tmov $2, %%ecx", "rep stosl");
    remap_fresh();
    T(fst_fresh, "mov fresh, %%ecx\n\tfldz", "fstpl 8(%%ecx)");
    remap_fresh();
    T(rmw_fresh_hole, "mov fresh, %%ecx", "addl %%eax, 4094(%%ecx)");
    remap_fresh();
    T(shl_fresh_hole, "mov fresh, %%ecx", "shll $1, 4093(%%ecx)");
    T(rmw_ro_hole, "mov ro, %%ecx", "notl 4094(%%ecx)");
    T(rmw16_ro_hole, "mov ro, %%ecx", "incw 4095(%%ecx)");
    T(bts_ro_hole, "mov ro, %%ecx\n\tmov $5, %%edx", "btsl %%edx, 4093(%%ecx)");
    T(lock_ro_hole, "mov ro, %%ecx", "lock decl 4094(%%ecx)");
    remap_fresh();
    T(fetch_fresh, "mov fresh, %%ecx", "call *%%ecx");
    /* FLD ST(i) of an empty register with ST(7) full: underflow, C1 = 0 */
    unsigned short sw;
    __asm__ volatile("fninit\n\tfld1\n\tfld1\n\tfld1\n\tfld1\n\tfld1\n\tfld1\n\tfld1\n\t"
                     "fld1\n\tffree %%st(6)\n\tfld %%st(6)\n\tfnstsw %0\n\tfninit" : "=a"(sw));
    printf("fld_empty_full sw %#x\n", sw);
    return 0;
}
