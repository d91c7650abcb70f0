// Sockets on a 32-bit big-endian guest: AF_INET TCP and UDP over
// loopback with bind/getsockname/connect/accept/getpeername (sa_family
// and the address, not the ephemeral port), sendto/recvfrom with
// addresses, send/recv, socket options whose numbers or values differ
// from the host's (SO_PASSCRED, SO_PEERCRED, SO_RCVLOWAT, SO_RCVTIMEO,
// SO_LINGER, ints), AF_UNIX names and sendmsg/recvmsg with SCM_RIGHTS.
// (32-bit time_t here: qemu-ppc 7.2 mishandles the 64-bit SO_RCVTIMEO_NEW.)
#define _GNU_SOURCE
#define _FILE_OFFSET_BITS 64
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <sys/un.h>
#include <unistd.h>

static void show_addr(const char *what, int r, const struct sockaddr_in *a, socklen_t len)
{
    char buf[32];
    inet_ntop(AF_INET, &a->sin_addr, buf, sizeof(buf));
    printf("%s: %d len %u family %s addr %s port-set %d\n", what, r, (unsigned)len,
           a->sin_family == AF_INET ? "AF_INET" : "?", buf, a->sin_port != 0);
}

static int intopt(int fd, int level, int name)
{
    int v = -12345;
    socklen_t len = sizeof(v);
    int r = getsockopt(fd, level, name, &v, &len);
    return r < 0 ? -1000 - errno : v;
}

static void tcp(void)
{
    int ls = socket(AF_INET, SOCK_STREAM, 0);
    int one = 1;
    printf("SO_REUSEADDR set %d get %d\n", setsockopt(ls, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one)),
           intopt(ls, SOL_SOCKET, SO_REUSEADDR));
    printf("SO_TYPE %d SO_DOMAIN %d SO_PROTOCOL %d SO_ACCEPTCONN %d\n",
           intopt(ls, SOL_SOCKET, SO_TYPE), intopt(ls, SOL_SOCKET, SO_DOMAIN),
           intopt(ls, SOL_SOCKET, SO_PROTOCOL), intopt(ls, SOL_SOCKET, SO_ACCEPTCONN));
    struct sockaddr_in a = { .sin_family = AF_INET, .sin_port = 0 };
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    printf("bind %d\n", bind(ls, (struct sockaddr *)&a, sizeof(a)));
    printf("listen %d SO_ACCEPTCONN %d\n", listen(ls, 4), intopt(ls, SOL_SOCKET, SO_ACCEPTCONN));
    struct sockaddr_in got;
    socklen_t len = sizeof(got);
    memset(&got, 0, sizeof(got));
    show_addr("getsockname", getsockname(ls, (struct sockaddr *)&got, &len), &got, len);
    int c = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, IPPROTO_TCP);
    printf("connect %d\n", connect(c, (struct sockaddr *)&got, sizeof(got)));
    struct sockaddr_in peer;
    len = sizeof(peer);
    memset(&peer, 0, sizeof(peer));
    int s = accept(ls, (struct sockaddr *)&peer, &len);
    show_addr("accept peer", s >= 0, &peer, len);
    len = sizeof(peer);
    memset(&peer, 0, sizeof(peer));
    show_addr("getpeername", getpeername(c, (struct sockaddr *)&peer, &len), &peer, len);
    struct sockaddr_in mine;
    len = sizeof(mine);
    getsockname(c, (struct sockaddr *)&mine, &len);
    len = sizeof(peer);
    getpeername(s, (struct sockaddr *)&peer, &len);
    printf("ports agree %d\n", mine.sin_port == peer.sin_port);
    /* a short buffer: truncated, the full length reported */
    char small[4];
    len = sizeof(small);
    printf("getsockname short %d len %u family-bytes-ok %d\n",
           getsockname(c, (struct sockaddr *)small, &len), (unsigned)len,
           ((struct sockaddr *)small)->sa_family == AF_INET);
    printf("TCP_NODELAY set %d get %d\n", setsockopt(c, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one)),
           intopt(c, IPPROTO_TCP, TCP_NODELAY) != 0);
    printf("TCP_MAXSEG positive %d\n", intopt(c, IPPROTO_TCP, TCP_MAXSEG) > 0);
    int lowat = 3;
    printf("SO_RCVLOWAT set %d get %d\n", setsockopt(s, SOL_SOCKET, SO_RCVLOWAT, &lowat, sizeof(lowat)),
           intopt(s, SOL_SOCKET, SO_RCVLOWAT));
    struct timeval tv = { 2, 500000 };
    printf("SO_RCVTIMEO set %d\n", setsockopt(s, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv)));
    memset(&tv, 0, sizeof(tv));
    len = sizeof(tv);
    printf("SO_RCVTIMEO get %d %lld.%06ld len-ok %d\n",
           getsockopt(s, SOL_SOCKET, SO_RCVTIMEO, &tv, &len), (long long)tv.tv_sec,
           (long)tv.tv_usec, len == sizeof(tv));
    struct linger lg = { 1, 7 };
    printf("SO_LINGER set %d\n", setsockopt(c, SOL_SOCKET, SO_LINGER, &lg, sizeof(lg)));
    memset(&lg, 0, sizeof(lg));
    len = sizeof(lg);
    printf("SO_LINGER get %d onoff %d linger %d\n", getsockopt(c, SOL_SOCKET, SO_LINGER, &lg, &len),
           lg.l_onoff, lg.l_linger);
    printf("SO_ERROR %d SO_KEEPALIVE %d\n", intopt(c, SOL_SOCKET, SO_ERROR),
           intopt(c, SOL_SOCKET, SO_KEEPALIVE));
    printf("send %zd\n", send(c, "hello", 5, 0));
    char b[16] = { 0 };
    printf("recv %zd '%s'\n", recv(s, b, sizeof(b), MSG_WAITALL & 0), b);
    printf("write %zd\n", write(s, "back", 4));
    memset(b, 0, sizeof(b));
    printf("read %zd '%s'\n", read(c, b, sizeof(b)), b);
    printf("shutdown %d\n", shutdown(c, SHUT_WR));
    printf("recv eof %zd\n", recv(s, b, sizeof(b), 0));
    close(s);
    close(c);
    close(ls);
}

static void udp(void)
{
    int u1 = socket(AF_INET, SOCK_DGRAM, 0), u2 = socket(AF_INET, SOCK_DGRAM, 0);
    struct sockaddr_in a = { .sin_family = AF_INET };
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    bind(u1, (struct sockaddr *)&a, sizeof(a));
    bind(u2, (struct sockaddr *)&a, sizeof(a));
    struct sockaddr_in a1, a2;
    socklen_t len = sizeof(a1);
    getsockname(u1, (struct sockaddr *)&a1, &len);
    len = sizeof(a2);
    getsockname(u2, (struct sockaddr *)&a2, &len);
    printf("udp sendto %zd\n", sendto(u1, "dgram", 5, 0, (struct sockaddr *)&a2, sizeof(a2)));
    struct sockaddr_in from;
    memset(&from, 0, sizeof(from));
    len = sizeof(from);
    char b[16] = { 0 };
    ssize_t n = recvfrom(u2, b, sizeof(b), 0, (struct sockaddr *)&from, &len);
    show_addr("recvfrom", (int)n, &from, len);
    printf("from is u1 %d data '%s'\n", from.sin_port == a1.sin_port, b);
    printf("connect udp %d\n", connect(u2, (struct sockaddr *)&a1, sizeof(a1)));
    printf("send %zd\n", send(u2, "reply", 5, 0));
    memset(b, 0, sizeof(b));
    printf("recvfrom no addr %zd '%s'\n", recvfrom(u1, b, sizeof(b), 0, NULL, NULL), b);
    struct sockaddr_in bad = { .sin_family = AF_INET6 };
    errno = 0;
    printf("sendto wrong family %zd errno-set %d\n",
           sendto(u1, "x", 1, 0, (struct sockaddr *)&bad, sizeof(bad)), errno != 0);
    int ttl = 9;
    printf("IP_TTL set %d get %d\n", setsockopt(u1, IPPROTO_IP, IP_TTL, &ttl, sizeof(ttl)),
           intopt(u1, IPPROTO_IP, IP_TTL));
    close(u1);
    close(u2);
}

static void unix_sockets(void)
{
    int sv[2];
    socketpair(AF_UNIX, SOCK_STREAM, 0, sv);
    struct ucred cr;
    socklen_t len = sizeof(cr);
    printf("SO_PEERCRED %d pid-ok %d uid-ok %d gid-ok %d\n",
           getsockopt(sv[0], SOL_SOCKET, SO_PEERCRED, &cr, &len), cr.pid == getpid(),
           cr.uid == getuid(), cr.gid == getgid());
    int one = 1;
    printf("SO_PASSCRED set %d get %d\n", setsockopt(sv[1], SOL_SOCKET, SO_PASSCRED, &one, sizeof(one)),
           intopt(sv[1], SOL_SOCKET, SO_PASSCRED));
    struct sockaddr_un un;
    len = sizeof(un);
    memset(&un, 0x55, sizeof(un));
    printf("getsockname unnamed %d len %u family-ok %d\n",
           getsockname(sv[0], (struct sockaddr *)&un, &len), (unsigned)len, un.sun_family == AF_UNIX);
    /* pass an fd with SCM_RIGHTS */
    int p[2];
    pipe(p);
    write(p[1], "via fd", 6);
    char cbuf[CMSG_SPACE(sizeof(int))];
    memset(cbuf, 0, sizeof(cbuf));
    struct iovec iov = { "F", 1 };
    struct msghdr m = { .msg_iov = &iov, .msg_iovlen = 1, .msg_control = cbuf,
                        .msg_controllen = sizeof(cbuf) };
    struct cmsghdr *c = CMSG_FIRSTHDR(&m);
    c->cmsg_level = SOL_SOCKET;
    c->cmsg_type = SCM_RIGHTS;
    c->cmsg_len = CMSG_LEN(sizeof(int));
    memcpy(CMSG_DATA(c), &p[0], sizeof(int));
    printf("sendmsg %zd\n", sendmsg(sv[0], &m, 0));
    char rb[4] = { 0 };
    char rc[256];
    struct iovec riov = { rb, sizeof(rb) };
    struct msghdr rm = { .msg_iov = &riov, .msg_iovlen = 1, .msg_control = rc,
                         .msg_controllen = sizeof(rc) };
    printf("recvmsg %zd '%c'\n", recvmsg(sv[1], &rm, 0), rb[0]);
    for (c = CMSG_FIRSTHDR(&rm); c; c = CMSG_NXTHDR(&rm, c)) {
        if (c->cmsg_level == SOL_SOCKET && c->cmsg_type == SCM_RIGHTS) {
            int fd;
            memcpy(&fd, CMSG_DATA(c), sizeof(fd));
            char b[8] = { 0 };
            printf("  SCM_RIGHTS fd read %zd '%s'\n", read(fd, b, 6), b);
            close(fd);
        } else if (c->cmsg_level == SOL_SOCKET && c->cmsg_type == SCM_CREDENTIALS) {
            struct ucred u;
            memcpy(&u, CMSG_DATA(c), sizeof(u));
            printf("  SCM_CREDENTIALS pid-ok %d uid-ok %d\n", u.pid == getpid(), u.uid == getuid());
        } else {
            printf("  cmsg level %d type %d\n", c->cmsg_level, c->cmsg_type);
        }
    }
    close(p[0]);
    close(p[1]);
    close(sv[0]);
    close(sv[1]);
    /* a named datagram socket in the abstract namespace */
    int d1 = socket(AF_UNIX, SOCK_DGRAM, 0), d2 = socket(AF_UNIX, SOCK_DGRAM, 0);
    struct sockaddr_un n1 = { .sun_family = AF_UNIX };
    snprintf(n1.sun_path + 1, sizeof(n1.sun_path) - 1, "mimic-lu-net-%d", (int)getpid());
    socklen_t l1 = offsetof(struct sockaddr_un, sun_path) + 1 + strlen(n1.sun_path + 1);
    printf("bind abstract %d\n", bind(d1, (struct sockaddr *)&n1, l1));
    printf("sendto abstract %zd\n", sendto(d2, "abs", 3, 0, (struct sockaddr *)&n1, l1));
    char b[8] = { 0 };
    struct sockaddr_un from;
    len = sizeof(from);
    printf("recvfrom abstract %zd '%s' from-len %u\n",
           recvfrom(d1, b, sizeof(b), 0, (struct sockaddr *)&from, &len), b, (unsigned)len);
    struct sockaddr_un me;
    len = sizeof(me);
    getsockname(d1, (struct sockaddr *)&me, &len);
    printf("getsockname abstract family-ok %d len-ok %d name-ok %d\n", me.sun_family == AF_UNIX,
           len == l1, memcmp(me.sun_path, n1.sun_path, l1 - offsetof(struct sockaddr_un, sun_path)) == 0);
    close(d1);
    close(d2);
}

int main(void)
{
    setvbuf(stdout, NULL, _IOLBF, 0);
    tcp();
    udp();
    unix_sockets();
    return 0;
}
