// mimic-test: oracle host
/*
 * SysV IPC on ppc: shmget/shmat/shmctl(IPC_STAT), semget/semctl(SETVAL,
 * GETVAL, IPC_STAT)/semop and msgget/msgsnd/msgrcv/msgctl(IPC_STAT),
 * through glibc (the ipc() multiplexer and the direct calls), checking
 * the fields of ppc32's shmid64_ds, semid64_ds and msqid64_ds. Compared
 * with the same source run on the host (qemu-ppc 7.2 leaves sem_otime 0).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/ipc.h>
#include <sys/msg.h>
#include <sys/sem.h>
#include <sys/shm.h>
#include <time.h>
#include <unistd.h>

union semun { int val; struct semid_ds *buf; unsigned short *array; };
struct msg { long type; char text[16]; };

int main(void)
{
    time_t now = time(NULL);
    int r;
    int shm = shmget(IPC_PRIVATE, 10000, 0640 | IPC_CREAT);
    char *p = shmat(shm, NULL, 0);
    printf("shmat ok %d\n", p != (void *)-1);
    p[9999] = 7;
    struct shmid_ds sd;
    r = shmctl(shm, IPC_STAT, &sd);
    printf("shmctl IPC_STAT %d\n", r);
    printf("  segsz %lu nattch %lu mode %o cpid is us %d lpid is us %d uid ok %d atime recent %d\n",
           (unsigned long)sd.shm_segsz, (unsigned long)sd.shm_nattch, sd.shm_perm.mode & 0777,
           sd.shm_cpid == getpid(), sd.shm_lpid == getpid(), sd.shm_perm.uid == getuid(),
           sd.shm_atime >= now - 5 && sd.shm_atime <= now + 5);
    shmdt(p);
    shmctl(shm, IPC_STAT, &sd);
    printf("  after shmdt nattch %lu\n", (unsigned long)sd.shm_nattch);
    shmctl(shm, IPC_RMID, NULL);

    int sem = semget(IPC_PRIVATE, 3, 0600 | IPC_CREAT);
    union semun arg = { .val = 5 };
    printf("semctl SETVAL %d\n", semctl(sem, 1, SETVAL, arg));
    printf("semctl GETVAL %d\n", semctl(sem, 1, GETVAL));
    struct sembuf op = { 1, -2, 0 };
    r = semop(sem, &op, 1);
    printf("semop %d, now %d\n", r, semctl(sem, 1, GETVAL));
    struct semid_ds ss;
    arg.buf = &ss;
    r = semctl(sem, 0, IPC_STAT, arg);
    printf("semctl IPC_STAT %d nsems %lu mode %o otime recent %d\n", r,
           (unsigned long)ss.sem_nsems, ss.sem_perm.mode & 0777,
           ss.sem_otime >= now - 5 && ss.sem_otime <= now + 5);
    semctl(sem, 0, IPC_RMID);

    int q = msgget(IPC_PRIVATE, 0600 | IPC_CREAT);
    struct msg m = { 3, "hello" };
    printf("msgsnd %d\n", msgsnd(q, &m, sizeof m.text, 0));
    struct msqid_ds qs;
    r = msgctl(q, IPC_STAT, &qs);
    printf("msgctl IPC_STAT %d qnum %lu cbytes %lu lspid is us %d stime recent %d\n",
           r, (unsigned long)qs.msg_qnum, (unsigned long)qs.__msg_cbytes,
           qs.msg_lspid == getpid(), qs.msg_stime >= now - 5 && qs.msg_stime <= now + 5);
    memset(&m, 0, sizeof m);
    ssize_t n = msgrcv(q, &m, sizeof m.text, 0, IPC_NOWAIT);
    printf("msgrcv %zd type %ld text %s\n", n, m.type, m.text);
    n = msgrcv(q, &m, sizeof m.text, 0, IPC_NOWAIT);
    printf("msgrcv empty %zd %s\n", n, strerrorname_np(errno));
    msgctl(q, IPC_RMID, NULL);
    return 0;
}
