/* SYSENTER/SYSEXIT round trip (SDM Vol. 2B, SYSENTER and SYSEXIT): CS, SS,
 * ESP, EIP from IA32_SYSENTER_CS/ESP/EIP (MSRs 0x174-0x176) with IF
 * cleared; SYSEXIT to CPL 3 at EDX with ESP = ECX, CS = SYSENTER_CS + 16,
 * SS = + 24, EFLAGS untouched; the #GP(0) cases (SYSENTER_CS null,
 * SYSEXIT at CPL 3). */
#include "bm.h"

static uint8_t se_stack[1024] __attribute__((aligned(16)));
volatile uint32_t se_esp, se_cs, se_ss, se_eflags, se_count;
volatile uint32_t su_esp_before, su_esp_after, su_cs_after, su_ss_after, su_eflags_after;
volatile uint32_t su_ecx;

__asm__(
    ".text\n"
    "sysenter_entry:\n\t"
    "mov %esp, %ss:se_esp\n\t"
    "pushf\n\tpopl %ss:se_eflags\n\t"
    "mov %cs, %eax\n\tmov %eax, %ss:se_cs\n\t"
    "mov %ss, %eax\n\tmov %eax, %ss:se_ss\n\t"
    "incl %ss:se_count\n\t"
    "sysexit\n"
    "user_sysenter:\n\t"
    "push %ebp\n\t"
    "mov %esp, su_esp_before\n\t"
    "lea -64(%esp), %ecx\n\t"
    "mov %ecx, su_ecx\n\t"
    "mov $user_sysexit_ret, %edx\n\t"
    "sysenter\n"
    "user_sysexit_ret:\n\t"
    "mov %esp, su_esp_after\n\t"
    "mov %cs, %eax\n\tmov %eax, su_cs_after\n\t"
    "mov %ss, %eax\n\tmov %eax, su_ss_after\n\t"
    "pushf\n\tpopl su_eflags_after\n\t"
    "mov su_esp_before, %esp\n\t"
    "pop %ebp\n\t"
    "ret\n"
    "user_sysexit:\n"
    "user_sysexit_insn:\n\t"
    "sysexit\n\tret\n"
    "user_sysenter_fault:\n"
    "user_sysenter_fault_insn:\n\t"
    "sysenter\n\tret\n");
uint32_t user_sysenter(void);
void user_sysexit(void), user_sysenter_fault(void);
extern uint8_t sysenter_entry[], user_sysexit_ret[], user_sysexit_insn[], user_sysenter_fault_insn[];

static volatile uint32_t f_vec[2], f_err[2], f_eip[2];
static uint32_t user_faults(void)
{
    probe_call(user_sysexit);
    f_vec[0] = trap_last.vector, f_err[0] = trap_last.err, f_eip[0] = trap_last.eip;
    return 0;
}
static uint32_t user_fault_enter(void)
{
    probe_call(user_sysenter_fault);
    f_vec[1] = trap_last.vector, f_err[1] = trap_last.err, f_eip[1] = trap_last.eip;
    return 0;
}

void bm_main(void)
{
    bm_require_cpuid(CPUID_SEP | CPUID_MSR, "cpuid.sep");
    wrmsr(0x174, SEL_KCODE);
    wrmsr(0x175, (uint32_t)&se_stack[1024]);
    wrmsr(0x176, (uint32_t)sysenter_entry);
    check_eq("sysenter.msr.cs", (uint32_t)rdmsr(0x174), SEL_KCODE);
    check_eq("sysenter.msr.eip", (uint32_t)rdmsr(0x176), (uint32_t)sysenter_entry);

    run_user(user_sysenter, 0x202);
    check_eq("sysenter.count", se_count, 1);
    check_eq("sysenter.entry.esp", se_esp, (uint32_t)&se_stack[1024]);
    check_eq("sysenter.entry.cs", se_cs, SEL_KCODE);
    check_eq("sysenter.entry.ss", se_ss, SEL_KDATA);
    check_eq("sysenter.entry.if", se_eflags & EFL_IF, 0);
    check_eq("sysexit.esp", su_esp_after, su_ecx);
    check_eq("sysexit.cs", su_cs_after, SEL_UCODE);
    check_eq("sysexit.ss", su_ss_after, SEL_UDATA);
    /* SYSEXIT does not change EFLAGS: IF stays as SYSENTER left it. */
    check_eq("sysexit.if", su_eflags_after & EFL_IF, 0);

    run_user(user_faults, 0x2);
    check_eq("sysexit.cpl3.vector", f_vec[0], 13);
    check_eq("sysexit.cpl3.err", f_err[0], 0);
    check_eq("sysexit.cpl3.eip", f_eip[0], (uint32_t)user_sysexit_insn);
    wrmsr(0x174, 0);
    run_user(user_fault_enter, 0x2);
    check_eq("sysenter.cs0.vector", f_vec[1], 13);
    check_eq("sysenter.cs0.err", f_err[1], 0);
    check_eq("sysenter.cs0.eip", f_eip[1], (uint32_t)user_sysenter_fault_insn);
}
