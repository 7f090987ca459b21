-- Ties in ACO, RCO, ACE and RCE under scaling of the coordinates: areas and
-- centre distances that are equal on paper but differ by PostGIS's rounding
-- must still form one block / one ring, at every scale sc = 2^k and 10^k,
-- k = -150..100.  Expected values are worked by hand for exact ties.
BEGIN;
CREATE EXTENSION IF NOT EXISTS pgtap;
CREATE EXTENSION IF NOT EXISTS segindex CASCADE;
SET jit = off;
SELECT plan(12);

CREATE TEMP TABLE scales AS
SELECT b, k, power(b::float8, k) AS sc
FROM (VALUES (2), (10)) v(b), generate_series(-150, 100) k;

CREATE FUNCTION pg_temp.tab(xs float8[], ys float8[]) RETURNS segtable LANGUAGE sql AS $$
    SELECT segtable(u, g, n) FROM (
        SELECT i AS u, 'x' AS g, xs[i] AS n FROM generate_subscripts(xs, 1) i
        UNION ALL SELECT i, 'y', ys[i] FROM generate_subscripts(ys, 1) i) v
    WHERE n > 0 $$;

-- Layout A: four squares of side sc in a row, units 1..4, x = (1,2,0,3),
-- y = (2,1,3,1), X = 6, Y = 7.  All areas equal: ACO and RCO are 0/0 (NULL).
-- Centre (2 sc, sc/2): ring 1 = units {2,3} at sc/2, ring 2 = {1,4} at 3 sc/2.
-- ACE = Xc1 Ac2 - Xc2 Ac1 = (2/6)(1) - (1)(1/2) = -1/6;
-- RCE = Xc1 Yc2 - Xc2 Yc1 = (2/6)(1) - (1)(4/7) = -5/21.
CREATE TEMP TABLE res_a AS
SELECT b, k,
       seg_absolute_concentration(t, s, 'x') AS aco,
       seg_relative_concentration(t, s, 'x') AS rco_md,
       seg_relative_concentration(t, s, 'x', 'pysal') AS rco_py,
       seg_absolute_centralization(t, s, 'x') AS ace,
       seg_relative_centralization(t, s, 'x') AS rce,
       seg_absolute_centralization(t, s, 'x', ST_MakePoint(2 * sc, sc / 2)) AS ace_pt
FROM scales,
     LATERAL (SELECT segspace(i + 1, ST_MakeEnvelope(i * sc, 0, (i + 1) * sc, sc)) AS s
              FROM generate_series(0, 3) i) l,
     LATERAL (SELECT pg_temp.tab('{1,2,0,3}', '{2,1,3,1}') AS t) tt;

SELECT is((SELECT count(*) FROM res_a), 502::bigint, 'layout A evaluated at 502 scales');
SELECT is((SELECT count(*) FROM res_a WHERE aco IS NOT NULL OR rco_md IS NOT NULL OR rco_py IS NOT NULL),
          0::bigint, 'equal areas at every scale: ACO and RCO (both variants) are NULL');
SELECT ok((SELECT max(abs(ace + 1.0 / 6)) FROM res_a) < 1e-12
          AND (SELECT count(ace) FROM res_a) = 502, 'ACE = -1/6 (two tied rings) at every scale');
SELECT ok((SELECT max(abs(rce + 5.0 / 21)) FROM res_a) < 1e-12
          AND (SELECT count(rce) FROM res_a) = 502, 'RCE = -5/21 at every scale');
SELECT ok((SELECT max(abs(ace_pt + 1.0 / 6)) FROM res_a) < 1e-12
          AND (SELECT count(ace_pt) FROM res_a) = 502, 'ACE with the centre given as a point = -1/6 at every scale');

-- Layout B: layout A plus a 2 sc x sc rectangle (unit 5), areas (1,1,1,1,2) sc^2;
-- x = (1,0,2,0,1), y = (0,2,1,1,3): X = 4, Y = 7, t = (1,2,3,1,4).
-- Blocks: {1..4} (t = 7), {5} (t = 4).  m1 = L(X = 4) = 1 (the small block);
-- U(X) = {5}: m2 = 2; U(Y = 7) = {5} then {1..4}: m2 = (4*2 + 7*1)/11 = 15/11.
-- mx = (1 + 2 + 2)/4 = 5/4, my = (2 + 1 + 1 + 6)/7 = 10/7, mx/my = 7/8.
-- ACO = 1 - (5/4 - 1)/(2 - 1) = 3/4; RCO pysal = (7/8 - 1)/(1/2 - 1) = 1/4;
-- RCO massey_denton = (7/8 - 1)/(11/15 - 1) = 15/32.
CREATE TEMP TABLE res_b AS
SELECT b, k,
       seg_absolute_concentration(t, s, 'x') AS aco,
       seg_relative_concentration(t, s, 'x') AS rco_md,
       seg_relative_concentration(t, s, 'x', 'pysal') AS rco_py
FROM scales,
     LATERAL (SELECT segspace(i + 1, ST_MakeEnvelope(i * sc, 0, (i + 1 + (i = 4)::int) * sc, sc)) AS s
              FROM generate_series(0, 4) i) l,
     LATERAL (SELECT pg_temp.tab('{1,0,2,0,1}', '{0,2,1,1,3}') AS t) tt;

SELECT ok((SELECT max(abs(aco - 0.75)) FROM res_b) < 1e-12
          AND (SELECT count(aco) FROM res_b) = 502, 'ACO = 3/4 (four tied areas, one block) at every scale');
SELECT ok((SELECT max(abs(rco_py - 0.25)) FROM res_b) < 1e-12
          AND (SELECT count(rco_py) FROM res_b) = 502, 'RCO pysal = 1/4 at every scale');
SELECT ok((SELECT max(abs(rco_md - 15.0 / 32)) FROM res_b) < 1e-12
          AND (SELECT count(rco_md) FROM res_b) = 502, 'RCO massey_denton = 15/32 at every scale');

-- Every value in its documented range.
SELECT is((SELECT count(*) FROM res_a WHERE NOT ace BETWEEN -1 AND 1 OR NOT rce BETWEEN -1 AND 1
                                         OR NOT ace_pt BETWEEN -1 AND 1),
          0::bigint, 'ACE and RCE within [-1, 1]');
SELECT is((SELECT count(*) FROM res_b WHERE aco > 1 OR NOT rco_md BETWEEN -1 AND 1
                                         OR NOT rco_py BETWEEN -1 AND 1),
          0::bigint, 'ACO <= 1, RCO within [-1, 1]');

-- 2 x 2 grid of side sc, centre = the shared corner: one ring, ACE = RCE = 0.
SELECT is((SELECT count(*) FROM scales,
                  LATERAL (SELECT segspace(i * 2 + j + 1, ST_MakeEnvelope(i * sc, j * sc, (i + 1) * sc, (j + 1) * sc)) AS s
                           FROM generate_series(0, 1) i, generate_series(0, 1) j) l,
                  LATERAL (SELECT pg_temp.tab('{3,0,1,0}', '{0,2,1,5}') AS t) tt
           WHERE seg_absolute_centralization(t, s, 'x') = 0 AND seg_relative_centralization(t, s, 'x') = 0),
          502::bigint, '2 x 2 grid: one ring, ACE = RCE = 0 at every scale');

-- The same ring on a grid far from the origin (SWEREF 99 TM-like offsets, 1 m cells).
SELECT is((SELECT seg_absolute_centralization(pg_temp.tab('{3,0,1,0}', '{0,2,1,5}'), s, 'x')
           FROM (SELECT segspace(i * 2 + j + 1, ST_MakeEnvelope(674032.1 + i * 0.1, 6580821.3 + j * 0.1,
                                                                674032.1 + (i + 1) * 0.1, 6580821.3 + (j + 1) * 0.1, 3006)) AS s
                 FROM generate_series(0, 1) i, generate_series(0, 1) j) l),
          0::float8, '2 x 2 grid of 0.1 m cells at 6.5e6 m: one ring, ACE = 0');

SELECT * FROM finish();
ROLLBACK;
