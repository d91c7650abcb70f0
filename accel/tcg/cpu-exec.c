/*
 * The CPU loop: find or translate the block for the current CPU state,
 * run it, chain its exit to the next block, and land here again through
 * siglongjmp when a helper or a fault raises an exception. Also the CPU
 * list and exclusive sections (used by full flushes).
 */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include "tb-internal.h"
#include "cputlb.h"
#include "exec/exec-all.h"
#include "exec/softmmu.h"
#include "util/log.h"

__thread CPUState *current_cpu;

static pthread_mutex_t cpu_list_mutex = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t exclusive_cond = PTHREAD_COND_INITIALIZER;
static pthread_cond_t exclusive_resume = PTHREAD_COND_INITIALIZER;
static CPUAccel *cpu_list_head;
static int cpu_next_index;
static int cpu_nb_cpus;             /* atomic; changed under cpu_list_mutex */
static bool exclusive_pending;
static __thread bool exclusive_owner;

/* ---- CPU list ---- */

size_t cpu_accel_offset(const GuestArch *arch)
{
    size_t size = arch->env_size < sizeof(CPUState) ? sizeof(CPUState) : arch->env_size;
    return (size + 15) & ~(size_t)15;
}

CPUAccel *cpu_accel(CPUState *cpu)
{
    return (CPUAccel *)((char *)cpu + cpu_accel_offset(cpu->arch));
}

void cpu_list_lock(void)
{
    pthread_mutex_lock(&cpu_list_mutex);
}

void cpu_list_unlock(void)
{
    pthread_mutex_unlock(&cpu_list_mutex);
}

CPUAccel *cpu_list_first(void)
{
    return cpu_list_head;
}

int cpu_count(void)
{
    return __atomic_load_n(&cpu_nb_cpus, __ATOMIC_ACQUIRE);
}

/* System mode: the soft TLB's fast tables sit right before the state
 * (exec/softmmu.h), so generated code reaches them from env. */
static size_t cpu_prefix_size(void)
{
    return softmmu_enabled ? (sizeof(CPUTLBFast) + 63) & ~(size_t)63 : 0;
}

CPUState *cpu_create(const GuestArch *arch)
{
    size_t off = cpu_accel_offset(arch), prefix = cpu_prefix_size();
    char *base = calloc(1, prefix + off + sizeof(CPUAccel));
    CPUState *cpu = base ? (CPUState *)(base + prefix) : NULL;
    CPUAccel *a;

    if (!cpu) {
        fprintf(stderr, "mimic: out of memory creating a CPU\n");
        exit(1);
    }
    cpu->arch = arch;
    cpu->exception_index = EXCP_NONE;
    cpu->tb_jmp_cache = calloc(TB_JMP_CACHE_SIZE, sizeof(TranslationBlock *));
    if (!cpu->tb_jmp_cache) {
        fprintf(stderr, "mimic: out of memory creating a CPU\n");
        exit(1);
    }
    a = cpu_accel(cpu);
    a->cpu = cpu;
    a->alloc_base = base;
    tb_ret_table_clear(cpu);
    if (prefix) {
        tlb_init_cpu(cpu);
    }
    cpu_list_lock();
    cpu->cpu_index = cpu_next_index++;
    a->next = cpu_list_head;
    cpu_list_head = a;
    __atomic_store_n(&cpu_nb_cpus, cpu_nb_cpus + 1, __ATOMIC_RELEASE);
    cpu_list_unlock();
    return cpu;
}

static void cpu_list_remove_locked(CPUAccel *a)
{
    for (CPUAccel **pp = &cpu_list_head; *pp; pp = &(*pp)->next) {
        if (*pp == a) {
            *pp = a->next;
            __atomic_store_n(&cpu_nb_cpus, cpu_nb_cpus - 1, __ATOMIC_RELEASE);
            return;
        }
    }
}

void cpu_destroy(CPUState *cpu)
{
    cpu_list_lock();
    cpu_list_remove_locked(cpu_accel(cpu));
    if (exclusive_pending) {
        pthread_cond_broadcast(&exclusive_cond);
    }
    cpu_list_unlock();
    if (current_cpu == cpu) {
        current_cpu = NULL;
    }
    free(cpu->tb_jmp_cache);
    tlb_free_cpu(cpu);
    free(cpu_accel(cpu)->alloc_base);
}

CPUState *cpu_clone(CPUState *src)
{
    CPUState *cpu = cpu_create(src->arch);
    size_t size = src->arch->env_size;

    if (size > sizeof(CPUState)) {
        memcpy((char *)cpu + sizeof(CPUState), (char *)src + sizeof(CPUState),
               size - sizeof(CPUState));
    }
    return cpu;
}

void cpu_foreach(void (*fn)(CPUState *cpu, void *opaque), void *opaque)
{
    cpu_list_lock();
    for (CPUAccel *a = cpu_list_head; a; a = a->next) {
        fn(a->cpu, opaque);
    }
    cpu_list_unlock();
}

void tb_fork_child(CPUState *self)
{
    /* Only this thread survives the fork: forget the other CPUs. */
    CPUAccel *mine = self ? cpu_accel(self) : NULL;

    tb_fork_child_code();

    cpu_list_head = mine;
    cpu_nb_cpus = mine ? 1 : 0;
    if (mine) {
        mine->next = NULL;
    }
    exclusive_pending = false;
    exclusive_owner = false;
    pthread_cond_init(&exclusive_cond, NULL);
    pthread_cond_init(&exclusive_resume, NULL);
    tb_fork_parent();
}

/* ---- exclusive sections ---- */

void cpu_exec_start(CPUState *cpu)
{
    CPUAccel *a = cpu_accel(cpu);

    cpu_list_lock();
    while (exclusive_pending && !exclusive_owner) {
        pthread_cond_wait(&exclusive_resume, &cpu_list_mutex);
    }
    a->running = true;
    cpu_list_unlock();
}

void cpu_exec_end(CPUState *cpu)
{
    cpu_list_lock();
    cpu_accel(cpu)->running = false;
    if (exclusive_pending) {
        pthread_cond_broadcast(&exclusive_cond);
    }
    cpu_list_unlock();
}

void start_exclusive(void)
{
    cpu_list_lock();
    while (exclusive_pending) {
        pthread_cond_wait(&exclusive_resume, &cpu_list_mutex);
    }
    exclusive_pending = true;
    exclusive_owner = true;
    for (;;) {
        bool busy = false;
        for (CPUAccel *a = cpu_list_head; a; a = a->next) {
            if (a->running && a->cpu != current_cpu) {
                cpu_exit(a->cpu);
                busy = true;
            }
        }
        if (!busy) {
            break;
        }
        pthread_cond_wait(&exclusive_cond, &cpu_list_mutex);
    }
    cpu_list_unlock();
}

void end_exclusive(void)
{
    cpu_list_lock();
    exclusive_pending = false;
    exclusive_owner = false;
    pthread_cond_broadcast(&exclusive_resume);
    cpu_list_unlock();
}

/* ---- leaving the loop ---- */

void cpu_exit(CPUState *cpu)
{
    __atomic_store_n(&cpu->exit_request, 1, __ATOMIC_RELEASE);
}

/* A CPU outside cpu_exec looks at interrupt_request when it enters; one
 * inside is made to leave its chain of blocks at the next block start. */
void cpu_interrupt(CPUState *cpu, uint32_t mask)
{
    __atomic_or_fetch(&cpu->interrupt_request, mask, __ATOMIC_SEQ_CST);
    if (__atomic_load_n(&cpu->in_exec, __ATOMIC_SEQ_CST)) {
        cpu_exit(cpu);
    }
}

void cpu_reset_interrupt(CPUState *cpu, uint32_t mask)
{
    __atomic_and_fetch(&cpu->interrupt_request, ~mask, __ATOMIC_SEQ_CST);
}

_Noreturn void cpu_loop_exit(CPUState *cpu)
{
    if (!cpu->in_exec) {
        fprintf(stderr, "mimic: cpu_loop_exit outside cpu_exec (exception %d)\n",
                cpu->exception_index);
        abort();
    }
    siglongjmp(cpu->jmp_env, 1);
}

_Noreturn void cpu_loop_exit_restore(CPUState *cpu, uintptr_t host_pc)
{
    if (host_pc) {
        cpu_restore_state(cpu, host_pc);
    }
    cpu_loop_exit(cpu);
}

_Noreturn void cpu_raise_exception(CPUState *cpu, int excp, uintptr_t host_pc)
{
    cpu->exception_index = excp;
    cpu_loop_exit_restore(cpu, host_pc);
}

_Noreturn void cpu_loop_exit_noexc(CPUState *cpu)
{
    cpu->exception_index = EXCP_NONE;
    cpu_loop_exit(cpu);
}

/* ---- the lookup behind goto_ptr ---- */

static void cpu_log_block(CPUState *cpu, TranslationBlock *tb)
{
    if (mimic_log_enabled(LOG_CPU) && cpu->arch->dump_state) {
        cpu->arch->dump_state(cpu, mimic_log_file ? mimic_log_file : stderr);
    }
    if (mimic_log_enabled(LOG_EXEC)) {
        mimic_log("Trace %d: %p [%08x/%08x/%08x/%04x]\n", cpu->cpu_index, tb->tc_ptr,
                  tb->pc, tb->cs_base, tb->flags, tb->cflags);
    }
}

/*
 * The block for the CPU's state, or NULL (back to the loop) if it is not
 * translated yet. A miss is remembered, so the loop translates the block
 * without looking it up again (cpu_find_tb).
 */
static TranslationBlock *cpu_lookup_state_tb(CPUState *cpu)
{
    uint32_t pc, cs_base, flags, cflags = tb_default_cflags();
    uint64_t gen = __atomic_load_n(&tb_store.flush_count, __ATOMIC_ACQUIRE);
    CPUAccel *a = cpu_accel(cpu);
    TranslationBlock *tb;

    if (cpu->cflags_next_tb || a->singlestep) {
        return NULL;
    }
    cpu->arch->get_tb_cpu_state(cpu, &pc, &cs_base, &flags);
    tb = tb_lookup(cpu, pc, cs_base, flags, cflags);
    if (!tb) {
        a->miss_pc = pc;
        a->miss_cs_base = cs_base;
        a->miss_flags = flags;
        a->miss_cflags = cflags;
        a->miss_flush_count = gen;
        a->miss_valid = true;
        return NULL;
    }
    if (mimic_log_enabled(LOG_EXEC | LOG_CPU)) {
        cpu_log_block(cpu, tb);
    }
    return tb;
}

/* Returns the code of the block for the CPU's state, or the epilogue
 * (back to the loop) if it is not translated yet. */
static const void *helper_lookup_tb_ptr(CPUState *cpu)
{
    TranslationBlock *tb = cpu_lookup_state_tb(cpu);

    return tb ? tb->tc_ptr : tcg_ctx->code_gen_epilogue;
}

static TCGHelperInfo lookup_tb_ptr_info =
    TCG_HELPER(helper_lookup_tb_ptr, TCG_CALL_READS_GLOBALS, TCG_HT_PTR, TCG_HT_PTR);

TranslationBlock *cpu_lookup_next_tb(CPUState *cpu, uint32_t pc, uint32_t flags,
                                     uint32_t cs_base, uint32_t cflags)
{
    TranslationBlock *tb =
        __atomic_load_n(&cpu->tb_jmp_cache[tb_jmp_cache_hash(pc)], __ATOMIC_ACQUIRE);

    if (tb && tb->pc == pc && tb->flags == flags && tb->cs_base == cs_base &&
        (tb->cflags & CF_HASH_MASK) == cflags &&
        !__atomic_load_n(&tb->invalid, __ATOMIC_ACQUIRE)) {
        return tb;
    }
    return cpu_lookup_state_tb(cpu);
}

/*
 * The lookup called by blocks that end in an indirect jump (translator.c):
 * the block passes the new pc (cs_base included; it is also in the CPU
 * state for the slow path) and its own flags, cs_base and cflags, which the next block
 * shares unless the block may change them (then it calls
 * helper_lookup_tb_ptr). A jump-cache hit that matches as tb_matches
 * would costs a handful of loads; anything else is the full lookup.
 */
static const void *helper_lookup_tb_fast(CPUState *cpu, uint32_t pc, uint32_t flags,
                                         uint32_t cs_base, uint32_t cflags)
{
    TranslationBlock *tb = cpu_lookup_next_tb(cpu, pc, flags, cs_base, cflags);

    return tb ? tb->tc_ptr : tcg_ctx->code_gen_epilogue;
}

TCGHelperInfo tb_lookup_fast_info =
    TCG_HELPER(helper_lookup_tb_fast, TCG_CALL_READS_GLOBALS, TCG_HT_PTR, TCG_HT_PTR,
               TCG_HT_I32, TCG_HT_I32, TCG_HT_I32, TCG_HT_I32);

__attribute__((constructor)) static void cpu_exec_set_lookup_helper(void)
{
    tcg_lookup_tb_ptr_helper = &lookup_tb_ptr_info;
}

/* ---- the loop ---- */

/* Whether generated code has just looked this state up and found no
 * block (no flush since): then it is translated without a second lookup
 * (tb_gen_code still looks under the lock if another CPU could have made
 * it meanwhile). Forgets the miss either way. */
static bool cpu_known_miss(CPUState *cpu, uint32_t pc, uint32_t cs_base, uint32_t flags,
                           uint32_t cflags)
{
    CPUAccel *a = cpu_accel(cpu);
    bool known = a->miss_valid && a->miss_pc == pc && a->miss_cs_base == cs_base &&
                 a->miss_flags == flags && a->miss_cflags == cflags &&
                 a->miss_flush_count ==
                     __atomic_load_n(&tb_store.flush_count, __ATOMIC_ACQUIRE);

    a->miss_valid = false;
    return known;
}

static TranslationBlock *cpu_find_tb(CPUState *cpu, uint32_t *cflags_out)
{
    uint32_t pc, cs_base, flags, cflags = cpu->cflags_next_tb;
    TranslationBlock *tb = NULL;

    cpu->arch->get_tb_cpu_state(cpu, &pc, &cs_base, &flags);
    if (cflags) {
        cpu->cflags_next_tb = 0;
    } else {
        cflags = tb_default_cflags();
    }
    if (cpu_accel(cpu)->singlestep) {
        cflags = (cflags & ~CF_COUNT_MASK) | CF_SINGLE_STEP | CF_NOCHAIN | 1;
    }
    if (!(cflags & CF_NO_PROTECT) && !cpu_known_miss(cpu, pc, cs_base, flags, cflags)) {
        tb = tb_lookup(cpu, pc, cs_base, flags, cflags);
    }
    if (!tb) {
        tb = tb_gen_code(cpu, pc, cs_base, flags, cflags);
        if (!(cflags & CF_NO_PROTECT)) {
            __atomic_store_n(&cpu->tb_jmp_cache[tb_jmp_cache_hash(pc)], tb,
                             __ATOMIC_RELEASE);
        }
    }
    *cflags_out = cflags;
    return tb;
}

static int cpu_handle_exit_request(CPUState *cpu)
{
    __atomic_store_n(&cpu->exit_request, 0, __ATOMIC_RELEASE);
    if (tb_store.flush_requested) {
        tb_store.flush_requested = false;
        tb_flush_if_unchanged(__atomic_load_n(&tb_store.flush_count, __ATOMIC_ACQUIRE));
    }
    cpu->exception_index = EXCP_INTERRUPT;
    return EXCP_INTERRUPT;
}

/* ---- system mode: exceptions and interrupts inside the loop ---- */

static void cpu_log_event(CPUState *cpu, const char *what, int n)
{
    uint32_t pc, cs_base, flags;

    cpu->arch->get_tb_cpu_state(cpu, &pc, &cs_base, &flags);
    mimic_log("%s %d (0x%x) at pc=0x%08x error=0x%x addr=0x%08x\n", what, n, n, pc,
              cpu->error_code, cpu->fault_addr);
}

/* System mode delivers guest exceptions itself; a guest without
 * do_interrupt (a test guest) gets them returned as in user mode. */
static bool cpu_delivers_exceptions(CPUState *cpu)
{
    return softmmu_enabled && cpu->arch->do_interrupt;
}

/* Delivers exception_index (>= 0) through the guest's tables. Returns
 * what cpu_exec must leave with (EXCP_RESET on a triple fault), or
 * EXCP_NONE to go on. */
static int cpu_deliver_exception(CPUState *cpu)
{
    if (mimic_log_enabled(LOG_INT)) {
        cpu_log_event(cpu, "exception", cpu->exception_index);
    }
    cpu->arch->do_interrupt(cpu);
    if (cpu->exception_index < 0 && cpu->exception_index != EXCP_NONE) {
        return cpu->exception_index;
    }
    cpu->exception_index = EXCP_NONE;
    return EXCP_NONE;
}

/* At a block boundary: takes what interrupt_request asks for. Returns
 * true if the guest state was changed under the last block (so it must
 * not be chained to the next). A halted CPU wakes when the guest accepts
 * an interrupt. */
static bool cpu_handle_interrupts(CPUState *cpu)
{
    uint32_t req = __atomic_load_n(&cpu->interrupt_request, __ATOMIC_ACQUIRE);
    bool changed = false;

    if (req & CPU_INTERRUPT_EXITTB) {
        cpu_reset_interrupt(cpu, CPU_INTERRUPT_EXITTB);
        req &= ~(uint32_t)CPU_INTERRUPT_EXITTB;
        changed = true;
    }
    if (req && cpu->arch->exec_interrupt) {
        /* Not halted while it is delivered: a fault during delivery
         * lands in cpu_exec with the CPU running its handler. */
        bool was_halted = cpu->halted;
        cpu->halted = false;
        if (cpu->arch->exec_interrupt(cpu, req)) {
            changed = true;
            if (mimic_log_enabled(LOG_INT)) {
                cpu_log_event(cpu, "interrupt taken, request", (int)req);
            }
        } else {
            cpu->halted = was_halted;
        }
    }
    return changed;
}

/* Sets the guest state to the start of tb (its first insn_start data). */
static void cpu_sync_from_tb(CPUState *cpu, TranslationBlock *tb)
{
    if (tb->nb_insns > 0) {
        cpu->arch->restore_state_to_opc(cpu, tb->insn_data[0]);
    }
}

static int cpu_exec_loop(CPUState *cpu)
{
    const TCGBackend *be = tcg_ctx->backend;
    TranslationBlock *last_tb = NULL;
    int last_slot = 0;

    for (;;) {
        TranslationBlock *tb;
        uint32_t cflags;
        uint64_t gen;
        uintptr_t ret;

        if (softmmu_enabled) {
            if (cpu->interrupt_request && cpu_handle_interrupts(cpu)) {
                last_tb = NULL;
            }
            if (cpu->halted) {
                cpu->exception_index = EXCP_HLT;
                return EXCP_HLT;
            }
        }
        if (__atomic_load_n(&cpu->exit_request, __ATOMIC_ACQUIRE)) {
            return cpu_handle_exit_request(cpu);
        }
        gen = __atomic_load_n(&tb_store.flush_count, __ATOMIC_ACQUIRE);
        tb = cpu_find_tb(cpu, &cflags);
        if (gen != __atomic_load_n(&tb_store.flush_count, __ATOMIC_ACQUIRE)) {
            last_tb = NULL;   /* it was flushed away */
        }
        if (last_tb && !(cflags & CF_NOCHAIN)) {
            tb_add_jump(last_tb, last_slot, tb);
        }
        if (mimic_log_enabled(LOG_EXEC | LOG_CPU)) {
            cpu_log_block(cpu, tb);
        }
        cpu->current_tb = tb;
        ret = be->exec(cpu, tb->tc_ptr);
        cpu->current_tb = NULL;

        last_tb = NULL;
        if ((cflags & CF_SINGLE_STEP) && (ret & TB_EXIT_MASK) != TB_EXIT_REQUESTED) {
            /* gdb's single step: the one instruction ran. */
            cpu->exception_index = EXCP_DEBUG;
            return EXCP_DEBUG;
        }
        if ((ret & ~(uintptr_t)TB_EXIT_MASK) == 0) {
            continue;
        }
        if ((ret & TB_EXIT_MASK) == TB_EXIT_REQUESTED) {
            /* A block reached through a chained jump stopped before its
             * first insn: the guest pc was never stored, so restore it. */
            cpu_sync_from_tb(cpu, (TranslationBlock *)(ret & ~(uintptr_t)TB_EXIT_MASK));
        } else {
            last_tb = (TranslationBlock *)(ret & ~(uintptr_t)TB_EXIT_MASK);
            last_slot = ret & TB_EXIT_MASK;
        }
    }
}

/*
 * Runs the loop; comes back here on every cpu_loop_exit. The signal mask
 * is not saved (that would cost a syscall per entry): a signal handler
 * that leaves through cpu_loop_exit restores its mask first. In system
 * mode a guest exception is delivered here and the loop goes on, and HLT
 * only returns once no interrupt wakes the CPU.
 */
static int cpu_exec_setjmp(CPUState *cpu)
{
    for (;;) {
        if (sigsetjmp(cpu->jmp_env, 0) == 0) {
            if (cpu_delivers_exceptions(cpu) && cpu->exception_index >= 0) {
                int r = cpu_deliver_exception(cpu);
                if (r != EXCP_NONE) {
                    return r;
                }
            }
            return cpu_exec_loop(cpu);
        }
        /* Landed from cpu_loop_exit: a helper, a fault or the translator. */
        tcg_interp_pc = 0;
        cpu->current_tb = NULL;
        tb_lock_reset();
        if (cpu->arch->sync_host_state) {
            cpu->arch->sync_host_state(cpu);
        }
        if (cpu->exception_index == EXCP_NONE) {
            continue;
        }
        if (cpu_delivers_exceptions(cpu) && cpu->exception_index >= 0) {
            continue;   /* delivered at the top */
        }
        if (softmmu_enabled && cpu->exception_index == EXCP_HLT) {
            cpu->halted = true;
            cpu->exception_index = EXCP_NONE;
            continue;   /* the loop's top returns unless an interrupt wakes it */
        }
        return cpu->exception_index;
    }
}

int cpu_exec(CPUState *cpu)
{
    return cpu_exec_deliver(cpu, EXCP_NONE);
}

int cpu_exec_deliver(CPUState *cpu, int excp)
{
    CPUState *outer = current_cpu;
    int ret;

    current_cpu = cpu;
    cpu_exec_start(cpu);
    /* A cpu_loop_exit that sets no exception just resumes the loop. */
    cpu->exception_index = excp;
    cpu->in_exec = true;
    ret = cpu_exec_setjmp(cpu);
    if (cpu->arch->sync_host_state) {
        cpu->arch->sync_host_state(cpu);
    }
    cpu->in_exec = false;
    cpu_exec_end(cpu);
    current_cpu = outer;
    if (ret >= 0 && mimic_log_enabled(LOG_INT)) {
        uint32_t pc, cs_base, flags;
        cpu->arch->get_tb_cpu_state(cpu, &pc, &cs_base, &flags);
        mimic_log("exception %d (0x%x) at pc=0x%08x error=0x%x addr=0x%08x\n", ret, ret,
                  pc, cpu->error_code, cpu->fault_addr);
    }
    return ret;
}
