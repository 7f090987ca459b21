-- Run by test/cluster/run against the coordinator it sets up: persons is
-- hash-partitioned by kommun over two postgres_fdw shards, persons_local
-- holds the same rows on the coordinator.
BEGIN;
CREATE EXTENSION IF NOT EXISTS pgtap;
SET enable_partitionwise_aggregate = on;
SELECT plan(16);

CREATE FUNCTION pg_temp.plan_text(q text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE r record; out text := '';
BEGIN
    FOR r IN EXECUTE 'EXPLAIN (VERBOSE, COSTS OFF) ' || q LOOP
        out := out || r."QUERY PLAN" || E'\n';
    END LOOP;
    RETURN out;
END $$;
-- Pushed down: each shard's Remote SQL runs the aggregate (pattern agg) and
-- no aggregate node of the coordinator computes it from rows.
CREATE FUNCTION pg_temp.pushed_down(q text, agg text) RETURNS boolean LANGUAGE sql AS $$
    SELECT (SELECT count(*) FROM regexp_matches(pg_temp.plan_text(q),
                'Remote SQL: SELECT [^\n]*public\.' || agg || '\(', 'g')) = 2
       AND pg_temp.plan_text(q) !~ ('(Aggregate|Partial)[^\n]*\n\s*Output: [^\n]*' || agg || '\(persons')
$$;

SELECT ok(pg_temp.pushed_down('SELECT kommun, segtable(unit, grp) FROM persons GROUP BY kommun', 'segtable'),
          'GROUP BY kommun: segtable() runs on the shards');
SELECT ok(pg_temp.pushed_down('SELECT kommun, seg_dissimilarity(unit, grp) FROM persons GROUP BY kommun', 'seg_dissimilarity'),
          'GROUP BY kommun: seg_dissimilarity(unit, grp) runs on the shards');
SELECT ok(pg_temp.pushed_down('SELECT kommun, seg_isolation(unit, grp = 1, w) FROM persons GROUP BY kommun', 'seg_isolation'),
          'GROUP BY kommun: seg_isolation(unit, in_group, weight) runs on the shards');
SELECT ok(pg_temp.pushed_down('SELECT lan, seg_merge(t) FROM (SELECT lan, kommun, segtable(unit, grp) t
                                 FROM persons GROUP BY lan, kommun) s GROUP BY lan', 'segtable'),
          'two-level: the inner segtable() by (lan, kommun) runs on the shards');
SELECT ok(pg_temp.plan_text('SELECT lan, segtable(unit, grp) FROM persons GROUP BY lan')
              !~ 'Remote SQL: [^\n]*segtable',
          'GROUP BY lan from rows: PostgreSQL 15 pulls the rows (no partial aggregate push-down)');

-- Results equal the same queries on the local table, bit for bit.
CREATE TEMP TABLE k_fdw AS
SELECT kommun, segtable(unit, grp) AS t, segtable(unit, grp, w) AS tw,
       seg_dissimilarity(unit, grp) AS d, seg_entropy_index(unit, grp, w) AS h,
       seg_isolation(unit, grp = 1, w) AS p
FROM persons GROUP BY kommun;
CREATE TEMP TABLE k_loc AS
SELECT kommun, segtable(unit, grp) AS t, segtable(unit, grp, w) AS tw,
       seg_dissimilarity(unit, grp) AS d, seg_entropy_index(unit, grp, w) AS h,
       seg_isolation(unit, grp = 1, w) AS p
FROM persons_local GROUP BY kommun;
SELECT is((SELECT count(*) FROM k_fdw JOIN k_loc USING (kommun)), 30::bigint, 'all 30 kommuner on both sides');
SELECT is((SELECT count(*) FROM k_fdw JOIN k_loc USING (kommun) WHERE k_fdw.t::bytea <> k_loc.t::bytea),
          0::bigint, 'kommun segtable(unit, grp): same bytes');
SELECT is((SELECT count(*) FROM k_fdw JOIN k_loc USING (kommun) WHERE k_fdw.tw::bytea <> k_loc.tw::bytea),
          0::bigint, 'kommun segtable(unit, grp, w): same bytes');
SELECT is((SELECT count(*) FROM k_fdw JOIN k_loc USING (kommun)
           WHERE k_fdw.d IS DISTINCT FROM k_loc.d OR k_fdw.h IS DISTINCT FROM k_loc.h
              OR k_fdw.p IS DISTINCT FROM k_loc.p),
          0::bigint, 'kommun D, H and isolation: same values');

CREATE TEMP TABLE lan_loc AS
SELECT lan, segtable(unit, grp) AS t FROM persons_local GROUP BY lan;
SELECT is((SELECT count(*) FROM lan_loc
           FULL JOIN (SELECT lan, seg_merge(t) AS t
                      FROM (SELECT lan, kommun, segtable(unit, grp) t FROM persons GROUP BY lan, kommun) s
                      GROUP BY lan) f USING (lan)
           WHERE f.t::bytea IS DISTINCT FROM lan_loc.t::bytea),
          0::bigint, 'two-level on the shards: same bytes as segtable() by lan on the local table');
SELECT is((SELECT count(*) FROM lan_loc
           FULL JOIN (SELECT lan, segtable(unit, grp) AS t FROM persons GROUP BY lan) f USING (lan)
           WHERE f.t::bytea IS DISTINCT FROM lan_loc.t::bytea),
          0::bigint, 'GROUP BY lan from the shards'' rows: same bytes');
SELECT is((SELECT count(*) FROM lan_loc
           FULL JOIN (SELECT lan, seg_dissimilarity(seg_merge(t)) AS d
                      FROM (SELECT lan, kommun, segtable(unit, grp) t FROM persons GROUP BY lan, kommun) s
                      GROUP BY lan) f USING (lan)
           WHERE f.d IS DISTINCT FROM seg_dissimilarity(lan_loc.t)),
          0::bigint, 'two-level D by lan: same values');

-- Riket from stored per-kommun values, computed on the shards.
CREATE TEMP TABLE stored AS
SELECT kommun, segtable(unit, grp) AS t FROM persons GROUP BY kommun;
SELECT is((SELECT seg_merge(t)::bytea FROM stored),
          (SELECT segtable(unit, grp)::bytea FROM persons_local),
          'riket: seg_merge of stored kommun values = segtable() over all local rows, bytes');
SELECT is((SELECT seg_mutual_information(seg_merge(t)) FROM stored),
          (SELECT seg_mutual_information(unit, grp) FROM persons_local),
          'riket: mutual information of the merge = over all local rows');

-- Independent checks in plain SQL: the cells are the GROUP BY counts, and
-- two-group D of one kommun is 1/2 sum |a_i/A - b_i/B|.
SELECT is((SELECT count(*)
           FROM (SELECT c.unit, c.grp, c.n FROM stored, seg_cells(t) c) s
           FULL JOIN (SELECT unit, grp::text AS grp, count(*)::float8 AS n FROM persons_local
                      WHERE grp IS NOT NULL GROUP BY 1, 2) r USING (unit, grp)
           WHERE s.n IS DISTINCT FROM r.n),
          0::bigint, 'stored cells from the shards equal a GROUP BY count on the local table');
WITH u AS (SELECT kommun, unit, count(*) FILTER (WHERE grp = 1)::float8 AS a,
                  count(*) FILTER (WHERE grp <> 1)::float8 AS b
           FROM persons_local WHERE grp IS NOT NULL GROUP BY 1, 2),
     tot AS (SELECT kommun, sum(a) AS sa, sum(b) AS sb FROM u GROUP BY kommun),
     r AS (SELECT kommun, 0.5 * sum(abs(a / sa - b / sb)) AS d FROM u JOIN tot USING (kommun)
           GROUP BY kommun),
     f AS (SELECT kommun, seg_dissimilarity(unit, grp = 1) AS d FROM persons GROUP BY kommun)
SELECT ok(count(*) = 30 AND max(abs(f.d - r.d)) < 1e-12,
          'two-group D by kommun on the shards = 1/2 sum |a_i/A - b_i/B| in SQL')
FROM f JOIN r USING (kommun);

SELECT * FROM finish();
ROLLBACK;
