-- Spatial measures on OasisR's 10 x 10 test grid (oasis_segdata.csv: nine
-- patterns A..I of two groups, row-major cells g1..g100), built as 1 x 1
-- squares in SQL.  Expected values: a hand-worked Delta and a plain-SQL
-- recomputation of Delta, ACE, rook ACL and SP for every pattern; ACO and
-- RCO are 0/0 on equal areas.  Reads $SEGINDEX_DATA/oracles; skipped when absent.
\set ON_ERROR_STOP 1
\set have_oasis `test -r "$SEGINDEX_DATA/oracles/oasis_segdata.csv" && echo 1 || echo 0`
\if :have_oasis
\pset format unaligned
\pset tuples_only true
BEGIN;
SET client_min_messages = warning;
SET jit = off;
CREATE EXTENSION IF NOT EXISTS pgtap;
CREATE EXTENSION IF NOT EXISTS segindex CASCADE;
SELECT plan(9);

CREATE TEMP TABLE raw (sp_id text, a1 float8, a2 float8, b1 float8, b2 float8, c1 float8, c2 float8,
    d1 float8, d2 float8, e1 float8, e2 float8, f1 float8, f2 float8, g1 float8, g2 float8,
    h1 float8, h2 float8, i1 float8, i2 float8);
\copy raw FROM PROGRAM 'cat "$SEGINDEX_DATA/oracles/oasis_segdata.csv"' CSV HEADER
CREATE TEMP TABLE cells AS
SELECT k, (k - 1) / 10 AS r, (k - 1) % 10 AS c,
       ST_MakeEnvelope((k - 1) % 10, -((k - 1) / 10) - 1, (k - 1) % 10 + 1, -((k - 1) / 10), 3006) AS geom,
       p.pat, p.x, p.y
FROM (SELECT substr(sp_id, 2)::int AS k, * FROM raw) w,
     LATERAL (VALUES ('A', a1, a2), ('B', b1, b2), ('C', c1, c2), ('D', d1, d2), ('E', e1, e2),
                     ('F', f1, f2), ('G', g1, g2), ('H', h1, h2), ('I', i1, i2)) p(pat, x, y);
SELECT is((SELECT count(*) FROM cells), 900::bigint, '9 patterns x 100 cells');

CREATE TEMP TABLE layout AS SELECT segspace(k, geom) AS s FROM cells WHERE pat = 'A';
CREATE TEMP TABLE tabs AS
SELECT pat, segtable(k, g, n) AS t FROM cells, LATERAL (VALUES ('x', x), ('y', y)) v(g, n) WHERE n > 0 GROUP BY pat;
CREATE TEMP TABLE got AS
SELECT pat, seg_delta(t, s, 'x') AS delta, seg_absolute_centralization(t, s, 'x') AS ace,
       seg_absolute_clustering(t, s, 'x', 'rook') AS acl_rook,
       seg_spatial_proximity(t, s, 'x', 'massey_denton', 1) AS sp,
       seg_absolute_concentration(t, s, 'x') AS aco, seg_relative_concentration(t, s, 'x') AS rco
FROM tabs, layout;

-- plain SQL: centroids (c + 0.5, -r - 0.5), area 1, centre = their mean (5, -5)
CREATE TEMP TABLE tot AS SELECT pat, sum(x) AS "X", sum(y) AS "Y", sum(x + y) AS "T" FROM cells GROUP BY pat;
CREATE TEMP TABLE ref AS
SELECT pat, 0.5 * sum(abs(x / "X" - 0.01)) AS delta FROM cells JOIN tot USING (pat) GROUP BY pat;
CREATE TEMP VIEW rings AS
SELECT pat, rr, sum(x) / "X" AS xs, count(*) / 100.0 AS as_
FROM (SELECT pat, x, "X", sqrt((c + 0.5 - 5) ^ 2 + (-r - 0.5 + 5) ^ 2) AS rr FROM cells JOIN tot USING (pat)) d
GROUP BY pat, rr, "X";
CREATE TEMP TABLE ref_ace AS
SELECT pat, sum(coalesce(px, 0) * ac - xc * coalesce(pa, 0)) AS ace FROM (
    SELECT pat, xc, ac, lag(xc) OVER w AS px, lag(ac) OVER w AS pa FROM (
        SELECT pat, rr, sum(xs) OVER v AS xc, sum(as_) OVER v AS ac FROM rings
        WINDOW v AS (PARTITION BY pat ORDER BY rr)) z
    WINDOW w AS (PARTITION BY pat ORDER BY rr)) y GROUP BY pat;
CREATE TEMP TABLE pr AS
SELECT i.pat, i.x AS xi, i.y AS yi, j.x AS xj, j.y AS yj,
       (abs(i.r - j.r) + abs(i.c - j.c) <= 1)::int::float8 AS c_rook,
       exp(-CASE WHEN i.k = j.k THEN sqrt(0.6) ELSE sqrt((i.r - j.r) ^ 2 + (i.c - j.c) ^ 2) END) AS c_exp
FROM cells i JOIN cells j USING (pat);
CREATE TEMP TABLE ref_prox AS
SELECT pat,
       (sum(xi / "X" * c_rook * xj) - "X" / 1e4 * sum(c_rook)) /
       (sum(xi / "X" * c_rook * (xj + yj)) - "X" / 1e4 * sum(c_rook)) AS acl_rook,
       ("X" * sum(xi * xj * c_exp) / ("X" * "X") + "Y" * sum(yi * yj * c_exp) / ("Y" * "Y"))
       / ("T" * sum((xi + yi) * (xj + yj) * c_exp) / ("T" * "T")) AS sp
FROM pr JOIN tot USING (pat) GROUP BY pat, "X", "Y", "T";

SELECT is((SELECT delta FROM got WHERE pat = 'A'), 0.75::float8,
          'Delta of pattern A by hand: 25 of 100 cells hold the group -> 0.75');
SELECT is((SELECT string_agg(pat, ',') FROM got JOIN ref USING (pat) WHERE abs(got.delta - ref.delta) > 1e-14),
          NULL, 'Delta equals SQL for all 9 patterns');
SELECT is((SELECT string_agg(pat, ',') FROM got JOIN ref_ace r USING (pat) WHERE abs(got.ace - r.ace) > 1e-14),
          NULL, 'ACE (centre = mean centroid, tied rings) equals SQL for all 9 patterns');
SELECT is((SELECT string_agg(pat, ',') FROM got JOIN ref_prox r USING (pat)
           WHERE abs(got.acl_rook - r.acl_rook) > 1e-14), NULL, 'rook ACL equals SQL for all 9 patterns');
SELECT is((SELECT string_agg(pat, ',') FROM got JOIN ref_prox r USING (pat) WHERE abs(got.sp - r.sp) > 1e-13),
          NULL, 'SP (exp(-d), d_ii = sqrt(0.6)) equals SQL for all 9 patterns');
SELECT ok((SELECT acl_rook < 0 FROM got WHERE pat = 'C'), 'rook ACL is negative for the checkerboard C');
SELECT ok((SELECT bool_and(aco IS NULL AND rco IS NULL) FROM got), 'ACO and RCO are 0/0 (NULL) on equal areas');
SELECT diag(format('pattern %s: Delta %s ACE %s ACL(rook) %s SP %s', pat, round(delta::numeric, 6),
                   round(ace::numeric, 6), round(acl_rook::numeric, 6), round(sp::numeric, 6)))
FROM got ORDER BY pat;
SELECT ok((SELECT max(abs(got.ace)) <= 1 FROM got), 'ACE within [-1, 1]');

SELECT * FROM finish();
ROLLBACK;
\else
\echo 1..0 # SKIP oasis_segdata.csv not found: set SEGINDEX_DATA to a folder with oracles/oasis_segdata.csv (default ../shared/data)
\endif
