-- Run by test/cluster/citus against the Citus coordinator it sets up:
-- persons is distributed by kommun over two workers, persons_local holds
-- the same rows on the coordinator.
BEGIN;
CREATE EXTENSION IF NOT EXISTS pgtap;
SET LOCAL client_min_messages = error;
SELECT plan(12);

CREATE FUNCTION pg_temp.plan_text(q text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE r record; out text := '';
BEGIN
    FOR r IN EXECUTE 'EXPLAIN (VERBOSE, COSTS OFF) ' || q LOOP
        out := out || r."QUERY PLAN" || E'\n';
    END LOOP;
    RETURN out;
END $$;

SELECT ok(pg_temp.plan_text('SELECT kommun, segtable(unit, grp) FROM persons GROUP BY kommun')
              ~ '^Custom Scan \(Citus Adaptive\)'
          AND pg_temp.plan_text('SELECT kommun, segtable(unit, grp) FROM persons GROUP BY kommun')
              ~ 'Query: SELECT [^\n]*public\.segtable\(',
          'Citus, GROUP BY kommun: segtable() runs on the workers, nothing aggregates on the coordinator');
SELECT ok(pg_temp.plan_text('SELECT kommun, seg_dissimilarity(unit, grp) FROM persons GROUP BY kommun')
              ~ '^Custom Scan \(Citus Adaptive\)'
          AND pg_temp.plan_text('SELECT kommun, seg_dissimilarity(unit, grp) FROM persons GROUP BY kommun')
              ~ 'Query: SELECT [^\n]*public\.seg_dissimilarity\(',
          'Citus, GROUP BY kommun: seg_dissimilarity(unit, grp) runs on the workers');
SELECT ok(pg_temp.plan_text('SELECT lan, seg_merge(t) FROM (SELECT lan, kommun, segtable(unit, grp) t
                               FROM persons GROUP BY lan, kommun) s GROUP BY lan')
              ~ 'Query: SELECT [^\n]*public\.segtable\(',
          'Citus, two-level: the inner segtable() runs on the workers');
SELECT ok(pg_temp.plan_text('SELECT lan, segtable(unit, grp) FROM persons GROUP BY lan')
              !~ 'Query: [^\n]*segtable\(',
          'Citus, GROUP BY lan from rows: rows are pulled (internal state cannot be shipped)');

CREATE TEMP TABLE k_cit AS
SELECT kommun, segtable(unit, grp) AS t, segtable(unit, grp, w) AS tw,
       seg_dissimilarity(unit, grp) AS d, seg_entropy_index(unit, grp, w) AS h,
       seg_isolation(unit, grp = 1, w) AS p
FROM persons GROUP BY kommun;
CREATE TEMP TABLE k_loc AS
SELECT kommun, segtable(unit, grp) AS t, segtable(unit, grp, w) AS tw,
       seg_dissimilarity(unit, grp) AS d, seg_entropy_index(unit, grp, w) AS h,
       seg_isolation(unit, grp = 1, w) AS p
FROM persons_local GROUP BY kommun;
SELECT is((SELECT count(*) FROM k_cit JOIN k_loc USING (kommun)), 30::bigint, 'Citus: all 30 kommuner');
SELECT is((SELECT count(*) FROM k_cit JOIN k_loc USING (kommun)
           WHERE k_cit.t::bytea <> k_loc.t::bytea OR k_cit.tw::bytea <> k_loc.tw::bytea),
          0::bigint, 'Citus, kommun segtable() with and without weights: same bytes');
SELECT is((SELECT count(*) FROM k_cit JOIN k_loc USING (kommun)
           WHERE k_cit.d IS DISTINCT FROM k_loc.d OR k_cit.h IS DISTINCT FROM k_loc.h
              OR k_cit.p IS DISTINCT FROM k_loc.p),
          0::bigint, 'Citus, kommun D, H and isolation: same values');

-- Distributed results go into temp tables first: Citus would plan a join of
-- a distributed query with a coordinator temp table over a connection that
-- cannot see it.
CREATE TEMP TABLE lan_loc AS
SELECT lan, segtable(unit, grp) AS t FROM persons_local GROUP BY lan;
CREATE TEMP TABLE lan_two AS
SELECT lan, seg_merge(t) AS t
FROM (SELECT lan, kommun, segtable(unit, grp) t FROM persons GROUP BY lan, kommun) s
GROUP BY lan;
CREATE TEMP TABLE lan_rows AS
SELECT lan, segtable(unit, grp) AS t FROM persons GROUP BY lan;
SELECT is((SELECT count(*) FROM lan_loc FULL JOIN lan_two f USING (lan)
           WHERE f.t::bytea IS DISTINCT FROM lan_loc.t::bytea),
          0::bigint, 'Citus, two-level: same bytes as segtable() by lan on the local table');
SELECT is((SELECT count(*) FROM lan_loc FULL JOIN lan_rows f USING (lan)
           WHERE f.t::bytea IS DISTINCT FROM lan_loc.t::bytea),
          0::bigint, 'Citus, GROUP BY lan from rows: same bytes');
SELECT is((SELECT seg_merge(t)::bytea FROM k_cit),
          (SELECT segtable(unit, grp)::bytea FROM persons_local),
          'Citus, riket: seg_merge of stored kommun values = segtable() over all local rows');

SET LOCAL citus.coordinator_aggregation_strategy = 'disabled';
SELECT throws_like('SELECT lan, segtable(unit, grp) FROM persons GROUP BY lan',
                   '%unsupported aggregate function segtable%',
                   'Citus without coordinator aggregation: a non-key grouping of an internal-state aggregate is refused');
RESET citus.coordinator_aggregation_strategy;
SELECT lives_ok('SELECT kommun, segtable(unit, grp) FROM persons GROUP BY kommun',
                'Citus without coordinator aggregation: GROUP BY kommun still runs');

SELECT * FROM finish();
ROLLBACK;
