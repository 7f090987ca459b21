-- The demo's spatial section (demo/spatial.sql, run through demo/demo.sql)
-- on scripts/gen-scb-files' synthetic data, with län 92 moved south so that
-- it borders län 91: every figure is recomputed here in plain SQL from the
-- definitions of doc/methodology.md §4.2, §4.4, §4.5, §4.7 and §2 (D), from
-- the loaded scb tables and PostGIS's areas and centroids.
\set ON_ERROR_STOP 1
\pset format unaligned
\pset tuples_only true
SET client_min_messages = warning;
SELECT current_database() AS origdb \gset
\set work `mktemp -d`
\set db segindex_tap_demo_spatial
\set rc `psql -qX -d postgres -c "DROP DATABASE IF EXISTS segindex_tap_demo_spatial" -c "CREATE DATABASE segindex_tap_demo_spatial" >/dev/null 2>&1 && scripts/gen-scb-files :work/scb 2022 >/dev/null 2>&1 && scripts/load-scb dbname=segindex_tap_demo_spatial :work/scb >/dev/null 2>&1 && psql -qX -d segindex_tap_demo_spatial -c "UPDATE scb.deso SET geom = ST_Translate(geom, 0, -20000) WHERE lan = '92'" >/dev/null 2>&1 && psql -X -d segindex_tap_demo_spatial -v lan=91 -v synthetic=1 -v svg_file=:work/area_types_91.svg -f demo/demo.sql -c "CREATE TABLE keep_kommun AS TABLE sp_kommun" -c "CREATE TABLE keep_share AS TABLE sp_share" -c "CREATE TABLE keep_deso AS SELECT deso, in_lan FROM sp_deso" > :work/out 2>&1; echo $?`
\set out `cat :work/out`
\set svg `cat :work/egohood_2km_91.svg 2>/dev/null || true`
\c :db
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS pgtap;
BEGIN;
SELECT plan(13);

SELECT is(text :'rc', '0', 'the demo runs on synthetic data with two bordering län');
SELECT ok(:'out' ~ '== Spatial segregation by kommun of län 91 in 2022 ==' AND :'out' ~ 'Low economic standard'
          AND :'out' ~ 'Foreign-born \(born outside Sweden\) vs Swedish-born' AND :'out' ~ 'CROSS BORDERS',
          'the section names the groups, the year and that egohoods cross borders');
SELECT ok(:'out' ~ 'Included from outside län 91: \d+ DeSO of \d+ kommuner \(län: 92\)\.',
          'it says how many DeSO of other län the egohoods include');

-- Every DeSO with a polygon and indicators, its centroid, area and groups.
CREATE TEMP TABLE u AS
SELECT d.deso, d.kommun, d.lan, ST_Area(d.geom) AS a,
       ST_X(ST_Centroid(d.geom)) AS x, ST_Y(ST_Centroid(d.geom)) AS y,
       i.low_econ_persons AS low, greatest(i.econ_std_persons - i.low_econ_persons, 0) AS nlow,
       i.born_europe_ex_sweden + i.born_rest_of_world AS fb, i.born_sweden AS sw
FROM scb.deso d JOIN scb.deso_indicators i ON i.deso = d.deso AND i.year = 2022
WHERE d.geom IS NOT NULL;

SELECT ok((SELECT count(*) FROM keep_deso WHERE NOT in_lan) > 0
          AND (SELECT count(*) FROM keep_deso WHERE NOT in_lan) = (SELECT count(*) FROM u WHERE lan = '92'
              AND EXISTS (SELECT FROM scb.deso l, scb.deso o WHERE l.lan = '91' AND o.deso = u.deso
                          AND ST_DWithin(l.geom, o.geom, 5000))),
          'the study area adds exactly the DeSO of län 92 within 5 km of län 91');

-- Delta per kommun (§4.2): ½ Σ |x_i/X − a_i/A| over the kommun's DeSO.
CREATE TEMP TABLE ref AS
WITH k AS (SELECT kommun, sum(low) AS x, sum(a) AS aa FROM u WHERE lan = '91' GROUP BY kommun)
SELECT kommun, 'delta' AS m, 0.5 * sum(abs(u.low / k.x - u.a / k.aa)) AS v
FROM u JOIN k USING (kommun) GROUP BY kommun;

-- ACE (§4.4): rings of equal distance from the mean of the kommun's
-- centroids; Σ_k (Xc_{k−1} Ac_k − Xc_k Ac_{k−1}) over cumulative shares.
INSERT INTO ref
WITH c AS (SELECT kommun, avg(x) AS cx, avg(y) AS cy, sum(low) AS xx, sum(a) AS aa
           FROM u WHERE lan = '91' GROUP BY kommun),
     ring AS (SELECT kommun, sqrt((x - cx) * (x - cx) + (y - cy) * (y - cy)) AS r,
                     sum(low) / min(xx) AS dx, sum(a) / min(aa) AS da
              FROM u JOIN c USING (kommun) GROUP BY kommun, 2),
     cum AS (SELECT kommun, r, sum(dx) OVER w AS xc, sum(da) OVER w AS ac FROM ring
             WINDOW w AS (PARTITION BY kommun ORDER BY r)),
     lagged AS (SELECT kommun, xc, ac, lag(xc, 1, 0::float8) OVER w AS xp, lag(ac, 1, 0::float8) OVER w AS ap
                FROM cum WINDOW w AS (PARTITION BY kommun ORDER BY r))
SELECT kommun, 'ace', sum(xp * ac - xc * ap) FROM lagged GROUP BY kommun;

-- SP (§4.5): c_ij = exp(−d_ij / 1 km), d_ii = √(0.6 a_i);
-- SP = (X Pxx + Y Pyy) / (T Ptt), Pxx = Σ x_i x_j c_ij / X².
INSERT INTO ref
WITH p AS (SELECT i.kommun, i.low * j.low AS xx, i.nlow * j.nlow AS yy,
                  (i.low + i.nlow) * (j.low + j.nlow) AS tt,
                  exp(-CASE WHEN i.deso = j.deso THEN sqrt(0.6 * i.a)
                            ELSE sqrt((i.x - j.x) * (i.x - j.x) + (i.y - j.y) * (i.y - j.y)) END / 1000) AS c
           FROM u i JOIN u j USING (kommun) WHERE i.lan = '91'),
     k AS (SELECT kommun, sum(low) AS x, sum(nlow) AS y FROM u WHERE lan = '91' GROUP BY kommun)
SELECT kommun, 'sp', (sum(xx * c) / k.x + sum(yy * c) / k.y) / (sum(tt * c) / (k.x + k.y))
FROM p JOIN k USING (kommun) GROUP BY kommun, k.x, k.y;

-- Two-group D (§2) of foreign-born vs Swedish-born, of DeSO and of egohoods
-- (§4.7, triangular kernel: K_ii = 1, K_ij = 1 − d_ij/h for d_ij ≤ h) whose
-- neighbours are EVERY loaded DeSO, of any kommun or län, and whose origins
-- are the kommun's populated DeSO.
CREATE TEMP TABLE ego AS
SELECT 0 AS h, deso, kommun, fb, sw FROM u WHERE lan = '91' AND fb + sw > 0
UNION ALL
SELECT h, i.deso, i.kommun,
       sum(CASE WHEN i.deso = j.deso THEN 1 ELSE 1 - d / h END * j.fb),
       sum(CASE WHEN i.deso = j.deso THEN 1 ELSE 1 - d / h END * j.sw)
FROM u i CROSS JOIN unnest(ARRAY[1000, 2000, 5000]) h
JOIN u j ON true,
LATERAL (SELECT sqrt((i.x - j.x) * (i.x - j.x) + (i.y - j.y) * (i.y - j.y)) AS d) dd
WHERE i.lan = '91' AND i.fb + i.sw > 0 AND (i.deso = j.deso OR d <= h)
GROUP BY h, i.deso, i.kommun;
INSERT INTO ref
SELECT kommun, 'd' || (h / 1000), 0.5 * sum(abs(fb / fbk - sw / swk))
FROM (SELECT *, sum(fb) OVER w AS fbk, sum(sw) OVER w AS swk FROM ego
      WINDOW w AS (PARTITION BY kommun, h)) e
GROUP BY kommun, h;

CREATE TEMP TABLE got AS
SELECT kommun, m, v FROM keep_kommun,
LATERAL (VALUES ('delta', delta), ('ace', ace), ('sp', sp), ('d0', d0), ('d1', d1), ('d2', d2), ('d5', d5)) x(m, v);

SELECT is((SELECT count(*) FROM got), (SELECT count(*) FROM ref), 'one figure per kommun and measure');
SELECT is((SELECT count(DISTINCT kommun) FROM got), 3::bigint, 'every kommun of län 91');
CREATE FUNCTION pg_temp.maxdiff(measure text) RETURNS float8 LANGUAGE sql AS $$
    SELECT max(abs(g.v - r.v) / greatest(abs(r.v), 1e-300)) FROM got g JOIN ref r USING (kommun, m)
    WHERE m = measure
$$;
SELECT cmp_ok(pg_temp.maxdiff('delta'), '<', 1e-12::float8, 'Delta of low economic standard: plain SQL');
SELECT cmp_ok(pg_temp.maxdiff('ace'), '<', 1e-12::float8, 'ACE of low economic standard: plain SQL');
SELECT cmp_ok(pg_temp.maxdiff('sp'), '<', 1e-12::float8, 'SP of low economic standard: plain SQL');
SELECT cmp_ok(greatest(pg_temp.maxdiff('d0'), pg_temp.maxdiff('d1'), pg_temp.maxdiff('d2'), pg_temp.maxdiff('d5')),
              '<', 1e-12::float8, 'egohood D at 0, 1, 2 and 5 km: plain SQL over every loaded DeSO');

-- The border matters: Örnäs (9103) borders the moved län 92; its 5 km D
-- without län 92 differs from the demo's.
SELECT ok((SELECT abs(v - (
              SELECT 0.5 * sum(abs(fb / fbk - sw / swk))
              FROM (SELECT *, sum(fb) OVER () AS fbk, sum(sw) OVER () AS swk FROM (SELECT i.deso, sum(CASE WHEN i.deso = j.deso THEN 1 ELSE 1 - d / 5000 END * j.fb) AS fb,
                           sum(CASE WHEN i.deso = j.deso THEN 1 ELSE 1 - d / 5000 END * j.sw) AS sw
                    FROM u i JOIN u j ON j.lan = '91',
                    LATERAL (SELECT sqrt((i.x - j.x) ^ 2 + (i.y - j.y) ^ 2) AS d) dd
                    WHERE i.kommun = '9103' AND i.fb + i.sw > 0 AND (i.deso = j.deso OR d <= 5000)
                    GROUP BY i.deso) e0) e)) > 1e-6
           FROM got WHERE kommun = '9103' AND m = 'd5'),
          'Örnäs'' 5 km egohoods include län 92 (D differs from län 91 alone)');

-- The map's figure: foreign-born share of each DeSO's 2 km egohood.
SELECT cmp_ok((SELECT max(abs(s.share - e.fb / (e.fb + e.sw))) FROM keep_share s JOIN ego e USING (deso)
               WHERE e.h = 2000), '<', 1e-12::float8,
              'the map''s 2 km egohood foreign-born shares: plain SQL');
SELECT ok(:'svg' ~ '^<svg' AND :'svg' ~ '</svg>$' AND :'svg' ~ 'Källa: SCB' AND :'svg' ~ 'egohood 2 km, 2022, län 91'
          AND :'svg' ~ 'SYNTETISKA DATA' AND :'svg' ~ 'stroke="#222"'
          AND (SELECT count(*) FROM regexp_matches(:'svg', 'stroke="white"', 'g'))
              = (SELECT count(*) FROM u WHERE lan = '91'),
          'the SVG map: every DeSO of the län, kommun borders, year, source, synthetic warning');

SELECT * FROM finish();
ROLLBACK;
\c :origdb
\set done `psql -qX -d postgres -c "DROP DATABASE IF EXISTS segindex_tap_demo_spatial" >/dev/null 2>&1; rm -rf :work; echo ok`
