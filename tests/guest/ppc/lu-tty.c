// Terminals on a 32-bit big-endian guest: a pseudo-terminal pair
// (posix_openpt, grantpt, unlockpt, ptsname), isatty, tcgetattr and
// tcsetattr (ppc's termios flag bits and c_cc slots differ from the
// host's), canonical and raw input, echo, speeds, window size and
// TIOCGPTN. Prints flags as named bits so the output is ABI-neutral.
#define _GNU_SOURCE
#define _FILE_OFFSET_BITS 64
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <unistd.h>

static void flags(const char *what, const struct termios *t)
{
    printf("%s: ICANON %d ECHO %d ECHOE %d ECHOK %d ISIG %d IEXTEN %d ECHOCTL %d ECHOKE %d"
           " NOFLSH %d TOSTOP %d\n", what, !!(t->c_lflag & ICANON), !!(t->c_lflag & ECHO),
           !!(t->c_lflag & ECHOE), !!(t->c_lflag & ECHOK), !!(t->c_lflag & ISIG),
           !!(t->c_lflag & IEXTEN), !!(t->c_lflag & ECHOCTL), !!(t->c_lflag & ECHOKE),
           !!(t->c_lflag & NOFLSH), !!(t->c_lflag & TOSTOP));
    printf("  iflag ICRNL %d IXON %d IXOFF %d IXANY %d IMAXBEL %d IUTF8 %d BRKINT %d ISTRIP %d\n",
           !!(t->c_iflag & ICRNL), !!(t->c_iflag & IXON), !!(t->c_iflag & IXOFF),
           !!(t->c_iflag & IXANY), !!(t->c_iflag & IMAXBEL), !!(t->c_iflag & IUTF8),
           !!(t->c_iflag & BRKINT), !!(t->c_iflag & ISTRIP));
    printf("  oflag OPOST %d ONLCR %d OCRNL %d TAB3 %d\n", !!(t->c_oflag & OPOST),
           !!(t->c_oflag & ONLCR), !!(t->c_oflag & OCRNL), (t->c_oflag & TABDLY) == TAB3);
    printf("  cflag CS8 %d CS7 %d CREAD %d PARENB %d CSTOPB %d HUPCL %d CLOCAL %d\n",
           (t->c_cflag & CSIZE) == CS8, (t->c_cflag & CSIZE) == CS7, !!(t->c_cflag & CREAD),
           !!(t->c_cflag & PARENB), !!(t->c_cflag & CSTOPB), !!(t->c_cflag & HUPCL),
           !!(t->c_cflag & CLOCAL));
    printf("  cc INTR %d QUIT %d ERASE %d KILL %d EOF %d START %d STOP %d SUSP %d"
           " WERASE %d LNEXT %d", t->c_cc[VINTR], t->c_cc[VQUIT], t->c_cc[VERASE],
           t->c_cc[VKILL], t->c_cc[VEOF], t->c_cc[VSTART], t->c_cc[VSTOP], t->c_cc[VSUSP],
           t->c_cc[VWERASE], t->c_cc[VLNEXT]);
    if (!(t->c_lflag & ICANON)) {
        printf(" MIN %d TIME %d", t->c_cc[VMIN], t->c_cc[VTIME]);
    }
    printf("\n  ospeed %s ispeed %s\n",
           cfgetospeed(t) == B38400 ? "38400" : cfgetospeed(t) == B9600 ? "9600" :
           cfgetospeed(t) == B115200 ? "115200" : "other",
           cfgetispeed(t) == B38400 ? "38400" : cfgetispeed(t) == B9600 ? "9600" :
           cfgetispeed(t) == B115200 ? "115200" : cfgetispeed(t) == 0 ? "0" : "other");
}

static void drain(int fd, const char *what)
{
    char b[64];
    struct pollfd p = { fd, POLLIN, 0 };
    while (poll(&p, 1, 200) > 0 && (p.revents & POLLIN)) {
        ssize_t n = read(fd, b, sizeof(b));
        if (n <= 0) {
            break;
        }
        printf("%s %zd:", what, n);
        for (ssize_t i = 0; i < n; i++) {
            printf(" %02x", (unsigned char)b[i]);
        }
        printf("\n");
    }
}

int main(void)
{
    setvbuf(stdout, NULL, _IOLBF, 0);
    printf("isatty(pipe) %d", ({ int p[2]; pipe(p); int r = isatty(p[0]); close(p[0]); close(p[1]); r; }));
    printf(" errno-ENOTTY %d\n", errno == ENOTTY);
    int m = posix_openpt(O_RDWR | O_NOCTTY);
    printf("posix_openpt ok %d grantpt %d unlockpt %d\n", m >= 0, grantpt(m), unlockpt(m));
    const char *name = ptsname(m);
    printf("ptsname /dev/pts/ %d\n", name && strncmp(name, "/dev/pts/", 9) == 0);
    unsigned ptn = 12345;
    printf("TIOCGPTN %d matches %d\n", ioctl(m, TIOCGPTN, &ptn), name && (unsigned)atoi(name + 9) == ptn);
    int s = open(name, O_RDWR | O_NOCTTY);
    printf("open slave ok %d isatty %d\n", s >= 0, isatty(s));
    struct termios t;
    printf("tcgetattr %d\n", tcgetattr(s, &t));
    flags("default", &t);

    /* canonical input with echo */
    write(m, "ab\x7f" "c\n", 5);
    char b[32] = { 0 };
    ssize_t n = read(s, b, sizeof(b));
    printf("canonical read %zd '%.*s'\n", n, (int)(n > 0 ? n - 1 : 0), b);
    drain(m, "echo");

    /* raw mode */
    struct termios raw = t;
    cfmakeraw(&raw);
    raw.c_cc[VMIN] = 1;
    raw.c_cc[VTIME] = 0;
    printf("tcsetattr raw %d\n", tcsetattr(s, TCSANOW, &raw));
    struct termios back;
    tcgetattr(s, &back);
    flags("raw", &back);
    write(m, "xy\n", 3);
    memset(b, 0, sizeof(b));
    n = read(s, b, sizeof(b));
    printf("raw read %zd first '%c'\n", n, b[0]);
    drain(s, "raw rest");
    drain(m, "raw echo");

    /* change individual settings: c_cc slots, speeds, flags */
    struct termios c = t;
    c.c_lflag &= ~(ECHO | ICANON);
    c.c_lflag |= NOFLSH | TOSTOP;
    c.c_iflag |= IXOFF | IXANY;
    c.c_iflag &= ~IXON;
    c.c_oflag |= OCRNL;
    c.c_cflag = (c.c_cflag & ~CSIZE) | CS7 | PARENB | CSTOPB;
    c.c_cc[VMIN] = 5;
    c.c_cc[VTIME] = 7;
    c.c_cc[VINTR] = 1;
    c.c_cc[VSUSP] = 2;
    c.c_cc[VWERASE] = 3;
    c.c_cc[VSTART] = 4;
    cfsetospeed(&c, B9600);
    cfsetispeed(&c, B9600);
    printf("tcsetattr custom %d\n", tcsetattr(s, TCSADRAIN, &c));
    tcgetattr(s, &back);
    flags("custom", &back);
    cfsetospeed(&c, B115200);
    cfsetispeed(&c, B115200);
    printf("tcsetattr 115200 %d\n", tcsetattr(s, TCSAFLUSH, &c));
    tcgetattr(s, &back);
    printf("speed 115200 %d\n", cfgetospeed(&back) == B115200);
    printf("tcsetattr restore %d\n", tcsetattr(s, TCSANOW, &t));
    tcgetattr(s, &back);
    printf("restored equal flags %d\n", back.c_lflag == t.c_lflag && back.c_iflag == t.c_iflag &&
           back.c_oflag == t.c_oflag && back.c_cflag == t.c_cflag);

    struct winsize ws = { 33, 101, 0, 0 };
    printf("TIOCSWINSZ %d\n", ioctl(m, TIOCSWINSZ, &ws));
    memset(&ws, 0, sizeof(ws));
    printf("TIOCGWINSZ %d rows %d cols %d\n", ioctl(s, TIOCGWINSZ, &ws), ws.ws_row, ws.ws_col);
    write(m, "zz", 2);
    int avail = -1;
    usleep(10000);
    printf("FIONREAD %d (canonical, no newline yet: %d)\n", ioctl(s, FIONREAD, &avail), avail);
    printf("tcflush %d\n", tcflush(s, TCIFLUSH));
    printf("tcdrain %d\n", tcdrain(s));
    printf("tcsendbreak %d\n", tcsendbreak(m, 0) == 0 || errno != 0);
    close(s);
    close(m);
    return 0;
}
