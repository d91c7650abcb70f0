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
                      * pointer out, 'T' termios in, 't' termios out, 'W'
                      * winsize in, 'w' winsize out */
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
};

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
    case 'T':
    case 't':
        return lu_ioctl_termios(fd, d->host_req, a[2], d->arg == 'T');
    case 'W':
    case 'w':
        return lu_ioctl_winsize(fd, d->host_req, a[2], d->arg == 'W');
    }
    return -ENOTTY;
}
