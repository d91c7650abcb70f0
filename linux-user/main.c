/*
 * linux-user's entry: QEMU-style command line, guest environment, guest
 * space and code cache set-up, program loading, and the CPU loop that
 * turns guest exceptions into syscalls and signals.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/auxv.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>
#include "exec/debug.h"
#include "exec/exec-all.h"
#include "gdbstub/gdbstub.h"
#include "exec/user-pages.h"
#include "linux-user/lu-gdb.h"
#include "linux-user/lu.h"
#include "util/log.h"

LuOptions lu_opts;
const LuArch *lu_arch;

/* AT_FLAGS bit the kernel (5.12+) sets for binfmt_misc's P flag. */
#define LU_AT_FLAGS_PRESERVE_ARGV0 1
const char *lu_progname = "mimic";
char **lu_guest_argv;
int lu_guest_argc;

static void lu_usage(FILE *f)
{
    fprintf(f,
            "usage: %s [options] program [arguments...]\n"
            "Runs a Linux %s program on this host.\n\n"
            "Options:\n"
            "  -h, -help            print this help and exit\n"
            "  -version             print the version and exit\n"
            "  -L path              sysroot for the ELF interpreter and absolute paths\n"
            "                       (env QEMU_LD_PREFIX)\n"
            "  -E var=value         set a variable in the guest environment\n"
            "  -U var               remove a variable from the guest environment\n"
            "  -0 argv0             the program's argv[0]\n"
            "  -strace              log each syscall with its arguments and result\n"
            "  -d item[,item...]    debug log (-d help lists the items)\n"
            "  -D file              write the debug log to file\n"
            "  -backend jit|interp  code generator (env MIMIC_BACKEND, default jit)\n"
            "  -g port              wait for gdb on TCP port before the first instruction\n"
            "                       (env QEMU_GDB)\n"
            "  -cpu model           CPU model (env QEMU_CPU; -cpu help lists them)\n",
            lu_progname, lu_arch->name);
}

static _Noreturn void lu_bad_usage(const char *fmt, const char *arg)
{
    fprintf(stderr, "%s: ", lu_progname);
    fprintf(stderr, fmt, arg);
    fprintf(stderr, " (try %s -h)\n", lu_progname);
    exit(1);
}

/* The guest environment: ours, with -U removals and -E additions. */
typedef struct LuEnv {
    char **v;
    int n, cap;
} LuEnv;

static void lu_env_unset(LuEnv *e, const char *name)
{
    size_t len = strlen(name);
    for (int i = 0; i < e->n; i++) {
        if (strncmp(e->v[i], name, len) == 0 && e->v[i][len] == '=') {
            e->v[i] = e->v[--e->n];
            e->v[e->n] = NULL;
            i--;
        }
    }
}

static void lu_env_set(LuEnv *e, char *assign)
{
    char *eq = strchr(assign, '=');
    if (!eq) {
        lu_bad_usage("-E needs var=value, got '%s'", assign);
    }
    char *name = strndup(assign, eq - assign);
    lu_env_unset(e, name);
    free(name);
    if (e->n + 2 > e->cap) {
        e->cap = (e->n + 2) * 2;
        e->v = realloc(e->v, e->cap * sizeof(char *));
    }
    e->v[e->n++] = assign;
    e->v[e->n] = NULL;
}

static void lu_env_init(LuEnv *e)
{
    extern char **environ;
    int n = 0;
    while (environ[n]) {
        n++;
    }
    e->cap = n + 8;
    e->v = calloc(e->cap, sizeof(char *));
    for (e->n = 0; e->n < n; e->n++) {
        e->v[e->n] = environ[e->n];
    }
}

static void lu_pass_option(const char *opt, const char *arg)
{
    lu_opts.passthrough = realloc(lu_opts.passthrough,
                                  (lu_opts.nb_passthrough + 2) * sizeof(char *));
    lu_opts.passthrough[lu_opts.nb_passthrough++] = (char *)opt;
    if (arg) {
        lu_opts.passthrough[lu_opts.nb_passthrough++] = (char *)arg;
    }
}

/* -cpu / QEMU_CPU: the guest's CPU model, passed on to programs the guest
 * executes. */
static void lu_select_cpu(const char *name)
{
    if (!lu_arch->set_cpu_model) {
        return;
    }
    if (!lu_arch->set_cpu_model(name)) {
        lu_bad_usage("unknown CPU model '%s' (-cpu help lists them)", name);
    }
    lu_pass_option("-cpu", name);
}

/* A program name without '/' that is not in the current directory is
 * looked up in PATH, as a shell would. */
static const char *lu_find_program(const char *name)
{
    static char buf[PATH_MAX];
    const char *path = getenv("PATH");
    if (strchr(name, '/') || access(name, F_OK) == 0 || !path) {
        return name;
    }
    while (*path) {
        const char *end = strchr(path, ':');
        size_t len = end ? (size_t)(end - path) : strlen(path);
        if (len && (size_t)snprintf(buf, sizeof(buf), "%.*s/%s", (int)len, path, name) < sizeof(buf) &&
            access(buf, X_OK) == 0) {
            return buf;
        }
        path += len + (end ? 1 : 0);
    }
    return name;
}

static int lu_parse_options(int argc, char **argv, LuEnv *env, const char **argv0,
                            const char **gdb_port)
{
    int i = 1;
    for (; i < argc; i++) {
        const char *o = argv[i];
        if (o[0] != '-') {
            break;
        }
        if (strcmp(o, "--") == 0) {
            i++;
            break;
        }
        if (o[1] == '-') {
            o++;   /* accept --option too */
        }
        bool has_arg = i + 1 < argc;
        if (!strcmp(o, "-h") || !strcmp(o, "-help")) {
            lu_usage(stdout);
            exit(0);
        } else if (!strcmp(o, "-version")) {
            printf("%s version 0.1.0 (Mimic linux-user, %s guest)\n", lu_progname, lu_arch->name);
            exit(0);
        } else if (!strcmp(o, "-strace")) {
            lu_opts.strace = true;
            lu_pass_option("-strace", NULL);
        } else if (!strcmp(o, "-L") || !strcmp(o, "-E") || !strcmp(o, "-U") ||
                   !strcmp(o, "-0") || !strcmp(o, "-d") || !strcmp(o, "-D") ||
                   !strcmp(o, "-backend") || !strcmp(o, "-cpu") || !strcmp(o, "-execfd") ||
                   !strcmp(o, "-g")) {
            if (!has_arg) {
                lu_bad_usage("option '%s' needs an argument", argv[i]);
            }
            char *arg = argv[++i];
            if (!strcmp(o, "-L")) {
                lu_opts.sysroot = arg;
                lu_pass_option("-L", arg);
            } else if (!strcmp(o, "-E")) {
                lu_env_set(env, arg);
            } else if (!strcmp(o, "-U")) {
                lu_env_unset(env, arg);
            } else if (!strcmp(o, "-0")) {
                *argv0 = arg;
            } else if (!strcmp(o, "-g")) {
                *gdb_port = arg;
            } else if (!strcmp(o, "-execfd")) {
                /* Internal: execveat/fexecve of a guest program by fd. */
                char *end;
                long fd = strtol(arg, &end, 10);
                if (*end || fd < 0 || fd > 65535) {
                    lu_bad_usage("bad -execfd '%s'", arg);
                }
                lu_opts.execfd = (int)fd;
            } else if (!strcmp(o, "-d")) {
                if (!strcmp(arg, "help")) {
                    mimic_log_print_help(stdout);
                    exit(0);
                }
                int mask = mimic_log_parse(arg);
                if (mask < 0) {
                    exit(1);
                }
                mimic_log_mask |= mask;
                lu_pass_option("-d", arg);
            } else if (!strcmp(o, "-D")) {
                if (!mimic_log_set_file(arg)) {
                    exit(1);
                }
                lu_pass_option("-D", arg);
            } else if (!strcmp(o, "-cpu")) {
                lu_select_cpu(arg);
            } else if (!strcmp(o, "-backend")) {
                if (strcmp(arg, "jit") && strcmp(arg, "interp")) {
                    lu_bad_usage("unknown backend '%s' (choose jit or interp)", arg);
                }
                lu_opts.backend = arg;
                lu_pass_option("-backend", arg);
            }
        } else {
            lu_bad_usage("unknown option '%s'", argv[i]);
        }
    }
    return i;
}

_Noreturn void lu_cpu_loop(CPUState *cpu)
{
    for (;;) {
        int excp = cpu_exec(cpu);
        if (lu_arch->map_exception) {
            excp = lu_arch->map_exception(cpu, excp);
        }
        if (excp == lu_arch->excp_syscall) {
            lu_do_syscall(cpu);
            if (cpu_single_stepping(cpu)) {
                lu_gdb_handle_debug(cpu);   /* gdb stepped over the syscall */
            }
        } else if (excp == EXCP_DEBUG) {
            lu_gdb_handle_debug(cpu);
        } else if (excp == EXCP_INTERRUPT || excp == EXCP_NONE) {
            /* signals are looked at below */
        } else if (excp >= 0) {
            LuSigInfo si;
            if (lu_arch->exception_to_signal(cpu, excp, &si)) {
                if (lu_ts->bus_fault && excp == lu_arch->excp_page_fault) {
                    si.signo = SIGBUS;
                    si.code = 2;          /* BUS_ADRERR, si_addr the address */
                }
                lu_ts->bus_fault = false;
                lu_queue_signal(lu_ts, &si);
            } else {
                fprintf(stderr, "%s: unhandled guest exception %d at pc 0x%08x\n",
                        lu_progname, excp, lu_arch->get_pc(cpu));
                lu_die_by_signal(SIGILL);
            }
        } else {
            fprintf(stderr, "%s: unexpected CPU loop exit %d at pc 0x%08x\n",
                    lu_progname, excp, lu_arch->get_pc(cpu));
            lu_exit_group(1);
        }
        lu_process_signals(cpu);
    }
}

int lu_main(int argc, char **argv, const LuArch *arch)
{
    LuEnv env;
    const char *argv0 = NULL;
    const char *gdb_port = getenv("QEMU_GDB");
    char exe[PATH_MAX];
    lu_arch = arch;
    const char *slash = strrchr(argv[0], '/');
    lu_progname = slash ? slash + 1 : argv[0];
    lu_opts.execfd = -1;
    lu_opts.sysroot = getenv("QEMU_LD_PREFIX");
    if (lu_opts.sysroot && !*lu_opts.sysroot) {
        lu_opts.sysroot = NULL;
    }
    if (lu_opts.sysroot) {
        lu_pass_option("-L", lu_opts.sysroot);
    }
    lu_env_init(&env);
    const char *cpu_model = getenv("QEMU_CPU");
    if (cpu_model && *cpu_model) {
        lu_select_cpu(cpu_model);
    }
    /* Not inherited by guest programs this one runs under Mimic. */
    lu_env_unset(&env, "QEMU_GDB");
    /* Started by binfmt_misc with the P (preserve argv[0]) or O (open
     * binary) flag: the kernel's arguments are the program's path, then
     * with P its original argv[0]; the rest is the program's own, so no
     * option of ours is parsed (use the QEMU_* environment instead). */
    bool binfmt_argv0 = getauxval(AT_FLAGS) & LU_AT_FLAGS_PRESERVE_ARGV0;
    errno = 0;
    unsigned long binfmt_fd = getauxval(AT_EXECFD);
    bool binfmt = binfmt_argv0 || errno == 0;
    int first;
    if (binfmt) {
        first = 1;
        if (errno == 0) {
            lu_opts.execfd = (int)binfmt_fd;
        }
        if (binfmt_argv0 && argc >= 3) {
            argv0 = argv[2];
            memmove(&argv[2], &argv[3], (size_t)(argc - 3 + 1) * sizeof(char *));
            argc--;
        }
    } else {
        first = lu_parse_options(argc, argv, &env, &argv0, &gdb_port);
    }
    if (first >= argc) {
        fprintf(stderr, "%s: no program given\n", lu_progname);
        lu_usage(stderr);
        return 1;
    }
    if (lu_opts.strace || getenv("QEMU_STRACE")) {
        mimic_log_mask |= LOG_STRACE;
    }
    char fdpath[32];
    const char *prog = lu_find_program(argv[first]);
    if (lu_opts.execfd >= 0) {
        snprintf(fdpath, sizeof(fdpath), "/proc/self/fd/%d", lu_opts.execfd);
        prog = fdpath;
    }
    if (!realpath(prog, exe)) {
        fprintf(stderr, "%s: %s: %s\n", lu_progname, argv[first], strerror(errno));
        return 1;
    }
    lu_opts.exe_path = strdup(exe);
    lu_guest_argc = argc - first;
    lu_guest_argv = calloc(lu_guest_argc + 1, sizeof(char *));
    for (int i = 0; i < lu_guest_argc; i++) {
        lu_guest_argv[i] = argv[first + i];
    }
    if (argv0) {
        lu_guest_argv[0] = (char *)argv0;
    }

    if (!guest_space_reserve()) {
        return 1;
    }
    tcg_exec_init(arch->guest, lu_opts.backend, 0);
    CPUState *cpu = cpu_create(arch->guest);
    lu_ts = lu_task_new(cpu);
    lu_ts->tid = (int)syscall(SYS_gettid);

    LuImage img;
    lu_load_program(prog, lu_guest_argv, env.v, &img);
    if (lu_opts.execfd >= 0) {
        close(lu_opts.execfd);   /* the guest's fd was close-on-exec */
    }
    arch->cpu_init(cpu, img.entry, img.start_stack);
    if (gdb_port && *gdb_port && !lu_gdb_start(gdb_port, img.load_bias)) {
        return 1;
    }
    lu_signal_init();
    if (gdb_attached()) {
        lu_gdb_handle_debug(cpu);   /* stop before the first instruction */
    }
    lu_cpu_loop(cpu);
}
