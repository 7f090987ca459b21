-- Egohoods and Folch-Rey local relative centralization (doc/egohood.md):
-- hand-worked cases, kernel weights, tie blocks, properties, scale and
-- translation invariance, parallel plans, errors, and a 300-unit layout
-- against test/python/egohood_ref.py (independent brute force).
BEGIN;
CREATE EXTENSION IF NOT EXISTS pgtap;
CREATE EXTENSION IF NOT EXISTS segindex CASCADE;
SELECT plan(90);

-- A square of half-side r centred on (x, y), scaled by f and shifted by d
-- (dyadic numbers throughout, so centroids and distances are exact).
CREATE FUNCTION pg_temp.sq(x float8, y float8, r float8 DEFAULT 0.25,
                           f float8 DEFAULT 1, d float8 DEFAULT 0, srid int DEFAULT 3006)
RETURNS geometry LANGUAGE sql AS
$$ SELECT ST_MakeEnvelope(f * (x - r) + d, f * (y - r) + d, f * (x + r) + d, f * (y + r) + d, srid) $$;
-- A square ring around (x, y) whose hole holds a sq(x, y): same centroid, no overlap.
CREATE FUNCTION pg_temp.ring(x float8, y float8, f float8 DEFAULT 1, d float8 DEFAULT 0)
RETURNS geometry LANGUAGE sql AS
$$ SELECT ST_Difference(pg_temp.sq(x, y, 0.4375, f, d), pg_temp.sq(x, y, 0.3125, f, d)) $$;

-- Three units on a line: A (0,0) all x, B (1,0) all y, C (3,0) half and half.
CREATE TEMP TABLE line_rows (unit text, x float8, grp text, n float8);
INSERT INTO line_rows VALUES ('A', 0, 'x', 10), ('B', 1, 'y', 10), ('C', 3, 'x', 5), ('C', 3, 'y', 5);
CREATE TEMP TABLE line AS
SELECT (SELECT segtable(unit, grp, n) FROM line_rows) AS t,
       (SELECT segspace(unit, pg_temp.sq(x, 0)) FROM (SELECT DISTINCT unit, x FROM line_rows) u) AS s;
CREATE FUNCTION pg_temp.cell(e segtable, u text, g text) RETURNS float8 LANGUAGE sql AS
$$ SELECT coalesce((SELECT n FROM seg_cells(e) WHERE unit = u AND grp = g), 0) $$;

-- Hand-worked kernel egohoods, bandwidth 2 ------------------------------------------
SELECT is(pg_temp.cell(seg_egohood(t, s, 2), 'A', 'y'), 5::float8, 'triangular: A gets half of B (d/h = 1/2)') FROM line;
SELECT is(pg_temp.cell(seg_egohood(t, s, 2), 'A', 'x'), 10::float8, 'triangular: self-weight 1, C beyond the bandwidth') FROM line;
SELECT is(pg_temp.cell(seg_egohood(t, s, 2), 'B', 'x'), 5::float8, 'triangular: C at exactly h has weight 1 - 1 = 0') FROM line;
SELECT is(pg_temp.cell(seg_egohood(t, s, 2, 'uniform'), 'B', 'x'), 7.5::float8, 'uniform: C at exactly h is inside with weight 1/2') FROM line;
SELECT is(pg_temp.cell(seg_egohood(t, s, 2, 'boxcar'), 'B', 'x'), 10::float8, 'boxcar: weight 1 strictly inside h, 0 at h') FROM line;
SELECT is((SELECT count(*) FROM seg_cells(seg_egohood(t, s, 2))), 6::bigint, 'triangular: six non-zero cells') FROM line;
SELECT is(pg_temp.cell(seg_egohood(t, s, 2), 'C', 'y'), 5::float8, 'an isolated unit keeps its own counts') FROM line;

-- Kernel weights at z = 1/2 (A's y = 10 k(1/2)), each from its formula ----------------
SELECT is(pg_temp.cell(seg_egohood(t, s, 2, k), 'A', 'y'), 10 * w,
          'kernel ' || k || ': weight at z = 1/2')
FROM line, (VALUES ('triangular', 0.5::float8), ('uniform', 0.5), ('quadratic', 0.75 * 0.75),
                   ('quartic', 15.0 / 16 * 0.75 * 0.75), ('gaussian', exp(-0.125) / sqrt(2 * pi())),
                   ('boxcar', 1), ('cosine', pi() / 4 * cos(pi() / 4))) v(k, w);
SELECT is(pg_temp.cell(seg_egohood(t, s, 2, 'QUARTIC'), 'A', 'y'),
          pg_temp.cell(seg_egohood(t, s, 2, 'bisquare'), 'A', 'y'),
          'kernel names are case-insensitive; bisquare = quartic') FROM line;
SELECT is(pg_temp.cell(seg_egohood(t, s, 2, 'gaussian', true), 'A', 'y'), 4::float8,
          'round => true: 3.52 becomes 4') FROM line;
SELECT is(pg_temp.cell(seg_egohood(t, s, 2, 'uniform', true), 'B', 'x'), 8::float8,
          'round => true: 7.5 rounds half to even (8)') FROM line;
SELECT is(pg_temp.cell(seg_egohood(t, s, 4, 'uniform', true), 'A', 'x'), 12::float8,
          'round => true: 12.5 rounds half to even (12)') FROM line;

-- Hand-worked k-nearest-population egohoods -------------------------------------------
SELECT is(pg_temp.cell(seg_egohood_knn(t, s, 15), 'A', 'y'), 5::float8, 'knn 15: A takes half of B') FROM line;
SELECT is(pg_temp.cell(seg_egohood_knn(t, s, 5), 'A', 'x'), 5::float8, 'knn 5: A takes half of itself') FROM line;
SELECT is(pg_temp.cell(seg_egohood_knn(t, s, 5), 'A', 'y'), 0::float8, 'knn 5: and nobody else') FROM line;
SELECT is(pg_temp.cell(seg_egohood_knn(t, s, 25), 'B', 'y'), 12.5::float8, 'knn 25: B takes itself, A whole (d = 1) ...') FROM line;
SELECT is(pg_temp.cell(seg_egohood_knn(t, s, 25), 'B', 'x'), 12.5::float8, '... and the 5 persons left from C (d = 2)') FROM line;
SELECT ok((SELECT bool_and(abs(n - 25) < 1e-12) FROM seg_units(seg_egohood_knn(t, s, 25))),
          'knn: every egohood holds exactly the population asked for') FROM line;
SELECT is(seg_dissimilarity(seg_egohood_knn(t, s, 30)), 0::float8, 'knn >= the total: every egohood is the whole area, D = 0') FROM line;
SELECT is(seg_dissimilarity(seg_egohood_knn(t, s, 1e300)), 0::float8, 'knn far above the total: D = 0') FROM line;

-- A tie block: E and W at the same distance share the remainder by population
CREATE TEMP TABLE tie AS
SELECT segtable(u, g, n) AS t, segspace(u, pg_temp.sq(x, 0)) AS s
FROM (VALUES ('O', 0, 'x', 4), ('E', 1, 'y', 10), ('W', -1, 'x', 30)) v(u, x, g, n);
SELECT is(pg_temp.cell(seg_egohood_knn(t, s, 24), 'O', 'x'), 19::float8, 'knn tie block: W gives 30 * 20/40') FROM tie;
SELECT is(pg_temp.cell(seg_egohood_knn(t, s, 24), 'O', 'y'), 5::float8, 'knn tie block: E gives 10 * 20/40, no key decides') FROM tie;
SELECT is(pg_temp.cell(seg_egohood(t, s, 2), 'O', 'x'), 19::float8, 'kernel: both sides of a symmetric tie count') FROM tie;

-- Properties on the 300-unit synthetic layout ------------------------------------------
CREATE TEMP TABLE syn_rows (unit text, x float8, y float8, grp text, n float8);
\copy syn_rows FROM PROGRAM 'python3 test/python/egohood_ref.py synth:300:7 rows' csv
CREATE TEMP TABLE syn_geom AS
SELECT DISTINCT unit, x, y, substr(unit, 2)::int % 17 = 5 AS on_prev FROM syn_rows;
CREATE TEMP TABLE syn AS
SELECT (SELECT segtable(unit, grp, n) FROM syn_rows) AS t,
       (SELECT segspace(unit, CASE WHEN on_prev THEN pg_temp.ring(x, y) ELSE pg_temp.sq(x, y) END)
        FROM syn_geom) AS s;
SELECT ok((SELECT bool_and(l.cx = g.x AND l.cy = g.y) FROM seg_layout(s) l JOIN syn_geom g USING (unit)),
          'fixture: centroids are exactly the grid points (rings share their square''s centroid)') FROM syn;

SELECT ok(seg_egohood(t, s, 0.5)::text = t::text, 'a bandwidth below every distance gives the table back') FROM line;
SELECT ok(seg_egohood(t, s, 0.5, k)::text = t::text, 'kernel ' || k || ': self-weight 1 whatever k(0)')
FROM line, (VALUES ('gaussian'), ('cosine'), ('quartic')) v(k);
SELECT ok((SELECT bool_and(abs(c.n - r.n * (1 + 0.75)) < 1e-12)
           FROM seg_cells(seg_egohood(syn.t, syn.s, 0.5, 'quadratic')) c JOIN syn_rows r USING (unit, grp)
           JOIN syn_geom g USING (unit)
           WHERE g.on_prev AND r.n = (SELECT p.n FROM syn_rows p WHERE p.grp = r.grp AND p.unit = 'u' || lpad((substr(r.unit, 2)::int - 1)::text, 4, '0'))),
          'coincident centroids: each gets the other with weight k(0) (quadratic: 3/4)') FROM syn;
-- sum_i t~_i = sum over origins i with t_i > 0 and j within h of K_ij t_j, in plain SQL
CREATE TEMP TABLE syn_tot AS
SELECT unit, x, y, sum(n) AS t FROM syn_rows GROUP BY unit, x, y;
SELECT ok(abs(seg_total(seg_egohood(t, s, 6)) -
              (SELECT sum(CASE WHEN i.unit = j.unit THEN 1 ELSE 1 - sqrt((i.x - j.x)^2 + (i.y - j.y)^2) / 6 END * j.t)
               FROM syn_tot i JOIN syn_tot j ON sqrt((i.x - j.x)^2 + (i.y - j.y)^2) <= 6 WHERE i.t > 0))
          < 1e-9 * seg_total(t) * 100,
          'egohood counts sum to sum_ij K_ij t_j (plain SQL)') FROM syn;
SELECT is(seg_nunits(seg_egohood(t, s, 6))::bigint, (SELECT count(*) FROM syn_tot WHERE t > 0),
          'one egohood per populated unit; empty units only as neighbours') FROM syn;

-- against the independent brute force (one run of the oracle, rows per case)
CREATE TEMP TABLE ref_all (spec text, unit text, grp text, n float8);
\copy ref_all FROM PROGRAM 'python3 test/python/egohood_ref.py synth:300:7 cases kernel:6:triangular:0 kernel:6:gaussian:0 kernel:5:quartic:0 kernel:5:boxcar:0 kernel:7.5:cosine:1 knn:500 knn:3000 knn:40 lrc:a:5 lrc:c:2' csv
CREATE FUNCTION pg_temp.maxdiff(e segtable, sp text) RETURNS float8 LANGUAGE sql AS $$
  SELECT max(coalesce(abs(c.n - r.n) / greatest(1, abs(r.n)), 1e9))
  FROM seg_cells(e) c FULL JOIN (SELECT * FROM ref_all WHERE spec = sp) r USING (unit, grp) $$;
SELECT cmp_ok(pg_temp.maxdiff(seg_egohood(t, s, 6), 'kernel:6:triangular:0'), '<', 1e-12::float8, 'oracle: triangular, h = 6') FROM syn;
SELECT cmp_ok(pg_temp.maxdiff(seg_egohood(t, s, 6, 'gaussian'), 'kernel:6:gaussian:0'), '<', 1e-12::float8, 'oracle: gaussian, h = 6') FROM syn;
SELECT cmp_ok(pg_temp.maxdiff(seg_egohood(t, s, 5, 'quartic'), 'kernel:5:quartic:0'), '<', 1e-12::float8, 'oracle: quartic, h = 5 (grid distances at exactly h)') FROM syn;
SELECT cmp_ok(pg_temp.maxdiff(seg_egohood(t, s, 5, 'boxcar'), 'kernel:5:boxcar:0'), '<', 1e-12::float8, 'oracle: boxcar, h = 5') FROM syn;
SELECT cmp_ok(pg_temp.maxdiff(seg_egohood(t, s, 7.5, 'cosine', true), 'kernel:7.5:cosine:1'), '<', 1e-12::float8, 'oracle: cosine, rounded') FROM syn;
SELECT cmp_ok(pg_temp.maxdiff(seg_egohood_knn(t, s, 500), 'knn:500'), '<', 1e-12::float8, 'oracle: knn 500 (tie blocks on the grid)') FROM syn;
SELECT cmp_ok(pg_temp.maxdiff(seg_egohood_knn(t, s, 3000), 'knn:3000'), '<', 1e-12::float8, 'oracle: knn 3000') FROM syn;
SELECT cmp_ok(pg_temp.maxdiff(seg_egohood_knn(t, s, 40), 'knn:40'), '<', 1e-12::float8, 'oracle: knn 40 (units above 40 taken fractionally)') FROM syn;
CREATE FUNCTION pg_temp.lrc_agrees(l_t segtable, l_s segspace, g text, k int, sp text) RETURNS bool LANGUAGE sql AS $$
  SELECT bool_and(CASE WHEN r.n IS NULL THEN l.lrc IS NULL ELSE abs(l.lrc - r.n) < 1e-12 END)
         AND count(l.unit) = count(r.unit)
  FROM seg_local_relative_centralization(l_t, l_s, g, k) l
  FULL JOIN (SELECT * FROM ref_all WHERE spec = sp) r USING (unit) $$;
SELECT ok(pg_temp.lrc_agrees(t, s, 'a', 5, 'lrc:a:5'), 'oracle: Folch-Rey LRC, k = 5 (grid ties at place 5 go to the smaller key)') FROM syn;
SELECT ok(pg_temp.lrc_agrees(t, s, 'c', 2, 'lrc:c:2'), 'oracle: Folch-Rey LRC, k = 2') FROM syn;

-- Scale and translation invariance ---------------------------------------------------
-- coordinates and bandwidth scaled together by 2^-300 and 2^300 (exact; GEOS's centroid cubes coordinates, so 2^+-330 is its limit), shifted by 2^20
CREATE TEMP TABLE syn_scaled AS
SELECT f, d, segspace(unit, CASE WHEN on_prev THEN pg_temp.ring(x, y, f, d) ELSE pg_temp.sq(x, y, 0.25, f, d) END) AS s
FROM syn_geom, (VALUES (2::float8 ^ (-300), 0::float8), (2::float8 ^ 300, 0), (1, 2::float8 ^ 20)) v(f, d) GROUP BY f, d;
SELECT ok(seg_egohood(syn.t, z.s, 6 * z.f)::text = seg_egohood(syn.t, syn.s, 6)::text,
          format('coordinates x %s + %s: the same egohood table', z.f, z.d))
FROM syn, syn_scaled z;
SELECT ok(seg_egohood_knn(syn.t, z.s, 500)::text = seg_egohood_knn(syn.t, syn.s, 500)::text,
          format('knn: coordinates x %s + %s: the same egohood table', z.f, z.d))
FROM syn, syn_scaled z;
-- counts scaled: the index does not move
CREATE TEMP TABLE syn_counts AS
SELECT c, (SELECT segtable(unit, grp, n * c) FROM syn_rows) AS t
FROM (VALUES (1e-300::float8), (1e300), (2::float8 ^ 53 / 120)) v(c);
SELECT ok(abs(seg_dissimilarity(seg_egohood(z.t, syn.s, 6)) - seg_dissimilarity(seg_egohood(syn.t, syn.s, 6))) < 1e-12,
          format('counts x %s: egohood D unchanged', z.c)) FROM syn, syn_counts z;
SELECT ok(abs(seg_dissimilarity(seg_egohood_knn(z.t, syn.s, 500 * z.c)) - seg_dissimilarity(seg_egohood_knn(syn.t, syn.s, 500))) < 1e-12,
          format('counts and population x %s: knn egohood D unchanged', z.c)) FROM syn, syn_counts z;
SELECT ok(d >= 0 AND d <= 1, 'denormal counts: D of the egohood is a number in [0, 1]')
FROM (SELECT seg_dissimilarity(seg_egohood((SELECT segtable(unit, grp, n * 5e-324) FROM syn_rows), s, 6)) AS d FROM syn) q;

-- Many groups: three units with 10000 groups of their own each; a boxcar wide
-- enough for all three gives every unit all 30000 groups once (3 x 30000 cells).
CREATE TEMP TABLE many AS
SELECT (SELECT segtable(u::text, u * 10000 + g, 1::float8)
        FROM generate_series(0, 2) u, generate_series(0, 9999) g) AS t,
       (SELECT segspace(u::text, pg_temp.sq(u, 0)) FROM generate_series(0, 2) u) AS s;
SELECT is((SELECT count(*) FILTER (WHERE n = 1) FROM seg_cells(seg_egohood(t, s, 10, 'boxcar'))),
          90000::bigint, 'many groups: boxcar egohood has 3 x 30000 unit cells') FROM many;
SELECT is((SELECT count(*) FROM seg_cells(seg_egohood(t, s, 0.5, 'boxcar'))),
          30000::bigint, 'many groups: a bandwidth below the spacing keeps the 30000 own cells') FROM many;

-- Local measures on egohood counts, across borders, profiles --------------------------
SELECT ok((SELECT bool_and(location_quotient IS NOT NULL) FROM seg_local(seg_egohood(t, s, 6))),
          'seg_local works on the egohood table') FROM syn;
SELECT is((SELECT array_agg(scale ORDER BY scale) FROM seg_egohood_profile(t, s, ARRAY[6, 2, 6, NULL])),
          ARRAY[0, 2, 6]::float8[], 'profile: scale 0 plus each distinct bandwidth, ascending') FROM syn;
SELECT is((SELECT seg_dissimilarity(egohood) FROM seg_egohood_profile(t, s, ARRAY[2, 6]) WHERE scale = 6),
          seg_dissimilarity(seg_egohood(t, s, 6)), 'profile: each row is seg_egohood at that scale') FROM syn;
 SELECT ok((SELECT egohood::text FROM seg_egohood_knn_profile(t, s, ARRAY[500]) WHERE scale = 0) =
          t::text, 'knn profile: scale 0 is the table itself') FROM syn;
-- two "kommuner" split at x = 20: a kommun's index from national egohood counts
SELECT ok((SELECT bool_and(abs(a.d - b.d) < 1e-12) FROM
             (SELECT x < 20 AS west, seg_dissimilarity(segtable(c.unit, c.grp, c.count)) AS d
              FROM seg_egohood_counts(syn.t, syn.s, 6) c JOIN syn_tot USING (unit) GROUP BY 1) a
           JOIN (SELECT x < 20 AS west, seg_dissimilarity(segtable(c.unit, c.grp, c.n)) AS d
                 FROM seg_cells(seg_egohood(syn.t, syn.s, 6)) c JOIN syn_tot USING (unit) GROUP BY 1) b USING (west)),
          'across borders: seg_egohood_counts grouped by kommun = seg_cells of the national egohood') FROM syn;
SELECT ok((SELECT seg_dissimilarity(segtable(c.unit, c.grp, c.count))
           FROM seg_egohood_counts(syn.t, syn.s, 6) c JOIN syn_tot USING (unit) WHERE x < 20) <>
          (SELECT seg_dissimilarity(seg_egohood((SELECT segtable(r.unit, r.grp, r.n) FROM syn_rows r WHERE r.x < 20),
                                                (SELECT segspace(g.unit, CASE WHEN on_prev THEN pg_temp.ring(x, y) ELSE pg_temp.sq(x, y) END)
                                                 FROM syn_geom g WHERE g.x < 20), 6))),
          'across borders: neighbours beyond the border change a kommun''s egohood index') FROM syn;
SELECT is((SELECT count(*) FROM seg_egohood_knn_counts(t, s, 500)), (SELECT seg_ncells(seg_egohood_knn(t, s, 500)))::bigint,
          'seg_egohood_knn_counts: one row per cell') FROM syn;

-- LRC hand-worked cases ------------------------------------------------------------
SELECT ok((SELECT abs(lrc - 4.0 / 9) < 1e-15 FROM seg_local_relative_centralization(t, s, 'x', 2) WHERE unit = 'A'),
          'LRC: A, B, C in rings 0, 1, 2 give 4/9') FROM line;
CREATE TEMP TABLE lrc_rows AS
SELECT * FROM (VALUES ('n2', -1, 'y', 2), ('n1', 1, 'x', 2), ('c', 0, 'x', 1), ('c', 0, 'y', 1), ('far', 10, 'x', 3)) v(u, x, g, n);
CREATE TEMP TABLE lrc_tie AS
SELECT (SELECT segtable(u, g, n) FROM lrc_rows) AS t,
       (SELECT segspace(u, pg_temp.sq(x, 0)) FROM (SELECT DISTINCT u, x FROM lrc_rows) d) AS s;
SELECT ok((SELECT abs(lrc + 2.0 / 3) < 1e-15 FROM seg_local_relative_centralization(t, s, 'x', 1) WHERE unit = 'c'),
          'LRC: a tie at place k goes to the smaller key (n1)') FROM lrc_tie;
SELECT is((SELECT lrc FROM seg_local_relative_centralization(t, s, 'zz') WHERE unit = 'c'), NULL,
          'LRC: an absent group gives NULL') FROM lrc_tie;
SELECT is((SELECT lrc FROM seg_local_relative_centralization(t, s, 'x', 1) WHERE unit = 'far'), NULL,
          'LRC: NULL when the rest is absent from the neighbourhood') FROM lrc_tie;
SELECT is((SELECT count(*) FROM seg_local_relative_centralization(t, s, 'x', 100)), 4::bigint,
          'LRC: k above the number of units takes them all') FROM lrc_tie;

-- Empty tables and integer keys --------------------------------------------------------
CREATE TEMP TABLE empty AS SELECT segtable('A', 'x', 0) AS t, (SELECT s FROM line) AS s;
SELECT ok(seg_egohood(t, s, 2)::text = '{}' AND seg_egohood_knn(t, s, 5)::text = '{}' AND
          (SELECT count(*) FROM seg_local_relative_centralization(t, s, 'x')) = 0,
          'empty table: empty egohood tables, no LRC rows') FROM empty;
CREATE TEMP TABLE syn_int AS
SELECT (SELECT segtable(substr(unit, 2)::bigint, ascii(grp), n) FROM syn_rows) AS t,
       (SELECT segspace(substr(unit, 2)::bigint, CASE WHEN on_prev THEN pg_temp.ring(x, y) ELSE pg_temp.sq(x, y) END)
        FROM syn_geom) AS s;
SELECT ok(seg_dissimilarity(seg_egohood(i.t, i.s, 6)) = seg_dissimilarity(seg_egohood(syn.t, syn.s, 6)) AND
          seg_dissimilarity(seg_egohood_knn(i.t, i.s, 500)) = seg_dissimilarity(seg_egohood_knn(syn.t, syn.s, 500)),
          'integer unit and group keys: the same egohood indices') FROM syn, syn_int i;
SELECT ok((SELECT bool_and(a.lrc IS NOT DISTINCT FROM b.lrc)
           FROM seg_local_relative_centralization(i.t, i.s, 97) a
           JOIN seg_local_relative_centralization(syn.t, syn.s, 'a') b ON b.unit = 'u' || lpad(a.unit, 4, '0')),
          'integer keys: LRC with a bigint group argument') FROM syn, syn_int i;

-- Parallel and serial plans give the same tables ---------------------------------------
CREATE TEMP TABLE serial_result AS
SELECT seg_egohood((SELECT segtable(unit, grp, n) FROM syn_rows), s, 6)::text AS e FROM syn;
SET LOCAL parallel_setup_cost = 0;
SET LOCAL parallel_tuple_cost = 0;
SET LOCAL min_parallel_table_scan_size = 0;
SET LOCAL max_parallel_workers_per_gather = 2;
SET LOCAL force_parallel_mode = on;
CREATE TABLE egohood_par_rows AS SELECT * FROM syn_rows;   -- temp tables are not read in parallel
CREATE TABLE egohood_par_geom AS SELECT * FROM syn_geom;
 SELECT ok((SELECT seg_egohood((SELECT segtable(unit, grp, n) FROM egohood_par_rows),
                               (SELECT segspace(unit, CASE WHEN on_prev THEN pg_temp.ring(x, y) ELSE pg_temp.sq(x, y) END)
                                FROM egohood_par_geom), 6)::text) =
          (SELECT e FROM serial_result), 'parallel plan: tables and layouts built in parallel, the same egohood table');
SELECT ok((SELECT seg_dissimilarity(seg_egohood_knn((SELECT segtable(unit, grp, n) FROM egohood_par_rows), s, 500)) FROM syn) =
          (SELECT seg_dissimilarity(seg_egohood_knn(t, s, 500)) FROM syn), 'parallel plan: the same knn egohood D');
RESET force_parallel_mode;

-- Errors ------------------------------------------------------------------------------
SELECT throws_ok($$SELECT seg_egohood(t, s, 0) FROM line$$, '22023', NULL, 'bandwidth 0 is refused');
SELECT throws_ok($$SELECT seg_egohood(t, s, 'NaN') FROM line$$, '22023', NULL, 'bandwidth NaN is refused');
SELECT throws_ok($$SELECT seg_egohood(t, s, 'Infinity') FROM line$$, '22023', NULL, 'bandwidth infinity is refused');
SELECT throws_ok($$SELECT seg_egohood(t, s, 2, 'epanechnikov') FROM line$$, '22023', NULL, 'an unknown kernel is refused');
SELECT throws_ok($$SELECT seg_egohood_knn(t, s, -1) FROM line$$, '22023', NULL, 'a negative population is refused');
-- a denormal population: each egohood's counts (10 * 5e-324 / 10 persons
-- spread over A's cells) underflow; was an empty table, silently
SELECT throws_ok($$SELECT seg_egohood_knn(t, s, 5e-324) FROM line$$, '22003',
                 'population 4.94066e-324 is too small for the counts of t: the egohood of unit "A" underflows to zero',
                 'a population whose egohoods underflow is 22003 naming the unit, not an empty table');
-- counts at the same scale are representable: A holds 2 * 5e-324, half of it is 5e-324
SELECT is(pg_temp.cell(seg_egohood_knn('{"A":{"x":1e-323}}'::segtable, s, 5e-324), 'A', 'x'), 5e-324::float8,
          'a denormal population over denormal counts: hand-worked 5e-324')
FROM line;
SELECT throws_ok($$SELECT seg_local_relative_centralization(t, s, 'x', 0) FROM line$$, '22023', NULL, 'LRC k = 0 is refused');
SELECT throws_ok($$SELECT seg_egohood('{"Z":{"x":1}}'::segtable, s, 2) FROM line$$, '22023', NULL,
                 'a table unit missing from the layout is refused');
SELECT throws_ok($$SELECT seg_egohood(t, (SELECT segspace(unit, pg_temp.sq(x, 0, 0.25, 1, 0, 4326))
                                          FROM (SELECT DISTINCT unit, x FROM line_rows) u), 2) FROM line$$,
                 '22023', NULL, 'egohoods refuse a geographic SRID');
SELECT lives_ok($$SELECT count(*) FROM line, seg_local_relative_centralization(t,
                    (SELECT segspace(unit, pg_temp.sq(x, 0, 0.25, 1, 0, 4326))
                     FROM (SELECT DISTINCT unit, x FROM line_rows) u), 'x')$$,
                'LRC takes a geographic SRID as planar numbers (order only)');

SELECT * FROM finish();
ROLLBACK;
