/*
 * Helper calls for the interpreter: the libffi call interface of each
 * helper, built once and cached in TCGHelperInfo.cif, and the call itself
 * (i32 arguments passed as uint32, i64 and pointers as 64-bit values).
 */
#include <assert.h>
#include <ffi.h>
#include <stdlib.h>

#include "tcg/tci/interp.h"

typedef struct InterpCif {
    ffi_cif cif;
    ffi_type *args[TCG_MAX_HELPER_ARGS];
} InterpCif;

static ffi_type *interp_ffi_type(TCGHelperType t)
{
    switch (t) {
    case TCG_HT_VOID: return &ffi_type_void;
    case TCG_HT_I32: return &ffi_type_uint32;
    case TCG_HT_I64: return &ffi_type_uint64;
    case TCG_HT_PTR: return &ffi_type_pointer;
    }
    assert(!"interp: bad helper type");
    return NULL;
}

void *interp_helper_cif(TCGHelperInfo *info)
{
    InterpCif *c = __atomic_load_n((InterpCif **)&info->cif, __ATOMIC_ACQUIRE);
    void *expected = NULL;

    if (c) {
        return c;
    }
    c = calloc(1, sizeof(*c));
    if (!c) {
        fprintf(stderr, "mimic: interp: out of memory\n");
        abort();
    }
    assert(info->nargs <= TCG_MAX_HELPER_ARGS);
    for (int i = 0; i < info->nargs; i++) {
        c->args[i] = interp_ffi_type(info->args[i]);
    }
    if (ffi_prep_cif(&c->cif, FFI_DEFAULT_ABI, info->nargs,
                     interp_ffi_type(info->ret), c->args) != FFI_OK) {
        fprintf(stderr, "mimic: interp: libffi rejects helper %s\n", info->name);
        abort();
    }
    if (!__atomic_compare_exchange_n(&info->cif, &expected, c, false,
                                     __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE)) {
        free(c);
        return expected;
    }
    return c;
}

/* Calls the helper with the inputs; returns its result (i32 zero-extended). */
uint64_t interp_call(TCGHelperInfo *info, const uint64_t *in)
{
    InterpCif *c = interp_helper_cif(info);
    uint32_t in32[TCG_MAX_HELPER_ARGS];
    uint64_t in64[TCG_MAX_HELPER_ARGS];
    void *in_ptr[TCG_MAX_HELPER_ARGS];
    uint64_t ret = 0;   /* ffi_arg-sized: small integer returns are widened */

    for (int i = 0; i < info->nargs; i++) {
        if (info->args[i] == TCG_HT_I32) {
            in32[i] = (uint32_t)in[i];
            in_ptr[i] = &in32[i];
        } else {
            in64[i] = in[i];
            in_ptr[i] = &in64[i];
        }
    }
    ffi_call(&c->cif, FFI_FN(info->func), &ret, in_ptr);
    return info->ret == TCG_HT_I32 ? (uint32_t)ret : ret;
}
