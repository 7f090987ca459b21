-- Spatial single-group indices: hand-worked layouts, an independent plain-SQL
-- recomputation of every measure on a 5 x 5 layout of unequal rectangles,
-- degenerate cases, scale and translation invariance.
BEGIN;
CREATE EXTENSION IF NOT EXISTS pgtap;
CREATE EXTENSION IF NOT EXISTS segindex CASCADE;
SET jit = off;
SELECT plan(44);

-- Hand-worked layouts -----------------------------------------------------------
-- Three unit squares in a row (0..3 x 0..1), keys 1..3.
CREATE TEMP TABLE row3 AS
SELECT segspace(i, ST_MakeEnvelope(i - 1, 0, i, 1, 3006)) AS s FROM generate_series(1, 3) i;
CREATE FUNCTION pg_temp.tab(xs float8[], ys float8[]) RETURNS segtable LANGUAGE sql AS $$
    SELECT segtable(u, g, n) FROM (
        SELECT i AS u, 'x' AS g, xs[i] AS n FROM generate_subscripts(xs, 1) i
        UNION ALL SELECT i, 'y', ys[i] FROM generate_subscripts(ys, 1) i) v
    WHERE n > 0 $$;

-- Delta: areas 1 and 3, the group all in the small one: 0.5 (3/4 + 3/4).
SELECT is(seg_delta(pg_temp.tab('{1,0}', '{0,1}'),
                    (SELECT segspace(k, g) FROM (VALUES (1, ST_MakeEnvelope(0, 0, 1, 1, 3006)),
                                                        (2, ST_MakeEnvelope(1, 0, 4, 1, 3006))) v(k, g)),
                    'x'), 0.75::float8, 'Delta by hand: 0.75');
-- A layout unit absent from the table is an empty unit whose land counts.
SELECT ok(abs(seg_delta(pg_temp.tab('{1}', '{0}'), (SELECT s FROM row3), 'x') - 2.0 / 3) < 1e-15,
          'Delta: empty layout units count in A (2/3)');

-- ACO: areas 1, 2, 3, one person each; the group (1 person) in unit of area a.
CREATE TEMP TABLE areas123 AS
SELECT segspace(i, ST_MakeEnvelope(0, 10 * i, i, 10 * i + 1, 3006)) AS s FROM generate_series(1, 3) i;
SELECT is(seg_absolute_concentration(pg_temp.tab('{1,0,0}', '{0,1,1}'), (SELECT s FROM areas123), 'x'),
          1::float8, 'ACO by hand: the group in the smallest unit = 1');
SELECT is(seg_absolute_concentration(pg_temp.tab('{0,1,0}', '{1,0,1}'), (SELECT s FROM areas123), 'x'),
          0.5::float8, 'ACO by hand: middle unit = 0.5');
SELECT is(seg_absolute_concentration(pg_temp.tab('{0,0,1}', '{1,1,0}'), (SELECT s FROM areas123), 'x'),
          0::float8, 'ACO by hand: largest unit = 0');
SELECT ok(seg_absolute_concentration(pg_temp.tab('{1,0,0}', '{0,1,1}'), (SELECT s FROM row3), 'x') IS NULL,
          'ACO: equal areas (m1 = m2) = NULL');
-- RCO, x in area 1, y in areas 2 and 3: ((1)/(2.5) - 1) / (m1/m2 - 1);
-- massey_denton: m1 = 1 (L(X)), m2 = (3 + 2)/2 (U(Y) = 2 persons) -> (0.4 - 1)/(0.4 - 1) = 1;
-- pysal: m2 = 3 (U(X)) -> -0.6 / (1/3 - 1) = 0.9.
SELECT is(seg_relative_concentration(pg_temp.tab('{1,0,0}', '{0,1,1}'), (SELECT s FROM areas123), 'x'),
          1::float8, 'RCO massey_denton by hand = 1');
SELECT ok(abs(seg_relative_concentration(pg_temp.tab('{1,0,0}', '{0,1,1}'), (SELECT s FROM areas123), 'x', 'pysal')
              - 0.9) < 1e-15, 'RCO pysal by hand = 0.9');

-- Centralization on the row, centre = centroid of unit 1 (rings r = 0, 1, 2).
SELECT ok(abs(seg_absolute_centralization(pg_temp.tab('{1,0,0}', '{0,1,1}'), (SELECT s FROM row3), 'x',
              'SRID=3006;POINT(0.5 0.5)') - 2.0 / 3) < 1e-15, 'ACE by hand: group at the centre = 2/3');
SELECT ok(abs(seg_absolute_centralization(pg_temp.tab('{0,0,1}', '{1,1,0}'), (SELECT s FROM row3), 'x',
              'SRID=3006;POINT(0.5 0.5)') + 2.0 / 3) < 1e-15, 'ACE by hand: group at the edge = -2/3');
SELECT ok(abs(seg_absolute_centralization(pg_temp.tab('{0,1,0}', '{1,0,1}'), (SELECT s FROM row3), 'x',
              'SRID=3006;MULTIPOINT((0.5 0.5),(2.5 0.5))') + 2.0 / 3) < 1e-15,
          'ACE by hand: two centres, tied ring {1,3} first = -2/3');
SELECT is(seg_relative_centralization(pg_temp.tab('{1,0,0}', '{0,0,1}'), (SELECT s FROM row3), 'x',
              'SRID=3006;POINT(0.5 0.5)'), 1::float8, 'RCE by hand = 1');
SELECT is(seg_absolute_centralization(pg_temp.tab('{0,1,0}', '{1,0,1}'), (SELECT s FROM row3), 'x'),
          seg_absolute_centralization(pg_temp.tab('{0,1,0}', '{1,0,1}'), (SELECT s FROM row3), 'x',
              'SRID=3006;POINT(1.5 0.5)'), 'ACE: NULL centre = mean of the centroids');
SELECT throws_ok($$SELECT seg_absolute_centralization(pg_temp.tab('{1}', '{1}'), (SELECT s FROM row3), 'x',
                   'SRID=4326;POINT(0.5 0.5)')$$, '22023', NULL, 'ACE: centre SRID must match');
SELECT throws_ok($$SELECT seg_absolute_centralization(pg_temp.tab('{1}', '{1}'), (SELECT s FROM row3), 'x',
                   'SRID=3006;LINESTRING(0 0, 1 1)')$$, '22023', NULL, 'ACE: centre must be a point');

-- 2 x 2 checkerboard (rook: 1-2, 1-3, 2-4, 3-4), group on the diagonal 1, 4.
-- ACL rook: num 1 - (2/16) 12 = -0.5, den 3 - 1.5 = 1.5 -> -1/3; queen: c = 1 -> 0.
CREATE TEMP TABLE cb AS
SELECT segspace(k, ST_MakeEnvelope(ex, ey, ex + 1, ey + 1, 3006)) AS s
FROM (VALUES (1, 0, 0), (2, 1, 0), (3, 0, 1), (4, 1, 1)) v(k, ex, ey);
SELECT ok(abs(seg_absolute_clustering(pg_temp.tab('{1,0,0,1}', '{0,1,1,0}'), (SELECT s FROM cb), 'x', 'rook')
              + 1.0 / 3) < 1e-15, 'ACL rook on a checkerboard = -1/3 (negative)');
SELECT is(seg_absolute_clustering(pg_temp.tab('{1,0,0,1}', '{0,1,1,0}'), (SELECT s FROM cb), 'x', 'queen'),
          0::float8, 'ACL queen on a 2 x 2 block = 0');

-- Morrill and Wong on the row, x = (1,0,0), y = (0,1,1): D = 1; the two edges
-- give sum |dp| = 2 over 4 ordered pairs -> 0.5; standardized 1 - (1 + 1/2)/3.
SELECT is(seg_spatial_dissimilarity(pg_temp.tab('{1,0,0}', '{0,1,1}'), (SELECT s FROM row3), 'x'),
          0.5::float8, 'Morrill D(adj) by hand = 0.5');
SELECT is(seg_spatial_dissimilarity(pg_temp.tab('{1,0,0}', '{0,1,1}'), (SELECT s FROM row3), 'x', true),
          0.5::float8, 'Morrill D(adj) standardized by hand = 0.5');
SELECT is(seg_boundary_dissimilarity(pg_temp.tab('{1,0,0}', '{0,1,1}'), (SELECT s FROM row3), 'x'),
          0.5::float8, 'Wong D(w) by hand = 0.5');
SELECT is(seg_perimeter_area_dissimilarity(pg_temp.tab('{1,0,0}', '{0,1,1}'), (SELECT s FROM row3), 'x'),
          0.5::float8, 'Wong D(s) by hand (equal P/A) = 0.5');

-- Degenerate input and errors --------------------------------------------------------
SELECT ok(seg_delta(pg_temp.tab('{1,0,0}', '{0,1,1}'), (SELECT s FROM row3), 'absent') IS NULL,
          'absent group: NULL');
SELECT ok(seg_spatial_dissimilarity(pg_temp.tab('{1,1,1}', '{0,0,0}'), (SELECT s FROM row3), 'x') IS NULL,
          'everyone in the group (Y = 0): D(adj) NULL');
SELECT ok(seg_spatial_dissimilarity(pg_temp.tab('{1,0}', '{0,1}'),
          (SELECT segspace(i, ST_MakeEnvelope(3 * i, 0, 3 * i + 1, 1, 3006)) FROM generate_series(1, 2) i),
          'x') IS NULL, 'no edges: D(adj) NULL');
SELECT throws_ok($$SELECT seg_delta(pg_temp.tab('{1,0,0,1}', '{0,1,1,0}'), (SELECT s FROM row3), 'x')$$,
                 '22023', 'unit 4 of the segtable is not in the segspace', 'table unit missing from the layout');
SELECT throws_ok($$SELECT seg_delta(segtable(u::text, 'x'), (SELECT s FROM row3), 'x') FROM generate_series(1, 3) u$$,
                 '22023', NULL, 'text keys against integer keys');
SELECT throws_like($$SELECT seg_spatial_proximity(pg_temp.tab('{1,0,0}', '{0,1,1}'),
                     (SELECT segspace(i, ST_MakeEnvelope(i, 0, i + 1, 1, 4326)) FROM generate_series(1, 3) i), 'x')$$,
                   '%geographic SRID 4326%', 'distance-magnitude measures refuse a geographic SRID');
SELECT ok(seg_delta(pg_temp.tab('{1,0,0}', '{0,1,1}'),
          (SELECT segspace(i, ST_MakeEnvelope(i, 0, i + 1, 1, 4326)) FROM generate_series(1, 3) i), 'x') IS NOT NULL,
          'Delta works on degrees as planar numbers');
SELECT throws_ok($$SELECT seg_absolute_clustering(pg_temp.tab('{1}', '{1}'), (SELECT s FROM row3), 'x', 'nope')$$,
                 '22023', NULL, 'unknown variant');
SELECT throws_ok($$SELECT seg_absolute_clustering(pg_temp.tab('{1}', '{1}'), (SELECT s FROM row3), 'x',
                   'massey_denton', 0)$$, '22023', NULL, 'distance_unit must be > 0');

-- Independent recomputation in plain SQL -----------------------------------------
-- 5 x 5 rectangles, widths i + 1 and heights j + 2 (tied areas 6, 12, ...);
-- unit 12 has nobody and is only in the layout.
CREATE TEMP TABLE lay AS
SELECT i * 5 + j AS id, ST_MakeEnvelope(i * (i + 1) / 2.0, j * (j + 3) / 2.0,
                                        i * (i + 1) / 2.0 + i + 1, j * (j + 3) / 2.0 + j + 2, 3006) AS geom,
       CASE WHEN i * 5 + j = 12 THEN 0 ELSE ((i * 5 + j) * 7) % 11 END::float8 AS x,
       CASE WHEN i * 5 + j = 12 THEN 0 ELSE ((i * 5 + j) * 5) % 13 + 1 END::float8 AS y
FROM generate_series(0, 4) i, generate_series(0, 4) j;
\set du 1.5
\set center 'POINT(7.3 9.1)'
\ir ../lib/spatial_reference.sql
CREATE TEMP TABLE got AS SELECT m.* FROM st, pg_temp.measures(st.t, st.s, 1.5, 'POINT(7.3 9.1)') m;

SELECT is((SELECT count(*) FROM ref), 23::bigint, '23 reference values computed in SQL');
SELECT is((SELECT string_agg(name, ',' ORDER BY name) FROM got g JOIN ref r USING (name)
           WHERE g.v IS NULL OR r.v IS NULL OR abs(g.v - r.v) > 1e-12), NULL,
          'all 23 measures equal the plain-SQL recomputation within 1e-12');
SELECT diag('max |segindex - SQL| over 23 measures: ' ||
            (SELECT max(abs(g.v - r.v)) FROM got g JOIN ref r USING (name)));
SELECT ok((SELECT v FROM got WHERE name = 'c_mddpxx') + (SELECT v FROM got WHERE name = 'c_mddpxy') - 1
          BETWEEN -1e-15 AND 1e-15, 'DPxx + DPxy = 1 (textbook)');

-- Invariance ----------------------------------------------------------------------
CREATE FUNCTION pg_temp.scaled_table(f float8) RETURNS segtable LANGUAGE sql AS $$
    SELECT segtable(id, g, n * f) FROM lay, LATERAL (VALUES ('x', x), ('y', y)) v(g, n) WHERE n > 0 $$;
CREATE FUNCTION pg_temp.worst(t segtable, s segspace, du float8 DEFAULT 1.5,
                              skip text DEFAULT '', dx float8 DEFAULT 0, sc float8 DEFAULT 1)
RETURNS float8 LANGUAGE sql AS $$
    SELECT max(CASE WHEN m.v IS NULL THEN 1e300 ELSE abs(m.v - g.v) END)
    FROM pg_temp.measures(t, s, du, ST_MakePoint(7.3 * sc + dx, 9.1 * sc - dx)) m JOIN got g USING (name) WHERE m.name !~ ('^(' || skip || ')$') $$;
SELECT ok(pg_temp.worst(pg_temp.scaled_table(1e-300), (SELECT s FROM st)) < 1e-12, 'counts x 1e-300: unchanged');
SELECT ok(pg_temp.worst(pg_temp.scaled_table(1e300), (SELECT s FROM st)) < 1e-12, 'counts x 1e300: unchanged');
SELECT ok(pg_temp.worst(pg_temp.scaled_table(4.9406564584124654e-324), (SELECT s FROM st)) < 1e-12,
          'counts in denormals (multiples of the smallest): unchanged');
SELECT ok(pg_temp.worst(pg_temp.scaled_table(2 ^ 48), (SELECT s FROM st)) < 1e-12,
          'counts near 2^53: unchanged');
SELECT ok(pg_temp.worst(pg_temp.tab('{}', '{}'), (SELECT s FROM st)) = 1e300
          AND seg_delta(pg_temp.tab('{}', '{}'), (SELECT s FROM st), 'x') IS NULL, 'empty table: NULL');
SELECT ok(pg_temp.worst((SELECT t FROM st), (SELECT segspace(id, ST_Translate(geom, 123456, -123456)) FROM lay),
                        1.5, '', 123456) < 1e-9, 'translating the layout (and the centre) changes nothing');
SELECT ok(pg_temp.worst((SELECT t FROM st), (SELECT segspace(id, ST_Scale(geom, 1000, 1000)) FROM lay),
                        1500, 'c_py.*', 0, 1000) < 1e-12,
          'scaling coordinates and distance_unit together changes nothing (PySAL''s variant excepted)');

SELECT is(pg_temp.worst((SELECT t FROM st), (SELECT segspace(id, geom) FROM (SELECT * FROM lay ORDER BY id DESC) r)),
          0::float8, 'rows in another order: identical values');
SELECT is(seg_delta((SELECT segtable(id, g, n) FROM lay, LATERAL (VALUES (1, x), (2, y)) v(g, n) WHERE n > 0),
                    (SELECT s FROM st), 1), (SELECT v FROM got WHERE name = 'delta'),
          'integer group keys: the bigint overload');

-- Rings: a 41 x 41 grid of 100 m cells in SWEREF 99 TM coordinates has many
-- cells at exactly equal distance from the central cell (e.g. offsets (1,7)
-- and (5,5)); they must form one ring, as in a plain-SQL recomputation.
CREATE TEMP TABLE ringgrid AS
SELECT i * 41 + j AS id,
       ST_MakeEnvelope(500000 + 100 * i, 6500000 + 100 * j, 500100 + 100 * i, 6500100 + 100 * j, 3006) AS geom,
       ((i * 62 + j * 66) % 97)::float8 AS x, (50 + (i * 31 + j * 17) % 150)::float8 AS y
FROM generate_series(0, 40) i, generate_series(0, 40) j;
SELECT ok(abs((SELECT seg_absolute_centralization(
                  (SELECT segtable(id, g, n) FROM ringgrid, LATERAL (VALUES ('x', x), ('y', y)) v(g, n) WHERE n > 0),
                  (SELECT segspace(id, geom) FROM ringgrid), 'x'))
              - (WITH u AS (SELECT x, ST_Area(geom) AS a, ST_X(ST_Centroid(geom)) AS cx, ST_Y(ST_Centroid(geom)) AS cy
                            FROM ringgrid),
                      c AS (SELECT avg(cx) AS x0, avg(cy) AS y0, sum(x) AS "X", sum(a) AS "A" FROM u),
                      r AS (SELECT sqrt((cx - x0) ^ 2 + (cy - y0) ^ 2) AS r, sum(x) / "X" AS xs, sum(a) / "A" AS as_
                            FROM u, c GROUP BY 1, "X", "A"),
                      cum AS (SELECT r, sum(xs) OVER (ORDER BY r) AS xc, sum(as_) OVER (ORDER BY r) AS ac FROM r)
                 SELECT sum(coalesce(px, 0) * ac - xc * coalesce(pa, 0))
                 FROM (SELECT xc, ac, lag(xc) OVER (ORDER BY r) AS px, lag(ac) OVER (ORDER BY r) AS pa FROM cum) z))
          < 1e-13, 'ACE: cells at exactly equal distance form one ring (41 x 41 grid in metres)');

-- Parallel-safe: the same values in a forced parallel query.
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SET max_parallel_workers_per_gather = 2;
SET force_parallel_mode = on;
SELECT is((SELECT string_agg(name, ',') FROM (SELECT m.* FROM st, pg_temp.measures(st.t, st.s, 1.5, 'POINT(7.3 9.1)') m) p
           JOIN got g USING (name) WHERE p.v IS DISTINCT FROM g.v), NULL,
          'parallel worker computes identical values');
RESET force_parallel_mode;
RESET parallel_setup_cost;
RESET parallel_tuple_cost;
RESET min_parallel_table_scan_size;
RESET max_parallel_workers_per_gather;

SELECT * FROM finish();
ROLLBACK;
