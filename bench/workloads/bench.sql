-- SQLite benchmark: bulk insert, index build, aggregate and join queries.
CREATE TABLE t(id INTEGER PRIMARY KEY, k INTEGER, v TEXT);
WITH RECURSIVE c(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM c WHERE i < 150000)
INSERT INTO t SELECT i, (i * 7919) % 1000, printf('value-%08d', i * 31) FROM c;
CREATE INDEX tk ON t(k);
SELECT count(*), sum(k), max(v) FROM t;
SELECT k, count(*), sum(length(v)) FROM t GROUP BY k ORDER BY 2 DESC, 1 LIMIT 5;
SELECT count(*) FROM t a JOIN t b ON a.k = b.k WHERE a.id < 300 AND b.id < 3000;
SELECT sum(id) FROM t WHERE v LIKE '%77%';
