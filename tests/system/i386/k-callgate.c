/* A 32-bit call gate from CPL 3 to CPL 0 (SDM Vol. 3A, 5.8.3-5.8.6): the
 * stack switch to TSS.SS0:ESP0, the caller's SS, ESP, the copied
 * parameters, CS, EIP on the new stack; RET imm back to CPL 3 popping the
 * parameters from both stacks; #GP(gate) for a gate whose DPL < CPL. */
#include "bm.h"

#define GATE_IDX     GDT_FREE        /* DPL 3, 2 parameters */
#define GATE0_IDX    (GDT_FREE + 1)  /* DPL 0 */

volatile uint32_t cg_esp, cg_cs, cg_ss, cg_frame[6], cg_count;
volatile uint32_t cu_esp_before, cu_esp_after, cu_cs_after, cu_ss_after;
extern uint8_t cg_entry[], user_lcall_ret[];

__asm__(
    ".text\n"
    "cg_entry:\n\t"
    "mov %esp, %ss:cg_esp\n\t"
    "push %eax\n\t"
    "mov %cs, %eax\n\tmov %eax, %ss:cg_cs\n\t"
    "mov %ss, %eax\n\tmov %eax, %ss:cg_ss\n\t"
    "mov 4(%esp), %eax\n\tmov %eax, %ss:cg_frame\n\t"
    "mov 8(%esp), %eax\n\tmov %eax, %ss:cg_frame+4\n\t"
    "mov 12(%esp), %eax\n\tmov %eax, %ss:cg_frame+8\n\t"
    "mov 16(%esp), %eax\n\tmov %eax, %ss:cg_frame+12\n\t"
    "mov 20(%esp), %eax\n\tmov %eax, %ss:cg_frame+16\n\t"
    "mov 24(%esp), %eax\n\tmov %eax, %ss:cg_frame+20\n\t"
    "incl %ss:cg_count\n\t"
    "pop %eax\n\t"
    "lret $8\n"
    "user_lcall:\n\t"
    "push $0x1111\n\t"
    "push $0x2222\n\t"
    "mov %esp, cu_esp_before\n\t"
    "lcall $0x3b, $0\n"
    "user_lcall_ret:\n\t"
    "mov %esp, cu_esp_after\n\t"
    "mov %cs, %eax\n\tmov %eax, cu_cs_after\n\t"
    "mov %ss, %eax\n\tmov %eax, cu_ss_after\n\t"
    "ret\n"
    "user_lcall_dpl0:\n\t"
    "lcall $0x43, $0\n\t"
    "ret\n");

uint32_t user_lcall(void);
void user_lcall_dpl0(void);
static volatile uint32_t f_vec, f_err, f_eip;

static uint32_t user_fault(void)
{
    probe_call(user_lcall_dpl0);
    f_vec = trap_last.vector;
    f_err = trap_last.err;
    f_eip = trap_last.eip;
    return 0;
}

void bm_main(void)
{
    gdt_set_gate(GATE_IDX, SEL_KCODE, (uint32_t)cg_entry, GATE_CALL32, 3, 2);
    gdt_set_gate(GATE0_IDX, SEL_KCODE, (uint32_t)cg_entry, GATE_CALL32, 0, 0);
    check_eq("callgate.selector", (GATE_IDX << 3) | 3, 0x3b);

    run_user(user_lcall, 0x2);
    check_eq("callgate.count", cg_count, 1);
    /* 5.8.5: new stack from the TSS; 4 + 2 parameters + 2 words pushed. */
    check_eq("callgate.entry.esp", cg_esp, (uint32_t)bm_kstack_top - 24);
    check_eq("callgate.entry.cs", cg_cs, SEL_KCODE);
    check_eq("callgate.entry.ss", cg_ss, SEL_KDATA);
    check_eq("callgate.frame.eip", cg_frame[0], (uint32_t)user_lcall_ret);
    check_eq("callgate.frame.cs", cg_frame[1], SEL_UCODE);
    /* Parameters keep their order: the last pushed is nearest the top. */
    check_eq("callgate.frame.param0", cg_frame[2], 0x2222);
    check_eq("callgate.frame.param1", cg_frame[3], 0x1111);
    check_eq("callgate.frame.esp", cg_frame[4], cu_esp_before);
    check_eq("callgate.frame.ss", cg_frame[5], SEL_UDATA);
    /* 5.8.6 / RET: RET 8 to the outer ring releases the parameters on the
     * caller's stack too. */
    check_eq("callgate.ret.esp", cu_esp_after, cu_esp_before + 8);
    check_eq("callgate.ret.cs", cu_cs_after, SEL_UCODE);
    check_eq("callgate.ret.ss", cu_ss_after, SEL_UDATA);

    /* 5.8.4: CPL > gate DPL is #GP with the gate selector as error code. */
    run_user(user_fault, 0x2);
    check_eq("callgate.dpl0.vector", f_vec, 13);
    check_eq("callgate.dpl0.err", f_err, GATE0_IDX << 3);
    check_eq("callgate.dpl0.eip", f_eip, (uint32_t)user_lcall_dpl0);
}
