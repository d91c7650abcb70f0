// mimic-test: static-only
// What the guest learns about its CPU and machine: /proc/cpuinfo, uname,
// AT_HWCAP/AT_PLATFORM and the CPUID instruction must all describe the
// same i686 (the emulated one, not the host: see lu-cpuinfo.expected).
#define _GNU_SOURCE
#include <cpuid.h>
#include <stdio.h>
#include <string.h>
#include <sys/auxv.h>
#include <sys/utsname.h>

static void field(const char *text, const char *name)
{
    const char *p = strstr(text, name);
    if (!p) {
        printf("%s: (missing)\n", name);
        return;
    }
    const char *colon = strchr(p, ':');
    const char *end = strchr(p, '\n');
    printf("%s:%.*s\n", name, (int)(end - colon - 1), colon + 1);
}

int main(void)
{
    static char text[65536];
    FILE *f = fopen("/proc/cpuinfo", "r");
    size_t n = f ? fread(text, 1, sizeof(text) - 1, f) : 0;
    text[n] = 0;
    int procs = 0;
    for (const char *p = text; (p = strstr(p, "processor\t")); p++) {
        procs++;
    }
    printf("processors listed %d\n", procs);
    field(text, "vendor_id");
    field(text, "cpu family");
    field(text, "model\t");
    field(text, "model name");
    field(text, "flags");

    struct utsname u;
    uname(&u);
    printf("uname machine %s\n", u.machine);
    /* the raw vector (getauxval(AT_HWCAP) is glibc's own digest on x86) */
    unsigned hwcap = 0, v[2];
    FILE *af = fopen("/proc/self/auxv", "rb");
    while (af && fread(v, 4, 2, af) == 2 && v[0] != 0) {
        if (v[0] == AT_HWCAP) {
            hwcap = v[1];
        }
    }
    printf("auxv AT_HWCAP 0x%x AT_PLATFORM %s\n", hwcap, (const char *)getauxval(AT_PLATFORM));

    unsigned a, b, c, d;
    char vendor[13] = { 0 };
    __cpuid(0, a, b, c, d);
    memcpy(vendor, &b, 4);
    memcpy(vendor + 4, &d, 4);
    memcpy(vendor + 8, &c, 4);
    __cpuid(1, a, b, c, d);
    printf("cpuid vendor %s family %u edx 0x%x (same as AT_HWCAP %d)\n", vendor, (a >> 8) & 0xf, d,
           d == hwcap);
    return 0;
}
