/*
 * The command line of the system-mode programs, QEMU's options: one table
 * of options (name, whether it takes an argument, handler). A bad option
 * or value prints one line and exits with status 1.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "softmmu/options.h"
#include "sysemu/sysemu.h"
#include "util/log.h"

SysOptions sys_opts;
const char *sys_progname = "mimic-system-i386";

#define MIB (1024ull * 1024)
#define SYS_RAM_MIN (2 * MIB)
#define SYS_RAM_MAX (3584 * MIB)      /* below the PCI/APIC/BIOS area */

_Noreturn void sys_bad_usage(const char *fmt, const char *arg)
{
    fprintf(stderr, "%s: ", sys_progname);
    fprintf(stderr, fmt, arg);
    fprintf(stderr, " (try %s -h)\n", sys_progname);
    exit(1);
}

static void sys_usage(FILE *f)
{
    fprintf(f,
            "usage: %s [options]\n"
            "Runs a PC (i386) machine.\n\n"
            "  -h, -help               print this help and exit\n"
            "  -version                print the version and exit\n"
            "  -m SIZE                 RAM in MiB (suffixes M, G; default 128)\n"
            "  -kernel FILE            Linux bzImage or multiboot v1 ELF kernel\n"
            "  -initrd FILE            initial ram disk (multiboot: modules, comma-separated)\n"
            "  -append CMDLINE         kernel command line\n"
            "  -bios FILE              raw firmware image, mapped below 4 GiB\n"
            "  -cpu MODEL              CPU model (-cpu help lists them)\n"
            "  -M, -machine pc|isapc   the board (isapc: no local APIC)\n"
            "  -accel tcg|kaccel       the translator (default), or guest user code run\n"
            "                          natively by /dev/kaccel (docs/kaccel.md)\n"
            "  -nographic              no display: serial port on stdio, Ctrl-A h for keys\n"
            "  -display none           no display\n"
            "  -device isa-debug-exit[,iobase=P][,iosize=N]  place the test exit port (-device help)\n"
            "  -serial DEV             COM1, COM2... (stdio, file:PATH, none, null)\n"
            "  -debugcon DEV           debug console at port 0xe9\n"
            "  -no-reboot              exit (status 0) when the guest resets\n"
            "  -d item[,item...]       debug log (-d help lists the items)\n"
            "  -D FILE                 write the debug log to FILE\n"
            "  -backend jit|interp     code generator (env MIMIC_BACKEND, default jit)\n"
            "  -gdb tcp::PORT          wait for gdb on TCP port PORT (all addresses)\n"
            "  -s                      shorthand for -gdb tcp::1234\n"
            "  -S                      freeze the CPU at start-up until gdb continues it\n",
            sys_progname);
}

/* "256", "256M", "1G", "size=256M": bytes, or 0 if malformed. */
static uint64_t sys_parse_size(const char *s)
{
    char *end;
    unsigned long long v;
    uint64_t mult = MIB;

    if (!strncmp(s, "size=", 5)) {
        s += 5;
    }
    if (*s < '0' || *s > '9') {
        return 0;
    }
    v = strtoull(s, &end, 10);
    if (*end) {
        switch (*end) {
        case 'k': case 'K': mult = 1024; break;
        case 'm': case 'M': mult = MIB; break;
        case 'g': case 'G': mult = 1024 * MIB; break;
        default: return 0;
        }
        if (end[1] && strcmp(end + 1, "B") && strcmp(end + 1, "iB")) {
            return 0;
        }
    }
    if (v > (1ull << 40) / mult) {
        return 0;
    }
    return v * mult;
}

static void opt_m(const char *arg)
{
    uint64_t size = sys_parse_size(arg);

    if (!size) {
        sys_bad_usage("bad memory size '%s' (e.g. -m 256 or -m 1G)", arg);
    }
    if (size < SYS_RAM_MIN || size > SYS_RAM_MAX) {
        sys_bad_usage("memory size '%s' out of range (2 MiB to 3584 MiB)", arg);
    }
    sys_opts.ram_size = size;
}

static void opt_kernel(const char *arg) { sys_opts.kernel = arg; }
static void opt_initrd(const char *arg) { sys_opts.initrd = arg; }
static void opt_append(const char *arg) { sys_opts.append = arg; }
static void opt_bios(const char *arg) { sys_opts.bios = arg; }
static void opt_cpu(const char *arg) { sys_opts.cpu_model = arg; }
static void opt_nographic(const char *arg) { sys_opts.nographic = true; }
static void opt_no_reboot(const char *arg) { sys_opts.no_reboot = true; }
static void opt_debugcon(const char *arg) { sys_opts.debugcon = arg; }

static void opt_machine(const char *arg)
{
    char name[32];
    size_t len = strcspn(arg, ",");

    if (!strcmp(arg, "help")) {
        printf("Supported machines are:\n"
               "pc                   Standard PC (the default)\n"
               "isapc                ISA-only PC (no local APIC)\n");
        exit(0);
    }
    if (!strncmp(arg, "type=", 5)) {
        arg += 5;
        len = strcspn(arg, ",");
    }
    snprintf(name, sizeof(name), "%.*s", (int)(len < sizeof(name) ? len : 0), arg);
    if (strcmp(name, "pc") && strcmp(name, "isapc")) {
        sys_bad_usage("unsupported machine type '%s' (use -machine help)", arg);
    }
    if (arg[len]) {
        sys_bad_usage("machine properties are not supported: '%s'", arg);
    }
    sys_opts.machine = !strcmp(name, "pc") ? "pc" : "isapc";
}

static void opt_accel(const char *arg)
{
    if (!strcmp(arg, "tcg") || !strcmp(arg, "kaccel")) {
        sys_opts.kaccel = arg[0] == 'k';
        return;
    }
    sys_bad_usage("unknown accelerator '%s' (use tcg or kaccel)", arg);
}

/* A number as QEMU's properties take it (0x hex, else decimal). */
static bool opt_parse_u16(const char *s, size_t len, uint16_t *out)
{
    char buf[16], *end;
    if (len == 0 || len >= sizeof(buf)) {
        return false;
    }
    memcpy(buf, s, len);
    buf[len] = 0;
    unsigned long v = strtoul(buf, &end, 0);
    if (*end || v > 0xffff) {
        return false;
    }
    *out = (uint16_t)v;
    return true;
}

/* -device: the PC's devices are fixed; isa-debug-exit may be placed
 * (the usual test setup: -device isa-debug-exit,iobase=0xf4,iosize=0x04). */
static void opt_device(const char *arg)
{
    size_t len = strcspn(arg, ",");
    if (!strcmp(arg, "help")) {
        printf("Devices that -device accepts (the rest of the PC is built in):\n"
               "isa-debug-exit       iobase=PORT (0x501), iosize=N (2): writing v exits "
               "with status (v << 1) | 1\n");
        exit(0);
    }
    char name[64];
    snprintf(name, sizeof(name), "%.*s", (int)(len < sizeof(name) ? len : sizeof(name) - 1), arg);
    if (strcmp(name, "isa-debug-exit")) {
        sys_bad_usage("-device '%s': no such device on this PC (-device help lists them)", name);
    }
    uint16_t iobase = 0x501, iosize = 2;
    for (const char *p = arg + len; *p == ',';) {
        const char *prop = p + 1;
        size_t plen = strcspn(prop, ",");
        const char *eq = memchr(prop, '=', plen);
        uint16_t *dst = NULL;
        if (eq && eq - prop == 6 && !strncmp(prop, "iobase", 6)) {
            dst = &iobase;
        } else if (eq && eq - prop == 6 && !strncmp(prop, "iosize", 6)) {
            dst = &iosize;
        }
        if (!dst || !opt_parse_u16(eq + 1, plen - (size_t)(eq + 1 - prop), dst)) {
            char bad[64];
            snprintf(bad, sizeof(bad), "%.*s", (int)(plen < sizeof(bad) ? plen : sizeof(bad) - 1),
                     prop);
            sys_bad_usage("-device isa-debug-exit: bad property '%s' (iobase=, iosize=)", bad);
        }
        p = prop + plen;
    }
    if (iosize == 0 || iosize > 4 || (uint32_t)iobase + iosize > 0x10000) {
        sys_bad_usage("-device isa-debug-exit: %s", "iosize must be 1 to 4 within the port space");
    }
    sys_opts.debugexit_set = true;
    sys_opts.debugexit_iobase = iobase;
    sys_opts.debugexit_iosize = iosize;
}

static void opt_display(const char *arg)
{
    if (strcmp(arg, "none")) {
        sys_bad_usage("display '%s' is not supported (only -display none)", arg);
    }
}

static void opt_serial(const char *arg)
{
    if (sys_opts.nb_serial >= SYS_MAX_SERIAL) {
        sys_bad_usage("too many -serial options (at most 4): '%s'", arg);
    }
    sys_opts.serial[sys_opts.nb_serial++] = arg;
}

static void opt_log(const char *arg)
{
    if (!strcmp(arg, "help")) {
        mimic_log_print_help(stdout);
        exit(0);
    }
    int mask = mimic_log_parse(arg);
    if (mask < 0) {
        exit(1);
    }
    mimic_log_mask |= mask;
}

static void opt_log_file(const char *arg)
{
    if (!mimic_log_set_file(arg)) {
        exit(1);
    }
}

static void opt_backend(const char *arg)
{
    if (strcmp(arg, "jit") && strcmp(arg, "interp")) {
        sys_bad_usage("unknown backend '%s' (choose jit or interp)", arg);
    }
    sys_opts.backend = arg;
}

/* -gdb tcp::PORT (QEMU's chardev form; also tcp:0.0.0.0:PORT and a bare
 * PORT). The stub listens on all addresses, as QEMU's tcp::PORT does, so
 * a named host other than 0.0.0.0 is refused rather than widened. */
static void opt_gdb(const char *arg)
{
    const char *port = arg;
    char *end;

    if (!strncmp(arg, "tcp::", 5)) {
        port = arg + 5;
    } else if (!strncmp(arg, "tcp:0.0.0.0:", 12)) {
        port = arg + 12;
    } else if (!strncmp(arg, "tcp:", 4)) {
        sys_bad_usage("-gdb '%s': only tcp::PORT (all addresses) is supported", arg);
    }
    long n = strtol(port, &end, 10);
    if (!*port || *end || n <= 0 || n > 65535) {
        sys_bad_usage("-gdb '%s': expected tcp::PORT with a TCP port number", arg);
    }
    sys_opts.gdb_port = (int)n;
}

static void opt_gdb_default(const char *arg)
{
    sys_opts.gdb_port = 1234;      /* -s is -gdb tcp::1234 */
}

static void opt_freeze(const char *arg)
{
    sys_opts.gdb_wait = true;
}

static void opt_help(const char *arg)
{
    sys_usage(stdout);
    exit(0);
}

static void opt_version(const char *arg)
{
    printf("%s version 0.1.0 (Mimic system emulator, i386 PC)\n", sys_progname);
    exit(0);
}

typedef struct SysOption {
    const char *name;
    bool has_arg;
    void (*handle)(const char *arg);
} SysOption;

static const SysOption sys_options[] = {
    { "-h", false, opt_help },
    { "-help", false, opt_help },
    { "-version", false, opt_version },
    { "-m", true, opt_m },
    { "-kernel", true, opt_kernel },
    { "-initrd", true, opt_initrd },
    { "-append", true, opt_append },
    { "-bios", true, opt_bios },
    { "-cpu", true, opt_cpu },
    { "-M", true, opt_machine },
    { "-machine", true, opt_machine },
    { "-accel", true, opt_accel },
    { "-nographic", false, opt_nographic },
    { "-display", true, opt_display },
    { "-device", true, opt_device },
    { "-serial", true, opt_serial },
    { "-debugcon", true, opt_debugcon },
    { "-no-reboot", false, opt_no_reboot },
    { "-d", true, opt_log },
    { "-D", true, opt_log_file },
    { "-backend", true, opt_backend },
    { "-s", false, opt_gdb_default },
    { "-S", false, opt_freeze },
    { "-gdb", true, opt_gdb },
};

void sys_parse_options(int argc, char **argv)
{
    const char *env_backend = getenv("MIMIC_BACKEND");

    sys_opts.ram_size = 128 * MIB;
    sys_opts.machine = "pc";
    sys_opts.backend = env_backend && *env_backend ? env_backend : "jit";
    for (int i = 1; i < argc; i++) {
        const char *o = argv[i];
        const SysOption *opt = NULL;

        if (o[0] != '-' || !o[1]) {
            sys_bad_usage("unexpected argument '%s' (options start with -)", o);
        }
        if (o[1] == '-') {
            o++;    /* --option is -option */
        }
        for (size_t k = 0; k < sizeof(sys_options) / sizeof(sys_options[0]); k++) {
            if (!strcmp(o, sys_options[k].name)) {
                opt = &sys_options[k];
                break;
            }
        }
        if (!opt) {
            sys_bad_usage("unknown option '%s'", argv[i]);
        }
        const char *arg = NULL;
        if (opt->has_arg) {
            if (i + 1 >= argc) {
                sys_bad_usage("option '%s' needs an argument", argv[i]);
            }
            arg = argv[++i];
        }
        opt->handle(arg);
    }
    if (strcmp(sys_opts.backend, "jit") && strcmp(sys_opts.backend, "interp")) {
        sys_bad_usage("unknown backend '%s' in MIMIC_BACKEND (choose jit or interp)",
                      sys_opts.backend);
    }
    if (sys_opts.gdb_wait && !sys_opts.gdb_port) {
        /* QEMU would wait for its monitor's "cont"; there is no monitor. */
        sys_bad_usage("%s: -S waits for gdb: give -s or -gdb tcp::PORT too", "-S");
    }
}
