/*
 * Turning guest code into blocks: backend choice (tcg_exec_init),
 * tb_gen_code under the translation lock (fetch faults, full-buffer
 * flushes), the -d in_asm/out_asm listings, host pc -> guest state
 * (cpu_restore_state) and the -d stats report.
 */
#include <capstone/capstone.h>
#include <inttypes.h>
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>
#include "tb-internal.h"
#include "cputlb.h"
#include "exec/cpu-ldst.h"
#include "exec/exec-all.h"
#include "exec/memory.h"
#include "exec/softmmu.h"
#include "exec/user-pages.h"
#include "util/log.h"

#define TB_DEFAULT_BUFFER_SIZE (64u * 1024 * 1024)

/* Translation state; only the lock holder touches it. */
static sigjmp_buf tb_translate_env;
static uint32_t tb_fault_addr;
static int tb_fault_insn;

static const TCGBackend *tb_backend_by_name(const char *name)
{
    if (strcmp(name, "jit") == 0) {
        return &tcg_backend_x86_64;
    }
    if (strcmp(name, "interp") == 0) {
        return &tcg_backend_interp;
    }
    fprintf(stderr, "mimic: unknown backend '%s' (choose 'jit' or 'interp')\n", name);
    exit(1);
}

static void tb_stats_atexit(void)
{
    if (tcg_ctx && mimic_log_enabled(LOG_STATS)) {
        tcg_dump_stats(mimic_log_file ? mimic_log_file : stderr);
    }
}

void tcg_exec_init(const GuestArch *arch, const char *backend_name,
                   size_t code_buffer_size)
{
    static bool atexit_done;

    if (!backend_name || !*backend_name) {
        backend_name = getenv("MIMIC_BACKEND");
    }
    if (!backend_name || !*backend_name) {
        backend_name = "jit";
    }
    if (code_buffer_size == 0) {
        code_buffer_size = TB_DEFAULT_BUFFER_SIZE;
    }
    tcg_context_init(tb_backend_by_name(backend_name), code_buffer_size);
    tb_store_init(arch, code_buffer_size);
    if (mimic_log_enabled(LOG_NOOPT)) {
        tcg_ctx->optimize = false;
    }
    if (arch->tcg_init) {
        arch->tcg_init();
    }
    if (!atexit_done) {
        atexit(tb_stats_atexit);
        atexit_done = true;
    }
}

uint32_t tb_default_cflags(void)
{
    return mimic_log_enabled(LOG_NOCHAIN) ? CF_NOCHAIN : 0;
}

/* ---- code fetches during translation ---- */

_Noreturn void tb_translate_fetch_fault(DisasContextBase *db, uint32_t addr)
{
    tb_fault_addr = addr;
    tb_fault_insn = db->num_insns;
    siglongjmp(tb_translate_env, 1);
}

/* System mode: the physical page the CPU fetches vpage from (filling the
 * TLB; -1 if it faults) and its host address if it is all RAM or ROM. */
static uint64_t tb_code_page_phys(CPUState *cpu, uint32_t vpage, const uint8_t **host)
{
    hwaddr phys = get_page_addr_code(cpu, vpage, cpu_mmu_index(cpu, true));
    const MemSection *sec;

    *host = NULL;
    if (phys == (hwaddr)-1) {
        return (uint64_t)-1;
    }
    phys &= TB_PHYS_PAGE_MASK;
    sec = mem_lookup(phys);
    if ((sec->kind == MR_RAM || sec->kind == MR_ROM) &&
        phys + TARGET_PAGE_SIZE <= sec->base + sec->size) {
        *host = sec->host + (phys - sec->base);
    }
    return phys;
}

const uint8_t *tb_note_code_page(DisasContextBase *db, CPUState *cpu, uint32_t addr,
                                 uint64_t *page_out)
{
    TranslationBlock *tb = db->tb;
    uint32_t vpage = addr & TARGET_PAGE_MASK;
    const uint8_t *host;
    uint64_t page;

    if (softmmu_enabled) {
        page = tb_code_page_phys(cpu, vpage, &host);
        if (page == (uint64_t)-1) {
            tb_translate_fetch_fault(db, addr);
        }
    } else {
        void *h;
        if (!probe_access_nofault(cpu, vpage, 1, MMU_INST_FETCH, 0, &h)) {
            tb_translate_fetch_fault(db, addr);
        }
        host = h;
        page = vpage;
    }
    *page_out = page;
    /* Called once per virtual page of the block (translator.c caches the
     * answer), so in system mode two virtual pages of one physical page
     * take both slots, each with its own span. */
    if (!softmmu_enabled && (page == tb->page_addr[0] || page == tb->page_addr[1])) {
        return host;
    }
    if (tb->page_addr[0] == TB_NO_PAGE) {
        tb->page_addr[0] = page;
    } else if (tb->page_addr[1] == TB_NO_PAGE) {
        tb->page_addr[1] = page;
    } else {
        /* A third page: end the block before this instruction. */
        if (db->num_insns <= 1) {
            fprintf(stderr, "mimic: one instruction at 0x%08x spans three pages\n",
                    db->pc_first);
            abort();
        }
        tb_translate_fetch_fault(db, addr);
    }
    if (!softmmu_enabled) {
        /* Protect before reading, so a concurrent write is not missed
         * (system mode watches the page when the block is linked). */
        page_mark_translated_locked(vpage, !(tb->cflags & CF_NO_PROTECT));
    }
    return host;
}

/* Raises the guest's fault for a fetch at addr as a real fetch would; if
 * the fetch no longer faults (another thread mapped the page), the loop
 * just tries again. */
_Noreturn static void tb_raise_fetch_fault(CPUState *cpu, uint32_t addr)
{
    probe_access(cpu, addr, 1, MMU_INST_FETCH, cpu_mmu_index(cpu, true), 0);
    cpu_loop_exit_noexc(cpu);
}

/* ---- -d in_asm / out_asm ---- */

static void tb_log_in_asm(CPUState *cpu, TranslationBlock *tb)
{
    const GuestArch *arch = cpu->arch;
    static csh handle;
    static const GuestArch *handle_arch;
    static bool handle_ok;
    cs_insn *insn;
    size_t count;
    uint8_t *code;

    if (handle_arch != arch) {
        if (handle_ok) {
            cs_close(&handle);
        }
        handle_ok = cs_open(arch->capstone_arch, arch->capstone_mode, &handle) == CS_ERR_OK;
        handle_arch = arch;
    }
    mimic_log("IN: [pc=0x%08x size=%u insns=%u]\n", tb->pc, tb->size, tb->icount);
    code = malloc(tb->size ? tb->size : 1);
    if (!code || !cpu_memory_debug_read(cpu, tb->pc, code, tb->size)) {
        mimic_log("  (code not readable)\n\n");
        free(code);
        return;
    }
    if (!handle_ok) {
        for (uint32_t i = 0; i < tb->size; i++) {
            mimic_log("%s%02x", i % 16 ? " " : (i ? "\n  " : "  "), code[i]);
        }
        mimic_log("\n\n");
        free(code);
        return;
    }
    count = cs_disasm(handle, code, tb->size, tb->pc, 0, &insn);
    for (size_t i = 0; i < count; i++) {
        mimic_log("0x%08" PRIx64 ":  %-8s %s\n", insn[i].address, insn[i].mnemonic,
                  insn[i].op_str);
    }
    if (count) {
        cs_free(insn, count);
    }
    mimic_log("\n");
    free(code);
}

static void tb_log_out_asm(TranslationBlock *tb)
{
    const TCGBackend *be = tcg_ctx->backend;

    mimic_log("OUT: [pc=0x%08x size=%u]\n", tb->pc, tb->tc_size);
    if (be->disas) {
        be->disas(mimic_log_file ? mimic_log_file : stderr, tb->tc_ptr, tb->tc_size);
    }
    mimic_log("\n");
}

/* ---- translation ---- */

/* Rounds code_ptr up to a multiple of align, if that fits. */
static void tb_align_code(TCGContext *s, uintptr_t align)
{
    uint8_t *end = s->code_gen_buffer + s->code_gen_buffer_size;
    uintptr_t next = ((uintptr_t)s->code_ptr + align - 1) & ~(align - 1);

    if (next <= (uintptr_t)end) {
        s->code_ptr = (uint8_t *)next;
    }
}

/* Moves code_ptr past the new block, 4-byte aligned (the interpreter's
 * bytecode words); a block that runs often starts 16-byte aligned
 * (tb_translate_locked), cold code is packed. */
static void tb_commit_code(TCGContext *s, uint8_t *start, int size)
{
    if (s->code_ptr == start) {
        s->code_ptr = start + size;
    }
    tb_align_code(s, 4);
}

/* Returns NULL when the code buffer or block tables are full. */
static TranslationBlock *tb_translate_locked(CPUState *cpu, uint32_t pc,
                                             uint32_t cs_base, uint32_t flags,
                                             uint32_t cflags)
{
    TCGContext *s = tcg_ctx;
    TranslationBlock *tb = tb_alloc_locked();
    volatile int max_insns = (cflags & CF_COUNT_MASK) ? (int)(cflags & CF_COUNT_MASK)
                                                      : TCG_MAX_INSNS;
    uint8_t *start;
    int size;

    if (!tb) {
        return NULL;
    }
    tb->pc = pc;
    tb->cs_base = cs_base;
    tb->flags = flags;
    tb->cflags = cflags;
    while (sigsetjmp(tb_translate_env, 0) != 0) {
        /* A fetch faulted: end the block before that instruction, or
         * raise the fault if it is the first one. */
        if (tb_fault_insn <= 1) {
            tb_unlock();
            tb_raise_fetch_fault(cpu, tb_fault_addr);
        }
        max_insns = tb_fault_insn - 1;
        tb->page_addr[0] = tb->page_addr[1] = TB_NO_PAGE;
    }
    for (;;) {
        tcg_func_start(s);
        cpu->arch->translate(cpu, tb, max_insns);
        if (mimic_log_enabled(LOG_IN_ASM)) {
            tb_log_in_asm(cpu, tb);
        }
        if (!s->block_cold) {
            tb_align_code(s, 16);
        }
        start = s->code_ptr;
        size = tcg_gen_code(s, tb);
        if (size != TCG_GEN_TOO_LARGE || tb->icount <= 1) {
            break;
        }
        /* Too much code for the 16-bit jump offsets: fewer insns. */
        max_insns = tb->icount / 2;
        tb->page_addr[0] = tb->page_addr[1] = TB_NO_PAGE;
    }
    if (size < 0) {
        return NULL;
    }
    if (softmmu_enabled) {
        tb->phys_pc = tb->page_addr[0] | (pc & ~TARGET_PAGE_MASK);
    }
    tb_commit_code(s, start, size);
    tb->tc_size = size;
    if (!tb_alloc_insn_data_locked(tb, s->gen_nb_insns, s->gen_fault_regs_len)) {
        return NULL;
    }
    memcpy(tb->insn_end_off, s->gen_insn_end_off, s->gen_nb_insns * sizeof(uint32_t));
    memcpy(tb->insn_data, s->gen_insn_data, s->gen_nb_insns * sizeof(tb->insn_data[0]));
    if (s->gen_fault_regs_len) {
        memcpy((uint8_t *)tb->fault_regs, s->gen_fault_regs, s->gen_fault_regs_len);
        s->stats.fault_regs_bytes += s->gen_fault_regs_len;
    }
    s->stats.tbs_translated++;
    s->stats.guest_insns += tb->icount;
    if (mimic_log_enabled(LOG_OUT_ASM)) {
        tb_log_out_asm(tb);
    }
    tb_publish_locked(tb);
    if (!(cflags & CF_NO_PROTECT)) {
        tb_link_locked(tb);
    }
    return tb;
}

TranslationBlock *tb_gen_code(CPUState *cpu, uint32_t pc, uint32_t cs_base,
                              uint32_t flags, uint32_t cflags)
{
    for (;;) {
        TranslationBlock *tb;
        uint64_t seen, phys_pc = tb_phys_pc(cpu, pc);
        bool was_empty;

        tb_lock();
        if (!(cflags & CF_NO_PROTECT) && phys_pc != (uint64_t)-1 && cpu_count() > 1) {
            /* Another thread may have made it while we waited (the
             * caller has just looked it up: with one CPU, nobody else
             * translates). */
            tb = tb_htable_lookup(cpu, pc, phys_pc, cs_base, flags, cflags);
            if (tb) {
                tb_unlock();
                return tb;
            }
        }
        seen = tb_store.flush_count;
        was_empty = tb_store.nb_tbs == 0;
        tb = tb_translate_locked(cpu, pc, cs_base, flags, cflags);
        tb_unlock();
        if (tb) {
            return tb;
        }
        if (was_empty) {
            fprintf(stderr, "mimic: the block at 0x%08x does not fit in an empty "
                    "code buffer (%zu bytes)\n", pc, tcg_ctx->code_gen_buffer_size);
            exit(1);
        }
        tb_flush_if_unchanged(seen);
    }
}

/* ---- host pc -> guest state ---- */

__thread const void *tcg_fault_host_fpu;
__thread const uint64_t *tcg_fault_host_regs;

bool cpu_restore_state(CPUState *cpu, uintptr_t host_pc)
{
    TranslationBlock *tb = tb_find_by_host_pc(host_pc);
    const uint64_t *host_regs = tcg_fault_host_regs;
    uintptr_t off;

    tcg_fault_host_regs = NULL;
    if (!tb) {
        return false;
    }
    off = host_pc - (uintptr_t)tb->tc_ptr;
    if (host_regs && tb->fault_regs_len) {
        /* The globals a guest access left in host registers: env is the
         * CPU state, the base of every global (tcg_exec's env is cpu). */
        tcg_fault_regs_apply(tb->fault_regs, tb->fault_regs_len, (uint32_t)off,
                             host_regs, cpu);
    }
    for (uint32_t i = 0; i < tb->nb_insns; i++) {
        if (off < tb->insn_end_off[i]) {
            cpu->arch->restore_state_to_opc(cpu, tb->insn_data[i]);
            return true;
        }
    }
    return false;
}

/* ---- statistics ---- */

void tcg_dump_stats(FILE *f)
{
    const TCGStats *st = &tcg_ctx->stats;
    size_t used = tcg_ctx->code_ptr - tcg_ctx->code_gen_start;

    fprintf(f, "mimic statistics (%s backend):\n", tcg_ctx->backend->name);
    fprintf(f, "  blocks translated   %" PRIu64 "\n", st->tbs_translated);
    fprintf(f, "  guest insns         %" PRIu64 " (%.1f per block)\n", st->guest_insns,
            st->tbs_translated ? (double)st->guest_insns / st->tbs_translated : 0.0);
    fprintf(f, "  code bytes          %" PRIu64 " (%.1f per block)\n", st->code_bytes,
            st->tbs_translated ? (double)st->code_bytes / st->tbs_translated : 0.0);
    fprintf(f, "  blocks optimized    %" PRIu64 "\n", st->tbs_optimized);
    fprintf(f, "  ops before/after opt %" PRIu64 " / %" PRIu64 "\n",
            st->ops_before_opt, st->ops_after_opt);
    fprintf(f, "  code buffer in use  %zu of %zu bytes, %zu blocks\n", used,
            tcg_ctx->code_gen_buffer_size, tb_store.nb_tbs);
    fprintf(f, "  flushes             %" PRIu64 "\n", st->flushes);
    fprintf(f, "  invalidations       %" PRIu64 "\n", st->invalidations);
    fprintf(f, "  chain patches       %" PRIu64 "\n", st->chain_patches);
    fprintf(f, "  helper calls        %" PRIu64 "\n", st->helper_calls);
    fprintf(f, "  lookups / misses    %" PRIu64 " / %" PRIu64 "\n", st->lookups,
            st->lookup_misses);
    fprintf(f, "  register spills     %" PRIu64 "\n", st->spills);
    fprintf(f, "  fault restore data  %" PRIu64 " bytes\n", st->fault_regs_bytes);
    fprintf(f, "  returns linked / slow %" PRIu64 " / %" PRIu64 "\n", st->ret_links,
            st->ret_slow);
    if (softmmu_enabled) {
        tlb_dump_stats(f);
    }
}
