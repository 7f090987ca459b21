-- Egohood benchmark (issue 8, section 3).  Run through bench/egohood, which
-- sets :units and starts a throwaway cluster.  Not part of the test suite.
--
-- Layout: :units squares (side 80 m) on a 100 m grid in EPSG:3006, five
-- groups whose shares drift across the area, about 100 persons per unit.
-- A 400 m bandwidth holds about 50 centroids (pi 400^2 / 100^2).  The
-- population threshold for k-nearest-population egohoods is 50 units' worth.
--
-- Each query runs once as a warm-up, then three times; the median is shown
-- with its ratio to a bare scan of the cell rows.

\set ON_ERROR_STOP 1
\pset footer off
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS segindex CASCADE;
SET max_parallel_workers_per_gather = 0;

\echo
\echo === egohood benchmark: :units units
\echo

CREATE UNLOGGED TABLE bench_units AS
SELECT u, (u % side) * 100.0 AS x, (u / side) * 100.0 AS y
FROM (SELECT ceil(sqrt(:units))::int AS side) s, generate_series(0, :units - 1) u;
CREATE UNLOGGED TABLE bench_cells AS
SELECT u, g, floor(40 * power(r, 1 + g * ((x + y) / (2 * side * 100.0))))::float8 AS n
FROM bench_units, (SELECT ceil(sqrt(:units))::int AS side) s, generate_series(1, 5) g,
     LATERAL (SELECT (abs(hashint4(u * 5 + g)) % 1000) / 1000.0 AS r) h;
VACUUM ANALYZE bench_units;
VACUUM ANALYZE bench_cells;

\timing on
\echo --- building the segtable and the segspace (once)
CREATE UNLOGGED TABLE bench_input AS
SELECT (SELECT segtable(u, g, n) FROM bench_cells) AS t,
       (SELECT segspace(u, ST_MakeEnvelope(x - 40, y - 40, x + 40, y + 40, 3006)) FROM bench_units) AS s;
\timing off
SELECT seg_nunits(t) AS units, seg_ncells(t) AS cells, seg_total(t) AS persons,
       pg_size_pretty(pg_column_size(t)::bigint) AS segtable_size,
       pg_size_pretty(pg_column_size(s)::bigint) AS segspace_size
FROM bench_input;

CREATE FUNCTION pg_temp.ms(query text) RETURNS float8 LANGUAGE plpgsql AS $$
DECLARE
    t0 timestamptz;
    runs float8[] := '{}';
BEGIN
    EXECUTE query;                      -- warm-up
    FOR i IN 1..3 LOOP
        t0 := clock_timestamp();
        EXECUTE query;
        runs := runs || extract(epoch FROM clock_timestamp() - t0)::float8 * 1000;
    END LOOP;
    RETURN (SELECT percentile_disc(0.5) WITHIN GROUP (ORDER BY r) FROM unnest(runs) r);
END $$;

CREATE TEMP TABLE results (what text, ms float8);
INSERT INTO results VALUES
 ('bare scan of the cell rows', pg_temp.ms('SELECT count(*), sum(n) FROM bench_cells')),
 ('segtable build from the cell rows', pg_temp.ms('SELECT seg_total(segtable(u, g, n)) FROM bench_cells')),
 ('aspatial multigroup D', pg_temp.ms('SELECT seg_dissimilarity(t) FROM bench_input')),
 ('egohood 400 m (triangular) + D', pg_temp.ms('SELECT seg_dissimilarity(seg_egohood(t, s, 400)) FROM bench_input')),
 ('egohood 400 m (gaussian, rounded) + D', pg_temp.ms($q$SELECT seg_dissimilarity(seg_egohood(t, s, 400, 'gaussian', true)) FROM bench_input$q$)),
 ('knn egohood, 50 units'' population + D', pg_temp.ms('SELECT seg_dissimilarity(seg_egohood_knn(t, s, 50 * seg_total(t) / seg_nunits(t))) FROM bench_input')),
 ('Folch-Rey LRC, k = 5, every unit', pg_temp.ms('SELECT count(lrc) FROM bench_input, seg_local_relative_centralization(t, s, 1)'));

SELECT what, round(ms::numeric, 1) AS ms,
       round((ms / (SELECT ms FROM results WHERE what LIKE 'bare%'))::numeric, 1) AS x_bare_scan
FROM results;

SELECT round(avg(c)::numeric, 1) AS mean_centroids_within_400m
FROM (SELECT count(*) AS c FROM bench_units a JOIN bench_units b
      ON b.x BETWEEN a.x - 400 AND a.x + 400 AND b.y BETWEEN a.y - 400 AND a.y + 400
         AND (a.x - b.x)^2 + (a.y - b.y)^2 <= 400^2
      WHERE a.u % 997 = 0 GROUP BY a.u) q;

DROP TABLE bench_input, bench_cells, bench_units;
