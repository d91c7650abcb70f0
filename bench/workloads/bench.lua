-- Lua interpreter benchmark: recursion, string building and matching,
-- table sort; prints a checksum of each part.
local function fib(n) if n < 2 then return n end return fib(n - 1) + fib(n - 2) end
print("fib", fib(27))
local parts = {}
for i = 1, 60000 do parts[#parts + 1] = string.format("%d:%x;", i, i * 7919) end
local s = table.concat(parts)
local count = 0
for a, b in s:gmatch("(%d+):(%x+);") do count = count + (#a + #b) end
print("strings", #s, count)
local t = {}
local x = 12345
for i = 1, 150000 do x = (x * 1103515245 + 12345) % 2147483648; t[i] = x end
table.sort(t)
local acc = 0
for i = 1, #t, 1000 do acc = (acc + t[i]) % 1000000007 end
print("sort", acc)
