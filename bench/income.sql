-- Data for bench/income: :n synthetic persons with log-normal incomes in
-- 5,984 DeSO-like units nested in 290 kommuner, in random (register-like)
-- order.  DeSO means differ (log-scale sd 0.25) so there is something to
-- segregate; incomes are log-normal with sigma 0.6 around them.
\set ON_ERROR_STOP 1
CREATE EXTENSION IF NOT EXISTS segindex CASCADE;
DROP TABLE IF EXISTS bench_deso, bench_persons;
SELECT setseed(0.4242);
CREATE TABLE bench_deso AS
SELECT d AS deso, d % 290 AS kommun,
       12.3 + 0.25 * sqrt(-2 * ln(1 - random())) * cos(2 * pi() * random()) AS mu
FROM generate_series(1, 5984) d;
CREATE TABLE bench_persons AS
SELECT b.kommun, b.deso,
       round(exp(b.mu + 0.6 * sqrt(-2 * ln(1 - random())) * cos(2 * pi() * random()))::numeric, 0)::float8 AS income
FROM (SELECT 1 + floor(random() * 5984)::int AS deso FROM generate_series(1, :n)) p
JOIN bench_deso b USING (deso);
VACUUM (FREEZE, ANALYZE) bench_persons;
SELECT count(*) AS persons, pg_size_pretty(pg_table_size('bench_persons')) AS size FROM bench_persons;
