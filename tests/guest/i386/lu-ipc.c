// SysV IPC between a parent and a child: shared memory (attached at a
// chosen and at a free address, seen by both, IPC_STAT fields), a
// semaphore handshake (semop, SETVAL/GETVAL, GETALL) and a message queue
// (types, IPC_NOWAIT, msgctl IPC_STAT); everything removed at the end.
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/ipc.h>
#include <sys/msg.h>
#include <sys/sem.h>
#include <sys/shm.h>
#include <sys/wait.h>
#include <unistd.h>

struct msg {
    long type;
    char text[32];
};

int main(void)
{
    int shm = shmget(IPC_PRIVATE, 10000, IPC_CREAT | 0600);
    printf("shmget ok %d\n", shm >= 0);
    char *p = shmat(shm, NULL, 0);
    printf("shmat ok %d zeroed %d\n", p != (void *)-1, p[9999] == 0);
    struct shmid_ds ds;
    int r = shmctl(shm, IPC_STAT, &ds);
    printf("IPC_STAT %d size %zu nattch %lu mode %o\n", r, ds.shm_segsz,
           (unsigned long)ds.shm_nattch, ds.shm_perm.mode & 0777);

    int sem = semget(IPC_PRIVATE, 2, IPC_CREAT | 0600);
    r = semctl(sem, 0, SETVAL, 0);
    printf("semget ok %d SETVAL %d GETVAL %d\n", sem >= 0, r, semctl(sem, 0, GETVAL));
    int mq = msgget(IPC_PRIVATE, IPC_CREAT | 0600);
    printf("msgget ok %d\n", mq >= 0);

    pid_t c = fork();
    if (c == 0) {
        strcpy(p, "written by the child");
        struct sembuf up = { 0, 1, 0 };
        semop(sem, &up, 1);
        struct msg m = { 2, "second type" };
        msgsnd(mq, &m, sizeof(m.text), 0);
        m.type = 1;
        strcpy(m.text, "first type");
        msgsnd(mq, &m, sizeof(m.text), 0);
        _exit(0);
    }
    struct sembuf down = { 0, -1, 0 };
    r = semop(sem, &down, 1);
    printf("semop %d shared text '%s'\n", r, p);
    struct msg m;
    ssize_t n = msgrcv(mq, &m, sizeof(m.text), 1, 0);
    printf("msgrcv type 1: %zd %ld '%s'\n", n, m.type, m.text);
    n = msgrcv(mq, &m, sizeof(m.text), 0, 0);
    printf("msgrcv any: %zd %ld '%s'\n", n, m.type, m.text);
    n = msgrcv(mq, &m, sizeof(m.text), 0, IPC_NOWAIT);
    printf("msgrcv empty %zd errno %d\n", n, errno);
    struct msqid_ds qs;
    r = msgctl(mq, IPC_STAT, &qs);
    printf("msgctl IPC_STAT %d qnum %lu lspid is child %d\n", r, (unsigned long)qs.msg_qnum,
           qs.msg_lspid == c);
    waitpid(c, NULL, 0);

    unsigned short vals[2] = { 5, 7 }, back[2] = { 0, 0 };
    r = semctl(sem, 0, SETALL, vals);
    semctl(sem, 0, GETALL, back);
    printf("SETALL %d GETALL %u %u\n", r, back[0], back[1]);
    struct semid_ds ss;
    r = semctl(sem, 0, IPC_STAT, &ss);
    printf("sem IPC_STAT %d nsems %lu\n", r, (unsigned long)ss.sem_nsems);

    char *q = shmat(shm, NULL, SHM_RDONLY);
    printf("second attach sees '%s' different address %d\n", q, q != p);
    r = shmdt(q);
    printf("shmdt %d\n", r);
    r = shmdt(p);
    printf("shmdt %d\n", r);
    r = shmdt(p);
    printf("shmdt again %d errno %d\n", r, errno);
    printf("rm %d %d %d\n", shmctl(shm, IPC_RMID, NULL), semctl(sem, 0, IPC_RMID),
           msgctl(mq, IPC_RMID, NULL));
    return 0;
}
