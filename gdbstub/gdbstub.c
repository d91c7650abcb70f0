/*
 * The gdb remote protocol: one TCP connection, packet framing with
 * checksums and acks (or QStartNoAckMode), and the commands gdb needs to
 * debug a guest: registers through the guest's GdbArch, memory through the
 * embedder, breakpoints and stepping through the CPU loop (exec/debug.h),
 * threads as CPUs. While gdb looks, all other CPUs are held out of
 * cpu_exec (all-stop). See include/gdbstub/gdbstub.h.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>
#include "exec/debug.h"
#include "exec/exec-all.h"
#include "gdbstub/gdbstub.h"
#include "util/hidden-fd.h"

/* Our PacketSize (hex in qSupported): the largest packet we accept. */
#define GDB_PACKET_MAX 0x4000
#define GDB_MAX_THREADS 1024

/* How gdb resumes one thread (or all, tid -1). */
typedef struct GdbAction {
    int tid;
    char kind;                   /* 'c' or 's' */
    int sig;
} GdbAction;

typedef struct GdbResume {
    GdbAction act[64];
    int nb;
    bool detach;
} GdbResume;

static struct {
    int listen_fd, fd;
    bool no_ack;
    const GdbArch *arch;
    const GdbTargetOps *ops;
    int g_tid;                   /* Hg: registers of this thread (<= 0: the stopped one) */
    int c_tid;                   /* Hc: c/s act on this thread (-1/0: all) */
    char last[GDB_PACKET_MAX * 2 + 8];   /* for a '-' retransmission */
    size_t last_len;
    uint8_t rbuf[4096];
    int rpos, rlen;
} gdb = { .listen_fd = -1, .fd = -1 };

static pthread_mutex_t gdb_lock = PTHREAD_MUTEX_INITIALIZER;

/* The watcher: while the guest runs, a thread of ours waits for gdb's
 * interrupt byte (0x03). It reads from the socket only while `running`
 * (under watch_lock); a stop clears it before the session reads. */
static struct {
    pthread_mutex_t lock;
    pthread_cond_t cond;
    bool running, quit, started;
    int wake[2];                 /* a byte here interrupts its poll */
} gdb_watch = { PTHREAD_MUTEX_INITIALIZER, PTHREAD_COND_INITIALIZER, false, false,
                false, { -1, -1 } };
static char gdb_in[GDB_PACKET_MAX + 1];
static char gdb_out[GDB_PACKET_MAX * 2 + 1];

/* ---- connection ---- */

bool gdb_server_start(int port, const GdbArch *arch, const GdbTargetOps *ops)
{
    struct sockaddr_in sa;
    int one = 1;
    int fd;

    if (!arch) {
        fprintf(stderr, "mimic: this guest has no gdb register description\n");
        return false;
    }
    fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0) {
        fprintf(stderr, "mimic: gdb stub: socket: %s\n", strerror(errno));
        return false;
    }
    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
    memset(&sa, 0, sizeof(sa));
    sa.sin_family = AF_INET;
    sa.sin_port = htons((uint16_t)port);
    sa.sin_addr.s_addr = htonl(INADDR_ANY);
    if (bind(fd, (struct sockaddr *)&sa, sizeof(sa)) < 0 || listen(fd, 1) < 0) {
        fprintf(stderr, "mimic: gdb stub: cannot listen on port %d: %s\n", port,
                strerror(errno));
        close(fd);
        return false;
    }
    gdb.listen_fd = mimic_fd_hide(fd);
    gdb.arch = arch;
    gdb.ops = ops;
    return true;
}

bool gdb_attached(void)
{
    return gdb.fd >= 0 || gdb.listen_fd >= 0;
}

int gdb_listen_fd(void)
{
    return gdb.fd < 0 ? gdb.listen_fd : -1;
}

static void gdb_close_fd(int *fd)
{
    if (*fd >= 0) {
        mimic_fd_unhide(*fd);
        close(*fd);
        *fd = -1;
    }
}

static void *gdb_watch_thread(void *arg)
{
    int fd = (int)(intptr_t)arg;

    pthread_mutex_lock(&gdb_watch.lock);
    for (;;) {
        struct pollfd p[2] = { { fd, POLLIN, 0 }, { gdb_watch.wake[0], POLLIN, 0 } };
        uint8_t c;

        while (!gdb_watch.running && !gdb_watch.quit) {
            pthread_cond_wait(&gdb_watch.cond, &gdb_watch.lock);
        }
        if (gdb_watch.quit) {
            break;
        }
        pthread_mutex_unlock(&gdb_watch.lock);
        poll(p, 2, -1);
        pthread_mutex_lock(&gdb_watch.lock);
        if (p[1].revents & POLLIN) {
            while (read(gdb_watch.wake[0], &c, 1) == 1) {
            }
        }
        if (!gdb_watch.running || !(p[0].revents & (POLLIN | POLLHUP | POLLERR))) {
            continue;
        }
        /* Anything but ^C (or the end of the connection) is left for
         * the next stop to read. */
        gdb_watch.running = false;
        if (recv(fd, &c, 1, MSG_PEEK | MSG_DONTWAIT) == 1 && c == 0x03) {
            recv(fd, &c, 1, MSG_DONTWAIT);
            if (gdb.ops->interrupt) {
                gdb.ops->interrupt();
            }
        }
    }
    pthread_mutex_unlock(&gdb_watch.lock);
    for (int i = 0; i < 2; i++) {
        gdb_close_fd(&gdb_watch.wake[i]);
    }
    return NULL;
}

/* Starts the watcher for connection fd (all signals blocked in it, so
 * that the guest's signals go to guest threads). */
static void gdb_watch_start(int fd)
{
    sigset_t all, old;
    pthread_t th;

    if (pipe2(gdb_watch.wake, O_CLOEXEC | O_NONBLOCK) < 0) {
        return;
    }
    gdb_watch.wake[0] = mimic_fd_hide(gdb_watch.wake[0]);
    gdb_watch.wake[1] = mimic_fd_hide(gdb_watch.wake[1]);
    gdb_watch.running = gdb_watch.quit = false;
    sigfillset(&all);
    pthread_sigmask(SIG_SETMASK, &all, &old);
    gdb_watch.started = pthread_create(&th, NULL, gdb_watch_thread,
                                       (void *)(intptr_t)fd) == 0;
    pthread_sigmask(SIG_SETMASK, &old, NULL);
    if (gdb_watch.started) {
        pthread_detach(th);
    }
}

/* running: the guest resumes (watch) or stops (the session reads). */
static void gdb_watch_set(bool running)
{
    uint8_t c = 0;

    if (!gdb_watch.started) {
        return;
    }
    pthread_mutex_lock(&gdb_watch.lock);
    gdb_watch.running = running;
    pthread_cond_signal(&gdb_watch.cond);
    if (write(gdb_watch.wake[1], &c, 1) < 0) {
        /* full: the watcher wakes up anyway */
    }
    pthread_mutex_unlock(&gdb_watch.lock);
}

/* The connection is about to close: the watcher leaves (and closes its
 * pipe) without touching the socket again. */
static void gdb_watch_stop(void)
{
    uint8_t c = 0;

    if (!gdb_watch.started) {
        return;
    }
    pthread_mutex_lock(&gdb_watch.lock);
    gdb_watch.quit = true;
    gdb_watch.running = false;
    gdb_watch.started = false;
    pthread_cond_signal(&gdb_watch.cond);
    if (write(gdb_watch.wake[1], &c, 1) < 0) {
        /* full: the watcher wakes up anyway */
    }
    pthread_mutex_unlock(&gdb_watch.lock);
}

static void gdb_accept(void)
{
    int one = 1;
    int fd;

    do {
        fd = accept4(gdb.listen_fd, NULL, NULL, SOCK_CLOEXEC);
    } while (fd < 0 && errno == EINTR);
    gdb_close_fd(&gdb.listen_fd);    /* one debugging session per run */
    if (fd < 0) {
        fprintf(stderr, "mimic: gdb stub: accept: %s\n", strerror(errno));
        return;
    }
    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
    gdb.fd = mimic_fd_hide(fd);
    gdb_watch_start(gdb.fd);
    gdb.no_ack = false;
    gdb.rpos = gdb.rlen = 0;
    gdb.g_tid = gdb.c_tid = 0;
}

static void gdb_step_off(CPUState *cpu, void *opaque)
{
    cpu_single_step(cpu, false);
}

/* The debugger is gone: the guest runs on undisturbed. */
static void gdb_disconnect(void)
{
    gdb_watch_stop();
    gdb_close_fd(&gdb.fd);
    gdb_close_fd(&gdb.listen_fd);
    cpu_breakpoint_remove_all();
    cpu_foreach(gdb_step_off, NULL);
}

static bool gdb_write_all(const char *p, size_t n)
{
    while (n > 0) {
        ssize_t w = send(gdb.fd, p, n, MSG_NOSIGNAL);
        if (w < 0 && errno == EINTR) {
            continue;
        }
        if (w <= 0) {
            return false;
        }
        p += w;
        n -= (size_t)w;
    }
    return true;
}

static int gdb_getc(void)
{
    if (gdb.rpos == gdb.rlen) {
        ssize_t r;
        do {
            r = recv(gdb.fd, gdb.rbuf, sizeof(gdb.rbuf), 0);
        } while (r < 0 && errno == EINTR);
        if (r <= 0) {
            return -1;
        }
        gdb.rpos = 0;
        gdb.rlen = (int)r;
    }
    return gdb.rbuf[gdb.rpos++];
}

/* ---- packets ---- */

static const char gdb_hexdigits[] = "0123456789abcdef";

static int gdb_hexval(int c)
{
    if (c >= '0' && c <= '9') {
        return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
        return c - 'a' + 10;
    }
    if (c >= 'A' && c <= 'F') {
        return c - 'A' + 10;
    }
    return -1;
}

/* Sends data (len bytes) as one packet; false if the connection broke. */
static bool gdb_send_bin(const char *data, size_t len)
{
    uint8_t sum = 0;
    size_t n = 0;

    if (gdb.fd < 0 || len > sizeof(gdb.last) - 4) {
        return false;
    }
    gdb.last[n++] = '$';
    for (size_t i = 0; i < len; i++) {
        sum += (uint8_t)data[i];
        gdb.last[n++] = data[i];
    }
    gdb.last[n++] = '#';
    gdb.last[n++] = gdb_hexdigits[sum >> 4];
    gdb.last[n++] = gdb_hexdigits[sum & 15];
    gdb.last_len = n;
    return gdb_write_all(gdb.last, n);
}

static bool gdb_send(const char *s)
{
    return gdb_send_bin(s, strlen(s));
}

/* Reads the next packet into gdb_in (NUL-terminated, binary data kept);
 * returns its length, or -1 when the connection is closed. Acks, naks
 * and interrupt bytes between packets are handled here. */
static int gdb_read_packet(void)
{
    for (;;) {
        int c = gdb_getc();
        size_t n = 0;
        uint8_t sum = 0;
        int hi, lo;
        bool overflow = false;

        if (c < 0) {
            return -1;
        }
        if (c == '-' && gdb.last_len && !gdb.no_ack) {
            if (!gdb_write_all(gdb.last, gdb.last_len)) {
                return -1;
            }
            continue;
        }
        if (c != '$') {
            continue;            /* '+', a stray ^C while stopped, noise */
        }
        while ((c = gdb_getc()) >= 0 && c != '#') {
            sum += (uint8_t)c;
            if (n < GDB_PACKET_MAX) {
                gdb_in[n++] = (char)c;
            } else {
                overflow = true;
            }
        }
        if (c < 0 || (hi = gdb_getc()) < 0 || (lo = gdb_getc()) < 0) {
            return -1;
        }
        gdb_in[n] = 0;
        if (!gdb.no_ack) {
            bool good = !overflow && gdb_hexval(hi) >= 0 && gdb_hexval(lo) >= 0 &&
                        (gdb_hexval(hi) << 4 | gdb_hexval(lo)) == sum;
            if (!gdb_write_all(good ? "+" : "-", 1)) {
                return -1;
            }
            if (!good) {
                continue;
            }
        }
        if (overflow) {
            continue;
        }
        return (int)n;
    }
}

static char *gdb_put_hex(char *out, const uint8_t *p, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        *out++ = gdb_hexdigits[p[i] >> 4];
        *out++ = gdb_hexdigits[p[i] & 15];
    }
    *out = 0;
    return out;
}

/* Decodes up to max bytes of hex at s; returns how many, -1 if bad. */
static int gdb_get_hex(const char *s, uint8_t *p, size_t max)
{
    size_t n = 0;

    while (s[0] && s[0] != ':' && s[0] != ';' && n < max) {
        int hi = gdb_hexval(s[0]), lo = gdb_hexval(s[1]);
        if (hi < 0 || lo < 0) {
            return -1;
        }
        p[n++] = (uint8_t)(hi << 4 | lo);
        s += 2;
    }
    return (int)n;
}

/* A hex number at *s; advances *s. "-1" is accepted (all threads). */
static bool gdb_parse_num(const char **s, uint64_t *v)
{
    const char *p = *s;
    uint64_t x = 0;
    bool neg = false;

    if (*p == '-') {
        neg = true;
        p++;
    }
    if (gdb_hexval(*p) < 0) {
        return false;
    }
    while (gdb_hexval(*p) >= 0) {
        x = x << 4 | (uint64_t)gdb_hexval(*p++);
    }
    *v = neg ? (uint64_t)-(int64_t)x : x;
    *s = p;
    return true;
}

/* "addr,len" followed by end/':'; false if malformed. */
static bool gdb_parse_addr_len(const char **s, uint32_t *addr, uint32_t *len)
{
    uint64_t a, l;

    if (!gdb_parse_num(s, &a) || **s != ',') {
        return false;
    }
    (*s)++;
    if (!gdb_parse_num(s, &l) || a > UINT32_MAX || l > GDB_PACKET_MAX) {
        return false;
    }
    *addr = (uint32_t)a;
    *len = (uint32_t)l;
    return true;
}

/* A thread id: "-1" all, "0" any, else a tid; the "p<pid>.<tid>" form
 * is accepted too. */
static bool gdb_parse_tid(const char **s, int *tid)
{
    uint64_t v;

    if (**s == 'p') {
        (*s)++;
        if (!gdb_parse_num(s, &v) || **s != '.') {
            return false;
        }
        (*s)++;
    }
    if (!gdb_parse_num(s, &v)) {
        return false;
    }
    *tid = (int)v;
    return true;
}

/* ---- threads ---- */

typedef struct GdbVisit {
    int tid;
    void (*fn)(CPUState *cpu, void *opaque);
    void *opaque;
    bool found;
} GdbVisit;

static void gdb_visit_one(CPUState *cpu, void *p)
{
    GdbVisit *v = p;

    if (!v->found && gdb.ops->thread_id(cpu) == v->tid) {
        v->found = true;
        v->fn(cpu, v->opaque);
    }
}

/* Runs fn on the CPU of thread tid under the CPU list lock (so a thread
 * exiting meanwhile cannot free it); false if there is no such thread.
 * fn must not take the translation lock. */
static bool gdb_with_thread(int tid, void (*fn)(CPUState *, void *), void *opaque)
{
    GdbVisit v = { tid, fn, opaque, false };

    cpu_foreach(gdb_visit_one, &v);
    return v.found;
}

typedef struct GdbThreadList {
    int tid[GDB_MAX_THREADS];
    int index[GDB_MAX_THREADS];
    int n;
} GdbThreadList;

static void gdb_list_one(CPUState *cpu, void *p)
{
    GdbThreadList *l = p;
    int tid = gdb.ops->thread_id(cpu);

    if (tid > 0 && l->n < GDB_MAX_THREADS) {
        int i = l->n++;
        /* Keep creation order: gdb numbers threads as it meets them. */
        while (i > 0 && l->index[i - 1] > cpu->cpu_index) {
            l->tid[i] = l->tid[i - 1];
            l->index[i] = l->index[i - 1];
            i--;
        }
        l->tid[i] = tid;
        l->index[i] = cpu->cpu_index;
    }
}

static void gdb_nop(CPUState *cpu, void *opaque)
{
}

static void gdb_reply_thread_list(void)
{
    static GdbThreadList l;
    char *o = gdb_out;

    l.n = 0;
    cpu_foreach(gdb_list_one, &l);
    *o++ = 'm';
    for (int i = 0; i < l.n; i++) {
        o += sprintf(o, "%s%x", i ? "," : "", l.tid[i]);
    }
    gdb_send(gdb_out);
}

/* ---- registers ---- */

typedef struct GdbRegReq {
    const char *in;              /* hex input for writes */
    int regnum;                  /* -1: all ('g' / 'G') */
    bool ok;
} GdbRegReq;

static void gdb_read_regs_on(CPUState *cpu, void *p)
{
    GdbRegReq *r = p;
    uint8_t buf[16];
    char *o = gdb_out;

    if (r->regnum >= 0) {
        int size = gdb.arch->read_reg(cpu, r->regnum, buf);
        r->ok = size > 0;
        gdb_put_hex(o, buf, (size_t)size);
        return;
    }
    for (int n = 0; n < gdb.arch->nb_regs; n++) {
        int size = gdb.arch->read_reg(cpu, n, buf);
        o = gdb_put_hex(o, buf, (size_t)size);
    }
    r->ok = true;
}

static void gdb_write_regs_on(CPUState *cpu, void *p)
{
    GdbRegReq *r = p;
    uint8_t buf[16], cur[16];
    const char *s = r->in;
    int first = r->regnum >= 0 ? r->regnum : 0;
    int last = r->regnum >= 0 ? r->regnum : gdb.arch->nb_regs - 1;

    r->ok = true;
    for (int n = first; n <= last && *s; n++) {
        int size = gdb.arch->read_reg(cpu, n, cur);
        if (size <= 0 || gdb_get_hex(s, buf, (size_t)size) != size) {
            r->ok = false;
            return;
        }
        gdb.arch->write_reg(cpu, n, buf);
        s += 2 * size;
    }
}

/* The thread registers are read from: Hg's, or the stopped one. */
static int gdb_reg_tid(CPUState *stopped)
{
    if (gdb.g_tid > 0 && gdb_with_thread(gdb.g_tid, gdb_nop, NULL)) {
        return gdb.g_tid;
    }
    return gdb.ops->thread_id(stopped);
}

static void gdb_cmd_regs(CPUState *stopped, const char *in, int regnum, bool write)
{
    GdbRegReq r = { in, regnum, false };
    bool found = gdb_with_thread(gdb_reg_tid(stopped),
                                 write ? gdb_write_regs_on : gdb_read_regs_on, &r);

    if (!found || !r.ok) {
        gdb_send("E01");
    } else {
        gdb_send(write ? "OK" : gdb_out);
    }
}

/* ---- memory ---- */

static void gdb_cmd_read_mem(CPUState *cpu, const char *p)
{
    static uint8_t buf[GDB_PACKET_MAX];
    uint32_t addr, len;

    if (!gdb_parse_addr_len(&p, &addr, &len)) {
        gdb_send("E01");
        return;
    }
    if (len > GDB_PACKET_MAX / 2) {
        len = GDB_PACKET_MAX / 2;
    }
    if (!gdb.ops->read_memory(cpu, addr, buf, len)) {
        gdb_send("E14");         /* EFAULT, as gdbserver says */
        return;
    }
    gdb_put_hex(gdb_out, buf, len);
    gdb_send(gdb_out);
}

/* 'M addr,len:hex' or, binary, 'X addr,len:data' (pkt_len bytes in all). */
static void gdb_cmd_write_mem(CPUState *cpu, const char *p, int pkt_len, bool binary)
{
    static uint8_t buf[GDB_PACKET_MAX];
    const char *end = gdb_in + pkt_len;
    uint32_t addr, len, n = 0;

    if (!gdb_parse_addr_len(&p, &addr, &len) || *p != ':') {
        gdb_send("E01");
        return;
    }
    p++;
    if (binary) {
        while (p < end && n < len) {
            uint8_t c = (uint8_t)*p++;
            if (c == '}' && p < end) {
                c = (uint8_t)*p++ ^ 0x20;
            }
            buf[n++] = c;
        }
    } else if (gdb_get_hex(p, buf, len) == (int)len) {
        n = len;
    }
    if (n != len) {
        gdb_send("E01");
        return;
    }
    gdb_send(len == 0 || gdb.ops->write_memory(cpu, addr, buf, len) ? "OK" : "E14");
}

/* ---- breakpoints ---- */

static void gdb_cmd_breakpoint(const char *p, bool insert)
{
    uint64_t type, addr;

    /* Z0 software and Z1 hardware breakpoints are the same thing here:
     * the translator stops before the address. Watchpoints: unsupported. */
    if (!gdb_parse_num(&p, &type) || (type != 0 && type != 1)) {
        gdb_send("");
        return;
    }
    if (*p++ != ',' || !gdb_parse_num(&p, &addr) || addr > UINT32_MAX) {
        gdb_send("E01");
        return;
    }
    if (insert) {
        gdb_send(cpu_breakpoint_insert((uint32_t)addr) ? "OK" : "E28");
    } else {
        cpu_breakpoint_remove((uint32_t)addr);
        gdb_send("OK");
    }
}

/* ---- queries ---- */

/* Answers a qXfer read of "offset,length" at p from data[0..total):
 * 'm' and a piece, or 'l' and the last piece, binary-escaped. */
static void gdb_xfer_reply(const char *p, const uint8_t *data, size_t total)
{
    uint32_t off, len;
    char *o = gdb_out;

    if (!gdb_parse_addr_len(&p, &off, &len)) {
        gdb_send("E01");
        return;
    }
    if (off >= total) {
        gdb_send("l");
        return;
    }
    if (len > GDB_PACKET_MAX / 2) {
        len = GDB_PACKET_MAX / 2;    /* every byte may need an escape */
    }
    *o++ = off + len >= total ? 'l' : 'm';
    for (size_t i = off; i < total && i < (size_t)off + len; i++) {
        uint8_t c = data[i];
        if (c == '$' || c == '#' || c == '}' || c == '*') {
            *o++ = '}';
            c ^= 0x20;
        }
        *o++ = (char)c;
    }
    gdb_send_bin(gdb_out, (size_t)(o - gdb_out));
}

static void gdb_cmd_xfer(const char *p)
{
    if (strncmp(p, "features:read:target.xml:", 25) == 0) {
        const char *xml = gdb.arch->target_xml();
        gdb_xfer_reply(p + 25, (const uint8_t *)xml, strlen(xml));
    } else if (strncmp(p, "auxv:read::", 11) == 0 && gdb.ops->auxv) {
        size_t size;
        const uint8_t *auxv = gdb.ops->auxv(&size);
        gdb_xfer_reply(p + 11, auxv, size);
    } else if (strncmp(p, "features:read:", 14) == 0) {
        gdb_send("E00");         /* no such annex */
    } else {
        gdb_send("");
    }
}

static void gdb_cmd_query(CPUState *cpu, const char *p)
{
    if (strncmp(p, "qSupported", 10) == 0) {
        snprintf(gdb_out, sizeof(gdb_out),
                 "PacketSize=%x;qXfer:features:read+;QStartNoAckMode+;vContSupported+%s",
                 GDB_PACKET_MAX, gdb.ops->auxv ? ";qXfer:auxv:read+" : "");
        gdb_send(gdb_out);
    } else if (strcmp(p, "qC") == 0) {
        snprintf(gdb_out, sizeof(gdb_out), "QC%x", gdb.ops->thread_id(cpu));
        gdb_send(gdb_out);
    } else if (strcmp(p, "qfThreadInfo") == 0) {
        gdb_reply_thread_list();
    } else if (strcmp(p, "qsThreadInfo") == 0) {
        gdb_send("l");
    } else if (strncmp(p, "qAttached", 9) == 0) {
        gdb_send("1");           /* gdb detaches on quit instead of killing */
    } else if (strncmp(p, "qXfer:", 6) == 0) {
        gdb_cmd_xfer(p + 6);
    } else if (strcmp(p, "qOffsets") == 0 && gdb.ops->load_bias) {
        uint32_t bias = gdb.ops->load_bias();
        snprintf(gdb_out, sizeof(gdb_out), "Text=%x;Data=%x;Bss=%x", bias, bias, bias);
        gdb_send(gdb_out);
    } else if (strncmp(p, "qSymbol", 7) == 0) {
        gdb_send("OK");
    } else {
        gdb_send("");
    }
}

/* ---- resuming ---- */

/* 'vCont;a[:tid];a[:tid]...' into r; false if malformed. */
static bool gdb_parse_vcont(const char *p, GdbResume *r)
{
    r->nb = 0;
    while (*p == ';') {
        GdbAction *a = &r->act[r->nb];
        uint64_t sig = 0;

        if (r->nb == (int)(sizeof(r->act) / sizeof(r->act[0]))) {
            return false;
        }
        p++;
        a->kind = *p++;
        if (a->kind == 'C' || a->kind == 'S') {
            if (!gdb_parse_num(&p, &sig)) {
                return false;
            }
            a->kind = a->kind == 'C' ? 'c' : 's';
        } else if (a->kind != 'c' && a->kind != 's') {
            return false;        /* 't', 'r' and others: not offered in vCont? */
        }
        a->sig = (int)sig;
        a->tid = -1;
        if (*p == ':') {
            p++;
            if (!gdb_parse_tid(&p, &a->tid)) {
                return false;
            }
        }
        r->nb++;
    }
    return *p == 0 && r->nb > 0;
}

/* 'c [addr]', 's [addr]', 'C sig[;addr]', 'S sig[;addr]'. */
static bool gdb_parse_legacy_resume(CPUState *cpu, const char *p, GdbResume *r)
{
    char kind = *p++;
    uint64_t sig = 0, addr;
    GdbAction *a = &r->act[0];

    if (kind == 'C' || kind == 'S') {
        if (!gdb_parse_num(&p, &sig)) {
            return false;
        }
        if (*p == ';') {
            p++;
        }
    }
    if (*p) {
        uint8_t buf[16];
        int size;
        if (!gdb_parse_num(&p, &addr)) {
            return false;
        }
        /* Resume at addr: the pc register, in the guest's byte order. */
        size = gdb.arch->read_reg(cpu, gdb.arch->pc_regnum, buf);
        for (int i = 0; i < size; i++) {
            int shift = cpu->arch->big_endian ? 8 * (size - 1 - i) : 8 * i;
            buf[i] = (uint8_t)(addr >> shift);
        }
        gdb.arch->write_reg(cpu, gdb.arch->pc_regnum, buf);
    }
    r->nb = 1;
    a->kind = (kind == 's' || kind == 'S') ? 's' : 'c';
    a->sig = (int)sig;
    a->tid = -1;
    if (a->kind == 's') {
        /* Step Hc's thread (or the stopped one); the others continue. */
        a->tid = gdb.c_tid > 0 ? gdb.c_tid : gdb.ops->thread_id(cpu);
        r->act[1] = (GdbAction){ -1, 'c', 0 };
        r->nb = 2;
    }
    return true;
}

static const GdbAction *gdb_action_for(const GdbResume *r, int tid)
{
    for (int i = 0; i < r->nb; i++) {
        if (r->act[i].tid == tid || r->act[i].tid == -1 || r->act[i].tid == 0) {
            return &r->act[i];
        }
    }
    return NULL;
}

static void gdb_apply_one(CPUState *cpu, void *p)
{
    const GdbAction *a = gdb_action_for(p, gdb.ops->thread_id(cpu));

    cpu_single_step(cpu, a && a->kind == 's');
}

/* ---- the session ---- */

static void gdb_send_stop_reply(CPUState *cpu, int sig)
{
    snprintf(gdb_out, sizeof(gdb_out), "T%02xthread:%x;", sig & 0xff,
             gdb.ops->thread_id(cpu));
    gdb_send(gdb_out);
}

/* Serves packets until gdb resumes the guest; fills r. Returns false if
 * the connection ended (detach or EOF). The stop reply answers gdb's
 * resume command; on a new connection gdb asks with '?' instead. */
static bool gdb_serve(CPUState *cpu, int sig, GdbResume *r, bool new_connection)
{
    if (!new_connection) {
        gdb_send_stop_reply(cpu, sig);
    }
    for (;;) {
        int len = gdb_read_packet();
        const char *p = gdb_in;
        int tid;

        if (len < 0) {
            return false;
        }
        switch (p[0]) {
        case '?':
            gdb_send_stop_reply(cpu, sig);
            break;
        case 'g':
            gdb_cmd_regs(cpu, NULL, -1, false);
            break;
        case 'G':
            gdb_cmd_regs(cpu, p + 1, -1, true);
            break;
        case 'p': case 'P': {
            uint64_t n;
            p++;
            if (!gdb_parse_num(&p, &n) || n >= (uint64_t)gdb.arch->nb_regs ||
                (gdb_in[0] == 'P' && *p++ != '=')) {
                gdb_send("E01");
                break;
            }
            gdb_cmd_regs(cpu, p, (int)n, gdb_in[0] == 'P');
            break;
        }
        case 'm':
            gdb_cmd_read_mem(cpu, p + 1);
            break;
        case 'M': case 'X':
            gdb_cmd_write_mem(cpu, p + 1, len, p[0] == 'X');
            break;
        case 'Z': case 'z':
            gdb_cmd_breakpoint(p + 1, p[0] == 'Z');
            break;
        case 'c': case 's': case 'C': case 'S':
            if (gdb_parse_legacy_resume(cpu, p, r)) {
                return true;
            }
            gdb_send("E01");
            break;
        case 'v':
            if (strcmp(p, "vCont?") == 0) {
                gdb_send("vCont;c;C;s;S");
            } else if (strncmp(p, "vCont;", 6) == 0) {
                if (gdb_parse_vcont(p + 5, r)) {
                    return true;
                }
                gdb_send("E01");
            } else if (strncmp(p, "vKill", 5) == 0) {
                gdb_send("OK");
                gdb.ops->kill();
                return false;
            } else {
                gdb_send("");
            }
            break;
        case 'H':
            p += 2;
            if ((gdb_in[1] != 'g' && gdb_in[1] != 'c') || !gdb_parse_tid(&p, &tid) ||
                (tid > 0 && !gdb_with_thread(tid, gdb_nop, NULL))) {
                gdb_send("E01");
                break;
            }
            *(gdb_in[1] == 'g' ? &gdb.g_tid : &gdb.c_tid) = tid;
            gdb_send("OK");
            break;
        case 'T':
            p++;
            gdb_send(gdb_parse_tid(&p, &tid) && tid > 0 &&
                     gdb_with_thread(tid, gdb_nop, NULL) ? "OK" : "E01");
            break;
        case 'q':
            gdb_cmd_query(cpu, p);
            break;
        case 'Q':
            if (strcmp(p, "QStartNoAckMode") == 0) {
                gdb_send("OK");
                gdb.no_ack = true;
            } else {
                gdb_send("");
            }
            break;
        case 'D':
            gdb_send("OK");
            return false;
        case 'k':
            gdb.ops->kill();
            return false;
        default:
            gdb_send("");
            break;
        }
    }
}

int gdb_handle_stop(CPUState *cpu, int sig)
{
    GdbResume r = { .nb = 0 };
    const GdbAction *mine;
    int ret = sig;

    if (!gdb_attached()) {
        return sig;
    }
    start_exclusive();
    pthread_mutex_lock(&gdb_lock);
    bool new_connection = false;
    if (gdb.fd < 0 && gdb.listen_fd >= 0) {
        gdb_accept();
        new_connection = true;
    }
    if (gdb.fd >= 0) {
        gdb_watch_set(false);
        if (gdb_serve(cpu, sig, &r, new_connection)) {
            cpu_foreach(gdb_apply_one, &r);
            mine = gdb_action_for(&r, gdb.ops->thread_id(cpu));
            ret = mine ? mine->sig : 0;
            gdb_watch_set(true);
        } else {
            gdb_disconnect();
            ret = 0;
        }
    }
    pthread_mutex_unlock(&gdb_lock);
    end_exclusive();
    return ret;
}

static void gdb_report_end(const char *packet)
{
    pthread_mutex_lock(&gdb_lock);
    if (gdb.fd >= 0) {
        gdb_watch_stop();
        gdb_send(packet);
        gdb_close_fd(&gdb.fd);
    }
    gdb_close_fd(&gdb.listen_fd);
    pthread_mutex_unlock(&gdb_lock);
}

void gdb_report_exit(int status)
{
    char p[8];

    snprintf(p, sizeof(p), "W%02x", status & 0xff);
    gdb_report_end(p);
}

void gdb_report_signaled(int sig)
{
    char p[8];

    snprintf(p, sizeof(p), "X%02x", sig & 0xff);
    gdb_report_end(p);
}

void gdb_forget_in_child(CPUState *cpu)
{
    if (!gdb_attached()) {
        return;
    }
    /* The parent keeps the connection; the child only closes its copy
     * (the watcher thread did not survive the fork). */
    gdb_watch.started = false;
    gdb_close_fd(&gdb.fd);
    gdb_close_fd(&gdb.listen_fd);
    cpu_breakpoint_remove_all();
    cpu_single_step(cpu, false);
}
