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
INSERT INTO bench_sparse
SELECT 'wide', segtable(u, g, n) FROM (
  SELECT DISTINCT ON (u, g) u, g, 1 + (abs(hashint4(i + 17)) % 100) AS n
  FROM (SELECT i, 1 + abs(hashint4(i)) % 1000 AS u, 1 + abs(hashint4(i + 1000003)) % 10000 AS g
        FROM generate_series(1, 50050) i) c) d;
SELECT name, seg_nunits(t) AS units, seg_ngroups(t) AS groups, seg_ncells(t) AS cells,
       pg_size_pretty(pg_column_size(t)::bigint) AS stored
FROM bench_sparse ORDER BY name;
