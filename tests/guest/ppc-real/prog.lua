-- Lua workload for the ppc-real suite: closures, coroutines, metatables,
-- string library (patterns, format, pack), integer/float arithmetic,
-- error handling, sorting with a comparator, goto and utf8; prints values.
print("== closures")
local function counter(step)
  local n = 0
  return function() n = n + step; return n end
end
local c1, c2 = counter(1), counter(7)
for _ = 1, 5 do c1(); c2() end
print(c1(), c2())
local function memo(f)
  local cache = {}
  return function(x) local v = cache[x]; if v == nil then v = f(x); cache[x] = v end; return v end
end
local fib
fib = memo(function(n) if n < 2 then return n end return fib(n - 1) + fib(n - 2) end)
print(fib(80), fib(90))

print("== coroutines")
local function gen(n)
  return coroutine.wrap(function() for i = 1, n do coroutine.yield(i * i) end return "end" end)
end
local g, acc = gen(10), {}
for _ = 1, 11 do acc[#acc + 1] = tostring(g()) end
print(table.concat(acc, " "))
local co = coroutine.create(function(a, b)
  local c = coroutine.yield(a + b)
  local d, e = coroutine.yield(c * 2)
  return d + e, "done"
end)
print(coroutine.resume(co, 3, 4)); print(coroutine.resume(co, 10)); print(coroutine.resume(co, 5, 6))
print(coroutine.status(co), coroutine.resume(co))

print("== metatables")
local V = {}
V.__index = V
function V.new(x, y) return setmetatable({x = x, y = y}, V) end
V.__add = function(a, b) return V.new(a.x + b.x, a.y + b.y) end
V.__mul = function(a, k) return V.new(a.x * k, a.y * k) end
V.__eq = function(a, b) return a.x == b.x and a.y == b.y end
V.__lt = function(a, b) return a:len2() < b:len2() end
V.__tostring = function(a) return string.format("(%g,%g)", a.x, a.y) end
V.__len = function(a) return 2 end
function V:len2() return self.x * self.x + self.y * self.y end
local p = V.new(1, 2) + V.new(3, 4) * 2
print(tostring(p), #p, p == V.new(7, 10), V.new(1, 1) < p, p:len2())
local proxy = setmetatable({}, {__index = function(t, k) return k .. "!" end, __newindex = function(t, k, v) rawset(t, k, v * 10) end})
proxy.a = 5
print(proxy.a, proxy.zzz, rawget(proxy, "zzz"))

print("== numbers")
print(7 // 2, -7 // 2, 7 % -3, -7 % 3, 7.5 // 2, 2^10, 10 / 4, 3 | 5, 6 & 3, 5 ~ 1, ~0, 1 << 62, -1 >> 60)
print(math.maxinteger, math.mininteger, math.maxinteger + 1 == math.mininteger, math.tointeger(3.0), 2^53 + 1)
print(string.format("%.14g %.14g %.14g %.14g", math.sin(1), math.exp(10), math.log(2), math.sqrt(3)))
print(string.format("%.3f %e %g %g %g %a", 1/3, 1e300 * 1e5, 0.1, -0.0, 1e-310, 1.0))
print(math.floor(-3.5), math.ceil(-3.5), math.fmod(-7, 3), math.abs(math.mininteger), 0x7fffffff * 3, 1e15 + 0.3)
print(tostring(1/0), tostring(-1/0), tostring(0/0) == tostring(0/0), 100000000000000 * 1000, 3 == 3.0, math.type(3), math.type(3.0))
local s = 0
for i = 1, 100000 do s = (s * 31 + i) % 4294967291 end
print("lcg", s)
local x = 0.0
for i = 1, 10000 do x = x + 1 / (i * i) end
print(string.format("basel %.15f", x))

print("== strings")
local text = "The year 1999 had 365 days; 2024 has 366. Pi ~ 3.14159!"
for w in text:gmatch("%d+") do io.write(w, ",") end print()
print(text:gsub("%a+", function(w) return #w > 3 and w:upper() or nil end))
print(text:find("(%d+) days"), text:match("(%u%l+) (%l+)"), text:sub(-8, -2), text:rep(2, "|"):len())
print(("%q"):format("a\nb\0c\"d"), ("x"):byte(), string.char(72, 105), ("hello"):reverse())
print(string.format("[%5s][%-5s][%05d][%+.2f][%x][%X][%o][%c]", "ab", "cd", 42, 3.14159, 255, 48879, 8, 65))
local packed = string.pack(">i4 <i2 d z s1", -2, 513, 1.5, "zs", "len")
print(#packed, (packed:gsub(".", function(ch) return string.format("%02x", ch:byte()) end)))
print(string.unpack(">i4 <i2 d z s1", packed))
print(utf8.char(72, 228, 8364, 128512), utf8.len("häll€"), #"häll€")
for p, cp in utf8.codes("aé€") do io.write(p, ":", cp, " ") end print()

print("== tables")
local t = {}
for i = 1, 200 do t[i] = (i * 7919) % 211 end
table.sort(t, function(a, b) if a % 10 ~= b % 10 then return a % 10 < b % 10 end return a > b end)
print(table.concat(t, ",", 1, 20))
print(#t, select("#", table.unpack(t)), select(-1, 1, 2, 3), table.unpack({1, 2, 3}, 2))
table.insert(t, 1, "first"); table.remove(t, 3); table.move(t, 1, 3, 198)
print(t[1], t[2], t[3], t[198], t[199], t[200], #t)
local keys = {}
for k in pairs({alpha = 1, beta = 2, gamma = 3, delta = 4}) do keys[#keys + 1] = k end
table.sort(keys); print(table.concat(keys, " "))

print("== errors")
do local ok2, obj = pcall(function() error({code = 42}) end); print(ok2, type(obj), obj.code) end
local ok, e = pcall(function() error("boom", 0) end); print(ok, e)
ok, e = pcall(function() local z = nil; return z.field end); print(ok, (e:gsub("^.-:%d+: ", "")))
print(xpcall(function() return 1 + {} end, function(m) return "handled: " .. m:gsub("^.-:%d+: ", "") end))
print(select(2, pcall(error)), pcall(string.rep), tostring(nil), tonumber("0x1p4"), tonumber("z", 36), tonumber("  12  "))
do
  local i = 1
  ::top::
  if i < 5 then i = i * 3; goto top end
  print("goto", i)
end
print("== gc")
local weak = setmetatable({}, {__mode = "k"})
weak[{}] = 1
collectgarbage(); collectgarbage()
local n = 0 for _ in pairs(weak) do n = n + 1 end
print("weak entries", n)
local big = {}
for i = 1, 20000 do big[i] = {i, tostring(i)} end
big = nil
collectgarbage()
print("done")
