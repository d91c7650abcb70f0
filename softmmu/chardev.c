/*
 * Character back ends (include/sysemu/chardev.h): stdio, file:PATH and
 * none/null. With -nographic the stdio back end is QEMU's Ctrl-A mux when
 * stdin is a terminal; a pipe on stdin is forwarded byte for byte.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>
#include "sysemu/chardev.h"
#include "sysemu/sysemu.h"

typedef enum ChardevKind { CHR_NULL, CHR_STDIO, CHR_FILE } ChardevKind;

struct Chardev {
    ChardevKind kind;
    int out_fd, in_fd;          /* -1: none */
    bool in_eof;
    int (*can_receive)(void *opaque);
    void (*receive)(void *opaque, const uint8_t *buf, size_t len);
    void *opaque;
    struct Chardev *next;
};

#define CTRL_A 0x01

static Chardev *chardev_list;
static Chardev *stdio_reader;       /* the stdio back end that reads stdin */
static bool stdio_mux;              /* -nographic on a terminal */
static bool mux_escape;             /* a Ctrl-A was typed */
static bool tty_saved;
static struct termios tty_orig;

bool chardev_nographic;

static void chardev_tty_restore(void)
{
    if (tty_saved) {
        tcsetattr(STDIN_FILENO, TCSANOW, &tty_orig);
    }
}

static void chardev_fatal_signal(int sig)
{
    chardev_tty_restore();
    signal(sig, SIG_DFL);
    raise(sig);
}

/* Raw terminal: the guest sees every key; Ctrl-C goes to the guest under
 * the -nographic mux, and stops Mimic otherwise (as QEMU's stdio). */
static void chardev_tty_raw(bool keep_signals)
{
    struct termios t;
    static const int sigs[] = { SIGINT, SIGTERM, SIGHUP, SIGQUIT };

    if (tty_saved || tcgetattr(STDIN_FILENO, &tty_orig) < 0) {
        return;
    }
    tty_saved = true;
    t = tty_orig;
    t.c_iflag &= ~(IGNBRK | BRKINT | PARMRK | ISTRIP | INLCR | IGNCR | ICRNL | IXON);
    t.c_oflag |= OPOST;
    t.c_lflag &= ~(ECHO | ECHONL | ICANON | IEXTEN);
    if (!keep_signals) {
        t.c_lflag &= ~ISIG;
    }
    t.c_cflag &= ~(CSIZE | PARENB);
    t.c_cflag |= CS8;
    t.c_cc[VMIN] = 1;
    t.c_cc[VTIME] = 0;
    tcsetattr(STDIN_FILENO, TCSANOW, &t);
    atexit(chardev_tty_restore);
    for (size_t i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++) {
        signal(sigs[i], chardev_fatal_signal);
    }
}

static Chardev *chardev_alloc(ChardevKind kind, int out_fd, int in_fd)
{
    Chardev *c = calloc(1, sizeof(*c));

    if (!c) {
        fprintf(stderr, "%s: out of memory\n", sys_progname);
        exit(1);
    }
    c->kind = kind;
    c->out_fd = out_fd;
    c->in_fd = in_fd;
    c->next = chardev_list;
    chardev_list = c;
    return c;
}

static Chardev *chardev_new_stdio(void)
{
    int in_fd = -1;

    if (!stdio_reader) {
        in_fd = STDIN_FILENO;
        if (isatty(STDIN_FILENO)) {
            stdio_mux = chardev_nographic;
            chardev_tty_raw(!chardev_nographic);
        }
    }
    Chardev *c = chardev_alloc(CHR_STDIO, STDOUT_FILENO, in_fd);
    if (in_fd >= 0) {
        stdio_reader = c;
    }
    return c;
}

Chardev *chardev_new(const char *spec)
{
    if (!strcmp(spec, "stdio")) {
        return chardev_new_stdio();
    }
    if (!strcmp(spec, "none") || !strcmp(spec, "null")) {
        return chardev_alloc(CHR_NULL, -1, -1);
    }
    if (!strncmp(spec, "file:", 5) && spec[5]) {
        int fd = open(spec + 5, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
        if (fd < 0) {
            fprintf(stderr, "%s: cannot open '%s': %s\n", sys_progname, spec + 5,
                    strerror(errno));
            return NULL;
        }
        return chardev_alloc(CHR_FILE, fd, -1);
    }
    fprintf(stderr, "%s: unknown character device '%s' (use stdio, file:PATH, none or null)\n",
            sys_progname, spec);
    return NULL;
}

void chardev_write(Chardev *c, const uint8_t *buf, size_t len)
{
    while (c && c->out_fd >= 0 && len > 0) {
        ssize_t n = write(c->out_fd, buf, len);
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n < 0 && errno == EAGAIN) {
            struct pollfd p = { .fd = c->out_fd, .events = POLLOUT };
            poll(&p, 1, 100);
            continue;
        }
        if (n <= 0) {
            return;     /* a closed pipe or full disk loses the output */
        }
        buf += n;
        len -= n;
    }
}

void chardev_set_handlers(Chardev *c, int (*can_receive)(void *opaque),
                          void (*receive)(void *opaque, const uint8_t *buf, size_t len),
                          void *opaque)
{
    c->can_receive = can_receive;
    c->receive = receive;
    c->opaque = opaque;
}

static void chardev_deliver(Chardev *c, const uint8_t *buf, size_t len)
{
    if (c->receive && len) {
        c->receive(c->opaque, buf, len);
    }
}

static void chardev_mux_help(void)
{
    static const char help[] =
        "\r\n"
        "C-a h    print this help\r\n"
        "C-a x    exit emulator\r\n"
        "C-a C-a  sends C-a\r\n";
    chardev_write(stdio_reader, (const uint8_t *)help, sizeof(help) - 1);
}

/* Ctrl-A commands of the -nographic mux; other bytes go to the guest. */
static size_t chardev_mux_filter(uint8_t *buf, size_t len)
{
    size_t out = 0;

    for (size_t i = 0; i < len; i++) {
        uint8_t ch = buf[i];
        if (mux_escape) {
            mux_escape = false;
            if (ch == 'x') {
                static const char msg[] = "\r\nmimic-system-i386: terminated\r\n";
                chardev_write(stdio_reader, (const uint8_t *)msg, sizeof(msg) - 1);
                sys_shutdown_request(0);
            } else if (ch == 'h' || ch == '?') {
                chardev_mux_help();
            } else if (ch == CTRL_A) {
                buf[out++] = CTRL_A;
            }
        } else if (ch == CTRL_A) {
            mux_escape = true;
        } else {
            buf[out++] = ch;
        }
    }
    return out;
}

static void chardev_poll_one(Chardev *c)
{
    uint8_t buf[256];
    int room;
    ssize_t n;

    if (c->in_fd < 0 || c->in_eof || !c->receive || !c->can_receive) {
        return;
    }
    room = c->can_receive(c->opaque);
    if (room <= 0) {
        return;
    }
    /* No O_NONBLOCK: a terminal's flags are shared with the shell. */
    struct pollfd p = { .fd = c->in_fd, .events = POLLIN };
    if (poll(&p, 1, 0) <= 0) {
        return;
    }
    if ((size_t)room > sizeof(buf)) {
        room = sizeof(buf);
    }
    n = read(c->in_fd, buf, room);
    if (n == 0) {
        c->in_eof = true;       /* a pipe that ended: the guest just sees no more input */
        return;
    }
    if (n < 0) {
        if (errno != EAGAIN && errno != EINTR) {
            c->in_eof = true;
        }
        return;
    }
    if (stdio_mux && c == stdio_reader) {
        n = chardev_mux_filter(buf, n);
    }
    chardev_deliver(c, buf, n);
}

void chardevs_poll(void)
{
    for (Chardev *c = chardev_list; c; c = c->next) {
        chardev_poll_one(c);
    }
}

int chardevs_fill_pollfds(void *pollfds, int max)
{
    struct pollfd *p = pollfds;
    int n = 0;

    for (Chardev *c = chardev_list; c && n < max; c = c->next) {
        if (c->in_fd < 0 || c->in_eof || !c->receive || !c->can_receive ||
            c->can_receive(c->opaque) <= 0) {
            continue;
        }
        p[n].fd = c->in_fd;
        p[n].events = POLLIN;
        p[n].revents = 0;
        n++;
    }
    return n;
}
