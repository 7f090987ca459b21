-- seg_crosswalk benchmark (issue 10).  Run through bench/geographies, which
-- sets :units and :cell and starts a throwaway cluster; not part of the
-- test suite.
--
-- Data: :units Voronoi polygons (a stand-in for the 5,984 DeSO) over a
-- 400 km x 1,100 km rectangle in SWEREF 99 TM, seeds denser in the south
-- as the population is; a :cell m grid over the rectangle (the 1 km grid of
-- Sweden has the same order of cells).  Both GiST-indexed.
--
-- Timed side by side in :rounds interleaved rounds (median) after a warm-up:
--   (1) the bare GiST join: count(*) of ST_Intersects pairs;
--   (2) the join with ST_Area(ST_Intersection(...)) per pair, in plain SQL;
--   (3) seg_crosswalk (validity and SRID checks, the join, areas, weights,
--       outside and unreached rows).

\set ON_ERROR_STOP 1
\pset footer off
\timing off
SET client_min_messages = warning;
SET jit = off;
SELECT set_config('bench.rounds', :'rounds', false) AS rounds;
CREATE EXTENSION IF NOT EXISTS segindex CASCADE;

CREATE UNLOGGED TABLE bench_units AS
SELECT row_number() OVER () AS id, ST_Multi(g.geom)::geometry(MultiPolygon, 3006) AS geom
FROM (SELECT (ST_Dump(ST_VoronoiPolygons(ST_Collect(p), 0, env))).geom
      FROM (SELECT ST_SetSRID(ST_MakePoint(300000 + 400000 * (abs(hashint4(s)::bigint) % 1000003) / 1000003.0,
                                           6150000 + 1100000 * power((abs(hashint4(s + 7)::bigint) % 1000003) / 1000003.0, 2)),
                              3006) AS p
            FROM generate_series(1, :units) s) pts,
           (SELECT ST_MakeEnvelope(300000, 6150000, 700000, 7250000, 3006) AS env) e
      GROUP BY env) v(geom)
CROSS JOIN LATERAL (SELECT ST_Intersection(v.geom, ST_MakeEnvelope(300000, 6150000, 700000, 7250000, 3006)) AS geom) g;
CREATE UNLOGGED TABLE bench_grid AS
SELECT i * 100000 + j AS id, ST_MakeEnvelope(300000 + i * :cell, 6150000 + j * :cell,
                                              300000 + (i + 1) * :cell, 6150000 + (j + 1) * :cell, 3006) AS geom
FROM generate_series(0, 400000 / :cell - 1) i, generate_series(0, 1100000 / :cell - 1) j;
CREATE INDEX ON bench_units USING gist (geom);
CREATE INDEX ON bench_grid USING gist (geom);
VACUUM ANALYZE bench_units;
VACUUM ANALYZE bench_grid;
SELECT count(*) AS units FROM bench_units;
SELECT count(*) AS cells FROM bench_grid;

CREATE FUNCTION pg_temp.ms(q text) RETURNS float8 LANGUAGE plpgsql AS $$
DECLARE t0 timestamptz; n bigint;
BEGIN
    t0 := clock_timestamp();
    EXECUTE q INTO n;
    RETURN extract(epoch FROM clock_timestamp() - t0) * 1000;
END $$;
CREATE TEMP TABLE timings (item text, round int, ms float8);
DO $$
DECLARE
    items text[] := ARRAY['1 bare GiST join', '2 join + ST_Intersection areas', '3 seg_crosswalk'];
    qs text[] := ARRAY[
        'SELECT count(*) FROM bench_units s JOIN bench_grid t ON ST_Intersects(s.geom, t.geom)',
        'SELECT count(*) FROM (SELECT ST_Area(ST_Intersection(s.geom, t.geom)) FROM bench_units s JOIN bench_grid t ON ST_Intersects(s.geom, t.geom)) x',
        'SELECT count(*) FROM seg_crosswalk(''bench_units'', ''id'', ''geom'', ''bench_grid'', ''id'', ''geom'')'];
BEGIN
    PERFORM pg_temp.ms(qs[1]);   -- warm-up: reads both tables and indexes
    FOR r IN 1 .. current_setting('bench.rounds')::int LOOP
        FOR i IN 1 .. 3 LOOP
            INSERT INTO timings SELECT items[i], r, pg_temp.ms(qs[i]);
        END LOOP;
    END LOOP;
END $$;
SELECT count(*) AS crosswalk_rows FROM seg_crosswalk('bench_units', 'id', 'geom', 'bench_grid', 'id', 'geom');
\echo === medians of :rounds rounds (ms) and ratio to the bare GiST join
SELECT item, round(med::numeric, 0) AS median_ms,
       round((med / first_value(med) OVER (ORDER BY item))::numeric, 2) AS ratio
FROM (SELECT item, percentile_cont(0.5) WITHIN GROUP (ORDER BY ms) AS med
      FROM timings WHERE round > 0 GROUP BY item) m
ORDER BY item;
