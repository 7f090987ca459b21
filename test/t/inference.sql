-- Inference (doc/inference.md): seg_bootstrap, seg_bootstrap_summary,
-- seg_null_tables, seg_mutual_expected, seg_pvalue.  Expected values are
-- recomputed in plain SQL from the replicate tables, or come from the
-- sampling distributions (means and variances of multinomial and
-- hypergeometric cells), hand-worked cases and exact margin checks.
BEGIN;
CREATE EXTENSION IF NOT EXISTS pgtap;
CREATE EXTENSION IF NOT EXISTS segindex CASCADE;
SELECT plan(46);

-- 120 units x 3 groups, integer counts
CREATE TEMP TABLE src AS
SELECT segtable('u' || i, 'g' || g, ((i * 37 + g * 11) % 29 + 1 + CASE WHEN g = 1 AND i % 4 = 0 THEN 40 ELSE 0 END)::float8) AS t
FROM generate_series(1, 120) i, generate_series(1, 3) g;
CREATE TEMP TABLE cells AS SELECT c.* FROM src, seg_cells(src.t) c;

-- Bootstrap -------------------------------------------------------------------------
CREATE TEMP TABLE boot AS SELECT b.* FROM src, seg_bootstrap(src.t, 400, 20261202) b;
SELECT is((SELECT count(*) FROM boot), 400::bigint, '400 replicates');
SELECT is((SELECT count(*) FROM boot, src WHERE seg_total(boot.t) <> seg_total(src.t)), 0::bigint,
          'every replicate has N persons');
SELECT is((SELECT count(*) FROM boot, seg_cells(boot.t) c LEFT JOIN cells o USING (unit, grp)
           WHERE o.n IS NULL OR c.n <> floor(c.n)), 0::bigint, 'replicate cells are whole persons in observed cells');
-- cell means and variances against the multinomial: E = n_c, Var = n_c (1 - n_c / N)
CREATE TEMP TABLE cellstats AS
SELECT o.unit, o.grp, o.n, (SELECT seg_total(t) FROM src) AS total,
       avg(coalesce(c.n, 0)) AS mean, var_samp(coalesce(c.n, 0)) AS var
FROM cells o CROSS JOIN boot b LEFT JOIN LATERAL (SELECT * FROM seg_cells(b.t) x WHERE x.unit = o.unit AND x.grp = o.grp) c ON true
GROUP BY o.unit, o.grp, o.n;
SELECT ok(abs(avg(((mean - n) / sqrt(n * (1 - n / total) / 400)) ^ 2) - 1) < 0.15,
          'bootstrap cell means: mean squared z-score near 1') FROM cellstats;
SELECT ok(abs(avg(var / (n * (1 - n / total))) - 1) < 0.05, 'bootstrap cell variances match the multinomial') FROM cellstats;
-- same seed, same tables; replicate r does not depend on reps; another seed differs
SELECT is((SELECT string_agg(b.t::text, ';' ORDER BY replicate) FROM src, seg_bootstrap(src.t, 5, 20261202) b),
          (SELECT string_agg(t::text, ';' ORDER BY replicate) FROM boot WHERE replicate <= 5),
          'replicates 1-5 are the same with reps 5 and 400');
SELECT isnt((SELECT string_agg(b.t::text, ';' ORDER BY replicate) FROM src, seg_bootstrap(src.t, 5, 1) b),
            (SELECT string_agg(t::text, ';' ORDER BY replicate) FROM boot WHERE replicate <= 5),
            'another seed gives other tables');
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SET max_parallel_workers_per_gather = 2;
SET force_parallel_mode = on;
SELECT is((SELECT string_agg(b.t::text, ';' ORDER BY replicate) FROM src, seg_bootstrap(src.t, 5, 20261202) b),
          (SELECT string_agg(t::text, ';' ORDER BY replicate) FROM boot WHERE replicate <= 5),
          'same tables in a parallel plan');
RESET force_parallel_mode;
RESET max_parallel_workers_per_gather;
-- summary = plain SQL over the replicate tables (percentile_cont is type 7)
CREATE TEMP TABLE summ AS SELECT s.* FROM src, seg_bootstrap_summary(src.t, 400, 20261202, 0.9) s;
CREATE TEMP TABLE bm AS
SELECT 'M' AS stat, seg_mutual_information(t) AS v FROM boot UNION ALL
SELECT 'H', seg_entropy_index(t) FROM boot;
CREATE TEMP TABLE est AS
SELECT 'M' AS stat, seg_mutual_information(t) AS e FROM src UNION ALL SELECT 'H', seg_entropy_index(t) FROM src;
SELECT ok(abs(s.estimate - e.e) < 1e-14 AND abs(s.bias - (avg(v) - e.e)) < 1e-13
          AND abs(s.debiased - (2 * e.e - avg(v))) < 1e-13
          AND abs(s.se - stddev_samp(v)) < 1e-12
          AND abs(s.lower - (2 * e.e - percentile_cont(0.95) WITHIN GROUP (ORDER BY v))) < 1e-13
          AND abs(s.upper - (2 * e.e - percentile_cont(0.05) WITHIN GROUP (ORDER BY v))) < 1e-13,
          'summary ' || s.stat || ' = plain SQL over seg_bootstrap')
FROM summ s JOIN est e USING (stat) JOIN bm USING (stat) GROUP BY s.stat, s.estimate, s.bias, s.debiased, s.se, s.lower, s.upper, e.e;
-- the bias: plug-in M is biased up by about (C - U - G + 1) / (2N)
SELECT ok(abs(bias / ((SELECT seg_ncells(t) - seg_nunits(t) - seg_ngroups(t) + 1 FROM src)
                      / (2 * (SELECT seg_total(t) FROM src))) - 1) < 0.2,
          format('bootstrap bias of M %s near first order', bias)) FROM summ WHERE stat = 'M';
SELECT ok(lower < debiased AND debiased < upper AND se > 0, 'interval around the debiased estimate') FROM summ WHERE stat = 'M';
-- errors
SELECT throws_ok($$SELECT seg_bootstrap(segtable('{"a":{"x":1.5,"y":1}}'), 3, 1)$$, '22023', NULL,
                 'non-integer total: error');
SELECT throws_ok($$SELECT seg_bootstrap(t, 0, 1) FROM src$$, '22023', NULL, 'reps 0: error');
SELECT throws_ok($$SELECT seg_mutual_expected(t, 2147483647, 1) FROM src$$, '22023', NULL, 'reps above 10^7: error');
SELECT throws_ok($$SELECT s.* FROM src, seg_bootstrap_summary(src.t, 10, 1, 1.5) s$$, '22023', NULL, 'level outside (0, 1): error');
SELECT throws_ok($$SELECT seg_null_tables(t, 'random', 3, 1) FROM src$$, '22023', NULL, 'unknown model: error');
SELECT throws_ok($$SELECT seg_null_tables(segtable('{"a":{"x":1e-300,"y":1}}'), 'permutation', 3, 1)$$, '22023', NULL,
                 'permutation of non-integer margins: error');
-- a whole total above 2^53 (2^53 + 2) is refused for its size, not as "not integer"
SELECT throws_ok($$SELECT seg_bootstrap(segtable('{"a":{"x":4503599627370496,"y":2},"b":{"x":4503599627370496}}'), 2, 1)$$,
                 '22003', 'seg_bootstrap: t has total 9007199254740994, above 2^53',
                 'total 2^53 + 2: 22003 saying it is above 2^53 (was "needs integer counts")');
SELECT throws_ok($$SELECT seg_null_tables(segtable('{"a":{"x":4503599627370496,"y":2},"b":{"x":4503599627370496}}'), 'permutation', 2, 1)$$,
                 '22003', NULL, 'null tables, total above 2^53: 22003');
-- integers near 2^53 stay exact
SELECT is((SELECT count(*) FROM seg_bootstrap(segtable('{"a":{"x":4503599627370496,"y":1},"b":{"x":4503599627370495}}'), 4, 9) b
           WHERE seg_total(b.t) <> 9007199254740992), 0::bigint, 'N = 2^53: totals exact');
SELECT is((SELECT count(*) FROM seg_bootstrap(segtable('{}'), 2, 1)), 2::bigint, 'empty table: empty replicates');

-- Samplers against exact distributions (chi-square, tails pooled, bins with
-- expected >= 5; threshold df + 4 sqrt(2 df), about p = 0.002) ------------------------
CREATE FUNCTION pg_temp.chi2_ok(obs bigint[], expect float8[]) RETURNS boolean LANGUAGE sql AS $$
    SELECT sum((o - e) ^ 2 / e) < (count(*) - 1) + 4 * sqrt(2 * (count(*) - 1))
    FROM unnest(obs, expect) v(o, e)
$$;
-- binomial (BTRS path, n p = 30): cell x of {x: 30, y: 70}, 4000 replicates
CREATE TEMP TABLE binom AS
SELECT k, exp(coalesce((SELECT sum(ln((100 - j + 1)::float8) - ln(j::float8)) FROM generate_series(1, k) j), 0)
              + k * ln(0.3) + (100 - k) * ln(0.7)) * 4000 AS e
FROM generate_series(0, 100) k;
CREATE TEMP TABLE bdraw AS
SELECT coalesce((SELECT n FROM seg_cells(b.t) WHERE grp = 'x'), 0)::int AS k
FROM seg_bootstrap(segtable('{"a":{"x":30,"y":70}}'), 4000, 3) b;
WITH bins AS (
    SELECT CASE WHEN k < 20 THEN 19 WHEN k > 40 THEN 41 ELSE k END AS bin, e FROM binom),
     ex AS (SELECT bin, sum(e) e FROM bins GROUP BY bin),
     ob AS (SELECT CASE WHEN k < 20 THEN 19 WHEN k > 40 THEN 41 ELSE k END AS bin, count(*) o FROM bdraw GROUP BY 1)
SELECT ok(pg_temp.chi2_ok(array_agg(coalesce(o, 0) ORDER BY bin), array_agg(e ORDER BY bin)),
          'bootstrap of a 2-cell table is Binomial(100, 0.3) (chi-square)')
FROM ex LEFT JOIN ob USING (bin);
-- binomial inversion path (n p = 3): {x: 3, y: 97}
CREATE TEMP TABLE binom2 AS
SELECT k, exp(coalesce((SELECT sum(ln((100 - j + 1)::float8) - ln(j::float8)) FROM generate_series(1, k) j), 0)
              + k * ln(0.03) + (100 - k) * ln(0.97)) * 4000 AS e
FROM generate_series(0, 100) k;
WITH d AS (SELECT coalesce((SELECT n FROM seg_cells(b.t) WHERE grp = 'x'), 0)::int AS k
           FROM seg_bootstrap(segtable('{"a":{"x":3,"y":97}}'), 4000, 4) b),
     ex AS (SELECT least(k, 8) AS bin, sum(e) e FROM binom2 GROUP BY 1),
     ob AS (SELECT least(k, 8) AS bin, count(*) o FROM d GROUP BY 1)
SELECT ok(pg_temp.chi2_ok(array_agg(coalesce(o, 0) ORDER BY bin), array_agg(e ORDER BY bin)),
          'small mean: Binomial(100, 0.03) (chi-square)')
FROM ex LEFT JOIN ob USING (bin);
-- hypergeometric: the permutation model of {u1: 40 persons, u2: 60}, groups 50/50:
-- a's count in u1 ~ Hypergeometric(draw 40 of 100, 50 good)
CREATE TEMP TABLE hyper AS
SELECT k, exp(  coalesce((SELECT sum(ln((50 - j + 1)::float8) - ln(j::float8)) FROM generate_series(1, k) j), 0)
              + coalesce((SELECT sum(ln((50 - j + 1)::float8) - ln(j::float8)) FROM generate_series(1, 40 - k) j), 0)
              - (SELECT sum(ln((100 - j + 1)::float8) - ln(j::float8)) FROM generate_series(1, 40) j)) * 4000 AS e
FROM generate_series(0, 40) k;
WITH d AS (SELECT coalesce((SELECT n FROM seg_cells(b.t) WHERE unit = 'u1' AND grp = 'a'), 0)::int AS k
           FROM seg_null_tables(segtable('{"u1":{"a":40},"u2":{"a":10,"b":50}}'), 'permutation', 4000, 5) b),
     ex AS (SELECT greatest(least(k, 27), 13) AS bin, sum(e) e FROM hyper GROUP BY 1),
     ob AS (SELECT greatest(least(k, 27), 13) AS bin, count(*) o FROM d GROUP BY 1)
SELECT ok(pg_temp.chi2_ok(array_agg(coalesce(o, 0) ORDER BY bin), array_agg(e ORDER BY bin)),
          'permutation model cell is hypergeometric (chi-square)')
FROM ex LEFT JOIN ob USING (bin);
-- huge n: {x: 2^52, y: 2^52} gives Binomial(2^53, 1/2): standardized mean and variance
WITH d AS (SELECT ((SELECT n FROM seg_cells(b.t) WHERE grp = 'x') - 2.0^52) / sqrt(2.0^51) AS z
           FROM seg_bootstrap(segtable('{"a":{"x":4503599627370496,"y":4503599627370496}}'), 1000, 6) b)
SELECT ok(abs(avg(z)) < 4 / sqrt(1000) AND abs(var_samp(z) - 1) < 0.2,
          format('Binomial(2^53, 1/2): mean z %s, variance %s', round(avg(z)::numeric, 3), round(var_samp(z)::numeric, 3)))
FROM d;

-- Null models -----------------------------------------------------------------------
CREATE TEMP TABLE nul AS
SELECT model, b.* FROM src, unnest(ARRAY['evenness', 'systematic', 'permutation', 'unit_bootstrap', 'geographic']) model,
LATERAL seg_null_tables(src.t, model, 40, 77) b;
CREATE TEMP TABLE units0 AS SELECT u.* FROM src, seg_units(src.t) u;
CREATE TEMP TABLE groups0 AS SELECT g.* FROM src, seg_groups(src.t) g;
SELECT is((SELECT count(*) FROM nul n, seg_units(n.t) u JOIN units0 o USING (unit)
           WHERE model IN ('evenness', 'permutation') AND u.n = o.n), 2 * 40 * 120::bigint,
          'evenness and permutation keep every unit total exactly');
SELECT is((SELECT count(*) FROM nul n, seg_groups(n.t) g JOIN groups0 o USING (grp)
           WHERE model IN ('systematic', 'permutation') AND g.n = o.n), 2 * 40 * 3::bigint,
          'systematic and permutation keep every group total exactly');
SELECT is((SELECT count(*) FROM nul n, src WHERE model IN ('evenness', 'systematic', 'permutation') AND seg_total(n.t) = seg_total(src.t)),
          120::bigint, 'total kept');
-- cell means against the model: evenness t_i T_m / T; permutation the same
CREATE TEMP TABLE ind AS
SELECT u.unit, g.grp, u.n * g.n / (SELECT seg_total(t) FROM src) AS expect FROM units0 u, groups0 g;
SELECT ok(abs(avg(z2) - 1) < 0.2, format('%s cell means: mean squared z-score %s near 1', model, avg(z2)))
FROM (SELECT model, i.unit, i.grp, (avg(coalesce(c.n, 0)) - i.expect) ^ 2 / (var_samp(coalesce(c.n, 0)) / 40) AS z2
      FROM ind i CROSS JOIN nul b LEFT JOIN LATERAL (SELECT * FROM seg_cells(b.t) x WHERE x.unit = i.unit AND x.grp = i.grp) c ON true
      WHERE model IN ('evenness', 'systematic', 'permutation')
      GROUP BY model, i.unit, i.grp, i.expect) z GROUP BY model ORDER BY model;
-- geographic permutation keeps every unit's counts (as a multiset of rows) and M
SELECT is((SELECT count(*) FROM nul n, src WHERE model = 'geographic'
           AND abs(seg_mutual_information(n.t) - seg_mutual_information(src.t)) < 1e-14
           AND seg_ncells(n.t) = seg_ncells(src.t)), 40::bigint, 'geographic: M and cells unchanged');
SELECT ok((SELECT count(DISTINCT n.t::text) FROM nul n WHERE model = 'geographic') = 40, 'geographic: 40 different permutations');
CREATE FUNCTION pg_temp.row_multiset(t segtable) RETURNS text[] LANGUAGE sql AS $$
    SELECT array_agg(r ORDER BY r) FROM (SELECT string_agg(grp || ':' || n, ',' ORDER BY grp) r
                                         FROM seg_cells(t) GROUP BY unit) x
$$;
SELECT is((SELECT count(*) FROM nul n, src WHERE model = 'geographic'
           AND pg_temp.row_multiset(n.t) = pg_temp.row_multiset(src.t)), 40::bigint,
          'geographic: the multiset of unit rows is kept exactly');
-- unit bootstrap: n units, each a copy a#k of an observed unit with its counts
SELECT is((SELECT count(*) FROM nul n, seg_units(n.t) u WHERE model = 'unit_bootstrap'), 40 * 120::bigint,
          'unit bootstrap: n units per replicate');
SELECT is((SELECT count(*) FROM nul n, seg_cells(n.t) c LEFT JOIN cells o
             ON o.unit = split_part(c.unit, '#', 1) AND o.grp = c.grp
           WHERE model = 'unit_bootstrap' AND (o.n IS DISTINCT FROM c.n)), 0::bigint,
          'unit bootstrap: copies carry their unit''s counts');
SELECT is((SELECT string_agg(b.t::text, ';' ORDER BY model, replicate) FROM src,
           unnest(ARRAY['evenness', 'systematic', 'permutation', 'unit_bootstrap', 'geographic']) model,
           LATERAL seg_null_tables(src.t, model, 3, 77) b),
          (SELECT string_agg(t::text, ';' ORDER BY model, replicate) FROM nul WHERE replicate <= 3),
          'null models: same seed, same tables');

-- Expected M under independence ------------------------------------------------------
SELECT ok(abs(m_expected - (SELECT avg(seg_mutual_information(b.t)) FROM src, seg_null_tables(src.t, 'permutation', 50, 5) b)) < 1e-14
          AND abs(m_sd - (SELECT stddev_samp(seg_mutual_information(b.t)) FROM src, seg_null_tables(src.t, 'permutation', 50, 5) b)) < 1e-14
          AND abs(h_expected - (SELECT avg(seg_entropy_index(b.t)) FROM src, seg_null_tables(src.t, 'permutation', 50, 5) b)) < 1e-14,
          'seg_mutual_expected = mean and SD of M, H over the permutation tables')
FROM src, seg_mutual_expected(src.t, 50, 5);
SELECT ok(abs(m_expected / ((120 - 1) * (3 - 1) / (2 * seg_total(src.t))) - 1) < 0.1,
          format('expected M %s near first order (U-1)(G-1)/2N', m_expected))
FROM src, seg_mutual_expected(src.t, 200, 5);
SELECT ok(abs(m_expected / ((120 - 1) * (3 - 1) / (2 * seg_total(src.t))) - 1) < 0.15 AND m_sd > 0,
          'expected M with random margins near first order') FROM src, seg_mutual_expected(src.t, 200, 5, false);

-- p-values ---------------------------------------------------------------------------
SELECT is(seg_pvalue(2, ARRAY[1, 2, 3, 4]::float8[]), 0.5::float8, 'one-sided: #(sim > obs) / R, ties on neither side');
SELECT is(seg_pvalue(2.5, ARRAY[1, 2, 3, 4, 5]::float8[], true), 0.8::float8, 'two-sided: 2 min(#>, #<) / R');
SELECT is(seg_pvalue(10, ARRAY[1, 2, 3]::float8[]), 0::float8, 'beyond every simulation: 0');
SELECT is(seg_pvalue(NULL, ARRAY[1]::float8[]), NULL::float8, 'NULL observed: NULL');
-- p-value of the observed M against the evenness model: 0
SELECT is(seg_pvalue(seg_mutual_information(src.t),
                     (SELECT array_agg(seg_mutual_information(n.t)) FROM nul n WHERE model = 'evenness')), 0::float8,
          'observed M beyond every evenness table')
FROM src;

SELECT * FROM finish();
ROLLBACK;
