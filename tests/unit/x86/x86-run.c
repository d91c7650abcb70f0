/*
 * A small driver for the i386 front end without linux-user: loads a flat
 * binary at 0x10000, runs it with a stack until `int $0x80` with EAX = 1,
 * and prints the registers at every `int $0x80` (EAX = 4 prints state).
 * Usage: x86-run [-b jit|interp] [-d items] file.bin
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include "exec/cpu.h"
#include "exec/user-pages.h"
#include "util/log.h"
#include "target-i386/cpu.h"

#define LOAD_ADDR 0x10000u
#define STACK_TOP 0x90000u

static void map_guest(uint32_t start, uint32_t len, int prot)
{
    void *h = g2h(start);
    if (mmap(h, len, PROT_READ | PROT_WRITE, MAP_FIXED | MAP_PRIVATE | MAP_ANONYMOUS,
             -1, 0) == MAP_FAILED) {
        perror("mmap");
        exit(1);
    }
    page_set_flags(start, (uint64_t)start + len, prot | PAGE_VALID);
}

static void dump(CPUX86State *env)
{
    printf("eax=%08x ebx=%08x ecx=%08x edx=%08x esi=%08x edi=%08x ebp=%08x esp=%08x efl=%08x\n",
           env->regs[R_EAX], env->regs[R_EBX], env->regs[R_ECX], env->regs[R_EDX],
           env->regs[R_ESI], env->regs[R_EDI], env->regs[R_EBP], env->regs[R_ESP],
           x86_cpu_get_eflags(env));
}

int main(int argc, char **argv)
{
    const char *backend = "jit";
    int i = 1;
    for (; i < argc - 1; i += 2) {
        if (!strcmp(argv[i], "-b")) {
            backend = argv[i + 1];
        } else if (!strcmp(argv[i], "-d")) {
            mimic_log_mask = mimic_log_parse(argv[i + 1]);
        } else {
            break;
        }
    }
    if (i >= argc) {
        fprintf(stderr, "usage: x86-run [-b jit|interp] [-d items] file.bin\n");
        return 2;
    }
    FILE *f = fopen(argv[i], "rb");
    if (!f) {
        perror(argv[i]);
        return 1;
    }
    if (!guest_space_reserve()) {
        return 1;
    }
    map_guest(LOAD_ADDR, 0x40000, PAGE_READ | PAGE_WRITE | PAGE_EXEC);
    map_guest(0x50000, 0x40000, PAGE_READ | PAGE_WRITE);
    size_t n = fread(g2h(LOAD_ADDR), 1, 0x40000, f);
    fclose(f);
    (void)n;
    tcg_exec_init(&x86_guest_arch, backend, 32 << 20);
    CPUState *cpu = cpu_create(&x86_guest_arch);
    CPUX86State *env = (CPUX86State *)cpu;
    x86_cpu_reset_user(env);
    env->eip = LOAD_ADDR;
    env->regs[R_ESP] = STACK_TOP;
    for (;;) {
        int e = cpu_exec(cpu);
        if (e == 0x80 && env->exception_is_int) {
            env->exception_is_int = false;
            env->eip = env->exception_next_eip;
            if (env->regs[R_EAX] == 1) {
                dump(env);
                return 0;
            }
            dump(env);
            continue;
        }
        if (e == EXCP_INTERRUPT || e == EXCP_NONE) {
            continue;
        }
        printf("exception %d at eip=%08x\n", e, env->eip);
        dump(env);
        return 1;
    }
}
