-- Inference benchmark (issue 11).  Run through bench/inference, which sets
-- :reps and starts a throwaway cluster.  Not part of the test suite.
--
-- Table: 6,000 DeSO-like units x 5 groups, about 21 million persons
-- (integer cells, a unit-specific tilt so M is far from 0); and the same
-- table with every count x 100 (about 2 billion persons) to show that a
-- replicate costs O(cells), not O(persons).  Measured side by side:
--   (1) :reps x seg_mutual_information of the table (the statistic alone);
--   (2) seg_bootstrap_summary(t, :reps)          (draw + M and H in C);
--   (3) seg_bootstrap(t, :reps) with M of each replicate in SQL;
--   (4) (2) on the x 100 table.

\set ON_ERROR_STOP 1
\pset footer off
\timing off
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS segindex CASCADE;

CREATE TEMP TABLE nat AS
SELECT segtable(d, g, n) AS t FROM (
    SELECT d, g, round(1750 * power(u, 1 + tilt) * (1 + tilt * (g - 3) / 2.5))::float8 + 1 AS n
    FROM (SELECT d, g, (abs(hashint4(d * 5 + g)) % 1000) / 1000.0 AS u,
                 (abs(hashint4(d + 7919)) % 1001) / 1000.0 AS tilt
          FROM generate_series(0, 5999) d, generate_series(1, 5) g) a) b;
CREATE TEMP TABLE nat100 AS SELECT segtable(unit, grp, n * 100) AS t FROM nat, seg_cells(nat.t);
SELECT seg_nunits(t) AS units, seg_ngroups(t) AS groups, seg_ncells(t) AS cells,
       seg_total(t) AS persons, round(seg_mutual_information(t)::numeric, 4) AS m FROM nat;

CREATE FUNCTION pg_temp.ms(q text) RETURNS float8 LANGUAGE plpgsql AS $$
DECLARE t0 timestamptz := clock_timestamp();
BEGIN
    EXECUTE q;
    RETURN extract(epoch FROM clock_timestamp() - t0) * 1000;
END $$;

SELECT pg_temp.ms('SELECT count(*) FROM nat, generate_series(1, 5)') AS warmup \gset
SELECT pg_temp.ms(format('SELECT sum(seg_mutual_information(t)) FROM nat, generate_series(1, %s)', :reps)) AS stat_ms \gset
SELECT pg_temp.ms(format('SELECT * FROM nat, seg_bootstrap_summary(nat.t, %s, 1)', :reps)) AS summary_ms \gset
SELECT pg_temp.ms(format('SELECT sum(seg_mutual_information(b.t)) FROM nat, seg_bootstrap(nat.t, %s, 1) b', :reps)) AS tables_ms \gset
SELECT pg_temp.ms(format('SELECT * FROM nat100, seg_bootstrap_summary(nat100.t, %s, 1)', :reps)) AS summary100_ms \gset

\echo
\echo === :reps bootstrap replicates of a 6000 x 5 table
SELECT round(:stat_ms::numeric) AS "statistic x reps (ms)",
       round(:summary_ms::numeric) AS "seg_bootstrap_summary (ms)",
       round(:tables_ms::numeric) AS "seg_bootstrap + M in SQL (ms)",
       round(:summary100_ms::numeric) AS "summary, persons x 100 (ms)",
       round((:summary_ms / :stat_ms)::numeric, 2) AS "summary / statistic",
       round((:tables_ms / :summary_ms)::numeric, 2) AS "tables / summary",
       round((:summary100_ms / :summary_ms)::numeric, 2) AS "x100 persons / x1";
