/* Checks and the end of a test kernel: one output line per check, a
 * summary, and the exit status through isa-debug-exit (port 0xf4). */
#include "bm.h"

static unsigned checks, failures, sdm_failures;

static int report(const char *what, int ok, uint32_t got, const char *want_text,
                  uint32_t want, int sdm_only)
{
    checks++;
    if (ok) {
        bm_printf("ok %s got=0x%x%s\n", what, got, sdm_only ? " sdm-only" : "");
        return 1;
    }
    failures++;
    if (sdm_only)
        sdm_failures++;
    if (want_text)
        bm_printf("FAIL %s got=0x%x want=%s%s\n", what, got, want_text, sdm_only ? " sdm-only" : "");
    else
        bm_printf("FAIL %s got=0x%x want=0x%x%s\n", what, got, want, sdm_only ? " sdm-only" : "");
    return 0;
}

int check_eq(const char *what, uint32_t got, uint32_t want)
{
    return report(what, got == want, got, 0, want, 0);
}

int check_eq_sdm(const char *what, uint32_t got, uint32_t want)
{
    return report(what, got == want, got, 0, want, 1);
}

int check_true(const char *what, int cond, uint32_t got, const char *want)
{
    return report(what, cond, got, want, 0, 0);
}

_Noreturn void bm_exit(uint8_t code)
{
    outb(0xf4, code);
    for (;;)
        __asm__ volatile("cli; hlt");
}

_Noreturn void bm_finish(void)
{
    bm_printf("done: %u checks, %u failed (%u sdm-only)\n", checks, failures, sdm_failures);
    if (failures == 0)
        bm_exit(BM_EXIT_PASS);
    bm_exit(failures == sdm_failures ? BM_EXIT_SDMONLY : BM_EXIT_FAIL);
}

void bm_require_cpuid(uint32_t mask, const char *what)
{
    uint32_t a, b, c, d;
    cpuid(1, &a, &b, &c, &d);
    if (!check_true(what, (d & mask) == mask, d, "the feature bits in CPUID.1:EDX"))
        bm_finish();
}

/* "<what><suffix>" in one of a few rotating buffers (check names). */
const char *bm_name(const char *what, const char *suffix)
{
    static char bufs[4][80];
    static int next;
    char *b = bufs[next++ & 3];
    int n = 0;
    for (const char *s = what; *s && n < 78; s++)
        b[n++] = *s;
    for (const char *s = suffix; *s && n < 79; s++)
        b[n++] = *s;
    b[n] = 0;
    return b;
}

void check_trap(const char *what, int sdm_only, uint32_t vector, uint32_t err, uint32_t eip)
{
    int (*chk)(const char *, uint32_t, uint32_t) = sdm_only ? check_eq_sdm : check_eq;
    chk(bm_name(what, ".vector"), trap_last.vector, vector);
    if (err != TRAP_ANY)
        chk(bm_name(what, ".err"), trap_last.err, err);
    if (eip != TRAP_ANY)
        chk(bm_name(what, ".eip"), trap_last.eip, eip);
}
