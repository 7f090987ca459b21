-- Spatial single-group indices: hand-worked layouts, an independent plain-SQL
-- recomputation of every measure on a 5 x 5 layout of unequal rectangles,
-- degenerate cases, scale and translation invariance.
BEGIN;
CREATE EXTENSION IF NOT EXISTS pgtap;
CREATE EXTENSION IF NOT EXISTS segindex CASCADE;
SELECT plan(43);

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
CREATE TEMP TABLE u AS
SELECT id, x, y, x + y AS t, ST_Area(geom) AS a, ST_X(ST_Centroid(geom)) AS cx,
       ST_Y(ST_Centroid(geom)) AS cy, ST_Perimeter(geom) AS per, geom FROM lay;
CREATE TEMP TABLE tot AS SELECT sum(x) AS "X", sum(y) AS "Y", sum(t) AS "T", sum(a) AS "A",
                                count(*)::float8 AS n FROM u;
CREATE TEMP TABLE st AS
SELECT (SELECT segtable(id, g, n) FROM lay, LATERAL (VALUES ('x', x), ('y', y)) v(g, n) WHERE n > 0) AS t,
       (SELECT segspace(id, geom) FROM lay) AS s;

CREATE TEMP TABLE ref (name text, v float8);
INSERT INTO ref SELECT 'delta', 0.5 * sum(abs(x / "X" - a / "A")) FROM u, tot;
-- concentration: blocks of equal area taken whole
CREATE TEMP VIEW conc AS
SELECT a, t, sum(t) OVER (ORDER BY a RANGE UNBOUNDED PRECEDING) - sum(t) OVER (PARTITION BY a) AS before_up,
       sum(t) OVER (ORDER BY a DESC RANGE UNBOUNDED PRECEDING) - sum(t) OVER (PARTITION BY a) AS before_down
FROM u;
INSERT INTO ref
SELECT 'aco', 1 - ((SELECT sum(x * a) FROM u) / "X" - m1x) / (m2x - m1x) FROM tot,
    LATERAL (SELECT sum(t * a) / sum(t) AS m1x FROM conc WHERE before_up < "X") l,
    LATERAL (SELECT sum(t * a) / sum(t) AS m2x FROM conc WHERE before_down < "X") h;
INSERT INTO ref
SELECT v.name, ((SELECT sum(x * a) FROM u) / "X" / ((SELECT sum(y * a) FROM u) / "Y") - 1) / (m1 / m2 - 1)
FROM tot, LATERAL (SELECT sum(t * a) / sum(t) AS m1 FROM conc WHERE before_up < "X") l,
     LATERAL (VALUES ('rco', "Y"), ('rco_pysal', "X")) v(name, z),
     LATERAL (SELECT sum(t * a) / sum(t) AS m2 FROM conc WHERE before_down < v.z) h;
-- centralization around POINT(7.3 9.1): rings of equal distance
CREATE TEMP VIEW rings AS
SELECT r, sum(x) / "X" AS xs, sum(y) / "Y" AS ys, sum(a) / "A" AS as_ FROM tot,
       (SELECT sqrt((cx - 7.3) ^ 2 + (cy - 9.1) ^ 2) AS r, x, y, a FROM u) d GROUP BY r, "X", "Y", "A";
CREATE TEMP VIEW cum AS
SELECT r, sum(xs) OVER w AS xc, sum(ys) OVER w AS yc, sum(as_) OVER w AS ac FROM rings
WINDOW w AS (ORDER BY r);
INSERT INTO ref SELECT 'ace', sum(coalesce(px, 0) * ac - xc * coalesce(pa, 0)) FROM
    (SELECT xc, ac, lag(xc) OVER (ORDER BY r) px, lag(ac) OVER (ORDER BY r) pa FROM cum) z;
INSERT INTO ref SELECT 'rce', sum(coalesce(px, 0) * yc - xc * coalesce(py, 0)) FROM
    (SELECT xc, yc, lag(xc) OVER (ORDER BY r) px, lag(yc) OVER (ORDER BY r) py FROM cum) z;
-- proximity: all ordered pairs, i = j included; u = 1.5
CREATE TEMP TABLE pairs AS
SELECT i.id AS i, j.id AS j, i.x AS xi, i.y AS yi, i.t AS ti, j.x AS xj, j.y AS yj, j.t AS tj,
       CASE WHEN i.id = j.id THEN sqrt(0.6 * i.a) ELSE sqrt((i.cx - j.cx) ^ 2 + (i.cy - j.cy) ^ 2) END AS d,
       i.id = j.id OR ST_Intersects(i.geom, j.geom) AS queen,
       i.id = j.id OR ST_Relate(i.geom, j.geom, 'F***1****') AS rook,
       CASE WHEN i.id <> j.id AND ST_Relate(i.geom, j.geom, 'F***1****')
            THEN ST_Length(ST_Intersection(i.geom, j.geom)) ELSE 0 END AS l,
       i.per / i.a AS pai, j.per / j.a AS paj
FROM u i, u j;
CREATE TEMP TABLE sj AS SELECT j, sum(CASE WHEN i <> j THEN d ELSE 0 END) AS s FROM pairs GROUP BY j;
CREATE TEMP TABLE cmat AS
SELECT p.*, exp(-d / 1.5) AS c_md,
       CASE WHEN i = j THEN 1 - exp(-d) ELSE 1 - exp(-d / sj.s) END AS c_py,
       queen::int::float8 AS c_q, rook::int::float8 AS c_r
FROM pairs p JOIN sj USING (j);
CREATE FUNCTION pg_temp.prox(col text) RETURNS TABLE (name text, v float8) LANGUAGE plpgsql AS $$
BEGIN
    RETURN QUERY EXECUTE format($q$
    WITH c AS (SELECT i, j, xi, yi, ti, xj, yj, tj, %1$I AS c FROM cmat),
    rows AS (SELECT i, sum(c * tj) AS s FROM c GROUP BY i),
    p AS (SELECT sum(xi * xj * c) / ("X" * "X") AS pxx, sum(yi * yj * c) / ("Y" * "Y") AS pyy,
                 sum(ti * tj * c) / ("T" * "T") AS ptt, "X", "Y", "T", n,
                 sum(c) AS csum, sum(xi / "X" * c * xj) AS ax, sum(xi / "X" * c * tj) AS at
          FROM c, tot GROUP BY "X", "Y", "T", n)
    SELECT %2$L || 'acl', (ax - "X" / n ^ 2 * csum) / (at - "X" / n ^ 2 * csum) FROM p
    UNION ALL SELECT %2$L || 'sp', ("X" * pxx + "Y" * pyy) / ("T" * ptt) FROM p
    UNION ALL SELECT %2$L || 'rcl', pxx / pyy - 1 FROM p
    UNION ALL SELECT %2$L || 'dpxx', sum(xi / "X" * c * xj / rows.s) FROM c JOIN rows USING (i), tot
    UNION ALL SELECT %2$L || 'dpxy', sum(xi / "X" * c * yj / rows.s) FROM c JOIN rows USING (i), tot
    $q$, col, col);
END $$;
INSERT INTO ref SELECT * FROM pg_temp.prox('c_md');
INSERT INTO ref SELECT * FROM pg_temp.prox('c_q') WHERE name = 'c_qacl';
INSERT INTO ref SELECT * FROM pg_temp.prox('c_r') WHERE name = 'c_racl';
INSERT INTO ref SELECT * FROM pg_temp.prox('c_py') WHERE name IN ('c_pyacl', 'c_pysp');
-- PySAL's RCL (elementwise x_j^2 times column sums) and DP (column normaliser)
INSERT INTO ref
SELECT 'c_pyrcl', (sum(xj * xj * c_py) / ("X" * "X")) / (sum(yj * yj * c_py) / ("Y" * "Y")) - 1 FROM cmat, tot
GROUP BY "X", "Y";
INSERT INTO ref
SELECT 'c_py' || k, sum(xi / "X" * c_py * CASE k WHEN 'dpxx' THEN xj ELSE yj END / r.s)
FROM cmat JOIN (SELECT i AS j, sum(c_py * tj) AS s FROM cmat GROUP BY i) r USING (j), tot,
     (VALUES ('dpxx'), ('dpxy')) k(k)
GROUP BY k;
-- contiguity-adjusted D: empty units and their edges removed
CREATE TEMP VIEW adj AS
SELECT i, j, abs(xi / ti - xj / tj) AS dp, l, pai, paj FROM pairs
WHERE i <> j AND queen AND ti > 0 AND tj > 0;
CREATE TEMP VIEW dd AS SELECT 0.5 * sum(abs(x / "X" - y / "Y")) AS d FROM u, tot;
INSERT INTO ref SELECT 'morrill', d - (SELECT sum(dp) / count(*) FROM adj) FROM dd;
INSERT INTO ref SELECT 'morrill_std', d - (SELECT avg(m) FROM (SELECT avg(dp) AS m FROM adj GROUP BY i) z) FROM dd;
INSERT INTO ref SELECT 'wong', d - (SELECT sum(l * dp) / sum(l) FROM adj) FROM dd;
INSERT INTO ref SELECT 'wong_std', d - (SELECT avg(m) FROM (SELECT sum(l * dp) / sum(l) AS m FROM adj
                                       WHERE l > 0 GROUP BY i) z) FROM dd;
INSERT INTO ref SELECT 'par', d - (SELECT sum(l * dp * (pai + paj) / (2 * (SELECT max(per / a) FROM u WHERE t > 0)))
                                   / sum(l) FROM adj) FROM dd;

CREATE FUNCTION pg_temp.measures(t segtable, s segspace, du float8 DEFAULT 1.5)
RETURNS TABLE (name text, v float8) LANGUAGE sql AS $$
    SELECT * FROM (VALUES
    ('delta', seg_delta(t, s, 'x')), ('aco', seg_absolute_concentration(t, s, 'x')),
    ('rco', seg_relative_concentration(t, s, 'x')), ('rco_pysal', seg_relative_concentration(t, s, 'x', 'pysal')),
    ('ace', seg_absolute_centralization(t, s, 'x', ST_SetSRID(ST_MakePoint(7.3, 9.1), seg_srid(s)))),
    ('rce', seg_relative_centralization(t, s, 'x', ST_SetSRID(ST_MakePoint(7.3, 9.1), seg_srid(s)))),
    ('c_mdacl', seg_absolute_clustering(t, s, 'x', 'massey_denton', du)),
    ('c_mdsp', seg_spatial_proximity(t, s, 'x', 'massey_denton', du)),
    ('c_mdrcl', seg_relative_clustering(t, s, 'x', 'massey_denton', du)),
    ('c_mddpxx', seg_distance_decay_isolation(t, s, 'x', 'massey_denton', du)),
    ('c_mddpxy', seg_distance_decay_exposure(t, s, 'x', 'massey_denton', du)),
    ('c_qacl', seg_absolute_clustering(t, s, 'x', 'queen')),
    ('c_racl', seg_absolute_clustering(t, s, 'x', 'rook')),
    ('c_pyacl', seg_absolute_clustering(t, s, 'x', 'pysal')),
    ('c_pysp', seg_spatial_proximity(t, s, 'x', 'pysal')),
    ('c_pyrcl', seg_relative_clustering(t, s, 'x', 'pysal')),
    ('c_pydpxx', seg_distance_decay_isolation(t, s, 'x', 'pysal')),
    ('c_pydpxy', seg_distance_decay_exposure(t, s, 'x', 'pysal')),
    ('morrill', seg_spatial_dissimilarity(t, s, 'x')),
    ('morrill_std', seg_spatial_dissimilarity(t, s, 'x', true)),
    ('wong', seg_boundary_dissimilarity(t, s, 'x')),
    ('wong_std', seg_boundary_dissimilarity(t, s, 'x', true)),
    ('par', seg_perimeter_area_dissimilarity(t, s, 'x'))) v(name, v) $$;
CREATE TEMP TABLE got AS SELECT m.* FROM st, pg_temp.measures(st.t, st.s) m;

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
                              skip text DEFAULT '') RETURNS float8 LANGUAGE sql AS $$
    SELECT max(CASE WHEN m.v IS NULL THEN 1e300 ELSE abs(m.v - g.v) END)
    FROM pg_temp.measures(t, s, du) m JOIN got g USING (name) WHERE m.name !~ ('^(' || skip || ')$') $$;
SELECT ok(pg_temp.worst(pg_temp.scaled_table(1e-300), (SELECT s FROM st)) < 1e-12, 'counts x 1e-300: unchanged');
SELECT ok(pg_temp.worst(pg_temp.scaled_table(1e300), (SELECT s FROM st)) < 1e-12, 'counts x 1e300: unchanged');
SELECT ok(pg_temp.worst(pg_temp.scaled_table(4.9406564584124654e-324), (SELECT s FROM st)) < 1e-12,
          'counts in denormals (multiples of the smallest): unchanged');
SELECT ok(pg_temp.worst(pg_temp.scaled_table(2 ^ 48), (SELECT s FROM st)) < 1e-12,
          'counts near 2^53: unchanged');
SELECT ok(pg_temp.worst(pg_temp.tab('{}', '{}'), (SELECT s FROM st)) = 1e300
          AND seg_delta(pg_temp.tab('{}', '{}'), (SELECT s FROM st), 'x') IS NULL, 'empty table: NULL');
SELECT ok(pg_temp.worst((SELECT t FROM st), (SELECT segspace(id, ST_Translate(geom, 123456, -654321)) FROM lay),
                        1.5, 'ace|rce') < 1e-9, 'translating the layout changes nothing');
SELECT ok(pg_temp.worst((SELECT t FROM st), (SELECT segspace(id, ST_Scale(geom, 1000, 1000)) FROM lay),
                        1500, 'ace|rce|c_py.*') < 1e-12,
          'scaling coordinates and distance_unit together changes nothing (PySAL''s variant excepted)');

SELECT is(pg_temp.worst((SELECT t FROM st), (SELECT segspace(id, geom) FROM (SELECT * FROM lay ORDER BY id DESC) r)),
          0::float8, 'rows in another order: identical values');
SELECT is(seg_delta((SELECT segtable(id, g, n) FROM lay, LATERAL (VALUES (1, x), (2, y)) v(g, n) WHERE n > 0),
                    (SELECT s FROM st), 1), (SELECT v FROM got WHERE name = 'delta'),
          'integer group keys: the bigint overload');

-- Parallel-safe: the same values in a forced parallel query.
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SET max_parallel_workers_per_gather = 2;
SET force_parallel_mode = on;
SELECT is((SELECT string_agg(name, ',') FROM (SELECT m.* FROM st, pg_temp.measures(st.t, st.s) m) p
           JOIN got g USING (name) WHERE p.v IS DISTINCT FROM g.v), NULL,
          'parallel worker computes identical values');
RESET force_parallel_mode;
RESET parallel_setup_cost;
RESET parallel_tuple_cost;
RESET min_parallel_table_scan_size;
RESET max_parallel_workers_per_gather;

SELECT * FROM finish();
ROLLBACK;
