# Python workload for the i386-real suite: ctypes (libffi callbacks),
# asyncio over a unix socket (epoll), mmap, socketpair/select,
# multiprocessing (fork, pipes, semaphores), fcntl, errno, scandir.
import ctypes, ctypes.util, asyncio, mmap, os, socket, select, multiprocessing as mp, struct, array, fcntl, errno, resource, signal
libc = ctypes.CDLL(None)
print("ctypes strlen", libc.strlen(b"hello mimic"), ctypes.sizeof(ctypes.c_long), ctypes.sizeof(ctypes.c_void_p))
CMP = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.POINTER(ctypes.c_int), ctypes.POINTER(ctypes.c_int))
arr = (ctypes.c_int * 8)(5, 3, 9, 1, 7, 2, 8, 6)
libc.qsort(arr, 8, 4, CMP(lambda a, b: a[0] - b[0]))
print("qsort callback", list(arr))
async def main():
    async def worker(i):
        await asyncio.sleep(0.01 * (5 - i)); return i * i
    r = await asyncio.gather(*[worker(i) for i in range(5)])
    return r
print("asyncio", asyncio.run(main()))
async def echo_test():
    async def handle(r, w):
        data = await r.read(100); w.write(data[::-1]); await w.drain(); w.close()
    server = await asyncio.start_unix_server(handle, path="./sock")
    r, w = await asyncio.open_unix_connection("./sock")
    w.write(b"abcdef"); await w.drain()
    out = await r.read(100); w.close(); server.close(); await server.wait_closed()
    return out
print("unix echo", asyncio.run(echo_test())); os.unlink("sock")
with open("m.bin", "wb") as f: f.write(bytes(range(256)) * 16)
with open("m.bin", "r+b") as f:
    m = mmap.mmap(f.fileno(), 0); m[0:4] = b"MIMI"; print("mmap", m[:6], m.find(b"\xff\x00"), len(m)); m.flush(); m.close()
a, b = socket.socketpair(); a.sendall(b"x" * 1000); print("socketpair", len(b.recv(4096)), select.select([b], [], [], 0)[0] == [])
def sq(x): return x * x
with mp.Pool(2) as p: print("mp pool", p.map(sq, range(10)))
q = mp.Queue(); pr = mp.Process(target=q.put, args=("from process",)); pr.start(); print("mp queue", q.get()); pr.join(); print("exitcode", pr.exitcode)
print("array", array.array("d", [1.5, 2.5]).tobytes().hex(), resource.getrlimit(resource.RLIMIT_NOFILE)[0] > 0)
fd = os.open("m.bin", os.O_RDONLY); print("fcntl", fcntl.fcntl(fd, fcntl.F_GETFD), bool(fcntl.fcntl(fd, fcntl.F_GETFL) & os.O_RDONLY == 0)); os.close(fd)
try: os.open("/nonexistent/x", os.O_RDONLY)
except OSError as e: print("errno", e.errno == errno.ENOENT)
print("scandir", sorted(e.name for e in os.scandir(".") if e.name.endswith(".bin")))
