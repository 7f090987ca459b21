-- Crosswalks, their application and geocoding on synthetic layers the test
-- builds itself: the invariants of METHODOLOGY §5.3, hand-worked cases and
-- the error cases.
\set ON_ERROR_STOP 1
\pset format unaligned
\pset tuples_only true
BEGIN;
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS pgtap;
CREATE EXTENSION IF NOT EXISTS segindex CASCADE;
SELECT plan(34);

-- A 10 x 10 grid of 100 m squares (SWEREF 99 TM coordinates), values v.
CREATE TEMP TABLE src AS
SELECT i * 10 + j AS id, ST_MakeEnvelope(i * 100, j * 100, i * 100 + 100, j * 100 + 100, 3006) AS geom,
       (i * 10 + j + 1)::float8 AS v, 7.5::float8 AS rate
FROM generate_series(0, 9) i, generate_series(0, 9) j;
-- 2 x 2 blocks nesting the grid; a grid shifted by (30 m, 30 m).
CREATE TEMP TABLE blk AS
SELECT 'b' || (i * 5 + j) AS code, ST_MakeEnvelope(i * 200, j * 200, i * 200 + 200, j * 200 + 200, 3006) AS geom
FROM generate_series(0, 4) i, generate_series(0, 4) j;
CREATE TEMP TABLE shifted AS
SELECT i * 10 + j AS id, ST_MakeEnvelope(i * 100 + 30, j * 100 + 30, i * 100 + 130, j * 100 + 130, 3006) AS geom
FROM generate_series(0, 9) i, generate_series(0, 9) j;
CREATE INDEX ON src USING gist (geom);
CREATE INDEX ON blk USING gist (geom);
CREATE INDEX ON shifted USING gist (geom);

-- Identity: a layer onto itself.
CREATE TEMP TABLE cw_self AS SELECT * FROM seg_crosswalk('src', 'id', 'geom', 'src', 'id', 'geom');
SELECT ok((SELECT count(*) = 100 AND bool_and(source = target AND weight = 1 AND share = 1)
           FROM cw_self), 'a layer onto itself: one row per unit, weight 1');
SELECT ok((SELECT bool_and(x.value = s.v) FROM seg_crosswalk_extensive('cw_self', 'src', 'id', 'v') x
           JOIN src s ON s.id::text = x.target), 'identity reproduces every value');

-- Nested targets: weights 0/1 and exact block sums (plain SQL sums).
CREATE TEMP TABLE cw_blk AS SELECT * FROM seg_crosswalk('src', 'id', 'geom', 'blk', 'code', 'geom');
SELECT ok((SELECT bool_and(weight = 1) AND count(*) = 100 FROM cw_blk), 'nested targets: every weight is 1');
SELECT ok((SELECT bool_and(x.value = b.s)
           FROM seg_crosswalk_extensive('cw_blk', 'src', 'id', 'v') x
           JOIN (SELECT 'b' || ((id / 10 / 2) * 5 + (id % 10) / 2) AS code, sum(v) AS s
                 FROM src GROUP BY 1) b ON b.code = x.target), 'nested targets reproduce exact sums');

-- Shifted grid, hand-worked: source 11 ([100,200]^2) overlaps targets 0, 1,
-- 10, 11 in 70x70, 70x30, 30x70, 30x30 m.
CREATE TEMP TABLE cw_sh AS SELECT * FROM seg_crosswalk('src', 'id', 'geom', 'shifted', 'id', 'geom');
SELECT is((SELECT array_agg(round(area::numeric, 6) ORDER BY target) FROM cw_sh WHERE source = '11'),
          '{900,2100,2100,4900}'::numeric[], 'areas of source 11 by hand (targets 0, 1, 10, 11)');
SELECT is((SELECT array_agg(round(share::numeric, 12) ORDER BY target NULLS LAST) FROM cw_sh WHERE source = '0'),
          '{0.49,0.51}'::numeric[], 'source 0: 49 % in target 0, 51 % outside (reported)');
SELECT ok((SELECT weight = 1 FROM cw_sh WHERE source = '0' AND target = '0'),
          'allocate_total weight of source 0 is 1');
SELECT is((SELECT count(*) FROM cw_sh WHERE source IS NULL), 0::bigint, 'every shifted target is reached');
SELECT ok((SELECT abs(sum(value) - 5050) < 1e-9 FROM seg_crosswalk_extensive('cw_sh', 'src', 'id', 'v')),
          'allocate_total preserves the total (5050)');
SELECT ok((SELECT abs(sum(value) FILTER (WHERE target IS NOT NULL) - s.kept) < 1e-9
                  AND abs(max(value) FILTER (WHERE target IS NULL) - (5050 - s.kept)) < 1e-9
           FROM seg_crosswalk_extensive('cw_sh', 'src', 'id', 'v', false),
                (SELECT sum(v * (least(i * 100 + 100, 1030) - greatest(i * 100, 30))
                               * (least(j * 100 + 100, 1030) - greatest(j * 100, 30)) / 10000) AS kept
                 FROM (SELECT id / 10 AS i, id % 10 AS j, v FROM src) g) s
           GROUP BY s.kept),
          'allocate_total false: the part outside every target is lost and reported (plain SQL)');
SELECT ok((SELECT bool_and(abs(value - 7.5) < 1e-12) AND count(*) = 100
           FROM seg_crosswalk_intensive('cw_sh', 'src', 'id', 'rate')),
          'a constant intensive variable stays constant');
SELECT ok((SELECT abs(x.value - (0.49 * 1 + 0.21 * 2 + 0.21 * 11 + 0.09 * 12)) < 1e-12
           FROM seg_crosswalk_intensive('cw_sh', 'src', 'id', 'v') x WHERE x.target = '0'),
          'intensive value of target 0 by hand: area-weighted mean of sources 0, 1, 10, 11');

-- Splitting a source into two halves with counts proportional to area
-- changes nothing.
CREATE TEMP TABLE src_split AS
SELECT id || 'a' AS id, ST_MakeEnvelope(ST_XMin(geom), ST_YMin(geom), ST_XMin(geom) + 37, ST_YMax(geom), 3006) AS geom, v * 0.37 AS v FROM src
UNION ALL
SELECT id || 'b', ST_MakeEnvelope(ST_XMin(geom) + 37, ST_YMin(geom), ST_XMax(geom), ST_YMax(geom), 3006), v * 0.63 FROM src;
CREATE INDEX ON src_split USING gist (geom);
CREATE TEMP TABLE cw_split AS SELECT * FROM seg_crosswalk('src_split', 'id', 'geom', 'shifted', 'id', 'geom');
SELECT ok((SELECT bool_and(abs(a.value - b.value) < 1e-9)
           FROM seg_crosswalk_extensive('cw_sh', 'src', 'id', 'v', false) a
           JOIN seg_crosswalk_extensive('cw_split', 'src_split', 'id', 'v', false) b USING (target)),
          'splitting sources with proportional counts changes nothing');

-- Population weights: a uniform population grid equals area weights.
CREATE TEMP TABLE dens AS
SELECT ST_MakeEnvelope(i * 20, j * 20, i * 20 + 20, j * 20 + 20, 3006) AS geom, 3::float8 AS pop
FROM generate_series(0, 49) i, generate_series(0, 49) j;
CREATE INDEX ON dens USING gist (geom);
CREATE TEMP TABLE cw_pop AS
SELECT * FROM seg_crosswalk_population('src', 'id', 'geom', 'shifted', 'id', 'geom', 'dens', 'pop', 'geom');
SELECT ok((SELECT count(*) = (SELECT count(*) FROM cw_sh)
                  AND max(abs(a.weight - b.weight)) < 1e-12 AND max(abs(a.share - b.share)) < 1e-12
           FROM cw_sh a JOIN cw_pop b ON a.source IS NOT DISTINCT FROM b.source
                                     AND a.target IS NOT DISTINCT FROM b.target),
          'uniform ancillary density gives the area weights');
SELECT ok((SELECT abs(population - 4900 * 3 / 400.0) < 1e-9 FROM cw_pop WHERE source = '0' AND target = '0'),
          'population of source 0 in target 0: 70 x 70 m at 3 persons per 20 x 20 m');
-- Points: hand-worked.  Source 0 holds points of 10 persons at (50, 50)
-- (in target 0) and 4 persons at (10, 10) (outside every target); source
-- 22 splits 6 : 2 between targets 11 and 22; the other sources have
-- none and fall back to area weights.
CREATE TEMP TABLE addr (pop float8, geom geometry);
INSERT INTO addr VALUES (10, ST_SetSRID(ST_MakePoint(50, 50), 3006)),
                        (4, ST_SetSRID(ST_MakePoint(10, 10), 3006)),
                        (6, ST_SetSRID(ST_MakePoint(210, 210), 3006)),
                        (2, ST_SetSRID(ST_MakePoint(280, 280), 3006));
CREATE TEMP TABLE cw_pts AS
SELECT * FROM seg_crosswalk_population('src', 'id', 'geom', 'shifted', 'id', 'geom', 'addr', 'pop', 'geom');
SELECT is((SELECT array_agg(array[weight, share, population] ORDER BY target NULLS LAST)
           FROM cw_pts WHERE source = '0'),
          '{{1,0.7142857142857143,10},{0,0.2857142857142857,4}}'::float8[],
          'points: source 0 sends 10 of 14 persons to target 0, 4 outside');
SELECT is((SELECT array_agg(array[weight, population] ORDER BY target) FROM cw_pts WHERE source = '22'),
          '{{0.75,6},{0.25,2}}'::float8[], 'points: source 22 splits 6 : 2 between targets 11 and 22');
SELECT ok((SELECT bool_and(fallback) AND count(*) = 3 FROM cw_pts WHERE source = '1'),
          'a source without ancillary population falls back to area weights');
SELECT is((SELECT count(DISTINCT source) FROM cw_pts WHERE fallback), 98::bigint,
          '98 of 100 sources fell back');

-- segtable through a crosswalk.
CREATE TEMP TABLE cells AS
SELECT id, g, (id * 7 + g * 3) % 11 + 1 AS n FROM src, generate_series(1, 3) g;
SELECT ok((SELECT (seg_crosswalk_segtable('cw_blk',
                      (SELECT segtable(id::bigint, g::bigint, n) FROM cells))).result::text
                  = (SELECT segtable('b' || ((id / 10 / 2) * 5 + (id % 10) / 2), g::text, n) FROM cells)::text),
          'segtable onto nested targets equals the segtable built on the targets');
SELECT ok((SELECT abs(seg_total(result) - (SELECT sum(n) FROM cells)) < 1e-9 AND outside = 0 AND unreached = 0
           FROM seg_crosswalk_segtable('cw_sh', (SELECT segtable(id::bigint, g::bigint, n) FROM cells))),
          'segtable: group totals preserved with allocate_total');
SELECT ok((SELECT bool_and(abs(a.n - b.n) < 1e-9)
           FROM seg_groups((seg_crosswalk_segtable('cw_sh', (SELECT segtable(id::bigint, g::bigint, n) FROM cells))).result) a
           JOIN (SELECT g::text AS grp, sum(n) AS n FROM cells GROUP BY g) b USING (grp)),
          'segtable: every group''s total preserved');
SELECT ok((SELECT abs(outside_share - 0.4) < 1e-12 AND abs(outside + seg_total(result) - 1000) < 1e-9
           FROM seg_crosswalk_segtable('cw_self',
                  (SELECT segtable(u, 'g', 10) FROM ((SELECT id::text AS u FROM src ORDER BY id LIMIT 60)
                                                      UNION ALL SELECT 'x' || k FROM generate_series(1, 40) k) s))),
          'segtable units the crosswalk lacks are reported as outside');
SELECT throws_ok($$SELECT seg_crosswalk_incomestats('cw_sh', incomestats(1, 100.0))$$, '0A000',
                 'an incomestats value cannot be reallocated through a crosswalk', 'incomestats is refused');

-- Geocoding (§5.5): interior, shared boundary, corner, outside, NULL.
CREATE TEMP TABLE recs (id int, geom geometry);
INSERT INTO recs VALUES (1, ST_SetSRID(ST_MakePoint(150, 150), 3006)),   -- interior of b0
                        (2, ST_SetSRID(ST_MakePoint(200, 100), 3006)),   -- edge b0 | b5
                        (3, ST_SetSRID(ST_MakePoint(200, 200), 3006)),   -- corner of b0, b1, b5, b6
                        (4, ST_SetSRID(ST_MakePoint(5000, 5), 3006)),    -- outside
                        (5, NULL);
CREATE TEMP TABLE gc AS SELECT * FROM seg_geocode('recs', 'id', 'geom', 'blk', 'code', 'geom');
SELECT is((SELECT array_agg(coalesce(area, '-') || ':' || rule ORDER BY point::int) FROM gc),
          '{b0:interior,b0:boundary,b0:boundary,-:outside,-:null}'::text[],
          'geocoding: interior, boundary (smallest key), outside, NULL');
-- Integer keys order numerically (9 < 10), text keys bytewise ('b10' < 'b9').
CREATE TEMP TABLE two (k int, t text, geom geometry);
INSERT INTO two VALUES (10, 'b10', ST_MakeEnvelope(0, 0, 10, 10, 3006)),
                       (9, 'b9', ST_MakeEnvelope(10, 0, 20, 10, 3006));
CREATE TEMP TABLE onedge (geom geometry);
INSERT INTO onedge VALUES (ST_SetSRID(ST_MakePoint(10, 5), 3006));
SELECT is((SELECT area FROM seg_geocode('onedge', NULL, 'geom', 'two', 'k', 'geom')), '9',
          'integer keys: the numerically smallest');
SELECT is((SELECT area FROM seg_geocode('onedge', NULL, 'geom', 'two', 't', 'geom')), 'b10',
          'text keys: the bytewise smallest');
-- Overlap: a point inside two polygons goes to the smallest key.
INSERT INTO two VALUES (3, 'a', ST_MakeEnvelope(5, 0, 15, 10, 3006));
UPDATE onedge SET geom = ST_SetSRID(ST_MakePoint(7, 5), 3006);   -- inside 10 and 3
SELECT is((SELECT area || ':' || rule FROM seg_geocode('onedge', NULL, 'geom', 'two', 'k', 'geom')), '3:overlap',
          'overlap: the smallest key, flagged');

-- Errors.
CREATE TEMP TABLE wgs AS SELECT id, ST_Transform(geom, 4326) AS geom FROM src;
CREATE TEMP TABLE other AS SELECT id, ST_SetSRID(geom, 3021) AS geom FROM src;
SELECT throws_ok($$SELECT * FROM seg_crosswalk('src', 'id', 'geom', 'other', 'id', 'geom')$$, '22023',
                 'SRID mismatch: src has SRID 3006, other has SRID 3021', 'SRID mismatch names both SRIDs');
SELECT throws_like($$SELECT * FROM seg_crosswalk('wgs', 'id', 'geom', 'wgs', 'id', 'geom')$$,
                   '%geographic%', 'a geographic SRID is refused for areas');
CREATE TEMP TABLE bad AS SELECT 'bowtie' AS id,
    ST_GeomFromText('POLYGON((0 0, 10 10, 10 0, 0 10, 0 0))', 3006) AS geom;
SELECT throws_ok($$SELECT * FROM seg_crosswalk('bad', 'id', 'geom', 'src', 'id', 'geom')$$, '22023',
                 'invalid geometry for unit "bowtie" of layer bad', 'an invalid geometry names its unit');
SELECT throws_ok($$SELECT * FROM seg_geocode('recs', 'id', 'geom', 'other', 'id', 'geom')$$, '22023',
                 NULL, 'geocoding: SRID mismatch');
CREATE TEMP TABLE negpop AS SELECT -1::float8 AS pop, ST_SetSRID(ST_MakePoint(1, 1), 3006) AS geom;
SELECT throws_ok($$SELECT * FROM seg_crosswalk_population('src', 'id', 'geom', 'blk', 'code', 'geom', 'negpop', 'pop', 'geom')$$,
                 '22023', NULL, 'a negative ancillary population is an error');
-- A hostile search_path cannot redirect the wrappers.
CREATE SCHEMA evil;
CREATE FUNCTION evil.st_area(geometry) RETURNS float8 LANGUAGE sql AS 'SELECT 1::float8';
SET LOCAL search_path = evil, public, pg_catalog;
SELECT is((SELECT round(area::numeric, 6) FROM seg_crosswalk('src', 'id', 'geom', 'shifted', 'id', 'geom')
           WHERE source = '11' AND target = '11'), 4900.000000::numeric, 'search_path pinned');
RESET search_path;

SELECT * FROM finish();
ROLLBACK;
