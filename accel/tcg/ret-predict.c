/*
 * The return-address predictor: a guest call records (its return address
 * and block flags, the calling block's return slot) in a small per-CPU
 * table indexed by the guest stack pointer; the guest return reads the
 * entry of its own stack pointer and, if the key is its own (popped
 * address, its flags), jumps to the code linked in that slot. The slot is
 * chained like a goto_tb: linked by the slow path, reset when its target
 * is invalidated (tb-maint.c). See docs/tcg.md.
 */
#include <stddef.h>
#include "tb-internal.h"
#include "util/log.h"

/* The slot of an empty entry: never linked (always 0). */
static uintptr_t tb_ret_none;

void tb_ret_table_clear(CPUState *cpu)
{
    CPUAccel *a = cpu_accel(cpu);

    for (int i = 0; i < TB_RET_TABLE_SIZE; i++) {
        a->ret_table[i].key = 0;
        a->ret_table[i].link = &tb_ret_none;
    }
}

/* The entry of the table a call made with stack pointer sp. */
static TBRetEntry *tb_ret_entry(CPUState *cpu, uint32_t sp)
{
    return (TBRetEntry *)((char *)cpu_accel(cpu)->ret_table + ((sp << 2) & TB_RET_INDEX_MASK));
}

/*
 * The slow path of a return (pc: the new pc, also in the CPU state; sp:
 * the stack pointer the return reads its entry with): the entry's slot if
 * its key is this return's own and it is linked (not when called from the
 * inline check, which only calls on a miss); else the usual lookup, and if the key
 * was this return's own, the block found becomes the target of the
 * entry's slot. It is the block for (return address, these flags,
 * cs_base 0, these cflags): exactly what a later return with the same
 * key looks up.
 */
static const void *helper_lookup_tb_ret(CPUState *cpu, uint32_t pc, uint32_t sp,
                                        uint32_t flags, uint32_t cflags)
{
    TBRetEntry *e = tb_ret_entry(cpu, sp);
    bool own = e->key == ((uint64_t)flags << 32 | pc);
    uintptr_t code = own ? __atomic_load_n(e->link, __ATOMIC_ACQUIRE) : 0;
    TranslationBlock *tb;

    if (code) {
        return (const void *)code;
    }
    tb_stat_inc(&tcg_ctx->stats.ret_slow, 1);
    tb = cpu_lookup_next_tb(cpu, pc, flags, 0, cflags);
    if (!tb) {
        return tcg_ctx->code_gen_epilogue;
    }
    if (own && e->link != &tb_ret_none && tb->pc == pc && tb->flags == flags &&
        tb->cs_base == 0 && (tb->cflags & CF_HASH_MASK) == cflags) {
        TranslationBlock *caller = (TranslationBlock *)((char *)e->link -
            offsetof(TranslationBlock, jmp_target_addr[TB_RET_SLOT]));
        tb_add_ret_jump(caller, tb);
    }
    return tb->tc_ptr;
}

static TCGHelperInfo lookup_tb_ret_info =
    TCG_HELPER(helper_lookup_tb_ret, TCG_CALL_READS_GLOBALS, TCG_HT_PTR, TCG_HT_PTR,
               TCG_HT_I32, TCG_HT_I32, TCG_HT_I32, TCG_HT_I32);

/* Ends the block with the helper's answer. */
static void tb_ret_gen_call(TCGv_i32 pc, TCGv_i32 sp, uint32_t flags, uint32_t cflags)
{
    TCGv_i64 next = tcg_temp_ebb_new_i64();

    tcg_gen_call5(&lookup_tb_ret_info, tcgv_i64_temp(next), tcg_env(), tcgv_i32_temp(pc),
                  tcgv_i32_temp(sp), tcg_constant_i32(flags), tcg_constant_i32(cflags));
    tcg_gen_op1(INDEX_op_goto_ptr, TCG_TYPE_I64, temp_arg(tcgv_i64_temp(next)));
    tcg_temp_free_i64(next);
}

/*
 * Whether this block may record or use a prediction: a cacheable block of
 * the usual cflags at cs_base 0 (so the key's address is the linear pc),
 * outside the logging modes that want every lookup.
 */
static bool tb_ret_usable(const DisasContextBase *db)
{
    const TranslationBlock *tb = db->tb;

    return tb_store.arch && tb->cs_base == 0 &&
           !(tb->cflags & (CF_NO_PROTECT | CF_NOCHAIN)) &&
           (tb->cflags & CF_HASH_MASK) == (tb_default_cflags() & CF_HASH_MASK) &&
           !mimic_log_enabled(LOG_EXEC | LOG_CPU | LOG_NOCHAIN);
}

static TCGv_ptr tb_ret_as_ptr(TCGv_i64 v)
{
    return temp_tcgv_ptr(tcgv_i64_temp(v));
}

/* addr = the address of sp's entry, minus the table's offset in env. */
static void tb_ret_gen_entry(TCGv_i64 addr, TCGv_i32 sp)
{
    TCGv_i32 off = tcg_temp_ebb_new_i32();

    tcg_gen_shli_i32(off, sp, 2);
    tcg_gen_andi_i32(off, off, TB_RET_INDEX_MASK);
    tcg_gen_extu_i32_i64(addr, off);
    tcg_gen_add_i64(addr, addr, temp_tcgv_i64(tcgv_ptr_temp(tcg_env())));
    tcg_temp_free_i32(off);
}

static size_t tb_ret_table_offset(void)
{
    return cpu_accel_offset(tb_store.arch) + offsetof(CPUAccel, ret_table);
}

void translator_gen_ret_push(DisasContextBase *db, uint32_t ret_addr, TCGv_i32 sp)
{
    if (!tb_ret_usable(db) || !translator_use_goto_tb(db, ret_addr)) {
        return;
    }
    size_t table = tb_ret_table_offset();
    uint64_t key = (uint64_t)db->tb->flags << 32 | ret_addr;
    TCGv_i64 addr = tcg_temp_ebb_new_i64();

    tb_ret_gen_entry(addr, sp);
    tcg_gen_st_i64(tcg_constant_i64((int64_t)key), tb_ret_as_ptr(addr),
                   table + offsetof(TBRetEntry, key), MO_UQ);
    tcg_gen_st_i64(tcg_constant_i64((int64_t)(uintptr_t)&db->tb->jmp_target_addr[TB_RET_SLOT]),
                   tb_ret_as_ptr(addr), table + offsetof(TBRetEntry, link), MO_UQ);
    tcg_temp_free_i64(addr);
}

/* The check inline (about 14 ops, 16 host instructions on a hit), the
 * helper only on a miss. */
void translator_gen_ret_lookup(DisasContextBase *db, TCGv_i32 pc, TCGv_i32 sp)
{
    if (!tb_ret_usable(db) || db->tb_flags_may_change) {
        tcg_gen_lookup_and_goto_ptr();
        return;
    }
    uint32_t flags = db->tb->flags, cflags = db->tb->cflags & CF_HASH_MASK;
    size_t table = tb_ret_table_offset();
    TCGLabel *slow = gen_new_label();
    TCGv_i64 addr = tcg_temp_ebb_new_i64(), key = tcg_temp_ebb_new_i64();
    TCGv_i64 want = tcg_temp_ebb_new_i64(), code = tcg_temp_ebb_new_i64();

    tb_ret_gen_entry(addr, sp);
    tcg_gen_ld_i64(key, tb_ret_as_ptr(addr), table + offsetof(TBRetEntry, key), MO_UQ);
    tcg_gen_extu_i32_i64(want, pc);
    tcg_gen_ori_i64(want, want, (int64_t)((uint64_t)flags << 32));
    tcg_gen_brcond_i64(TCG_COND_NE, key, want, slow);
    tcg_gen_ld_i64(code, tb_ret_as_ptr(addr), table + offsetof(TBRetEntry, link), MO_UQ);
    tcg_gen_ld_i64(code, tb_ret_as_ptr(code), 0, MO_UQ);
    tcg_gen_brcond_i64(TCG_COND_EQ, code, tcg_constant_i64(0), slow);
    tcg_gen_op1(INDEX_op_goto_ptr, TCG_TYPE_I64, temp_arg(tcgv_i64_temp(code)));
    tcg_temp_free_i64(addr);
    tcg_temp_free_i64(key);
    tcg_temp_free_i64(want);
    tcg_temp_free_i64(code);

    gen_set_label(slow);
    tb_ret_gen_call(pc, sp, flags, cflags);
}
