/*
 * The ppc auxiliary vector: cache block sizes (dcbz works on
 * AT_DCACHEBSIZE bytes, which glibc's memset relies on), page size,
 * uname machine, and that AT_HWCAP advertises an FPU and no AltiVec.
 */
#include <stdio.h>
#include <string.h>
#include <sys/auxv.h>
#include <sys/utsname.h>

int main(void)
{
    struct utsname u;
    uname(&u);
    unsigned long hwcap = getauxval(AT_HWCAP);
    printf("dcache block %lu, icache block %lu, unified %lu\n",
           getauxval(AT_DCACHEBSIZE), getauxval(AT_ICACHEBSIZE),
           getauxval(AT_UCACHEBSIZE));
    printf("page size %lu, machine %s\n", getauxval(AT_PAGESZ), u.machine);
    printf("hwcap: fpu %d, altivec %d\n", (hwcap & 0x08000000) != 0,
           (hwcap & 0x10000000) != 0);
    /* dcbz on the cache block the auxv names */
    static unsigned char buf[128] __attribute__((aligned(64)));
    memset(buf, 0xaa, sizeof(buf));
    asm volatile("dcbz 0,%0" : : "r"(buf + 40) : "memory");
    int zeros = 0;
    for (int i = 0; i < 128; i++) {
        zeros += buf[i] == 0;
    }
    printf("dcbz cleared %d bytes starting at offset %d\n", zeros,
           (int)(memchr(buf, 0, sizeof(buf)) ? (unsigned char *)memchr(buf, 0, sizeof(buf)) - buf : -1));
    return 0;
}
