/*
 * libFuzzer target: linux-user's syscall layer (lu_do_syscall: guest
 * number, hidden descriptors, argument and struct conversion, the
 * handlers) on random arguments, for one guest per binary (FUZZ_GUEST_PPC
 * selects PowerPC, else i386). Pointers are aimed at a read-write area
 * filled from the input, a read-only page, the edge into an unmapped page,
 * unmapped memory and the top of the 4 GiB space. Only calls that cannot
 * block or change the process are drawn (getters, stat family, reads and
 * writes on descriptors that never block, socket queries, ioctl/fcntl
 * queries): a guest value must never make Mimic touch memory outside the
 * guest's mappings (built with AddressSanitizer; a host SIGSEGV is a crash).
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <sys/timerfd.h>
#include <time.h>
#include <unistd.h>
#include "exec/user-pages.h"
#include "linux-user/lu.h"
#include "tests/fuzz/fuzz-lu-arch.h"
#include "linux-user/lu-arch.h"
#include "linux-user/lu-ioctl.h"
#include "linux-user/lu-syscall.h"


/* Guest memory: RW_AREA two read-write pages, RO_PAGE read-only, then an
 * unmapped page. */
#define RW_AREA 0x10000000u
#define RW_SIZE 0x2000u
#define RO_PAGE (RW_AREA + RW_SIZE)
#define HOLE (RO_PAGE + 0x1000u)

/* How an argument is sanitized so that the call cannot block or change
 * the process: its descriptor kind, or a forced value. */
enum { ANY, FD_READ, FD_WRITE, FD_SOCK, FD_ANY, FD_EPOLL, ZERO, DONTWAIT, FCNTL_CMD, IOCTL_CMD };

typedef struct FuzzCall {
    uint16_t id;
    uint8_t arg[6];
} FuzzCall;

static const FuzzCall fuzz_calls[] = {
    { LU_SYS_read, { FD_READ } },
    { LU_SYS_write, { FD_WRITE } },
    { LU_SYS_pread64, { FD_READ } },
    { LU_SYS_readv, { FD_READ } },
    { LU_SYS_writev, { FD_WRITE } },
    { LU_SYS_preadv, { FD_READ } },
    { LU_SYS_fcntl64, { FD_ANY, FCNTL_CMD } },
    { LU_SYS_ioctl, { FD_ANY, IOCTL_CMD } },
    { LU_SYS_stat64, { ANY } }, { LU_SYS_fstat64, { FD_ANY } }, { LU_SYS_statx, { ANY } },
    { LU_SYS_readlink, { ANY } }, { LU_SYS_getcwd, { ANY } },
    { LU_SYS_getdents64, { FD_READ } },
    { LU_SYS_statfs64, { ANY } }, { LU_SYS_fstatfs64, { FD_ANY } },
    { LU_SYS_msync, { ANY } }, { LU_SYS_mincore, { ANY } },
    { LU_SYS_getgroups32, { ANY } },
    { LU_SYS_sched_getaffinity, { ZERO } },
    { LU_SYS_uname, { ANY } }, { LU_SYS_sysinfo, { ANY } },
    { LU_SYS_prlimit64, { ZERO, ANY, ZERO } },
    { LU_SYS_getrusage, { ANY } }, { LU_SYS_times, { ANY } }, { LU_SYS_gettimeofday, { ANY } },
    { LU_SYS_clock_gettime64, { ANY } }, { LU_SYS_clock_getres, { ANY } },
    { LU_SYS_sigaltstack, { ANY } }, { LU_SYS_getitimer, { ANY } },
    { LU_SYS_poll, { ANY, ANY, ZERO } },
    { LU_SYS_getsockname, { FD_SOCK } },
    { LU_SYS_getsockopt, { FD_SOCK } },
    { LU_SYS_recvmsg, { FD_SOCK, ANY, DONTWAIT } },
    { LU_SYS_capget, { ANY } },
    { LU_SYS_epoll_wait, { FD_EPOLL, ANY, ANY, ZERO } },
    { LU_SYS_epoll_pwait, { FD_EPOLL, ANY, ANY, ZERO } },
    { LU_SYS_rt_sigpending, { ANY } }, { LU_SYS_sigpending, { ANY } },
    { LU_SYS_getresuid32, { ANY } }, { LU_SYS_getpeername, { FD_SOCK } },
    { LU_SYS_access, { ANY } }, { LU_SYS_faccessat, { ANY } },
    { LU_SYS_getxattr, { ANY } }, { LU_SYS_lgetxattr, { ANY } }, { LU_SYS_listxattr, { ANY } },
    { LU_SYS_readlinkat, { ANY } }, { LU_SYS_fstatat64, { ANY } }, { LU_SYS_time, { ANY } },
    { LU_SYS_sched_getparam, { ZERO } }, { LU_SYS_sched_rr_get_interval, { ZERO } },
    { LU_SYS_timerfd_gettime, { FD_READ } }, { LU_SYS_timerfd_gettime64, { FD_READ } },
    { LU_SYS_olduname, { ANY } },
};
#define NB_CALLS (sizeof(fuzz_calls) / sizeof(fuzz_calls[0]))

/* Descriptors: read side (never blocks), write side, sockets, epoll. */
static int fd_read[5], fd_write[3], fd_sock[2], fd_epoll;

static uint32_t fuzz_nr, fuzz_args[6];
static LuArch fuzz_arch;

static void fuzz_get_syscall(CPUState *cpu, uint32_t *nr, uint32_t args[6])
{
    *nr = fuzz_nr;
    memcpy(args, fuzz_args, sizeof(fuzz_args));
}

static void fuzz_set_result(CPUState *cpu, int32_t ret)
{
}

static uint32_t guest_nr_of(uint16_t id)
{
    for (uint32_t nr = 0; nr < fuzz_arch.nb_syscall_ids; nr++) {
        if (fuzz_arch.syscall_ids[nr] == id) {
            return nr;
        }
    }
    return UINT32_MAX;
}

static void fuzz_init(void)
{
    int p[2], s[2];

    fuzz_arch = FUZZ_LU_ARCH;
    fuzz_arch.get_syscall = fuzz_get_syscall;
    fuzz_arch.set_syscall_result = fuzz_set_result;
    lu_arch = &fuzz_arch;
    if (!guest_space_reserve()) {
        abort();
    }
    tcg_exec_init(fuzz_arch.guest, "interp", 0);
    CPUState *cpu = cpu_create(fuzz_arch.guest);
    lu_ts = lu_task_new(cpu);
    lu_ts->tid = (int)getpid();
    if (lu_target_mmap(RW_AREA, RW_SIZE + 0x1000, 3, 0x32, -1, 0) != RW_AREA ||
        lu_target_mprotect(RO_PAGE, 0x1000, 1) != 0) {
        abort();
    }
    /* Never blocking: /dev/zero, a pipe and a socket with O_NONBLOCK, a
     * directory; writes go to /dev/null, the pipe, the socket. */
    if (pipe2(p, O_NONBLOCK) || socketpair(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK, 0, s)) {
        abort();
    }
    fd_read[0] = open("/dev/zero", O_RDONLY);
    fd_read[1] = p[0];
    fd_read[2] = s[0];
    fd_read[3] = open("/", O_RDONLY | O_DIRECTORY);
    fd_read[4] = timerfd_create(CLOCK_MONOTONIC, TFD_NONBLOCK);
    fd_epoll = epoll_create1(0);
    struct epoll_event ev = { .events = EPOLLIN | EPOLLOUT };
    epoll_ctl(fd_epoll, EPOLL_CTL_ADD, p[0], &ev);
    epoll_ctl(fd_epoll, EPOLL_CTL_ADD, p[1], &ev);
    fd_write[0] = open("/dev/null", O_WRONLY);
    fd_write[1] = p[1];
    fd_write[2] = s[1];
    fd_sock[0] = s[0];
    fd_sock[1] = s[1];
}

/* A pointer-ish or plain value from a kind byte and 32 random bits. */
static uint32_t fuzz_value(uint8_t kind, uint32_t v)
{
    switch (kind % 8) {
    case 1: return RW_AREA + v % RW_SIZE;
    case 2: return RO_PAGE + v % 0x1000;
    case 3: return HOLE - v % 64;              /* runs into the hole */
    case 4: return v & 1 ? 0 : HOLE + v % 0x1000;
    case 5: return 0xffffffffu - v % 256;      /* the top of the space */
    case 6: return v % 64;
    default: return v;
    }
}

/* A query ioctl (none that sets anything) in the guest's numbering. */
static uint32_t fuzz_ioctl_cmd(uint32_t v)
{
    static const uint16_t queries[] = {
        LU_IOC_TCGETS, LU_IOC_TIOCGPGRP, LU_IOC_TIOCGWINSZ, LU_IOC_FIONREAD,
        LU_IOC_TIOCGSID, LU_IOC_TIOCOUTQ, LU_IOC_BLKGETSIZE64, LU_IOC_BLKSSZGET,
        LU_IOC_SIOCGIFCONF, LU_IOC_SIOCGIFFLAGS, LU_IOC_SIOCGIFADDR, LU_IOC_SIOCGIFMTU,
        LU_IOC_SIOCGIFHWADDR, LU_IOC_SIOCGIFNAME, LU_IOC_FIOGETOWN, LU_IOC_TIOCMGET,
    };
    uint16_t id = queries[v % (sizeof(queries) / sizeof(queries[0]))];
    for (unsigned i = 0; i < fuzz_arch.nb_ioctls; i++) {
        if (fuzz_arch.ioctls[i].id == id) {
            return fuzz_arch.ioctls[i].guest_cmd;
        }
    }
    return 0;
}

static uint32_t fuzz_sanitize(uint8_t how, uint32_t v)
{
    static const uint32_t fcntl_cmds[] = { 1, 3, 5, 9, 11, 12, 16, 1032 };
    switch (how) {
    case FD_READ: return (uint32_t)fd_read[v % 5];
    case FD_WRITE: return (uint32_t)fd_write[v % 3];
    case FD_SOCK: return (uint32_t)fd_sock[v % 2];
    case FD_ANY: return v & 1 ? (uint32_t)fd_read[v / 2 % 5] : (uint32_t)fd_write[v / 2 % 3];
    case FD_EPOLL: return (uint32_t)fd_epoll;
    case ZERO: return 0;
    case DONTWAIT: return v | MSG_DONTWAIT;
    case FCNTL_CMD: return fcntl_cmds[v % 8];
    case IOCTL_CMD: return fuzz_ioctl_cmd(v);
    default: return v;
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static int ready;
    uint8_t head[31] = { 0 };

    if (!ready) {
        fuzz_init();
        ready = 1;
    }
    memcpy(head, data, size < sizeof(head) ? size : sizeof(head));
    const FuzzCall *c = &fuzz_calls[head[0] % NB_CALLS];
    fuzz_nr = guest_nr_of(c->id);
    if (fuzz_nr == UINT32_MAX) {
        return 0;
    }
    for (int i = 0; i < 6; i++) {
        uint32_t v;
        memcpy(&v, &head[1 + 5 * i + 1], 4);
        fuzz_args[i] = fuzz_sanitize(c->arg[i], fuzz_value(head[1 + 5 * i], v));
    }
    /* The rest of the input is the read-write area (structs, iovecs,
     * paths the pointers point at). */
    memset(g2h(RW_AREA), 0, RW_SIZE);
    if (size > sizeof(head)) {
        size_t n = size - sizeof(head);
        memcpy(g2h(RW_AREA), data + sizeof(head), n < RW_SIZE ? n : RW_SIZE);
    }
    lu_do_syscall(lu_ts->cpu);
    return 0;
}
