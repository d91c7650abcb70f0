# Python workload for the i386-real suite that needs threads, processes
# and OS services: threading with locks/conditions/queues (clone+futex),
# a thread pool, subprocess (fork+exec), os.pipe, sqlite3 and file I/O.
import os, queue, sqlite3, subprocess, sys, threading, tempfile
from concurrent.futures import ThreadPoolExecutor

total = 0
lock = threading.Lock()
def add(n):
    global total
    for i in range(n):
        with lock:
            total += i
ts = [threading.Thread(target=add, args=(5000 + k,)) for k in range(4)]
for t in ts: t.start()
for t in ts: t.join()
print("locked total", total)

q = queue.Queue()
out = []
def consumer():
    while True:
        item = q.get()
        if item is None:
            break
        out.append(item * item)
c = threading.Thread(target=consumer); c.start()
for i in range(500): q.put(i)
q.put(None); c.join()
print("queue", len(out), sum(out))

cond = threading.Condition(); state = {"turn": 0, "log": []}
def player(me, n):
    for _ in range(n):
        with cond:
            cond.wait_for(lambda: state["turn"] == me)
            state["log"].append(me)
            state["turn"] = (me + 1) % 3
            cond.notify_all()
ps = [threading.Thread(target=player, args=(i, 20)) for i in range(3)]
for p in ps: p.start()
for p in ps: p.join()
print("ping-pong", "".join(map(str, state["log"]))[:30], len(state["log"]))

def work(n):
    return sum(i * i % 7 for i in range(n))
with ThreadPoolExecutor(max_workers=3) as ex:
    print("pool", list(ex.map(work, range(1000, 1010))))
ev = threading.Event()
tl = threading.local()
def setter():
    tl.v = "worker"; ev.set()
tl.v = "main"; t = threading.Thread(target=setter); t.start(); ev.wait(); t.join()
print("local", tl.v, threading.active_count())

r = subprocess.run(["echo", "from", "child"], capture_output=True, text=True)
print("subprocess", r.returncode, r.stdout.strip())
r = subprocess.run(["sh", "-c", "exit 7"])
print("sh exit", r.returncode)
p = subprocess.Popen(["cat"], stdin=subprocess.PIPE, stdout=subprocess.PIPE)
o, _ = p.communicate(b"piped through cat\n" * 3)
print("cat", p.returncode, o.count(b"\n"), o[:17])
rfd, wfd = os.pipe()
pid = os.fork()
if pid == 0:
    os.close(rfd); os.write(wfd, b"hello from fork"); os._exit(5)
os.close(wfd)
data = os.read(rfd, 100); _, st = os.waitpid(pid, 0)
print("fork", data, os.WEXITSTATUS(st))

with tempfile.TemporaryDirectory(dir=".") as d:
    path = os.path.join(d, "t.db")
    db = sqlite3.connect(path)
    db.execute("create table t(a integer, b text)")
    db.executemany("insert into t values (?, ?)", [(i, "v%d" % (i % 13)) for i in range(2000)])
    db.commit()
    print("sqlite3", db.execute("select count(*), sum(a), count(distinct b) from t").fetchone(),
          db.execute("select b, max(a) from t group by b order by b limit 3").fetchall())
    db.close()
    fn = os.path.join(d, "f.bin")
    with open(fn, "wb") as f:
        for i in range(1000):
            f.write(i.to_bytes(4, "little"))
    st = os.stat(fn)
    with open(fn, "rb") as f:
        f.seek(400); b = f.read(8)
    print("file", st.st_size, b.hex(), sorted(os.listdir(d)))
import signal, time
got = []
signal.signal(signal.SIGUSR1, lambda s, f: got.append(s))
os.kill(os.getpid(), signal.SIGUSR1)
class Alarm(Exception):
    pass
def on_alarm(s, f):
    raise Alarm()
signal.signal(signal.SIGALRM, on_alarm)
signal.setitimer(signal.ITIMER_REAL, 0.05)
try:
    time.sleep(30)
    print("sleep not interrupted")
except Alarm:
    print("alarm interrupted sleep")
signal.signal(signal.SIGCHLD, lambda s, f: got.append(s))
subprocess.run(["true"])
print("signals", got[:2], signal.getsignal(signal.SIGINT) is signal.default_int_handler)
print("done", sys.argv[1:])
