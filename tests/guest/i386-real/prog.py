# Python workload for the i386-real suite: exercises the interpreter's core
# (classes, generators, containers, exceptions, big ints) and C-backed stdlib
# modules (json, re, decimal, struct, hashlib, zlib); prints only values.
import sys

def section(name):
    print("==", name)

section("classes")
class Shape:
    count = 0
    def __init__(self, name):
        self.name = name
        Shape.count += 1
    def area(self):
        raise NotImplementedError
    def __repr__(self):
        return "%s(%s)" % (type(self).__name__, self.describe())
    def __lt__(self, other):
        return (self.area(), self.name) < (other.area(), other.name)

class Rect(Shape):
    def __init__(self, name, w, h):
        super().__init__(name)
        self.w, self.h = w, h
    def area(self):
        return self.w * self.h
    def describe(self):
        return "%s %dx%d" % (self.name, self.w, self.h)

class Square(Rect):
    def __init__(self, name, s):
        super().__init__(name, s, s)

class Circle(Shape):
    __slots__ = ("r",)
    def __init__(self, name, r):
        super().__init__(name)
        self.r = r
    def area(self):
        return 3.141592653589793 * self.r * self.r
    def describe(self):
        return "%s r=%g" % (self.name, self.r)

shapes = [Rect("a", 3, 4), Square("b", 3), Circle("c", 2.5), Rect("d", 1, 9), Circle("e", 0.5)]
for s in sorted(shapes):
    print(s, "%.6f" % s.area())
print("count", Shape.count, [c.__name__ for c in Square.__mro__])

section("generators")
def primes():
    found = []
    n = 2
    while True:
        if all(n % p for p in found if p * p <= n):
            found.append(n)
            yield n
        n += 1

def take(n, it):
    for _, v in zip(range(n), it):
        yield v

ps = list(take(60, primes()))
print(ps[-5:], sum(ps))
def fib():
    a, b = 0, 1
    while True:
        yield a
        a, b = b, a + b
print([x for x in take(20, fib()) if x % 2 == 0])
g = (i * i for i in range(10))
print(next(g), next(g), sum(g))
def echo():
    total = 0
    while True:
        x = yield total
        if x is None:
            return total
        total += x
e = echo(); next(e)
for v in (5, 7, 11):
    e.send(v)
try:
    e.send(None)
except StopIteration as stop:
    print("echo returned", stop.value)

section("dict/set")
words = "the quick brown fox jumps over the lazy dog the end fox".split()
freq = {}
for w in words:
    freq[w] = freq.get(w, 0) + 1
print(sorted(freq.items(), key=lambda kv: (-kv[1], kv[0])))
a = set(range(0, 30, 3)); b = set(range(0, 30, 5))
print(sorted(a & b), sorted(a ^ b)[:6], len(a | b), sorted(a - b))
d = {i: chr(65 + i % 26) for i in range(100)}
for k in list(d):
    if k % 7:
        del d[k]
print(d)
from collections import Counter, OrderedDict, defaultdict, deque
c = Counter("mississippi")
print(c.most_common(3))
dd = defaultdict(list)
for i in range(20):
    dd[i % 4].append(i)
print(dict(dd))
q = deque(range(10)); q.rotate(3); q.appendleft(-1)
print(list(q))
od = OrderedDict.fromkeys("abcde"); od.move_to_end("b")
print(list(od))

section("sorting")
import random
rng = random.Random(12345)
data = [rng.randint(-1000, 1000) for _ in range(2000)]
s = sorted(data)
print(s[:5], s[-5:], sum(data))
recs = [(rng.choice("xyz"), rng.random()) for _ in range(10)]
print([r[0] for r in sorted(recs, key=lambda r: (r[0], -r[1]))])
print(sorted(["Banana", "apple", "Cherry", "date"], key=str.lower))
print(rng.sample(range(100), 5), "%.12f" % rng.gauss(0, 1))

section("exceptions")
class AppError(Exception):
    def __init__(self, code):
        super().__init__("code %d" % code)
        self.code = code
def risky(i):
    if i % 3 == 0:
        raise AppError(i)
    if i % 3 == 1:
        return 10 // (i - 1)
    return int("x%d" % i)
for i in range(6):
    try:
        print(i, "->", risky(i))
    except AppError as err:
        print(i, "app", err.code, err)
    except ZeroDivisionError as err:
        print(i, "zero", err)
    except ValueError as err:
        print(i, "value", err)
    finally:
        pass
try:
    try:
        {}["k"]
    except KeyError as err:
        raise RuntimeError("wrapped") from err
except RuntimeError as err:
    print("chained", repr(err), repr(err.__cause__))
def deep(n):
    return deep(n - 1) + 1 if n else 0
print("deep", deep(500))
try:
    deep(100000)
except RecursionError:
    print("recursion error caught")

section("bigint")
f = 1
for i in range(1, 201):
    f *= i
print(len(str(f)), f % (10**9 + 7), str(f)[:30])
print(pow(3, 10**5, 10**40 + 123), (2**521 - 1) % 1000000007)
x = 7**300
print(x.bit_length(), x // 3**100 % 10**20, divmod(-x, 12345678901))
print(hex(2**200 - 1)[:20], int("f" * 60, 16) >> 100, -(2**70) >> 3)
import math
print(math.isqrt(10**50), math.gcd(2**64 - 1, 3**40 - 1), math.comb(100, 37))

section("floats")
print(repr(0.1 + 0.2), 1e300 * 10, -1e-320, float("nan") != float("nan"))
print("%.17g %.17g %.17g" % (math.sqrt(2), math.exp(1), math.log(10)))
print("%.15g %.15g %.15g" % (math.sin(1e6), math.atan2(-1, -2), math.fsum([0.1] * 10)))
print(round(2.675, 2), round(-0.5), 7.0 // 2, -7 % 3, 2 ** -3, (1.5).as_integer_ratio())
from fractions import Fraction
print(Fraction(355, 113) - Fraction(22, 7), sum(Fraction(1, n) for n in range(1, 30)))

section("decimal")
from decimal import Decimal, getcontext, ROUND_HALF_EVEN
getcontext().prec = 50
print(Decimal(1) / Decimal(7))
print(Decimal(2).sqrt())
print((Decimal("1.10") * 3).quantize(Decimal("0.01"), rounding=ROUND_HALF_EVEN))
print(sum(Decimal("0.1") for _ in range(10)), Decimal("1e-30").exp())

section("strings/re")
import re
text = "2024-01-15 error code=42; 2024-02-03 warn code=7; 1999-12-31 error code=999"
for m in re.finditer(r"(\d{4})-(\d\d)-(\d\d) (\w+) code=(\d+)", text):
    print(m.groups(), m.span())
print(re.sub(r"(\w+)=(\d+)", lambda m: "%s<%d>" % (m.group(1).upper(), int(m.group(2)) * 2), text))
print(re.split(r"[;\s]+", text)[:6], re.findall(r"\b[a-z]{4,5}\b", text))
s = "Hello, Wörld! ñ €"
print(s.upper(), s.encode("utf-8").hex(), len(s.encode("utf-16-le")), s[::-1])
print("{:>10}|{:<8}|{:^9}|{:08.3f}|{:x}|{:,}".format("r", "l", "c", -3.14159, 48879, 1234567890))
print(f"{'-'.join(map(str, range(8)))} {'abc' * 3!r} {12345.6789:e}")
print("  strip me  ".strip().title().swapcase(), "a,b,,c".split(","), "x".join("abc").center(11, "*"))

section("json")
import json
obj = {"name": "mimic", "n": [1, 2.5, -3e10, None, True], "nested": {"k": ["v", {"z": 0}]}, "u": "é\u2603"}
enc = json.dumps(obj, sort_keys=True)
print(enc)
print(json.dumps(obj, indent=2, sort_keys=True, ensure_ascii=False).count("\n"))
back = json.loads(enc)
print(back == obj, back["nested"]["k"][1], json.loads("[1e400, -0.0, 12345678901234567890]"))

section("struct")
import struct
p = struct.pack("<iHqdf3sx?", -2, 65535, -2**62, 1.0 / 3, 2.5, b"abc", True)
print(p.hex(), struct.calcsize("<iHqdf3sx?"), struct.calcsize("@iHqd"))
print(struct.unpack(">IhQ", bytes(range(14))), struct.unpack("<d", struct.pack(">d", 1.5)))
print(struct.pack("!f", 3.14159).hex(), list(struct.iter_unpack("<h", b"\x01\x80\xff\x7f")))

section("hashlib/zlib")
import hashlib, zlib, binascii
blob = b"".join(struct.pack("<I", (i * 2654435761) & 0xffffffff) for i in range(5000))
for name in ("md5", "sha1", "sha256", "sha512", "sha3_256", "blake2b"):
    print(name, hashlib.new(name, blob).hexdigest()[:32])
z = zlib.compress(blob, 9)
print(len(z), zlib.crc32(blob), zlib.adler32(blob), zlib.decompress(z) == blob, binascii.crc_hqx(blob, 0))

section("misc")
import itertools, functools, operator
print(list(itertools.islice(itertools.permutations("abcd", 3), 5)), len(list(itertools.combinations(range(12), 4))))
print(functools.reduce(operator.mul, range(1, 15)), list(itertools.accumulate([3, 1, 4, 1, 5], max)))
@functools.lru_cache(maxsize=None)
def ways(n, k):
    return 1 if n == 0 else 0 if n < 0 or k == 0 else ways(n - k, k) + ways(n, k - 1)
print("partitions", ways(120, 120))
import dataclasses
@dataclasses.dataclass(order=True)
class P:
    x: int
    y: int = 0
print(sorted([P(3, 1), P(1, 2), P(3, 0)]), dataclasses.asdict(P(5)))
import datetime
print(datetime.date(2000, 2, 28) + datetime.timedelta(days=2), datetime.datetime(1970, 1, 1) + datetime.timedelta(seconds=2**31))
print(sys.byteorder, sys.maxsize, sys.version_info[:2], sys.getrecursionlimit())
