/*
 * SysV IPC: shared memory (attached inside the guest space), semaphores
 * and message queues, through the direct syscalls and the ipc()
 * multiplexer that 32-bit glibc uses. The *id64_ds structs and the message
 * type (a guest long) are converted through the guest's layouts.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ipc.h>
#include <sys/msg.h>
#include <sys/sem.h>
#include <sys/shm.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>
#include "exec/user-pages.h"
#include "linux-user/lu.h"
#include "linux-user/lu-syscall.h"

#define LU_IPC_64 0x100

static int64_t host_ret(long r)
{
    return r < 0 ? -(int64_t)lu_errno(errno) : r;
}

static int64_t safe_ret(long r)
{
    return r < 0 && r > -4096 ? -(int64_t)lu_errno((int)-r) : r;
}

/* ---- the permission head shared by the three structs ---- */

static void lu_perm_to_vals(const struct ipc_perm *p, uint64_t *v)
{
    v[LU_IPC_KEY] = (uint32_t)p->__key;
    v[LU_IPC_UID] = p->uid;
    v[LU_IPC_GID] = p->gid;
    v[LU_IPC_CUID] = p->cuid;
    v[LU_IPC_CGID] = p->cgid;
    v[LU_IPC_MODE] = p->mode;
    v[LU_IPC_SEQ] = p->__seq;
}

static void lu_perm_from_vals(const uint64_t *v, struct ipc_perm *p)
{
    p->uid = (uid_t)v[LU_IPC_UID];
    p->gid = (gid_t)v[LU_IPC_GID];
    p->mode = (unsigned short)v[LU_IPC_MODE];
}

static void lu_time_to_vals(time_t t, uint64_t *v, int lo)
{
    v[lo] = (uint32_t)t;
    v[lo + 1] = (uint32_t)((uint64_t)t >> 32);
}

static bool lu_ipc_layout_ok(int st)
{
    return lu_arch->layouts[st] != NULL;
}

/* ---- shared memory ---- */

static int64_t lu_do_shmctl(int id, int cmd, uint32_t ubuf)
{
    struct shmid_ds ds;
    uint64_t v[LU_MAX_FIELDS] = { 0 };
    cmd &= ~LU_IPC_64;
    switch (cmd) {
    case IPC_STAT:
    case SHM_STAT:
    case SHM_STAT_ANY:
    case IPC_SET:
        if (!lu_ipc_layout_ok(LU_ST_SHMID_DS)) {
            return -ENOSYS;
        }
        if (cmd == IPC_SET) {
            if (lu_get_struct(LU_ST_SHMID_DS, ubuf, v) < 0) {
                return -EFAULT;
            }
            memset(&ds, 0, sizeof(ds));
            lu_perm_from_vals(v, &ds.shm_perm);
            return host_ret(shmctl(id, IPC_SET, &ds));
        }
        {
            int r = shmctl(id, cmd, &ds);
            if (r < 0) {
                return -lu_errno(errno);
            }
            lu_perm_to_vals(&ds.shm_perm, v);
            v[LU_SHM_SEGSZ] = ds.shm_segsz;
            lu_time_to_vals(ds.shm_atime, v, LU_SHM_ATIME);
            lu_time_to_vals(ds.shm_dtime, v, LU_SHM_DTIME);
            lu_time_to_vals(ds.shm_ctime, v, LU_SHM_CTIME);
            v[LU_SHM_CPID] = (uint32_t)ds.shm_cpid;
            v[LU_SHM_LPID] = (uint32_t)ds.shm_lpid;
            v[LU_SHM_NATTCH] = ds.shm_nattch;
            return lu_put_struct(LU_ST_SHMID_DS, ubuf, v) < 0 ? -EFAULT : r;
        }
    case IPC_RMID:
    case SHM_LOCK:
    case SHM_UNLOCK:
        return host_ret(shmctl(id, cmd, NULL));
    default:
        return -EINVAL;
    }
}

static int64_t lu_do_shmat(int id, uint32_t addr, int flg)
{
    struct shmid_ds ds;
    int err = 0;
    if (shmctl(id, IPC_STAT, &ds) < 0) {
        return -lu_errno(errno);
    }
    if (addr & (TARGET_PAGE_SIZE - 1)) {
        if (!(flg & SHM_RND)) {
            return -EINVAL;
        }
        addr &= TARGET_PAGE_MASK;
    }
    uint32_t r = lu_shm_attach(id, addr, (uint32_t)ds.shm_segsz, flg, &err);
    return r ? (int64_t)r : err;
}

int64_t lu_sys_shmget(const uint32_t *a)
{
    return host_ret(shmget((key_t)a[0], a[1], (int)a[2]));
}

int64_t lu_sys_shmctl(const uint32_t *a) { return lu_do_shmctl((int)a[0], (int)a[1], a[2]); }
int64_t lu_sys_shmat(const uint32_t *a) { return lu_do_shmat((int)a[0], a[1], (int)a[2]); }
int64_t lu_sys_shmdt(const uint32_t *a) { return lu_shm_detach(a[0]); }

/* ---- semaphores ---- */

static int64_t lu_do_semop(int id, uint32_t usops, uint32_t nsops, const struct timespec *ts)
{
    if (nsops == 0 || nsops > 500) {
        return nsops ? -E2BIG : -EINVAL;
    }
    struct sembuf *ops = calloc(nsops, sizeof(*ops));
    for (uint32_t i = 0; i < nsops; i++) {
        uint32_t b = usops + 6 * i;
        if (!lu_access_ok(b, 6, false)) {
            free(ops);
            return -EFAULT;
        }
        ops[i].sem_num = (unsigned short)lu_ld(b, 2);
        ops[i].sem_op = (short)lu_ld(b + 2, 2);
        ops[i].sem_flg = (short)lu_ld(b + 4, 2);
    }
    long r = lu_safe_syscall(SYS_semtimedop, id, (long)ops, nsops, (long)ts, 0, 0);
    free(ops);
    return safe_ret(r);
}

/* semctl's fourth argument: an int, a pointer to the ds, or to an array
 * of unsigned shorts, depending on cmd. */
static int64_t lu_do_semctl(int id, int num, int cmd, uint32_t arg)
{
    struct semid_ds ds;
    uint64_t v[LU_MAX_FIELDS] = { 0 };
    cmd &= ~LU_IPC_64;
    switch (cmd) {
    case IPC_RMID:
    case GETVAL:
    case GETPID:
    case GETNCNT:
    case GETZCNT:
        return host_ret(semctl(id, num, cmd));
    case SETVAL:
        return host_ret(semctl(id, num, cmd, (int)arg));
    case IPC_STAT:
    case SEM_STAT:
    case SEM_STAT_ANY: {
        if (!lu_ipc_layout_ok(LU_ST_SEMID_DS)) {
            return -ENOSYS;
        }
        int r = semctl(id, num, cmd, &ds);
        if (r < 0) {
            return -lu_errno(errno);
        }
        lu_perm_to_vals(&ds.sem_perm, v);
        lu_time_to_vals(ds.sem_otime, v, LU_SEM_OTIME);
        lu_time_to_vals(ds.sem_ctime, v, LU_SEM_CTIME);
        v[LU_SEM_NSEMS] = ds.sem_nsems;
        return lu_put_struct(LU_ST_SEMID_DS, arg, v) < 0 ? -EFAULT : r;
    }
    case IPC_SET:
        if (!lu_ipc_layout_ok(LU_ST_SEMID_DS)) {
            return -ENOSYS;
        }
        if (lu_get_struct(LU_ST_SEMID_DS, arg, v) < 0) {
            return -EFAULT;
        }
        memset(&ds, 0, sizeof(ds));
        lu_perm_from_vals(v, &ds.sem_perm);
        return host_ret(semctl(id, num, cmd, &ds));
    case GETALL:
    case SETALL: {
        if (semctl(id, 0, IPC_STAT, &ds) < 0) {
            return -lu_errno(errno);
        }
        uint32_t n = ds.sem_nsems;
        if (!lu_access_ok(arg, n * 2, cmd == GETALL)) {
            return -EFAULT;
        }
        unsigned short *vals = calloc(n ? n : 1, sizeof(*vals));
        int r;
        if (cmd == SETALL) {
            for (uint32_t i = 0; i < n; i++) {
                vals[i] = (unsigned short)lu_ld(arg + 2 * i, 2);
            }
            r = semctl(id, 0, SETALL, vals);
        } else {
            r = semctl(id, 0, GETALL, vals);
            for (uint32_t i = 0; r >= 0 && i < n; i++) {
                lu_st(arg + 2 * i, 2, vals[i]);
            }
        }
        int e = errno;
        free(vals);
        return r < 0 ? -lu_errno(e) : r;
    }
    default:
        return -EINVAL;
    }
}

int64_t lu_sys_semget(const uint32_t *a)
{
    return host_ret(semget((key_t)a[0], (int)a[1], (int)a[2]));
}

int64_t lu_sys_semctl(const uint32_t *a)
{
    return lu_do_semctl((int)a[0], (int)a[1], (int)a[2], a[3]);
}

int64_t lu_sys_semtimedop_time64(const uint32_t *a)
{
    struct timespec ts;
    if (a[3]) {
        uint64_t v[2];
        if (lu_get_struct(LU_ST_TIMESPEC64, a[3], v) < 0) {
            return -EFAULT;
        }
        ts.tv_sec = (int64_t)v[LU_TS_SEC];
        ts.tv_nsec = (int64_t)v[LU_TS_NSEC];
    }
    return lu_do_semop((int)a[0], a[1], a[2], a[3] ? &ts : NULL);
}

/* ---- message queues: struct msgbuf { long mtype; char mtext[]; } ---- */

static int64_t lu_do_msgsnd(int id, uint32_t umsg, uint32_t size, int flg)
{
    uint32_t ls = 4;   /* a guest long: every guest ABI here is 32-bit */
    if (size > 1 << 20) {
        return -EINVAL;
    }
    if (!lu_access_ok(umsg, ls + size, false)) {
        return -EFAULT;
    }
    struct msgbuf *m = malloc(sizeof(long) + size + 1);
    m->mtype = (long)(int32_t)lu_ld(umsg, ls);
    memcpy(m->mtext, g2h(umsg + ls), size);
    long r = lu_safe_syscall(SYS_msgsnd, id, (long)m, size, flg, 0, 0);
    free(m);
    return safe_ret(r);
}

static int64_t lu_do_msgrcv(int id, uint32_t umsg, uint32_t size, int32_t type, int flg)
{
    uint32_t ls = 4;
    if (size > 1 << 20) {
        return -EINVAL;
    }
    if (!lu_access_ok(umsg, ls + size, true)) {
        return -EFAULT;
    }
    struct msgbuf *m = malloc(sizeof(long) + size + 1);
    long r = lu_safe_syscall(SYS_msgrcv, id, (long)m, size, type, flg, 0);
    if (r >= 0) {
        lu_st(umsg, ls, (uint64_t)m->mtype);
        memcpy(g2h(umsg + ls), m->mtext, r);
    }
    free(m);
    return safe_ret(r);
}

static int64_t lu_do_msgctl(int id, int cmd, uint32_t ubuf)
{
    struct msqid_ds ds;
    uint64_t v[LU_MAX_FIELDS] = { 0 };
    cmd &= ~LU_IPC_64;
    switch (cmd) {
    case IPC_RMID:
        return host_ret(msgctl(id, IPC_RMID, NULL));
    case IPC_STAT:
    case MSG_STAT:
    case MSG_STAT_ANY: {
        if (!lu_ipc_layout_ok(LU_ST_MSQID_DS)) {
            return -ENOSYS;
        }
        int r = msgctl(id, cmd, &ds);
        if (r < 0) {
            return -lu_errno(errno);
        }
        lu_perm_to_vals(&ds.msg_perm, v);
        lu_time_to_vals(ds.msg_stime, v, LU_MSG_STIME);
        lu_time_to_vals(ds.msg_rtime, v, LU_MSG_RTIME);
        lu_time_to_vals(ds.msg_ctime, v, LU_MSG_CTIME);
        v[LU_MSG_CBYTES] = ds.__msg_cbytes;
        v[LU_MSG_QNUM] = ds.msg_qnum;
        v[LU_MSG_QBYTES] = ds.msg_qbytes;
        v[LU_MSG_LSPID] = (uint32_t)ds.msg_lspid;
        v[LU_MSG_LRPID] = (uint32_t)ds.msg_lrpid;
        return lu_put_struct(LU_ST_MSQID_DS, ubuf, v) < 0 ? -EFAULT : r;
    }
    case IPC_SET:
        if (!lu_ipc_layout_ok(LU_ST_MSQID_DS)) {
            return -ENOSYS;
        }
        if (lu_get_struct(LU_ST_MSQID_DS, ubuf, v) < 0) {
            return -EFAULT;
        }
        memset(&ds, 0, sizeof(ds));
        lu_perm_from_vals(v, &ds.msg_perm);
        ds.msg_qbytes = v[LU_MSG_QBYTES];
        return host_ret(msgctl(id, IPC_SET, &ds));
    default:
        return -EINVAL;
    }
}

int64_t lu_sys_msgget(const uint32_t *a) { return host_ret(msgget((key_t)a[0], (int)a[1])); }
int64_t lu_sys_msgsnd(const uint32_t *a)
{
    return lu_do_msgsnd((int)a[0], a[1], a[2], (int)a[3]);
}
int64_t lu_sys_msgrcv(const uint32_t *a)
{
    return lu_do_msgrcv((int)a[0], a[1], a[2], (int32_t)a[3], (int)a[4]);
}
int64_t lu_sys_msgctl(const uint32_t *a) { return lu_do_msgctl((int)a[0], (int)a[1], a[2]); }

/* ---- ipc(call, first, second, third, ptr, fifth) ---- */

int64_t lu_sys_ipc(const uint32_t *a)
{
    uint32_t call = a[0] & 0xffff, version = a[0] >> 16;
    int first = (int)a[1], second = (int)a[2], third = (int)a[3];
    uint32_t ptr = a[4], fifth = a[5];
    switch (call) {
    case 1:   /* SEMOP */
        return lu_do_semop(first, ptr, (uint32_t)second, NULL);
    case 4: { /* SEMTIMEDOP: 32-bit timespec in fifth */
        struct timespec ts;
        if (fifth) {
            uint64_t v[2];
            if (lu_get_struct(LU_ST_TIMESPEC, fifth, v) < 0) {
                return -EFAULT;
            }
            ts.tv_sec = (int64_t)v[LU_TS_SEC];
            ts.tv_nsec = (int64_t)v[LU_TS_NSEC];
        }
        return lu_do_semop(first, ptr, (uint32_t)second, fifth ? &ts : NULL);
    }
    case 2:   /* SEMGET */
        return host_ret(semget((key_t)first, second, third));
    case 3: { /* SEMCTL: ptr points to the semun */
        uint32_t arg;
        if (lu_get_u32(ptr, &arg) < 0) {
            return -EFAULT;
        }
        return lu_do_semctl(first, second, third, arg);
    }
    case 11:  /* MSGSND */
        return lu_do_msgsnd(first, ptr, (uint32_t)second, third);
    case 12:  /* MSGRCV */
        if (version == 0) {
            uint32_t msgp, type;
            if (lu_get_u32(ptr, &msgp) < 0 || lu_get_u32(ptr + 4, &type) < 0) {
                return -EFAULT;
            }
            return lu_do_msgrcv(first, msgp, (uint32_t)second, (int32_t)type, third);
        }
        return lu_do_msgrcv(first, ptr, (uint32_t)second, (int32_t)fifth, third);
    case 13:  /* MSGGET */
        return host_ret(msgget((key_t)first, second));
    case 14:  /* MSGCTL */
        return lu_do_msgctl(first, second, ptr);
    case 21: { /* SHMAT: the address goes to *third */
        int64_t r = lu_do_shmat(first, ptr, second);
        if (r < 0 && r > -4096) {
            return r;
        }
        return lu_put_u32((uint32_t)third, (uint32_t)r);
    }
    case 22:  /* SHMDT */
        return lu_shm_detach(ptr);
    case 23:  /* SHMGET */
        return host_ret(shmget((key_t)first, (size_t)(uint32_t)second, third));
    case 24:  /* SHMCTL */
        return lu_do_shmctl(first, second, ptr);
    default:
        return -ENOSYS;
    }
}
