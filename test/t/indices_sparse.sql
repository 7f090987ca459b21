-- Issue 7, items 1 and 2 for the segtable indices: the sparse core (no
-- units x groups expansion), scale invariance from 1e-300 to 1e300 and
-- denormals, exact bounds under complete segregation, rank-order fits that
-- stay in [0, 1], no XX000.  Expected values: the issue's own figures,
-- hand-worked cases, plain SQL, and test/python/sparse_ref.py (exact
-- rational shares, standard library only).
BEGIN;
CREATE EXTENSION IF NOT EXISTS pgtap;
CREATE EXTENSION IF NOT EXISTS segindex CASCADE;
SELECT plan(33);

-- the issue's table: M = 0.2844280009817354
CREATE TEMP TABLE base (unit int, grp int, n float8);
INSERT INTO base VALUES (1, 1, 3), (1, 2, 1), (2, 1, 1), (2, 2, 1), (2, 3, 2), (3, 1, 2), (3, 3, 5);
CREATE TEMP TABLE ref (name text, v float8);
\copy ref FROM PROGRAM 'python3 test/python/sparse_ref.py multi ''{"1":{"1":3,"2":1},"2":{"1":1,"2":1,"3":2},"3":{"1":2,"3":5}}''' csv

-- every measure of a table as one array, to compare tables whole
CREATE FUNCTION pg_temp.multi(t segtable) RETURNS float8[] LANGUAGE sql AS $$
  SELECT ARRAY[seg_dissimilarity(t), seg_gini(t), seg_entropy_index(t), seg_mutual_information(t),
               seg_relative_diversity(t), seg_normalized_exposure(t), seg_squared_cv(t),
               seg_diversity(t), seg_simpson_interaction(t), seg_diversity(t, true),
               seg_simpson_concentration(t)] $$;
CREATE FUNCTION pg_temp.two(t segtable) RETURNS float8[] LANGUAGE sql AS $$
  SELECT ARRAY[seg_dissimilarity(t, 1), seg_gini(t, 1), seg_entropy_index(t, 1), seg_isolation(t, 1),
               seg_exposure(t, 1), seg_correlation_ratio(t, 1), seg_atkinson(t, 1, 0.3), seg_hutchens(t, 1),
               seg_dissimilarity(t, 1, 3), seg_gini(t, 3, 1), seg_entropy_index(t, 1, 2),
               seg_exposure(t, 1, 3)] $$;
CREATE FUNCTION pg_temp.local(t segtable) RETURNS float8[] LANGUAGE sql AS $$
  SELECT array_agg(v ORDER BY k) FROM (
    SELECT 's' || grp AS k, score AS v FROM seg_local_scores(t)
    UNION ALL SELECT 'l' || unit || '/' || grp || x, v
    FROM seg_local(t) l, LATERAL (VALUES ('a', share), ('b', location_quotient), ('c', local_entropy)) y(x, v)) s $$;
-- a and b agree to rel relative accuracy, element by element, no NaN/Infinity
CREATE FUNCTION pg_temp.close(a float8[], b float8[], rel float8) RETURNS boolean LANGUAGE sql AS $$
  SELECT cardinality(a) = cardinality(b) AND
         bool_and(x IS NOT NULL AND x NOT IN ('NaN', 'Infinity', '-Infinity') AND
                  abs(x - y) <= rel * abs(y))
  FROM unnest(a, b) u(x, y) $$;
CREATE TEMP TABLE scales AS
SELECT k, s, segtable(unit, grp, n * s) AS t
FROM (SELECT k, power(10::float8, k) AS s FROM generate_series(-300, 300, 10) k
      UNION ALL SELECT k, power(10::float8, k) FROM unnest(ARRAY[-200, -163, 154, 200, 307]) k) f, base
GROUP BY k, s;
CREATE TEMP TABLE unscaled AS SELECT segtable(unit, grp, n) AS t FROM base;

-- Item 2: scale invariance ---------------------------------------------------------
CREATE TEMP TABLE ref2 (name text, v float8);
\copy ref2 FROM PROGRAM 'python3 test/python/sparse_ref.py multi ''{"1":{"1":3,"2":0.5,"4":7},"2":{"2":9},"3":{"1":1,"3":2,"4":1e-3},"4":{"3":4,"1":2},"5":{"4":11,"2":1}}''' csv
SELECT ok(pg_temp.close((pg_temp.multi(t))[1:9],
          ARRAY(SELECT v FROM ref2 ORDER BY array_position(ARRAY['dissimilarity', 'gini', 'entropy_index',
                'mutual_information', 'relative_diversity', 'normalized_exposure', 'squared_cv',
                'diversity', 'simpson_interaction'], name)), 1e-13),
          'a 5 x 4 table with 8 zero cells: every multigroup index matches the exact-rational Python reference')
FROM (SELECT '{1:{1:3,2:0.5,4:7},2:{2:9},3:{1:1,3:2,4:1e-3},4:{3:4,1:2},5:{4:11,2:1}}'::segtable AS t) s;
SELECT ok(abs(seg_mutual_information(t) - 0.2844280009817354) < 1e-15,
          'issue table: M = 0.2844280009817354 (the issue''s figure)') FROM unscaled;
SELECT ok(pg_temp.close(pg_temp.multi(t)::float8[],
          ARRAY(SELECT v FROM ref ORDER BY array_position(ARRAY['dissimilarity', 'gini', 'entropy_index',
                'mutual_information', 'relative_diversity', 'normalized_exposure', 'squared_cv',
                'diversity', 'simpson_interaction'], name))
          || ARRAY[seg_diversity(t, true), seg_simpson_concentration(t)], 1e-13),
          'issue table: every multigroup index matches the exact-rational Python reference')
FROM unscaled;
SELECT ok(bool_and(abs(seg_mutual_information(t) - 0.2844280009817354) <= 1e-13 * 0.2844280009817354),
          'M = 0.2844280009817354 at every scale 10^k, k = -300..300 step 10, -163, 154, 307')
FROM scales;
SELECT ok(abs(seg_mutual_information(t) - 0.2844280009817354) <= 1e-13,
          'issue reproduction: counts times 1e-200 keep M (was 0)')
FROM (SELECT segtable(unit, grp, n * 1e-200) AS t FROM base) s;
SELECT ok(abs(seg_gini(t) - (SELECT v FROM ref WHERE name = 'gini')) <= 1e-13,
          'issue reproduction: Gini of counts times 1e200 (was NaN)')
FROM (SELECT segtable(unit, grp, n * 1e200) AS t FROM base) s;
SELECT ok(bool_and(pg_temp.close(pg_temp.multi(s.t), pg_temp.multi(u.t), 1e-13)),
          'every multigroup index is scale invariant from 1e-300 to 1e307')
FROM scales s, unscaled u;
SELECT ok(bool_and(pg_temp.close(pg_temp.two(s.t), pg_temp.two(u.t), 1e-13)),
          'every two-group index is scale invariant from 1e-300 to 1e307')
FROM scales s, unscaled u;
SELECT ok(bool_and(pg_temp.close(pg_temp.local(s.t), pg_temp.local(u.t), 1e-13)),
          'local scores, shares, quotients and local entropies are scale invariant (were 0 beyond 1e-163/1e154)')
FROM scales s, unscaled u;
SELECT ok(bool_and(pg_temp.multi(s.t) = pg_temp.multi(u.t) AND pg_temp.two(s.t) = pg_temp.two(u.t)),
          'scaling by a power of two (2^-1000 .. 2^900) changes no bit of any index')
FROM (SELECT segtable(unit, grp, n * power(2::float8, k)) AS t
      FROM base, unnest(ARRAY[-1000, -400, 60, 900]) k GROUP BY k) s, unscaled u;

-- Item 2: complete segregation gives exactly the bound --------------------------------
SELECT ok((pg_temp.multi(t))[1:3] = ARRAY[1, 1, 1]::float8[] AND (pg_temp.multi(t))[5:7] = ARRAY[1, 1, 1]::float8[] AND
          seg_dissimilarity(t, 'x') = 1 AND seg_gini(t, 'x') = 1 AND seg_entropy_index(t, 'x') = 1,
          format('complete segregation, C = %s: D, Gini, H, RD, NE, CV exactly 1', c))
FROM (VALUES ('1e9'), ('1e15'), ('9007199254740994')) v(c),
     LATERAL (SELECT format('{"a":{"x":1},"b":{"y":%s}}', c)::segtable AS t) s;
SELECT ok(seg_dissimilarity(t) = 1 AND seg_gini(t) = 1 AND seg_entropy_index(t) = 1 AND
          seg_relative_diversity(t) = 1,
          'complete segregation with a denormal group (5 : 5e-324): exactly 1')
FROM (SELECT '{"a":{"x":5},"b":{"y":5e-324}}'::segtable AS t) s;
SELECT ok(seg_dissimilarity(t) = 1 AND seg_gini(t) = 1 AND seg_entropy_index(t) = 1,
          'complete segregation near DBL_MAX (8e307 each): exactly 1')
FROM (SELECT '{"a":{"x":8e307},"b":{"y":8e307}}'::segtable AS t) s;
-- Item 2: denormals ------------------------------------------------------------------
SELECT is(seg_gini('{"u":{"x":5,"y":5e-324}}'::segtable), 0::float8,
          'issue reproduction: Gini of one unit with a denormal cell is 0 (was NaN)');
SELECT ok(seg_dissimilarity(t) = 0 AND seg_entropy_index(t) = 0 AND seg_mutual_information(t) = 0 AND
          seg_relative_diversity(t) = 0 AND seg_dissimilarity(t, 'x') = 0,
          'one unit with a denormal cell: every unevenness index is 0')
FROM (SELECT '{"u":{"x":5,"y":5e-324}}'::segtable AS t) s;
SELECT ok(bool_and(v IS NOT NULL AND v BETWEEN 0 AND 1),
          'a table of denormal and huge counts: multigroup indices in [0, 1]')
FROM (SELECT unnest((pg_temp.multi(t))[1:7]) AS v
      FROM (SELECT '{"a":{"x":5e-324,"y":1e300},"b":{"x":1e-310,"z":4e-324},"c":{"y":1,"z":1e308}}'::segtable AS t) s) s;

-- Item 2: Atkinson as b -> 1 (the issue: -0.495 at b = 0.9999999999999999)
CREATE TEMP TABLE atk_ref (b text, v float8);
\copy atk_ref (v) FROM PROGRAM 'python3 test/python/sparse_ref.py atkinson ''[10,10,5]'' ''[2,10,1]'' 0.9999999999999999' csv
UPDATE atk_ref SET b = 'near1' WHERE b IS NULL;
\copy atk_ref (v) FROM PROGRAM 'python3 test/python/sparse_ref.py atkinson ''[10,10,5]'' ''[2,10,1]'' 0.5' csv
UPDATE atk_ref SET b = 'half' WHERE b IS NULL;
SELECT ok(abs(seg_atkinson(t, 'x', 0.9999999999999999) - (SELECT v FROM atk_ref WHERE b = 'near1')) < 1e-12 AND
          abs(seg_atkinson(t, 'x', 0.5) - (SELECT v FROM atk_ref WHERE b = 'half')) < 1e-14 AND
          abs(seg_atkinson(t3, 'x', 0.9999999999999999) - (SELECT v FROM atk_ref WHERE b = 'near1')) < 1e-12,
          'Atkinson at b = 0.9999999999999999 and 0.5 = 80-digit decimal reference, also at 1e-300 scale')
FROM (SELECT segtable(u, g, n) AS t, segtable(u, g, n * 1e-300) AS t3 FROM (VALUES (1, 'x', 10), (1, 'y', 2), (2, 'x', 10), (2, 'y', 10),
                                                 (3, 'x', 5), (3, 'y', 1)) v(u, g, n)) s;

SELECT ok((SELECT bool_and(location_quotient IS NULL) FROM seg_local(t) WHERE grp = 'y') AND
          (SELECT bool_and(location_quotient = 1) FROM seg_local(t) WHERE grp = 'x') AND
          (SELECT bool_and(score BETWEEN 0 AND 1e4) FROM seg_local_scores(t)),
          'location quotient beyond float8 (5e-324 group among 1e308) is NULL, never Infinity')
FROM (SELECT '{"a":{"x":1e308},"b":{"y":5e-324}}'::segtable AS t) s;

-- Item 2: rank-order fits ---------------------------------------------------------------
CREATE TEMP TABLE ro_ref (which text, h float8, r float8, s float8);
\copy ro_ref (h, r, s) FROM PROGRAM 'python3 test/python/sparse_ref.py rankorder ''[[100,0,0,0.5],[0,2,1,0]]'' 4' csv
UPDATE ro_ref SET which = 'readme' WHERE which IS NULL;
\copy ro_ref (h, r, s) FROM PROGRAM 'python3 test/python/sparse_ref.py rankorder ''[[90,0,58,70],[88,52,20,0]]'' 2' csv
UPDATE ro_ref SET which = 'array' WHERE which IS NULL;
SELECT ok(abs(seg_rank_order_h(t) - h) < 1e-12 AND abs(seg_rank_order_variance_ratio(t) - r) < 1e-12 AND
          abs(seg_rank_order_sqrt(t) - s) < 1e-12 AND seg_rank_order_h(t) BETWEEN 0 AND 1,
          'issue reproduction: README rank-order example in [0, 1] (was -119.7), = Python degree rule')
FROM ro_ref, (SELECT '{"b":{2:1,1:2},"a":{10:0.5,-3:1e2}}'::segtable AS t) s WHERE which = 'readme';
SELECT ok(abs(seg_rank_order_h(a, 2) - h) < 1e-12 AND abs(seg_rank_order_variance_ratio(a, 2) - r) < 1e-12 AND
          abs(seg_rank_order_sqrt(a, 2) - s) < 1e-12,
          'issue reproduction: rank-order H of the 2 x 4 array at degree 2 (was -0.085) = Python degree rule')
FROM ro_ref, (SELECT ARRAY[[90,0,58,70],[88,52,20,0]]::float8[] AS a) s WHERE which = 'array';
SELECT ok(seg_rank_order_h(a, 2) BETWEEN (SELECT min(h) FROM seg_rank_order_profile(a))
                                      AND (SELECT max(h) FROM seg_rank_order_profile(a)),
          'the array example lies within its profile points [0.013, 0.245]')
FROM (SELECT ARRAY[[90,0,58,70],[88,52,20,0]]::float8[] AS a) s;
SELECT is(seg_rank_order_h(ARRAY[[10,6,20,1e308]]::float8[], 0), 0::float8,
          'issue reproduction: one unit with 1e308 in a bin: 0 (was XX000 "rank deficient")');
SELECT ok(bool_and(v BETWEEN 0 AND 1),
          'rank-order H, R, S in [0, 1] for every degree 0..10 on 40 random tables (counts up to 2^53, scaled 1e-300..1e280)')
FROM (SELECT unnest(ARRAY[seg_rank_order_h(t, d), seg_rank_order_variance_ratio(t, d), seg_rank_order_sqrt(t, d)]) AS v
      FROM (SELECT r, segtable(u, b, (ARRAY[0.5, 1, 3, 1e15, 9007199254740994]::float8[])[1 + floor(random() * 5)::int]
                                     * (ARRAY[1e-300, 1, 1e280]::float8[])[1 + r % 3]) AS t
            FROM (SELECT setseed(0.7)) z, generate_series(1, 40) r, generate_series(1, 3) u, generate_series(1, 5) b
            GROUP BY r) x, generate_series(0, 10) d) y;
SELECT ok(abs(seg_rank_order_h(t) - seg_rank_order_h(t2)) < 1e-12,
          'rank-order H is scale invariant (x 1e-300)')
FROM (SELECT segtable(u, b, n) AS t, segtable(u, b, n * 1e-300) AS t2
      FROM (VALUES (1, 1, 5), (1, 2, 3), (1, 3, 1), (2, 1, 1), (2, 2, 4), (2, 3, 6), (3, 2, 2), (3, 4, 7)) v(u, b, n)) s;

-- Item 1: the sparse core --------------------------------------------------------------
CREATE TEMP TABLE diag AS SELECT segtable(i, i) AS t FROM generate_series(1, 20000) i;
SET LOCAL statement_timeout = '20s';
SELECT ok(seg_dissimilarity(t) = 1 AND seg_gini(t) = 1 AND seg_entropy_index(t) = 1 AND
          seg_relative_diversity(t) = 1 AND seg_normalized_exposure(t) = 1,
          'issue reproduction: 20,000-unit diagonal table (was 3 GB, 8 s): D, Gini, H, RD, NE exactly 1')
FROM diag;
SELECT is((SELECT count(*) FROM diag, seg_local(t)), 20000::bigint,
          'seg_local lists the 20,000 non-zero cells, not 4e8 unit-group pairs');
RESET statement_timeout;
-- 100 units x 2,000 groups, 3,000 cells: against the dense textbook formula in plain SQL
CREATE TEMP TABLE wide_rows AS
SELECT DISTINCT ON (u, g) u, g, (1 + floor(random() * 1000))::float8 AS n
FROM (SELECT setseed(0.3)) z, generate_series(1, 3000) i,
     LATERAL (SELECT 1 + floor(random() * 100)::int + 0 * i AS u, 1 + floor(random() * 2000)::int AS g) c;
CREATE TEMP TABLE wide AS SELECT segtable(u, g, n) AS t FROM wide_rows;
WITH tu AS (SELECT u, sum(n) t FROM wide_rows GROUP BY u),
     tg AS (SELECT g, sum(n) tm FROM wide_rows GROUP BY g),
     tot AS (SELECT sum(n) tt FROM wide_rows),
     i AS (SELECT sum((tm / tt) * (1 - tm / tt)) ii FROM tg, tot),
     dense AS (SELECT tu.u, tg.g, coalesce(r.n, 0) c, t, tm FROM tu CROSS JOIN tg LEFT JOIN wide_rows r USING (u, g))
SELECT ok(abs(seg_dissimilarity(w.t) - (SELECT sum(t * abs(c / t - tm / tt)) / (2 * tt * ii) FROM dense, tot, i GROUP BY tt, ii)) < 1e-12 AND
          abs(seg_relative_diversity(w.t) - (SELECT sum(t * (c / t - tm / tt) ^ 2) / (tt * ii) FROM dense, tot, i GROUP BY tt, ii)) < 1e-12,
          '100 x 2,000 sparse table: D and relative diversity equal the dense formulas in plain SQL')
FROM wide w;
SELECT ok(abs((SELECT sum(share * score) FROM seg_local_scores(t)) - seg_mutual_information(t)) < 1e-12 AND
          (SELECT count(*) FROM seg_local(t)) = (SELECT count(*) FROM wide_rows),
          'sparse table: sum of share * local score = M; seg_local has one row per cell') FROM wide;

-- Parallel plans agree with serial ones --------------------------------------------------
CREATE TABLE sparse_par_rows AS
SELECT u, g, (ARRAY[1e-300, 5e-324, 1, 3, 1e15, 9007199254740994, 1e300]::float8[])[1 + floor(random() * 7)::int] AS n
FROM (SELECT setseed(0.11)) z, generate_series(1, 3000) u, generate_series(1, 4) g;
ANALYZE sparse_par_rows;
CREATE TEMP TABLE serial_res AS
SELECT pg_temp.multi(segtable(u, g, n)) AS m, seg_dissimilarity(u, g, n) AS d, seg_entropy_index(u, g, n) AS h FROM sparse_par_rows;
SET LOCAL parallel_setup_cost = 0;
SET LOCAL parallel_tuple_cost = 0;
SET LOCAL min_parallel_table_scan_size = 0;
SET LOCAL max_parallel_workers_per_gather = 2;
SET LOCAL force_parallel_mode = on;
CREATE FUNCTION pg_temp.plan_of(q text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE r text; s text := '';
BEGIN
  FOR r IN EXECUTE 'EXPLAIN (COSTS OFF) ' || q LOOP s := s || r || E'\n'; END LOOP;
  RETURN s;
END $$;
SELECT matches(pg_temp.plan_of($$SELECT segtable(u, g, n), seg_dissimilarity(u, g, n) FROM sparse_par_rows$$),
               'Partial Aggregate', 'segtable() and the row aggregates get a parallel plan');
SELECT ok(pg_temp.close(pg_temp.multi(segtable(u, g, n)), (SELECT m FROM serial_res), 1e-14),
          'extreme counts: segtable built in parallel gives the serial indices') FROM sparse_par_rows;
SELECT ok(abs(seg_dissimilarity(u, g, n) - (SELECT d FROM serial_res)) < 1e-14 AND
          abs(seg_entropy_index(u, g, n) - (SELECT h FROM serial_res)) < 1e-14,
          'extreme counts: row aggregates in parallel equal serial') FROM sparse_par_rows;
SELECT * FROM finish();
ROLLBACK;
