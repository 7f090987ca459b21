-- Properties and error codes of the official Swedish measures, checked
-- against independent plain-SQL computations.
\set ON_ERROR_STOP 1
\pset format unaligned
\pset tuples_only true
BEGIN;
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS pgtap;
CREATE EXTENSION IF NOT EXISTS segindex CASCADE;
SELECT plan(29);

-- Error codes name the argument.
SELECT throws_ok('SELECT seg_sei(1, 2, 300)', '22003',
                 'argument "v3" must be between 0 and 100', 'seg_sei range');
SELECT throws_ok('SELECT seg_sei(3, 2, 3, 4, 5, 6)', '22023',
                 'argument "v1_num" must not exceed "v1_den"', 'seg_sei counts: num > den');
SELECT throws_ok($$SELECT seg_sei(1, 2, 1, 4, 5, '-Infinity')$$, '22023',
                 NULL, 'seg_sei counts: non-finite denominator');
SELECT throws_ok('SELECT seg_area_type(1, 0, -2)', '22023', NULL, 'negative sd');
SELECT throws_ok('SELECT seg_area_type_name(0)', '22003', NULL, 'type out of range');
SELECT throws_ok($$SELECT seg_area_type_name(1, 'fi')$$, '22023', NULL, 'unknown language');
SELECT throws_ok('SELECT seg_inequality_index(l, h) FROM (VALUES (1, 2), (-3, 4)) v(l, h)',
                 '22023', 'argument "low" must be a finite, non-negative count', 'negative low');
SELECT throws_ok('SELECT seg_publishable_share(30, 21)', '22023', NULL, 'part > base');

-- Window area types agree with the definition written in plain SQL.
CREATE TEMP TABLE idx AS
SELECT g % 7 AS part, g AS id,
       CASE WHEN g % 23 = 0 THEN NULL
            ELSE 25 * (abs(sin(g * 12.9898)) + abs(sin(g * 78.233))
                       + abs(sin(g * 37.719)) + abs(sin(g * 4.581))) END AS i
FROM generate_series(1, 5000) g;

SELECT is((SELECT count(*) FROM (
    SELECT seg_area_type(i) OVER (PARTITION BY part) AS t,
           CASE WHEN i IS NULL THEN NULL
                WHEN i >= avg(i) OVER p + 2 * stddev_samp(i) OVER p THEN 1
                WHEN i >= avg(i) OVER p + stddev_samp(i) OVER p THEN 2
                WHEN i >= avg(i) OVER p THEN 3
                WHEN i >= avg(i) OVER p - stddev_samp(i) OVER p THEN 4
                ELSE 5 END AS expected
    FROM idx WINDOW p AS (PARTITION BY part)) s
    WHERE t IS DISTINCT FROM expected), 0::bigint,
    'window area type equals the plain-SQL definition');

SELECT ok((SELECT max(abs(z - (i - m) / s)) < 1e-12 FROM (
    SELECT i, seg_zscore(i) OVER p AS z, avg(i) OVER p AS m, stddev_samp(i) OVER p AS s
    FROM idx WINDOW p AS (PARTITION BY part)) q),
    'seg_zscore equals (x - avg) / stddev_samp');

SELECT is((SELECT count(*) FROM (
    SELECT seg_sd_flag(i, 1.5) OVER p AS f,
           i >= avg(i) OVER p + 1.5 * stddev_samp(i) OVER p AS expected
    FROM idx WINDOW p AS (PARTITION BY part)) q
    WHERE f IS DISTINCT FROM expected), 0::bigint,
    'seg_sd_flag equals x >= avg + k * stddev_samp');

SELECT is((SELECT count(*) FROM (
    SELECT seg_area_type(i) OVER (PARTITION BY part) AS w,
           seg_area_type(i, avg(i) OVER (PARTITION BY part),
                         stddev_samp(i) OVER (PARTITION BY part)) AS s
    FROM idx) q WHERE w IS DISTINCT FROM s), 0::bigint,
    'window and scalar area types agree');

SELECT is((SELECT count(DISTINCT t) FROM (
    SELECT seg_area_type(i) OVER () AS t FROM idx) q), 5::bigint,
    'all five types occur on a spread-out sample');

-- Inequality index against plain SQL over unit rows.
CREATE TEMP TABLE units AS
SELECT g AS unit, g % 13 AS kommun,
       floor(500 * abs(sin(g * 1.7)))::float8 AS low,
       floor(500 * abs(cos(g * 0.3)))::float8 AS high
FROM generate_series(1, 20000) g;

CREATE TEMP TABLE expected_oi AS
SELECT kommun, 50 * sum(abs(low / lt - high / ht)) AS oi
FROM (SELECT kommun, low, high,
             sum(low) OVER (PARTITION BY kommun) AS lt,
             sum(high) OVER (PARTITION BY kommun) AS ht FROM units) s
GROUP BY kommun;

SELECT ok((SELECT max(abs(o.oi - e.oi)) < 1e-9 FROM
           (SELECT kommun, seg_inequality_index(low, high) AS oi FROM units GROUP BY kommun) o
           JOIN expected_oi e USING (kommun)),
          'seg_inequality_index equals plain SQL');

SELECT ok((SELECT bool_and(abs(a - b) < 1e-9) FROM (
    SELECT seg_inequality_index(low, high) AS a, seg_inequality_index(high, low) AS b
    FROM units GROUP BY kommun) s), 'symmetric in its two groups');

SELECT ok((SELECT bool_and(abs(a - b) < 1e-9) FROM (
    SELECT seg_inequality_index(low, high) AS a, seg_inequality_index(3 * low, 7 * high) AS b
    FROM units GROUP BY kommun) s), 'invariant to scaling each group');

SELECT ok((SELECT bool_and(oi BETWEEN 0 AND 100) FROM (
    SELECT seg_inequality_index(low, high) AS oi FROM units GROUP BY kommun) s), 'within 0..100');

-- Parallel and partition-wise plans give the serial result.
CREATE TABLE par_units AS SELECT * FROM units, generate_series(1, 10) rep;
ANALYZE par_units;
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SET max_parallel_workers_per_gather = 2;
SET parallel_leader_participation = off;

CREATE FUNCTION pg_temp.plan_of(q text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE r text; out text := '';
BEGIN
  FOR r IN EXECUTE 'EXPLAIN (COSTS OFF) ' || q LOOP out := out || r || E'\n'; END LOOP;
  RETURN out;
END $$;

SELECT matches(pg_temp.plan_of('SELECT kommun, seg_inequality_index(low, high) FROM par_units GROUP BY kommun'),
               'Partial (Hash|Group)?Aggregate', 'parallel plan uses partial aggregation');
CREATE TEMP TABLE par_result AS
SELECT kommun, seg_inequality_index(low, high) AS oi FROM par_units GROUP BY kommun;
SELECT ok((SELECT max(abs(p.oi - e.oi)) < 1e-9 FROM par_result p JOIN expected_oi e USING (kommun)),
          'parallel result equals the serial one');
SELECT is((SELECT count(*) FROM par_result), 13::bigint, 'one row per kommun');

RESET max_parallel_workers_per_gather;
SET max_parallel_workers_per_gather = 0;
SET enable_partitionwise_aggregate = on;
CREATE TABLE part_units (LIKE units) PARTITION BY HASH (unit);
CREATE TABLE part_units_0 PARTITION OF part_units FOR VALUES WITH (MODULUS 3, REMAINDER 0);
CREATE TABLE part_units_1 PARTITION OF part_units FOR VALUES WITH (MODULUS 3, REMAINDER 1);
CREATE TABLE part_units_2 PARTITION OF part_units FOR VALUES WITH (MODULUS 3, REMAINDER 2);
INSERT INTO part_units SELECT * FROM units;
ANALYZE part_units;
SELECT matches(pg_temp.plan_of('SELECT kommun, seg_inequality_index(low, high) FROM part_units GROUP BY kommun'),
               'Partial (Hash|Group)?Aggregate', 'partition-wise plan uses partial aggregation');
SELECT ok((SELECT max(abs(p.oi - e.oi)) < 1e-9 FROM
           (SELECT kommun, seg_inequality_index(low, high) AS oi FROM part_units GROUP BY kommun) p
           JOIN expected_oi e USING (kommun)),
          'partition-wise result equals the serial one');

-- Disclosure rule against its definition.
SELECT is((SELECT count(*) FROM generate_series(0, 30) b, generate_series(0, 30) p
           WHERE p <= b
             AND seg_publishable_share(p, b) IS DISTINCT FROM
                 CASE WHEN b > 20 AND p > 5 THEN 100.0 * p / b END), 0::bigint,
          'seg_publishable_share follows the 20/5 rule');

-- Count form agrees with the percentage form.
SELECT ok((SELECT bool_and(abs(seg_sei(a, a + 3, b, b + 7, c, c + 1)
                               - seg_sei(100.0 * a / (a + 3), 100.0 * b / (b + 7), 100.0 * c / (c + 1))) < 1e-12)
           FROM generate_series(0, 9) a, generate_series(0, 9) b, generate_series(0, 9) c),
          'count form equals percentage form');

-- Issue 7 §2: 100 * num overflowed before the division; (100/17 + 50 + 0) / 3 by hand.
SELECT ok(abs(seg_sei(1e307, 1.7e308, 1, 2, 0, 10) - 18.627450980392158) < 1e-14,
          'seg_sei: huge counts do not overflow (18.6275 as worked by hand)');
SELECT is(seg_sei(1.7e308, 1.7e308, 1.7e308, 1.7e308, 1.7e308, 1.7e308), 100::float8,
          'seg_sei: largest counts give 100');
-- Issue 9 defect 10: language codes in any case.
SELECT is(seg_area_type_name(1, 'EN'), 'Areas with major socioeconomic challenges',
          'seg_area_type_name accepts ''EN''');
SELECT is(seg_area_type_name(5, 'Sv'), seg_area_type_name(5, 'sv'),
          'seg_area_type_name accepts ''Sv''');

-- Hostile search_path: the functions still resolve their own helpers.
SET LOCAL search_path = pg_temp;
CREATE TEMP TABLE hostile AS
SELECT public.seg_area_type_name(1, 'en') AS name,
       (SELECT public.seg_inequality_index(l, h) FROM (VALUES (1, 0), (0, 1)) v(l, h)) AS oi;
RESET search_path;
SELECT results_eq('SELECT name, oi FROM hostile',
                  $$VALUES ('Areas with major socioeconomic challenges', 100::float8)$$,
                  'works with an empty search_path');

SELECT * FROM finish();
ROLLBACK;
