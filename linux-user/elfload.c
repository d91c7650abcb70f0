/*
 * ELF loading for linux-user: validation of the guest program (class,
 * byte order, machine, program headers against the file size), mapping
 * of PT_LOAD segments (static, static-PIE at a base, the PT_INTERP
 * interpreter through the -L sysroot), and the initial stack with argv,
 * envp and the auxiliary vector.
 */
#define _GNU_SOURCE
#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/random.h>
#include <sys/resource.h>
#include <sys/personality.h>
#include <sys/stat.h>
#include <unistd.h>
#include "exec/user-pages.h"
#include "linux-user/lu.h"

extern const char *lu_progname;

/* The auxiliary vector as the guest sees it (for /proc/self/auxv). */
uint8_t *lu_auxv;
size_t lu_auxv_size;

static _Noreturn void lu_elf_fail(const char *path, const char *fmt, ...)
{
    va_list ap;
    fprintf(stderr, "%s: %s: ", lu_progname, path);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
    exit(1);
}

/* Records why an ELF image cannot be loaded; returns false. */
static bool lu_elf_error(char *err, size_t n, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err, n, fmt, ap);
    va_end(ap);
    return false;
}

/* One ELF file being loaded: its bytes (read whole; guest programs and
 * interpreters are small next to the guest space) and decoded header. */
typedef struct LuElf {
    const char *path;
    int fd;
    uint8_t *data;
    size_t size;
    Elf32_Ehdr eh;
    Elf32_Phdr *ph;
} LuElf;

static uint32_t elf_u32(const LuElf *e, uint32_t v)
{
    return lu_arch->big_endian ? __builtin_bswap32(v) : v;
}

static uint16_t elf_u16(const LuElf *e, uint16_t v)
{
    return lu_arch->big_endian ? __builtin_bswap16(v) : v;
}

/* Reads the whole file e->fd into e->data; false with the reason in
 * err if it is no regular file, too short or unreadable. */
static bool lu_elf_read_fd(LuElf *e, char *err, size_t n)
{
    struct stat st;
    if (fstat(e->fd, &st) < 0 || !S_ISREG(st.st_mode)) {
        return lu_elf_error(err, n, "not a regular file");
    }
    e->size = st.st_size;
    if (e->size < sizeof(Elf32_Ehdr)) {
        uint8_t m[SELFMAG];
        if (e->size >= SELFMAG && pread(e->fd, m, SELFMAG, 0) == SELFMAG &&
            memcmp(m, ELFMAG, SELFMAG) == 0) {
            return lu_elf_error(err, n, "truncated ELF file (%zu bytes)", e->size);
        }
        return lu_elf_error(err, n, "not an ELF file");
    }
    e->data = malloc(e->size);
    if (!e->data || pread(e->fd, e->data, e->size, 0) != (ssize_t)e->size) {
        return lu_elf_error(err, n, "cannot read the file");
    }
    return true;
}

/* Opens path (shown in messages as `shown`) and reads it whole. */
static bool lu_elf_open(LuElf *e, const char *path, const char *shown, char *err, size_t n)
{
    e->path = shown;
    /* O_NONBLOCK: a FIFO must be refused, not waited on (the kernel
     * refuses anything but a regular file with EACCES). */
    e->fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
    if (e->fd < 0) {
        return lu_elf_error(err, n, "%s", strerror(errno));
    }
    return lu_elf_read_fd(e, err, n);
}

static void lu_elf_close(LuElf *e)
{
    if (e->fd >= 0) {
        close(e->fd);
    }
    free(e->data);
    free(e->ph);
}

static const char *lu_machine_name(uint16_t m)
{
    switch (m) {
    case EM_386: return "i386";
    case EM_X86_64: return "x86-64";
    case EM_PPC: return "PowerPC";
    case EM_PPC64: return "PowerPC64";
    case EM_ARM: return "ARM";
    case EM_AARCH64: return "AArch64";
    case EM_MIPS: return "MIPS";
    case EM_RISCV: return "RISC-V";
    default: return "unknown";
    }
}

/* Checks the header and program headers of e->data (e->size bytes):
 * false, with the reason in err, on anything a loader cannot trust.
 * Pure (no I/O, nothing mapped), so the fuzz target can drive it. */
static bool lu_elf_validate(LuElf *e, char *err, size_t n)
{
    const uint8_t *id = e->data;
    if (memcmp(id, ELFMAG, SELFMAG) != 0) {
        return lu_elf_error(err, n, "not an ELF file");
    }
    if (id[EI_CLASS] != ELFCLASS32) {
        return lu_elf_error(err, n, "wrong ELF class: %s (this emulator runs 32-bit %s programs)",
                    id[EI_CLASS] == ELFCLASS64 ? "64-bit" : "invalid", lu_arch->name);
    }
    int want_data = lu_arch->big_endian ? ELFDATA2MSB : ELFDATA2LSB;
    if (id[EI_DATA] != want_data) {
        return lu_elf_error(err, n, "wrong byte order: %s-endian (%s is %s-endian)",
                    id[EI_DATA] == ELFDATA2MSB ? "big" : id[EI_DATA] == ELFDATA2LSB ? "little" : "invalid",
                    lu_arch->name, lu_arch->big_endian ? "big" : "little");
    }
    memcpy(&e->eh, e->data, sizeof(e->eh));
    Elf32_Ehdr *h = &e->eh;
    h->e_type = elf_u16(e, h->e_type);
    h->e_machine = elf_u16(e, h->e_machine);
    h->e_entry = elf_u32(e, h->e_entry);
    h->e_phoff = elf_u32(e, h->e_phoff);
    h->e_phentsize = elf_u16(e, h->e_phentsize);
    h->e_phnum = elf_u16(e, h->e_phnum);
    if (h->e_machine != lu_arch->elf_machine) {
        return lu_elf_error(err, n, "wrong machine: %s (e_machine %u); this emulator runs %s programs",
                    lu_machine_name(h->e_machine), h->e_machine, lu_arch->name);
    }
    if (h->e_type != ET_EXEC && h->e_type != ET_DYN) {
        return lu_elf_error(err, n, "not an executable (ELF type %u)", h->e_type);
    }
    if (h->e_phentsize != sizeof(Elf32_Phdr) || h->e_phnum == 0 || h->e_phnum > 512) {
        return lu_elf_error(err, n, "corrupt ELF header (program header size %u, count %u)",
                    h->e_phentsize, h->e_phnum);
    }
    if ((uint64_t)h->e_phoff + (uint64_t)h->e_phnum * sizeof(Elf32_Phdr) > e->size) {
        return lu_elf_error(err, n, "truncated ELF file: program headers past the end (%zu bytes)",
                    e->size);
    }
    e->ph = calloc(h->e_phnum, sizeof(Elf32_Phdr));
    if (!e->ph) {
        return lu_elf_error(err, n, "out of memory");
    }
    memcpy(e->ph, e->data + h->e_phoff, h->e_phnum * sizeof(Elf32_Phdr));
    int nload = 0;
    for (int i = 0; i < h->e_phnum; i++) {
        Elf32_Phdr *p = &e->ph[i];
        p->p_type = elf_u32(e, p->p_type);
        p->p_offset = elf_u32(e, p->p_offset);
        p->p_vaddr = elf_u32(e, p->p_vaddr);
        p->p_filesz = elf_u32(e, p->p_filesz);
        p->p_memsz = elf_u32(e, p->p_memsz);
        p->p_flags = elf_u32(e, p->p_flags);
        p->p_align = elf_u32(e, p->p_align);
        if (p->p_type == PT_LOAD) {
            nload++;
            if ((uint64_t)p->p_offset + p->p_filesz > e->size) {
                return lu_elf_error(err, n, "truncated ELF file: segment %d needs %llu bytes, "
                            "the file has %zu", i,
                            (unsigned long long)p->p_offset + p->p_filesz, e->size);
            }
            if (p->p_filesz > p->p_memsz ||
                (uint64_t)p->p_vaddr + p->p_memsz > ((uint64_t)1 << 32) ||
                (p->p_offset & ~TARGET_PAGE_MASK) != (p->p_vaddr & ~TARGET_PAGE_MASK)) {
                return lu_elf_error(err, n, "corrupt program header %d", i);
            }
        } else if (p->p_type == PT_INTERP || p->p_type == PT_PHDR) {
            if ((uint64_t)p->p_offset + p->p_filesz > e->size) {
                return lu_elf_error(err, n, "truncated ELF file: program header %d past the end", i);
            }
        }
    }
    if (nload == 0) {
        return lu_elf_error(err, n, "no loadable segments");
    }
    return true;
}

/* The span [lo, hi) of the PT_LOAD segments, page aligned. */
static void lu_elf_span(const LuElf *e, uint32_t *lo, uint64_t *hi)
{
    uint32_t l = UINT32_MAX;
    uint64_t h = 0;
    for (int i = 0; i < e->eh.e_phnum; i++) {
        const Elf32_Phdr *p = &e->ph[i];
        if (p->p_type != PT_LOAD) {
            continue;
        }
        if (p->p_vaddr < l) {
            l = p->p_vaddr;
        }
        if ((uint64_t)p->p_vaddr + p->p_memsz > h) {
            h = (uint64_t)p->p_vaddr + p->p_memsz;
        }
    }
    *lo = l & TARGET_PAGE_MASK;
    *hi = (h + TARGET_PAGE_SIZE - 1) & ~(uint64_t)(TARGET_PAGE_SIZE - 1);
}

static int lu_elf_prot(uint32_t pf)
{
    return (pf & PF_R ? PROT_READ : 0) | (pf & PF_W ? PROT_WRITE : 0) |
           (pf & PF_X ? PROT_EXEC : 0);
}

/* Maps the segments at bias; *brk: the end of the highest segment. */
static bool lu_elf_map(LuElf *e, uint32_t bias, uint32_t *brk, char *err, size_t n)
{
    *brk = 0;
    for (int i = 0; i < e->eh.e_phnum; i++) {
        const Elf32_Phdr *p = &e->ph[i];
        if (p->p_type != PT_LOAD || p->p_memsz == 0) {
            continue;
        }
        uint32_t va = bias + p->p_vaddr;
        uint32_t page = va & TARGET_PAGE_MASK;
        uint32_t lead = va - page;
        int prot = lu_elf_prot(p->p_flags);
        uint32_t file_end = va + p->p_filesz;
        uint32_t mem_end = va + p->p_memsz;
        if (p->p_filesz) {
            int64_t r = lu_target_mmap(page, p->p_filesz + lead, prot | PROT_WRITE,
                                       MAP_PRIVATE | MAP_FIXED, e->fd,
                                       p->p_offset - lead);
            if (r < 0) {
                return lu_elf_error(err, n, "cannot map segment %d at 0x%08x: %s", i, page,
                                    strerror((int)-r));
            }
            /* Zero the tail of the last file page (start of .bss). */
            uint32_t fpage_end = (file_end + TARGET_PAGE_SIZE - 1) & TARGET_PAGE_MASK;
            if (mem_end > file_end && fpage_end > file_end) {
                memset(g2h(file_end), 0, fpage_end - file_end);
            }
            if (!(prot & PROT_WRITE)) {
                lu_target_mprotect(page, fpage_end - page, prot);
            }
        }
        uint32_t anon = (file_end + TARGET_PAGE_SIZE - 1) & TARGET_PAGE_MASK;
        if (p->p_filesz == 0) {
            anon = page;
        }
        if (mem_end > anon) {
            int64_t r = lu_target_mmap(anon, mem_end - anon, prot,
                                       MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
            if (r < 0) {
                return lu_elf_error(err, n, "cannot map segment %d: %s", i, strerror((int)-r));
            }
        }
        if (mem_end > *brk) {
            *brk = mem_end;
        }
    }
    return true;
}

/* Loads e (main program or interpreter) at the load bias *bias. */
static bool lu_elf_load(LuElf *e, bool is_main, uint32_t *bias, uint32_t *brk,
                        char *err, size_t n)
{
    uint32_t lo;
    *bias = 0;
    uint64_t hi;
    lu_elf_span(e, &lo, &hi);
    if (e->eh.e_type == ET_DYN) {
        uint32_t want = is_main ? lu_arch->elf_et_dyn_base : 0;
        uint32_t len = (uint32_t)(hi - lo);
        uint32_t base = want ? want : lu_find_free(len, lu_arch->mmap_top);
        if (!base) {
            return lu_elf_error(err, n, "no room for %u bytes in the guest space", len);
        }
        /* Reserve the whole span first so the segments stay together. */
        int64_t r = lu_target_mmap(base, len, PROT_NONE,
                                   MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
        if (r < 0) {
            return lu_elf_error(err, n, "cannot reserve its address range: %s",
                                strerror((int)-r));
        }
        *bias = base - lo;
    } else if (lo < 0x10000) {
        return lu_elf_error(err, n, "segment at 0x%08x is below the lowest mappable address",
                            lo);
    }
    return lu_elf_map(e, *bias, brk, err, n);
}

static uint32_t lu_elf_phdr_addr(const LuElf *e, uint32_t bias)
{
    for (int i = 0; i < e->eh.e_phnum; i++) {
        if (e->ph[i].p_type == PT_PHDR) {
            return bias + e->ph[i].p_vaddr;
        }
    }
    for (int i = 0; i < e->eh.e_phnum; i++) {
        const Elf32_Phdr *p = &e->ph[i];
        if (p->p_type == PT_LOAD && p->p_offset <= e->eh.e_phoff &&
            e->eh.e_phoff < p->p_offset + p->p_filesz) {
            return bias + p->p_vaddr + (e->eh.e_phoff - p->p_offset);
        }
    }
    return 0;
}

/* The PT_INTERP path (NULL if none) in *interp; false with the reason
 * in err if the header is corrupt. */
static bool lu_elf_interp(const LuElf *e, char **interp, char *err, size_t n)
{
    *interp = NULL;
    for (int i = 0; i < e->eh.e_phnum; i++) {
        const Elf32_Phdr *p = &e->ph[i];
        if (p->p_type != PT_INTERP) {
            continue;
        }
        if (p->p_filesz < 2 || p->p_filesz > 4096 ||
            e->data[p->p_offset + p->p_filesz - 1] != 0) {
            return lu_elf_error(err, n, "corrupt PT_INTERP");
        }
        *interp = strdup((const char *)e->data + p->p_offset);
        return true;
    }
    return true;
}

/* For tests and fuzzing: checks an in-memory image as the loader would
 * before mapping it (for the current lu_arch). */
bool lu_elf_check_image(const uint8_t *data, size_t size, char *err, size_t n)
{
    LuElf e = { .path = "image", .fd = -1, .data = (uint8_t *)data, .size = size };
    char *interp = NULL;
    bool ok = size >= sizeof(Elf32_Ehdr) ? lu_elf_validate(&e, err, n) && lu_elf_interp(&e, &interp, err, n)
                                         : lu_elf_error(err, n, "not an ELF file");
    if (ok) {
        uint32_t lo;
        uint64_t hi;
        lu_elf_span(&e, &lo, &hi);
        if (hi - lo > ((uint64_t)1 << 32)) {
            ok = lu_elf_error(err, n, "segments span more than 4 GiB");
        }
    }
    free(interp);
    free(e.ph);
    return ok;
}

bool lu_is_guest_elf(const char *path)
{
    uint8_t h[20];
    int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
    if (fd < 0) {
        return false;
    }
    ssize_t n = pread(fd, h, sizeof(h), 0);
    close(fd);
    if (n != sizeof(h) || memcmp(h, ELFMAG, SELFMAG) != 0 || h[EI_CLASS] != ELFCLASS32) {
        return false;
    }
    uint16_t m = lu_arch->big_endian ? (h[18] << 8) | h[19] : h[18] | (h[19] << 8);
    return m == lu_arch->elf_machine &&
           h[EI_DATA] == (lu_arch->big_endian ? ELFDATA2MSB : ELFDATA2LSB);
}

/* ---- the initial stack ---- */

typedef struct LuStack {
    uint32_t sp;
} LuStack;

static uint32_t lu_push_bytes(LuStack *s, const void *p, size_t n)
{
    s->sp -= n;
    memcpy(g2h(s->sp), p, n);
    return s->sp;
}

static uint32_t lu_push_str(LuStack *s, const char *str)
{
    return lu_push_bytes(s, str, strlen(str) + 1);
}

/* The stack's protection as the kernel gives it: executable when
 * PT_GNU_STACK asks for it (GCC's nested-function trampolines, old JITs)
 * or when the personality has READ_IMPLIES_EXEC. */
static bool lu_elf_exec_stack(const LuElf *e)
{
    for (int i = 0; i < e->eh.e_phnum; i++) {
        if (e->ph[i].p_type == PT_GNU_STACK) {
            return (e->ph[i].p_flags & PF_X) != 0;
        }
    }
    return true;   /* no PT_GNU_STACK: the old default, executable */
}

/* A 32-bit program without PT_GNU_STACK runs with READ_IMPLIES_EXEC
 * (Linux's elf_read_implies_exec for ia32 and ppc32 tasks): every
 * readable mapping is executable. The flag lives in the host
 * personality, so the guest's personality() sees it and it survives
 * execve as on Linux. */
static void lu_elf_set_personality(const LuElf *e)
{
    for (int i = 0; i < e->eh.e_phnum; i++) {
        if (e->ph[i].p_type == PT_GNU_STACK) {
            return;
        }
    }
    int cur = personality(0xffffffff);
    if (cur != -1 && !(cur & READ_IMPLIES_EXEC)) {
        personality((unsigned long)cur | READ_IMPLIES_EXEC);
    }
}

static void lu_build_stack(LuImage *img, char **argv, char **envp, const char *execfn,
                           bool exec_stack)
{
    /* The stack is mapped whole: RLIMIT_STACK (8 MiB when unlimited,
     * at most 256 MiB) instead of growing on demand. */
    struct rlimit rl;
    uint32_t stack_size = 8 << 20;
    if (getrlimit(RLIMIT_STACK, &rl) == 0 && rl.rlim_cur != RLIM_INFINITY) {
        stack_size = rl.rlim_cur < (128 << 10) ? (128 << 10)
                   : rl.rlim_cur > (256u << 20) ? (256u << 20) : (uint32_t)rl.rlim_cur;
        stack_size = (stack_size + TARGET_PAGE_SIZE - 1) & TARGET_PAGE_MASK;
    }
    uint32_t top = lu_arch->stack_top;
    int64_t r = lu_target_mmap(top - stack_size, stack_size,
                               PROT_READ | PROT_WRITE | (exec_stack ? PROT_EXEC : 0),
                               MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED | MAP_NORESERVE, -1, 0);
    if (r < 0) {
        fprintf(stderr, "%s: cannot map the guest stack\n", lu_progname);
        exit(1);
    }
    lu_vma_set_name(top - stack_size, top, "[stack]");
    lu_vma_set_growsdown(top - stack_size, top);
    int argc = 0, envc = 0;
    while (argv[argc]) {
        argc++;
    }
    while (envp[envc]) {
        envc++;
    }
    LuStack s = { top - 16 };
    uint32_t execfn_a = lu_push_str(&s, execfn);
    uint32_t *envs = calloc(envc + 1, 4), *args = calloc(argc + 1, 4);
    for (int i = envc - 1; i >= 0; i--) {
        envs[i] = lu_push_str(&s, envp[i]);
    }
    for (int i = argc - 1; i >= 0; i--) {
        args[i] = lu_push_str(&s, argv[i]);
    }
    uint32_t platform_a = lu_push_str(&s, lu_arch->platform);
    uint8_t rnd[16];
    if (getrandom(rnd, sizeof(rnd), 0) != sizeof(rnd)) {
        memset(rnd, 0x5a, sizeof(rnd));
    }
    s.sp &= ~15u;
    uint32_t random_a = lu_push_bytes(&s, rnd, sizeof(rnd));

    const uint32_t common[][2] = {
        { AT_PHDR, img->phdr }, { AT_PHENT, sizeof(Elf32_Phdr) },
        { AT_PHNUM, img->phnum }, { AT_PAGESZ, TARGET_PAGE_SIZE },
        { AT_BASE, img->interp_base }, { AT_FLAGS, 0 },
        { AT_ENTRY, img->exec_entry }, { AT_UID, getuid() },
        { AT_EUID, geteuid() }, { AT_GID, getgid() }, { AT_EGID, getegid() },
        { AT_SECURE, 0 }, { AT_RANDOM, random_a },
        { AT_HWCAP, lu_arch->hwcap() }, { AT_CLKTCK, (uint32_t)sysconf(_SC_CLK_TCK) },
        { AT_PLATFORM, platform_a }, { AT_EXECFN, execfn_a },
    };
    /* The common entries, then the guest's own (ppc: cache line sizes). */
    uint32_t auxv[32][2];
    int nauxv = 0;
    for (size_t i = 0; i < sizeof(common) / sizeof(common[0]); i++, nauxv++) {
        auxv[nauxv][0] = common[i][0];
        auxv[nauxv][1] = common[i][1];
    }
    for (int i = 0; i < lu_arch->nb_extra_auxv && nauxv < 30; i++, nauxv++) {
        auxv[nauxv][0] = lu_arch->extra_auxv[i][0];
        auxv[nauxv][1] = lu_arch->extra_auxv[i][1];
    }
    uint32_t vdso = lu_arch->map_vdso ? lu_arch->map_vdso() : 0;
    if (vdso) {
        auxv[nauxv][0] = AT_SYSINFO_EHDR;
        auxv[nauxv++][1] = vdso;
    }
    auxv[nauxv][0] = AT_NULL;
    auxv[nauxv][1] = 0;
    nauxv++;
    lu_auxv_size = nauxv * 8;
    lu_auxv = malloc(lu_auxv_size);
    uint32_t words = 1 + argc + 1 + envc + 1 + 2 * nauxv;
    s.sp = (s.sp - words * 4) & ~15u;
    uint32_t p = s.sp;
    lu_st(p, 4, argc);
    p += 4;
    for (int i = 0; i <= argc; i++, p += 4) {
        lu_st(p, 4, args[i]);
    }
    for (int i = 0; i <= envc; i++, p += 4) {
        lu_st(p, 4, envs[i]);
    }
    for (int i = 0; i < nauxv; i++, p += 8) {
        lu_st(p, 4, auxv[i][0]);
        lu_st(p + 4, 4, auxv[i][1]);
        memcpy(lu_auxv + 8 * i, g2h(p), 8);   /* guest byte order */
    }
    img->start_stack = s.sp;
    free(envs);
    free(args);
}

/* Checks e and, if it names one, opens and checks its interpreter (ie)
 * without mapping anything. On failure: false, with the file the message
 * is about in *who and the reason in err. */
static bool lu_elf_prepare(LuElf *e, LuElf *ie, char **interp, const char **who,
                           char *err, size_t n)
{
    *who = e->path;
    if (!lu_elf_validate(e, err, n) || !lu_elf_interp(e, interp, err, n)) {
        return false;
    }
    if (!*interp) {
        return true;
    }
    char buf[4096];
    const char *ip = lu_path(*interp, buf, sizeof(buf));
    if (access(ip, R_OK) != 0) {
        return lu_elf_error(err, n, "cannot open its interpreter %s%s%s: %s", *interp,
                            lu_opts.sysroot ? " (sysroot " : "",
                            lu_opts.sysroot ? lu_opts.sysroot : "", strerror(errno));
    }
    *who = *interp;
    char *iinterp;
    if (!lu_elf_open(ie, ip, *interp, err, n) || !lu_elf_validate(ie, err, n) ||
        !lu_elf_interp(ie, &iinterp, err, n)) {
        return false;
    }
    if (iinterp) {
        free(iinterp);
        return lu_elf_error(err, n, "an interpreter cannot have an interpreter");
    }
    return true;
}

/* Maps e and its interpreter ie (if with_interp), fills img except the
 * stack and sets the brk. On failure as lu_elf_prepare. */
static bool lu_elf_map_all(LuElf *e, LuElf *ie, bool with_interp, LuImage *img,
                           const char **who, char *err, size_t n)
{
    uint32_t brk, ibrk;
    *who = e->path;
    if (!lu_elf_load(e, true, &img->load_bias, &brk, err, n)) {
        return false;
    }
    img->exec_entry = e->eh.e_entry + img->load_bias;
    img->phdr = lu_elf_phdr_addr(e, img->load_bias);
    img->phnum = e->eh.e_phnum;
    img->brk = brk;
    img->entry = img->exec_entry;
    if (with_interp) {
        *who = ie->path;
        if (!lu_elf_load(ie, false, &img->interp_base, &ibrk, err, n)) {
            return false;
        }
        img->entry = ie->eh.e_entry + img->interp_base;
    }
    lu_brk_init(brk);
    return true;
}

void lu_load_program(const char *path, char **argv, char **envp, LuImage *img)
{
    LuElf e = { .fd = -1 }, ie = { .fd = -1 };
    memset(img, 0, sizeof(*img));
    char err[256];
    char *interp = NULL;
    const char *who = path;
    if (!lu_elf_open(&e, path, path, err, sizeof(err)) ||
        !lu_elf_prepare(&e, &ie, &interp, &who, err, sizeof(err))) {
        lu_elf_fail(who, "%s", err);
    }
    lu_elf_set_personality(&e);
    if (!lu_elf_map_all(&e, &ie, interp != NULL, img, &who, err, sizeof(err))) {
        lu_elf_fail(who, "%s", err);
    }
    lu_elf_close(&ie);
    lu_build_stack(img, argv, envp, path,
                   lu_elf_exec_stack(&e) || (personality(0xffffffff) & READ_IMPLIES_EXEC));
    lu_elf_close(&e);
    free(interp);
}

bool lu_elf_load_image_fd(int fd, LuImage *img, char *err, size_t n)
{
    LuElf e = { .path = "image", .fd = fd }, ie = { .fd = -1 };
    memset(img, 0, sizeof(*img));
    char *interp = NULL;
    const char *who;
    bool ok = lu_elf_read_fd(&e, err, n) &&
              lu_elf_prepare(&e, &ie, &interp, &who, err, n) &&
              lu_elf_map_all(&e, &ie, interp != NULL, img, &who, err, n);
    e.fd = -1;          /* the caller's */
    lu_elf_close(&e);
    lu_elf_close(&ie);
    free(interp);
    return ok;
}
