-- Decomposition (doc/decompose.md): seg_decompose, seg_mutual_within,
-- seg_mutual_total_nested, seg_mutual_information_difference.
-- Expected values: hand-worked cases, plain SQL, and test/python/decompose_ref.py
-- (an independent plain-python3 computation over R segregation's schools00/05,
-- read from $SEGINDEX_DATA at test time; skipped when absent).
BEGIN;
CREATE EXTENSION IF NOT EXISTS pgtap;
CREATE EXTENSION IF NOT EXISTS segindex CASCADE;
SELECT plan(125);

CREATE FUNCTION pg_temp.plan_text(q text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE r record; out text := '';
BEGIN
    FOR r IN EXECUTE 'EXPLAIN (COSTS OFF) ' || q LOOP
        out := out || r."QUERY PLAN" || E'\n';
    END LOOP;
    RETURN out;
END $$;

-- Hand-worked: kommun X = {x1: a 2, x2: b 2}, kommun Y = {y1: a 1, b 1}.
-- E = ln 2; both kommuner have shares 1/2 each, so M_between = 0;
-- M_within = M_total = ln 2 - (2/6) ln 2 = (2/3) ln 2; H = 2/3.
CREATE TEMP TABLE hand (k text, t segtable);
INSERT INTO hand VALUES
  ('X', (SELECT segtable(u, g, n) FROM (VALUES ('x1', 'a', 2.0), ('x2', 'b', 2.0)) v(u, g, n))),
  ('Y', (SELECT segtable(u, g, n) FROM (VALUES ('y1', 'a', 1.0), ('y1', 'b', 1.0)) v(u, g, n)));
SELECT ok(abs(m_total - 2 * ln(2) / 3) < 1e-15 AND abs(m_between) < 1e-15
          AND abs(m_within - 2 * ln(2) / 3) < 1e-15, 'hand case: M split')
FROM (SELECT (seg_decompose(t)).* FROM hand) d;
SELECT ok(abs(h_total - 2.0 / 3) < 1e-15 AND abs(h_within - 2.0 / 3) < 1e-15 AND abs(h_between) < 1e-15,
          'hand case: H split') FROM (SELECT (seg_decompose(t)).* FROM hand) d;
-- the same with the kommuner scaled to 1e-300 and 1e300, denormals, 2^53
SELECT ok(abs(m_total - 2 * ln(2) / 3) < 1e-14 AND abs(m_within - 2 * ln(2) / 3) < 1e-14
          AND m_between >= 0 AND m_between < 1e-14, format('hand case scaled by %s', s))
FROM (VALUES (1e-300::float8), (1e300::float8), (4.9e-324::float8 * 1e6), (2.0^53)) sc(s),
LATERAL (SELECT (seg_decompose(x.t)).*
         FROM (SELECT k, segtable(c.unit, c.grp, c.n * s) AS t
               FROM hand, seg_cells(hand.t) c GROUP BY k) x) d;
-- unequal super-units: between part against the super-unit table in plain SQL
CREATE TEMP TABLE rows3 AS
SELECT 'k' || (i % 7) AS k, 'u' || i AS u, 'g' || g AS g, ((i * 7 + g * 13) % 11 + 1)::float8 * (1 + (i % 7)) AS n
FROM generate_series(1, 300) i, generate_series(1, 4) g;
CREATE TEMP TABLE kt AS SELECT k, segtable(u, g, n) AS t FROM rows3 GROUP BY k;
CREATE TEMP TABLE d3 AS SELECT (seg_decompose(t)).* FROM kt;
SELECT ok(abs(m_between - (SELECT seg_mutual_information(segtable(k, g, n)) FROM rows3)) < 1e-13,
          'M_between = M of the super-unit x group table') FROM d3;
SELECT ok(abs(m_total - (SELECT seg_mutual_information(segtable(u, g, n)) FROM rows3)) < 1e-13,
          'M_total = M of the merged table') FROM d3;
SELECT ok(abs(m_within - (SELECT sum(seg_total(t) * seg_mutual_information(t)) / sum(seg_total(t)) FROM kt)) < 1e-13,
          'M_within = population-weighted M of the super-units') FROM d3;
SELECT ok(abs(m_between + m_within - m_total) < 1e-12 AND abs(h_between + h_within - h_total) < 1e-12,
          'between + within = total') FROM d3;
SELECT ok(abs(h_total - (SELECT seg_entropy_index(segtable(u, g, n)) FROM rows3)) < 1e-13,
          'H_total = H of the merged table') FROM d3;
-- per-super-unit components agree with the aggregate's within part
SELECT ok(abs((SELECT sum(p * m) FROM seg_mutual_within((SELECT segtable(k || '|' || u, g, n) FROM rows3)))
              - m_within) < 1e-13, 'sum p_s M_s of seg_mutual_within = m_within') FROM d3;
SELECT ok(abs((SELECT sum(p * entropy_ratio * h) FROM seg_mutual_within((SELECT segtable(k || '|' || u, g, n) FROM rows3)))
              - h_within) < 1e-13, 'sum p_s (E_s/E) H_s = h_within') FROM d3;
SELECT is((SELECT count(*) FROM seg_mutual_within((SELECT segtable(k || '|' || u, g, n) FROM rows3))), 7::bigint,
          'one row per super-unit');
-- nested: levels sum to M, level 1 is the between part, shares sum to 1
CREATE TEMP TABLE nest AS
SELECT * FROM seg_mutual_total_nested((SELECT segtable(k || '|' || u, g, n) FROM rows3));
SELECT is((SELECT count(*) FROM nest), 2::bigint, 'two levels');
SELECT ok(abs((SELECT m FROM nest WHERE level = 1) - (SELECT m_between FROM d3)) < 1e-13, 'level 1 = between');
SELECT ok(abs((SELECT sum(m) FROM nest) - (SELECT m_total FROM d3)) < 1e-13, 'levels sum to M');
SELECT ok(abs((SELECT sum(share) FROM nest) - 1) < 1e-13, 'shares sum to 1');

-- Errors and degenerate input
SELECT throws_ok($$SELECT seg_decompose(t) FROM (VALUES (segtable('{"u1":{"a":1}}')), (segtable('{"u1":{"b":1}}'))) v(t)$$,
                 '22023', NULL, 'a unit in two input tables breaks nesting');
SELECT ok((SELECT seg_decompose(t) IS NULL FROM (SELECT NULL::segtable t) s), 'no population: NULL');
SELECT ok((SELECT (seg_decompose(t)).h_total IS NULL AND (seg_decompose(t)).m_total = 0
           FROM (VALUES (segtable('{"u1":{"a":1}}')), (segtable('{"u2":{"a":3}}'))) v(t)),
          'one group: M = 0, H NULL');
SELECT throws_ok($$SELECT * FROM seg_mutual_within(segtable('{"1":{"a":1}}'::text), '')$$, '22023', NULL, 'empty separator');
SELECT throws_ok($$SELECT * FROM seg_mutual_total_nested((SELECT segtable(i, 'a') FROM generate_series(1, 3) i))$$,
                 '22023', NULL, 'nested needs text unit keys');

-- Parallel and partition-wise: per-kommun stored tables, GROUP BY län
CREATE TABLE tap_kommun AS
SELECT 'L' || (k % 3) AS lan, k, segtable('u' || i, 'g' || g, ((i * 31 + g * 17 + k) % 23 + 1)::float8) AS t
FROM generate_series(1, 400) k, generate_series(k * 10, k * 10 + 9) i, generate_series(1, 5) g
GROUP BY k, lan;
ANALYZE tap_kommun;
SET max_parallel_workers_per_gather = 0;
CREATE TEMP TABLE ser AS SELECT lan, (seg_decompose(t)).* FROM tap_kommun GROUP BY lan;
CREATE TEMP TABLE ser_all AS SELECT (seg_decompose(t)).* FROM tap_kommun;
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SET max_parallel_workers_per_gather = 2;
SET force_parallel_mode = on;
SELECT matches(pg_temp.plan_text('SELECT seg_decompose(t) FROM tap_kommun'), 'Partial Aggregate',
               'parallel plan for seg_decompose');
SELECT ok((SELECT abs(p.m_total - s.m_total) < 1e-13 AND abs(p.m_between - s.m_between) < 1e-13
                  AND abs(p.h_within - s.h_within) < 1e-13
           FROM (SELECT (seg_decompose(t)).* FROM tap_kommun) p, ser_all s), 'parallel = serial');
SELECT matches(pg_temp.plan_text('SELECT lan, seg_decompose(t) FROM tap_kommun GROUP BY lan'),
               'Partial (Hash|Group)Aggregate', 'parallel grouped plan');
SELECT is((SELECT count(*) FROM (SELECT lan, (seg_decompose(t)).* FROM tap_kommun GROUP BY lan) p
           JOIN ser s USING (lan) WHERE abs(p.m_total - s.m_total) < 1e-13 AND abs(p.m_within - s.m_within) < 1e-13),
          3::bigint, 'parallel GROUP BY län = serial');
RESET force_parallel_mode;
RESET max_parallel_workers_per_gather;
CREATE TABLE tap_kpart (lan text, k int, t segtable) PARTITION BY LIST (lan);
CREATE TABLE tap_kpart_0 PARTITION OF tap_kpart FOR VALUES IN ('L0');
CREATE TABLE tap_kpart_1 PARTITION OF tap_kpart FOR VALUES IN ('L1');
CREATE TABLE tap_kpart_2 PARTITION OF tap_kpart FOR VALUES IN ('L2');
INSERT INTO tap_kpart SELECT lan, k, t FROM tap_kommun;
SET enable_partitionwise_aggregate = on;
SELECT ok((SELECT abs(p.m_total - s.m_total) < 1e-13 AND abs(p.m_between - s.m_between) < 1e-13
           FROM (SELECT (seg_decompose(t)).* FROM tap_kpart) p, ser_all s), 'partition-wise = serial');
RESET enable_partitionwise_aggregate;
SELECT ok(abs((SELECT m_total FROM ser_all)
              - (SELECT seg_mutual_information(seg_merge(t)) FROM tap_kommun)) < 1e-13,
          'national M_total = M of the merge');
SELECT ok(abs((SELECT sum(n * m_total) / sum(n) FROM (SELECT lan, sum(seg_total(t)) n FROM tap_kommun GROUP BY lan) a
               JOIN ser USING (lan))
              + (SELECT (seg_decompose(t)).m_between FROM (SELECT lan, seg_merge(t) t FROM tap_kommun GROUP BY lan) l)
              - (SELECT m_total FROM ser_all)) < 1e-13,
          'chained: M between län + sum_l p_l M(l) = national M');

-- Difference: properties ------------------------------------------------------
CREATE TEMP TABLE ta AS SELECT segtable(u, g, n) t FROM rows3;
CREATE TEMP TABLE tb AS SELECT segtable(u, g, n * (1 + (length(u) % 3)) + (CASE WHEN g = 'g1' THEN 5 ELSE 0 END)) t
FROM rows3 WHERE u <> 'u7' UNION ALL SELECT NULL LIMIT 1;
UPDATE tb SET t = seg_merge2 FROM (SELECT seg_merge(x) seg_merge2 FROM (SELECT t x FROM tb UNION ALL SELECT segtable('{"new1":{"g1":4,"g5":3},"new2":{"g2":1}}')) y) z;
CREATE TEMP TABLE dd AS SELECT (seg_mutual_information_difference(ta.t, tb.t, 'shapley', 1e-12)).* FROM ta, tb;
CREATE TEMP TABLE dm AS SELECT (seg_mutual_information_difference(ta.t, tb.t, 'mrc')).* FROM ta, tb;
SELECT ok(abs(m1 - (SELECT seg_mutual_information(t) FROM ta)) < 1e-14 AND abs(m2 - (SELECT seg_mutual_information(t) FROM tb)) < 1e-14,
          'm1, m2 are M of the tables') FROM dd;
SELECT ok(abs(additions + removals + group_marginal + unit_marginal + structural - diff) < 1e-12,
          'shapley parts sum to the difference') FROM dd;
SELECT ok(abs(additions + removals + group_marginal + unit_marginal + structural - diff) < 1e-12,
          'mrc parts sum to the difference') FROM dm;
SELECT ok(additions <> 0 AND removals <> 0, 'added and removed units and groups are counted') FROM dd;
SELECT ok(abs(d.additions - m.additions) < 1e-15 AND abs(d.removals - m.removals) < 1e-15,
          'additions and removals do not depend on the method') FROM dd d, dm m;
SELECT ok(abs(x.group_marginal + d.group_marginal) < 1e-10 AND abs(x.unit_marginal + d.unit_marginal) < 1e-10
          AND abs(x.structural + d.structural) < 1e-10 AND abs(x.additions + d.removals) < 1e-14,
          'swapping the tables negates the parts (shapley)')
FROM dd d, (SELECT (seg_mutual_information_difference(tb.t, ta.t, 'shapley', 1e-12)).* FROM ta, tb) x;
SELECT ok(abs(x.group_marginal + d.group_marginal) < 1e-14 AND abs(x.unit_marginal + d.unit_marginal) < 1e-14
          AND abs(x.structural + d.structural) < 1e-14, 'swapping the tables negates the parts (mrc)')
FROM dm d, (SELECT (seg_mutual_information_difference(tb.t, ta.t, 'mrc')).* FROM ta, tb) x;
-- transposing both tables swaps the marginal terms (shapley)
SELECT ok(abs(x.group_marginal - d.unit_marginal) < 1e-9 AND abs(x.unit_marginal - d.group_marginal) < 1e-9
          AND abs(x.structural - d.structural) < 1e-9, 'transposing swaps the marginal terms')
FROM (SELECT (seg_mutual_information_difference(a.t, b.t, 'shapley', 1e-12)).* FROM
      (SELECT segtable(g, u, n) t FROM rows3) a,
      (SELECT segtable(grp, unit, n) t FROM tb, seg_cells(tb.t)) b) x,
     (SELECT (seg_mutual_information_difference(a.t, tb.t, 'shapley', 1e-12)).* FROM
      (SELECT segtable(u, g, n) t FROM rows3) a, tb) d;
SELECT ok(diff = 0 AND additions = 0 AND removals = 0 AND abs(group_marginal) < 1e-12
          AND abs(unit_marginal) < 1e-12 AND abs(structural) < 1e-12, 'a table against itself: zeros')
FROM (SELECT (seg_mutual_information_difference(t, t)).* FROM ta) x;
SELECT ok(diff = 0 AND group_marginal = 0 AND unit_marginal = 0 AND structural = 0, 'mrc against itself: zeros')
FROM (SELECT (seg_mutual_information_difference(t, t, 'mrc')).* FROM ta) x;
-- scale invariance
SELECT ok(abs(x.structural - d.structural) < 1e-9 AND abs(x.group_marginal - d.group_marginal) < 1e-9
          AND abs(x.diff - d.diff) < 1e-13, format('difference invariant to scaling t2 by %s', s))
FROM dd d, (VALUES (1e-300::float8), (1e300::float8), (4.9e-324::float8 * 1e6), (2.0^53)) sc(s),
LATERAL (SELECT (seg_mutual_information_difference(ta.t, (SELECT segtable(unit, grp, n * s) FROM tb, seg_cells(tb.t)), 'shapley', 1e-12)).* FROM ta) x;
SELECT throws_ok($$SELECT seg_mutual_information_difference(t, t, 'km') FROM ta$$, '22023', NULL, 'unknown method');
-- bootstrapping a difference in plain SQL (doc/decompose.md): both tables redrawn
SELECT is((SELECT count(*) FROM ta, tb, seg_bootstrap(ta.t, 4, 1) a JOIN seg_bootstrap(tb.t, 4, 2) b USING (replicate),
           LATERAL seg_mutual_information_difference(a.t, b.t) d
           WHERE abs(d.additions + d.removals + d.group_marginal + d.unit_marginal + d.structural - d.diff) < 1e-12),
          4::bigint, 'bootstrap of a difference: every replicate decomposes');
SELECT throws_ok($$SELECT seg_mutual_information_difference(ta.t, tb.t, 'shapley', 1e-300) FROM ta, tb$$, '22000',
                 NULL, 'IPF that cannot reach the precision: error, no half-converged value');
SELECT throws_ok($$SELECT seg_mutual_information_difference(t, t, 'shapley', 0) FROM ta$$, '22023', NULL, 'precision 0');
SELECT throws_ok($$SELECT seg_mutual_information_difference(t, t, 'shapley', 'NaN') FROM ta$$, '22023', NULL, 'precision NaN');
SELECT throws_ok($$SELECT seg_mutual_information_difference(t, (SELECT segtable(i, 'g1') FROM generate_series(1, 3) i)) FROM ta$$, '22023', NULL,
                 'unit key kinds differ');
SELECT ok((SELECT seg_mutual_information_difference(segtable('{}'), t) IS NULL FROM ta), 'empty table: NULL');
SELECT ok(additions + removals = diff AND group_marginal = 0 AND structural = 0, 'no common support: all in additions/removals')
FROM (SELECT (seg_mutual_information_difference(segtable('{"a":{"x":1,"y":2}}'), segtable('{"b":{"x":3,"y":1},"c":{"x":1}}'))).*) x;

-- Counterfactual decomposition (PySAL) ----------------------------------------------
SELECT is(seg_cf_quantile7(ARRAY[1, 2, 3, 4]::float8[], 0.5), 2.5::float8, 'type-7 quantile: median of 1..4');
SELECT is(seg_cf_quantile7(ARRAY[10, 20, 40]::float8[], 0.75), 30::float8, 'type-7 quantile: h = 1.5');
SELECT throws_ok($$SELECT seg_counterfactual_tables(t, 'g1', t, 'g1', 'swap') FROM ta$$, '22023', NULL, 'unknown approach');
SELECT throws_ok($$SELECT seg_counterfactual_tables(t, 'g1', t, 'nope') FROM ta$$, '22023', NULL, 'group absent from t2');
\set have_sac `test -r "$SEGINDEX_DATA/oracles/sacramentot2.dbf" && command -v python3 >/dev/null && echo true || echo false`
\if :have_sac
CREATE TEMP TABLE sac_rows (fips text, grp text, n float8);
\copy sac_rows FROM PROGRAM 'python3 test/oracle/sacramento.py "$SEGINDEX_DATA/oracles/sacramentot2.dbf" rows' csv
CREATE TEMP TABLE cf_ref (approach text, d1 float8, d2 float8, d1_cf float8, d2_cf float8, c_s float8, c_a float8);
\copy cf_ref FROM PROGRAM 'python3 test/python/counterfactual_ref.py "$SEGINDEX_DATA/oracles/sacramentot2.dbf"' csv
CREATE TEMP TABLE sac_tt AS
SELECT fips, sum(n) FILTER (WHERE grp IN ('hisp', 'other')) AS tot, sum(n) FILTER (WHERE grp = 'hisp') AS hisp,
       sum(n) FILTER (WHERE grp = 'black') AS black FROM sac_rows GROUP BY fips;
CREATE TEMP TABLE sac_ctx AS
SELECT (SELECT segtable(fips, g, n) FROM sac_tt, LATERAL (VALUES ('hisp', hisp), ('rest', tot - hisp)) v(g, n)) AS t1,
       (SELECT segtable(fips, g, n) FROM sac_tt, LATERAL (VALUES ('black', black), ('rest', tot - black)) v(g, n)) AS t2;
CREATE TEMP TABLE cf_got AS
SELECT a AS approach, r.* FROM sac_ctx, unnest(ARRAY['composition', 'share', 'dual_composition']) a,
LATERAL seg_counterfactual_dissimilarity(t1, 'hisp', t2, 'black', a) r;
-- 18 tests: every value against the independent python computation
SELECT ok(abs(g.v - e.v) < 1e-12, format('Sacramento %s %s = %s (reference %s)', e.approach, e.k, g.v, e.v))
FROM (SELECT approach, k, v FROM cf_ref, LATERAL (VALUES ('d1', d1), ('d2', d2), ('d1_cf', d1_cf), ('d2_cf', d2_cf), ('c_s', c_s), ('c_a', c_a)) x(k, v)) e
LEFT JOIN (SELECT approach, k, v FROM cf_got, LATERAL (VALUES ('d1', d1), ('d2', d2), ('d1_cf', d1_cf), ('d2_cf', d2_cf), ('c_s', c_s), ('c_a', c_a)) x(k, v)) g
USING (approach, k) ORDER BY e.approach, e.k;
-- PySAL's published test values (segregation/tests/test_decomposition.py)
SELECT ok(abs(c_a - (-0.16138819842911295)) < 1e-12, format('composition c_a = %s (PySAL -0.16138819842911295)', c_a))
FROM cf_got WHERE approach = 'composition';
SELECT ok(abs(c_s - (-0.00510464327)) < 1e-10, format('composition c_s = %s (PySAL -0.00510464327...)', c_s))
FROM cf_got WHERE approach = 'composition';
SELECT ok(abs(c_s + c_a - (d1 - d2)) < 1e-14, approach || ': c_s + c_a = D1 - D2') FROM cf_got ORDER BY approach;
SELECT is((SELECT count(*) FROM sac_ctx, seg_counterfactual_tables(t1, 'hisp', t2, 'black') c, seg_units(c.t) u
           JOIN sac_tt ON sac_tt.fips = u.unit WHERE c.context = 1 AND abs(u.n - sac_tt.tot) < 1e-9 * sac_tt.tot),
          (SELECT count(*) FROM sac_tt WHERE tot > 0), 'composition keeps the unit totals of context 1');
\else
SELECT skip('sacramentot2.dbf or python3 not available ($SEGINDEX_DATA/oracles)', 24);
\endif

-- schools00 / schools05 (R segregation) ------------------------------------------
\set have_schools `test -r "$SEGINDEX_DATA/oracles/schools00.csv" -a -r "$SEGINDEX_DATA/oracles/schools05.csv" && command -v python3 >/dev/null && echo true || echo false`
\if :have_schools
CREATE TEMP TABLE s0 (state text, district text, school text, race text, n float8);
CREATE TEMP TABLE s5 (LIKE s0);
\copy s0 FROM PROGRAM 'cat "$SEGINDEX_DATA/oracles/schools00.csv"' csv header
\copy s5 FROM PROGRAM 'cat "$SEGINDEX_DATA/oracles/schools05.csv"' csv header
CREATE TEMP TABLE ref (name text, v float8);
\copy ref FROM PROGRAM 'python3 test/python/decompose_ref.py "$SEGINDEX_DATA/oracles/schools00.csv" "$SEGINDEX_DATA/oracles/schools05.csv"' csv
CREATE TEMP TABLE got (name text, v float8);
INSERT INTO got
SELECT 'M00', seg_mutual_information(segtable(school, race, n)) FROM s0 UNION ALL
SELECT 'H00', seg_entropy_index(segtable(school, race, n)) FROM s0 UNION ALL
SELECT 'M05', seg_mutual_information(segtable(school, race, n)) FROM s5 UNION ALL
SELECT 'H05', seg_entropy_index(segtable(school, race, n)) FROM s5;
INSERT INTO got SELECT unnest(ARRAY['m_total', 'm_between', 'm_within', 'h_total', 'h_between', 'h_within']),
                       unnest(ARRAY[m_total, m_between, m_within, h_total, h_between, h_within])
FROM (SELECT (seg_decompose(t)).* FROM (SELECT state, segtable(school, race, n) t FROM s0 GROUP BY state) x) d;
INSERT INTO got SELECT 'nested_' || level, m
FROM seg_mutual_total_nested((SELECT segtable(state || '|' || district || '|' || school, race, n) FROM s0));
INSERT INTO got SELECT unnest(ARRAY['within_p_', 'within_m_', 'within_h_', 'within_ratio_']) || super,
                       unnest(ARRAY[p, m, h, entropy_ratio])
FROM seg_mutual_within((SELECT segtable(state || '|' || school, race, n) FROM s0));
INSERT INTO got SELECT unnest(ARRAY['diff_m1', 'diff_m2', 'diff_diff', 'diff_additions', 'diff_removals',
                                    'shapley_group_marginal', 'shapley_unit_marginal', 'shapley_structural']),
                       unnest(ARRAY[m1, m2, diff, additions, removals, group_marginal, unit_marginal, structural])
FROM seg_mutual_information_difference((SELECT segtable(school, race, n) FROM s0),
                                       (SELECT segtable(school, race, n) FROM s5), 'shapley', 1e-12);
INSERT INTO got SELECT unnest(ARRAY['mrc_group_marginal', 'mrc_unit_marginal', 'mrc_structural']),
                       unnest(ARRAY[group_marginal, unit_marginal, structural])
FROM seg_mutual_information_difference((SELECT segtable(school, race, n) FROM s0),
                                       (SELECT segtable(school, race, n) FROM s5), 'mrc');
-- 36 tests: every value within 1e-10 of the python reference
SELECT ok(abs(g.v - r.v) < 1e-10, format('schools %s = %s (reference %s)', r.name, g.v, r.v))
FROM ref r LEFT JOIN got g USING (name) ORDER BY r.name;
-- published: M = 0.426, H = 0.419 (R segregation README, 3 decimals)
SELECT is(round(v::numeric, 3), 0.426, 'schools00 M = 0.426 as published') FROM got WHERE name = 'M00';
SELECT is(round(v::numeric, 3), 0.419, 'schools00 H = 0.419 as published') FROM got WHERE name = 'H00';
-- published: between states M = 0.0992, H = 0.0977 (R segregation README)
SELECT is(round(v::numeric, 4), 0.0992, 'schools00 between-state M = 0.0992 as published') FROM got WHERE name = 'm_between';
SELECT is(round(v::numeric, 4), 0.0977, 'schools00 between-state H = 0.0977 as published') FROM got WHERE name = 'h_between';
\else
SELECT skip('schools00/05 or python3 not available ($SEGINDEX_DATA/oracles)', 40);
\endif

-- Damaged serialized state --------------------------------------------------------
-- The state bytes are built here by hand from the documented layout (version 1;
-- input count, then N, E, M per input; group count, then key length, key and a
-- two-float compensated total per group; unit count, then unit keys).  Every
-- single-byte change, truncation and one-byte extension must be rejected with
-- 22P03 or read as a state; never another error or a crash.  The reader is
-- reached through a test-only C entry (not part of the extension's SQL).
CREATE FUNCTION pg_temp.dec_state_roundtrip(bytea) RETURNS bytea
AS '$libdir/segindex', 'seg_decompose_state_roundtrip' LANGUAGE C STRICT;
CREATE FUNCTION pg_temp.k(t text) RETURNS bytea LANGUAGE sql AS
$$ SELECT int4send(length(t)) || convert_to(t, 'UTF8') $$;
CREATE TEMP TABLE dstate AS SELECT '\x01'::bytea || int4send(1)
    || float8send(4) || float8send(ln(2)) || float8send(0.125)
    || int4send(2) || pg_temp.k('a') || float8send(2) || float8send(0)
    || pg_temp.k('b') || float8send(2) || float8send(0)
    || int4send(2) || pg_temp.k('u1') || pg_temp.k('u2') AS b;
SELECT is((SELECT pg_temp.dec_state_roundtrip(b) FROM dstate), (SELECT b FROM dstate),
          'hand-built seg_decompose state round-trips bit for bit');
CREATE FUNCTION pg_temp.dec_mutate(b bytea) RETURNS text LANGUAGE plpgsql AS $$
DECLARE m bytea; vals int[]; other text := '';
BEGIN
    FOR i IN 0 .. length(b) LOOP
        FOR k IN 1 .. 9 LOOP
            IF k <= 7 AND i = length(b) THEN CONTINUE; END IF;
            IF k <= 7 THEN
                vals := ARRAY[0, 1, 127, 128, 255, get_byte(b, i) # 1, get_byte(b, i) # 64];
                m := set_byte(b, i, vals[k]);
            ELSIF k = 8 THEN
                m := substr(b, 1, i);
            ELSE
                m := b || '\x00'::bytea;
            END IF;
            BEGIN
                PERFORM pg_temp.dec_state_roundtrip(m);
            EXCEPTION WHEN OTHERS THEN
                IF SQLSTATE <> '22P03' THEN
                    other := other || format('[byte %s kind %s: %s %s]', i, k, SQLSTATE, SQLERRM);
                END IF;
            END;
        END LOOP;
    END LOOP;
    RETURN other;
END $$;
SELECT is((SELECT pg_temp.dec_mutate(b) FROM dstate), '',
          'damaged seg_decompose state: every error is 22P03');
SELECT throws_ok($$SELECT pg_temp.dec_state_roundtrip(overlay(b placing float8send('NaN') from 6)) FROM dstate$$,
                 '22P03', NULL, 'NaN sum in seg_decompose state: 22P03');

-- Many groups: 4 kommun tables, each unit holding one of 40,000 groups, every
-- group in every table.  M = H·E = ln 40000 (complete segregation), all of it
-- within; each group's totals meet across tables in the merge.
SELECT ok(abs(m_total - ln(40000)) < 1e-12 AND abs(m_within - ln(40000)) < 1e-12 AND abs(m_between) < 1e-12,
          'seg_decompose with 40,000 groups across 4 tables: M = within = ln 40000')
FROM (SELECT (seg_decompose(t)).* FROM
      (SELECT k, segtable(k || '-' || i, (i % 40000)::bigint) AS t
       FROM generate_series(1, 4) k, generate_series(1, 40000) i GROUP BY k) s) d;
SELECT ok(abs(h_total - 1) < 1e-12, 'and H = 1')
FROM (SELECT (seg_decompose(t)).* FROM
      (SELECT k, segtable(k || '-' || i, (i % 40000)::bigint) AS t
       FROM generate_series(1, 4) k, generate_series(1, 40000) i GROUP BY k) s) d;

SELECT * FROM finish();
ROLLBACK;
