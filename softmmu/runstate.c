/*
 * Reset and shutdown requests (sysemu/sysemu.h): devices, chardevs and the
 * CPU loop ask; the main loop serves them between blocks. A request made
 * inside cpu_exec makes the CPU leave generated code.
 */
#include <stddef.h>
#include "exec/cpu.h"
#include "sysemu/sysemu.h"

static volatile bool reset_requested, shutdown_requested;
static int shutdown_status;
static CPUState *runstate_cpu;

void sys_set_cpu(CPUState *cpu)
{
    runstate_cpu = cpu;
}

void sys_reset_request(void)
{
    reset_requested = true;
    if (runstate_cpu) {
        cpu_exit(runstate_cpu);
    }
}

void sys_shutdown_request(int exit_status)
{
    if (!shutdown_requested) {
        shutdown_status = exit_status;
    }
    shutdown_requested = true;
    if (runstate_cpu) {
        cpu_exit(runstate_cpu);
    }
}

bool sys_take_reset_request(void)
{
    bool r = reset_requested;
    reset_requested = false;
    return r;
}

bool sys_shutdown_pending(int *exit_status)
{
    if (shutdown_requested) {
        *exit_status = shutdown_status;
    }
    return shutdown_requested;
}

bool sys_request_pending(void)
{
    return reset_requested || shutdown_requested;
}
