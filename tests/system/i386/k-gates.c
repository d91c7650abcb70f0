/* Interrupt and trap gates entered by INT n from CPL 3 (SDM Vol. 3A, 6.12):
 * the stack switch to TSS.SS0:ESP0 and the frame pushed on it, IF cleared
 * by an interrupt gate and kept by a trap gate, IRET back to CPL 3; and the
 * faults of INT n through a gate of DPL 0 (#GP) or a not-present gate (#NP)
 * with the IDT error code (6.13). */
#include "bm.h"

#define VEC_INT  0x40   /* interrupt gate, DPL 3 */
#define VEC_TRAP 0x41   /* trap gate, DPL 3 */
#define VEC_DPL0 0x42   /* interrupt gate, DPL 0 */
#define VEC_NP   0x43   /* not present, DPL 3 */

/* What the gate handler saw: ESP, EFLAGS, CS, SS at entry and the five
 * words of the frame (EIP, CS, EFLAGS, ESP, SS). */
volatile uint32_t g_esp, g_eflags, g_cs, g_ss, g_frame[5], g_count;
/* What the user side saw just before INT n and just after IRET. */
volatile uint32_t u_esp_before, u_esp_after, u_cs_after, u_ss_after, u_eflags_after;
extern uint8_t gate_handler[], user_int_ret[], user_trap_ret[];

__asm__(
    ".text\n"
    "gate_handler:\n\t"
    "mov %esp, %ss:g_esp\n\t"
    "pushf\n\t"
    "popl %ss:g_eflags\n\t"
    "push %eax\n\t"
    "mov %cs, %eax\n\tmov %eax, %ss:g_cs\n\t"
    "mov %ss, %eax\n\tmov %eax, %ss:g_ss\n\t"
    "mov 4(%esp), %eax\n\tmov %eax, %ss:g_frame\n\t"
    "mov 8(%esp), %eax\n\tmov %eax, %ss:g_frame+4\n\t"
    "mov 12(%esp), %eax\n\tmov %eax, %ss:g_frame+8\n\t"
    "mov 16(%esp), %eax\n\tmov %eax, %ss:g_frame+12\n\t"
    "mov 20(%esp), %eax\n\tmov %eax, %ss:g_frame+16\n\t"
    "incl %ss:g_count\n\t"
    "pop %eax\n\t"
    "iret\n"
    /* uint32_t user_gates(void): INT 0x40 then INT 0x41 at CPL 3. */
    "user_int:\n\t"
    "mov %esp, u_esp_before\n\t"
    "int $0x40\n"
    "user_int_ret:\n\t"
    "mov %esp, u_esp_after\n\t"
    "mov %cs, %eax\n\tmov %eax, u_cs_after\n\t"
    "mov %ss, %eax\n\tmov %eax, u_ss_after\n\t"
    "pushf\n\tpopl u_eflags_after\n\t"
    "ret\n"
    "user_trap:\n\t"
    "mov %esp, u_esp_before\n\t"
    "int $0x41\n"
    "user_trap_ret:\n\t"
    "mov %esp, u_esp_after\n\t"
    "ret\n"
    "user_int_dpl0:\n\t"
    "int $0x42\n\t"
    "ret\n"
    "user_int_np:\n\t"
    "int $0x43\n\t"
    "ret\n");

uint32_t user_int(void);
uint32_t user_trap(void);
void user_int_dpl0_fn(void) __asm__("user_int_dpl0");
void user_int_np_fn(void) __asm__("user_int_np");

static uint32_t user_faults(void)
{
    probe_call(user_int_dpl0_fn);
    g_frame[0] = trap_last.vector;
    g_frame[1] = trap_last.err;
    g_frame[2] = trap_last.eip;
    probe_call(user_int_np_fn);
    g_frame[3] = trap_last.vector;
    g_frame[4] = trap_last.err;
    g_esp = trap_last.eip;
    return 0;
}

static void check_frame(const char *what, uint32_t ret_eip)
{
    /* 6.12.1: from CPL 3 the handler runs on TSS.SS0:ESP0 with SS, ESP,
     * EFLAGS, CS, EIP pushed there; EIP is the instruction after INT n. */
    check_eq(bm_name(what, ".handler.esp"), g_esp, (uint32_t)bm_kstack_top - 20);
    check_eq(bm_name(what, ".handler.cs"), g_cs, SEL_KCODE);
    check_eq(bm_name(what, ".handler.ss"), g_ss, SEL_KDATA);
    check_eq(bm_name(what, ".frame.eip"), g_frame[0], ret_eip);
    check_eq(bm_name(what, ".frame.cs"), g_frame[1], SEL_UCODE);
    check_eq(bm_name(what, ".frame.eflags.if"), g_frame[2] & EFL_IF, EFL_IF);
    check_eq(bm_name(what, ".frame.esp"), g_frame[3], u_esp_before);
    check_eq(bm_name(what, ".frame.ss"), g_frame[4], SEL_UDATA);
    check_eq(bm_name(what, ".iret.esp"), u_esp_after, u_esp_before);
}

void bm_main(void)
{
    idt_set(VEC_INT, (uint32_t)gate_handler, SEL_KCODE, GATE_INT32, 3);
    idt_set(VEC_TRAP, (uint32_t)gate_handler, SEL_KCODE, GATE_TRAP32, 3);
    idt_set_stub(VEC_DPL0, GATE_INT32, 0);
    idt_set(VEC_NP, (uint32_t)gate_handler, SEL_KCODE, GATE_INT32, 3);
    idt_set_present(VEC_NP, 0);

    /* User EFLAGS: IF = 1, IOPL 0 (every PIC line is masked). */
    g_count = 0;
    run_user(user_int, 0x202);
    check_eq("int.count", g_count, 1);
    check_frame("int", (uint32_t)user_int_ret);
    /* 6.12.1.3: an interrupt gate clears IF, a trap gate does not. */
    check_eq("int.handler.if", g_eflags & EFL_IF, 0);
    check_eq("int.iret.cs", u_cs_after, SEL_UCODE);
    check_eq("int.iret.ss", u_ss_after, SEL_UDATA);
    check_eq("int.iret.if", u_eflags_after & EFL_IF, EFL_IF);

    run_user(user_trap, 0x202);
    check_eq("trap.count", g_count, 2);
    check_frame("trap", (uint32_t)user_trap_ret);
    check_eq("trap.handler.if", g_eflags & EFL_IF, EFL_IF);

    /* 6.12.1.1: INT n with gate DPL < CPL is #GP; 6.13: error code is
     * vector * 8 + 2 (IDT bit). A not-present gate is #NP, same code. */
    run_user(user_faults, 0x202);
    check_eq("int_dpl0.vector", g_frame[0], 13);
    check_eq("int_dpl0.err", g_frame[1], VEC_DPL0 * 8 + 2);
    check_eq("int_dpl0.eip", g_frame[2], (uint32_t)user_int_dpl0_fn);
    check_eq("int_np.vector", g_frame[3], 11);
    check_eq("int_np.err", g_frame[4], VEC_NP * 8 + 2);
    check_eq("int_np.eip", g_esp, (uint32_t)user_int_np_fn);
}
