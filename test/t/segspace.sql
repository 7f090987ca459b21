-- segspace: per-unit numbers against PostGIS computed inline, contiguity on
-- hand-drawn layouts, error cases, merge, parallel builds, damaged bytes.
BEGIN;
CREATE EXTENSION IF NOT EXISTS pgtap;
CREATE EXTENSION IF NOT EXISTS segindex CASCADE;
SELECT plan(45);

-- 3 x 3 grid of unit squares, keys 0..8 (3 * column + row).
CREATE TEMP TABLE grid AS
SELECT i * 3 + j AS id, ST_MakeEnvelope(i, j, i + 1, j + 1, 3006) AS geom
FROM generate_series(0, 2) i, generate_series(0, 2) j;
CREATE TEMP TABLE gs AS SELECT segspace(id, geom) AS s FROM grid;

SELECT is((SELECT seg_layout_nunits(s) FROM gs), 9, 'grid: 9 units');
SELECT is((SELECT seg_nedges(s) FROM gs), 20, 'grid: 12 rook + 8 diagonal queen edges');
SELECT is((SELECT count(*) FROM gs, seg_edges(s) WHERE rook), 12::bigint, 'grid: 12 rook edges');
SELECT ok((SELECT bool_and(CASE WHEN rook THEN length = 1 ELSE length = 0 END) FROM gs, seg_edges(s)),
          'grid: rook edges share length 1, corner contacts 0');
SELECT is((SELECT array_agg(unit_b ORDER BY unit_b::int) FROM gs, seg_edges(s) WHERE unit_a = '4'),
          '{5,6,7,8}'::text[], 'grid: the centre''s edges to higher keys');
SELECT is((SELECT seg_srid(s) FROM gs), 3006, 'SRID kept');
SELECT ok((SELECT NOT seg_is_geographic(s) AND seg_has_contiguity(s) FROM gs), 'EPSG:3006 is projected');

-- Per-unit numbers equal ST_Area / ST_Centroid / ST_Perimeter of the input.
CREATE TEMP TABLE odd AS
SELECT * FROM (VALUES
  (1, 'POLYGON((0 0, 10 0, 10 10, 0 10, 0 0), (2 2, 4 2, 4 4, 2 4, 2 2))'::geometry),
  (2, 'MULTIPOLYGON(((10 0, 12 0, 12 1, 10 1, 10 0)), ((20 0, 21 0, 21 3, 20 3, 20 0)))'::geometry),
  (3, 'POLYGON((10 1, 12 1, 11 7, 10 1))'::geometry)) v(id, geom);
SELECT ok((SELECT bool_and(l.area = ST_Area(o.geom) AND l.cx = ST_X(ST_Centroid(o.geom))
                   AND l.cy = ST_Y(ST_Centroid(o.geom)) AND l.perimeter = ST_Perimeter(o.geom))
           FROM seg_layout((SELECT segspace(id, geom) FROM odd)) l JOIN odd o ON o.id = l.unit::int),
          'area, centroid and perimeter are ST_Area, ST_Centroid, ST_Perimeter');
SELECT is((SELECT perimeter FROM seg_layout((SELECT segspace(id, geom) FROM odd)) WHERE unit = '1'),
          48::float8, 'perimeter includes the hole (40 + 8)');
SELECT is((SELECT area FROM seg_layout((SELECT segspace(id, geom) FROM odd)) WHERE unit = '1'),
          96::float8, 'area subtracts the hole');
SELECT is((SELECT array_agg(unit_a || '-' || unit_b || ':' || rook || ':' || length ORDER BY unit_a, unit_b)
           FROM seg_edges((SELECT segspace(id, geom) FROM odd))),
          '{1-2:true:1,1-3:false:0,2-3:true:2}'::text[],
          'shared lengths: 1 along x = 10, 2 along y = 1; the triangle touches 1 at (10 1) only');

-- T-junction: A spans two units above it; (1 1) is not a vertex of A.
SELECT is((SELECT array_agg(unit_a || unit_b || length ORDER BY unit_a, unit_b)
           FROM seg_edges((SELECT segspace(k, g) FROM (VALUES
             ('A', ST_MakeEnvelope(0, 0, 2, 1)), ('B', ST_MakeEnvelope(0, 1, 1, 2)),
             ('C', ST_MakeEnvelope(1, 1, 2, 2))) v(k, g)))),
          '{AB1,AC1,BC1}'::text[], 'T-junction found (libpysal vertex matching misses it)');

-- Keys: integers numerically, text bytewise.
SELECT is((SELECT array_agg(unit) FROM seg_layout((SELECT segspace(i, ST_MakeEnvelope(i, 0, i + 1, 1))
           FROM generate_series(12, 8, -1) i))), '{8,9,10,11,12}'::text[], 'integer keys sort numerically');
SELECT is((SELECT array_agg(unit) FROM seg_layout((SELECT segspace(k, ST_MakeEnvelope(n, 0, n + 1, 1))
           FROM (VALUES ('b', 1), ('B', 2), ('a10', 3), ('a9', 4)) v(k, n)))),
          '{B,a10,a9,b}'::text[], 'text keys sort bytewise');
SELECT ok((SELECT segspace(id, geom) FROM grid WHERE false) IS NULL, 'no rows: NULL');

-- Errors name the unit.
SELECT throws_ok($$SELECT segspace(id, CASE WHEN id = 4 THEN NULL ELSE geom END) FROM grid$$,
                 '22004', 'segspace: argument "geom" of unit 4 is NULL', 'NULL geometry');
SELECT throws_ok($$SELECT segspace(id, CASE WHEN id = 4 THEN 'POLYGON EMPTY' ELSE geom END) FROM grid$$,
                 '22023', 'segspace: argument "geom" of unit 4 is empty', 'empty geometry');
SELECT throws_ok($$SELECT segspace(id, CASE WHEN id = 4 THEN 'POLYGON((4 4, 5 5, 5 4, 4 5, 4 4))'
                   ELSE geom END) FROM grid$$,
                 '22023', 'segspace: argument "geom" of unit 4 is an invalid geometry', 'invalid geometry');
SELECT throws_ok($$SELECT segspace(id, CASE WHEN id = 4 THEN 'POINT(1 1)' ELSE geom END) FROM grid$$,
                 '22023', 'segspace: argument "geom" of unit 4 is a POINT, not a polygon or multipolygon',
                 'a point is not a unit');
-- Overlapping polygons (simplified published boundaries) are accepted.
-- A = [0,2]x[0,1] and B = [1.75,3]x[0,1] overlap in [1.75,2]x[0,1]: perimeter
-- 2.5, so they share 2.5 / 2 = 1.25; C = [0,3]x[1,2] lies on both (lines of
-- length 2 and 1.25); A and B keep their own areas 2 and 1.25.
CREATE TEMP TABLE ovl AS SELECT segspace(k, g) AS s FROM (VALUES
  ('A', ST_MakeEnvelope(0, 0, 2, 1, 3006)), ('B', ST_MakeEnvelope(1.75, 0, 3, 1, 3006)),
  ('C', ST_MakeEnvelope(0, 1, 3, 2, 3006))) v(k, g);
SELECT is((SELECT array_agg(unit_a || unit_b || ':' || rook || ':' || length ORDER BY unit_a, unit_b)
           FROM ovl, seg_edges(s)),
          '{AB:true:1.25,AC:true:2,BC:true:1.25}'::text[],
          'an overlap is a rook edge sharing half the intersection''s perimeter');
SELECT is((SELECT array_agg(unit || ':' || area ORDER BY unit) FROM ovl, seg_layout(s)),
          '{A:2,B:1.25,C:3}'::text[], 'overlapping units keep their own ST_Area');
SELECT is((SELECT array_agg(unit_a || unit_b || ':' || length ORDER BY unit_a, unit_b)
           FROM seg_edges((SELECT segspace(k, g) FROM (VALUES
             ('A', 'POLYGON((0 0, 4 0, 4 0.5, 0 0.5, 0 0))'::geometry),
             ('B', 'POLYGON((0 0.25, 4 0.25, 4 1, 0 1, 0 0.25))'::geometry)) v(k, g)))),
          '{AB:4.25}'::text[], 'a sliver 4 x 0.25 shares (4 + 0.25 + 4 + 0.25) / 2 = 4.25');
SELECT throws_ok($$SELECT segspace(id % 5, geom) FROM grid$$,
                 '22023', 'segspace: unit 0 appears more than once', 'duplicate unit');
SELECT throws_ok($$SELECT segspace(id, CASE WHEN id = 4 THEN ST_SetSRID(geom, 4326) ELSE geom END) FROM grid$$,
                 '22023', NULL, 'mixed SRIDs');
SELECT throws_ok($$SELECT segspace(NULL::int, geom) FROM grid$$, '22004', NULL, 'NULL unit');

-- Geographic SRIDs are recognised.
SELECT ok((SELECT seg_is_geographic(segspace(id, ST_Transform(geom, 4326))) FROM grid),
          'EPSG:4326 is geographic');
SELECT ok((SELECT NOT seg_is_geographic(segspace(id, ST_SetSRID(geom, 0))) FROM grid),
          'SRID 0 is planar');

-- Text form, binary form, seg_merge.
SELECT is((SELECT s::text::segspace::text FROM gs), (SELECT s::text FROM gs), 'text form round-trips');
SELECT is((SELECT segspace(s::bytea)::text FROM gs), (SELECT s::text FROM gs), 'bytea form round-trips');
SELECT is((SELECT seg_merge(p)::text FROM (SELECT segspace(id, geom) AS p FROM grid GROUP BY id % 2) x),
          (SELECT s::text FROM gs), 'seg_merge of two interleaved parts finds every edge again');
SELECT is((SELECT seg_merge(p)::text FROM (SELECT segspace(id, geom) AS p FROM grid GROUP BY id) x),
          (SELECT s::text FROM gs), 'seg_merge of one-unit layouts');
SELECT throws_ok($$SELECT seg_merge(p) FROM (SELECT segspace(id, geom) p FROM grid
                   UNION ALL SELECT segspace(id::text, geom) FROM grid) x$$,
                 '22023', NULL, 'seg_merge refuses mixed key kinds');
SELECT throws_ok($$SELECT seg_merge(p) FROM (SELECT segspace(id, geom) p FROM grid
                   UNION ALL SELECT segspace(id, geom) FROM grid WHERE id = 3) x$$,
                 '22023', 'segspace: unit 3 appears more than once', 'seg_merge refuses a unit in two parts');

-- Damaged values: every single-byte change is rejected with 22P03 or still
-- reads as a valid value; nothing else.
SELECT throws_ok($$SELECT segspace('\x0269'::bytea)$$, '22P03', NULL, 'unknown version');
SELECT throws_ok($$SELECT segspace(substring((SELECT s FROM gs)::bytea FROM 1 FOR 100))$$,
                 '22P03', NULL, 'truncated value');
SELECT throws_ok($$SELECT 'segspace1:zz'::segspace$$, '22P02', NULL, 'bad text form');
CREATE FUNCTION pg_temp.try(b bytea) RETURNS text LANGUAGE plpgsql AS $$
BEGIN
    PERFORM seg_nedges(segspace(b));
    RETURN 'valid';
EXCEPTION WHEN OTHERS THEN
    RETURN SQLSTATE;
END $$;
CREATE TEMP TABLE small AS
SELECT segspace(k, ST_MakeEnvelope(n, 0, n + 1, 1))::bytea AS b
FROM (VALUES ('a', 0), ('b', 1)) v(k, n);
CREATE TEMP TABLE mutated AS
SELECT i, pg_temp.try(set_byte(b, i, (get_byte(b, i) + 1) % 256)) AS r,
          pg_temp.try(set_byte(b, i, 255 - get_byte(b, i))) AS r2
FROM small, generate_series(0, length((SELECT b FROM small)) - 1) i;
SELECT is((SELECT count(*) FROM mutated WHERE r NOT IN ('valid', '22P03') OR r2 NOT IN ('valid', '22P03')),
          0::bigint, 'every mutated byte: 22P03 or a valid value');
SELECT ok((SELECT count(*) FILTER (WHERE r = '22P03') > 20 FROM mutated), 'most header mutations are caught');
SELECT throws_ok($$SELECT segspace(set_byte((SELECT b FROM small), 2, 4))$$, '22P03',
                 NULL, 'a partial aggregate state is not a value');

-- Parallel build equals serial.
CREATE FUNCTION pg_temp.plan_text(q text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE r record; out text := '';
BEGIN
    FOR r IN EXECUTE 'EXPLAIN (COSTS OFF) ' || q LOOP
        out := out || r."QUERY PLAN" || E'\n';
    END LOOP;
    RETURN out;
END $$;
CREATE TABLE tap_big AS
SELECT i * 40 + j AS id, ST_MakeEnvelope(i, j, i + 1, j + 1, 3006) AS geom
FROM generate_series(0, 39) i, generate_series(0, 39) j;
ANALYZE tap_big;
SET max_parallel_workers_per_gather = 0;
CREATE TEMP TABLE ser AS SELECT segspace(id, geom)::text AS s FROM tap_big;
CREATE TABLE tap_parts AS SELECT id / 40 AS col, segspace(id, geom) AS p FROM tap_big GROUP BY id / 40;
ANALYZE tap_parts;
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SET max_parallel_workers_per_gather = 2;
SELECT matches(pg_temp.plan_text('SELECT segspace(id, geom) FROM tap_big'),
               'Partial Aggregate', 'parallel plan for segspace');
SELECT is((SELECT segspace(id, geom)::text FROM tap_big), (SELECT s FROM ser),
          'parallel segspace equals serial');
SELECT matches(pg_temp.plan_text('SELECT seg_merge(p) FROM tap_parts'),
               'Partial Aggregate', 'parallel plan for seg_merge(segspace)');
SELECT is((SELECT seg_merge(p)::text FROM tap_parts), (SELECT s FROM ser),
          'parallel seg_merge of 40 column layouts equals the whole (edges between parts found)');
-- independent count on the 40 x 40 grid: rook pairs 2 * 40 * 39, diagonal pairs 2 * 39 * 39
SELECT is((SELECT seg_nedges(segspace(id, geom)) FROM tap_big), 2 * 40 * 39 + 2 * 39 * 39,
          'parallel segspace: queen edges of a 40 x 40 grid counted by hand');
SELECT is((SELECT count(*) FILTER (WHERE rook) FROM seg_edges((SELECT seg_merge(p) FROM tap_parts))),
          (2 * 40 * 39)::bigint, 'parallel seg_merge: rook edges of a 40 x 40 grid counted by hand');
RESET parallel_setup_cost;
RESET parallel_tuple_cost;
RESET min_parallel_table_scan_size;
RESET max_parallel_workers_per_gather;

SELECT * FROM finish();
ROLLBACK;
