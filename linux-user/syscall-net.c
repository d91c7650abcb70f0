/*
 * Socket syscalls that need translation: socketcall (the i386
 * multiplexer, dispatched to the same table entries as the direct calls),
 * socketpair, socket options with struct values, and sendmsg/recvmsg with
 * their iovecs and control messages (SCM_RIGHTS, SCM_CREDENTIALS).
 * Socket addresses are passed as bytes: AF_UNIX and AF_INET have the same
 * layout in every Linux ABI except the byte order of sa_family.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <sys/uio.h>
#include "exec/user-pages.h"
#include "linux-user/lu.h"
#include "linux-user/lu-conv.h"
#include "linux-user/lu-syscall.h"


static int64_t host_ret(long r)
{
    return r < 0 ? -(int64_t)lu_errno(errno) : r;
}

/* socketcall(call, args): the call numbers of linux/net.h. */
static const uint16_t lu_socketcall_ids[] = {
    [1] = LU_SYS_socket, [2] = LU_SYS_bind, [3] = LU_SYS_connect,
    [4] = LU_SYS_listen, [5] = LU_SYS_accept, [6] = LU_SYS_getsockname,
    [7] = LU_SYS_getpeername, [8] = LU_SYS_socketpair, [9] = LU_SYS_sendto,
    [10] = LU_SYS_recvfrom, [11] = LU_SYS_sendto, [12] = LU_SYS_recvfrom,
    [13] = LU_SYS_shutdown, [14] = LU_SYS_setsockopt, [15] = LU_SYS_getsockopt,
    [16] = LU_SYS_sendmsg, [17] = LU_SYS_recvmsg, [18] = LU_SYS_accept4,
    [19] = LU_SYS_recvmmsg, [20] = LU_SYS_sendmmsg,
};
static const uint8_t lu_socketcall_nargs[] = {
    [1] = 3, [2] = 3, [3] = 3, [4] = 2, [5] = 3, [6] = 3, [7] = 3, [8] = 4,
    [9] = 4, [10] = 4, [11] = 6, [12] = 6, [13] = 2, [14] = 5, [15] = 5,
    [16] = 3, [17] = 3, [18] = 4, [19] = 5, [20] = 4,
};

int64_t lu_sys_socketcall(const uint32_t *a)
{
    uint32_t call = a[0], args[6] = { 0 };
    if (call < 1 || call >= sizeof(lu_socketcall_ids) / sizeof(lu_socketcall_ids[0])) {
        return -EINVAL;
    }
    for (int i = 0; i < lu_socketcall_nargs[call]; i++) {
        if (lu_get_u32(a[1] + 4 * i, &args[i]) < 0) {
            return -EFAULT;
        }
    }
    if (call == 9 || call == 10) {
        /* send/recv: sendto/recvfrom without an address */
        args[4] = args[5] = 0;
    }
    const LuSyscallDef *d = &lu_syscall_defs[lu_socketcall_ids[call]];
    if (d->fn) {
        return d->fn(args);
    }
    long h[6];
    for (int i = 0; i < 6; i++) {
        char k = d->args[i];
        if (!k) {
            h[i] = 0;
            break;
        }
        if (k == 'P' && lu_arch->big_endian) {
            return -ENOSYS;
        }
        h[i] = (k == 'p' || k == 'P' || k == 'w') ? (args[i] ? (long)g2h(args[i]) : 0)
             : (k == 'd' || k == 'f') ? (long)(int32_t)args[i] : (long)args[i];
    }
    return host_ret(syscall(d->host_nr, h[0], h[1], h[2], h[3], h[4], h[5]));
}

int64_t lu_sys_socketpair(const uint32_t *a)
{
    int sv[2];
    if (!lu_access_ok(a[3], 8, true)) {
        return -EFAULT;
    }
    if (socketpair((int)a[0], (int)a[1], (int)a[2], sv) < 0) {
        return -lu_errno(errno);
    }
    lu_st(a[3], 4, sv[0]);
    lu_st(a[3] + 4, 4, sv[1]);
    return 0;
}




/* A msghdr's socket address: bytes, except sa_family in the guest's order
 * (address-specific fields are converted by syscall-net-conv.c's calls). */
static int lu_sockaddr_in(uint32_t gaddr, uint32_t len, uint8_t *buf)
{
    if (lu_copy_from_guest(buf, gaddr, len) < 0) {
        return -EFAULT;
    }
    if (len >= 2) {
        uint16_t fam = (uint16_t)lu_ld(gaddr, 2);
        memcpy(buf, &fam, 2);
    }
    return 0;
}

/* ---- sendmsg / recvmsg ---- */

typedef struct LuMsg {
    struct msghdr h;
    struct iovec *iov;
    uint8_t *control;
    uint8_t name[128];
    uint64_t v[LU_MAX_FIELDS];
} LuMsg;

static void lu_msg_free(LuMsg *m)
{
    free(m->iov);
    free(m->control);
}

/* Guest control messages -> host ones (for sendmsg). */
static int lu_cmsgs_to_host(LuMsg *m, uint32_t gctl, uint32_t glen)
{
    uint32_t hsz = lu_struct_size(LU_ST_CMSGHDR);
    size_t cap = glen * 2 + 64, used = 0;
    m->control = calloc(1, cap);
    uint32_t off = 0;
    while (off + hsz <= glen) {
        uint64_t c[3];
        if (lu_get_struct(LU_ST_CMSGHDR, gctl + off, c) < 0) {
            return -EFAULT;
        }
        uint32_t len = (uint32_t)c[LU_CMSG_LEN];
        if (len < hsz || off + len > glen) {
            break;
        }
        uint32_t dlen = len - hsz;
        struct cmsghdr *hc = (struct cmsghdr *)(m->control + used);
        if (used + CMSG_SPACE(dlen) > cap) {
            return -EINVAL;
        }
        hc->cmsg_len = CMSG_LEN(dlen);
        hc->cmsg_level = (int)c[LU_CMSG_LEVEL];
        hc->cmsg_type = (int)c[LU_CMSG_TYPE];
        /* SCM_RIGHTS (ints) and SCM_CREDENTIALS (three ints): 32-bit
         * words in guest order. */
        for (uint32_t i = 0; i + 4 <= dlen; i += 4) {
            uint32_t w = (uint32_t)lu_ld(gctl + off + hsz + i, 4);
            memcpy(CMSG_DATA(hc) + i, &w, 4);
        }
        used += CMSG_SPACE(dlen);
        off += (len + 3) & ~3u;
    }
    m->h.msg_control = used ? m->control : NULL;
    m->h.msg_controllen = used;
    return 0;
}

/* Host control messages -> guest buffer (for recvmsg); returns the
 * guest length written. */
static uint32_t lu_cmsgs_to_guest(struct msghdr *h, uint32_t gctl, uint32_t glen, int *flags)
{
    uint32_t hsz = lu_struct_size(LU_ST_CMSGHDR), off = 0;
    for (struct cmsghdr *c = CMSG_FIRSTHDR(h); c; c = CMSG_NXTHDR(h, c)) {
        uint32_t dlen = c->cmsg_len - CMSG_LEN(0);
        uint32_t space = (hsz + dlen + 3) & ~3u;
        if (off + hsz + dlen > glen) {
            *flags |= MSG_CTRUNC;
            break;
        }
        uint64_t v[3] = { hsz + dlen, (uint64_t)c->cmsg_level, (uint64_t)c->cmsg_type };
        lu_put_struct(LU_ST_CMSGHDR, gctl + off, v);
        for (uint32_t i = 0; i + 4 <= dlen; i += 4) {
            uint32_t w;
            memcpy(&w, CMSG_DATA(c) + i, 4);
            lu_st(gctl + off + hsz + i, 4, w);
        }
        off += space;
    }
    return off;
}

static int lu_msg_from_guest(LuMsg *m, uint32_t umsg, bool is_recv)
{
    memset(m, 0, sizeof(*m));
    if (lu_get_struct(LU_ST_MSGHDR, umsg, m->v) < 0) {
        return -EFAULT;
    }
    uint32_t name = (uint32_t)m->v[LU_MSG_NAME], namelen = (uint32_t)m->v[LU_MSG_NAMELEN];
    if (name) {
        if (namelen > sizeof(m->name)) {
            return -EINVAL;
        }
        if (!lu_access_ok(name, namelen, is_recv)) {
            return -EFAULT;
        }
        if (!is_recv && lu_sockaddr_in(name, namelen, m->name) < 0) {
            return -EFAULT;
        }
        m->h.msg_name = m->name;
        m->h.msg_namelen = is_recv ? sizeof(m->name) : namelen;
    }
    uint32_t cnt = (uint32_t)m->v[LU_MSG_IOVLEN];
    if (cnt > 1024) {
        return -EMSGSIZE;
    }
    m->iov = calloc(cnt ? cnt : 1, sizeof(struct iovec));
    uint32_t isz = lu_struct_size(LU_ST_IOVEC);
    for (uint32_t i = 0; i < cnt; i++) {
        uint64_t f[2];
        if (lu_get_struct(LU_ST_IOVEC, (uint32_t)m->v[LU_MSG_IOV] + i * isz, f) < 0) {
            return -EFAULT;
        }
        if (f[1] && !lu_access_ok((uint32_t)f[0], (uint32_t)f[1], is_recv)) {
            return -EFAULT;
        }
        m->iov[i].iov_base = g2h((uint32_t)f[0]);
        m->iov[i].iov_len = (uint32_t)f[1];
    }
    m->h.msg_iov = m->iov;
    m->h.msg_iovlen = cnt;
    uint32_t ctl = (uint32_t)m->v[LU_MSG_CONTROL], ctllen = (uint32_t)m->v[LU_MSG_CONTROLLEN];
    if (ctl && ctllen) {
        if (ctllen > 1 << 16) {
            return -ENOBUFS;
        }
        if (is_recv) {
            m->control = calloc(1, ctllen * 2 + 64);
            m->h.msg_control = m->control;
            m->h.msg_controllen = ctllen * 2 + 64;
        } else {
            return lu_cmsgs_to_host(m, ctl, ctllen);
        }
    }
    return 0;
}

static int64_t lu_do_sendmsg(int fd, uint32_t umsg, int flags)
{
    LuMsg m;
    int r = lu_msg_from_guest(&m, umsg, false);
    if (r < 0) {
        lu_msg_free(&m);
        return r;
    }
    ssize_t n = lu_safe_syscall_errno(SYS_sendmsg, fd, (long)&m.h, flags, 0, 0, 0);
    int e = errno;
    lu_msg_free(&m);
    return n < 0 ? -lu_errno(e) : n;
}

static int64_t lu_do_recvmsg(int fd, uint32_t umsg, int flags)
{
    LuMsg m;
    int r = lu_msg_from_guest(&m, umsg, true);
    if (r < 0) {
        lu_msg_free(&m);
        return r;
    }
    ssize_t n = lu_safe_syscall_errno(SYS_recvmsg, fd, (long)&m.h, flags, 0, 0, 0);
    if (n < 0) {
        int e = errno;
        lu_msg_free(&m);
        return -lu_errno(e);
    }
    int mflags = m.h.msg_flags;
    uint32_t ctl = (uint32_t)m.v[LU_MSG_CONTROL], ctllen = (uint32_t)m.v[LU_MSG_CONTROLLEN];
    m.v[LU_MSG_CONTROLLEN] = (ctl && ctllen && m.h.msg_controllen)
                                 ? lu_cmsgs_to_guest(&m.h, ctl, ctllen, &mflags) : 0;
    if (m.h.msg_name) {
        uint32_t gname = (uint32_t)m.v[LU_MSG_NAME], glen = (uint32_t)m.v[LU_MSG_NAMELEN];
        uint32_t n = m.h.msg_namelen < glen ? m.h.msg_namelen : glen;
        if (n) {
            /* The whole address in the guest's byte order (family and the
             * host-order fields of its sockaddr kind), then truncated. */
            uint8_t b[sizeof(m.name)];
            memcpy(b, m.name, m.h.msg_namelen);
            lu_sockaddr_host_to_guest(b, m.h.msg_namelen);
            lu_copy_to_guest(gname, b, n);
        }
        m.v[LU_MSG_NAMELEN] = m.h.msg_namelen;
    } else {
        m.v[LU_MSG_NAMELEN] = 0;
    }
    m.v[LU_MSG_FLAGS] = (uint32_t)mflags;
    lu_msg_free(&m);
    if (lu_put_struct(LU_ST_MSGHDR, umsg, m.v) < 0) {
        return -EFAULT;
    }
    return n;
}

int64_t lu_sys_sendmsg(const uint32_t *a) { return lu_do_sendmsg((int)a[0], a[1], (int)a[2]); }
int64_t lu_sys_recvmsg(const uint32_t *a) { return lu_do_recvmsg((int)a[0], a[1], (int)a[2]); }

static int64_t lu_do_mmsg(const uint32_t *a, bool is_recv)
{
    uint32_t sz = lu_struct_size(LU_ST_MMSGHDR), vlen = a[2];
    int count = 0;
    if (vlen > 1024) {
        vlen = 1024;
    }
    for (uint32_t i = 0; i < vlen; i++) {
        uint32_t u = a[1] + i * sz;
        int flags = (int)a[3];
        if (is_recv && i > 0) {
            flags |= MSG_DONTWAIT;
            if (flags & MSG_WAITFORONE) {
                flags |= MSG_DONTWAIT;
            }
        }
        flags &= ~MSG_WAITFORONE;
        int64_t r = is_recv ? lu_do_recvmsg((int)a[0], u, flags)
                            : lu_do_sendmsg((int)a[0], u, flags);
        if (r < 0) {
            return count ? count : r;
        }
        /* msg_len only: the msghdr before it stays as recvmsg wrote it. */
        lu_put_u32(u + lu_arch->layouts[LU_ST_MMSGHDR]->fields[0].off, (uint32_t)r);
        count++;
    }
    return count;
}

int64_t lu_sys_sendmmsg(const uint32_t *a) { return lu_do_mmsg(a, false); }
int64_t lu_sys_recvmmsg(const uint32_t *a) { return lu_do_mmsg(a, true); }

int64_t lu_sys_recvmmsg_time64(const uint32_t *a) { return lu_do_mmsg(a, true); }
