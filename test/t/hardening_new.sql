-- Hardening of the functions added with segspace, spatial, egohood,
-- decompose, inference, geographies and areatype: batteries of degenerate,
-- malformed and extreme calls.  Every call must either return finite
-- values (NULL allowed where documented) or fail with an SQLSTATE of class
-- 22 (never XX000, never another class); documented ranges hold; damaged
-- segspace bytes are rejected with 22P03 or read as a value on which every
-- measure still behaves.  Deterministic: the fixtures are fixed, the
-- mutations enumerate every byte.  The reproductions of the defects this
-- audit fixed are named in their tests.
BEGIN;
CREATE EXTENSION IF NOT EXISTS pgtap;
CREATE EXTENSION IF NOT EXISTS segindex CASCADE;
SET client_min_messages = warning;
SET statement_timeout = '60s';
SELECT plan(35);

-- Fixtures: a 4 x 4 grid of 100 m squares (EPSG:3006), keys 0..15, three
-- groups; the same layout in EPSG:4326, one unit only, and with text keys;
-- tables not matching the layout, with one group, at 1e300 and denormal
-- scale, and with hierarchical text unit keys.
CREATE TEMP TABLE grid AS
SELECT i * 4 + j AS id, ST_MakeEnvelope(i * 100, j * 100, i * 100 + 100, j * 100 + 100, 3006) AS geom
FROM generate_series(0, 3) i, generate_series(0, 3) j;
CREATE TEMP TABLE cells AS
SELECT id AS u, g, (CASE WHEN g = 'a' THEN id + 1 ELSE 16 - id END)::float8 AS n
FROM grid, unnest(ARRAY['a', 'b', 'c']) g WHERE NOT (g = 'c' AND id % 3 = 0);
CREATE TEMP TABLE fx AS SELECT
  (SELECT segspace(id, geom) FROM grid) AS s,
  (SELECT segspace(id, ST_Transform(geom, 4326)) FROM grid) AS sgeo,
  (SELECT segspace(id, geom) FROM grid WHERE id = 0) AS s1,
  (SELECT segspace(id::text, geom) FROM grid) AS stext,
  (SELECT segtable(u, g, n) FROM cells) AS t,
  (SELECT segtable(u, g, n) FROM cells WHERE u = 0) AS t1,
  (SELECT segtable(u + 100, g, n) FROM cells) AS tforeign,
  (SELECT segtable(u, g, n) FROM cells WHERE g = 'a') AS tone,
  (SELECT segtable(u, g, n * 1e300) FROM cells) AS thuge,
  (SELECT segtable(u, g, n * 5e-324) FROM cells) AS ttiny,
  (SELECT segtable(chr(97 + u % 2) || '|' || (u % 4)::text || '|' || u::text, g, n) FROM cells) AS tnest;

-- One call: 'ok' with its rows as text, or the SQLSTATE.  A problem is a
-- non-finite value in the rows, or an error outside class 22.
CREATE FUNCTION pg_temp.try(q text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE r text;
BEGIN
  EXECUTE format('SELECT string_agg(x::text, '' ; '') FROM (%s) x', q) INTO r;
  RETURN CASE WHEN r ~ '(NaN|Infinity)' THEN 'non-finite: ' || left(r, 200) ELSE 'ok' END;
EXCEPTION WHEN OTHERS THEN
  RETURN CASE WHEN SQLSTATE LIKE '22%' THEN 'ok' ELSE 'error ' || SQLSTATE || ': ' || SQLERRM END;
END $$;

CREATE TEMP TABLE calls (family text, call text);
CREATE FUNCTION pg_temp.add(family text, calls text[]) RETURNS void LANGUAGE sql AS $$
  INSERT INTO calls SELECT family, c FROM unnest(calls) c $$;
CREATE TEMP TABLE tabs AS SELECT unnest(ARRAY['t', 't1', 'tforeign', 'tone', 'thuge', 'ttiny', 'NULL::segtable']) AS t;
CREATE TEMP TABLE spaces AS SELECT unnest(ARRAY['s', 'sgeo', 's1', 'stext', 'NULL::segspace']) AS s;
CREATE TEMP TABLE grps AS SELECT unnest(ARRAY['''a''', '''zz''', 'NULL::text', '''''', '5']) AS g;
CREATE TEMP TABLE variants AS SELECT unnest(ARRAY['''massey_denton''', '''pysal''', '''rook''', '''queen''', '''bogus''', 'NULL']) AS v;
CREATE TEMP TABLE reals AS SELECT unnest(ARRAY['0', '-1', '''NaN''', '''Infinity''', '''-Infinity''', '1e-300', '1e300', '5e-324', '150', 'NULL']) AS x;

-- spatial measures: every table x layout, every group, every variant x distance unit
SELECT pg_temp.add('spatial', array_agg(format('%s(%s, %s, ''a'')', f, t, s)))
FROM unnest(ARRAY['seg_delta', 'seg_absolute_concentration', 'seg_relative_concentration',
                  'seg_perimeter_area_dissimilarity', 'seg_absolute_centralization',
                  'seg_relative_centralization', 'seg_absolute_clustering', 'seg_relative_clustering',
                  'seg_spatial_proximity', 'seg_distance_decay_isolation', 'seg_distance_decay_exposure',
                  'seg_spatial_dissimilarity', 'seg_boundary_dissimilarity']) f, tabs, spaces;
SELECT pg_temp.add('spatial', array_agg(format('%s(t, s, %s)', f, g)))
FROM unnest(ARRAY['seg_delta', 'seg_absolute_concentration', 'seg_perimeter_area_dissimilarity',
                  'seg_absolute_centralization', 'seg_spatial_proximity', 'seg_boundary_dissimilarity']) f, grps;
SELECT pg_temp.add('spatial', array_agg(format('%s(%s, s, ''a'', %s, %s)', f, t, v, x)))
FROM unnest(ARRAY['seg_absolute_clustering', 'seg_relative_clustering', 'seg_spatial_proximity',
                  'seg_distance_decay_isolation', 'seg_distance_decay_exposure']) f,
     unnest(ARRAY['t', 'thuge', 'ttiny']) t, variants, reals;
SELECT pg_temp.add('spatial', array_agg(format('seg_relative_concentration(t, s, ''a'', %s)', v))) FROM variants;
SELECT pg_temp.add('spatial', array_agg(format('%s(t, %s, ''a'', %s)', f, s, c)))
FROM unnest(ARRAY['seg_absolute_centralization', 'seg_relative_centralization']) f,
     unnest(ARRAY['s', 'sgeo']) s,
     unnest(ARRAY['NULL', '''POINT(0 0)''::geometry', 'ST_SetSRID(''POINT EMPTY''::geometry, 3006)',
                   'ST_SetSRID(''POINT(1e300 1e300)''::geometry, 3006)', 'ST_SetSRID(''POINT(200 200)''::geometry, 4326)',
                   'ST_SetSRID(''POLYGON((0 0, 1 0, 1 1, 0 1, 0 0))''::geometry, 3006)',
                   'ST_SetSRID(''MULTIPOINT(0 0, 400 400)''::geometry, 3006)', 'ST_SetSRID(''POINT(200 200)''::geometry, 3006)']) c;
SELECT pg_temp.add('spatial', array_agg(format('seg_centralization_sp(t, s, ''a'', %s, %s, %s, %s, true)', r, xs, ys, srid)))
FROM unnest(ARRAY['true', 'false']) r,
     unnest(ARRAY['''{}''::float8[]', '''{NaN}''::float8[]', '''{NULL}''::float8[]', '''{1,2}''::float8[]', '''{{1}}''::float8[]']) xs,
     unnest(ARRAY['''{1}''::float8[]', '''{Infinity}''::float8[]', '''{1,2}''::float8[]']) ys,
     unnest(ARRAY['3006', '0', '-1']) srid;
SELECT pg_temp.add('spatial', array_agg(format('seg_local_relative_centralization(%s, %s, ''a'', %s)', t, s, k)))
FROM tabs, spaces, unnest(ARRAY['0', '-1', '1', '16', '17', '2147483647', 'NULL']) k;
SELECT pg_temp.add('segspace', array_agg(format('%s(%s)', f, s)))
FROM unnest(ARRAY['seg_layout', 'seg_edges', 'seg_layout_nunits', 'seg_nedges', 'seg_srid',
                  'seg_is_geographic', 'seg_has_contiguity']) f, spaces;
SELECT pg_temp.add('segspace', array_agg(format('segspace_srid_is_geographic(%s)', x)))
FROM unnest(ARRAY['0', '-1', '4326', '3006', '2147483647', '-2147483648', 'NULL']) x;

-- egohoods: bandwidths and populations 0, negative, NaN, infinite, denormal, huge
SELECT pg_temp.add('egohood', array_agg(format('%s(%s, %s, 150)', f, t, s)))
FROM unnest(ARRAY['seg_egohood', 'seg_egohood_counts', 'seg_egohood_knn', 'seg_egohood_knn_counts']) f, tabs, spaces;
SELECT pg_temp.add('egohood', array_agg(format('%s(%s, s, %s, %s, %s)', f, t, x, k, r)))
FROM unnest(ARRAY['seg_egohood', 'seg_egohood_counts']) f, unnest(ARRAY['t', 'thuge', 'ttiny']) t, reals,
     unnest(ARRAY['''triangular''', '''uniform''', '''boxcar''', '''gaussian''', '''quartic''', '''bogus''', 'NULL']) k,
     unnest(ARRAY['true', 'false']) r;
SELECT pg_temp.add('egohood', array_agg(format('%s(%s, s, %s)', f, t, x)))
FROM unnest(ARRAY['seg_egohood_knn', 'seg_egohood_knn_counts']) f, unnest(ARRAY['t', 'thuge', 'ttiny']) t,
     (SELECT x FROM reals UNION ALL SELECT unnest(ARRAY['1e308', '400', '100000'])) r;
SELECT pg_temp.add('egohood', array_agg(format('%s(t, %s, %s)', f, s, a)))
FROM unnest(ARRAY['seg_egohood_profile', 'seg_egohood_knn_profile']) f, unnest(ARRAY['s', 'sgeo']) s,
     unnest(ARRAY['''{}''::float8[]', '''{NULL}''::float8[]', '''{NaN}''::float8[]', '''{0}''::float8[]',
                   '''{1,NULL}''::float8[]', '''{{1,2},{3,4}}''::float8[]', '''{1,1e300,5e-324}''::float8[]',
                   '''{-1}''::float8[]', 'NULL::float8[]']) a;

-- decomposition
SELECT pg_temp.add('decompose', array_agg(format('%s(%s, %s)', f, t, sep)))
FROM unnest(ARRAY['seg_mutual_within', 'seg_mutual_total_nested']) f,
     (SELECT t FROM tabs UNION ALL SELECT 'tnest') t, unnest(ARRAY['''|''', '''''', 'NULL', '''xx''', '''||''']) sep;
SELECT pg_temp.add('decompose', array_agg(format('seg_mutual_information_difference(%s, %s, %s, %s)', a, b, m, p)))
FROM (SELECT t AS a FROM tabs UNION ALL SELECT 'tnest') a, (SELECT t AS b FROM tabs UNION ALL SELECT 'tnest') b,
     unnest(ARRAY['''shapley''', '''mrc''']) m, unnest(ARRAY['1e-10']) p;
SELECT pg_temp.add('decompose', array_agg(format('seg_mutual_information_difference(t, thuge, %s, %s)', m, p)))
FROM unnest(ARRAY['''shapley''', '''mrc''', '''bogus''', 'NULL']) m,
     unnest(ARRAY['0', '1', '-1', '''NaN''', '''Infinity''', '5e-324', '0.5', 'NULL']) p;
SELECT pg_temp.add('decompose', array_agg(format('seg_cf_quantile7(%s, %s)', a, q)))
FROM unnest(ARRAY['''{}''::float8[]', '''{NULL}''::float8[]', '''{NaN}''::float8[]', '''{Infinity,-Infinity}''::float8[]',
                  '''{1,2,3}''::float8[]', '''{{1,2},{3,4}}''::float8[]', 'NULL::float8[]', '''{-1.7e308,1.7e308}''::float8[]']) a,
     unnest(ARRAY['0', '1', '0.5', '-0.1', '1.1', '''NaN''', '''Infinity''', 'NULL', '5e-324']) q;
SELECT pg_temp.add('decompose', array_agg(format('%s(%s, %s, %s, %s, %s)', f, a, g1, b, g2, ap)))
FROM unnest(ARRAY['seg_counterfactual_tables', 'seg_counterfactual_dissimilarity']) f,
     tabs a(a), unnest(ARRAY['t', 'tone', 'thuge', 'ttiny']) b,
     unnest(ARRAY['''a''', '''zz''', 'NULL']) g1, unnest(ARRAY['''b''']) g2,
     unnest(ARRAY['''composition''', '''dual_composition''', '''share''', '''bogus''']) ap;

-- inference: reps 0, 1, 2^31 - 1; seeds at the bigint limits; bad levels and models
SELECT pg_temp.add('inference', array_agg(c)) FROM (
  SELECT format('seg_bootstrap(%s, %s, 1)', t, r) c FROM tabs, unnest(ARRAY['0', '-1', '1', '3', '2147483647', '10000001', 'NULL']) r
  UNION ALL SELECT format('seg_bootstrap_summary(%s, %s, 1)', t, r) FROM tabs, unnest(ARRAY['0', '1', '3', '2147483647']) r
  UNION ALL SELECT format('seg_mutual_expected(%s, %s, 1, %s)', t, r, fm) FROM tabs, unnest(ARRAY['0', '1', '3', '2147483647']) r,
                                                                          unnest(ARRAY['true', 'false']) fm
  UNION ALL SELECT format('seg_null_tables(%s, %s, %s, 1)', t, m, r) FROM tabs,
            unnest(ARRAY['''evenness''', '''systematic''', '''permutation''', '''unit_bootstrap''', '''geographic''', '''bogus''', 'NULL']) m,
            unnest(ARRAY['0', '2', '2147483647']) r
  UNION ALL SELECT format('seg_bootstrap(t, 2, %s)', sd) FROM unnest(ARRAY['0', '-1', '9223372036854775807', '-9223372036854775808']) sd
  UNION ALL SELECT format('seg_bootstrap_summary(t, 5, 1, %s)', l) FROM unnest(ARRAY['0', '1', '-1', '''NaN''', '''Infinity''', '1e-300', '0.9999999999999999', 'NULL']) l
  UNION ALL SELECT format('seg_pvalue(%s, %s, %s)', o, a, b)
  FROM unnest(ARRAY['0', '''NaN''', '''Infinity''', 'NULL', '1']) o,
       unnest(ARRAY['''{}''::float8[]', '''{NULL}''::float8[]', '''{NaN}''::float8[]', '''{-Infinity}''::float8[]',
                     '''{1,2,3}''::float8[]', 'NULL::float8[]']) a, unnest(ARRAY['true', 'false', 'NULL']) b) x;

-- intervals
SELECT pg_temp.add('intervals', array_agg(format('%s(%s, %s, %s)', f, c, b, l)))
FROM unnest(ARRAY['seg_wilson_interval', 'seg_poisson_interval']) f,
     unnest(ARRAY['0', '1', '-1', '''NaN''', '''Infinity''', '1e300', '5e-324', 'NULL', '0.5']) c,
     unnest(ARRAY['0', '1', '-1', '''NaN''', '''Infinity''', '1e300', '5e-324', 'NULL', '0.5']) b,
     unnest(ARRAY['0.95', '0', '1', '''NaN''', '1e-300', '0.9999999999999999']) l;

CREATE TEMP TABLE outcome AS
SELECT family, call, pg_temp.try('SELECT y.* FROM fx CROSS JOIN LATERAL ' || call || ' y') AS r FROM calls;
-- the aggregate seg_decompose over the same tables
INSERT INTO outcome
SELECT 'decompose', q, pg_temp.try(q) FROM unnest(ARRAY[
  'SELECT (seg_decompose(x)).* FROM fx, LATERAL (VALUES (t), (thuge), (ttiny), (tone), (t1), (NULL::segtable)) v(x)',
  'SELECT (seg_decompose(x)).* FROM fx, LATERAL (VALUES (tnest), (tnest)) v(x)',
  'SELECT (seg_decompose(x)).* FROM fx, LATERAL (VALUES (t), (tnest)) v(x)',
  'SELECT (seg_decompose(x)).* FROM fx, LATERAL (VALUES (NULL::segtable)) v(x)',
  'SELECT (seg_decompose(x)).* FROM (SELECT NULL::segtable x WHERE false) v']) q;

SELECT cmp_ok((SELECT count(*) FROM outcome), '>', 4000::bigint, 'more than 4000 degenerate, bad and extreme calls are tried');
SELECT is((SELECT count(*) FROM outcome WHERE family = f AND r <> 'ok'), 0::bigint,
          f || ': no NaN or Infinity, no XX000, no error outside class 22')
FROM unnest(ARRAY['spatial', 'segspace', 'egohood', 'decompose', 'inference', 'intervals']) f;
SELECT diag(call || ' -> ' || r) FROM outcome WHERE r <> 'ok' LIMIT 20;

-- Documented ranges on the fixtures (the textbook variants; PySAL's DPxx
-- and DPxy are not bounded by 1).
CREATE TEMP TABLE ranged (expr text, lo float8, hi float8);
INSERT INTO ranged
SELECT format('%s(%s, s, ''a'')', f, t), lo, hi
FROM (VALUES ('seg_delta', 0::float8, 1::float8), ('seg_absolute_centralization', -1, 1), ('seg_relative_centralization', -1, 1),
             ('seg_absolute_concentration', '-Infinity', 1), ('seg_relative_concentration', -1, 1),
             ('seg_spatial_dissimilarity', '-Infinity', 1), ('seg_boundary_dissimilarity', '-Infinity', 1),
             ('seg_perimeter_area_dissimilarity', '-Infinity', 1), ('seg_spatial_proximity', 0, 'Infinity'),
             ('seg_relative_clustering', -1, 'Infinity'), ('seg_absolute_clustering', '-Infinity', 1)) v(f, lo, hi),
     unnest(ARRAY['t', 't1', 'thuge', 'ttiny', 'tone']) t
UNION ALL
SELECT format('%s(%s, s, ''a'', %s, %s)', f, t, v, d), 0, 1
FROM unnest(ARRAY['seg_distance_decay_isolation', 'seg_distance_decay_exposure']) f,
     unnest(ARRAY['t', 't1', 'thuge', 'ttiny', 'tone']) t, unnest(ARRAY['''massey_denton''', '''rook''', '''queen''']) v,
     unnest(ARRAY['1e-300', '1', '1000', '1e300']) d
UNION ALL
SELECT format('(SELECT %s(lrc) FROM seg_local_relative_centralization(%s, s, ''a'', %s) z(u, lrc))', m, t, k), -1, 1
FROM unnest(ARRAY['min', 'max']) m, unnest(ARRAY['t', 'thuge', 'ttiny']) t, unnest(ARRAY['1', '5', '100']) k
UNION ALL
SELECT format('(SELECT min(%s) FROM seg_bootstrap_summary(%s, 20, 7))', c, t), 0, 'Infinity'
FROM unnest(ARRAY['se', 'upper - lower', 'estimate']) c, unnest(ARRAY['t', 'tnest', 't1']) t
UNION ALL
SELECT format('(SELECT %s FROM seg_mutual_expected(%s, 20, 7, %s))', c, t, fm), 0, 'Infinity'
FROM unnest(ARRAY['m_sd', 'h_sd', 'm_expected', 'h_expected']) c, unnest(ARRAY['t', 'tnest', 't1']) t, unnest(ARRAY['true', 'false']) fm
UNION ALL
SELECT format('(SELECT %s FROM seg_mutual_within(tnest, %L) LIMIT 1)', c, '|'), 0, 'Infinity'
FROM unnest(ARRAY['m', 'h', 'p']) c;
CREATE FUNCTION pg_temp.value_of(expr text) RETURNS float8 LANGUAGE plpgsql AS $$
DECLARE v float8;
BEGIN
  EXECUTE format('SELECT %s FROM fx', expr) INTO v;
  RETURN v;
END $$;
CREATE TEMP TABLE range_bad AS
SELECT expr, v, lo, hi FROM (SELECT r.*, pg_temp.value_of(expr) AS v FROM ranged r) x
WHERE v IS NOT NULL AND NOT (v >= lo AND v <= hi);
SELECT is((SELECT count(*) FROM range_bad), 0::bigint, 'spatial and inference results stay in their documented ranges');
SELECT diag(format('%s = %s outside [%s, %s]', expr, v, lo, hi)) FROM range_bad LIMIT 10;

-- Interval bounds: 0 <= lower <= estimate <= upper (<= 1 for Wilson) on a
-- grid of counts, bases and levels.  Reproduction (fixed): Wilson at count
-- 1e-300, base 1, level 0.99999 gave lower 5.6e-17 above the estimate.
CREATE FUNCTION pg_temp.ival(k text, c float8, b float8, l float8) RETURNS float8[] LANGUAGE plpgsql AS $$
DECLARE r float8[];
BEGIN
  IF k = 'W' THEN SELECT ARRAY[estimate, lower, upper] INTO r FROM seg_wilson_interval(c, b, l);
  ELSE SELECT ARRAY[estimate, lower, upper] INTO r FROM seg_poisson_interval(c, b, l); END IF;
  RETURN r;
EXCEPTION WHEN OTHERS THEN
  IF SQLSTATE LIKE '22%' THEN RETURN NULL; END IF;   -- documented refusals (count > base, rate overflow)
  RAISE;
END $$;
CREATE TEMP TABLE ivals AS
SELECT k, c.x AS c, b.x AS b, l, pg_temp.ival(k, c.x, b.x, l) AS r
FROM (VALUES (0::float8), (1), (3), (5), (0.5), (1e-300), (5e-324), (2.2250738585072014e-308),
             (9007199254740993), (1e15), (1e300), (1.7976931348623157e308)) c(x),
     (VALUES (0::float8), (1), (3), (5), (0.5), (1e-300), (5e-324), (2.2250738585072014e-308),
             (9007199254740993), (1e15), (1e300), (1.7976931348623157e308)) b(x),
     unnest(ARRAY[0.95, 1e-300, 0.5, 0.99999, 0.9999999999999999]::float8[]) l,
     unnest(ARRAY['W', 'P']) k;
SELECT cmp_ok((SELECT count(*) FROM ivals WHERE r IS NOT NULL), '>', 700::bigint, 'more than 700 intervals computed');
SELECT is((SELECT count(*) FROM ivals WHERE r IS NOT NULL AND NOT (0 <= r[2] AND r[2] <= r[1] AND r[1] <= r[3]
             AND r[3] < 'Infinity' AND (k = 'P' OR r[3] <= 1))), 0::bigint,
          'intervals: 0 <= lower <= estimate <= upper, finite, Wilson within [0, 1]');
SELECT diag(format('%s(%s, %s, %s) = %s', k, c, b, l, r)) FROM ivals
WHERE r IS NOT NULL AND NOT (0 <= r[2] AND r[2] <= r[1] AND r[1] <= r[3] AND r[3] < 'Infinity' AND (k = 'P' OR r[3] <= 1)) LIMIT 10;
-- Wilson's lower bound for c << z^2 is c^2 / (n z^2) to first order (the
-- centre and half-width both tend to z^2 / (2 (n + z^2))); z is the 0.975
-- normal quantile 1.959963984540054 (published tables).  Was 5.6e-17.
SELECT ok((SELECT abs(lower * 1.959963984540054 ^ 2 / 1e-200 - 1) < 1e-12 FROM seg_wilson_interval(1e-100, 1, 0.95)),
          'Wilson at count 1e-100, base 1: lower bound c^2 / (n z^2) = 2.6e-201');

-- Reproductions of the other fixed defects.
SELECT is(seg_pvalue(1, '{}'), NULL, 'seg_pvalue of no simulations is NULL (was 22012 division by zero)');
SELECT throws_ok($$SELECT seg_pvalue('NaN', '{1,2}')$$, '22023', NULL, 'seg_pvalue: NaN observed is 22023');
SELECT throws_ok($$SELECT seg_pvalue(1, '{1,Infinity}', true)$$, '22023', NULL, 'seg_pvalue: infinite simulation is 22023');
SELECT throws_like($$SELECT seg_cf_quantile7('{1,2,3}', 'NaN')$$, '%"q"%',
                   'seg_cf_quantile7: NaN q names q (was 22003 integer out of range)');
SELECT throws_ok($$SELECT seg_cf_quantile7('{NaN}', 0.5)$$, '22023', NULL, 'seg_cf_quantile7: NaN values are 22023, not a NaN result');
SELECT is(seg_cf_quantile7('{-1.7e308,1.7e308}', 0.5), 0::float8, 'seg_cf_quantile7: no overflow between extreme values');

-- Geographies and area types: layers with invalid, empty, NULL, duplicate,
-- geographic and mixed-SRID geometries; data with NaN, infinities, negatives.
CREATE TABLE ga AS SELECT 'a' || id AS k, geom FROM grid WHERE id IN (0, 1, 4, 5);
CREATE TABLE gb AS SELECT 'B' AS k, ST_MakeEnvelope(50, 50, 250, 250, 3006) AS geom
                   UNION ALL SELECT 'C', ST_MakeEnvelope(250, 50, 300, 250, 3006);
CREATE TABLE gbgeo AS SELECT k, ST_Transform(geom, 4326) AS geom FROM gb;
CREATE TABLE gbad AS SELECT 'bow' AS k, ST_SetSRID('POLYGON((0 0, 100 100, 100 0, 0 100, 0 0))'::geometry, 3006) AS geom;
CREATE TABLE gempty (k text, geom geometry);
CREATE TABLE gnull AS SELECT 'n' AS k, NULL::geometry AS geom UNION ALL SELECT 'e', ST_SetSRID('POLYGON EMPTY'::geometry, 3006);
CREATE TABLE gdup AS SELECT 'd' AS k, geom FROM grid WHERE id IN (0, 1);
CREATE TABLE gmixed AS SELECT 'm1' AS k, ST_MakeEnvelope(0, 0, 1, 1, 3006) AS geom
                       UNION ALL SELECT 'm2', ST_MakeEnvelope(0, 0, 1, 1, 3021);
CREATE TABLE gtext AS SELECT k, ST_AsText(geom) AS geom FROM ga;
CREATE TABLE gpts AS SELECT 'p' || i AS k, ST_SetSRID(ST_MakePoint(i * 37.0, i * 23.0), 3006) AS geom FROM generate_series(0, 12) i
  UNION ALL SELECT 'pn', NULL UNION ALL SELECT 'pe', ST_SetSRID('POINT EMPTY'::geometry, 3006)
  UNION ALL SELECT 'pline', ST_SetSRID('LINESTRING(0 0, 1 1)'::geometry, 3006);
CREATE TABLE gdata AS SELECT * FROM (VALUES ('a0', 10::float8), ('a1', -5), ('a4', 3), ('zz', 3), (NULL, 4)) v(k, v);
CREATE TABLE gdata_bad AS SELECT * FROM (VALUES ('a0', 10::float8), ('a4', 'NaN'), ('a5', 'Infinity')) v(k, v);
CREATE TABLE rates AS SELECT * FROM (VALUES
  ('k1', 1, 5::float8, 10::float8, 100::float8), ('k1', 2, 20, 10, 50), ('k1', NULL, 1, 10, 10),
  ('k2', 1, 0, 0, 0), ('k2', 2, 1, 3, 10), (NULL, 1, 1, 2, NULL), ('k3', 1, 1e300, 1.7e308, 1e308),
  ('k3', 2, 5e-324, 5e-324, 5e-324)) v(kom, typ, cnt, base, pop);
CREATE TABLE rates_bad AS SELECT * FROM (VALUES ('k1', 1, 5::float8, 10::float8, 'NaN'::float8), ('k1', 2, 1, 10, 1)) v(kom, typ, cnt, base, pop);
CREATE TABLE idx AS SELECT * FROM (VALUES ('u1', 2020, 1::float8), ('u2', 2020, 1), ('u3', 2020, 1), ('u1', 2021, 'NaN'),
  ('u2', 2021, 'Infinity'), ('u3', 2021, NULL), ('u1', 2022, 1e308), ('u2', 2022, -1e308), ('u1', 2023, 1), ('u2', 2023, 2),
  ('u1', NULL, 3), (NULL, 2020, 2)) v(u, y, i);
CREATE TABLE typ AS SELECT * FROM (VALUES ('u1', 2020, 1, 1::float8), ('u1', 2021, 2, 3), ('u2', 2020, NULL, 5),
  ('u2', 2021, 1, 1e308), ('u3', 2021, 3, 1e308), (NULL, 2020, 1, 1)) v(u, y, t, pop);
CREATE TABLE typ_bad AS SELECT * FROM (VALUES ('u1', 2020, 1, 1::float8), ('u1', 2021, 2, -3), ('u2', 2021, 1, 'Infinity')) v(u, y, t, pop);
CREATE TABLE cw AS SELECT * FROM seg_crosswalk('ga', 'k', 'geom', 'gb', 'k', 'geom');
CREATE TABLE cwempty AS SELECT * FROM cw WHERE false;

CREATE TEMP TABLE geo_calls AS
SELECT format('seg_layer_check(%L, ''k'', ''geom'')', a) AS call FROM unnest(ARRAY['ga', 'gbgeo', 'gbad', 'gempty', 'gnull', 'gdup', 'gmixed', 'gtext', 'gpts']) a
UNION ALL
SELECT format('%s(%L, ''k'', ''geom'', %L, ''k'', ''geom'')', f, a, b)
FROM unnest(ARRAY['seg_crosswalk', 'seg_geocode']) f,
     unnest(ARRAY['ga', 'gbgeo', 'gbad', 'gempty', 'gnull', 'gdup', 'gmixed', 'gtext', 'gpts']) a,
     unnest(ARRAY['gb', 'gbgeo', 'gbad', 'gempty', 'gnull', 'gdup', 'gmixed', 'gtext']) b
UNION ALL
SELECT format('seg_crosswalk_population(%L, ''k'', ''geom'', %L, ''k'', ''geom'', %L, %L, ''geom'')', a, b, c, p)
FROM unnest(ARRAY['ga', 'gbad', 'gnull', 'gempty']) a, unnest(ARRAY['gb', 'gbgeo', 'gempty']) b,
     unnest(ARRAY['gpts', 'gnull', 'gempty', 'gtext']) c, unnest(ARRAY['k']) p
UNION ALL
SELECT format('%s(%L, %L, ''k'', ''v''%s)', f, c, d, x)
FROM unnest(ARRAY['seg_crosswalk_extensive', 'seg_crosswalk_intensive']) f, unnest(ARRAY['cw', 'cwempty']) c,
     unnest(ARRAY['gdata', 'gdata_bad']) d, unnest(ARRAY['']) x
UNION ALL
SELECT format('seg_crosswalk_segtable(%L, %s, %s)', c, t, a)
FROM unnest(ARRAY['cw', 'cwempty']) c, unnest(ARRAY['(SELECT segtable(k, ''g'', 2) FROM ga)', 'NULL::segtable', '(SELECT segtable(k, ''g'', 1e308) FROM ga)']) t,
     unnest(ARRAY['true', 'false']) a
UNION ALL
SELECT format('seg_type_rates(%L, %s, ''typ'', ''cnt'', ''base'', %s, %s, %s, %s, %s)', r, g, p, i, l, mb, mp)
FROM unnest(ARRAY['rates', 'rates_bad']) r, unnest(ARRAY['''kom''', 'NULL']) g, unnest(ARRAY['''pop''', 'NULL']) p,
     unnest(ARRAY['''wilson''', '''poisson''', '''bogus''']) i, unnest(ARRAY['0.95', '0', '''NaN''']) l,
     unnest(ARRAY['20', '0', '''NaN''']) mb, unnest(ARRAY['5', '''-Infinity''']) mp
UNION ALL
SELECT format('seg_type_rates_points(''gpts'', ''geom'', NULL, ''rates_pts'', ''k'', ''geom'', NULL, ''typ'', ''base'', %s, %s)', p, i)
FROM unnest(ARRAY['''pop''', 'NULL']) p, unnest(ARRAY['''wilson''', '''poisson''']) i
UNION ALL
SELECT format('seg_area_types_over_time(''idx'', ''u'', ''y'', ''i'', %s)', y)
FROM unnest(ARRAY['NULL', '2020', '2021', '2022', '2023', '1999']) y
UNION ALL
SELECT format('%s(%L, ''u'', ''y'', ''t'', %s, %s, %s, %s)', f, tt, fy, ty, g, p)
FROM unnest(ARRAY['seg_type_transitions', 'seg_type_stability']) f, unnest(ARRAY['typ', 'typ_bad']) tt,
     (VALUES ('2020', '2021'), ('2021', '2020'), ('2020', '2020'), ('1', '2'), ('NULL', '2021')) y(fy, ty),
     unnest(ARRAY['NULL', '''u''']) g, unnest(ARRAY['NULL', '''pop''']) p;
CREATE TABLE rates_pts AS SELECT k, 1 AS typ, 50::float8 AS base, 100::float8 AS pop, geom FROM ga;
CREATE TEMP TABLE geo_outcome AS SELECT call, pg_temp.try('SELECT y.* FROM ' || call || ' y') AS r FROM geo_calls;
SELECT cmp_ok((SELECT count(*) FROM geo_outcome), '>', 400::bigint, 'more than 400 geography and area-type calls are tried');
SELECT is((SELECT count(*) FROM geo_outcome WHERE r <> 'ok'), 0::bigint,
          'geographies, area types: no NaN or Infinity, no XX000, no error outside class 22');
SELECT diag(call || ' -> ' || r) FROM geo_outcome WHERE r <> 'ok' LIMIT 20;
-- reproductions
SELECT is((SELECT string_agg(c, ', ') FROM unnest(ARRAY[
             'seg_layer_check(NULL, ''k'', ''geom'')', 'seg_crosswalk(NULL, ''k'', ''geom'', ''gb'', ''k'', ''geom'')',
             'seg_crosswalk_intensive(''cw'', NULL, ''k'', ''v'')', 'seg_crosswalk_segtable(NULL, NULL::segtable)',
             'seg_type_rates(NULL, ''kom'', ''typ'', ''cnt'', ''base'', ''pop'')', 'seg_area_types_over_time(NULL, ''u'', ''y'', ''i'')',
             'seg_type_transitions(NULL, ''u'', ''y'', ''t'', 2020, 2021)']) c
           WHERE pg_temp.try('SELECT * FROM ' || c) <> 'ok'), NULL,
          'a NULL table argument is 22004 (was 42P01 relation "l" does not exist)');
SELECT throws_ok($$SELECT * FROM seg_crosswalk('gtext', 'k', 'geom', 'gb', 'k', 'geom')$$, '22023', NULL,
                 'a text geometry column is 22023 (was XX000 from PostGIS''s parser)');
SELECT throws_like($$SELECT * FROM seg_crosswalk_extensive('cw', 'gdata_bad', 'k', 'v')$$, '%non-finite value (key a4)%',
                   'seg_crosswalk_extensive: NaN data is 22023 naming its key (was NaN in every target)');
SELECT is((SELECT sum(areas) FROM seg_type_rates('rates', 'kom', 'typ', 'cnt', 'base', NULL) WHERE area_type = 'total'),
          8::numeric, 'seg_type_rates with population_col NULL (was 42703 column a.null)');
SELECT throws_ok($$SELECT * FROM seg_type_transitions('typ_bad', 'u', 'y', 't', 2020, 2021, NULL, 'pop')$$, '22023', NULL,
                 'seg_type_transitions: a negative or infinite population is 22023 (was a NaN or negative population)');
SELECT throws_ok($$SELECT * FROM seg_type_rates('rates_bad', 'kom', 'typ', 'cnt', 'base', 'pop')$$, '22023', NULL,
                 'seg_type_rates: a NaN population is 22023 (was a NaN population share)');

-- Layouts at extreme coordinate scales (four squares in a row of side
-- 1e-200 .. 1e300): every measure is finite or a class-22 error.
-- Reproduction (fixed): from about 1e154 on, ST_Centroid returns NULL and
-- segspace raised XX000 "function ... returned NULL".
CREATE TEMP TABLE scale_outcome AS
SELECT sc, pg_temp.try(format($q$SELECT y.* FROM
  (SELECT segspace(i, ST_MakeEnvelope(i * %1$s, 0, (i + 1) * %1$s, %1$s, 3006)) s FROM generate_series(0, 3) i) a,
  (SELECT segtable(u, g, n) t FROM (VALUES (0, 'x', 3::float8), (1, 'y', 1), (2, 'x', 4), (3, 'y', 2), (3, 'x', 1)) v(u, g, n)) b,
  LATERAL (SELECT seg_delta(t, s, 'x'), seg_absolute_concentration(t, s, 'x'), seg_relative_concentration(t, s, 'x'),
     seg_absolute_centralization(t, s, 'x'), seg_relative_centralization(t, s, 'x'),
     seg_absolute_clustering(t, s, 'x', 'pysal'), seg_absolute_clustering(t, s, 'x', 'massey_denton', %1$s),
     seg_spatial_proximity(t, s, 'x', 'pysal'), seg_distance_decay_isolation(t, s, 'x', 'massey_denton', %1$s),
     seg_spatial_dissimilarity(t, s, 'x'), seg_boundary_dissimilarity(t, s, 'x', true),
     seg_perimeter_area_dissimilarity(t, s, 'x'), seg_dissimilarity(seg_egohood(t, s, 2 * %1$s)),
     seg_dissimilarity(seg_egohood_knn(t, s, 3)),
     (SELECT max(abs(lrc)) FROM seg_local_relative_centralization(t, s, 'x', 2) z(u, lrc))) y$q$, sc)) AS r
FROM unnest(ARRAY['1e-200', '1e-160', '1e-150', '1e-100', '1e-10', '1', '1e10', '1e100', '1e150', '1e154', '1e200', '1e300']) sc;
SELECT is((SELECT count(*) FROM scale_outcome WHERE r <> 'ok'), 0::bigint,
          'layouts at scales 1e-200 .. 1e300: every measure finite or a class-22 error');
SELECT diag(sc || ': ' || r) FROM scale_outcome WHERE r <> 'ok';
SELECT throws_ok($$SELECT segspace(1, ST_MakeEnvelope(0, 0, 1e200, 1e200, 3006))$$, '22003', NULL,
                 'segspace: a square of side 1e200 is 22003 (was XX000: ST_Centroid returned NULL)');

-- Damaged segspace bytes: every byte of two values (three int-keyed squares
-- in a row, two text-keyed squares) xor 0x01, xor 0x80, 0x00 and 0xff.  Each
-- is rejected with 22P03 or accepted; an accepted value round-trips through
-- text and bytes and every measure on it is finite or a class-22 error.
CREATE TEMP TABLE mut_src AS
SELECT 1 AS r, (SELECT segspace(i, ST_MakeEnvelope(i * 10, 0, i * 10 + 10, 10, 3006)) FROM generate_series(0, 2) i)::bytea AS b,
       (SELECT segtable(u, g, n) FROM (VALUES (0, 'x', 3::float8), (0, 'y', 1), (1, 'y', 4), (2, 'x', 2)) v(u, g, n)) AS t
UNION ALL
SELECT 2, (SELECT segspace(k, g) FROM (VALUES ('a', ST_MakeEnvelope(0, 0, 1, 1, 3006)), ('b', ST_MakeEnvelope(1, 0, 2, 1, 3006))) v(k, g))::bytea,
       (SELECT segtable(k, g, n) FROM (VALUES ('a', 'x', 3::float8), ('a', 'y', 1), ('b', 'y', 4), ('b', 'x', 1)) v(k, g, n));
CREATE TEMP TABLE mut_measures AS SELECT unnest(ARRAY[
  'seg_delta(t, s, ''x'')', 'seg_absolute_concentration(t, s, ''x'')', 'seg_relative_concentration(t, s, ''x'')',
  'seg_absolute_centralization(t, s, ''x'')', 'seg_relative_centralization(t, s, ''x'')',
  'seg_absolute_clustering(t, s, ''x'')', 'seg_relative_clustering(t, s, ''x'', ''pysal'')',
  'seg_spatial_proximity(t, s, ''x'', ''rook'')', 'seg_distance_decay_isolation(t, s, ''x'')',
  'seg_spatial_dissimilarity(t, s, ''x'')', 'seg_boundary_dissimilarity(t, s, ''x'', true)',
  'seg_perimeter_area_dissimilarity(t, s, ''x'')', 'seg_dissimilarity(seg_egohood(t, s, 15))',
  'seg_dissimilarity(seg_egohood_knn(t, s, 3))',
  '(SELECT max(abs(lrc)) FROM seg_local_relative_centralization(t, s, ''x'', 2) z(u, lrc))',
  '(SELECT string_agg(l::text, '','') FROM seg_layout(s) l)',
  '(SELECT string_agg(e::text, '','') FROM seg_edges(s) e)']) AS m;
CREATE TEMP TABLE mut_result (r int, pos int, how text, outcome text);
DO $$
DECLARE src record; b bytea; v segspace; how text; bad text; m text; res text;
BEGIN
  FOR src IN SELECT * FROM mut_src LOOP
    FOR pos IN 0 .. length(src.b) - 1 LOOP
      FOREACH how IN ARRAY ARRAY['xor01', 'xor80', 'zero', 'ff'] LOOP
        b := set_byte(src.b, pos, CASE how WHEN 'xor01' THEN get_byte(src.b, pos) # 1
                                           WHEN 'xor80' THEN get_byte(src.b, pos) # 128
                                           WHEN 'zero' THEN 0 ELSE 255 END);
        CONTINUE WHEN b = src.b;
        BEGIN
          v := segspace(b);
        EXCEPTION WHEN OTHERS THEN
          INSERT INTO mut_result VALUES (src.r, pos, how,
            CASE WHEN SQLSTATE = '22P03' THEN 'rejected' ELSE 'wrong error ' || SQLSTATE || ' ' || SQLERRM END);
          CONTINUE;
        END;
        bad := NULL;
        IF v::text::segspace::bytea IS DISTINCT FROM b THEN
          bad := 'accepted but the text round trip changes it';
        END IF;
        FOR m IN SELECT mm.m FROM mut_measures mm LOOP
          BEGIN
            EXECUTE format('SELECT (%s)::text FROM (SELECT $1 AS t, $2 AS s) q', m) INTO res USING src.t, v;
            IF res ~ '(NaN|Infinity)' THEN
              bad := coalesce(bad || '; ', '') || m || ' = ' || left(res, 80);
            END IF;
          EXCEPTION WHEN OTHERS THEN
            IF SQLSTATE NOT LIKE '22%' THEN
              bad := coalesce(bad || '; ', '') || m || ': ' || SQLSTATE || ' ' || SQLERRM;
            END IF;
          END;
        END LOOP;
        INSERT INTO mut_result VALUES (src.r, pos, how, coalesce(bad, 'accepted'));
      END LOOP;
    END LOOP;
  END LOOP;
END $$;
SELECT cmp_ok((SELECT count(*) FROM mut_result), '>', 1000::bigint, 'more than 1000 damaged segspace values are tried');
SELECT is((SELECT count(*) FROM mut_result WHERE outcome NOT IN ('accepted', 'rejected')), 0::bigint,
          'every damaged segspace is rejected with 22P03, or round-trips and every measure on it is finite');
SELECT diag(format('value %s byte %s %s: %s', r, pos, how, outcome))
FROM mut_result WHERE outcome NOT IN ('accepted', 'rejected') LIMIT 10;
SELECT diag(format('segspace mutations: %s accepted, %s rejected',
                   count(*) FILTER (WHERE outcome = 'accepted'), count(*) FILTER (WHERE outcome = 'rejected')))
FROM mut_result;

-- Defects of the polish pass, each reproduced before its fix.
SELECT throws_ok($$SELECT * FROM seg_geocode('grid', 'id', 'geom', NULL, 'id', 'geom')$$, '22004',
                 'argument "areas" must not be NULL', 'seg_geocode: NULL areas is 22004 naming it (was 42703)');
SELECT throws_ok($$SELECT seg_pvalue(1, '{{1,2},{3,4}}')$$, '22023',
                 'argument "simulated" must be a one-dimensional array, not 2 dimensions',
                 'seg_pvalue: a 2-D simulated array is 22023 naming it (was accepted)');

CREATE TEMP TABLE typ_dup(u text, y int, t int);
INSERT INTO typ_dup VALUES ('a', 2020, 1), ('a', 2020, 2), ('a', 2021, 1), ('b', 2020, 3), ('b', 2021, 3);
SELECT throws_ok($$SELECT * FROM seg_type_transitions('typ_dup', 'u', 'y', 't', 2020, 2021)$$, '22023',
                 'argument "key_col": key a appears more than once in one year',
                 'seg_type_transitions: a key twice in one year is 22023 naming it (was counted once per pairing)');
SELECT throws_ok($$SELECT * FROM seg_type_stability('typ_dup', 'u', 'y', 't', 2020, 2021)$$, '22023',
                 'argument "key_col": key a appears more than once in one year',
                 'seg_type_stability: a key twice in one year is 22023 naming it');

-- Area types over time at ±1e308 and at denormal scale: hand-worked, year
-- 2020 = {1, -1, 0} (mean 0, SD 1: types 2, 4, 3), 2021 = {1, -1, 1/2} (mean
-- 1/6, SD 1.04: types 3, 5, 3; against 2020: 2, 4, 3).
CREATE TEMP TABLE ix_big(u text, y int, i float8);
INSERT INTO ix_big VALUES ('a', 2020, 1e308), ('b', 2020, -1e308), ('c', 2020, 0),
                          ('a', 2021, 1e308), ('b', 2021, -1e308), ('c', 2021, 5e307);
CREATE TEMP TABLE ix_tiny AS SELECT u, y, CASE WHEN i = 5e307 THEN 1 ELSE sign(i) * 2 END * 5e-324 AS i FROM ix_big;
SELECT is((SELECT string_agg(format('%s%s:%s/%s', unit, year, type_recomputed, type_fixed), ' ' ORDER BY year, unit)
           FROM seg_area_types_over_time('ix_big', 'u', 'y', 'i', 2020)),
          'a2020:2/2 b2020:4/4 c2020:3/3 a2021:3/2 b2021:5/4 c2021:3/3',
          'seg_area_types_over_time at ±1e308: hand-worked types (was 22003 overflow, NULL recomputed types)');
SELECT is((SELECT string_agg(format('%s%s:%s/%s', unit, year, type_recomputed, type_fixed), ' ' ORDER BY year, unit)
           FROM seg_area_types_over_time('ix_tiny', 'u', 'y', 'i', 2020)),
          'a2020:2/2 b2020:4/4 c2020:3/3 a2021:3/2 b2021:5/4 c2021:3/3',
          'seg_area_types_over_time at denormal scale: the same types');

SELECT * FROM finish();
ROLLBACK;
