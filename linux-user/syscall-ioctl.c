/*
 * ioctl: the guest request number is looked up in the guest's table
 * (LuArch.ioctls) to a common request, whose argument is translated here
 * (termios and winsize through their layouts, ints by value or pointer).
 * Unknown requests fail with ENOTTY after one log line.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <linux/fs.h>
#include <linux/sockios.h>
#include <net/if.h>
#include <stdlib.h>
#include <sys/ioctl.h>
#include <termios.h>
#include "exec/user-pages.h"
#include "linux-user/lu.h"
#include "linux-user/lu-conv.h"
#include "linux-user/lu-ioctl.h"
#include "linux-user/lu-syscall.h"
#include "util/log.h"

/* The kernel's struct termios (not glibc's): what TCGETS uses on x86-64. */
struct lu_host_termios {
    uint32_t c_iflag, c_oflag, c_cflag, c_lflag;
    uint8_t c_line;
    uint8_t c_cc[19];
};

typedef struct LuIoctlDef {
    unsigned long host_req;
    char arg;        /* '-' none, 'v' int value, 'i' int pointer in, 'o' int
                      * pointer out, 'c' char pointer in, 'q' u64 out, 'L'
                      * unsigned long out (EFBIG past 32 bits), 'T' termios
                      * in, 't' termios out, 'W' winsize in, 'w' winsize
                      * out; struct ifreq: 'A' sockaddr out, 'F' short out,
                      * 'f' short in, 'I' int out, 'N' index in / name out;
                      * 'C' struct ifconf */
} LuIoctlDef;

static const LuIoctlDef lu_ioctl_defs[LU_IOC_NB] = {
    [LU_IOC_TCGETS] = { TCGETS, 't' },
    [LU_IOC_TCSETS] = { TCSETS, 'T' },
    [LU_IOC_TCSETSW] = { TCSETSW, 'T' },
    [LU_IOC_TCSETSF] = { TCSETSF, 'T' },
    [LU_IOC_TCSBRK] = { TCSBRK, 'v' },
    [LU_IOC_TCXONC] = { TCXONC, 'v' },
    [LU_IOC_TCFLSH] = { TCFLSH, 'v' },
    [LU_IOC_TIOCSCTTY] = { TIOCSCTTY, 'v' },
    [LU_IOC_TIOCGPGRP] = { TIOCGPGRP, 'o' },
    [LU_IOC_TIOCSPGRP] = { TIOCSPGRP, 'i' },
    [LU_IOC_TIOCGWINSZ] = { TIOCGWINSZ, 'w' },
    [LU_IOC_TIOCSWINSZ] = { TIOCSWINSZ, 'W' },
    [LU_IOC_FIONREAD] = { FIONREAD, 'o' },
    [LU_IOC_FIONBIO] = { FIONBIO, 'i' },
    [LU_IOC_TIOCNOTTY] = { TIOCNOTTY, '-' },
    [LU_IOC_TIOCGSID] = { TIOCGSID, 'o' },
    [LU_IOC_FIONCLEX] = { FIONCLEX, '-' },
    [LU_IOC_FIOCLEX] = { FIOCLEX, '-' },
    [LU_IOC_FIOASYNC] = { FIOASYNC, 'i' },
    [LU_IOC_TIOCGPTN] = { TIOCGPTN, 'o' },
    [LU_IOC_TIOCSPTLCK] = { TIOCSPTLCK, 'i' },
    [LU_IOC_TIOCGPTPEER] = { TIOCGPTPEER, 'v' },
    [LU_IOC_FICLONE] = { 0x40049409, 'v' },   /* FICLONE(fd): the same on every ABI */
    [LU_IOC_TIOCOUTQ] = { TIOCOUTQ, 'o' },
    [LU_IOC_TIOCEXCL] = { TIOCEXCL, '-' },
    [LU_IOC_TIOCNXCL] = { TIOCNXCL, '-' },
    [LU_IOC_TIOCGEXCL] = { TIOCGEXCL, 'o' },
    [LU_IOC_TIOCSTI] = { TIOCSTI, 'c' },
    [LU_IOC_TIOCMGET] = { TIOCMGET, 'o' },
    [LU_IOC_TIOCMBIS] = { TIOCMBIS, 'i' },
    [LU_IOC_TIOCMBIC] = { TIOCMBIC, 'i' },
    [LU_IOC_TIOCMSET] = { TIOCMSET, 'i' },
    [LU_IOC_TIOCCONS] = { TIOCCONS, '-' },
    [LU_IOC_TIOCSETD] = { TIOCSETD, 'i' },
    [LU_IOC_TIOCGETD] = { TIOCGETD, 'o' },
    [LU_IOC_TIOCSBRK] = { TIOCSBRK, '-' },
    [LU_IOC_TIOCCBRK] = { TIOCCBRK, '-' },
    [LU_IOC_TIOCVHANGUP] = { TIOCVHANGUP, '-' },
    [LU_IOC_FIOSETOWN] = { FIOSETOWN, 'i' },
    [LU_IOC_SIOCSPGRP] = { SIOCSPGRP, 'i' },
    [LU_IOC_FIOGETOWN] = { FIOGETOWN, 'o' },
    [LU_IOC_SIOCGPGRP] = { SIOCGPGRP, 'o' },
    [LU_IOC_SIOCATMARK] = { SIOCATMARK, 'o' },
    [LU_IOC_SIOCGIFCONF] = { SIOCGIFCONF, 'C' },
    [LU_IOC_SIOCGIFNAME] = { SIOCGIFNAME, 'N' },
    [LU_IOC_SIOCGIFFLAGS] = { SIOCGIFFLAGS, 'F' },
    [LU_IOC_SIOCSIFFLAGS] = { SIOCSIFFLAGS, 'f' },
    [LU_IOC_SIOCGIFADDR] = { SIOCGIFADDR, 'A' },
    [LU_IOC_SIOCGIFDSTADDR] = { SIOCGIFDSTADDR, 'A' },
    [LU_IOC_SIOCGIFBRDADDR] = { SIOCGIFBRDADDR, 'A' },
    [LU_IOC_SIOCGIFNETMASK] = { SIOCGIFNETMASK, 'A' },
    [LU_IOC_SIOCGIFMETRIC] = { SIOCGIFMETRIC, 'I' },
    [LU_IOC_SIOCGIFMTU] = { SIOCGIFMTU, 'I' },
    [LU_IOC_SIOCGIFHWADDR] = { SIOCGIFHWADDR, 'A' },
    [LU_IOC_SIOCGIFINDEX] = { SIOCGIFINDEX, 'I' },
    [LU_IOC_SIOCGIFTXQLEN] = { SIOCGIFTXQLEN, 'I' },
    [LU_IOC_BLKGETSIZE] = { BLKGETSIZE, 'L' },
    [LU_IOC_BLKGETSIZE64] = { BLKGETSIZE64, 'q' },
    [LU_IOC_BLKSSZGET] = { BLKSSZGET, 'o' },
    [LU_IOC_BLKBSZGET] = { BLKBSZGET, 'o' },   /* the kernel writes an int */
    [LU_IOC_BLKROGET] = { BLKROGET, 'o' },
    [LU_IOC_BLKFLSBUF] = { BLKFLSBUF, '-' },
    [LU_IOC_BLKRRPART] = { BLKRRPART, '-' },
    [LU_IOC_BLKPBSZGET] = { BLKPBSZGET, 'o' },
    [LU_IOC_BLKDISCARDZEROES] = { BLKDISCARDZEROES, 'o' },
    [LU_IOC_BLKIOMIN] = { BLKIOMIN, 'o' },
    [LU_IOC_BLKIOOPT] = { BLKIOOPT, 'o' },
};

/* struct ifreq of the 32-bit ABIs: the name, then a 16-byte union (a
 * sockaddr, a short, an int); the host's union is 24 bytes. */
#define LU_IFREQ_SIZE 32

static int lu_get_ifreq_name(uint32_t arg, struct ifreq *ifr)
{
    memset(ifr, 0, sizeof(*ifr));
    return lu_copy_from_guest(ifr->ifr_name, arg, IFNAMSIZ) < 0 ? -EFAULT : 0;
}

/* A sockaddr in an ifreq: the family in the guest's byte order, the
 * address bytes as they are. */
static int lu_put_ifreq_sockaddr(uint32_t g, const struct sockaddr *sa)
{
    if (!lu_access_ok(g, 16, true)) {
        return -EFAULT;
    }
    lu_st(g, 2, sa->sa_family);
    memcpy(g2h(g + 2), sa->sa_data, 14);
    return 0;
}

static int64_t lu_ioctl_ifreq(int fd, unsigned long req, char kind, uint32_t arg)
{
    struct ifreq ifr;
    if (!lu_access_ok(arg, LU_IFREQ_SIZE, kind != 'f')) {
        return -EFAULT;
    }
    if (lu_get_ifreq_name(arg, &ifr) < 0) {
        return -EFAULT;
    }
    if (kind == 'f') {
        ifr.ifr_flags = (short)lu_ld(arg + 16, 2);
    } else if (kind == 'N') {
        ifr.ifr_ifindex = (int)lu_ld(arg + 16, 4);
    }
    if (ioctl(fd, req, &ifr) < 0) {
        return -lu_errno(errno);
    }
    switch (kind) {
    case 'A':
        return lu_put_ifreq_sockaddr(arg + 16, &ifr.ifr_addr);
    case 'F':
        lu_st(arg + 16, 2, (uint16_t)ifr.ifr_flags);
        return 0;
    case 'I':
        lu_st(arg + 16, 4, (uint32_t)ifr.ifr_ifindex);   /* the int of the union */
        return 0;
    case 'N':
        return lu_copy_to_guest(arg, ifr.ifr_name, IFNAMSIZ) < 0 ? -EFAULT : 0;
    }
    return 0;
}

/* SIOCGIFCONF: struct ifconf { int ifc_len; u32 ifc_buf; } with an array
 * of 32-byte ifreqs; a NULL buffer asks for the length needed. */
static int64_t lu_ioctl_ifconf(int fd, uint32_t arg)
{
    uint32_t len, buf;
    if (lu_get_u32(arg, &len) < 0 || lu_get_u32(arg + 4, &buf) < 0) {
        return -EFAULT;
    }
    int n = buf ? (int)((int32_t)len / LU_IFREQ_SIZE) : 0;
    if (n < 0) {
        n = 0;
    }
    struct ifconf ifc = { .ifc_len = 0, .ifc_req = NULL };
    if (n > 0) {
        /* No more entries than the host has interfaces: the guest's
         * length is not a host allocation size (tests/fuzz). */
        if (ioctl(fd, SIOCGIFCONF, &ifc) < 0) {
            return -lu_errno(errno);
        }
        int have = ifc.ifc_len / (int)sizeof(struct ifreq);
        n = n < have ? n : have;
    }
    ifc.ifc_len = buf ? n * (int)sizeof(struct ifreq) : 0;
    ifc.ifc_req = buf ? calloc(n ? n : 1, sizeof(struct ifreq)) : NULL;
    if (ioctl(fd, SIOCGIFCONF, &ifc) < 0) {
        int e = errno;
        free(ifc.ifc_req);
        return -lu_errno(e);
    }
    int got = ifc.ifc_len / (int)sizeof(struct ifreq);
    if (buf) {
        for (int i = 0; i < got; i++) {
            uint32_t g = buf + i * LU_IFREQ_SIZE;
            if (lu_copy_to_guest(g, ifc.ifc_req[i].ifr_name, IFNAMSIZ) < 0 ||
                lu_put_ifreq_sockaddr(g + 16, &ifc.ifc_req[i].ifr_addr) < 0) {
                free(ifc.ifc_req);
                return -EFAULT;
            }
        }
    }
    free(ifc.ifc_req);
    return lu_put_u32(arg, (uint32_t)(got * LU_IFREQ_SIZE));
}

static int lu_ioctl_id(uint32_t cmd)
{
    for (unsigned i = 0; i < lu_arch->nb_ioctls; i++) {
        if (lu_arch->ioctls[i].guest_cmd == cmd) {
            return lu_arch->ioctls[i].id;
        }
    }
    return LU_IOC_NONE;
}

static int64_t lu_ioctl_termios(int fd, unsigned long req, uint32_t arg, bool in)
{
    struct lu_host_termios t;
    uint64_t v[LU_MAX_FIELDS] = { 0 };
    if (in) {
        if (lu_get_struct(LU_ST_TERMIOS, arg, v) < 0) {
            return -EFAULT;
        }
        lu_termios_to_host(v);
        t.c_iflag = (uint32_t)v[LU_TIO_IFLAG];
        t.c_oflag = (uint32_t)v[LU_TIO_OFLAG];
        t.c_cflag = (uint32_t)v[LU_TIO_CFLAG];
        t.c_lflag = (uint32_t)v[LU_TIO_LFLAG];
        t.c_line = (uint8_t)v[LU_TIO_LINE];
        for (int i = 0; i < 19; i++) {
            t.c_cc[i] = (uint8_t)v[LU_TIO_CC + i];
        }
        return ioctl(fd, req, &t) < 0 ? -lu_errno(errno) : 0;
    }
    if (ioctl(fd, req, &t) < 0) {
        return -lu_errno(errno);
    }
    v[LU_TIO_IFLAG] = t.c_iflag;
    v[LU_TIO_OFLAG] = t.c_oflag;
    v[LU_TIO_CFLAG] = t.c_cflag;
    v[LU_TIO_LFLAG] = t.c_lflag;
    v[LU_TIO_LINE] = t.c_line;
    for (int i = 0; i < 19; i++) {
        v[LU_TIO_CC + i] = t.c_cc[i];
    }
    lu_termios_to_guest(v);
    return lu_put_struct(LU_ST_TERMIOS, arg, v);
}

static int64_t lu_ioctl_winsize(int fd, unsigned long req, uint32_t arg, bool in)
{
    struct winsize ws;
    uint64_t v[4];
    if (in) {
        if (lu_get_struct(LU_ST_WINSIZE, arg, v) < 0) {
            return -EFAULT;
        }
        ws.ws_row = v[0];
        ws.ws_col = v[1];
        ws.ws_xpixel = v[2];
        ws.ws_ypixel = v[3];
        return ioctl(fd, req, &ws) < 0 ? -lu_errno(errno) : 0;
    }
    if (ioctl(fd, req, &ws) < 0) {
        return -lu_errno(errno);
    }
    v[0] = ws.ws_row;
    v[1] = ws.ws_col;
    v[2] = ws.ws_xpixel;
    v[3] = ws.ws_ypixel;
    return lu_put_struct(LU_ST_WINSIZE, arg, v);
}

int64_t lu_sys_ioctl(const uint32_t *a)
{
    int fd = (int)a[0];
    int id = lu_ioctl_id(a[1]);
    if (id == LU_IOC_NONE) {
        char msg[80];
        snprintf(msg, sizeof(msg), "unsupported ioctl 0x%x: returning ENOTTY", a[1]);
        mimic_log_once(LOG_UNIMP, msg);
        return -ENOTTY;
    }
    const LuIoctlDef *d = &lu_ioctl_defs[id];
    int val;
    switch (d->arg) {
    case '-':
        return ioctl(fd, d->host_req) < 0 ? -lu_errno(errno) : 0;
    case 'v': {
        int r = ioctl(fd, d->host_req, (unsigned long)a[2]);
        return r < 0 ? -lu_errno(errno) : r;
    }
    case 'i': {
        uint32_t w;
        if (lu_get_u32(a[2], &w) < 0) {
            return -EFAULT;
        }
        val = (int)w;
        return ioctl(fd, d->host_req, &val) < 0 ? -lu_errno(errno) : 0;
    }
    case 'o':
        if (ioctl(fd, d->host_req, &val) < 0) {
            return -lu_errno(errno);
        }
        return lu_put_u32(a[2], (uint32_t)val);
    case 'c': {
        uint8_t c;
        if (lu_copy_from_guest(&c, a[2], 1) < 0) {
            return -EFAULT;
        }
        return ioctl(fd, d->host_req, &c) < 0 ? -lu_errno(errno) : 0;
    }
    case 'q': {
        uint64_t q;
        if (ioctl(fd, d->host_req, &q) < 0) {
            return -lu_errno(errno);
        }
        if (!lu_access_ok(a[2], 8, true)) {
            return -EFAULT;
        }
        lu_st(a[2], 8, q);
        return 0;
    }
    case 'L': {
        unsigned long l;
        if (ioctl(fd, d->host_req, &l) < 0) {
            return -lu_errno(errno);
        }
        if (l >> 32) {
            return -EFBIG;    /* the compat layer's answer for 32-bit tasks */
        }
        return lu_put_u32(a[2], (uint32_t)l);
    }
    case 'A':
    case 'F':
    case 'f':
    case 'I':
    case 'N':
        return lu_ioctl_ifreq(fd, d->host_req, d->arg, a[2]);
    case 'C':
        return lu_ioctl_ifconf(fd, a[2]);
    case 'T':
    case 't':
        return lu_ioctl_termios(fd, d->host_req, a[2], d->arg == 'T');
    case 'W':
    case 'w':
        return lu_ioctl_winsize(fd, d->host_req, a[2], d->arg == 'W');
    }
    return -ENOTTY;
}
