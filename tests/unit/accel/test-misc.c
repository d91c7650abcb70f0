/*
 * Backend selection, logging (-d items, -D file, log_once, the -d output
 * of a run) and several guest threads sharing the code cache while it is
 * flushed under them.
 */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "toy.h"
#include "toy-check.h"
#include "exec/softmmu.h"
#include "exec/translator.h"
#include "util/log.h"

#define CODE 0x10000u
#define RX (PAGE_READ | PAGE_EXEC)

/* ---- backend choice ---- */

Test(accel_backend, env_default)
{
    setenv("MIMIC_BACKEND", "interp", 1);
    toy_init(NULL, 0);
    toy_expect_true("env", "MIMIC_BACKEND=interp picks the interpreter",
                    tcg_ctx->backend == &tcg_backend_interp, 0);
}

Test(accel_backend, explicit_overrides_env)
{
    setenv("MIMIC_BACKEND", "interp", 1);
    toy_init("jit", 0);
    toy_expect_true("jit", "an explicit name wins over MIMIC_BACKEND",
                    tcg_ctx->backend == &tcg_backend_x86_64, 0);
}

Test(accel_backend, unknown_name, .exit_code = 1)
{
    printf("expecting exit status 1 for backend 'bogus'\n");
    fflush(stdout);
    toy_init("bogus", 0);
}

/* ---- log items ---- */

Test(accel_log, parse)
{
    toy_expect("log", "in_asm,exec", mimic_log_parse("in_asm,exec"), LOG_IN_ASM | LOG_EXEC);
    toy_expect("log", "mask set", mimic_log_mask, LOG_IN_ASM | LOG_EXEC);
    toy_expect("log", "nochain,nooptimize,stats", mimic_log_parse("nochain,nooptimize,stats"),
               LOG_NOCHAIN | LOG_NOOPT | LOG_STATS);
    toy_expect("log", "unknown item", (uint32_t)mimic_log_parse("in_asm,bogus"),
               (uint32_t)-1);
}

Test(accel_log, help, .exit_code = 0)
{
    mimic_log_parse("help");
    cr_assert_fail("-d help should exit");
}

static char *read_file(const char *path)
{
    FILE *f = fopen(path, "r");
    static char buf[1 << 16];
    size_t n;

    cr_assert(f);
    n = fread(buf, 1, sizeof(buf) - 1, f);
    buf[n] = 0;
    fclose(f);
    return buf;
}

Test(accel_log, once_and_file)
{
    char path[] = "/tmp/mimic-accel-log-XXXXXX";
    int fd = mkstemp(path);
    char *text;

    close(fd);
    cr_assert(mimic_log_set_file(path));
    mimic_log_parse("unimp");
    mimic_log_once(LOG_UNIMP, "syscall 999 not implemented");
    mimic_log_once(LOG_UNIMP, "syscall 999 not implemented");
    mimic_log_once(LOG_UNIMP, "ioctl 0x5401 not implemented");
    mimic_log_once(LOG_GUEST_ERROR, "not enabled");
    fflush(mimic_log_file);
    text = read_file(path);
    printf("log file:\n%s", text);
    toy_expect_true("log", "message logged", strstr(text, "syscall 999") != NULL, 0);
    toy_expect_true("log", "logged only once",
                    strstr(strstr(text, "syscall 999") + 1, "syscall 999") == NULL, 0);
    toy_expect_true("log", "second message", strstr(text, "ioctl 0x5401") != NULL, 0);
    toy_expect_true("log", "disabled item not logged", strstr(text, "not enabled") == NULL, 0);
    unlink(path);
}

static void scen_log_run(const char *be)
{
    const uint32_t prog[] = {
        toy_insn(TOY_ADDI, 1, 0, 3),
        toy_insn(TOY_ADDI, 2, 0, 4),
        toy_insn(TOY_HALT, 0, 0, 0),
    };
    char path[] = "/tmp/mimic-accel-log-XXXXXX";
    int fd = mkstemp(path);
    ToyCPU *env;
    char *text;

    close(fd);
    cr_assert(mimic_log_set_file(path));
    mimic_log_parse("in_asm,op,out_asm,exec,cpu,int");
    toy_init(be, 0);
    toy_map(CODE, 4096, RX);
    toy_write(CODE, prog, 3);
    env = toy_cpu_new(CODE);
    toy_expect(be, "exception", toy_run(env), TOY_EXCP_HALT);
    fflush(mimic_log_file);
    text = read_file(path);
    printf("%s", text);
    toy_expect_true(be, "in_asm: IN: line with the block pc",
                    strstr(text, "IN: [pc=0x00010000") != NULL, 0);
    toy_expect_true(be, "op: OP: listing", strstr(text, "OP:") != NULL, 0);
    toy_expect_true(be, "out_asm: OUT: listing", strstr(text, "OUT: [pc=0x00010000") != NULL, 0);
    toy_expect_true(be, "exec: Trace line", strstr(text, "[00010000/00000000/00000000") != NULL, 0);
    toy_expect_true(be, "cpu: register dump", strstr(text, "pc=00010000 r0=00000000") != NULL, 0);
    toy_expect_true(be, "int: exception line", strstr(text, "exception 256 (0x100) at pc=0x00010008") != NULL, 0);
    unlink(path);
}

Test(accel_jit, log_output) { scen_log_run("jit"); }
Test(accel_interp, log_output) { scen_log_run("interp"); }

/* ---- threads sharing the cache while it is flushed ---- */

#define MT_BASE 0x100000u
#define MT_BLOCKS 6000
#define MT_THREADS 4

typedef struct MTArg {
    ToyCPU *env;
    int result;
} MTArg;

static void *mt_thread(void *opaque)
{
    MTArg *arg = opaque;

    arg->result = toy_run(arg->env);
    return NULL;
}

static void scen_threads(const char *be)
{
    pthread_t th[MT_THREADS];
    MTArg args[MT_THREADS];
    uint32_t r1 = 0, r2 = 0;

    toy_init(be, 512 * 1024);
    toy_map(MT_BASE, 16 * MT_BLOCKS + 4096, RX);
    for (int i = 0; i < MT_BLOCKS; i++) {
        const uint32_t blk[] = {
            toy_insn(TOY_ADDI, 1, 0, i % 97),
            toy_insn(TOY_ADD, 2, 1, 0),
            toy_insn(TOY_ADDI, 3, 0, 1),
            toy_insn(TOY_JMP, 0, 0, 1),
        };
        toy_write(MT_BASE + 16 * i, blk, 4);
    }
    const uint32_t tail[] = {
        toy_insn(TOY_ADDI, 4, 0, -1),
        toy_insn(TOY_BNZ, 4, 0, -4 * MT_BLOCKS - 1),
        toy_insn(TOY_HALT, 0, 0, 0),
    };
    toy_write(MT_BASE + 16 * MT_BLOCKS, tail, 3);
    /* Oracle: thread t runs the loop t + 2 times. */
    for (int t = 0; t < MT_THREADS; t++) {
        args[t].env = toy_cpu_new(MT_BASE);
        args[t].env->regs[4] = t + 2;
        pthread_create(&th[t], NULL, mt_thread, &args[t]);
    }
    for (int t = 0; t < MT_THREADS; t++) {
        pthread_join(th[t], NULL);
    }
    for (int t = 0; t < MT_THREADS; t++) {
        r1 = 0;
        r2 = 0;
        for (int n = 0; n < t + 2; n++) {
            for (int i = 0; i < MT_BLOCKS; i++) {
                r1 += i % 97;
                r2 += r1;
            }
        }
        toy_expect(be, "thread exception", args[t].result, TOY_EXCP_HALT);
        toy_expect(be, "thread r1", args[t].env->regs[1], r1);
        toy_expect(be, "thread r2", args[t].env->regs[2], r2);
        toy_expect(be, "thread r3", args[t].env->regs[3], (uint32_t)(t + 2) * MT_BLOCKS);
    }
    toy_expect_true(be, "flushes happened while threads ran",
                    tcg_ctx->stats.flushes >= 1, tcg_ctx->stats.flushes);
}

Test(accel_jit, threads_and_flush, .timeout = 300) { scen_threads("jit"); }
Test(accel_interp, threads_and_flush, .timeout = 300) { scen_threads("interp"); }

/* ---- code fetches in the guest's byte order ---- */

Test(accel_translator, fetch_byte_order)
{
    static const uint8_t bytes[] = { 0x12, 0x34, 0x56, 0x78 };
    GuestArch be_arch = toy_arch;
    TranslationBlock tb;
    DisasContextBase db;
    ToyCPU *le_cpu, *be_cpu;

    toy_init("interp", 0);
    be_arch.big_endian = true;
    le_cpu = toy_cpu_new(CODE);
    be_cpu = (ToyCPU *)cpu_create(&be_arch);
    toy_map(CODE, 4096, RX);
    memcpy(g2h(CODE), bytes, 4);
    memset(&tb, 0, sizeof(tb));
    tb.pc = CODE;
    tb.cflags = CF_NO_PROTECT;
    tb.page_addr[0] = tb.page_addr[1] = 0xffffffff;
    memset(&db, 0, sizeof(db));
    db.tb = &tb;
    db.pc_first = CODE;
    db.num_insns = 1;
    toy_expect("le", "ldub", translator_ldub(&le_cpu->cs, &db, CODE + 1), 0x34);
    toy_expect("le", "lduw", translator_lduw(&le_cpu->cs, &db, CODE), 0x3412);
    toy_expect("le", "ldl", translator_ldl(&le_cpu->cs, &db, CODE), 0x78563412);
    toy_expect("be", "lduw", translator_lduw(&be_cpu->cs, &db, CODE), 0x1234);
    toy_expect("be", "ldl", translator_ldl(&be_cpu->cs, &db, CODE), 0x12345678);
    toy_expect("le", "page recorded", tb.page_addr[0], CODE);
    toy_expect("le", "goto_tb within the page", translator_use_goto_tb(&db, CODE + 0xffc), 1);
    /* User mode chains across pages (invalidation unchains); system mode
     * does not (the next virtual page may map elsewhere next time). */
    toy_expect("le", "user mode: goto_tb to the next page",
               translator_use_goto_tb(&db, CODE + 0x1000), 1);
    softmmu_enabled = true;
    toy_expect("le", "system mode: no goto_tb to the next page",
               translator_use_goto_tb(&db, CODE + 0x1000), 0);
    toy_expect("le", "system mode: goto_tb within the page",
               translator_use_goto_tb(&db, CODE + 0xffc), 1);
    softmmu_enabled = false;
    tb.cflags |= CF_NOCHAIN;
    toy_expect("le", "no goto_tb with CF_NOCHAIN", translator_use_goto_tb(&db, CODE + 4), 0);
}

/* A fetch that runs past the top of the guest space wraps to address 0,
 * as the guest's own address arithmetic does, instead of reading the
 * host memory past the 4 GiB reservation (which crashed Mimic). The
 * expected words are the four bytes below, put together by hand. */
Test(accel_translator, fetch_wraps_at_4g)
{
    GuestArch be_arch = toy_arch;
    TranslationBlock tb;
    DisasContextBase db;
    ToyCPU *le_cpu, *be_cpu;

    toy_init("interp", 0);
    be_arch.big_endian = true;
    le_cpu = toy_cpu_new(CODE);
    be_cpu = (ToyCPU *)cpu_create(&be_arch);
    toy_map(0xfffff000u, 4096, RX);
    toy_map(0, 4096, RX);
    *(uint8_t *)g2h(0xfffffffeu) = 0x11;
    *(uint8_t *)g2h(0xffffffffu) = 0x22;
    *(uint8_t *)g2h(0) = 0x33;
    *(uint8_t *)g2h(1) = 0x44;
    memset(&tb, 0, sizeof(tb));
    tb.pc = 0xfffffffeu;
    tb.cflags = CF_NO_PROTECT;
    tb.page_addr[0] = tb.page_addr[1] = 0xffffffff;
    memset(&db, 0, sizeof(db));
    db.tb = &tb;
    db.pc_first = 0xfffffffeu;
    db.num_insns = 1;
    toy_expect("le", "ldl across 4 GiB", translator_ldl(&le_cpu->cs, &db, 0xfffffffeu),
               0x44332211);
    toy_expect("be", "ldl across 4 GiB", translator_ldl(&be_cpu->cs, &db, 0xfffffffeu),
               0x11223344);
    toy_expect("le", "lduw across 4 GiB", translator_lduw(&le_cpu->cs, &db, 0xffffffffu),
               0x3322);
    toy_expect("le", "first page recorded", tb.page_addr[0], 0xfffff000u);
    toy_expect("le", "second page recorded", tb.page_addr[1], 0);
}
