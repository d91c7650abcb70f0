// mimic-test: oracle host
/*
 * recvmsg's msg_name in the guest's byte order: a packet socket on the
 * loopback interface receives a UDP datagram and reports a sockaddr_ll
 * whose sll_ifindex and sll_hatype are host-order fields (swapped for a
 * big-endian guest); recvfrom and recvmsg must agree. Compared with the
 * same source run on the host. Needs CAP_NET_RAW (tests run as root);
 * without it the test says so and both runs agree.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <linux/if_packet.h>
#include <net/ethernet.h>
#include <net/if.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

static int send_udp(void)
{
    int u = socket(AF_INET, SOCK_DGRAM, 0);
    struct sockaddr_in to = { .sin_family = AF_INET, .sin_port = htons(9), .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
    return (int)sendto(u, "mimic", 5, 0, (struct sockaddr *)&to, sizeof to);
}

int main(void)
{
    int p = socket(AF_PACKET, SOCK_DGRAM, htons(ETH_P_IP));
    if (p < 0) {
        printf("no packet socket: %s\n", strerrorname_np(errno));
        return 0;
    }
    struct sockaddr_ll bindaddr = { .sll_family = AF_PACKET, .sll_protocol = htons(ETH_P_IP),
                                    .sll_ifindex = (int)if_nametoindex("lo") };
    printf("bind %d\n", bind(p, (struct sockaddr *)&bindaddr, sizeof bindaddr));
    for (int round = 0; round < 2; round++) {
        send_udp();
        struct pollfd pf = { p, POLLIN, 0 };
        poll(&pf, 1, 2000);
        struct sockaddr_ll from;
        char buf[2048];
        memset(&from, 0, sizeof from);
        ssize_t n;
        if (round == 0) {
            socklen_t fl = sizeof from;
            n = recvfrom(p, buf, sizeof buf, 0, (struct sockaddr *)&from, &fl);
            printf("recvfrom: got data %d, name length %u\n", n > 0, fl);
        } else {
            struct iovec iov = { buf, sizeof buf };
            struct msghdr mh = { .msg_name = &from, .msg_namelen = sizeof from, .msg_iov = &iov, .msg_iovlen = 1 };
            n = recvmsg(p, &mh, 0);
            printf("recvmsg: got data %d, name length %u\n", n > 0, mh.msg_namelen);
        }
        printf("  family %d protocol 0x%04x ifindex is lo %d hatype %d halen %d\n", from.sll_family,
               ntohs(from.sll_protocol), from.sll_ifindex == (int)if_nametoindex("lo"),
               from.sll_hatype, from.sll_halen);
    }
    return 0;
}
