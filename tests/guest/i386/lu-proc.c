// mimic-test: static-only
// mimic-test: args first second
// /proc for the guest: /proc/self/exe (readlink ends with the test's
// name, open gives an i386 ELF), /proc/self/maps (lists this program with
// an executable mapping, addresses fit 32 bits), /proc/self/cmdline.
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int main(int argc, char **argv)
{
    char exe[4096];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
    exe[n > 0 ? n : 0] = 0;
    const char *want = "lu-proc-static";
    printf("readlink ok %d ends with %s %d absolute %d\n", n > 0,
           want, n >= (ssize_t)strlen(want) && strcmp(exe + n - strlen(want), want) == 0,
           exe[0] == '/');
    int fd = open("/proc/self/exe", O_RDONLY);
    unsigned char h[20];
    n = read(fd, h, sizeof(h));
    printf("exe header %zd ELF %d class %d machine %d\n", n, memcmp(h, "\177ELF", 4) == 0, h[4],
           h[18] | (h[19] << 8));
    close(fd);

    FILE *f = fopen("/proc/self/maps", "r");
    char line[512];
    int lines = 0, exe_lines = 0, exe_x = 0, stack = 0, wide = 0;
    while (fgets(line, sizeof(line), f)) {
        lines++;
        unsigned long long lo, hi;
        char perms[8];
        if (sscanf(line, "%llx-%llx %7s", &lo, &hi, perms) == 3 && hi > 0x100000000ull) {
            wide++;
        }
        if (strstr(line, exe)) {
            exe_lines++;
            if (perms[2] == 'x') {
                exe_x++;
            }
        }
        if (strstr(line, "[stack]")) {
            stack++;
        }
    }
    fclose(f);
    printf("maps: has lines %d exe mapped %d exe executable %d stack %d above 4G %d\n",
           lines > 3, exe_lines > 0, exe_x > 0, stack, wide);

    fd = open("/proc/self/cmdline", O_RDONLY);
    char cmd[1024];
    n = read(fd, cmd, sizeof(cmd));
    close(fd);
    int nargs = 0;
    for (ssize_t i = 0; i < n; i++) {
        if (cmd[i] == 0) {
            nargs++;
        }
    }
    printf("cmdline args %d last '%s' argc %d\n", nargs, n > 1 ? cmd + n - 1 - strlen(argv[argc - 1]) : "",
           argc);
    printf("stat /proc/self/exe %d\n", access("/proc/self/exe", R_OK));
    return 0;
}
