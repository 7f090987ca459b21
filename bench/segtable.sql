-- segtable benchmark (issue 3, section 6).  Run through bench/segtable, which
-- sets :rows and starts a throwaway cluster.  Not part of the test suite.
--
-- Data: :rows synthetic persons (kommun, deso, grp), about 6000 DeSO-like
-- units in 290 kommuner, groups 1..5 with a unit-specific tilt so the
-- indices are far from 0.  Rows are in hash order, not sorted by area.
--
-- Measured side by side, each timed by EXPLAIN (ANALYZE, TIMING OFF) in
-- interleaved rounds after a warm-up round, median of the rounds:
--   (1) a bare count(*) GROUP BY kommun;
--   (2) segtable(deso, grp) per kommun plus multigroup D, H and M;
--   (3) the same D, H, M in plain SQL (cell counts, window sums, arithmetic);
--   (4) (2) with 0 and with 2 parallel workers (and (1) likewise, for scale).

\set ON_ERROR_STOP 1
\pset footer off
\timing off
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS segindex CASCADE;
SET max_parallel_workers_per_gather = 0;

\echo
\echo === segtable benchmark: generating :rows person rows
\echo

CREATE UNLOGGED TABLE persons (kommun text, deso text, grp int);

-- DeSO d (0..5999) belongs to kommun floor(290 (d/6000)^1.5): big kommuner
-- have many DeSO, small ones about 14.  Person p lives in DeSO hash(p) mod
-- 6000 and belongs to group 1 + floor(5 u^exp(1.5 tilt(d))), u uniform.
INSERT INTO persons
SELECT to_char(100 + k, 'FM0000'),
       to_char(100 + k, 'FM0000') || chr(65 + d % 3) || to_char(d, 'FM0000'),
       1 + floor(5 * power(u, exp(1.5 * tilt)))::int
FROM (SELECT d, floor(290 * power(d / 6000.0, 1.5))::int AS k,
             u, (abs(hashint4(d + 7919)) % 2001 - 1000) / 1000.0 AS tilt
      FROM (SELECT abs(hashint4(p)) % 6000 AS d,
                   (abs(hashint4(p + 1000000007)) % 1000000) / 1000000.0 AS u
            FROM generate_series(1, :rows) p) a) b;
VACUUM (FREEZE, ANALYZE) persons;

SELECT count(*) AS persons, count(DISTINCT kommun) AS kommuner,
       count(DISTINCT deso) AS deso,
       pg_size_pretty(pg_relation_size('persons')) AS table_size
FROM persons;

-- Timing: EXPLAIN ANALYZE without per-node timing runs the whole query
-- (result rows are produced, not sent) and reports the peak hash table
-- memory, transition states included.
CREATE FUNCTION pg_temp.bench(query text, workers int,
                              OUT ms float8, OUT peak_kb float8, OUT launched int)
LANGUAGE plpgsql AS $$
DECLARE
    plan jsonb;
BEGIN
    PERFORM set_config('max_parallel_workers_per_gather', workers::text, true);
    PERFORM set_config('parallel_setup_cost', '0', true);
    PERFORM set_config('parallel_tuple_cost', '0', true);
    EXECUTE 'EXPLAIN (ANALYZE, TIMING OFF, FORMAT JSON) ' || query INTO plan;
    ms := (plan -> 0 ->> 'Execution Time')::float8;
    SELECT max(v::text::float8) INTO peak_kb
    FROM jsonb_path_query(plan, 'lax $.**."Peak Memory Usage"') v;
    SELECT coalesce(max(v::text::int), 0) INTO launched
    FROM jsonb_path_query(plan, 'lax $.**."Workers Launched"') v;
END $$;

SELECT EXISTS (SELECT 1 FROM pg_proc
               WHERE proname IN ('seg_dissimilarity', 'seg_entropy_index',
                                 'seg_mutual_information')
               HAVING count(DISTINCT proname) = 3) AS have_indices \gset

\set q1 'SELECT kommun, count(*) FROM persons GROUP BY kommun'
\if :have_indices
\set q2 'SELECT kommun, seg_dissimilarity(t) AS d, seg_entropy_index(t) AS h, seg_mutual_information(t) AS m FROM (SELECT kommun, segtable(deso, grp) AS t FROM persons GROUP BY kommun) s'
\else
\echo NOTE: the measure functions are not installed; (2) computes seg_total() instead.
\set q2 'SELECT kommun, seg_total(t) AS d, seg_total(t) AS h, seg_total(t) AS m FROM (SELECT kommun, segtable(deso, grp) AS t FROM persons GROUP BY kommun) s'
\endif
-- Plain SQL over sparse cells.  With n = cell count, ti / tm / tt = unit,
-- group and kommun totals (window sums over the cells):
--   D = (tt + sum(|n - ti tm / tt| - ti tm / tt)) / (2 tt I), I = 1 - sum(n tm) / tt^2
--   (absent cells contribute ti tm / tt each, which the identity accounts for)
--   M = (sum(n ln(n / ti)) - sum(n ln(tm / tt))) / tt,  E = -sum(n ln(tm / tt)) / tt,  H = M / E
\set q3 'SELECT kommun, (max(tt) + sum(abs(n - ti * tm / tt) - ti * tm / tt)) / (2 * max(tt) * (1 - sum(n * tm) / max(tt) ^ 2)) AS d, (sum(n * ln(n / ti)) - sum(n * ln(tm / tt))) / nullif(-sum(n * ln(tm / tt)), 0) AS h, (sum(n * ln(n / ti)) - sum(n * ln(tm / tt))) / max(tt) AS m FROM (SELECT kommun, n, sum(n) OVER (PARTITION BY kommun, deso) AS ti, sum(n) OVER (PARTITION BY kommun, grp) AS tm, sum(n) OVER (PARTITION BY kommun) AS tt FROM (SELECT kommun, deso, grp, count(*)::float8 AS n FROM persons GROUP BY kommun, deso, grp) c) w GROUP BY kommun'

CREATE TEMP TABLE runs (item text, workers int, round int, ms float8,
                        peak_kb float8, launched int);

SELECT set_config('bench.q1', :'q1', false) AS q1,
       set_config('bench.q2', :'q2', false) AS q2,
       set_config('bench.q3', :'q3', false) AS q3,
       set_config('bench.rounds', '3', false) AS rounds \gset

\echo === timing (warm-up round, then 3 interleaved rounds)
-- Round 0 warms the buffer cache and is discarded.
DO $$
BEGIN
    FOR r IN 0 .. current_setting('bench.rounds')::int LOOP
        INSERT INTO runs SELECT '1 count(*) GROUP BY kommun', 0, r, b.* FROM pg_temp.bench(current_setting('bench.q1'), 0) b;
        INSERT INTO runs SELECT '2 segtable + D,H,M', 0, r, b.* FROM pg_temp.bench(current_setting('bench.q2'), 0) b;
        INSERT INTO runs SELECT '3 plain SQL D,H,M', 0, r, b.* FROM pg_temp.bench(current_setting('bench.q3'), 0) b;
        INSERT INTO runs SELECT '2 segtable + D,H,M', 2, r, b.* FROM pg_temp.bench(current_setting('bench.q2'), 2) b;
        INSERT INTO runs SELECT '1 count(*) GROUP BY kommun', 2, r, b.* FROM pg_temp.bench(current_setting('bench.q1'), 2) b;
    END LOOP;
END $$;

\echo
\echo === medians (ms), peak hash aggregate memory (kB, states included), workers launched
CREATE TEMP TABLE med AS
SELECT item, workers,
       percentile_cont(0.5) WITHIN GROUP (ORDER BY ms) AS ms,
       min(ms) AS min_ms, max(ms) AS max_ms,
       max(peak_kb) AS peak_kb, min(launched) AS launched
FROM runs WHERE round > 0 GROUP BY item, workers;
SELECT item, workers, round(ms::numeric, 1) AS median_ms,
       round(min_ms::numeric, 1) AS min_ms, round(max_ms::numeric, 1) AS max_ms,
       peak_kb, launched
FROM med ORDER BY item, workers;

\echo === ratios (targets: (2)/(1) <= 1.5, (3)/(2) >= 2.5, parallel speed-up >= 1.6)
SELECT round((SELECT ms FROM med WHERE item LIKE '2%' AND workers = 0)::numeric
           / (SELECT ms FROM med WHERE item LIKE '1%' AND workers = 0)::numeric, 3) AS "(2)/(1)",
       round((SELECT ms FROM med WHERE item LIKE '3%' AND workers = 0)::numeric
           / (SELECT ms FROM med WHERE item LIKE '2%' AND workers = 0)::numeric, 3) AS "(3)/(2)",
       round((SELECT ms FROM med WHERE item LIKE '2%' AND workers = 0)::numeric
           / (SELECT ms FROM med WHERE item LIKE '2%' AND workers = 2)::numeric, 3) AS "(2) speed-up, 2 workers",
       round((SELECT ms FROM med WHERE item LIKE '1%' AND workers = 0)::numeric
           / (SELECT ms FROM med WHERE item LIKE '1%' AND workers = 2)::numeric, 3) AS "(1) speed-up, 2 workers",
       :'rows'::bigint AS rows;

\echo === (2) and (3) agree (max absolute difference over kommuner)
SELECT :'have_indices'::bool AS measured_indices,
       max(abs(a.d - b.d)) AS max_diff_d, max(abs(a.h - b.h)) AS max_diff_h,
       max(abs(a.m - b.m)) AS max_diff_m, count(*) AS kommuner
FROM (:q2) a JOIN (:q3) b USING (kommun)
WHERE :'have_indices'::bool;

\echo === state size grows with cells, not rows
\echo (per-kommun segtables over the first part of the table: rows, cells, stored bytes, peak memory)
CREATE TEMP TABLE sizes (share float8, rows bigint, cells bigint, bytes bigint, peak_kb float8);
DO $$
DECLARE
    pages bigint := pg_relation_size('persons') / current_setting('block_size')::int;
    f float8;
    lim tid;
    r sizes;
BEGIN
    FOREACH f IN ARRAY ARRAY[0.05, 0.25, 0.5, 1.0] LOOP
        lim := format('(%s,0)', ceil(pages * f)::bigint + (f = 1)::int)::tid;
        SELECT f, count(*) INTO r.share, r.rows FROM persons WHERE ctid < lim;
        SELECT sum(seg_ncells(t)), sum(pg_column_size(t)) INTO r.cells, r.bytes
        FROM (SELECT segtable(deso, grp) AS t FROM persons WHERE ctid < lim GROUP BY kommun) s;
        SELECT b.peak_kb INTO r.peak_kb
        FROM pg_temp.bench(format('SELECT kommun, segtable(deso, grp) FROM persons WHERE ctid < %L GROUP BY kommun', lim), 0) b;
        INSERT INTO sizes VALUES (r.*);
    END LOOP;
END $$;
SELECT share, rows, cells, bytes, round(bytes::numeric / cells, 1) AS bytes_per_cell, peak_kb,
       round((peak_kb * 1024 / cells)::numeric, 1) AS peak_bytes_per_cell
FROM sizes ORDER BY share;

\echo (one national table of all DeSO)
SELECT seg_nunits(t) AS units, seg_ngroups(t) AS groups, seg_ncells(t) AS cells,
       seg_total(t) AS total, pg_column_size(t) AS stored_bytes,
       length(t::text) AS text_bytes
FROM (SELECT segtable(deso, grp) AS t FROM persons) s;
