/*
 * -kernel with a multiboot v1 header (the Multiboot Specification 0.6.96):
 * loads the ELF kernel's segments (or the a.out-kludge address fields),
 * the -initrd modules (comma separated, ",," for a comma, each "file
 * args"), builds the multiboot information (memory sizes, command line,
 * memory map, modules) after the kernel and enters with EAX = 0x2BADB002,
 * EBX = the information, in flat 32-bit protected mode.
 */
#include <elf.h>
#include <stdio.h>
#include <string.h>
#include <glib.h>
#include "hw/i386/x86-boot.h"
#include "sysemu/sysemu.h"

#define MB_HEADER_MAGIC      0x1badb002u
#define MB_BOOT_MAGIC        0x2badb002u
#define MB_SEARCH            8192

/* Header flags. */
#define MB_PAGE_ALIGN        (1u << 0)
#define MB_MEMORY_INFO       (1u << 1)
#define MB_VIDEO_MODE        (1u << 2)
#define MB_AOUT_KLUDGE       (1u << 16)
#define MB_KNOWN_REQUIRED    (MB_PAGE_ALIGN | MB_MEMORY_INFO | MB_VIDEO_MODE)

/* Information flags and offsets. */
#define MBI_MEMORY           (1u << 0)
#define MBI_CMDLINE          (1u << 2)
#define MBI_MODS             (1u << 3)
#define MBI_MMAP             (1u << 6)
#define MBI_LOADER_NAME      (1u << 9)
#define MBI_FLAGS            0
#define MBI_MEM_LOWER        4
#define MBI_MEM_UPPER        8
#define MBI_CMDLINE_PTR      16
#define MBI_MODS_COUNT       20
#define MBI_MODS_ADDR        24
#define MBI_MMAP_LENGTH      44
#define MBI_MMAP_ADDR        48
#define MBI_LOADER_NAME_PTR  64
#define MBI_SIZE             0x58

#define PAGE_ALIGN(x)        (((x) + 0xfffull) & ~0xfffull)

static uint32_t rd32(const uint8_t *p, size_t off)
{
    uint32_t v;
    memcpy(&v, p + off, 4);
    return v;       /* the host and the guest are little-endian */
}

static void wr32(uint8_t *p, uint64_t off, uint32_t v)
{
    memcpy(p + off, &v, 4);
}

long x86_multiboot_find_header(const uint8_t *k, size_t klen)
{
    size_t end = klen < MB_SEARCH ? klen : MB_SEARCH;

    for (size_t off = 0; off + 12 <= end; off += 4) {
        uint32_t magic = rd32(k, off), flags = rd32(k, off + 4);
        if (magic == MB_HEADER_MAGIC && magic + flags + rd32(k, off + 8) == 0) {
            return (long)off;
        }
    }
    return -1;
}

static bool mb_error(const char *path, const char *what)
{
    fprintf(stderr, "%s: multiboot kernel '%s': %s\n", sys_progname, path, what);
    return false;
}

static bool mb_fits(X86BootRam *ram, const char *path, uint64_t addr, uint64_t len)
{
    if (!x86_boot_ram_ok(ram, addr, len)) {
        char msg[160];
        snprintf(msg, sizeof(msg), "[0x%llx, 0x%llx) is outside RAM (-m %llu MiB) or in "
                 "the VGA hole (0xa0000-0xbffff)", (unsigned long long)addr,
                 (unsigned long long)(addr + len), (unsigned long long)(ram->size >> 20));
        return mb_error(path, msg);
    }
    return true;
}

/* ELF: PT_LOAD segments at their physical addresses. */
static bool mb_load_elf(X86BootRam *ram, const char *path, const uint8_t *k, size_t klen,
                        uint32_t *entry, uint64_t *end)
{
    Elf32_Ehdr eh;
    uint32_t ventry;

    if (klen < sizeof(eh)) {
        return mb_error(path, "not an ELF file and no address fields in the header");
    }
    memcpy(&eh, k, sizeof(eh));
    if (memcmp(eh.e_ident, ELFMAG, SELFMAG) || eh.e_ident[EI_CLASS] != ELFCLASS32 ||
        eh.e_ident[EI_DATA] != ELFDATA2LSB || eh.e_machine != EM_386) {
        return mb_error(path, "not a 32-bit little-endian i386 ELF file (and no address "
                        "fields in the header)");
    }
    if (eh.e_phnum == 0 || eh.e_phentsize != sizeof(Elf32_Phdr) ||
        eh.e_phoff > klen || (uint64_t)eh.e_phnum * sizeof(Elf32_Phdr) > klen - eh.e_phoff) {
        return mb_error(path, "broken ELF program headers");
    }
    ventry = eh.e_entry;
    *entry = ventry;
    *end = 0;
    bool loaded = false;
    for (int i = 0; i < eh.e_phnum; i++) {
        Elf32_Phdr ph;
        memcpy(&ph, k + eh.e_phoff + i * sizeof(ph), sizeof(ph));
        if (ph.p_type != PT_LOAD || ph.p_memsz == 0) {
            continue;
        }
        if (ph.p_filesz > ph.p_memsz || ph.p_offset > klen || ph.p_filesz > klen - ph.p_offset) {
            return mb_error(path, "an ELF segment runs past the end of the file");
        }
        if (!mb_fits(ram, path, ph.p_paddr, ph.p_memsz)) {
            return false;
        }
        memcpy(ram->host + ph.p_paddr, k + ph.p_offset, ph.p_filesz);
        memset(ram->host + ph.p_paddr + ph.p_filesz, 0, ph.p_memsz - ph.p_filesz);
        if (ventry >= ph.p_vaddr && ventry - ph.p_vaddr < ph.p_memsz) {
            *entry = ventry - ph.p_vaddr + ph.p_paddr;   /* paging is off at entry */
        }
        if ((uint64_t)ph.p_paddr + ph.p_memsz > *end) {
            *end = (uint64_t)ph.p_paddr + ph.p_memsz;
        }
        loaded = true;
    }
    return loaded || mb_error(path, "no loadable ELF segment");
}

/* The a.out kludge: header_addr, load_addr, load_end_addr, bss_end_addr, entry_addr. */
static bool mb_load_kludge(X86BootRam *ram, const char *path, const uint8_t *k, size_t klen,
                           long hdr, uint32_t *entry, uint64_t *end)
{
    uint32_t header_addr = rd32(k, hdr + 12), load_addr = rd32(k, hdr + 16);
    uint32_t load_end = rd32(k, hdr + 20), bss_end = rd32(k, hdr + 24);
    uint64_t file_off, len, mem_end;

    if (klen < (size_t)hdr + 32 || load_addr > header_addr || header_addr - load_addr > (uint64_t)hdr) {
        return mb_error(path, "bad address fields in the header");
    }
    file_off = hdr - (header_addr - load_addr);
    len = load_end ? (uint64_t)load_end - load_addr : klen - file_off;
    if (load_end && load_end < load_addr) {
        return mb_error(path, "load_end_addr below load_addr");
    }
    if (len > klen - file_off) {
        return mb_error(path, "the image is shorter than its address fields say");
    }
    mem_end = bss_end > load_addr + len ? bss_end : load_addr + len;
    if (!mb_fits(ram, path, load_addr, mem_end - load_addr)) {
        return false;
    }
    memcpy(ram->host + load_addr, k + file_off, len);
    memset(ram->host + load_addr + len, 0, mem_end - load_addr - len);
    *entry = rd32(k, hdr + 28);
    *end = mem_end;
    return true;
}

/* Splits -initrd at single commas (",," is a comma). */
static GPtrArray *mb_split_modules(const char *spec)
{
    GPtrArray *mods = g_ptr_array_new_with_free_func(g_free);
    GString *cur = g_string_new(NULL);

    for (const char *p = spec; ; p++) {
        if (*p == ',' && p[1] == ',') {
            g_string_append_c(cur, ',');
            p++;
        } else if (*p == ',' || !*p) {
            g_ptr_array_add(mods, g_string_free(cur, FALSE));
            if (!*p) {
                break;
            }
            cur = g_string_new(NULL);
        } else {
            g_string_append_c(cur, *p);
        }
    }
    return mods;
}

/* Appends a string at *pos in RAM; returns its address. */
static uint32_t mb_put_string(X86BootRam *ram, uint64_t *pos, const char *s)
{
    uint32_t addr = (uint32_t)*pos;
    memcpy(ram->host + *pos, s, strlen(s) + 1);
    *pos += strlen(s) + 1;
    return addr;
}

bool x86_load_multiboot(X86BootRam *ram, const char *path, const uint8_t *k, size_t klen,
                        const char *initrd, const char *append, X86BootEntry *entry)
{
    long hdr = x86_multiboot_find_header(k, klen);
    uint32_t flags = rd32(k, hdr + 4), kentry;
    uint64_t kend;
    E820Entry e820[X86_E820_MAX];
    int n820 = x86_e820_table(ram->size, e820, X86_E820_MAX);

    if (flags & 0xffff & ~MB_KNOWN_REQUIRED) {
        return mb_error(path, "the header requires features this loader does not know");
    }
    if (!((flags & MB_AOUT_KLUDGE) ? mb_load_kludge(ram, path, k, klen, hdr, &kentry, &kend)
                                   : mb_load_elf(ram, path, k, klen, &kentry, &kend))) {
        return false;
    }

    /* Modules, then the information, page-aligned after the kernel. */
    GPtrArray *mods = initrd ? mb_split_modules(initrd) : g_ptr_array_new();
    uint32_t nmods = mods->len;
    uint64_t pos = PAGE_ALIGN(kend);
    uint64_t mod_start[64], mod_end[64];
    if (nmods > 64) {
        g_ptr_array_free(mods, TRUE);
        return mb_error(path, "more than 64 modules");
    }
    for (uint32_t i = 0; i < nmods; i++) {
        const char *spec = g_ptr_array_index(mods, i);
        char *file = g_strndup(spec, strcspn(spec, " "));
        size_t len;
        uint8_t *data = x86_boot_read_file("multiboot module", file, &len);
        g_free(file);
        if (!data) {
            g_ptr_array_free(mods, TRUE);
            return false;
        }
        if (!x86_boot_ram_ok(ram, pos, len)) {
            fprintf(stderr, "%s: multiboot module '%s' (%zu bytes) does not fit in RAM "
                    "(-m %llu MiB)\n", sys_progname, spec, len,
                    (unsigned long long)(ram->size >> 20));
            g_free(data);
            g_ptr_array_free(mods, TRUE);
            return false;
        }
        memcpy(ram->host + pos, data, len);
        g_free(data);
        mod_start[i] = pos;
        mod_end[i] = pos + len;
        pos = PAGE_ALIGN(pos + len);
    }

    const char *args = append ? append : "";
    size_t strings = strlen(path) + 1 + strlen(args) + 1 + 64;
    for (uint32_t i = 0; i < nmods; i++) {
        strings += strlen(g_ptr_array_index(mods, i)) + 1;
    }
    uint64_t info = pos, need = MBI_SIZE + 24 * n820 + 16 * nmods + strings;
    if (!x86_boot_ram_ok(ram, info, need)) {
        g_ptr_array_free(mods, TRUE);
        return mb_error(path, "no RAM left for the multiboot information");
    }
    memset(ram->host + info, 0, need);
    uint64_t mmap = info + MBI_SIZE, modlist = mmap + 24 * n820;
    uint64_t str = modlist + 16 * nmods;

    for (int i = 0; i < n820; i++) {
        uint8_t *m = ram->host + mmap + 24 * i;
        wr32(m, 0, 20);
        memcpy(m + 4, &e820[i].addr, 8);
        memcpy(m + 12, &e820[i].size, 8);
        wr32(m, 20, e820[i].type);
    }
    for (uint32_t i = 0; i < nmods; i++) {
        uint8_t *m = ram->host + modlist + 16 * i;
        wr32(m, 0, (uint32_t)mod_start[i]);
        wr32(m, 4, (uint32_t)mod_end[i]);
        wr32(m, 8, mb_put_string(ram, &str, g_ptr_array_index(mods, i)));
    }
    g_ptr_array_free(mods, TRUE);
    char *cmdline = g_strdup_printf("%s%s%s", path, *args ? " " : "", args);
    uint8_t *mbi = ram->host + info;
    wr32(mbi, MBI_FLAGS, MBI_MEMORY | MBI_CMDLINE | MBI_MODS | MBI_MMAP | MBI_LOADER_NAME);
    wr32(mbi, MBI_MEM_LOWER, 640);
    wr32(mbi, MBI_MEM_UPPER, (uint32_t)((ram->size - 0x100000) >> 10));
    wr32(mbi, MBI_CMDLINE_PTR, mb_put_string(ram, &str, cmdline));
    wr32(mbi, MBI_MODS_COUNT, nmods);
    wr32(mbi, MBI_MODS_ADDR, (uint32_t)modlist);
    wr32(mbi, MBI_MMAP_LENGTH, 24 * n820);
    wr32(mbi, MBI_MMAP_ADDR, (uint32_t)mmap);
    wr32(mbi, MBI_LOADER_NAME_PTR, mb_put_string(ram, &str, "mimic"));
    g_free(cmdline);

    entry->prot32 = true;
    entry->eip = kentry;
    entry->eax = MB_BOOT_MAGIC;
    entry->ebx = (uint32_t)info;
    entry->esi = 0;
    return true;
}
