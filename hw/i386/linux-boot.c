/*
 * -kernel bzImage: the Linux x86 boot protocol's 32-bit entry
 * (Documentation/x86/boot.rst, zero-page.rst). The setup header is checked
 * and copied into a zeroed boot_params with the e820 map, the command line
 * and the initrd; the protected-mode kernel goes to 1 MiB and the CPU
 * enters it in flat 32-bit protected mode with ESI = boot_params.
 */
#include <stdio.h>
#include <string.h>
#include <glib.h>
#include "hw/i386/x86-boot.h"
#include "sysemu/sysemu.h"

/* Setup header fields (offsets in the file and in boot_params). */
#define HDR_SETUP_SECTS      0x1f1
#define HDR_BOOT_FLAG        0x1fe
#define HDR_JUMP_END         0x201   /* 0x202 + this byte = end of header */
#define HDR_MAGIC            0x202   /* "HdrS" */
#define HDR_VERSION          0x206
#define HDR_TYPE_OF_LOADER   0x210
#define HDR_LOADFLAGS        0x211
#define HDR_CODE32_START     0x214
#define HDR_RAMDISK_IMAGE    0x218
#define HDR_RAMDISK_SIZE     0x21c
#define HDR_CMD_LINE_PTR     0x228
#define HDR_INITRD_ADDR_MAX  0x22c
#define HDR_KERNEL_ALIGNMENT 0x230
#define HDR_RELOCATABLE      0x234
#define HDR_CMDLINE_SIZE     0x238
#define HDR_PREF_ADDRESS     0x258
#define HDR_INIT_SIZE        0x260

/* boot_params fields outside the setup header. */
#define BP_EXT_MEM_K         0x002   /* screen_info.ext_mem_k */
#define BP_ALT_MEM_K         0x1e0
#define BP_E820_ENTRIES      0x1e8
#define BP_E820_TABLE        0x2d0
#define BP_SIZE              0x1000

#define LOADED_HIGH          0x01
#define LOADER_UNDEFINED     0xff

static uint32_t rd32(const uint8_t *p, size_t off)
{
    return p[off] | p[off + 1] << 8 | p[off + 2] << 16 | (uint32_t)p[off + 3] << 24;
}

static uint16_t rd16(const uint8_t *p, size_t off)
{
    return p[off] | p[off + 1] << 8;
}

static void wr32(uint8_t *p, size_t off, uint32_t v)
{
    for (int i = 0; i < 4; i++) {
        p[off + i] = v >> (8 * i);
    }
}

static void wr64(uint8_t *p, size_t off, uint64_t v)
{
    wr32(p, off, (uint32_t)v);
    wr32(p, off + 4, (uint32_t)(v >> 32));
}

bool x86_linux_is_bzimage(const uint8_t *k, size_t klen)
{
    return klen >= 0x270 && !memcmp(k + HDR_MAGIC, "HdrS", 4) &&
           rd16(k, HDR_BOOT_FLAG) == 0xaa55;
}

/* Where the kernel decompresses to and how far it reaches. */
static uint64_t x86_linux_kernel_end(const uint8_t *k, uint16_t version, uint64_t pm_size)
{
    uint64_t start = X86_BOOT_KERNEL_ADDR, need = pm_size;

    if (version >= 0x020a) {
        uint32_t init_size = rd32(k, HDR_INIT_SIZE);
        uint64_t pref = rd32(k, HDR_PREF_ADDRESS);
        if (k[HDR_RELOCATABLE] && pref > start) {
            start = pref;   /* a relocatable kernel moves up to its preferred address */
        }
        if (init_size > need) {
            need = init_size;
        }
    }
    return start + need;
}

static bool x86_linux_load_initrd(X86BootRam *ram, uint8_t *bp, const uint8_t *k,
                                  uint16_t version, uint64_t kernel_end,
                                  const char *initrd)
{
    size_t len;
    uint8_t *data = x86_boot_read_file("initrd", initrd, &len);
    uint64_t top = ram->size, addr;

    if (!data) {
        return false;
    }
    if (version >= 0x0203 && (uint64_t)rd32(k, HDR_INITRD_ADDR_MAX) + 1 < top) {
        top = (uint64_t)rd32(k, HDR_INITRD_ADDR_MAX) + 1;
    }
    addr = len <= top ? (top - len) & ~0xfffull : 0;
    if (len > top || addr < kernel_end) {
        fprintf(stderr, "%s: initrd '%s' (%zu bytes) does not fit in RAM above the "
                "kernel (-m %llu MiB)\n", sys_progname, initrd, len,
                (unsigned long long)(ram->size >> 20));
        g_free(data);
        return false;
    }
    memcpy(ram->host + addr, data, len);
    wr32(bp, HDR_RAMDISK_IMAGE, (uint32_t)addr);
    wr32(bp, HDR_RAMDISK_SIZE, (uint32_t)len);
    g_free(data);
    return true;
}

static void x86_linux_fill_e820(uint8_t *bp, uint64_t ram_size)
{
    E820Entry e[X86_E820_MAX];
    int n = x86_e820_table(ram_size, e, X86_E820_MAX);

    bp[BP_E820_ENTRIES] = n;
    for (int i = 0; i < n; i++) {
        wr64(bp, BP_E820_TABLE + 20 * i, e[i].addr);
        wr64(bp, BP_E820_TABLE + 20 * i + 8, e[i].size);
        wr32(bp, BP_E820_TABLE + 20 * i + 16, e[i].type);
    }
    uint64_t ext_k = (ram_size - 0x100000) >> 10;
    wr32(bp, BP_ALT_MEM_K, (uint32_t)ext_k);
    bp[BP_EXT_MEM_K] = (ext_k > 0xfc00 ? 0xfc00 : ext_k) & 0xff;
    bp[BP_EXT_MEM_K + 1] = (ext_k > 0xfc00 ? 0xfc00 : ext_k) >> 8;
}

bool x86_load_linux(X86BootRam *ram, const char *path, const uint8_t *k, size_t klen,
                    const char *initrd, const char *append, X86BootEntry *entry)
{
    uint16_t version = rd16(k, HDR_VERSION);
    unsigned setup_sects = k[HDR_SETUP_SECTS] ? k[HDR_SETUP_SECTS] : 4;
    size_t setup_size = (setup_sects + 1) * 512;
    size_t hdr_end = 0x202 + k[HDR_JUMP_END];
    const char *cmdline = append ? append : "";
    uint32_t cmdline_max = version >= 0x0206 ? rd32(k, HDR_CMDLINE_SIZE) : 255;
    uint8_t *bp = ram->host + X86_BOOT_PARAMS_ADDR;

    if (version < 0x0202 || !(k[HDR_LOADFLAGS] & LOADED_HIGH)) {
        fprintf(stderr, "%s: kernel '%s' uses boot protocol %u.%02u without a high load "
                "(a bzImage of protocol 2.02 or later is needed)\n", sys_progname, path,
                version >> 8, version & 0xff);
        return false;
    }
    if (setup_size >= klen || hdr_end > setup_size || hdr_end > BP_E820_TABLE) {
        fprintf(stderr, "%s: kernel '%s' is truncated or has a broken setup header\n",
                sys_progname, path);
        return false;
    }
    size_t pm_size = klen - setup_size;
    uint64_t kernel_end = x86_linux_kernel_end(k, version, pm_size);
    if (kernel_end > ram->size) {
        fprintf(stderr, "%s: kernel '%s' needs %llu MiB of RAM to unpack, more than "
                "-m %llu MiB\n", sys_progname, path,
                (unsigned long long)((kernel_end + 0xfffff) >> 20),
                (unsigned long long)(ram->size >> 20));
        return false;
    }
    if (strlen(cmdline) > cmdline_max) {
        fprintf(stderr, "%s: kernel command line is %zu bytes, the kernel takes at most "
                "%u\n", sys_progname, strlen(cmdline), cmdline_max);
        return false;
    }

    memset(bp, 0, BP_SIZE);
    memcpy(bp + HDR_SETUP_SECTS, k + HDR_SETUP_SECTS, hdr_end - HDR_SETUP_SECTS);
    bp[HDR_TYPE_OF_LOADER] = LOADER_UNDEFINED;
    wr32(bp, HDR_CODE32_START, X86_BOOT_KERNEL_ADDR);
    strcpy((char *)ram->host + X86_BOOT_CMDLINE_ADDR, cmdline);
    wr32(bp, HDR_CMD_LINE_PTR, X86_BOOT_CMDLINE_ADDR);
    x86_linux_fill_e820(bp, ram->size);
    memcpy(ram->host + X86_BOOT_KERNEL_ADDR, k + setup_size, pm_size);
    if (initrd && !x86_linux_load_initrd(ram, bp, k, version, kernel_end, initrd)) {
        return false;
    }

    entry->prot32 = true;
    entry->eip = X86_BOOT_KERNEL_ADDR;
    entry->esi = X86_BOOT_PARAMS_ADDR;
    entry->eax = entry->ebx = 0;
    return true;
}
