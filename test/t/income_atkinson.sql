-- Two-group Atkinson A(b) near b -> 1 and at extreme scales (issue 7 §2).
-- Expectations are computed here in plain SQL from the definition
-- A = 1 - (X/Y) (sum x^b y^(1-b) / X)^(1/(1-b)) and its b -> 1 limit
-- A(1) = 1 - (X/Y) exp(sum (x/X) ln(y/x)).
BEGIN;
CREATE EXTENSION IF NOT EXISTS segindex CASCADE;
SET LOCAL client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS pgtap;
SELECT plan(9);

CREATE TEMP TABLE cells(unit text, x float8, y float8);
INSERT INTO cells VALUES ('a', 3, 1), ('b', 1, 2), ('c', 2, 7);

CREATE FUNCTION pg_temp.tbl(k float8) RETURNS segtable LANGUAGE sql AS $$
  SELECT format('{%s}', string_agg(format('"%s":{"x":%s,"y":%s}', unit, x * k, y * k), ','))::segtable
  FROM cells $$;
CREATE FUNCTION pg_temp.limit1() RETURNS float8 LANGUAGE sql AS $$
  SELECT 1 - (sum(x) / sum(y)) * exp(sum(x / (SELECT sum(x) FROM cells) * ln(y / x)))
  FROM cells $$;
CREATE FUNCTION pg_temp.direct(b float8) RETURNS float8 LANGUAGE sql AS $$
  SELECT 1 - (sum(x) / sum(y)) * power(sum(power(x, b) * power(y, 1 - b)) / sum(x), 1 / (1 - b))
  FROM cells $$;

SELECT ok(abs(seg_atkinson(pg_temp.tbl(1), 'x', b => 0.9999999999999999) - pg_temp.limit1()) < 1e-12,
          'A(1 - 2^-53) equals the b -> 1 limit (was -0.495)');
SELECT ok(abs(seg_atkinson(pg_temp.tbl(1), 'x', b => 0.999999) - pg_temp.limit1()) < 1e-5,
          'A(0.999999) is within 1e-5 of the limit: continuous at b -> 1');
SELECT ok((SELECT bool_and(abs(seg_atkinson(pg_temp.tbl(1), 'x', b) - pg_temp.direct(b)) < 1e-12)
           FROM unnest(ARRAY[1e-9, 0.1, 0.3, 0.5, 0.7, 0.9]) b),
          'A(b) equals the direct formula for moderate b');
SELECT ok((SELECT bool_and(a >= 0 AND a <= 1 AND
                           a >= lag_a - 1e-12)   -- A(b) grows with b here
           FROM (SELECT a, lag(a, 1, 0::float8) OVER (ORDER BY b) lag_a
                 FROM (SELECT b, seg_atkinson(pg_temp.tbl(1), 'x', b) a
                       FROM (SELECT 1 - 2.0^(-e) b FROM generate_series(1, 53) e) bs) s) s),
          'A(1 - 2^-e), e = 1..53, stays in [0, 1] and non-decreasing');
SELECT ok((SELECT bool_and(abs(seg_atkinson(pg_temp.tbl(k), 'x', b) - seg_atkinson(pg_temp.tbl(1), 'x', b)) < 1e-12)
           FROM unnest(ARRAY[1e-300, 1e-200, 1e200, 1e300]::float8[]) k,
                unnest(ARRAY[0.1, 0.5, 0.9999999999999999]::float8[]) b),
          'scale invariant at 1e-300 .. 1e300');
SELECT is(seg_atkinson('{"a":{"x":5,"y":5e-324},"b":{"x":5e-324,"y":5}}'::segtable, 'x', 0.5) > 0.99, true,
          'denormal counts: nearly complete segregation, finite');
SELECT is(seg_atkinson('{"a":{"x":1},"b":{"y":1e9}}'::segtable, 'x', b), 1::float8,
          'complete segregation gives exactly 1 at b = ' || b)
FROM unnest(ARRAY[0.5, 0.9999999999999999]::float8[]) b;
SELECT is(seg_atkinson('{"a":{"x":2,"y":4},"b":{"x":1,"y":2}}'::segtable, 'x', 0.9999999999999999), 0::float8,
          'proportional units give 0 at b = 1 - 2^-53');

SELECT * FROM finish();
ROLLBACK;
