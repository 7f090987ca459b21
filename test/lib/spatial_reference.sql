-- Plain-SQL recomputation of every spatial measure (METHODOLOGY section 4),
-- included by test/t/spatial*.sql.  Input: a table lay(id, geom, x, y) and
-- psql variables du (distance unit) and center (WKT, or '' for the mean of
-- the centroids).  Output: ref(name, v) and pg_temp.measures(t, s, du,
-- center), the same names computed by segindex (distance-magnitude
-- measures NULL on a geographic SRID).
CREATE TEMP TABLE u AS
SELECT id, x, y, x + y AS t, ST_Area(geom) AS a, ST_X(ST_Centroid(geom)) AS cx,
       ST_Y(ST_Centroid(geom)) AS cy, ST_Perimeter(geom) AS per, geom FROM lay;
CREATE TEMP TABLE tot AS SELECT sum(x) AS "X", sum(y) AS "Y", sum(t) AS "T", sum(a) AS "A",
                                count(*)::float8 AS n FROM u;
CREATE TEMP TABLE st AS
SELECT (SELECT segtable(id, g, n) FROM lay, LATERAL (VALUES ('x', x), ('y', y)) v(g, n) WHERE n > 0) AS t,
       (SELECT segspace(id, geom) FROM lay) AS s;
-- the centre: :'center' (WKT) or, when empty, the mean of the centroids
CREATE TEMP TABLE ctr AS
SELECT coalesce(ST_X(NULLIF(:'center', '')::geometry), avg(cx)) AS x0,
       coalesce(ST_Y(NULLIF(:'center', '')::geometry), avg(cy)) AS y0 FROM u;

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
-- centralization: rings of equal distance to the centre
CREATE TEMP VIEW rings AS
SELECT r, sum(x) / "X" AS xs, sum(y) / "Y" AS ys, sum(a) / "A" AS as_ FROM tot,
       (SELECT sqrt((cx - x0) ^ 2 + (cy - y0) ^ 2) AS r, x, y, a FROM u, ctr) d GROUP BY r, "X", "Y", "A";
CREATE TEMP VIEW cum AS
SELECT r, sum(xs) OVER w AS xc, sum(ys) OVER w AS yc, sum(as_) OVER w AS ac FROM rings
WINDOW w AS (ORDER BY r);
INSERT INTO ref SELECT 'ace', sum(coalesce(px, 0) * ac - xc * coalesce(pa, 0)) FROM
    (SELECT xc, ac, lag(xc) OVER (ORDER BY r) px, lag(ac) OVER (ORDER BY r) pa FROM cum) z;
INSERT INTO ref SELECT 'rce', sum(coalesce(px, 0) * yc - xc * coalesce(py, 0)) FROM
    (SELECT xc, yc, lag(xc) OVER (ORDER BY r) px, lag(yc) OVER (ORDER BY r) py FROM cum) z;
-- proximity: all ordered pairs, i = j included; distance unit :du
-- contiguity from PostGIS in SQL, each unordered pair once (i < j)
CREATE TEMP TABLE edges AS
SELECT i, j, rook, CASE WHEN rook THEN ST_Length(ST_Intersection(gi, gj)) ELSE 0 END AS l
FROM (SELECT a.id AS i, b.id AS j, a.geom AS gi, b.geom AS gj,
             ST_Relate(a.geom, b.geom, 'F***1****') AS rook
      FROM u a JOIN u b ON a.id < b.id AND a.geom && b.geom AND ST_Intersects(a.geom, b.geom)) e;
CREATE TEMP TABLE pairs AS
SELECT i.id AS i, j.id AS j, i.x AS xi, i.y AS yi, i.t AS ti, j.x AS xj, j.y AS yj, j.t AS tj,
       CASE WHEN i.id = j.id THEN sqrt(0.6 * i.a) ELSE sqrt((i.cx - j.cx) ^ 2 + (i.cy - j.cy) ^ 2) END AS d,
       i.id = j.id OR e.i IS NOT NULL AS queen,
       i.id = j.id OR coalesce(e.rook, false) AS rook,
       coalesce(e.l, 0) AS l,
       i.per / i.a AS pai, j.per / j.a AS paj
FROM u i CROSS JOIN u j
LEFT JOIN edges e ON e.i = least(i.id, j.id) AND e.j = greatest(i.id, j.id) AND i.id <> j.id;
CREATE TEMP TABLE sj AS SELECT j, sum(CASE WHEN i <> j THEN d ELSE 0 END) AS s FROM pairs GROUP BY j;
CREATE TEMP TABLE cmat AS
SELECT p.*, CASE WHEN d / :du > 700 THEN 0 ELSE exp(-d / :du) END AS c_md,
       CASE WHEN i = j THEN 1 - CASE WHEN d > 700 THEN 0 ELSE exp(-d) END ELSE 1 - exp(-d / sj.s) END AS c_py,
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

CREATE FUNCTION pg_temp.measures(t segtable, s segspace, du float8, center geometry)
RETURNS TABLE (name text, v float8) LANGUAGE sql AS $$
    SELECT * FROM (VALUES
    ('delta', seg_delta(t, s, 'x')), ('aco', seg_absolute_concentration(t, s, 'x')),
    ('rco', seg_relative_concentration(t, s, 'x')), ('rco_pysal', seg_relative_concentration(t, s, 'x', 'pysal')),
    ('ace', seg_absolute_centralization(t, s, 'x', ST_SetSRID(center, seg_srid(s)))),
    ('rce', seg_relative_centralization(t, s, 'x', ST_SetSRID(center, seg_srid(s)))),
    ('c_mdacl', CASE WHEN NOT seg_is_geographic(s) THEN seg_absolute_clustering(t, s, 'x', 'massey_denton', du) END),
    ('c_mdsp', CASE WHEN NOT seg_is_geographic(s) THEN seg_spatial_proximity(t, s, 'x', 'massey_denton', du) END),
    ('c_mdrcl', CASE WHEN NOT seg_is_geographic(s) THEN seg_relative_clustering(t, s, 'x', 'massey_denton', du) END),
    ('c_mddpxx', CASE WHEN NOT seg_is_geographic(s) THEN seg_distance_decay_isolation(t, s, 'x', 'massey_denton', du) END),
    ('c_mddpxy', CASE WHEN NOT seg_is_geographic(s) THEN seg_distance_decay_exposure(t, s, 'x', 'massey_denton', du) END),
    ('c_qacl', seg_absolute_clustering(t, s, 'x', 'queen')),
    ('c_racl', seg_absolute_clustering(t, s, 'x', 'rook')),
    ('c_pyacl', CASE WHEN NOT seg_is_geographic(s) THEN seg_absolute_clustering(t, s, 'x', 'pysal') END),
    ('c_pysp', CASE WHEN NOT seg_is_geographic(s) THEN seg_spatial_proximity(t, s, 'x', 'pysal') END),
    ('c_pyrcl', CASE WHEN NOT seg_is_geographic(s) THEN seg_relative_clustering(t, s, 'x', 'pysal') END),
    ('c_pydpxx', CASE WHEN NOT seg_is_geographic(s) THEN seg_distance_decay_isolation(t, s, 'x', 'pysal') END),
    ('c_pydpxy', CASE WHEN NOT seg_is_geographic(s) THEN seg_distance_decay_exposure(t, s, 'x', 'pysal') END),
    ('morrill', seg_spatial_dissimilarity(t, s, 'x')),
    ('morrill_std', seg_spatial_dissimilarity(t, s, 'x', true)),
    ('wong', seg_boundary_dissimilarity(t, s, 'x')),
    ('wong_std', seg_boundary_dissimilarity(t, s, 'x', true)),
    ('par', seg_perimeter_area_dissimilarity(t, s, 'x'))) v(name, v) $$;
