-- Sparse-core benchmark (issue 7, item 1): fixtures.  Run through
-- bench/sparse, which times each measure in a fresh backend.  Not a test.
--
--   diag:  segtable(i, i) for i = 1..100,000 (100,000 units, 100,000
--          groups, 100,000 cells; dense it would be 10^10 cells, 80 GB)
--   wide:  1,000 units x 10,000 groups with 50,000 random cells
\set ON_ERROR_STOP 1
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS segindex CASCADE;
DROP TABLE IF EXISTS bench_sparse;
CREATE TABLE bench_sparse (name text PRIMARY KEY, t segtable);
INSERT INTO bench_sparse SELECT 'diag', segtable(i, i) FROM generate_series(1, 100000) i;
-- cell i (0..49999): group i / 5, unit 389 i mod 1000 (distinct within a group)
INSERT INTO bench_sparse
SELECT 'wide', segtable(1 + (i * 389) % 1000, 1 + i / 5, 1 + abs(hashint4(i)) % 100)
FROM generate_series(0, 49999) i;
SELECT name, seg_nunits(t) AS units, seg_ngroups(t) AS groups, seg_ncells(t) AS cells,
       pg_size_pretty(pg_column_size(t)::bigint) AS stored
FROM bench_sparse ORDER BY name;
