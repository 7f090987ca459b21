-- Transition functions called without a call expression (issue 12): Citus's
-- worker_partial_agg and OidFunctionCall-style callers build the FmgrInfo
-- with fmgr_info() alone, so the key types must come from pg_proc.  The
-- test-only module test/fncall (make install-test-modules) supplies
-- seg_fncall_sfunc, which calls a transition function that way; results
-- must equal the same aggregate called normally, and an independent count.
BEGIN;
CREATE EXTENSION IF NOT EXISTS pgtap;
CREATE EXTENSION IF NOT EXISTS segindex CASCADE;

DO $$
BEGIN
    CREATE FUNCTION seg_fncall_sfunc(internal, regprocedure, "any", "any")
    RETURNS internal AS 'seg_fncall_test', 'seg_fncall_sfunc' LANGUAGE C;
    CREATE FUNCTION seg_fncall_sfunc(internal, regprocedure, "any", "any", "any")
    RETURNS internal AS 'seg_fncall_test', 'seg_fncall_sfunc' LANGUAGE C;
EXCEPTION WHEN undefined_file THEN
    RAISE NOTICE 'seg_fncall_test is not installed';
END $$;
SELECT to_regprocedure('seg_fncall_sfunc(internal,regprocedure,"any","any")') IS NOT NULL
       AS have_harness \gset

\if :have_harness
SELECT plan(28);

CREATE AGGREGATE fncall_segtable(regprocedure, "any", "any") (
    SFUNC = seg_fncall_sfunc, STYPE = internal, FINALFUNC = segtable_final);
CREATE AGGREGATE fncall_segtable(regprocedure, "any", "any", "any") (
    SFUNC = seg_fncall_sfunc, STYPE = internal, FINALFUNC = segtable_final);
CREATE AGGREGATE fncall_dissimilarity(regprocedure, "any", "any") (
    SFUNC = seg_fncall_sfunc, STYPE = internal, FINALFUNC = seg_dissimilarity_final);
CREATE AGGREGATE fncall_dissimilarity(regprocedure, "any", "any", "any") (
    SFUNC = seg_fncall_sfunc, STYPE = internal, FINALFUNC = seg_dissimilarity_final);
CREATE AGGREGATE fncall_incomestats(regprocedure, "any", "any") (
    SFUNC = seg_fncall_sfunc, STYPE = internal, FINALFUNC = seg_incomestats_final);
CREATE AGGREGATE fncall_incomestats(regprocedure, "any", "any", "any") (
    SFUNC = seg_fncall_sfunc, STYPE = internal, FINALFUNC = seg_incomestats_final);
CREATE AGGREGATE fncall_isolation(regprocedure, "any", "any") (
    SFUNC = seg_fncall_sfunc, STYPE = internal, FINALFUNC = seg_member_isolation_final);

-- 3,000 rows over 37 units and 4 groups, some NULL keys, fractional weights.
CREATE TEMP TABLE fc AS
SELECT i, CASE WHEN i % 101 = 0 THEN NULL ELSE ((i * 7919) % 37)::bigint END AS u,
       'u' || (i * 7919) % 37 AS ut,
       CASE WHEN i % 211 = 0 THEN NULL ELSE (1 + (i * 31 + i / 7) % 4)::bigint END AS g,
       'g' || (1 + (i * 31 + i / 7) % 4) AS gt,
       ((i % 5) + 1) * 0.5::float8 AS w,
       (i * 31 + i / 7) % 4 = 0 AS member
FROM generate_series(1, 3000) i;
-- Wide form: one row per unit with its counts for groups 1..4.
CREATE TEMP TABLE fcw AS
SELECT u, 'u' || u AS ut,
       array_agg(n ORDER BY g) AS counts,
       array_agg(g ORDER BY g) AS groups, array_agg('g' || g ORDER BY g) AS groups_t
FROM (SELECT u, g, sum(w) AS n FROM fc WHERE u IS NOT NULL AND g IS NOT NULL
      GROUP BY 1, 2) s
GROUP BY u;

-- Long form: the eight segtable_sfunc signatures.
SELECT is((SELECT fncall_segtable('segtable_sfunc(internal,text,text)', ut, gt)::bytea FROM fc),
          (SELECT segtable(ut, gt)::bytea FROM fc), 'segtable_sfunc(text, text)');
SELECT is((SELECT fncall_segtable('segtable_sfunc(internal,text,text,float8)', ut, gt, w)::bytea FROM fc),
          (SELECT segtable(ut, gt, w)::bytea FROM fc), 'segtable_sfunc(text, text, float8)');
SELECT is((SELECT fncall_segtable('segtable_sfunc(internal,text,bigint)', ut, g)::bytea FROM fc),
          (SELECT segtable(ut, g)::bytea FROM fc), 'segtable_sfunc(text, bigint)');
SELECT is((SELECT fncall_segtable('segtable_sfunc(internal,text,bigint,float8)', ut, g, w)::bytea FROM fc),
          (SELECT segtable(ut, g, w)::bytea FROM fc), 'segtable_sfunc(text, bigint, float8)');
SELECT is((SELECT fncall_segtable('segtable_sfunc(internal,bigint,text)', u, gt)::bytea FROM fc),
          (SELECT segtable(u, gt)::bytea FROM fc), 'segtable_sfunc(bigint, text)');
SELECT is((SELECT fncall_segtable('segtable_sfunc(internal,bigint,text,float8)', u, gt, w)::bytea FROM fc),
          (SELECT segtable(u, gt, w)::bytea FROM fc), 'segtable_sfunc(bigint, text, float8)');
SELECT is((SELECT fncall_segtable('segtable_sfunc(internal,bigint,bigint)', u, g)::bytea FROM fc),
          (SELECT segtable(u, g)::bytea FROM fc), 'segtable_sfunc(bigint, bigint)');
SELECT is((SELECT fncall_segtable('segtable_sfunc(internal,bigint,bigint,float8)', u, g, w)::bytea FROM fc),
          (SELECT segtable(u, g, w)::bytea FROM fc), 'segtable_sfunc(bigint, bigint, float8)');

-- Wide form: the six segtable_wide_sfunc signatures.
SELECT is((SELECT fncall_segtable('segtable_wide_sfunc(internal,text,float8[])', ut, counts)::bytea FROM fcw),
          (SELECT segtable(ut, counts)::bytea FROM fcw), 'segtable_wide_sfunc(text, float8[])');
SELECT is((SELECT fncall_segtable('segtable_wide_sfunc(internal,bigint,float8[])', u, counts)::bytea FROM fcw),
          (SELECT segtable(u, counts)::bytea FROM fcw), 'segtable_wide_sfunc(bigint, float8[])');
SELECT is((SELECT fncall_segtable('segtable_wide_sfunc(internal,text,text[],float8[])', ut, groups_t, counts)::bytea FROM fcw),
          (SELECT segtable(ut, groups_t, counts)::bytea FROM fcw), 'segtable_wide_sfunc(text, text[], float8[])');
SELECT is((SELECT fncall_segtable('segtable_wide_sfunc(internal,text,bigint[],float8[])', ut, groups, counts)::bytea FROM fcw),
          (SELECT segtable(ut, groups, counts)::bytea FROM fcw), 'segtable_wide_sfunc(text, bigint[], float8[])');
SELECT is((SELECT fncall_segtable('segtable_wide_sfunc(internal,bigint,text[],float8[])', u, groups_t, counts)::bytea FROM fcw),
          (SELECT segtable(u, groups_t, counts)::bytea FROM fcw), 'segtable_wide_sfunc(bigint, text[], float8[])');
SELECT is((SELECT fncall_segtable('segtable_wide_sfunc(internal,bigint,bigint[],float8[])', u, groups, counts)::bytea FROM fcw),
          (SELECT segtable(u, groups, counts)::bytea FROM fcw), 'segtable_wide_sfunc(bigint, bigint[], float8[])');

-- Membership form: the four seg_member_sfunc signatures.
SELECT is((SELECT fncall_dissimilarity('seg_member_sfunc(internal,text,boolean)', ut, member) FROM fc),
          (SELECT seg_dissimilarity(ut, member) FROM fc), 'seg_member_sfunc(text, boolean)');
SELECT is((SELECT fncall_dissimilarity('seg_member_sfunc(internal,text,boolean,float8)', ut, member, w) FROM fc),
          (SELECT seg_dissimilarity(ut, member, w) FROM fc), 'seg_member_sfunc(text, boolean, float8)');
SELECT is((SELECT fncall_dissimilarity('seg_member_sfunc(internal,bigint,boolean)', u, member) FROM fc),
          (SELECT seg_dissimilarity(u, member) FROM fc), 'seg_member_sfunc(bigint, boolean)');
SELECT is((SELECT fncall_dissimilarity('seg_member_sfunc(internal,bigint,boolean,float8)', u, member, w) FROM fc),
          (SELECT seg_dissimilarity(u, member, w) FROM fc), 'seg_member_sfunc(bigint, boolean, float8)');
SELECT is((SELECT fncall_isolation('seg_member_sfunc(internal,bigint,boolean)', u, member) FROM fc),
          (SELECT seg_isolation(u, member) FROM fc), 'seg_member_sfunc(bigint, boolean) with the isolation final');

-- incomestats: one transition declaration per key type, for the same reason.
SELECT is((SELECT fncall_incomestats('seg_incomestats_sfunc(internal,bigint,float8)', u, w)::bytea FROM fc),
          (SELECT incomestats(u, w)::bytea FROM fc), 'seg_incomestats_sfunc(bigint, float8)');
SELECT is((SELECT fncall_incomestats('seg_incomestats_sfunc(internal,smallint,float8)', u::smallint, w)::bytea FROM fc),
          (SELECT incomestats(u::smallint, w)::bytea FROM fc), 'seg_incomestats_sfunc(smallint, float8)');
SELECT is((SELECT fncall_incomestats('seg_incomestats_sfunc(internal,text,float8)', ut, w)::bytea FROM fc),
          (SELECT incomestats(ut, w)::bytea FROM fc), 'seg_incomestats_sfunc(text, float8)');
SELECT is((SELECT fncall_incomestats('seg_incomestats_sfunc(internal,integer,float8,bigint)', u::int, w * 1000, (i % 7)::bigint)::bytea FROM fc),
          (SELECT incomestats(u::int, w * 1000, (i % 7)::bigint)::bytea FROM fc), 'seg_incomestats_sfunc(integer, float8, bigint)');

-- Independent references in plain SQL.
SELECT is((SELECT count(*) FROM seg_cells((SELECT fncall_segtable('segtable_sfunc(internal,bigint,bigint,float8)', u, g, w) FROM fc)) c
           FULL JOIN (SELECT u::text AS unit, g::text AS grp, sum(w) AS n FROM fc
                      WHERE u IS NOT NULL AND g IS NOT NULL GROUP BY 1, 2) r USING (unit, grp)
           WHERE c.n IS DISTINCT FROM r.n),
          0::bigint, 'cells without a call expression equal a GROUP BY sum of weights');
SELECT ok(abs((SELECT fncall_dissimilarity('seg_member_sfunc(internal,bigint,boolean,float8)', u, member, w) FROM fc)
              - (WITH t AS (SELECT u, sum(w) FILTER (WHERE member) AS a, sum(w) FILTER (WHERE NOT member) AS b
                            FROM fc WHERE u IS NOT NULL GROUP BY u)
                 SELECT 0.5 * sum(abs(coalesce(a, 0) / (SELECT sum(a) FROM t) - coalesce(b, 0) / (SELECT sum(b) FROM t)))
                 FROM t)) < 1e-12,
          'two-group D without a call expression equals 1/2 sum |a_i/A - b_i/B| in SQL');

-- What pg_proc cannot tell: a transition function declared with "any" keys
-- (issue 7 section 4) works under normal aggregation, where the call
-- expression gives the actual types, but not without one: pg_proc says only
-- "any".  Hence the concrete per-type declarations.
CREATE FUNCTION any_sfunc(internal, "any", "any")
RETURNS internal AS 'segindex', 'segtable_sfunc' LANGUAGE C;
CREATE AGGREGATE any_segtable("any", "any") (
    SFUNC = any_sfunc, STYPE = internal, FINALFUNC = segtable_final);
SELECT is((SELECT any_segtable(ut, gt)::bytea FROM fc),
          (SELECT segtable(ut, gt)::bytea FROM fc), '"any" keys work with a call expression');
SELECT throws_like($$SELECT fncall_segtable('any_sfunc(internal,"any","any")', ut, gt) FROM fc$$,
          '%argument "unit" must be of type%', '"any" keys cannot be resolved without one');

-- An unsupported key type declared concretely is still named, with SQLSTATE 42804.
CREATE FUNCTION numeric_sfunc(internal, numeric, text)
RETURNS internal AS 'segindex', 'segtable_sfunc' LANGUAGE C;
SELECT throws_ok($$SELECT fncall_segtable('numeric_sfunc(internal,numeric,text)', 1.5, gt) FROM fc$$,
          '42804', NULL, 'unsupported key type from pg_proc: 42804');
\else
SELECT plan(1);
SELECT skip('test module seg_fncall_test not installed (make install-test-modules)', 1);
\endif

SELECT * FROM finish();
ROLLBACK;
