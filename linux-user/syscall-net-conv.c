/*
 * Socket calls whose arguments carry guest-order integers: socket
 * addresses (sa_family and a few host-order members), socklen_t pointers
 * and option values (ints, timevals, option numbers that differ per ABI).
 * Written once for every guest; for i386 every conversion is the identity.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <unistd.h>
#include "exec/user-pages.h"
#include "linux-user/lu.h"
#include "linux-user/lu-conv.h"
#include "linux-user/lu-syscall.h"

#define F(id_, size_, off_) { .id = (id_), .size = (size_), .off = (off_) }

static int64_t host_ret(long r)
{
    return r < 0 ? -(int64_t)lu_errno(errno) : r;
}

static int64_t safe_ret(long r)
{
    return r < 0 && r > -4096 ? -(int64_t)lu_errno((int)-r) : r;
}

/*
 * The integer members of socket addresses that are not in network byte
 * order (the same offsets in every ABI; only their byte order follows
 * the guest). Everything else in a sockaddr is bytes.
 */
static const LuLayout lu_sa_plain = { 2, 1, { F(0, 2, 0) } };
/* sockaddr_in6: sin6_scope_id */
static const LuLayout lu_sa_in6 = { 28, 2, { F(0, 2, 0), F(1, 4, 24) } };
/* sockaddr_nl: nl_pid, nl_groups */
static const LuLayout lu_sa_nl = { 12, 3, { F(0, 2, 0), F(1, 4, 4), F(2, 4, 8) } };
/* sockaddr_ll: sll_ifindex, sll_hatype */
static const LuLayout lu_sa_ll = { 20, 3, { F(0, 2, 0), F(1, 4, 4), F(2, 2, 8) } };

static const LuLayout *lu_sockaddr_layout(int family)
{
    switch (family) {
    case AF_INET6: return &lu_sa_in6;
    case AF_NETLINK: return &lu_sa_nl;
    case AF_PACKET: return &lu_sa_ll;
    default: return &lu_sa_plain;
    }
}

/* A guest socket address -> host (same bytes, host-order integers). */
static int lu_sockaddr_in(uint32_t g, uint32_t len, struct sockaddr_storage *h)
{
    if (len > sizeof(*h)) {
        return -EINVAL;
    }
    memset(h, 0, sizeof(*h));
    if (lu_copy_from_guest(h, g, len) < 0) {
        return -EFAULT;
    }
    if (len >= 2) {
        uint16_t fam = (uint16_t)lu_ld(g, 2);
        lu_swap_layout(lu_sockaddr_layout(fam), (uint8_t *)h, len);
    }
    return 0;
}

/* Writes a host socket address to the guest buffer g whose size is in
 * the guest socklen_t at ulen: truncated to that size, with the full
 * length stored back, as the kernel does. */
static int lu_sockaddr_out(uint32_t g, uint32_t ulen, uint32_t avail,
                           const struct sockaddr_storage *h, socklen_t hlen)
{
    uint8_t b[sizeof(*h)];
    uint32_t n = hlen < avail ? hlen : avail;
    if (n > sizeof(b)) {
        n = sizeof(b);
    }
    memcpy(b, h, sizeof(b));
    lu_swap_layout(lu_sockaddr_layout(h->ss_family), b, hlen);
    if (n && lu_copy_to_guest(g, b, n) < 0) {
        return -EFAULT;
    }
    return lu_put_u32(ulen, hlen);
}

/* Reads the guest socklen_t at ulen (the size of the buffer). */
static int lu_get_socklen(uint32_t ulen, uint32_t *len)
{
    if (lu_get_u32(ulen, len) < 0) {
        return -EFAULT;
    }
    if ((int32_t)*len < 0) {
        return -EINVAL;
    }
    return 0;
}

int64_t lu_conv_bind(const uint32_t *a)
{
    struct sockaddr_storage h;
    int r = lu_sockaddr_in(a[1], a[2], &h);
    if (r < 0) {
        return r;
    }
    return host_ret(bind((int)a[0], (struct sockaddr *)&h, a[2]));
}

int64_t lu_conv_connect(const uint32_t *a)
{
    struct sockaddr_storage h;
    int r = lu_sockaddr_in(a[1], a[2], &h);
    if (r < 0) {
        return r;
    }
    return safe_ret(lu_safe_syscall(SYS_connect, (int)a[0], (long)&h, a[2], 0, 0, 0));
}

/* accept4/getsockname/getpeername: an address out through (addr, lenp). */
static int64_t lu_addr_out_call(int nr, int fd, uint32_t uaddr, uint32_t ulen, int flags,
                                bool safe)
{
    struct sockaddr_storage h;
    socklen_t hlen = sizeof(h);
    uint32_t avail = 0;
    if (uaddr) {
        int e = lu_get_socklen(ulen, &avail);
        if (e < 0) {
            return e;
        }
    }
    memset(&h, 0, sizeof(h));
    long r;
    if (safe) {
        r = safe_ret(lu_safe_syscall(nr, fd, uaddr ? (long)&h : 0, uaddr ? (long)&hlen : 0,
                                     flags, 0, 0));
    } else {
        r = host_ret(syscall(nr, fd, uaddr ? &h : NULL, uaddr ? &hlen : NULL));
    }
    if (r < 0 || !uaddr) {
        return r;
    }
    if (lu_sockaddr_out(uaddr, ulen, avail, &h, hlen) < 0) {
        return -EFAULT;
    }
    return r;
}

int64_t lu_conv_accept(const uint32_t *a)
{
    return lu_addr_out_call(SYS_accept4, (int)a[0], a[1], a[2], 0, true);
}

int64_t lu_conv_accept4(const uint32_t *a)
{
    return lu_addr_out_call(SYS_accept4, (int)a[0], a[1], a[2], (int)a[3], true);
}

int64_t lu_conv_getsockname(const uint32_t *a)
{
    return lu_addr_out_call(SYS_getsockname, (int)a[0], a[1], a[2], 0, false);
}

int64_t lu_conv_getpeername(const uint32_t *a)
{
    return lu_addr_out_call(SYS_getpeername, (int)a[0], a[1], a[2], 0, false);
}

int64_t lu_conv_sendto(const uint32_t *a)
{
    struct sockaddr_storage h;
    if (a[2] && !lu_access_ok(a[1], a[2], false)) {
        return -EFAULT;
    }
    if (a[4]) {
        int r = lu_sockaddr_in(a[4], a[5], &h);
        if (r < 0) {
            return r;
        }
    }
    return safe_ret(lu_safe_syscall(SYS_sendto, (int)a[0], a[1] ? (long)g2h(a[1]) : 0, a[2],
                                    (int)a[3], a[4] ? (long)&h : 0, a[4] ? a[5] : 0));
}

int64_t lu_conv_recvfrom(const uint32_t *a)
{
    struct sockaddr_storage h;
    socklen_t hlen = sizeof(h);
    uint32_t avail = 0;
    if (a[2] && !lu_access_ok(a[1], a[2], true)) {
        return -EFAULT;
    }
    if (a[4]) {
        int e = lu_get_socklen(a[5], &avail);
        if (e < 0) {
            return e;
        }
    }
    memset(&h, 0, sizeof(h));
    long r = safe_ret(lu_safe_syscall(SYS_recvfrom, (int)a[0], a[1] ? (long)g2h(a[1]) : 0,
                                      a[2], (int)a[3], a[4] ? (long)&h : 0,
                                      a[4] ? (long)&hlen : 0));
    if (r >= 0 && a[4] && lu_sockaddr_out(a[4], a[5], avail, &h, hlen) < 0) {
        return -EFAULT;
    }
    return r;
}

/* ---- socket options ---- */

#define LU_SO_RCVTIMEO_OLD 20   /* host numbers (asm-generic/socket.h) */
#define LU_SO_SNDTIMEO_OLD 21
#define LU_SO_BINDTODEVICE 25
#define LU_SO_ATTACH_FILTER 26
#define LU_SO_PEERNAME 28
#define LU_SO_PEERSEC 31
#define LU_SO_RCVTIMEO_NEW 66
#define LU_SO_SNDTIMEO_NEW 67

/* Value shapes: 32-bit words in host order except the ones listed. */
static const LuLayout lu_opt_words = { 4, 1, { F(0, 4, 0) } };    /* repeated */
static const LuLayout lu_opt_time64 = { 16, 2, { F(0, 8, 0), F(1, 8, 8) } };
static const LuLayout lu_opt_mreqn = { 12, 1, { F(0, 4, 8) } };    /* ip_mreqn ifindex */
static const LuLayout lu_opt_mreq6 = { 20, 1, { F(0, 4, 16) } };   /* ipv6_mreq ifindex */
static const LuLayout lu_opt_none = { 0, 0, { { 0 } } };

/* How an option value's integers are laid out (NULL: as bytes). */
static const LuLayout *lu_sockopt_layout(int level, int name, uint32_t len)
{
    switch (level) {
    case SOL_SOCKET:
        switch (name) {
        case LU_SO_BINDTODEVICE: case LU_SO_PEERNAME: case LU_SO_PEERSEC:
        case LU_SO_ATTACH_FILTER:
            return &lu_opt_none;
        case LU_SO_RCVTIMEO_NEW: case LU_SO_SNDTIMEO_NEW:
            return &lu_opt_time64;
        }
        break;
    case IPPROTO_IP:
        switch (name) {
        case IP_OPTIONS: case IP_PKTOPTIONS:
            return &lu_opt_none;
        case IP_MULTICAST_IF: case IP_ADD_MEMBERSHIP: case IP_DROP_MEMBERSHIP:
            return len >= 12 ? &lu_opt_mreqn : &lu_opt_none;
        case IP_ADD_SOURCE_MEMBERSHIP: case IP_DROP_SOURCE_MEMBERSHIP:
        case IP_BLOCK_SOURCE: case IP_UNBLOCK_SOURCE:
            return &lu_opt_none;
        }
        break;
    case IPPROTO_IPV6:
        switch (name) {
        case IPV6_ADD_MEMBERSHIP: case IPV6_DROP_MEMBERSHIP:
            return &lu_opt_mreq6;
        }
        break;
    case IPPROTO_TCP:
        if (name == TCP_CONGESTION || name == TCP_ULP) {
            return &lu_opt_none;
        }
        break;
    }
    return (len % 4) ? &lu_opt_none : &lu_opt_words;
}

static void lu_sockopt_swap(int level, int name, uint8_t *b, uint32_t len)
{
    const LuLayout *l = lu_sockopt_layout(level, name, len);
    if (l == &lu_opt_words) {
        for (uint32_t off = 0; off + 4 <= len; off += 4) {
            if (lu_arch->big_endian) {
                uint32_t w;
                memcpy(&w, b + off, 4);
                w = __builtin_bswap32(w);
                memcpy(b + off, &w, 4);
            }
        }
        return;
    }
    lu_swap_layout(l, b, len);
}

static int lu_so_name(int level, int name)
{
    return level == SOL_SOCKET ? (int)lu_value_to_host(lu_arch->so_names, (uint32_t)name) : name;
}

static bool lu_is_old_timeval(int level, int hname)
{
    return level == SOL_SOCKET && (hname == LU_SO_RCVTIMEO_OLD || hname == LU_SO_SNDTIMEO_OLD);
}

#define LU_MAX_SOCKOPT (64 * 1024)

int64_t lu_conv_setsockopt(const uint32_t *a)
{
    int level = (int)a[1], name = lu_so_name(level, (int)a[2]);
    uint32_t len = a[4];
    if (lu_is_old_timeval(level, name)) {
        uint64_t v[2];
        struct timeval tv;
        if (len < lu_struct_size(LU_ST_TIMEVAL)) {
            return -EINVAL;
        }
        if (lu_get_struct(LU_ST_TIMEVAL, a[3], v) < 0) {
            return -EFAULT;
        }
        tv.tv_sec = (int64_t)v[LU_TS_SEC];
        tv.tv_usec = (int64_t)v[LU_TS_NSEC];
        return host_ret(setsockopt((int)a[0], level, name, &tv, sizeof(tv)));
    }
    if (len > LU_MAX_SOCKOPT) {
        return -EINVAL;
    }
    uint8_t *b = malloc(len ? len : 1);
    if (len && lu_copy_from_guest(b, a[3], len) < 0) {
        free(b);
        return -EFAULT;
    }
    lu_sockopt_swap(level, name, b, len);
    long r = setsockopt((int)a[0], level, name, a[3] ? b : NULL, len);
    int e = errno;
    free(b);
    return r < 0 ? -lu_errno(e) : r;
}

int64_t lu_conv_getsockopt(const uint32_t *a)
{
    int level = (int)a[1], name = lu_so_name(level, (int)a[2]);
    uint32_t glen;
    if (lu_get_u32(a[4], &glen) < 0) {
        return -EFAULT;
    }
    if ((int32_t)glen < 0) {
        return -EINVAL;
    }
    if (lu_is_old_timeval(level, name)) {
        struct timeval tv;
        socklen_t len = sizeof(tv);
        if (glen < lu_struct_size(LU_ST_TIMEVAL)) {
            return -EINVAL;
        }
        if (getsockopt((int)a[0], level, name, &tv, &len) < 0) {
            return -lu_errno(errno);
        }
        uint64_t v[2] = { (uint64_t)tv.tv_sec, (uint64_t)tv.tv_usec };
        if (lu_put_struct(LU_ST_TIMEVAL, a[3], v) < 0) {
            return -EFAULT;
        }
        return lu_put_u32(a[4], lu_struct_size(LU_ST_TIMEVAL));
    }
    if (glen > LU_MAX_SOCKOPT) {
        glen = LU_MAX_SOCKOPT;
    }
    uint8_t *b = calloc(1, glen ? glen : 1);
    socklen_t len = glen;
    if (getsockopt((int)a[0], level, name, b, &len) < 0) {
        int e = errno;
        free(b);
        return -lu_errno(e);
    }
    uint32_t n = len < glen ? len : glen;
    lu_sockopt_swap(level, name, b, n);
    int r = n ? lu_copy_to_guest(a[3], b, n) : 0;
    free(b);
    if (r < 0) {
        return -EFAULT;
    }
    return lu_put_u32(a[4], len);
}

/* send/recv(fd, buf, len, flags): sendto/recvfrom without an address. */
int64_t lu_conv_send(const uint32_t *a)
{
    uint32_t b[6] = { a[0], a[1], a[2], a[3], 0, 0 };
    return lu_conv_sendto(b);
}

int64_t lu_conv_recv(const uint32_t *a)
{
    uint32_t b[6] = { a[0], a[1], a[2], a[3], 0, 0 };
    return lu_conv_recvfrom(b);
}

/* For other socket code (msg_name of sendmsg/recvmsg): converts, in
 * place, a socket address of len bytes between the guest's and the
 * host's byte order. */
void lu_sockaddr_guest_to_host(uint8_t *b, uint32_t len)
{
    if (len >= 2 && lu_arch->big_endian) {
        uint16_t fam = (uint16_t)(b[0] << 8 | b[1]);
        lu_swap_layout(lu_sockaddr_layout(fam), b, len);
    }
}

void lu_sockaddr_host_to_guest(uint8_t *b, uint32_t len)
{
    if (len >= 2) {
        uint16_t fam;
        memcpy(&fam, b, 2);
        lu_swap_layout(lu_sockaddr_layout(fam), b, len);
    }
}
