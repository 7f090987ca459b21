-- Cluster benchmark (issue 12): the same queries on a local table
-- (persons_local) and on the same rows sharded by kommun over two nodes
-- (persons): postgres_fdw partitions set up by test/cluster/coordinator.sql,
-- or a Citus table set up by test/cluster/citus_setup.sql (psql variable
-- engine names which, for the heading).
-- Run through bench/cluster.  Each query is timed by clock_timestamp()
-- around a full fetch, in interleaved rounds after a warm-up round; the
-- median round is printed.  Not part of the test suite.
\set ON_ERROR_STOP 1
\pset footer off
SET client_min_messages = error;   -- Citus warns that pg_temp functions stay local
SET enable_partitionwise_aggregate = on;

CREATE FUNCTION pg_temp.run_ms(q text) RETURNS float8 LANGUAGE plpgsql AS $$
DECLARE t0 timestamptz := clock_timestamp(); n bigint;
BEGIN
    EXECUTE 'SELECT count(*) FROM (' || q || ') s' INTO n;
    RETURN 1000 * extract(epoch FROM clock_timestamp() - t0);
END $$;

CREATE TEMP TABLE forms (ord int, form text, q text);
INSERT INTO forms VALUES
 (1, 'GROUP BY kommun (shard key)',
  'SELECT kommun, segtable(unit, grp) FROM %s GROUP BY kommun'),
 (2, 'GROUP BY lan from rows',
  'SELECT lan, segtable(unit, grp) FROM %s GROUP BY lan'),
 (3, 'two-level: (lan, kommun) inside, seg_merge outside',
  'SELECT lan, seg_merge(t) FROM (SELECT lan, kommun, segtable(unit, grp) t FROM %s GROUP BY lan, kommun) s GROUP BY lan');

CREATE TEMP TABLE timings (ord int, side text, round int, ms float8);
-- Sides: the local table serial and with 2 parallel workers, and the shards.
DO $$
DECLARE f record; side text;
BEGIN
    FOR round IN 0..5 LOOP
        FOR f IN SELECT * FROM forms ORDER BY ord LOOP
            FOREACH side IN ARRAY ARRAY['local', 'local2', 'fdw'] LOOP
                PERFORM set_config('max_parallel_workers_per_gather',
                                   CASE side WHEN 'local2' THEN '2' ELSE '0' END, true);
                INSERT INTO timings VALUES
                    (f.ord, side, round,
                     pg_temp.run_ms(format(f.q, CASE side WHEN 'fdw' THEN 'persons'
                                                ELSE 'persons_local' END)));
            END LOOP;
        END LOOP;
    END LOOP;
END $$;

\echo
\if :{?engine}
\else
\set engine postgres_fdw
\endif
\echo === segindex on :engine: median of 5 rounds, ms; ratio = cluster / local (above 1: slower)
WITH m AS (SELECT ord, side, percentile_cont(0.5) WITHIN GROUP (ORDER BY ms) AS ms
           FROM timings WHERE round > 0 GROUP BY ord, side)
SELECT f.form,
       round(l.ms::numeric, 1) AS local_ms,
       round(l2.ms::numeric, 1) AS "local_2w_ms",
       round(r.ms::numeric, 1) AS cluster_ms,
       round((r.ms / l.ms)::numeric, 2) AS ratio,
       round((r.ms / l2.ms)::numeric, 2) AS "ratio_2w"
FROM forms f
JOIN m l ON l.ord = f.ord AND l.side = 'local'
JOIN m l2 ON l2.ord = f.ord AND l2.side = 'local2'
JOIN m r ON r.ord = f.ord AND r.side = 'fdw'
ORDER BY f.ord;
