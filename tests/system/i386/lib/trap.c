/* Exception dispatch of the test kernels: a kernel's own handler for a
 * vector if it set one, else the fault probe in progress (record and
 * resume after the probe), else a report of the unexpected exception
 * (vector, error code, EIP, CS, CR2) and a failed exit. */
#include "bm.h"

trap_handler_fn trap_handlers[256];
volatile struct trap_record trap_last;
extern volatile uint32_t trap_resume;

void trap_reset(void)
{
    trap_last.vector = 0xffffffff;
    trap_last.err = 0xffffffff;
    trap_last.eip = 0;
    trap_last.cs = 0;
    trap_last.cr2 = 0;
}

void trap_dispatch(struct trap_frame *f)
{
    if (trap_handlers[f->vector]) {
        trap_handlers[f->vector](f);
        return;
    }
    if (trap_resume) {
        trap_last.vector = f->vector;
        trap_last.err = f->err;
        trap_last.eip = f->eip;
        trap_last.cs = f->cs;
        trap_last.cr2 = read_cr2();
        trap_last.count++;
        f->eip = trap_resume;
        trap_resume = 0;
        /* Resume with the flat data segments (a test may have loaded a
         * limited one); at CPL 3 also with the flat user stack segment
         * (the resume code restores ESP itself). */
        if ((f->cs & 3) == 3) {
            f->ds = f->es = f->fs = f->gs = SEL_UDATA;
            f->ss = SEL_UDATA;
        } else {
            f->ds = f->es = f->fs = f->gs = SEL_KDATA;
        }
        return;
    }
    bm_printf("FAIL unexpected exception vector=%u err=0x%x eip=0x%x cs=0x%x cr2=0x%x eflags=0x%x\n",
              f->vector, f->err, f->eip, f->cs, read_cr2(), f->eflags);
    bm_exit(BM_EXIT_FAIL);
}
