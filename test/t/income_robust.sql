-- Income robustness (issue 7 §2-§4, issue 9 defect 4): Theil accuracy
-- against an exact reference (test/python/theil_ref.py: decimal arithmetic
-- from the incomes themselves), stored values that no incomes can produce,
-- canonical zeros, key types, and the pre-aggregated form.
\set ON_ERROR_STOP 1
\set QUIET 1
\pset format unaligned
\pset tuples_only true
\pset pager off
BEGIN;
CREATE EXTENSION IF NOT EXISTS pgtap;
CREATE EXTENSION IF NOT EXISTS segindex CASCADE;

SELECT plan(40);

-- ---------------------------------------------------------------------------
-- Accuracy against the exact reference.  Documented bound (doc/income.md):
-- |error| <= 16 eps (1 + max |ln y|) for T, L and each part, when every
-- income and y ln y is a normal float8.
-- ---------------------------------------------------------------------------
CREATE TEMP TABLE theil_rows(dataset text, unit int, income float8);
CREATE TEMP TABLE theil_exact(dataset text, t float8, t_between float8, t_within float8,
                              l float8, l_between float8, l_within float8, max_abs_log float8);
\set have_py `command -v python3 >/dev/null && echo true || echo false`
\if :have_py
\copy theil_rows FROM PROGRAM 'python3 test/python/theil_ref.py rows' WITH (FORMAT csv)
\copy theil_exact FROM PROGRAM 'python3 test/python/theil_ref.py expected' WITH (FORMAT csv)
\else
\echo '# python3 not found: the exact-reference tests below compare nothing'
\endif

CREATE TEMP TABLE theil_got AS
SELECT dataset, s, count(*) OVER () AS ndatasets,
       seg_theil_t(s) t, seg_theil_t_between(s) t_between, seg_theil_t_within(s) t_within,
       seg_theil_l(s) l, seg_theil_l_between(s) l_between, seg_theil_l_within(s) l_within,
       (SELECT count(*) FROM theil_rows r WHERE r.dataset = q.dataset) AS n
FROM (SELECT dataset, incomestats(unit, income) s FROM theil_rows GROUP BY dataset) q;

CREATE FUNCTION pg_temp.within_bound(got float8, want float8, mal float8) RETURNS boolean
LANGUAGE sql AS $$
  SELECT CASE WHEN want IS NULL THEN got IS NULL
              ELSE abs(got - want) <= 16 * 2.220446049250313e-16 * (1 + mal) END $$;

SELECT ok((SELECT bool_and(pg_temp.within_bound(g.t, e.t, e.max_abs_log)
                           AND pg_temp.within_bound(g.t_between, e.t_between, e.max_abs_log)
                           AND pg_temp.within_bound(g.t_within, e.t_within, e.max_abs_log))
           FROM theil_got g JOIN theil_exact e USING (dataset)
           WHERE dataset <> 'two_denormals') IS NOT FALSE,
          'Theil T and parts within 16 eps (1 + max|ln y|) of the exact value');
SELECT ok((SELECT bool_and(pg_temp.within_bound(g.l, e.l, e.max_abs_log)
                           AND pg_temp.within_bound(g.l_between, e.l_between, e.max_abs_log)
                           AND pg_temp.within_bound(g.l_within, e.l_within, e.max_abs_log))
           FROM theil_got g JOIN theil_exact e USING (dataset)
           WHERE dataset <> 'two_denormals') IS NOT FALSE,
          'Theil L and parts within 16 eps (1 + max|ln y|) of the exact value');
SELECT ok((SELECT abs(g.t - e.t) <= 16 * 2.220446049250313e-16 * (1 + e.max_abs_log)
                  AND abs(g.l - e.l) <= 16 * 2.220446049250313e-16 * (1 + e.max_abs_log)
           FROM theil_got g JOIN theil_exact e USING (dataset)
           WHERE dataset = 'near_equal_1e9') IS NOT FALSE,
          'issue 7: incomes 1e9 + 0..1000 within the documented absolute bound (~8e-14)');
SELECT ok((SELECT bool_and(t BETWEEN 0 AND ln(n) AND t_between BETWEEN 0 AND ln(n)
                           AND t_within BETWEEN 0 AND ln(n) AND l >= 0 AND l_between >= 0
                           AND l_within >= 0 AND t <> 'NaN' AND l <> 'NaN')
           FROM theil_got WHERE dataset = 'two_denormals') IS NOT FALSE,
          'denormal incomes: T in [0, ln N], L >= 0, no NaN (accuracy not promised)');
SELECT ok((SELECT count(*) = 0 OR count(*) = 10 FROM theil_got),
          'the reference gave all 10 datasets (or python3 is absent)');

-- One income: T = L = 0 exactly, at every scale.
SELECT is(seg_theil_t(incomestats(1, 5e-324::float8)), 0::float8, 'issue 7: T of one income of 5e-324 is 0');
SELECT is(seg_theil_l(incomestats(1, 5e-324::float8)), 0::float8, 'L of one income of 5e-324 is 0');
SELECT ok((SELECT bool_and(seg_theil_t(s) = 0 AND seg_theil_l(s) = 0)
           FROM (SELECT incomestats(1, y) s
                 FROM unnest(ARRAY[1e-310, 1e-300, 1, 3, 2^53 + 2, 1e300]::float8[]) y GROUP BY y) q),
          'T = L = 0 for one income at 1e-310 .. 1e300');

-- ---------------------------------------------------------------------------
-- Stored values no incomes can produce are rejected (22P02 text, 22P03 bytes)
-- ---------------------------------------------------------------------------
SELECT throws_ok($$SELECT seg_theil_t('v1 int {1:(1,0,0,100,0,8.495039583679974e+21,4.605170185988092)}')$$,
                 '22P02', NULL, 'issue 7: y ln y of 8.5e21 for one income of 100 is rejected');
SELECT throws_ok($$SELECT 'v1 int {1:(2,0,0,10,60,23.02585092994046,3.2188758248682006)}'::incomestats$$,
                 '22P02', NULL, 'spread: ss above sum^2 (n-1)/n (two incomes >= 0 summing to 10 give ss <= 50)');
SELECT throws_ok($$SELECT 'v1 int {1:(2,1,0,10,1,23.02585092994046,2.302585092994046)}'::incomestats$$,
                 '22P02', NULL, 'spread: incomes 0 and 10 need ss = 50, not 1');
SELECT throws_ok($$SELECT 'v1 int {1:(2,0,0,10,0,0,3.2188758248682006)}'::incomestats$$,
                 '22P02', NULL, 'Jensen: sum y ln y below sum ln(sum / n)');
SELECT throws_ok($$SELECT 'v1 int {1:(2,0,0,10,0,16.094379124341003,4)}'::incomestats$$,
                 '22P02', NULL, 'Jensen: sum ln y above n ln(sum / n)');
SELECT throws_ok($$SELECT 'v1 int {1:(2,0,0,-10,0,1,0)}'::incomestats$$,
                 '22P02', NULL, 'signs: negative sum without negative incomes');
SELECT throws_ok($$SELECT 'v1 int {1:(2,0,2,10,1,0,0)}'::incomestats$$,
                 '22P02', NULL, 'signs: positive sum of negative incomes only');
SELECT throws_ok($$SELECT 'v1 int {1:(1,0,0,5,3,8.047189562170502,1.6094379124341003)}'::incomestats$$,
                 '22P02', NULL, 'one income has ss = 0');
SELECT throws_ok($$SELECT 'v1 int {1:(3,0,1,5,3,-10,0)}'::incomestats$$,
                 '22P02', NULL, 'sum y ln y below npos (-1/e)');
SELECT throws_ok($$SELECT 'v1 int {1:(1,2,0,0,0,0,0)}'::incomestats$$,
                 '22P02', NULL, 'count: more zeros than incomes');
-- The same damage in the byte form: the bytea cast and recv share one parser.
SELECT throws_ok($$SELECT overlay(incomestats(1, 100.0::float8)::bytea
                                  PLACING float8send(8.495039583679974e+21) FROM 55)::incomestats$$,
                 '22P03', NULL, 'bytes: the example''s y ln y is rejected');
SELECT throws_ok($$SELECT overlay(incomestats(1, y)::bytea PLACING float8send(1e6) FROM 47)::incomestats
                   FROM (VALUES (4.0::float8), (6.0)) v(y)$$,
                 '22P03', NULL, 'bytes: ss too large for the sum is rejected');
SELECT throws_ok($$SELECT seg_theil_t(overlay(incomestats(1, 100.0::float8)::bytea
                                              PLACING float8send(-5) FROM 39)::incomestats)$$,
                 '22P03', NULL, 'bytes: negative sum without negative incomes is rejected');

-- -0 (issue 7 §3): rejected in bytes, canonical +0 from text.
SELECT throws_ok($$SELECT set_byte(incomestats(1, 5.0::float8)::bytea, 46, 128)::incomestats$$,
                 '22P03', NULL, 'issue 7: -0 in the squared deviations (byte 47) is rejected');
SELECT is('v2 int {1:(1,1,0,-0,-0,-0,-0)}'::incomestats::text, 'v2 int {1:(1,1,0,0,0,0,0)}',
          'text -0 reads as the canonical +0');
SELECT is(incomestats(1, '-0'::float8)::bytea, incomestats(1, 0::float8)::bytea,
          'an income of -0 stores the same bytes as 0');

-- Every accepted value round-trips bit for bit (text, bytea).
SELECT ok((SELECT bool_and(s::text::incomestats::bytea = s::bytea
                           AND (s::bytea)::incomestats::text = s::text)
           FROM theil_got) IS NOT FALSE,
          'aggregated values round-trip through text and bytea');
SELECT is('v2 int {1:(3,0,0,30.000000000000004,8.16496580927726,70.3,6.1)}'::incomestats::text,
          'v2 int {1:(3,0,0,30.000000000000004,8.16496580927726,70.3,6.1)}',
          'an accepted literal prints back as the same numbers');
-- Format 1 stored squared deviations: its text converts (sd = sqrt(ss / n)),
-- its bytes are refused.  Incomes 5, 10, 15: ss = 50, sd = sqrt(50/3).
SELECT ok((SELECT abs(u.variance - 50.0 / 3) < 1e-12
           FROM seg_income_units('v1 int {1:(3,0,0,30,50,70.3,6.1)}') u),
          'a version 1 literal converts its squared deviations to sd');
SELECT throws_ok($$SELECT set_byte(incomestats(1, 5.0::float8)::bytea, 0, 1)::incomestats$$,
                 '22P03', NULL, 'version 1 bytes are refused');
-- No square over- or underflows: every measure is the same at 1e-300 and 1e300.
SELECT ok((SELECT bool_and(abs(seg_theil_t(s) - t0) < 1e-12 AND abs(seg_theil_l(s) - l0) < 1e-12
                           AND abs(seg_nsi(s) - n0) < 1e-12)
           FROM (SELECT k, incomestats(u % 3, y * k) s
                 FROM generate_series(1, 30) u, LATERAL (SELECT (u * 7919 % 101 + 1)::float8 y) q,
                      unnest(ARRAY[1e-300, 1e-200, 1e200, 1e300]::float8[]) k GROUP BY k) a,
                (SELECT seg_theil_t(s) t0, seg_theil_l(s) l0, seg_nsi(s) n0
                 FROM (SELECT incomestats(u % 3, u * 7919 % 101 + 1.0) s FROM generate_series(1, 30) u) q) b),
          'T, L and NSI are the same at 1e-300, 1e-200, 1e200 and 1e300');

-- ---------------------------------------------------------------------------
-- Key types (issue 7 §4)
-- ---------------------------------------------------------------------------
SELECT is((SELECT incomestats(u::smallint, y)::text FROM (VALUES (1, 5.0), (-2, 7.0)) v(u, y)),
          (SELECT incomestats(u::bigint, y)::text FROM (VALUES (1, 5.0), (-2, 7.0)) v(u, y)),
          'issue 7: incomestats(smallint, float8) works and equals the bigint form');
SELECT is((SELECT incomestats(u::varchar, y)::text FROM (VALUES ('a', 5.0), ('b', 7.0)) v(u, y)),
          (SELECT incomestats(u, y)::text FROM (VALUES ('a'::text, 5.0), ('b', 7.0)) v(u, y)),
          'varchar keys equal text keys');
SELECT is((SELECT incomestats(u::char(4), y)::text FROM (VALUES ('a', 5.0), ('b', 7.0)) v(u, y)),
          (SELECT incomestats(u, y)::text FROM (VALUES ('a'::text, 5.0), ('b', 7.0)) v(u, y)),
          'char(n) keys drop their padding');
SELECT throws_ok($$SELECT incomestats(1.5::numeric, 1.0)$$, '42883', NULL,
                 'numeric key: no such aggregate (42883)');
SELECT throws_ok($$SELECT incomestats(now()::date, 1.0)$$, '42883', NULL, 'date key: no such aggregate (42883)');

-- ---------------------------------------------------------------------------
-- Pre-aggregated rows: incomestats(unit, mean, persons) (issue 9 defect 4)
-- ---------------------------------------------------------------------------
CREATE TEMP TABLE deso_means(kommun int, deso text, mean float8, persons bigint);
INSERT INTO deso_means
SELECT k, format('%s-%s', k, d), 150000 + 40000 * sin(k * 7 + d) + 1000 * d, 200 + 37 * ((k * d) % 11)
FROM generate_series(1, 5) k, generate_series(1, 8) d;
CREATE TEMP TABLE deso_people AS
SELECT kommun, deso, mean AS income FROM deso_means, generate_series(1, persons);

SELECT is((SELECT incomestats(deso, mean, persons)::text FROM deso_means),
          (SELECT incomestats(deso, income)::text FROM deso_people),
          'weighted rows give the statistics of the expanded person rows');
SELECT ok((SELECT bool_and(abs(seg_theil_t(w) - seg_theil_t_between(p)) <= 1e-14
                           AND abs(seg_theil_l(w) - seg_theil_l_between(p)) <= 1e-14)
           FROM (SELECT kommun, incomestats(deso, mean, persons) w FROM deso_means GROUP BY kommun) a
           JOIN (SELECT kommun, incomestats(deso, income) p FROM deso_people GROUP BY kommun) b USING (kommun)),
          'per kommun: T and L from DeSO means equal the between-DeSO parts of the person data');
SELECT is((SELECT incomestats(u, m, p)::text FROM (VALUES (1, 5.0, 2), (1, 9.0, 0), (2, 3.0, NULL)) v(u, m, p)),
          (SELECT incomestats(u, m)::text FROM (VALUES (1, 5.0), (1, 5.0)) v(u, m)),
          'zero persons and NULL rows are skipped');
SELECT throws_ok($$SELECT incomestats(1, 5.0, -1)$$, '22023',
                 'argument "persons" must not be negative', 'negative persons: 22023');
SELECT throws_ok($$SELECT incomestats(1, 5.0, (2^53)::bigint + 1)$$, '22003', NULL,
                 'more than 2^53 persons in a unit: 22003');

-- Parallel plans give the serial result.
CREATE TEMP TABLE big_means AS
SELECT (i % 50) AS deso, 1e5 + (i * 7919) % 90000 AS mean, 1 + i % 300 AS persons
FROM generate_series(1, 20000) i;
ANALYZE big_means;
CREATE TEMP TABLE big_serial AS SELECT incomestats(deso, mean, persons) s FROM big_means;
SET LOCAL parallel_setup_cost = 0;
SET LOCAL parallel_tuple_cost = 0;
SET LOCAL min_parallel_table_scan_size = 0;
SET LOCAL max_parallel_workers_per_gather = 2;
SET LOCAL force_parallel_mode = on;
SELECT ok((SELECT abs(seg_theil_t(p.s) - seg_theil_t(q.s)) <= 1e-13
                  AND abs(seg_theil_l(p.s) - seg_theil_l(q.s)) <= 1e-13
           FROM (SELECT incomestats(deso, mean, persons) s FROM big_means) p, big_serial q),
          'weighted incomestats: parallel equals serial');

SELECT * FROM finish();
ROLLBACK;
