// Sockets over loopback in one process: AF_UNIX socketpair (stream and
// datagram, SCM_RIGHTS fd passing), AF_INET TCP and UDP on 127.0.0.1,
// socket options (incl. SO_RCVTIMEO timeval), names, shutdown.
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <sys/uio.h>
#include <sys/un.h>
#include <unistd.h>

static void unix_tests(void)
{
    int sv[2];
    char buf[64];
    int r = socketpair(AF_UNIX, SOCK_STREAM, 0, sv);
    printf("socketpair stream %d\n", r);
    ssize_t n = send(sv[0], "ping", 4, 0);
    printf("send %zd\n", n);
    n = recv(sv[1], buf, sizeof(buf), 0);
    printf("recv %zd '%.*s'\n", n, (int)n, buf);

    /* pass a pipe's read end over the socket */
    int p[2];
    r = pipe(p);
    n = write(p[1], "through fd", 10);
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
    n = sendmsg(sv[0], &m, 0);
    printf("sendmsg %zd\n", n);
    char one;
    char rbuf[CMSG_SPACE(sizeof(int)) + 16];
    struct iovec riov = { &one, 1 };
    struct msghdr rm = { .msg_iov = &riov, .msg_iovlen = 1, .msg_control = rbuf,
                         .msg_controllen = sizeof(rbuf) };
    n = recvmsg(sv[1], &rm, 0);
    printf("recvmsg %zd byte %c controllen>0 %d\n", n, one, rm.msg_controllen > 0);
    struct cmsghdr *rc = CMSG_FIRSTHDR(&rm);
    if (rc && rc->cmsg_type == SCM_RIGHTS) {
        int fd;
        memcpy(&fd, CMSG_DATA(rc), sizeof(int));
        n = read(fd, buf, sizeof(buf));
        printf("read passed fd %zd '%.*s' new fd differs %d\n", n, (int)n, buf, fd != p[0]);
        close(fd);
    } else {
        printf("no SCM_RIGHTS\n");
    }
    close(p[0]);
    close(p[1]);
    r = shutdown(sv[0], SHUT_WR);
    printf("shutdown %d\n", r);
    n = recv(sv[1], buf, sizeof(buf), 0);
    printf("recv after shutdown %zd\n", n);
    close(sv[0]);
    close(sv[1]);

    r = socketpair(AF_UNIX, SOCK_DGRAM, 0, sv);
    printf("socketpair dgram %d\n", r);
    n = send(sv[0], "a", 1, 0);
    n = send(sv[0], "bc", 2, 0);
    n = recv(sv[1], buf, sizeof(buf), 0);
    printf("dgram 1: %zd\n", n);
    n = recv(sv[1], buf, sizeof(buf), 0);
    printf("dgram 2: %zd\n", n);
    n = recv(sv[1], buf, sizeof(buf), MSG_DONTWAIT);
    printf("dgram empty %zd errno %d\n", n, errno);
    close(sv[0]);
    close(sv[1]);
}

static void inet_tests(void)
{
    char buf[64];
    int ls = socket(AF_INET, SOCK_STREAM, 0);
    printf("socket ok %d\n", ls >= 0);
    int one = 1, val = 0;
    socklen_t len = sizeof(val);
    int r = setsockopt(ls, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
    printf("setsockopt %d\n", r);
    r = getsockopt(ls, SOL_SOCKET, SO_REUSEADDR, &val, &len);
    printf("getsockopt %d val %d len %u\n", r, val, (unsigned)len);
    struct sockaddr_in a = { .sin_family = AF_INET, .sin_port = 0 };
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    r = bind(ls, (struct sockaddr *)&a, sizeof(a));
    printf("bind %d\n", r);
    r = listen(ls, 4);
    printf("listen %d\n", r);
    struct sockaddr_in got;
    len = sizeof(got);
    r = getsockname(ls, (struct sockaddr *)&got, &len);
    printf("getsockname %d family %d addr %s port>0 %d\n", r, got.sin_family,
           inet_ntoa(got.sin_addr), ntohs(got.sin_port) > 0);
    int cs = socket(AF_INET, SOCK_STREAM, 0);
    r = connect(cs, (struct sockaddr *)&got, sizeof(got));
    printf("connect %d\n", r);
    struct sockaddr_in peer;
    len = sizeof(peer);
    int as = accept(ls, (struct sockaddr *)&peer, &len);
    printf("accept ok %d peer %s len %u\n", as >= 0, inet_ntoa(peer.sin_addr), (unsigned)len);
    r = setsockopt(cs, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
    printf("TCP_NODELAY %d\n", r);
    ssize_t n = write(cs, "over tcp", 8);
    printf("write %zd\n", n);
    n = read(as, buf, sizeof(buf));
    printf("read %zd '%.*s'\n", n, (int)n, buf);
    struct timeval tv = { 0, 200000 }, tv2;
    r = setsockopt(as, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
    printf("SO_RCVTIMEO set %d\n", r);
    len = sizeof(tv2);
    r = getsockopt(as, SOL_SOCKET, SO_RCVTIMEO, &tv2, &len);
    printf("SO_RCVTIMEO get %d %ld.%06ld len %u\n", r, (long)tv2.tv_sec, (long)tv2.tv_usec,
           (unsigned)len);
    n = read(as, buf, sizeof(buf));
    printf("read with timeout %zd errno %d\n", n, errno);
    len = sizeof(peer);
    r = getpeername(cs, (struct sockaddr *)&peer, &len);
    printf("getpeername %d %s same port %d\n", r, inet_ntoa(peer.sin_addr),
           peer.sin_port == got.sin_port);
    close(cs);
    n = read(as, buf, sizeof(buf));
    printf("read after close %zd\n", n);
    close(as);
    close(ls);

    int u1 = socket(AF_INET, SOCK_DGRAM, 0), u2 = socket(AF_INET, SOCK_DGRAM, 0);
    r = bind(u1, (struct sockaddr *)&a, sizeof(a));
    len = sizeof(got);
    getsockname(u1, (struct sockaddr *)&got, &len);
    n = sendto(u2, "udp!", 4, 0, (struct sockaddr *)&got, sizeof(got));
    printf("sendto %zd\n", n);
    len = sizeof(peer);
    n = recvfrom(u1, buf, sizeof(buf), 0, (struct sockaddr *)&peer, &len);
    printf("recvfrom %zd '%.*s' from %s\n", n, (int)n, buf, inet_ntoa(peer.sin_addr));
    close(u1);
    close(u2);
    r = connect(socket(AF_INET, SOCK_STREAM, 0), (struct sockaddr *)&got, sizeof(got));
    printf("connect to udp port %d errno %d\n", r, errno);
}

int main(void)
{
    unix_tests();
    inet_tests();
    return 0;
}
