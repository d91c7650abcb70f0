/*
 * A bare-metal multiboot kernel for the system-mode gdb stub (run.sh):
 * with paging on, it maps a page at the virtual alias 0x40000000 (so gdb's
 * memory accesses must go through the page tables), writes a marker there,
 * and calls sys_fib(count). The script breaks in sys_fib, reads and
 * changes its argument, reads the alias, steps and continues. The kernel
 * passes (isa-debug-exit 33) only if gdb changed the argument to 10.
 * Built with -DHOLD it then spins until gdb, connecting while it runs,
 * clears sys_hold (and passes only then).
 */
#include "bm.h"

#define ALIAS 0x40000000u

volatile uint32_t sys_count = 5;
volatile uint32_t sys_hold = 1;
uint32_t sys_result;
static uint32_t marker_page[1024] __attribute__((aligned(4096)));

__attribute__((noinline)) uint32_t sys_fib(uint32_t n)
{
    uint32_t a = 0, b = 1;

    for (uint32_t i = 0; i < n; i++) {
        uint32_t t = a + b;
        a = b;
        b = t;
    }
    return a;
}

void bm_main(void)
{
    uint32_t *dir = pt2_new();

    pt2_identity(dir, 8u << 20, PG_P | PG_W);   /* the kernel and its data */
    pt2_map(dir, ALIAS, (uint32_t)marker_page, PG_P | PG_W);
    paging_on_2level(dir, 0);
    *(volatile uint32_t *)ALIAS = 0x1234abcd;
    sys_result = sys_fib(sys_count);
    bm_printf("sys_fib gave %u\n", sys_result);
#ifdef HOLD
    while (sys_hold) {
    }
    check_eq("gdb.released", sys_hold, 0);
#else
    check_eq("gdb.changed-argument", sys_result, 55);
#endif
}
