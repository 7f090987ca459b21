-- Income module: errors, properties, parallel and partition-wise plans,
-- damaged serialized values, and the oracle datasets (mexico.csv,
-- rankorder_synth_100x16.csv) against independent computations.
\set ON_ERROR_STOP 1
\set QUIET 1
\pset format unaligned
\pset tuples_only true
\pset pager off
BEGIN;
CREATE EXTENSION IF NOT EXISTS pgtap;
CREATE EXTENSION IF NOT EXISTS segindex CASCADE;

SELECT plan(75);

-- ---------------------------------------------------------------------------
-- Errors name the argument and carry a SQLSTATE
-- ---------------------------------------------------------------------------
SELECT throws_ok($$SELECT seg_consumption_units(-1, 0)$$, '22023',
                 'argument "adults" must not be negative', 'negative adults');
SELECT throws_ok($$SELECT seg_consumption_units(1, -2)$$, '22023',
                 'argument "children" must not be negative', 'negative children');
SELECT throws_ok($$SELECT seg_consumption_units(0, 0)$$, '22023',
                 'a household must have at least one person', 'empty household');
SELECT throws_ok($$SELECT seg_economic_standard('nan', 1, 0)$$, '22023',
                 'argument "disposable_income" must be finite', 'non-finite income');
SELECT throws_ok($$SELECT seg_low_economic_standard(1, 0)$$, '22023',
                 'argument "median" must be finite and positive', 'zero median');
SELECT throws_ok($$SELECT seg_low_economic_standard(1, 10, -0.6)$$, '22023',
                 'argument "share" must be finite and positive', 'negative share');
SELECT throws_ok($$SELECT seg_income_class(1, ARRAY[3, 2])$$, '22023',
                 'argument "thresholds" must be in non-decreasing order', 'decreasing thresholds');
SELECT throws_ok($$SELECT seg_income_class(1, ARRAY[1, NULL])$$, '22004',
                 'argument "thresholds" must not contain NULL', 'NULL threshold');
SELECT throws_ok($$SELECT seg_income_class(1, ARRAY['infinity'::float8])$$, '22023',
                 'argument "thresholds" must be finite', 'infinite threshold');
SELECT throws_ok($$SELECT seg_income_class(1, '{}'::float8[])$$, '22023',
                 'argument "thresholds" must not be empty', 'empty thresholds');
SELECT throws_ok($$SELECT seg_income_class(1, ARRAY[[1, 2], [3, 4]]::float8[])$$, '2202E',
                 'argument "thresholds" must be a one-dimensional array', '2-D thresholds');
SELECT throws_ok($$SELECT seg_income_class('nan', ARRAY[1])$$, '22023',
                 'argument "income" must be finite', 'NaN income class');
SELECT throws_ok($$SELECT incomestats(1, 'infinity'::float8)$$, '22023',
                 'argument "income" must be finite', 'infinite income in the aggregate');
SELECT throws_ok($$SELECT 'v3 int {}'::incomestats$$, '22P02', NULL, 'unknown text version');
SELECT throws_ok($$SELECT 'v1 float {}'::incomestats$$, '22P02', NULL, 'unknown key kind');
SELECT throws_ok($$SELECT 'v1 int {1:(1,0,0,2,0,0,0);1:(1,0,0,2,0,0,0)}'::incomestats$$,
                 '22P02', NULL, 'duplicate unit key');
SELECT throws_ok($$SELECT 'v1 int {1:(2,1,0,0,0,0,0)}'::incomestats$$,
                 '22P02', NULL, 'inconsistent unit (a positive income with sum 0)');
SELECT throws_ok($$SELECT 'v1 int {1:(1,0,0,2,-1,0,0)}'::incomestats$$,
                 '22P02', NULL, 'negative squared deviations');
SELECT throws_ok($$SELECT 'v1 int {1:(1,0,0,2,0,0,nan)}'::incomestats$$,
                 '22P02', NULL, 'NaN in text input');
SELECT throws_ok($$SELECT 'v1 text {"a:(1,0,0,2,0,0,0)}'::incomestats$$,
                 '22P02', NULL, 'unterminated key');
SELECT throws_ok($$SELECT 'v1 int {1:(1,0,0,2,0,0,0)} x'::incomestats$$,
                 '22P02', NULL, 'trailing garbage');
SELECT throws_ok($$SELECT seg_merge(s) FROM (VALUES ('v1 int {}'::incomestats),
                   ('v1 text {}'::incomestats)) v(s)$$,
                 '42804', 'cannot merge incomestats values with integer and text unit keys',
                 'merging integer and text keys');
SELECT throws_ok($$SELECT '\x02'::bytea::incomestats$$, '22P03', NULL, 'unknown binary version');
SELECT throws_ok($$SELECT seg_rank_order_h(ARRAY[[1, 0, 2, 0], [3, 0, 4, 0]]::float8[])$$,
                 '22023', 'rank-order segregation needs at least 3 non-empty income bins',
                 'two non-empty bins');
SELECT throws_ok($$SELECT seg_rank_order_sqrt(ARRAY[[1, -1, 2], [3, 1, 4]]::float8[])$$,
                 '22023', 'argument "counts" must be a finite, non-negative count',
                 'negative bin count');
SELECT throws_ok($$SELECT seg_rank_order_h(ARRAY[[1, 2, 3]]::float8[], 11)$$,
                 '22023', 'argument "degree" must be between 0 and 10', 'degree too high');
SELECT throws_ok($$SELECT seg_rank_order_h(ARRAY[1, 2, 3]::float8[])$$,
                 '2202E', NULL, 'one-dimensional counts');
SELECT throws_ok($$SELECT seg_rank_order_variance_ratio(ARRAY[[1, NULL, 3]]::float8[])$$,
                 '22004', NULL, 'NULL bin count');
SELECT throws_ok($$SELECT seg_rank_order_h(segtable(u, g, w))
                   FROM (VALUES (1, 1, 2.0), (1, 2, 3.0), (2, 2, 1.0)) v(u, g, w)$$,
                 '22023', NULL, 'segtable with two bins');

-- ---------------------------------------------------------------------------
-- Properties of Theil T, L and NSI on a synthetic population
-- ---------------------------------------------------------------------------
CREATE TABLE income_pop AS
SELECT i AS id, (i % 37) AS deso, (i % 37) % 5 AS kommun,
       round(exp(9.5 + 0.6 * sin(i * 12.9898) + 0.002 * (i % 37) * (i % 7))::numeric, 2)::float8 AS income
FROM generate_series(1, 20000) i;
ANALYZE income_pop;

CREATE FUNCTION pg_temp.close(a float8, b float8, tol float8 DEFAULT 1e-12)
RETURNS boolean LANGUAGE sql IMMUTABLE AS
$$ SELECT abs(a - b) <= tol * greatest(1, abs(a), abs(b)) $$;

-- Independent plain-SQL Theil T, L and NSI (direct formulas over rows).
CREATE TEMP TABLE income_pop_sql AS
WITH tot AS (SELECT avg(income) AS mu, count(*) AS n FROM income_pop),
grp AS (SELECT deso, avg(income) AS mu_g, count(*) AS n_g, sum(income) AS s_g
        FROM income_pop GROUP BY deso),
t_g AS (SELECT deso, avg((income / mu_g) * ln(income / mu_g)) AS t_g,
               avg(ln(mu_g / income)) AS l_g
        FROM income_pop JOIN grp USING (deso) GROUP BY deso)
SELECT (SELECT avg((income / mu) * ln(income / mu)) FROM income_pop, tot) AS t,
       (SELECT sum(s_g / (mu * n) * ln(mu_g / mu)) FROM grp, tot) AS t_between,
       (SELECT sum(s_g / (mu * n) * t_g) FROM grp JOIN t_g USING (deso), tot) AS t_within,
       (SELECT avg(ln(mu / income)) FROM income_pop, tot) AS l,
       (SELECT sum(n_g::float8 / n * ln(mu / mu_g)) FROM grp, tot) AS l_between,
       (SELECT sum(n_g::float8 / n * l_g) FROM grp JOIN t_g USING (deso), tot) AS l_within,
       (SELECT sqrt(sum(n_g * (mu_g - mu) ^ 2) / (SELECT sum((income - mu) ^ 2) FROM income_pop, tot))
        FROM grp, tot) AS nsi;

CREATE TEMP TABLE income_pop_s AS SELECT incomestats(deso, income) AS s FROM income_pop;

SELECT ok((SELECT pg_temp.close(seg_theil_t(s), t) AND pg_temp.close(seg_theil_t_between(s), t_between)
                  AND pg_temp.close(seg_theil_t_within(s), t_within)
           FROM income_pop_s, income_pop_sql),
          'Theil T and its parts equal plain SQL over the rows');
SELECT ok((SELECT pg_temp.close(seg_theil_l(s), l) AND pg_temp.close(seg_theil_l_between(s), l_between)
                  AND pg_temp.close(seg_theil_l_within(s), l_within)
           FROM income_pop_s, income_pop_sql),
          'Theil L and its parts equal plain SQL over the rows');
SELECT ok((SELECT pg_temp.close(seg_nsi(s), nsi) FROM income_pop_s, income_pop_sql),
          'NSI equals plain SQL over the rows');
SELECT ok((SELECT pg_temp.close(p.total, p.between_units + p.within_units)
                  AND pg_temp.close(q.total, q.between_units + q.within_units)
           FROM income_pop_s, LATERAL seg_theil_t_parts(s) p, LATERAL seg_theil_l_parts(s) q),
          'total = between + within for T and L');
SELECT ok((SELECT bool_and(pg_temp.close(u.mean, g.mu) AND pg_temp.close(u.variance, g.v)
                           AND u.n = g.n)
           FROM income_pop_s, seg_income_units(s) u
           JOIN (SELECT deso::text AS unit, avg(income) AS mu, var_pop(income) AS v, count(*) AS n
                 FROM income_pop GROUP BY deso) g USING (unit)),
          'per-unit mean and variance equal avg() and var_pop()');

-- variance of incomes with a large common offset: 1e9 + 1 .. 1e9 + 1000 has
-- population variance (1000^2 - 1) / 12 exactly; naive sum-of-squares
-- formulas lose every digit here
SELECT ok((SELECT abs(variance - (1000.0 ^ 2 - 1) / 12) < 1e-9 * (1000.0 ^ 2 - 1) / 12
           FROM seg_income_units((SELECT incomestats(1, 1e9 + i ORDER BY i DESC)
                                  FROM generate_series(1, 1000) i))),
          'variance is accurate under a large common offset');
SELECT ok((SELECT abs(variance - (1000.0 ^ 2 - 1) / 12) < 1e-9 * (1000.0 ^ 2 - 1) / 12
           FROM seg_income_units((SELECT seg_merge(s) FROM (SELECT incomestats(1, 1e9 + i) AS s
                                  FROM generate_series(1, 1000) i GROUP BY i % 7) x))),
          'variance stays accurate through merges');
-- scale invariance
SELECT ok((SELECT pg_temp.close(seg_theil_t(a), seg_theil_t(b)) AND pg_temp.close(seg_theil_l(a), seg_theil_l(b))
                  AND pg_temp.close(seg_nsi(a), seg_nsi(b))
                  AND pg_temp.close(seg_theil_t_between(a), seg_theil_t_between(b))
           FROM (SELECT incomestats(deso, income) a, incomestats(deso, 1000 * income) b FROM income_pop) q),
          'multiplying every income by 1000 changes no measure');
-- row order
SELECT ok((SELECT seg_theil_t(a) = seg_theil_t(b) OR pg_temp.close(seg_theil_t(a), seg_theil_t(b), 1e-14)
           FROM (SELECT (SELECT incomestats(deso, income ORDER BY id) FROM income_pop) a,
                        (SELECT incomestats(deso, income ORDER BY id DESC) FROM income_pop) b) q),
          'row order does not matter');
-- key types
SELECT ok((SELECT seg_theil_t(a) = seg_theil_t(b) AND seg_theil_t(b) = seg_theil_t(c)
                  AND seg_nsi(a) = seg_nsi(c)
           FROM (SELECT incomestats(deso, income ORDER BY id) a, incomestats(deso::bigint, income ORDER BY id) b,
                        incomestats('D' || deso, income ORDER BY id) c FROM income_pop) q),
          'int, bigint and text keys give the same measures');
-- rollup: DeSO values per kommun, merged
SELECT ok((SELECT pg_temp.close(seg_theil_t(m), seg_theil_t(s)) AND pg_temp.close(seg_nsi(m), seg_nsi(s))
                  AND pg_temp.close(seg_theil_l_within(m), seg_theil_l_within(s))
           FROM (SELECT seg_merge(k) AS m FROM (SELECT kommun, incomestats(deso, income) k
                                                FROM income_pop GROUP BY kommun) x) y, income_pop_s),
          'seg_merge of per-kommun values equals one pass');
-- merging the same unit from several stored values pools it
SELECT ok((SELECT pg_temp.close(seg_theil_t(m), seg_theil_t(s)) AND pg_temp.close(seg_nsi(m), seg_nsi(s))
           FROM (SELECT seg_merge(k) AS m FROM (SELECT id % 3, incomestats(deso, income) k
                                                FROM income_pop GROUP BY id % 3) x) y, income_pop_s),
          'seg_merge pools a unit split over several values');
-- rollup: one pass at DeSO level, split, joined to a DeSO -> kommun key
SELECT ok((SELECT bool_and(pg_temp.close(seg_theil_t(r.s), seg_theil_t(g.s))
                           AND pg_temp.close(seg_theil_t_between(r.s), seg_theil_t_between(g.s))
                           AND pg_temp.close(seg_nsi(r.s), seg_nsi(g.s)))
           FROM (SELECT d.kommun, seg_merge(x.stats) AS s
                 FROM income_pop_s, seg_income_split(income_pop_s.s) x
                 JOIN (SELECT DISTINCT deso, kommun FROM income_pop) d ON d.deso = x.unit::int
                 GROUP BY d.kommun) r
           JOIN (SELECT kommun, incomestats(deso, income) AS s FROM income_pop GROUP BY kommun) g
           USING (kommun)),
          'seg_income_split + seg_merge by kommun equals incomestats GROUP BY kommun');
-- between part: Theil T of the kommun-level decomposition is the between part
-- of the units nested in it plus the within part: T = T_between(kommun) + sum s_k T_k
SELECT ok((SELECT pg_temp.close(seg_theil_t(whole),
                  seg_theil_t_between(by_kommun) + seg_theil_t_within(by_kommun))
           FROM (SELECT incomestats(deso, income) whole, incomestats(kommun, income) by_kommun
                 FROM income_pop) q),
          'T is the same whatever the unit partition (only the split changes)');

-- ---------------------------------------------------------------------------
-- Parallel and partition-wise aggregation
-- ---------------------------------------------------------------------------
CREATE FUNCTION pg_temp.plan_of(q text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
    line text;
    result text := '';
BEGIN
    FOR line IN EXECUTE 'EXPLAIN (COSTS OFF) ' || q LOOP
        result := result || line || E'\n';
    END LOOP;
    RETURN result;
END $$;

CREATE TEMP TABLE income_serial AS
SELECT kommun, incomestats(deso, income) AS s FROM income_pop GROUP BY kommun;
CREATE TEMP TABLE income_serial_all AS
SELECT incomestats(deso, income) AS s FROM income_pop;

SET LOCAL parallel_setup_cost = 0;
SET LOCAL parallel_tuple_cost = 0;
SET LOCAL min_parallel_table_scan_size = 0;
SET LOCAL max_parallel_workers_per_gather = 2;
SET LOCAL enable_partitionwise_aggregate = off;

SELECT matches(pg_temp.plan_of('SELECT incomestats(deso, income) FROM income_pop'),
               'Partial Aggregate', 'incomestats: parallel plan has a Partial Aggregate');
SELECT ok((SELECT pg_temp.close(seg_theil_t(p.s), seg_theil_t(q.s)) AND pg_temp.close(seg_nsi(p.s), seg_nsi(q.s))
                  AND pg_temp.close(seg_theil_l_within(p.s), seg_theil_l_within(q.s))
           FROM (SELECT incomestats(deso, income) AS s FROM income_pop) p, income_serial_all q),
          'incomestats: parallel result equals serial');
SELECT matches(pg_temp.plan_of('SELECT kommun, incomestats(deso::text, income) FROM income_pop GROUP BY kommun'),
               'Partial (Hash|Group)?Aggregate', 'grouped text-key incomestats: parallel partial aggregation');
SELECT ok((SELECT bool_and(pg_temp.close(seg_theil_t(p.s), seg_theil_t(q.s))
                           AND pg_temp.close(seg_nsi(p.s), seg_nsi(q.s)))
           FROM (SELECT kommun, incomestats(deso::text, income) AS s FROM income_pop GROUP BY kommun) p
           JOIN income_serial q USING (kommun)),
          'grouped text-key incomestats: parallel equals serial');

CREATE TABLE income_stored AS
SELECT deso, kommun, incomestats(deso, income) AS s FROM income_pop GROUP BY deso, kommun;
ANALYZE income_stored;
SELECT matches(pg_temp.plan_of('SELECT seg_merge(s) FROM income_stored'),
               'Partial Aggregate', 'seg_merge: parallel plan has a Partial Aggregate');
SELECT ok((SELECT pg_temp.close(seg_theil_t(m), seg_theil_t(q.s)) AND pg_temp.close(seg_nsi(m), seg_nsi(q.s))
           FROM (SELECT seg_merge(s) AS m FROM income_stored) p, income_serial_all q),
          'seg_merge: parallel result equals serial');

CREATE TABLE income_part (kommun int, deso int, income float8) PARTITION BY LIST (kommun);
CREATE TABLE income_part_a PARTITION OF income_part FOR VALUES IN (0, 1, 2);
CREATE TABLE income_part_b PARTITION OF income_part FOR VALUES IN (3, 4);
INSERT INTO income_part SELECT kommun, deso, income FROM income_pop;
ANALYZE income_part;
SET LOCAL max_parallel_workers_per_gather = 0;
SET LOCAL enable_partitionwise_aggregate = on;
SELECT matches(pg_temp.plan_of('SELECT deso % 3, incomestats(deso, income) FROM income_part GROUP BY deso % 3'),
               'Partial (Hash|Group)?Aggregate', 'partition-wise plan aggregates partially per partition');
SELECT ok((SELECT bool_and(pg_temp.close(seg_theil_t(p.s), seg_theil_t(q.s))
                           AND pg_temp.close(seg_nsi(p.s), seg_nsi(q.s)))
           FROM (SELECT deso % 3 AS g, incomestats(deso, income) AS s FROM income_part GROUP BY deso % 3) p
           JOIN (SELECT deso % 3 AS g, incomestats(deso, income) AS s FROM income_pop GROUP BY deso % 3) q
           USING (g)),
          'partition-wise result equals the plain one');
RESET max_parallel_workers_per_gather;
RESET enable_partitionwise_aggregate;
RESET parallel_setup_cost;
RESET parallel_tuple_cost;
RESET min_parallel_table_scan_size;

-- ---------------------------------------------------------------------------
-- Damaged values raise errors, never crash
-- ---------------------------------------------------------------------------
-- Every byte of a valid value set to several values, every truncation and
-- an extension: each must either be a valid value or raise
-- invalid_binary_representation (22P03); measures of mutated but valid
-- values may at most overflow (22003).  Returns the unexpected SQLSTATEs.
CREATE FUNCTION pg_temp.fuzz_bytes(b bytea) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
    i int;
    v int;
    m bytea;
    unexpected text := '';
BEGIN
    FOR i IN 0 .. length(b) - 1 LOOP
        FOREACH v IN ARRAY ARRAY[0, 1, 2, 127, 128, 254, 255,
                                 get_byte(b, i) # 1, get_byte(b, i) # 64] LOOP
            m := set_byte(b, i, v);
            BEGIN
                PERFORM seg_theil_t(x), seg_theil_l_parts(x), seg_nsi(x),
                        (SELECT count(*) FROM seg_income_units(x)), x::text
                FROM (SELECT m::incomestats AS x) q;
            EXCEPTION
                WHEN invalid_binary_representation OR numeric_value_out_of_range THEN NULL;
                WHEN OTHERS THEN unexpected := unexpected || SQLSTATE || ' ';
            END;
        END LOOP;
    END LOOP;
    FOR i IN 0 .. length(b) - 1 LOOP
        BEGIN
            PERFORM substring(b FROM 1 FOR i)::incomestats;
            unexpected := unexpected || 'accepted-truncation ';
        EXCEPTION
            WHEN invalid_binary_representation THEN NULL;
            WHEN OTHERS THEN unexpected := unexpected || SQLSTATE || ' ';
        END;
    END LOOP;
    BEGIN
        PERFORM (b || '\x00'::bytea)::incomestats;
        unexpected := unexpected || 'accepted-extension ';
    EXCEPTION
        WHEN invalid_binary_representation THEN NULL;
        WHEN OTHERS THEN unexpected := unexpected || SQLSTATE || ' ';
    END;
    RETURN unexpected;
END $$;

SELECT is(pg_temp.fuzz_bytes((SELECT incomestats(u, y)::bytea
                              FROM (VALUES (1, 0.0::float8), (1, 5), (2, 3), (2, 4), (7, -1), (7, 2)) v(u, y))),
          '', 'mutated integer-key bytes: only 22P03 / 22003 errors');
SELECT is(pg_temp.fuzz_bytes((SELECT incomestats(u, y)::bytea
                              FROM (VALUES ('ab', 1.0::float8), ('ab', 2), ('å', 0), ('z', 9)) v(u, y))),
          '', 'mutated text-key bytes: only 22P03 / 22003 errors');

-- The same for the text form: every character replaced by a few others.
CREATE FUNCTION pg_temp.fuzz_text(t text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
    i int;
    c text;
    m text;
    unexpected text := '';
BEGIN
    FOR i IN 1 .. length(t) LOOP
        FOREACH c IN ARRAY ARRAY['', '0', '9', '-', '"', '\', '(', ';', '}', 'e', ' '] LOOP
            m := overlay(t PLACING c FROM i FOR 1);
            BEGIN
                PERFORM seg_theil_t(x), seg_nsi(x), x::text FROM (SELECT m::incomestats AS x) q;
            EXCEPTION
                WHEN invalid_text_representation OR numeric_value_out_of_range THEN NULL;
                WHEN OTHERS THEN unexpected := unexpected || SQLSTATE || ' ';
            END;
        END LOOP;
    END LOOP;
    RETURN unexpected;
END $$;

SELECT is(pg_temp.fuzz_text((SELECT incomestats(u, y)::text
                             FROM (VALUES ('a"b', 1.0::float8), ('a"b', 2), ('c', 0)) v(u, y))),
          '', 'mutated text form: only 22P02 / 22003 errors');

-- Squared deviations of 1e300 incomes no longer overflow (format 2 stores
-- the standard deviation, accumulated in a power-of-two scale): incomes
-- 1e300, -1e300, 1e300, -1e300 have mean 0 and sd exactly 1e300.
SELECT ok((SELECT abs(u.sd / 1e300 - 1) < 1e-15 AND u.mean = 0 AND u.variance IS NULL
           FROM (SELECT incomestats(1, y) s FROM (VALUES (1e300::float8), (-1e300), (1e300), (-1e300)) v(y)) q,
                seg_income_units(q.s) u),
          'huge squared deviations: sd = 1e300, variance NULL beyond float8');

-- ---------------------------------------------------------------------------
-- mexico.csv: Theil T between/within by hanson98 region
-- ---------------------------------------------------------------------------
\set have_mexico `test -r "$SEGINDEX_DATA/oracles/mexico.csv" && echo 1 || echo 0`
\if :have_mexico
CREATE TABLE income_mexico (state text, pcgdp1940 float8, pcgdp1950 float8, pcgdp1960 float8,
                            pcgdp1970 float8, pcgdp1980 float8, pcgdp1990 float8, pcgdp2000 float8,
                            hanson03 float8, hanson98 float8, esquivel99 float8, inegi float8,
                            inegi2 float8);
\copy income_mexico FROM PROGRAM 'cat "$SEGINDEX_DATA/oracles/mexico.csv"' WITH (FORMAT csv, HEADER)
CREATE TEMP TABLE income_mexico_long AS
SELECT hanson98::int AS region, 1940 AS year, pcgdp1940 AS y FROM income_mexico
UNION ALL
SELECT hanson98::int, 2000, pcgdp2000 FROM income_mexico;

-- independent: the textbook formulas over the 32 rows
CREATE TEMP TABLE income_mexico_sql AS
WITH tot AS (SELECT year, avg(y) AS mu, count(*) AS n FROM income_mexico_long GROUP BY year),
grp AS (SELECT year, region, avg(y) AS mu_g, sum(y) AS s_g FROM income_mexico_long GROUP BY year, region),
tg AS (SELECT year, region, avg((y / mu_g) * ln(y / mu_g)) AS t_g
       FROM income_mexico_long JOIN grp USING (year, region) GROUP BY year, region)
SELECT year,
       (SELECT avg((y / mu) * ln(y / mu)) FROM income_mexico_long l WHERE l.year = tot.year) AS t,
       (SELECT sum(s_g / (mu * n) * ln(mu_g / mu)) FROM grp WHERE grp.year = tot.year) AS t_between,
       (SELECT sum(s_g / (mu * n) * t_g) FROM grp JOIN tg USING (year, region) WHERE grp.year = tot.year) AS t_within
FROM tot;

SELECT is((SELECT count(*)::int FROM income_mexico), 32, 'mexico.csv: 32 states');
SELECT ok((SELECT bool_and(pg_temp.close(p.total, m.t) AND pg_temp.close(p.between_units, m.t_between)
                           AND pg_temp.close(p.within_units, m.t_within))
           FROM (SELECT year, incomestats(region, y) AS s FROM income_mexico_long GROUP BY year) q
           CROSS JOIN LATERAL seg_theil_t_parts(q.s) p JOIN income_mexico_sql m USING (year)),
          'mexico.csv: Theil T, between and within by hanson98 for 1940 and 2000 equal the plain-SQL formulas');
SELECT ok((SELECT bool_and(pg_temp.close(m.t, m.t_between + m.t_within)) FROM income_mexico_sql m),
          'mexico.csv: the independent computation itself satisfies T = between + within');
SELECT ok((SELECT t > t2 FROM (SELECT max(t) FILTER (WHERE year = 1940) AS t,
                                      max(t) FILTER (WHERE year = 2000) AS t2 FROM income_mexico_sql) x),
          'mexico.csv: regional inequality fell from 1940 to 2000 (sanity)');
\else
SELECT skip('oracle file mexico.csv not found under $SEGINDEX_DATA/oracles', 4);
\endif

-- ---------------------------------------------------------------------------
-- rankorder_synth_100x16.csv: H^R, R^R and S^R against an independent
-- computation (test/python/rankorder_ref.py: exact-rational WLS)
-- ---------------------------------------------------------------------------
\set have_synth `test -r "$SEGINDEX_DATA/oracles/rankorder_synth_100x16.csv" && echo 1 || echo 0`
\if :have_synth
CREATE TABLE income_synth (unit serial, c1 float8, c2 float8, c3 float8, c4 float8, c5 float8,
                           c6 float8, c7 float8, c8 float8, c9 float8, c10 float8, c11 float8,
                           c12 float8, c13 float8, c14 float8, c15 float8, c16 float8);
\copy income_synth (c1, c2, c3, c4, c5, c6, c7, c8, c9, c10, c11, c12, c13, c14, c15, c16) FROM PROGRAM 'cat "$SEGINDEX_DATA/oracles/rankorder_synth_100x16.csv"' WITH (FORMAT csv, HEADER)
CREATE TEMP TABLE income_synth_ref (degree int, h float8, r float8, s float8);
\copy income_synth_ref FROM PROGRAM 'python3 test/python/rankorder_ref.py "$SEGINDEX_DATA/oracles/rankorder_synth_100x16.csv" 4 2 0 10' WITH (FORMAT csv)
CREATE TEMP TABLE income_synth_m AS
SELECT array_agg(ARRAY[c1, c2, c3, c4, c5, c6, c7, c8, c9, c10, c11, c12, c13, c14, c15, c16]
                 ORDER BY unit) AS a
FROM income_synth;
CREATE TEMP TABLE income_synth_t AS
SELECT segtable(s.unit, b.k, b.n) AS t
FROM income_synth s,
     LATERAL unnest(ARRAY[c1, c2, c3, c4, c5, c6, c7, c8, c9, c10, c11, c12, c13, c14, c15, c16])
             WITH ORDINALITY AS b(n, k);

SELECT is((SELECT count(*)::int FROM income_synth), 100, 'synth: 100 units');
SELECT is((SELECT count(*)::int FROM income_synth_ref), 4, 'synth: the reference script ran');
SELECT ok((SELECT bool_and(pg_temp.close(seg_rank_order_h(t, degree), r.h, 1e-9))
           FROM income_synth_t, income_synth_ref r),
          'synth: H^R (degrees 4, 2, 0, 10) equals the independent computation');
SELECT ok((SELECT bool_and(pg_temp.close(seg_rank_order_variance_ratio(t, degree), r.r, 1e-9))
           FROM income_synth_t, income_synth_ref r),
          'synth: R^R equals the independent computation');
SELECT ok((SELECT bool_and(pg_temp.close(seg_rank_order_sqrt(t, degree), r.s, 1e-9))
           FROM income_synth_t, income_synth_ref r),
          'synth: S^R equals the independent computation');
SELECT ok((SELECT seg_rank_order_h(t) = seg_rank_order_h(a)
                  AND seg_rank_order_variance_ratio(t) = seg_rank_order_variance_ratio(a)
                  AND seg_rank_order_sqrt(t, 3) = seg_rank_order_sqrt(a, 3)
           FROM income_synth_t, income_synth_m),
          'synth: segtable and array inputs agree exactly');
CREATE TEMP TABLE income_synth_long AS
SELECT s.unit, b.k, b.n
FROM income_synth s,
     LATERAL unnest(ARRAY[c1, c2, c3, c4, c5, c6, c7, c8, c9, c10, c11, c12, c13, c14, c15, c16])
             WITH ORDINALITY AS b(n, k);
SELECT ok((SELECT pg_temp.close(seg_rank_order_h(t), seg_rank_order_h(t2))
                  AND pg_temp.close(seg_rank_order_variance_ratio(t), seg_rank_order_variance_ratio(t2))
                  AND pg_temp.close(seg_rank_order_sqrt(t), seg_rank_order_sqrt(t2))
           FROM income_synth_t, (SELECT segtable(unit, k, n * 7.25) AS t2 FROM income_synth_long) x),
          'synth: scaling all counts changes nothing');
SELECT ok((SELECT pg_temp.close(seg_rank_order_h(t), seg_rank_order_h(t2))
                  AND pg_temp.close(seg_rank_order_variance_ratio(t), seg_rank_order_variance_ratio(t2))
                  AND pg_temp.close(seg_rank_order_sqrt(t), seg_rank_order_sqrt(t2))
           FROM income_synth_t,
                (SELECT segtable(half, k, n / 2) AS t2
                 FROM income_synth_long, LATERAL (VALUES (unit * 2), (unit * 2 + 1)) h(half)) x),
          'synth: splitting every unit into two identical halves changes nothing');
SELECT ok((SELECT abs(seg_rank_order_h(t)) < 1e-12 AND abs(seg_rank_order_variance_ratio(t)) < 1e-12
                  AND abs(seg_rank_order_sqrt(t)) < 1e-12
           FROM (SELECT segtable(s.unit, b.k, b.n * s.unit) AS t
                 FROM income_synth s,
                      LATERAL unnest((SELECT ARRAY[sum(c1), sum(c2), sum(c3), sum(c4), sum(c5), sum(c6),
                                                   sum(c7), sum(c8), sum(c9), sum(c10), sum(c11), sum(c12),
                                                   sum(c13), sum(c14), sum(c15), sum(c16)]
                                      FROM income_synth)) WITH ORDINALITY AS b(n, k)) q),
          'synth: every unit with the overall composition (any size) gives 0');
SELECT ok((SELECT seg_rank_order_h(t) = seg_rank_order_h(t2)
           FROM income_synth_t,
                (SELECT segtable(b.unit, CASE WHEN b.k > 8 THEN b.k + 1 ELSE b.k END, b.n) AS t2
                 FROM income_synth_long b) g),
          'synth: a gap in the bin keys (an empty bin) changes nothing');
SELECT ok((SELECT seg_rank_order_h(a) > 0 AND seg_rank_order_h(a) < 1
                  AND seg_rank_order_variance_ratio(a) > 0 AND seg_rank_order_sqrt(a) > 0
           FROM income_synth_m),
          'synth: indices lie in (0, 1)');
SELECT is((SELECT count(*)::int FROM income_synth_t, seg_rank_order_profile(t)), 15,
          'synth: 16 bins give 15 thresholds');
\else
SELECT skip('oracle file rankorder_synth_100x16.csv not found under $SEGINDEX_DATA/oracles', 12);
\endif

-- ---------------------------------------------------------------------------
-- Rank-order properties on small hand-made tables (no data needed)
-- ---------------------------------------------------------------------------
SELECT ok((SELECT pg_temp.close(seg_rank_order_h(a), seg_rank_order_h(b))
           FROM (SELECT ARRAY[[10, 20, 30, 40, 5], [40, 30, 20, 10, 7], [3, 9, 27, 1, 2]]::float8[] AS a,
                        ARRAY[[10, 0, 20, 30, 40, 5], [40, 0, 30, 20, 10, 7], [3, 0, 9, 27, 1, 2]]::float8[] AS b) q),
          'an empty bin column is dropped');
SELECT ok((SELECT pg_temp.close(seg_rank_order_h(a), seg_rank_order_h(b))
                  AND pg_temp.close(seg_rank_order_sqrt(a), seg_rank_order_sqrt(b))
           FROM (SELECT ARRAY[[10, 20, 30, 40, 5], [40, 30, 20, 10, 7]]::float8[] AS a,
                        ARRAY[[5, 10, 15, 20, 2.5], [5, 10, 15, 20, 2.5], [40, 30, 20, 10, 7], [0, 0, 0, 0, 0]]::float8[] AS b) q),
          'splitting a unit into halves and adding an empty unit change nothing');
SELECT ok((SELECT pg_temp.close(seg_rank_order_h(a), seg_rank_order_h(a, 2))
           FROM (SELECT ARRAY[[10, 20, 30, 40], [40, 30, 20, 10], [1, 2, 3, 4]]::float8[] AS a) q),
          'with 3 thresholds any degree >= 2 interpolates exactly');
SELECT ok((SELECT seg_rank_order_h(a) = seg_rank_order_h(b)
           FROM (SELECT segtable(u, g, w) AS a, segtable(u, g + 1000, w) AS b
                 FROM (VALUES (1, 1, 5.0), (1, 2, 1.0), (1, 10, 2.0), (2, 1, 1.0), (2, 2, 4.0), (2, 10, 6.0)) v(u, g, w)) q),
          'integer bin keys order numerically (1, 2, 10)');

SELECT * FROM finish();
ROLLBACK;
