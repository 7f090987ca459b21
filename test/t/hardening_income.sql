-- Hardening (issue 7 §5), income part: a bounded, seeded randomized run.
--  1. random incomes at extreme scales (denormal, 1e-300, 1, integers near
--     2^53, 1e150), with zeros and negatives, through every income measure:
--     no NaN or infinity, every value in its documented range, invariance
--     under scaling by powers of two, and no error (a dataset whose y ln y
--     or sum overflows, documented 22003, is left out and counted);
--  2. random byte mutations of valid incomestats values: each is rejected
--     with 22P03 or round-trips bit for bit through text and bytes, and
--     every measure of it is finite and in range.
-- The seed is $HARDENING_SEED, else drawn at random; it is in every test's
-- name, so a failure prints it.  Rerun: HARDENING_SEED=<seed> privtest ...
\set ON_ERROR_STOP 1
\set QUIET 1
\pset format unaligned
\pset tuples_only true
\pset pager off
\getenv seed HARDENING_SEED
\if :{?seed}
\else
SELECT (random() * 1e9)::bigint AS seed \gset
\endif
BEGIN;
CREATE EXTENSION IF NOT EXISTS pgtap;
CREATE EXTENSION IF NOT EXISTS segindex CASCADE;
SELECT plan(8);
SELECT setseed((:seed % 1000000007) / 1000000007.0);
SELECT diag('hardening_income seed ' || :seed);

-- Random datasets: (dataset, unit, income); scale classes chosen per dataset.
CREATE TEMP TABLE hd AS
WITH d AS (
    SELECT ds, (ARRAY['denormal', 'tiny', 'unit', 'int53', 'huge', 'mixed'])[1 + floor(random() * 6)::int] AS kind,
           1 + floor(random() * 6)::int AS nunits, 1 + floor(random() * 40)::int AS nrows,
           random() < 0.2 AS zeros, random() < 0.1 AS negatives
    FROM generate_series(1, 300) ds)
SELECT ds, kind, (random() * nunits)::int AS unit,
       CASE WHEN zeros AND random() < 0.2 THEN 0::float8
            WHEN negatives AND random() < 0.2 THEN -1 * v
            ELSE v END AS income
FROM d, generate_series(1, nrows) r,
     LATERAL (SELECT CASE kind
                 WHEN 'denormal' THEN (1 + floor(random() * 1000)) * 5e-324::float8
                 WHEN 'tiny'  THEN exp(random() * 8) * 1e-300::float8
                 WHEN 'unit'  THEN exp(random() * 8 - 4)
                 WHEN 'int53' THEN (2::float8 ^ 53) - floor(random() * 1000)
                 WHEN 'huge'  THEN exp(random() * 8) * 1e150::float8
                 ELSE 10::float8 ^ (random() * 300 - 150) END + 0 * r AS v) x;

-- Every measure of one value; errors become their SQLSTATE.
CREATE FUNCTION pg_temp.measures(s incomestats,
    OUT state text, OUT n float8, OUT t float8, OUT tb float8, OUT tw float8,
    OUT l float8, OUT lb float8, OUT lw float8, OUT nsi float8, OUT nsi_state text,
    OUT bad_units bigint)
LANGUAGE plpgsql AS $$
BEGIN
    state := 'ok';
    SELECT sum(u.n), count(*) FILTER (WHERE u.mean IN ('NaN', 'Infinity', '-Infinity')
                                      OR u.variance IN ('NaN', 'Infinity') OR u.variance < 0
                                      OR u.theil_t < 0 OR u.theil_t > ln(u.n) + 1e-12
                                      OR u.theil_l < 0 OR u.theil_l IN ('NaN', 'Infinity'))
      INTO n, bad_units FROM seg_income_units(s) u;
    t := seg_theil_t(s); tb := seg_theil_t_between(s); tw := seg_theil_t_within(s);
    l := seg_theil_l(s); lb := seg_theil_l_between(s); lw := seg_theil_l_within(s);
    nsi_state := 'ok';
    BEGIN
        nsi := seg_nsi(s);
    EXCEPTION WHEN OTHERS THEN
        nsi_state := SQLSTATE;
    END;
EXCEPTION WHEN OTHERS THEN
    state := SQLSTATE;
END $$;

CREATE FUNCTION pg_temp.in_range(m record) RETURNS boolean LANGUAGE plpgsql AS $$
DECLARE
    r record := m;
BEGIN
    IF r.state <> 'ok' THEN RETURN true; END IF;
    RETURN coalesce(r.t BETWEEN 0 AND ln(r.n) + 1e-12 AND r.tb BETWEEN 0 AND ln(r.n) + 1e-12
                    AND r.tw BETWEEN 0 AND ln(r.n) + 1e-12, r.t IS NULL)
       AND coalesce(r.l >= 0 AND r.lb >= 0 AND r.lw >= 0
                    AND r.l < 'Infinity' AND r.lb < 'Infinity' AND r.lw < 'Infinity', r.l IS NULL)
       AND coalesce(r.nsi BETWEEN 0 AND 1, r.nsi IS NULL)
       AND r.bad_units = 0;
END $$;

CREATE FUNCTION pg_temp.stats(ds_ int, k float8) RETURNS incomestats LANGUAGE plpgsql AS $$
BEGIN
    RETURN (SELECT incomestats(unit, income * k) FROM hd WHERE ds = ds_);
EXCEPTION WHEN OTHERS THEN
    IF SQLSTATE <> '22003' THEN RAISE; END IF;
    RETURN NULL;        -- documented overflow (y ln y or squared deviations)
END $$;

CREATE TEMP TABLE hm AS
SELECT ds, kind, k, (pg_temp.measures(s)).*
FROM (SELECT DISTINCT ds, kind FROM hd) d,
     unnest(ARRAY[1, 2::float8 ^ -40, 2::float8 ^ 40]) k,
     LATERAL pg_temp.stats(ds, k) s
WHERE s IS NOT NULL;

SELECT is((SELECT count(*) FROM hm WHERE state <> 'ok'), 0::bigint,
          format('random incomes: every Theil measure runs without error (seed %s)', :seed));
SELECT is((SELECT count(*) FROM hm WHERE nsi_state <> 'ok'), 0::bigint,
          format('random incomes: NSI runs without error at every scale (seed %s)', :seed));
SELECT is((SELECT count(*) FROM hm WHERE NOT pg_temp.in_range(hm)), 0::bigint,
          format('random incomes: no NaN/Infinity, T in [0, ln N], L >= 0, NSI in [0, 1] (seed %s)', :seed));
SELECT cmp_ok((SELECT count(DISTINCT ds) FROM hm WHERE k = 1), '>=', 200::bigint,
          format('most random datasets were representable (seed %s)', :seed));
-- Scaling by 2^+-40 is exact, so only log terms change: allow twice the bound.
SELECT is((SELECT count(*) FROM hm a JOIN hm b USING (ds)
           WHERE a.k = 1 AND b.k <> 1 AND a.kind <> 'denormal'
             AND NOT (coalesce(abs(a.t - b.t) <= 64 * 2.2e-16 * (1 + 746), a.t IS NULL AND b.t IS NULL)
                  AND coalesce(abs(a.l - b.l) <= 64 * 2.2e-16 * (1 + 746), a.l IS NULL AND b.l IS NULL)
                  AND coalesce(abs(a.nsi - b.nsi) <= 1e-9, a.nsi IS NULL AND b.nsi IS NULL))),
          0::bigint,
          format('random incomes: T, L and NSI invariant under scaling by 2^-40 and 2^40 (seed %s)', :seed));

-- Byte mutations of valid values: reject with 22P03 or round-trip.
CREATE FUNCTION pg_temp.mutate(b bytea) RETURNS bytea LANGUAGE sql AS $$
  SELECT CASE floor(random() * 3)::int
           WHEN 0 THEN set_byte(b, floor(random() * length(b))::int, floor(random() * 256)::int)
           WHEN 1 THEN set_byte(b, floor(random() * length(b))::int,
                                get_byte(b, floor(random() * length(b))::int) # (1 << floor(random() * 8)::int))
           ELSE substr(b, 1, floor(random() * length(b))::int) || substr(b, floor(random() * length(b))::int + 2)
         END $$;

CREATE FUNCTION pg_temp.try_bytes(b bytea, OUT state text, OUT round_trip boolean, OUT in_range boolean)
LANGUAGE plpgsql AS $$
DECLARE
    v incomestats;
    m record;
BEGIN
    v := b::incomestats;
    state := 'ok';
    round_trip := v::bytea = b AND v::text::incomestats::bytea = b AND v::text::incomestats::text = v::text;
    SELECT * INTO m FROM pg_temp.measures(v);
    in_range := m.state IN ('ok', '22003') AND pg_temp.in_range(m);
EXCEPTION WHEN OTHERS THEN
    state := SQLSTATE;
END $$;

CREATE TEMP TABLE hb AS
SELECT (pg_temp.try_bytes(pg_temp.mutate(s::bytea))).*
FROM (SELECT incomestats(unit, income) s FROM hd WHERE kind IN ('unit', 'int53', 'tiny') GROUP BY ds) q,
     generate_series(1, 40);

SELECT is((SELECT count(*) FROM hb WHERE state NOT IN ('ok', '22P03')), 0::bigint,
          format('byte mutations: every rejection is 22P03 (seed %s)', :seed));
SELECT is((SELECT count(*) FROM hb WHERE state = 'ok' AND NOT (round_trip AND in_range)), 0::bigint,
          format('byte mutations: every accepted value round-trips and measures in range (seed %s)', :seed));
SELECT diag(format('byte mutations: %s tried, %s rejected', count(*), count(*) FILTER (WHERE state <> 'ok')))
FROM hb;
SELECT cmp_ok((SELECT count(*) FROM hb), '>=', 2000::bigint,
              format('byte mutations: at least 2000 tried (seed %s)', :seed));

SELECT * FROM finish();
ROLLBACK;
