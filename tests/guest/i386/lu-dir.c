// Directories: mkdir/rmdir, readdir (getdents64) sorted, scandir,
// rewinddir, nested trees and removal; prints names and types.
#define _GNU_SOURCE
#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int cmp(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static void list(const char *d, const char *label)
{
    DIR *dp = opendir(d);
    char *names[400];
    int n = 0;
    struct dirent *e;
    while ((e = readdir(dp)) && n < 400) {
        char t = e->d_type == DT_DIR ? 'd' : e->d_type == DT_REG ? 'f' : e->d_type == DT_LNK ? 'l' : '?';
        if (asprintf(&names[n], "%s:%c", e->d_name, t) > 0) {
            n++;
        }
    }
    qsort(names, n, sizeof(names[0]), cmp);
    printf("%s has %d entries:", label, n);
    for (int i = 0; i < n; i++) {
        printf(" %s", names[i]);
        free(names[i]);
    }
    printf("\n");
    rewinddir(dp);
    int again = 0;
    while (readdir(dp)) {
        again++;
    }
    printf("after rewinddir %d\n", again);
    closedir(dp);
}

int main(void)
{
    char top[64], p[200];
    snprintf(top, sizeof(top), "lu-dir-tmp.%d", (int)getpid());
    printf("mkdir %d\n", mkdir(top, 0755));
    for (int i = 0; i < 300; i++) {
        snprintf(p, sizeof(p), "%s/file-%03d-with-a-longer-name", top, i);
        int fd = open(p, O_CREAT | O_WRONLY, 0644);
        close(fd);
    }
    snprintf(p, sizeof(p), "%s/sub", top);
    printf("mkdir sub %d\n", mkdir(p, 0700));
    printf("mkdir again %d\n", mkdir(p, 0700));
    snprintf(p, sizeof(p), "%s/sub/deeper", top);
    printf("mkdir deeper %d\n", mkdir(p, 0700));
    snprintf(p, sizeof(p), "%s/lnk", top);
    printf("symlink %d\n", symlink("sub", p));
    DIR *dp = opendir(top);
    int n = 0;
    struct dirent *e;
    while ((e = readdir(dp))) {
        n++;
    }
    closedir(dp);
    printf("entries %d\n", n);
    snprintf(p, sizeof(p), "%s/sub", top);
    list(p, "sub");
    struct dirent **nl;
    int k = scandir(top, &nl, NULL, alphasort);
    printf("scandir %d first %s %s %s last %s\n", k, nl[0]->d_name, nl[1]->d_name,
           nl[2]->d_name, nl[k - 1]->d_name);
    for (int i = 0; i < k; i++) {
        free(nl[i]);
    }
    free(nl);
    snprintf(p, sizeof(p), "%s/sub", top);
    printf("rmdir non-empty %d\n", rmdir(p) == 0);
    for (int i = 0; i < 300; i++) {
        snprintf(p, sizeof(p), "%s/file-%03d-with-a-longer-name", top, i);
        unlink(p);
    }
    snprintf(p, sizeof(p), "%s/lnk", top);
    unlink(p);
    snprintf(p, sizeof(p), "%s/sub/deeper", top);
    rmdir(p);
    snprintf(p, sizeof(p), "%s/sub", top);
    rmdir(p);
    list(top, "top");
    printf("rmdir %d\n", rmdir(top));
    printf("opendir missing %d\n", opendir(top) == NULL);
    return 0;
}
