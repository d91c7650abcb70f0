# awk workload for the i386-real suite (busybox awk): field splitting,
# associative arrays, printf, string functions over the generated table.
{ n[$3]++; sum[$3] += $2; if ($2 > max) { max = $2; maxline = $1 } }
$1 % 250 == 0 { printf "%-6s %8.3f %s %d\n", $1, $2 / 7, toupper(substr($4, 1, 5)), length($0) }
END {
  for (k in n) keys[++nk] = k
  for (i = 1; i <= nk; i++) for (j = i + 1; j <= nk; j++) if (keys[j] < keys[i]) { t = keys[i]; keys[i] = keys[j]; keys[j] = t }
  for (i = 1; i <= nk; i++) printf "%s count=%d sum=%d avg=%.4f\n", keys[i], n[keys[i]], sum[keys[i]], sum[keys[i]] / n[keys[i]]
  print "max", max, "at", maxline, "records", NR
  s = "the-quick-brown-fox"; c = split(s, parts, "-"); gsub(/o/, "0", s)
  print c, parts[3], s, index(s, "br"), sprintf("%05.1f|%x|%c", 3.14159, 255, 65)
}
