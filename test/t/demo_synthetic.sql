-- The demo's synthetic Sweden: well-formed, and rich enough
-- for every area type to occur.
\set ON_ERROR_STOP 1
\pset format unaligned
\pset tuples_only true
BEGIN;
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS pgtap;
CREATE EXTENSION IF NOT EXISTS segindex CASCADE;
\ir ../../demo/synthetic.sql
SELECT plan(7);

SELECT is((SELECT count(*) FROM deso), 436::bigint, '436 DeSO (16x12 + 8x6 + 6x4 + 4x4 + 12x10 + 6x6)');
SELECT is((SELECT count(DISTINCT regso) FROM deso), 109::bigint, 'RegSO are 2 x 2 blocks of DeSO');
SELECT ok((SELECT bool_and(ST_IsValid(geom) AND ST_SRID(geom) = 3006 AND abs(ST_Area(geom) - 1e6) < 1e-6)
           FROM deso), 'valid 1 km squares in EPSG:3006');
SELECT is((SELECT count(*) FROM deso a JOIN deso b ON a.deso < b.deso
           AND ST_Overlaps(a.geom, b.geom)), 0::bigint, 'no two DeSO overlap');
SELECT ok((SELECT bool_and(v1_num <= v1_den AND v2_num <= v2_den AND v3_num <= v3_den
                           AND low_persons + high_persons <= v1_den AND pop > 0)
           FROM deso_facts), 'counts are consistent');
SELECT is((SELECT count(DISTINCT t) FROM (
             SELECT seg_area_type(seg_sei(sum(v1_num), sum(v1_den), sum(v2_num), sum(v2_den),
                                          sum(v3_num), sum(v3_den))) OVER () AS t
             FROM deso JOIN deso_facts USING (deso) GROUP BY regso) s), 5::bigint,
          'all five area types occur');
SELECT ok((SELECT min(oi) > 0 AND max(oi) < 100 FROM (
             SELECT seg_inequality_index(low_persons, high_persons) AS oi
             FROM deso JOIN deso_facts USING (deso) GROUP BY kommun) s),
          'inequality index strictly between 0 and 100 in every kommun');

SELECT * FROM finish();
ROLLBACK;
