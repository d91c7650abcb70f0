/*
 * The world target-i386/mmu.c and misc_helper.c see, made up for their
 * unit tests: a small fake physical memory (phys_ld/st), a soft TLB that
 * records what it is told (tlb_set_page, tlb_flush*), and a CPU loop exit
 * that longjmps back to the test. Linked instead of the core library.
 */
#include <setjmp.h>
#include <string.h>
#include "mmu-fakes.h"

__thread uintptr_t tcg_interp_pc;
int mimic_log_mask;
int fake_log_lines;

void mimic_log(const char *fmt, ...)
{
    fake_log_lines++;
}
uint8_t fake_ram[FAKE_RAM_SIZE];
FakeLog fake_log;

static bool fake_in_ram(hwaddr a, unsigned n)
{
    return a + n <= FAKE_RAM_SIZE;
}

uint32_t phys_ldl_le(hwaddr a)
{
    uint32_t v = 0xffffffffu;
    fake_log.reads++;
    if (fake_in_ram(a, 4)) {
        memcpy(&v, fake_ram + a, 4);
    }
    return v;
}

uint64_t phys_ldq_le(hwaddr a)
{
    uint64_t v = ~0ull;
    fake_log.reads++;
    if (fake_in_ram(a, 8)) {
        memcpy(&v, fake_ram + a, 8);
    }
    return v;
}

void phys_stl_le(hwaddr a, uint32_t v)
{
    fake_log.writes++;
    if (fake_in_ram(a, 4)) {
        memcpy(fake_ram + a, &v, 4);
    }
}

void phys_stq_le(hwaddr a, uint64_t v)
{
    fake_log.writes++;
    if (fake_in_ram(a, 8)) {
        memcpy(fake_ram + a, &v, 8);
    }
}

void tlb_set_page(CPUState *cpu, uint32_t vaddr, hwaddr paddr, int prot,
                  int mmu_idx, uint32_t page_size)
{
    fake_log.set_page++;
    fake_log.vaddr = vaddr;
    fake_log.paddr = paddr;
    fake_log.prot = prot;
    fake_log.mmu_idx = mmu_idx;
    fake_log.page_size = page_size;
}

void tlb_flush(CPUState *cpu)
{
    fake_log.flush++;
}

void tlb_flush_nonglobal(CPUState *cpu)
{
    fake_log.flush_nonglobal++;
}

void tlb_flush_page(CPUState *cpu, uint32_t vaddr)
{
    fake_log.flush_page++;
    fake_log.flush_page_addr = vaddr;
}

void x86_update_hflags(CPUX86State *env)
{
    fake_log.hflags_updates++;
}

_Noreturn void cpu_loop_exit(CPUState *cpu)
{
    siglongjmp(cpu->jmp_env, 1);
}

_Noreturn void cpu_loop_exit_restore(CPUState *cpu, uintptr_t host_pc)
{
    fake_log.exit_ra = host_pc;
    siglongjmp(cpu->jmp_env, 1);
}

_Noreturn void cpu_raise_exception(CPUState *cpu, int excp, uintptr_t host_pc)
{
    cpu->exception_index = excp;
    cpu_loop_exit_restore(cpu, host_pc);
}

void fake_reset(CPUX86State *env)
{
    memset(fake_ram, 0, sizeof(fake_ram));
    memset(&fake_log, 0, sizeof(fake_log));
    memset(env, 0, sizeof(*env));
    x86_mmu_reset(env);
    env->cs.exception_index = -1;
}

void fake_put32(hwaddr a, uint32_t v)
{
    memcpy(fake_ram + a, &v, 4);
}

void fake_put64(hwaddr a, uint64_t v)
{
    memcpy(fake_ram + a, &v, 8);
}

uint32_t fake_get32(hwaddr a)
{
    uint32_t v;
    memcpy(&v, fake_ram + a, 4);
    return v;
}

uint64_t fake_get64(hwaddr a)
{
    uint64_t v;
    memcpy(&v, fake_ram + a, 8);
    return v;
}
