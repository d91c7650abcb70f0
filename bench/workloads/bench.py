# Pure-Python workload of bench/run.sh (no C extension does the work):
# dictionaries, strings, classes, generators and integer arithmetic, the
# kind of code CPython's interpreter loop spends its time on.
import sys


class Node:
    __slots__ = ("key", "left", "right")

    def __init__(self, key):
        self.key = key
        self.left = None
        self.right = None


def insert(root, key):
    if root is None:
        return Node(key)
    node = root
    while True:
        if key < node.key:
            if node.left is None:
                node.left = Node(key)
                return root
            node = node.left
        else:
            if node.right is None:
                node.right = Node(key)
                return root
            node = node.right


def walk(node):
    stack, out = [], []
    while stack or node:
        while node:
            stack.append(node)
            node = node.left
        node = stack.pop()
        out.append(node.key)
        node = node.right
    return out


def words(n):
    x = 12345
    for _ in range(n):
        x = (x * 1103515245 + 12345) & 0x7FFFFFFF
        yield "".join(chr(97 + (x >> s) % 26) for s in (3, 8, 13, 18, 23))


def main(scale):
    counts = {}
    for w in words(20000 * scale):
        counts[w[:3]] = counts.get(w[:3], 0) + 1
    top = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:5]
    print("top", top)

    root = None
    x = 1
    for _ in range(15000 * scale):
        x = (x * 48271) % 2147483647
        root = insert(root, x % 1000003)
    keys = walk(root)
    print("tree", len(keys), keys[0], keys[-1], sum(keys[::97]))

    sieve = bytearray([1]) * 200000
    sieve[0:2] = b"\0\0"
    for i in range(2, 448):
        if sieve[i]:
            sieve[i * i::i] = bytes(len(range(i * i, 200000, i)))
    primes = [i for i, v in enumerate(sieve) if v]
    print("primes", len(primes), primes[-1])

    acc = 0
    for i in range(300000 * scale):
        acc = (acc * 31 + i ^ (i >> 3)) % 1000000007
    print("acc", acc)

    text = " ".join(f"{i}:{i * i % 1009}" for i in range(30000))
    parts = [p.split(":") for p in text.split()]
    print("text", len(text), sum(int(b) for _, b in parts))


main(int(sys.argv[1]) if len(sys.argv) > 1 else 1)
