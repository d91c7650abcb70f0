/*
 * ioctls beyond the terminal basics: network interface queries on the
 * loopback interface (SIOCGIFCONF, SIOCGIF* with the 32-bit struct
 * ifreq), socket ownership, more pty requests, and block-device sizes
 * when a block device can be opened. Compared with the native run (i386)
 * and with qemu-ppc (ppc).
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <linux/fs.h>
#include <net/if.h>
#include <poll.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <termios.h>
#include <unistd.h>

static void show(const char *what, long r)
{
    printf("%-30s r=%ld%s%s\n", what, r, r < 0 ? " errno=" : "", r < 0 ? strerrorname_np(errno) : "");
}

static const char *addr_of(const struct sockaddr *sa)
{
    static char buf[64];
    if (sa->sa_family != AF_INET) {
        snprintf(buf, sizeof buf, "family %d", sa->sa_family);
        return buf;
    }
    return inet_ntop(AF_INET, &((const struct sockaddr_in *)sa)->sin_addr, buf, sizeof buf);
}

int main(void)
{
    int s = socket(AF_INET, SOCK_DGRAM, 0);
    struct ifconf ifc = { 0 };
    show("SIOCGIFCONF length", ioctl(s, SIOCGIFCONF, &ifc));
    printf("  length is a whole number of ifreqs: %d\n", ifc.ifc_len % (int)sizeof(struct ifreq) == 0);
    struct ifreq reqs[32];
    ifc.ifc_len = sizeof reqs;
    ifc.ifc_req = reqs;
    show("SIOCGIFCONF", ioctl(s, SIOCGIFCONF, &ifc));
    for (int i = 0; i < ifc.ifc_len / (int)sizeof(struct ifreq); i++) {
        if (!strcmp(reqs[i].ifr_name, "lo")) {
            printf("  lo: %s\n", addr_of(&reqs[i].ifr_addr));
        }
    }
    struct ifreq ifr;
    memset(&ifr, 0, sizeof ifr);
    strcpy(ifr.ifr_name, "lo");
    show("SIOCGIFFLAGS lo", ioctl(s, SIOCGIFFLAGS, &ifr));
    printf("  up=%d loopback=%d\n", !!(ifr.ifr_flags & IFF_UP), !!(ifr.ifr_flags & IFF_LOOPBACK));
    show("SIOCGIFINDEX lo", ioctl(s, SIOCGIFINDEX, &ifr));
    int index = ifr.ifr_ifindex;
    printf("  index=%d\n", index);
    memset(&ifr, 0, sizeof ifr);
    ifr.ifr_ifindex = index;
    show("SIOCGIFNAME", ioctl(s, SIOCGIFNAME, &ifr));
    printf("  name=%s\n", ifr.ifr_name);
    show("SIOCGIFMTU lo", ioctl(s, SIOCGIFMTU, &ifr));
    printf("  mtu=%d\n", ifr.ifr_mtu);
    show("SIOCGIFADDR lo", ioctl(s, SIOCGIFADDR, &ifr));
    printf("  addr=%s\n", addr_of(&ifr.ifr_addr));
    show("SIOCGIFNETMASK lo", ioctl(s, SIOCGIFNETMASK, &ifr));
    printf("  netmask=%s\n", addr_of(&ifr.ifr_netmask));
    show("SIOCGIFHWADDR lo", ioctl(s, SIOCGIFHWADDR, &ifr));
    printf("  hw family=%d\n", ifr.ifr_hwaddr.sa_family);
    show("SIOCGIFMETRIC lo", ioctl(s, SIOCGIFMETRIC, &ifr));
    show("SIOCGIFTXQLEN lo", ioctl(s, SIOCGIFTXQLEN, &ifr));
    strcpy(ifr.ifr_name, "nosuchif0");
    show("SIOCGIFFLAGS missing", ioctl(s, SIOCGIFFLAGS, &ifr));
    show("SIOCGIFFLAGS bad pointer", ioctl(s, SIOCGIFFLAGS, (void *)8));
    int own = getpid();
    show("FIOSETOWN", ioctl(s, FIOSETOWN, &own));
    own = 0;
    show("FIOGETOWN", ioctl(s, FIOGETOWN, &own));
    printf("  owner is us: %d\n", own == getpid());
    int tcp = socket(AF_INET, SOCK_STREAM, 0), mark = -1;
    show("SIOCATMARK unconnected", ioctl(tcp, SIOCATMARK, &mark));

    int m = posix_openpt(O_RDWR | O_NOCTTY);
    grantpt(m);
    unlockpt(m);
    int sl = open(ptsname(m), O_RDWR | O_NOCTTY);
    int v = -1;
    show("TIOCGETD", ioctl(sl, TIOCGETD, &v));
    printf("  line discipline=%d\n", v);
    show("TIOCEXCL", ioctl(sl, TIOCEXCL));
    show("TIOCGEXCL", ioctl(sl, TIOCGEXCL, &v));
    printf("  exclusive=%d\n", v);
    show("TIOCNXCL", ioctl(sl, TIOCNXCL));
    write(sl, "abc", 3);
    show("TIOCOUTQ slave", ioctl(sl, TIOCOUTQ, &v));
    struct pollfd pfd = { m, POLLIN, 0 };
    poll(&pfd, 1, 5000);        /* the pty moves the bytes asynchronously */
    show("FIONREAD master", ioctl(m, FIONREAD, &v));
    printf("  master has %d bytes\n", v);
    show("TIOCMGET pty", ioctl(sl, TIOCMGET, &v));
    show("TIOCSBRK pty", ioctl(sl, TIOCSBRK));
    show("TIOCCBRK pty", ioctl(sl, TIOCCBRK));

    const char *devs[] = { "/dev/vda", "/dev/sda", "/dev/nvme0n1", "/dev/loop0", NULL };
    int bd = -1;
    for (int i = 0; devs[i] && bd < 0; i++) {
        bd = open(devs[i], O_RDONLY);
    }
    if (bd >= 0) {
        uint64_t size64 = 0;
        unsigned long sectors = 0;
        int ssz = 0, bsz = 0, ro = -1;
        show("BLKGETSIZE64", ioctl(bd, BLKGETSIZE64, &size64));
        long r = ioctl(bd, BLKGETSIZE, &sectors);
        show("BLKGETSIZE", r);
        printf("  sizes agree: %d\n", r < 0 ? errno == EFBIG : (uint64_t)sectors * 512 == size64);
        show("BLKSSZGET", ioctl(bd, BLKSSZGET, &ssz));
        show("BLKBSZGET", ioctl(bd, BLKBSZGET, &bsz));
        show("BLKROGET", ioctl(bd, BLKROGET, &ro));
        /* The block size depends on who has the device open: only its shape. */
        printf("  sector size=%d block size a power of two >= 512: %d ro=%d\n", ssz,
               bsz >= 512 && !(bsz & (bsz - 1)), ro);
    } else {
        printf("no block device to query\n");
    }
    int f = open("/proc/self/exe", O_RDONLY);
    uint64_t q;
    show("BLKGETSIZE64 on a file", ioctl(f, BLKGETSIZE64, &q));
    return 0;
}
