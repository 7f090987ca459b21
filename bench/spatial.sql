-- Benchmark of segspace and the spatial indices (issue 8); not a test.
-- psql variables: side (grid side, units = side^2), on2 (1 = also time the
-- O(n^2) distance-decay measures).  Prints seconds and the ratio to a bare
-- scan of the same rows.
SET client_min_messages = warning;
SET jit = off;
CREATE EXTENSION IF NOT EXISTS segindex CASCADE;
DROP TABLE IF EXISTS bench_grid, bench_res;
CREATE TABLE bench_grid AS
SELECT i * :side + j AS id,
       ST_MakeEnvelope(500000 + 100 * i, 6500000 + 100 * j, 500100 + 100 * i, 6500100 + 100 * j, 3006) AS geom,
       ((i * 7919 + j * 104729) % 97)::float8 AS x,
       (50 + (i * 31 + j * 17) % 150)::float8 AS y
FROM generate_series(0, :side - 1) i, generate_series(0, :side - 1) j;
VACUUM ANALYZE bench_grid;
CREATE TABLE bench_res (step text, seconds float8, value float8);

CREATE FUNCTION pg_temp.timed(step text, q text) RETURNS void LANGUAGE plpgsql AS $$
DECLARE t0 timestamptz := clock_timestamp(); v float8;
BEGIN
    EXECUTE q INTO v;
    INSERT INTO bench_res VALUES (step, extract(epoch FROM clock_timestamp() - t0), v);
END $$;

SELECT pg_temp.timed('bare scan: count, sum(ST_Area)', 'SELECT count(*) + sum(ST_Area(geom)) FROM bench_grid');
SELECT pg_temp.timed('segspace(id, geom) build', 'SELECT seg_nedges(segspace(id, geom)) FROM bench_grid');
CREATE TABLE bench_s AS SELECT segspace(id, geom) AS s FROM bench_grid;
CREATE TABLE bench_t AS
SELECT segtable(id, g, n) AS t FROM bench_grid, LATERAL (VALUES ('x', x), ('y', y)) v(g, n) WHERE n > 0;
SELECT pg_temp.timed('seg_delta', 'SELECT seg_delta(t, s, ''x'') FROM bench_t, bench_s');
SELECT pg_temp.timed('seg_absolute_concentration', 'SELECT seg_absolute_concentration(t, s, ''x'') FROM bench_t, bench_s');
SELECT pg_temp.timed('seg_absolute_centralization', 'SELECT seg_absolute_centralization(t, s, ''x'') FROM bench_t, bench_s');
SELECT pg_temp.timed('seg_spatial_dissimilarity', 'SELECT seg_spatial_dissimilarity(t, s, ''x'') FROM bench_t, bench_s');
SELECT pg_temp.timed('seg_boundary_dissimilarity', 'SELECT seg_boundary_dissimilarity(t, s, ''x'') FROM bench_t, bench_s');
SELECT pg_temp.timed('seg_absolute_clustering rook', 'SELECT seg_absolute_clustering(t, s, ''x'', ''rook'') FROM bench_t, bench_s');
\if :on2
SELECT pg_temp.timed('seg_absolute_clustering (O(n^2))', 'SELECT seg_absolute_clustering(t, s, ''x'') FROM bench_t, bench_s');
SELECT pg_temp.timed('seg_spatial_proximity (O(n^2))', 'SELECT seg_spatial_proximity(t, s, ''x'') FROM bench_t, bench_s');
\endif

\pset footer off
SELECT :side * :side AS units, step, round(seconds::numeric, 3) AS seconds,
       round((seconds / (SELECT seconds FROM bench_res WHERE step LIKE 'bare%'))::numeric, 1) AS x_bare_scan,
       value
FROM bench_res;
SELECT pg_size_pretty(pg_column_size(s)::bigint) AS segspace_size FROM bench_s;
DROP TABLE bench_grid, bench_res, bench_s, bench_t;
