-- Segregation indices against peers' datasets in $SEGINDEX_DATA/oracles
-- (read at test time, never copied into the repo; skipped when absent).
--  * Sacramento 2000 tracts (PySAL segregation's test data): every index
--    against test/oracle/sacramento.py, an independent plain-python3
--    computation over the DBF, and against PySAL's published values.
--  * schools00 (R package segregation): published M and H, and the
--    between/within decomposition over states.
--  * OasisR's 10 x 10 grid patterns: D.
BEGIN;
CREATE EXTENSION IF NOT EXISTS pgtap;
CREATE EXTENSION IF NOT EXISTS segindex CASCADE;
SELECT plan(58);

\set have_sac `test -r "$SEGINDEX_DATA/oracles/sacramentot2.dbf" && command -v python3 >/dev/null && echo true || echo false`
\set have_schools `test -r "$SEGINDEX_DATA/oracles/schools00.csv" && echo true || echo false`
\set have_oasis `test -r "$SEGINDEX_DATA/oracles/oasis_segdata.csv" && echo true || echo false`

-- Sacramento (43 tests) -------------------------------------------------------------
\if :have_sac
CREATE TEMP TABLE sac_rows (fips text, grp text, n float8);
\copy sac_rows FROM PROGRAM 'python3 test/oracle/sacramento.py "$SEGINDEX_DATA/oracles/sacramentot2.dbf" rows' csv
CREATE TEMP TABLE sac_expected (name text, v float8);
\copy sac_expected FROM PROGRAM 'python3 test/oracle/sacramento.py "$SEGINDEX_DATA/oracles/sacramentot2.dbf" expected' csv
CREATE TEMP TABLE sac_local_expected (fips text, grp text, share float8, lq float8, entropy float8, entropy_norm float8);
\copy sac_local_expected FROM PROGRAM 'python3 test/oracle/sacramento.py "$SEGINDEX_DATA/oracles/sacramentot2.dbf" local' csv

-- HISP_ against the rest of TOT_POP; the four groups with their sum as total
CREATE TEMP TABLE sac AS
SELECT (SELECT segtable(fips, grp, n) FROM sac_rows WHERE grp IN ('hisp', 'other')) AS two,
       (SELECT segtable(fips, grp, n) FROM sac_rows WHERE grp IN ('white', 'black', 'asian', 'hisp_m')) AS multi;
CREATE TEMP TABLE sac_got AS
SELECT * FROM sac, LATERAL (VALUES
  ('D', seg_dissimilarity(two, 'hisp')),
  ('Gini', seg_gini(two, 'hisp')),
  ('H', seg_entropy_index(two, 'hisp')),
  ('isolation', seg_isolation(two, 'hisp')),
  ('exposure', seg_exposure(two, 'hisp', 'other')),
  ('correlation_ratio', seg_correlation_ratio(two, 'hisp')),
  ('Atkinson', seg_atkinson(two, 'hisp', 0.5)),
  ('Hutchens', seg_hutchens(two, 'hisp')),
  ('multi_D', seg_dissimilarity(multi)),
  ('multi_Gini', seg_gini(multi)),
  ('multi_H', seg_entropy_index(multi)),
  ('M', seg_mutual_information(multi)),
  ('normalized_exposure', seg_normalized_exposure(multi)),
  ('relative_diversity', seg_relative_diversity(multi)),
  ('squared_cv', seg_squared_cv(multi)),
  ('diversity', seg_diversity(multi)),
  ('diversity_normalized', seg_diversity(multi, true)),
  ('simpson_concentration', seg_simpson_concentration(multi)),
  ('simpson_interaction', seg_simpson_interaction(multi))
) AS v(name, v)
UNION ALL
SELECT NULL, NULL, 'ls_' || (array_position(ARRAY['white', 'black', 'asian', 'hisp_m'], s.grp) - 1), s.score
FROM sac, seg_local_scores(multi) s;

-- 23 tests: every index within 1e-9 of the independent python computation
SELECT ok(abs(g.v - e.v) < 1e-9, format('Sacramento %s = %s (oracle %s)', name, g.v, e.v))
FROM sac_expected e LEFT JOIN sac_got g USING (name) ORDER BY name;

-- 17 tests: PySAL segregation's published values (its test suite, same data)
SELECT ok(abs(g.v - p.v) < 1e-9, format('Sacramento %s = %s (PySAL %s)', name, g.v, p.v))
FROM (VALUES ('D', 0.32184656076566864::float8),       -- Dissim
             ('Gini', 0.43506510676886234),            -- Gini
             ('H', 0.09626774479970557),               -- Entropy
             ('isolation', 0.2319615486459151),        -- Isolation
             ('exposure', 0.7680384513540848),         -- Interaction
             ('correlation_ratio', 0.09164042012926693), -- CorrelationR
             ('Atkinson', 0.15079259382667654),        -- Atkinson (b = 0.5)
             ('multi_D', 0.41340872573177806),         -- MultiDissim
             ('multi_Gini', 0.5456349992598081),       -- MultiGini
             ('multi_H', 0.1710160297858887),          -- MultiInfoTheory
             ('M', 0.16645182134289443),               -- MultiDivergence
             ('normalized_exposure', 0.18821879029994157), -- MultiNormExposure
             ('relative_diversity', 0.15820019878220337),  -- MultiRelativeDiversity
             ('squared_cv', 0.11875484641127525),      -- MultiSquaredCoefVar
             ('diversity', 0.9733112243997906),        -- MultiDiversity
             ('diversity_normalized', 0.7020956383415715), -- MultiDiversity(normalized)
             ('simpson_interaction', 0.508175868480421)    -- SimpsonsInteraction
     ) AS p(name, v)
LEFT JOIN sac_got g USING (name) ORDER BY name;

SELECT ok((SELECT count(*) = (SELECT count(*) FROM sac_local_expected WHERE share > 0) AND
                  max(greatest(abs(l.share - e.share), abs(l.location_quotient - e.lq),
                               abs(l.local_entropy - e.entropy), abs(n.local_entropy - e.entropy_norm))) < 1e-9
             FROM sac, seg_local(multi) l
             JOIN seg_local(multi, true) n USING (unit, grp)
             JOIN sac_local_expected e ON e.fips = l.unit AND e.grp = l.grp),
          'Sacramento seg_local: one row per non-zero cell; shares, location quotients and local entropies within 1e-9 of the oracle');

SELECT ok(abs(seg_dissimilarity(fips, grp = 'hisp', n) - (SELECT v FROM sac_expected WHERE name = 'D')) < 1e-9 AND
          abs(seg_entropy_index(fips, grp = 'hisp', n) - (SELECT v FROM sac_expected WHERE name = 'H')) < 1e-9 AND
          abs(seg_isolation(fips, grp = 'hisp', n) - (SELECT v FROM sac_expected WHERE name = 'isolation')) < 1e-9,
          'Sacramento row aggregates (boolean form): D, H, isolation of HISP_')
FROM sac_rows WHERE grp IN ('hisp', 'other');
SELECT ok(abs(seg_dissimilarity(fips, grp, n) - (SELECT v FROM sac_expected WHERE name = 'multi_D')) < 1e-9 AND
          abs(seg_entropy_index(fips, grp, n) - (SELECT v FROM sac_expected WHERE name = 'multi_H')) < 1e-9 AND
          abs(seg_mutual_information(fips, grp, n) - (SELECT v FROM sac_expected WHERE name = 'M')) < 1e-9,
          'Sacramento row aggregates (multigroup): D, H, M')
FROM sac_rows WHERE grp NOT IN ('hisp', 'other');
\else
SELECT skip('Sacramento tracts: $SEGINDEX_DATA/oracles/sacramentot2.dbf (or python3) not available', 43);
\endif

-- schools00 (6 tests) --------------------------------------------------------------------
\if :have_schools
CREATE TEMP TABLE schools (state text, district text, school text, race text, n float8);
\copy schools FROM PROGRAM 'cat "$SEGINDEX_DATA/oracles/schools00.csv"' csv header
CREATE TEMP TABLE per_state AS
SELECT state, segtable(school, race, n) AS t, sum(n) AS pop FROM schools GROUP BY state;
CREATE TEMP TABLE whole AS SELECT seg_merge(t) AS t FROM per_state;

SELECT is(round(seg_mutual_information(t)::numeric, 3), 0.426,
          'schools00: M = 0.426 (published, R segregation)') FROM whole;
SELECT is(round(seg_entropy_index(t)::numeric, 3), 0.419,
          'schools00: H = 0.419 (published, R segregation)') FROM whole;
-- M in plain SQL: sum p_im ln(p_im / (p_i. p_.m))
SELECT ok(abs(seg_mutual_information(t) - (
    WITH c AS (SELECT school, race, sum(n) AS n FROM schools GROUP BY school, race HAVING sum(n) > 0),
         m AS (SELECT n / sum(n) OVER () AS p,
                      sum(n) OVER (PARTITION BY school) / sum(n) OVER () AS pi,
                      sum(n) OVER (PARTITION BY race) / sum(n) OVER () AS pm FROM c)
    SELECT sum(p * ln(p / (pi * pm))) FROM m)) < 1e-12,
    'schools00: M equals its plain-SQL definition') FROM whole;
SELECT ok(abs(seg_mutual_information(t) -
              (SELECT seg_mutual_information(school, race, n) FROM schools)) < 1e-12,
          'schools00: seg_merge of per-state tables = the row aggregate over all rows') FROM whole;
-- M_total = M(states x races) + sum_s p_s M_s
SELECT ok(abs(seg_mutual_information(w.t) - (
              (SELECT seg_mutual_information(segtable(state, race, n)) FROM schools) +
              (SELECT sum(pop / (SELECT sum(pop) FROM per_state) * seg_mutual_information(t)) FROM per_state)
          )) < 1e-12,
          'schools00: M_total = M_between(states) + sum p_s M_s') FROM whole w;
-- H_within = sum_s p_s (E_s / E) H_s (METHODOLOGY section 2), so H_total = H_between + it
SELECT ok(abs(seg_entropy_index(w.t) - (
              (SELECT seg_mutual_information(segtable(state, race, n)) FROM schools) / seg_diversity(w.t) +
              (SELECT sum(pop / (SELECT sum(pop) FROM per_state) * seg_diversity(t) / seg_diversity(w.t)
                          * seg_entropy_index(t)) FROM per_state)
          )) < 1e-12,
          'schools00: H_total = M_between / E + sum p_s (E_s / E) H_s') FROM whole w;
\else
SELECT skip('schools00: $SEGINDEX_DATA/oracles/schools00.csv not available', 6);
\endif

-- OasisR grid patterns (9 tests) ----------------------------------------------------------
\if :have_oasis
CREATE TEMP TABLE oasis (sp_id text,
    a1 float8, a2 float8, b1 float8, b2 float8, c1 float8, c2 float8, d1 float8, d2 float8,
    e1 float8, e2 float8, f1 float8, f2 float8, g1 float8, g2 float8, h1 float8, h2 float8,
    i1 float8, i2 float8);
\copy oasis FROM PROGRAM 'cat "$SEGINDEX_DATA/oracles/oasis_segdata.csv"' csv header
CREATE TEMP TABLE oasis_long AS
SELECT o.sp_id, v.pattern, v.grp, v.n FROM oasis o, LATERAL (VALUES
  ('A', 1, a1), ('A', 2, a2), ('B', 1, b1), ('B', 2, b2), ('C', 1, c1), ('C', 2, c2),
  ('D', 1, d1), ('D', 2, d2), ('E', 1, e1), ('E', 2, e2), ('F', 1, f1), ('F', 2, f2),
  ('G', 1, g1), ('G', 2, g2), ('H', 1, h1), ('H', 2, h2), ('I', 1, i1), ('I', 2, i2)) v(pattern, grp, n);
CREATE TEMP TABLE oasis_d AS
SELECT pattern, seg_dissimilarity(segtable(sp_id, grp, n), 1, 2) AS d,
       -- plain SQL: 1/2 sum |x_i/X - y_i/Y| (the sums are those of all cells)
       0.5 * sum(abs(x / sx - y / sy)) FILTER (WHERE grp = 1) AS d_sql
FROM (SELECT l.*, sum(n) FILTER (WHERE grp = 1) OVER w AS sx, sum(n) FILTER (WHERE grp = 2) OVER w AS sy,
             max(n) FILTER (WHERE grp = 1) OVER c AS x, max(n) FILTER (WHERE grp = 2) OVER c AS y
        FROM oasis_long l
      WINDOW w AS (PARTITION BY pattern), c AS (PARTITION BY pattern, sp_id)) s
GROUP BY pattern;
SELECT ok(abs(d - 1) < 1e-12, format('OasisR pattern %s: D = 1 (got %s)', pattern, d))
FROM oasis_d WHERE pattern IN ('A', 'B', 'C', 'F', 'G', 'H') ORDER BY pattern;
SELECT ok(abs(d - d_sql) < 1e-12, format('OasisR pattern %s: D = %s (plain SQL %s)', pattern, d, d_sql))
FROM oasis_d WHERE pattern IN ('D', 'E') ORDER BY pattern;
SELECT ok(abs(d) < 1e-12, format('OasisR pattern I: D = 0 (got %s)', d)) FROM oasis_d WHERE pattern = 'I';
\else
SELECT skip('OasisR grid: $SEGINDEX_DATA/oracles/oasis_segdata.csv not available', 9);
\endif

SELECT * FROM finish();
ROLLBACK;
