-- SQLite workload for the real-software suites: schema, bulk insert through
-- a recursive CTE, joins, aggregates, window functions, CTEs, indexes,
-- transactions and a view; every query has a deterministic ORDER BY.
.headers on
.mode list
PRAGMA journal_mode = DELETE;
CREATE TABLE dept(id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, budget REAL);
CREATE TABLE emp(id INTEGER PRIMARY KEY, name TEXT, dept INTEGER REFERENCES dept(id),
                 salary INTEGER, hired TEXT, boss INTEGER);
INSERT INTO dept VALUES (1, 'eng', 1.5e6), (2, 'sales', 750000.25), (3, 'ops', 320000), (4, 'empty', 0);
BEGIN;
WITH RECURSIVE c(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM c WHERE i < 3000)
INSERT INTO emp SELECT i, printf('emp%04d', i), 1 + (i * 7) % 3, 30000 + (i * 7919) % 90000,
  date('2000-01-01', '+' || ((i * 37) % 8000) || ' days'), CASE WHEN i > 10 THEN 1 + (i * 13) % 10 END FROM c;
COMMIT;
CREATE INDEX emp_dept ON emp(dept, salary);
SELECT count(*), sum(salary), min(hired), max(hired), avg(salary) FROM emp;
SELECT d.name, count(e.id) AS n, sum(e.salary) AS total, max(e.salary) AS top, round(avg(e.salary), 3) AS mean
  FROM dept d LEFT JOIN emp e ON e.dept = d.id GROUP BY d.id ORDER BY d.name;
SELECT e.name, b.name AS boss, d.name AS dept FROM emp e JOIN emp b ON e.boss = b.id
  JOIN dept d ON d.id = e.dept WHERE e.id % 500 = 0 ORDER BY e.id;
WITH ranked AS (SELECT name, dept, salary, rank() OVER (PARTITION BY dept ORDER BY salary DESC, id) AS r FROM emp)
SELECT dept, r, name, salary FROM ranked WHERE r <= 3 ORDER BY dept, r;
SELECT substr(hired, 1, 4) AS year, count(*) AS hires, sum(salary) FROM emp GROUP BY year HAVING count(*) > 140 ORDER BY year;
WITH RECURSIVE chain(id, depth) AS (SELECT 1, 0 UNION ALL SELECT e.id, depth + 1 FROM emp e JOIN chain c ON e.boss = c.id WHERE depth < 3)
SELECT depth, count(*) FROM chain GROUP BY depth ORDER BY depth;
CREATE VIEW rich AS SELECT * FROM emp WHERE salary > 115000;
SELECT count(*), group_concat(id, ',') FROM (SELECT id FROM rich ORDER BY id LIMIT 12);
UPDATE emp SET salary = salary + 1000 WHERE dept = 3 AND hired < '2005-01-01';
DELETE FROM emp WHERE id % 97 = 0;
SELECT changes(), total_changes() > 0, count(*), sum(salary) FROM emp;
SELECT typeof(1), typeof(1.5), typeof('x'), typeof(x'00ff'), typeof(NULL), 7 / 2, 7 % 3, 7.0 / 2, -7 / 2, 1 << 40;
SELECT printf('%.6f|%e|%10.3g|%x|%q', 3.14159265358979, 12345.678, 0.000123456, 255, 'it''s');
SELECT upper('abc'), length('héllo'), hex('é'), replace('a-b-c', '-', '+'), instr('mimic', 'mic'), trim('  x  '), abs(-5), max(3, 9, 1);
SELECT json_object('a', 1, 'b', json_array(1, 2, 'x')), json_extract('{"k":{"v":[10,20]}}', '$.k.v[1]');
SELECT total(salary) / count(*), sum(salary * 1.0) / 3 FROM emp WHERE dept = 2;
SELECT name FROM emp WHERE name LIKE 'emp00_7' OR name GLOB 'emp29[0-9]9' ORDER BY name;
SELECT dept, count(DISTINCT salary % 10) FROM emp GROUP BY dept ORDER BY dept;
PRAGMA integrity_check;
