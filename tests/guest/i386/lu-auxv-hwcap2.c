// The auxiliary vector's AT_HWCAP2 and AT_PLATFORM as Linux gives them to
// an i386 process: AT_HWCAP2 is always present (arch/x86 defines
// ELF_HWCAP2), with RING3MWAIT (Xeon Phi only) and FSGSBASE clear on every
// Mimic model. A 64-bit host kernel also sets FSGSBASE for 32-bit
// processes (the instructions #UD outside 64-bit mode; a 32-bit kernel
// never sets it), so that bit is left out of the comparison with the
// native run. AT_PLATFORM is "i686" for every family >= 6 part.
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/auxv.h>

#define HWCAP2_RING3MWAIT (1u << 0)
#define HWCAP2_FSGSBASE (1u << 1)

extern char **environ;

int main(void)
{
    /* The vector on the initial stack, after the environment. */
    char **p = environ;
    while (*p) {
        p++;
    }
    unsigned *av = (unsigned *)(p + 1);
    int present = 0;
    unsigned hwcap2 = 0;
    const char *platform = NULL;
    for (; av[0] != AT_NULL; av += 2) {
        if (av[0] == AT_HWCAP2) {
            present++;
            hwcap2 = av[1];
        } else if (av[0] == AT_PLATFORM) {
            platform = (const char *)av[1];
        }
    }
    printf("stack vector: AT_HWCAP2 entries %d\n", present);
    printf("AT_HWCAP2 RING3MWAIT %u, other bits but FSGSBASE 0x%x\n",
           hwcap2 & HWCAP2_RING3MWAIT, hwcap2 & ~(HWCAP2_FSGSBASE | HWCAP2_RING3MWAIT));
    printf("AT_PLATFORM %s\n", platform ? platform : "(none)");

    errno = 0;
    unsigned long g = getauxval(AT_HWCAP2);
    printf("getauxval(AT_HWCAP2) found %d, same as the vector %d\n", errno == 0, g == hwcap2);
    printf("getauxval(AT_PLATFORM) same string %d\n",
           platform && strcmp((const char *)getauxval(AT_PLATFORM), platform) == 0);

    /* /proc/self/auxv holds the same entries. */
    unsigned v[2], proc_hwcap2 = ~0u;
    int proc_present = 0;
    FILE *f = fopen("/proc/self/auxv", "rb");
    while (f && fread(v, 4, 2, f) == 2 && v[0] != AT_NULL) {
        if (v[0] == AT_HWCAP2) {
            proc_present++;
            proc_hwcap2 = v[1];
        }
    }
    printf("/proc/self/auxv: AT_HWCAP2 entries %d, same value %d\n", proc_present,
           proc_hwcap2 == hwcap2);
    return 0;
}
