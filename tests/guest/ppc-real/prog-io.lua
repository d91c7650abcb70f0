-- Lua I/O workload for the ppc-real suite: files (write, seek, read
-- modes, lines), os.rename/remove/tmpname-free names, os.date in UTC,
-- os.time on fixed dates, popen of a shell pipeline; prints values.
local f = assert(io.open("data.txt", "w"))
for i = 1, 3000 do f:write(string.format("%05d %s %.3f\n", i, ("x"):rep(i % 17), i / 7)) end
print("size after write", f:seek("end"))
f:close()
f = assert(io.open("data.txt", "r"))
print("first", f:read("l"), f:read("n"), f:read(3), f:seek("cur"))
f:seek("set", 1000); print("at 1000", f:read("l"))
print("seek end", f:seek("end", -30), f:read("a"):gsub("\n", "|"))
f:close()
local n, sum, longest = 0, 0, ""
for line in io.lines("data.txt") do
  n = n + 1; sum = sum + tonumber(line:match("(%d+)%.%d+$") or 0)
  if #line > #longest then longest = line end
end
print("lines", n, sum, longest)
local b = assert(io.open("bin.dat", "wb"))
for i = 0, 255 do b:write(string.pack("<I2>i4", i * 257, -i)) end
b:close()
b = assert(io.open("bin.dat", "rb"))
local blob = b:read("a"); b:close()
print("binary", #blob, string.unpack("<I2>i4", blob, 6 * 200 + 1))
assert(os.rename("bin.dat", "moved.dat"))
print("rename", io.open("bin.dat") == nil, io.open("moved.dat") ~= nil, os.remove("moved.dat"), select(2, os.remove("moved.dat")) ~= nil)
print("date", os.date("!%Y-%m-%d %H:%M:%S %j %a %b", 0), os.date("!%c", 1234567890))
print("time", os.time({year = 2000, month = 1, day = 1, hour = 12}) - os.time({year = 1999, month = 12, day = 31, hour = 12}))
local t = os.date("!*t", 951782400)
print("table", t.year, t.month, t.day, t.wday, t.yday, t.isdst)
print("getenv", os.getenv("MIMIC_REAL_UNSET_VAR"), type(os.clock()))
local p = io.popen("echo popen works; exit 3")
print(p:read("a"):gsub("\n", ""), p:close())
print("execute", os.execute("exit 5"))
local w = io.open("nested/x", "w"); print("missing dir", w)
io.write("done\n")
os.exit(7)
