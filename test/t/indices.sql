-- Segregation indices: degenerate input, errors, properties, parallel plans.
BEGIN;
CREATE EXTENSION IF NOT EXISTS pgtap;
CREATE EXTENSION IF NOT EXISTS segindex CASCADE;
SELECT plan(65);

-- Fixtures ---------------------------------------------------------------------
-- everyone in group x
CREATE TEMP TABLE one_group AS
SELECT segtable(u, 'x', n) AS t FROM (VALUES ('u1', 5), ('u2', 7)) v(u, n);
-- a single unit with two groups (P = 3/10)
CREATE TEMP TABLE one_unit AS
SELECT segtable('u1', g, n) AS t FROM (VALUES ('x', 3), ('y', 7)) v(g, n);
-- the empty table (a zero weight makes a table without cells)
CREATE TEMP TABLE empty AS SELECT segtable('u1', 'x', 0) AS t;
-- a random three-group table over 60 units, and its long rows (fixed seed)
DO $$BEGIN PERFORM setseed(0.42); END$$;
CREATE TEMP TABLE rnd_rows AS
SELECT 'u' || u AS unit, g, floor(random() * 50)::float8 AS n
FROM generate_series(1, 60) u, unnest(ARRAY['a', 'b', 'c']) g;
CREATE TEMP TABLE rnd AS SELECT segtable(unit, g, n) AS t FROM rnd_rows;

-- Empty table: every measure is NULL, the local functions return no rows ----------
SELECT ok(seg_dissimilarity(t) IS NULL AND seg_gini(t) IS NULL AND
          seg_entropy_index(t) IS NULL AND seg_mutual_information(t) IS NULL AND
          seg_normalized_exposure(t) IS NULL AND seg_relative_diversity(t) IS NULL AND
          seg_squared_cv(t) IS NULL AND seg_diversity(t) IS NULL AND
          seg_simpson_concentration(t) IS NULL AND seg_simpson_interaction(t) IS NULL,
          'empty table: multigroup measures are NULL') FROM empty;
SELECT ok(seg_dissimilarity(t, 'x') IS NULL AND seg_isolation(t, 'x') IS NULL AND
          seg_exposure(t, 'x') IS NULL AND seg_atkinson(t, 'x') IS NULL,
          'empty table: group measures are NULL') FROM empty;
SELECT is((SELECT count(*) FROM empty, seg_local(t)), 0::bigint, 'empty table: seg_local has no rows');
SELECT is((SELECT count(*) FROM empty, seg_local_scores(t)), 0::bigint, 'empty table: seg_local_scores has no rows');

-- A group absent everywhere: NULL, never NaN, never an error ------------------------
SELECT is(seg_dissimilarity(t, 'zz'), NULL, 'absent group: D NULL') FROM rnd;
SELECT is(seg_dissimilarity(t, 'a', 'zz'), NULL, 'absent group: D pair NULL') FROM rnd;
SELECT is(seg_gini(t, 'zz'), NULL, 'absent group: Gini NULL') FROM rnd;
SELECT is(seg_gini(t, 'zz', 'a'), NULL, 'absent group: Gini pair NULL') FROM rnd;
SELECT is(seg_entropy_index(t, 'zz'), NULL, 'absent group: H NULL') FROM rnd;
SELECT is(seg_entropy_index(t, 'a', 'zz'), NULL, 'absent group: H pair NULL') FROM rnd;
SELECT is(seg_isolation(t, 'zz'), NULL, 'absent group: isolation NULL') FROM rnd;
SELECT is(seg_exposure(t, 'zz', 'a'), NULL, 'absent group: exposure from it NULL') FROM rnd;
SELECT is(seg_exposure(t, 'a', 'zz'), NULL, 'absent group: exposure to it NULL') FROM rnd;
SELECT is(seg_exposure(t, 'zz'), NULL, 'absent group: exposure to the rest NULL') FROM rnd;
SELECT is(seg_correlation_ratio(t, 'zz'), NULL, 'absent group: correlation ratio NULL') FROM rnd;
SELECT is(seg_atkinson(t, 'zz'), NULL, 'absent group: Atkinson NULL') FROM rnd;
SELECT is(seg_hutchens(t, 'zz'), NULL, 'absent group: Hutchens NULL') FROM rnd;
SELECT is(seg_dissimilarity(t, 99), NULL, 'absent group: integer key against text keys NULL') FROM rnd;

SELECT ok(seg_dissimilarity(t, 'a'::varchar) = seg_dissimilarity(t, 'a') AND
          seg_dissimilarity(t, 'a'::char(3), 'b'::char(3)) = seg_dissimilarity(t, 'a', 'b') AND
          seg_isolation(t, g) = seg_isolation(t, 'a'),
          'varchar and char group arguments resolve to the text forms')
FROM rnd, (SELECT 'a'::varchar(5) AS g) c;

-- Everyone in one group -------------------------------------------------------------
SELECT ok(seg_dissimilarity(t, 'x') IS NULL AND seg_gini(t, 'x') IS NULL AND
          seg_entropy_index(t, 'x') IS NULL AND seg_correlation_ratio(t, 'x') IS NULL AND
          seg_atkinson(t, 'x') IS NULL AND seg_hutchens(t, 'x') IS NULL,
          'one group: unevenness of the group against nobody is NULL') FROM one_group;
SELECT is(seg_isolation(t, 'x'), 1::float8, 'one group: isolation is 1') FROM one_group;
SELECT is(seg_exposure(t, 'x'), 0::float8, 'one group: exposure to the rest is 0') FROM one_group;
SELECT ok(seg_dissimilarity(t) IS NULL AND seg_gini(t) IS NULL AND seg_entropy_index(t) IS NULL AND
          seg_normalized_exposure(t) IS NULL AND seg_relative_diversity(t) IS NULL AND
          seg_squared_cv(t) IS NULL AND seg_diversity(t, true) IS NULL,
          'one group: multigroup indices that divide by the diversity are NULL') FROM one_group;
SELECT is(seg_mutual_information(t), 0::float8, 'one group: M is 0') FROM one_group;
SELECT is(seg_diversity(t), 0::float8, 'one group: diversity is 0') FROM one_group;
SELECT is(seg_simpson_concentration(t), 1::float8, 'one group: Simpson concentration is 1') FROM one_group;
SELECT is(seg_simpson_interaction(t), 0::float8, 'one group: Simpson interaction is 0') FROM one_group;
SELECT results_eq(
    $$SELECT location_quotient, local_entropy FROM one_group, seg_local(t)$$,
    $$VALUES (1::float8, 0::float8), (1, 0)$$,
    'one group: location quotients 1, local entropy 0');
SELECT is((SELECT count(*) FROM one_group, seg_local(t, true) WHERE local_entropy IS NULL),
          2::bigint, 'one group: normalized local entropy NULL');

-- A single unit: no unevenness ----------------------------------------------------------
SELECT results_eq(
    $$SELECT seg_dissimilarity(t, 'x'), seg_gini(t, 'x'), seg_entropy_index(t, 'x'),
             seg_correlation_ratio(t, 'x'), seg_atkinson(t, 'x'), seg_atkinson(t, 'x', 0.1),
             seg_hutchens(t, 'x') FROM one_unit$$,
    $$VALUES (0::float8, 0::float8, 0::float8, 0::float8, 0::float8, 0::float8, 0::float8)$$,
    'single unit: two-group indices are 0');
SELECT results_eq(
    $$SELECT seg_dissimilarity(t), seg_gini(t), seg_entropy_index(t), seg_mutual_information(t),
             seg_normalized_exposure(t), seg_relative_diversity(t), seg_squared_cv(t) FROM one_unit$$,
    $$VALUES (0::float8, 0::float8, 0::float8, 0::float8, 0::float8, 0::float8, 0::float8)$$,
    'single unit: multigroup indices are 0');
SELECT is(seg_isolation(t, 'x'), 0.3::float8, 'single unit: isolation is P') FROM one_unit;

-- Units without population in the pair forms contribute nothing -----------------------
SELECT is(
    (SELECT seg_dissimilarity(segtable(unit, g, n), 'a', 'b') FROM rnd_rows
      WHERE unit <> 'u1' OR g NOT IN ('a', 'b')),
    (SELECT seg_dissimilarity(segtable(unit, g, n), 'a', 'b') FROM rnd_rows WHERE unit <> 'u1'),
    'pair form: a unit with neither group changes nothing');

-- Errors ----------------------------------------------------------------------------------
SELECT throws_like($$SELECT seg_atkinson(t, 'a', 0) FROM rnd$$, '%"b"%', 'Atkinson b = 0 is an error naming b');
SELECT throws_like($$SELECT seg_atkinson(t, 'a', 1) FROM rnd$$, '%"b"%', 'Atkinson b = 1 is an error naming b');
SELECT throws_ok($$SELECT seg_atkinson(t, 'a', -0.5) FROM rnd$$, '22023', NULL, 'Atkinson b < 0: SQLSTATE 22023');
SELECT throws_ok($$SELECT seg_atkinson(t, 'a', 'NaN') FROM rnd$$, '22023', NULL, 'Atkinson b = NaN: SQLSTATE 22023');
SELECT throws_ok($$SELECT seg_atkinson(t, 'zz', 2) FROM rnd$$, '22023', NULL, 'Atkinson b checked even for an absent group');
SELECT is(seg_atkinson(t, 'a', NULL), NULL, 'Atkinson b NULL gives NULL') FROM rnd;
SELECT is(seg_dissimilarity(NULL::segtable, 'a'), NULL, 'NULL table gives NULL');
SELECT is(seg_dissimilarity(t, NULL::text), NULL, 'NULL group gives NULL') FROM rnd;
SELECT throws_ok($$SELECT seg_dissimilarity(unit, g, -n - 1) FROM rnd_rows$$, '22023', NULL,
                 'row aggregate: negative weight is an error');

-- Properties (random table) ------------------------------------------------------------------
-- Multigroup Gini against the O(n^2) definition in plain SQL
SELECT ok(abs(seg_gini(t) - (
    WITH c AS (SELECT unit, g, n, sum(n) OVER (PARTITION BY unit) AS ti,
                      sum(n) OVER () AS tt, sum(n) OVER (PARTITION BY g) AS tm FROM rnd_rows),
         u AS (SELECT unit, g, ti, n / nullif(ti, 0) AS p FROM c),
         i AS (SELECT sum(tm / tt * (1 - tm / tt)) AS i, max(tt) AS tt
                 FROM (SELECT DISTINCT g, tm, tt FROM c) s)
    SELECT sum(a.ti * b.ti * abs(coalesce(a.p, 0) - coalesce(b.p, 0))) / (2 * max(i.tt) ^ 2 * max(i.i))
      FROM u a JOIN u b USING (g), i)) < 1e-12,
    'multigroup Gini equals the pairwise double sum') FROM rnd;
-- Two-group Gini of a against the rest, likewise
SELECT ok(abs(seg_gini(t, 'a') - (
    WITH u AS (SELECT unit, sum(n) AS ti, sum(n) FILTER (WHERE g = 'a') AS xi FROM rnd_rows GROUP BY unit),
         tot AS (SELECT sum(ti) AS tt, sum(xi) AS x FROM u)
    SELECT sum(a.ti * b.ti * abs(a.xi / a.ti - b.xi / b.ti)) / (2 * tt ^ 2 * (x / tt) * (1 - x / tt))
      FROM u a, u b, tot WHERE a.ti > 0 AND b.ti > 0 GROUP BY tt, x)) < 1e-12,
    'two-group Gini equals the pairwise double sum') FROM rnd;
-- Two-group D against the plain-SQL definition
SELECT ok(abs(seg_dissimilarity(t, 'a', 'b') - (
    SELECT 0.5 * sum(abs(a / sa - b / sb))
      FROM (SELECT unit, sum(n) FILTER (WHERE g = 'a') AS a, sum(n) FILTER (WHERE g = 'b') AS b
              FROM rnd_rows GROUP BY unit) s,
           (SELECT sum(n) FILTER (WHERE g = 'a') AS sa, sum(n) FILTER (WHERE g = 'b') AS sb FROM rnd_rows) tot)) < 1e-12,
    'D pair equals 1/2 sum |a_i/A - b_i/B| in plain SQL') FROM rnd;
-- The pair forms are the multigroup forms of the table restricted to the pair
SELECT ok(abs(seg_dissimilarity(r.t, 'a', 'c') - seg_dissimilarity(p.t)) < 1e-12 AND
          abs(seg_gini(r.t, 'a', 'c') - seg_gini(p.t)) < 1e-12 AND
          abs(seg_entropy_index(r.t, 'a', 'c') - seg_entropy_index(p.t)) < 1e-12,
          'pair forms equal the multigroup forms of the two-group table')
FROM rnd r, (SELECT segtable(unit, g, n) AS t FROM rnd_rows WHERE g IN ('a', 'c')) p;
-- ... and the group-vs-rest forms equal the pair forms there
SELECT ok(abs(seg_dissimilarity(t, 'a') - seg_dissimilarity(t, 'a', 'c')) < 1e-12 AND
          abs(seg_gini(t, 'c') - seg_gini(t, 'c', 'a')) < 1e-12 AND
          abs(seg_entropy_index(t, 'a') - seg_entropy_index(t, 'a', 'c')) < 1e-12,
          'with two groups, group-vs-rest equals the pair')
FROM (SELECT segtable(unit, g, n) AS t FROM rnd_rows WHERE g IN ('a', 'c')) p;
SELECT ok(abs(seg_entropy_index(t) - seg_mutual_information(t) / seg_diversity(t)) < 1e-12,
          'H = M / E') FROM rnd;
SELECT ok(abs((SELECT sum(share * score) FROM seg_local_scores(t)) - seg_mutual_information(t)) < 1e-12,
          'local scores weighted by group share sum to M') FROM rnd;
SELECT ok(abs(seg_relative_diversity(t) -
              (1 - (SELECT sum(ti * (1 - s2)) FROM (
                      SELECT sum(n) AS ti, sum(n * n) / nullif(sum(n), 0) ^ 2 AS s2
                        FROM rnd_rows GROUP BY unit HAVING sum(n) > 0) u)
                   / (seg_total(t) * seg_simpson_interaction(t)))) < 1e-12,
          'relative diversity: sum-of-squares form equals 1 - sum t_i (1 - sum pi_im^2) / (T I)') FROM rnd;
SELECT ok(abs(seg_correlation_ratio(t, 'b') -
              (seg_isolation(t, 'b') - (SELECT sum(n) FROM rnd_rows WHERE g = 'b') / seg_total(t))
              / (1 - (SELECT sum(n) FROM rnd_rows WHERE g = 'b') / seg_total(t))) < 1e-12,
          'correlation ratio = (xPx - P) / (1 - P)') FROM rnd;
SELECT ok(abs(seg_exposure(t, 'b') - (1 - seg_isolation(t, 'b'))) < 1e-12,
          'exposure to the rest = 1 - isolation') FROM rnd;
SELECT ok(abs(seg_exposure(t, 'a', 'b') + seg_exposure(t, 'a', 'c') + seg_isolation(t, 'a') - 1) < 1e-12,
          'exposures to every group, own included, sum to 1') FROM rnd;
-- Scale invariance: multiplying every count by 7 changes no index
SELECT ok(abs(seg_dissimilarity(a.t) - seg_dissimilarity(b.t)) < 1e-12 AND
          abs(seg_gini(a.t) - seg_gini(b.t)) < 1e-12 AND
          abs(seg_mutual_information(a.t) - seg_mutual_information(b.t)) < 1e-12 AND
          abs(seg_atkinson(a.t, 'a', 0.3) - seg_atkinson(b.t, 'a', 0.3)) < 1e-12 AND
          abs(seg_squared_cv(a.t) - seg_squared_cv(b.t)) < 1e-12,
          'indices are invariant to scaling the counts')
FROM rnd a, (SELECT segtable(unit, g, 7 * n) AS t FROM rnd_rows) b;
-- Bounds
SELECT ok(seg_dissimilarity(t) BETWEEN 0 AND 1 AND seg_gini(t) BETWEEN 0 AND 1 AND
          seg_entropy_index(t) BETWEEN 0 AND 1 AND seg_atkinson(t, 'a') BETWEEN 0 AND 1 AND
          seg_hutchens(t, 'a') BETWEEN 0 AND 1 AND seg_diversity(t, true) BETWEEN 0 AND 1,
          'indices lie in [0, 1]') FROM rnd;

-- Convenience aggregates equal the segtable functions -------------------------------------
SELECT ok(seg_dissimilarity(unit, g, n) = (SELECT seg_dissimilarity(t) FROM rnd) AND
          seg_entropy_index(unit, g, n) = (SELECT seg_entropy_index(t) FROM rnd) AND
          seg_mutual_information(unit, g, n) = (SELECT seg_mutual_information(t) FROM rnd),
          'row aggregates equal the functions of segtable()') FROM rnd_rows;
SELECT ok(abs(seg_dissimilarity(unit, g = 'b', n) - (SELECT seg_dissimilarity(t, 'b') FROM rnd)) < 1e-12 AND
          abs(seg_entropy_index(unit, g = 'b', n) - (SELECT seg_entropy_index(t, 'b') FROM rnd)) < 1e-12 AND
          seg_isolation(unit, g = 'b', n) = (SELECT seg_isolation(t, 'b') FROM rnd),
          'boolean row aggregates equal the group-vs-rest functions') FROM rnd_rows;
SELECT is(seg_isolation(unit, CASE WHEN g = 'c' THEN NULL ELSE g = 'a' END, n),
          (SELECT seg_isolation(t, 'a') FROM (SELECT segtable(unit, g, n) AS t FROM rnd_rows WHERE g <> 'c') s),
          'boolean row aggregates skip rows whose in_group is NULL') FROM rnd_rows;

-- Extreme group ratios stay finite (pi_m rounds to 1 for the big group)
SELECT ok(seg_normalized_exposure(t) < 'Infinity'::float8 AND seg_dissimilarity(t) < 'Infinity'::float8 AND
          seg_entropy_index(t) < 'Infinity'::float8 AND seg_squared_cv(t) < 'Infinity'::float8,
          'extreme group ratio (1e20 : 1): multigroup indices finite, not NaN')
FROM (SELECT segtable(u, g, n) AS t FROM (VALUES ('u1', 'a', 1e20), ('u2', 'a', 1), ('u2', 'b', 1)) v(u, g, n)) s;
-- The row aggregates work as running window aggregates (final function called repeatedly)
SELECT is((SELECT d FROM (SELECT unit, g, seg_dissimilarity(unit, g, n) OVER (ORDER BY unit, g) AS d
                            FROM rnd_rows) w ORDER BY unit DESC, g DESC LIMIT 1),
          (SELECT seg_dissimilarity(t) FROM rnd),
          'row aggregate as a running window aggregate ends at the full value');

-- Gini is O(n log n): 400,000 units would take minutes as a double sum ----------------------
CREATE TEMP TABLE big AS
SELECT segtable(u, g, 1 + (u::bigint * 7919 + g * 104729) % 97) AS t
FROM generate_series(1, 400000) u, generate_series(1, 2) g;
SET LOCAL statement_timeout = '30s';
SELECT ok(seg_gini(t) BETWEEN 0 AND 1 AND seg_gini(t, 1) BETWEEN 0 AND 1,
          'Gini of 400,000 units finishes quickly') FROM big;
RESET statement_timeout;

-- Parallel and partition-wise aggregation of the row aggregates ---------------------------------
CREATE TABLE idx_par AS
SELECT 'u' || (i % 500) AS unit, (ARRAY['a', 'b', 'c'])[1 + (i + (i / 7) % 2) % 3] AS g,
       (i % 5)::float8 AS n, i % 4 AS part
FROM generate_series(1, 200000) i;
ANALYZE idx_par;
CREATE TEMP TABLE serial_result AS
SELECT seg_dissimilarity(unit, g, n) AS d, seg_isolation(unit, g = 'a', n) AS iso,
       seg_mutual_information(unit, g) AS m FROM idx_par;
SET LOCAL parallel_setup_cost = 0;
SET LOCAL parallel_tuple_cost = 0;
SET LOCAL min_parallel_table_scan_size = 0;
SET LOCAL max_parallel_workers_per_gather = 2;
CREATE FUNCTION pg_temp.plan_of(q text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE r text; s text := '';
BEGIN
  FOR r IN EXECUTE 'EXPLAIN (COSTS OFF) ' || q LOOP s := s || r || E'\n'; END LOOP;
  RETURN s;
END $$;
SELECT matches(pg_temp.plan_of($$SELECT seg_dissimilarity(unit, g, n), seg_isolation(unit, g = 'a', n),
                                         seg_mutual_information(unit, g) FROM idx_par$$),
               'Partial Aggregate', 'row aggregates get a parallel plan');
SELECT ok((SELECT abs(seg_dissimilarity(unit, g, n) - d) < 1e-12 AND
                  abs(seg_isolation(unit, g = 'a', n) - iso) < 1e-12 AND
                  abs(seg_mutual_information(unit, g) - m) < 1e-12
             FROM idx_par, serial_result GROUP BY d, iso, m),
          'parallel results equal the serial ones');
-- partition-wise: grouped by a non-partition key, partial aggregation per partition
CREATE TABLE idx_part (unit text, g text, n float8, part int) PARTITION BY LIST (part);
CREATE TABLE idx_part0 PARTITION OF idx_part FOR VALUES IN (0, 1);
CREATE TABLE idx_part1 PARTITION OF idx_part FOR VALUES IN (2, 3);
INSERT INTO idx_part SELECT unit, g, n, part FROM idx_par;
ANALYZE idx_part;
SET LOCAL enable_partitionwise_aggregate = on;
SET LOCAL max_parallel_workers_per_gather = 0;
SELECT matches(pg_temp.plan_of($$SELECT g = 'a', seg_isolation(unit, g = 'b', n), seg_dissimilarity(unit, g, n)
                                    FROM idx_part GROUP BY g = 'a'$$),
               'Partial .*Aggregate', 'partition-wise plan aggregates partially per partition');
SELECT set_eq(
    $$SELECT g = 'a', seg_isolation(unit, g = 'b', n), seg_dissimilarity(unit, g, n) FROM idx_part GROUP BY g = 'a'$$,
    $$SELECT g = 'a', seg_isolation(unit, g = 'b', n), seg_dissimilarity(unit, g, n) FROM idx_par GROUP BY g = 'a'$$,
    'partition-wise results equal the plain ones');

SELECT * FROM finish();
ROLLBACK;
