-- seg_wilson_interval and seg_poisson_interval against published textbook
-- values, an independent plain-python3 computation
-- (test/python/intervals_ref.py), and their edge cases.
\set ON_ERROR_STOP 1
\pset format unaligned
\pset tuples_only true
\set have_py `command -v python3 >/dev/null && echo true || echo false`
BEGIN;
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS pgtap;
CREATE EXTENSION IF NOT EXISTS segindex CASCADE;
SELECT plan(33);

-- Published values.  Wilson: Newcombe (1998), Stat Med 17:857, table I,
-- method 3 (score, no continuity correction), 4 decimals.
SELECT is((SELECT array[round(lower::numeric, 4), round(upper::numeric, 4)]
           FROM seg_wilson_interval(c, n)), want, format('Newcombe 1998: %s/%s', c, n))
FROM (VALUES (81, 263, '{0.2553,0.3662}'::numeric[]), (15, 148, '{0.0624,0.1605}'),
             (0, 20, '{0.0000,0.1611}'), (1, 29, '{0.0061,0.1718}')) v(c, n, want);
-- Garwood exact 95 % Poisson limits of the mean for small counts (e.g.
-- Ulm 1990, Am J Epidemiol 131:373, table 1; Sahai & Khurshid 1993).
SELECT is((SELECT array[round(lower::numeric, 3), round(upper::numeric, 3)]
           FROM seg_poisson_interval(c, 1)), want, format('Garwood: count %s', c))
FROM (VALUES (0, '{0.000,3.689}'::numeric[]), (1, '{0.025,5.572}'), (2, '{0.242,7.225}'),
             (5, '{1.623,11.668}'), (10, '{4.795,18.390}'), (100, '{81.364,121.627}')) v(c, want);
-- By hand: c = 0 gives upper = -ln((1 - L)/2), exactly the 0-count limit.
SELECT ok((SELECT abs(upper - (-ln(0.025))) < 1e-14 AND lower = 0 FROM seg_poisson_interval(0, 1)),
          'Poisson count 0: lower exactly 0, upper = -ln 0.025');

-- Independent computation (python3 standard library).
CREATE TEMP TABLE ref (kind text, c float8, base float8, level float8,
                       est float8, lo float8, hi float8);
\if :have_py
\copy ref FROM PROGRAM 'python3 test/python/intervals_ref.py' csv
\endif
CREATE TEMP TABLE got AS
SELECT r.*, w.estimate AS g_est, w.lower AS g_lo, w.upper AS g_hi
FROM ref r, LATERAL (SELECT * FROM seg_wilson_interval(r.c, r.base, r.level)) w
WHERE kind = 'wilson'
UNION ALL
SELECT r.*, p.estimate, p.lower, p.upper
FROM ref r, LATERAL (SELECT * FROM seg_poisson_interval(r.c, r.base, r.level)) p
WHERE kind = 'poisson';
SELECT CASE WHEN :have_py THEN
    ok((SELECT count(*) = 60 AND bool_and(abs(g_est - est) <= 1e-15 * est
                                       AND abs(g_lo - lo) <= 1e-12 * greatest(lo, 1e-300)
                                       AND abs(g_hi - hi) <= 1e-12 * hi)
        FROM got WHERE kind = 'wilson'), 'Wilson: 60 cases within 1e-12 of python')
  ELSE skip('python3 not available') END;
SELECT CASE WHEN :have_py THEN
    ok((SELECT count(*) = 44 AND bool_and(abs(g_est - est) <= 1e-15 * est
                                       AND abs(g_lo - lo) <= 1e-10 * greatest(lo, 1e-300)
                                       AND abs(g_hi - hi) <= 1e-10 * hi)
        FROM got WHERE kind = 'poisson'), 'Poisson: 44 cases within 1e-10 of python bisection')
  ELSE skip('python3 not available') END;
SELECT CASE WHEN :have_py THEN
    diag('largest relative difference from python: wilson '
         || (SELECT max(greatest(abs(g_lo - lo) / greatest(lo, 1e-300), abs(g_hi - hi) / hi))
             FROM got WHERE kind = 'wilson')
         || ', poisson '
         || (SELECT max(greatest(abs(g_lo - lo) / greatest(lo, 1e-300), abs(g_hi - hi) / hi))
             FROM got WHERE kind = 'poisson'))
  ELSE diag('python3 not available') END;

-- Edge cases and errors.
SELECT ok((SELECT lower = 0 FROM seg_wilson_interval(0, 7)), 'Wilson c = 0: lower exactly 0');
SELECT ok((SELECT upper = 1 AND estimate = 1 FROM seg_wilson_interval(7, 7)), 'Wilson c = n: upper exactly 1');
SELECT ok((SELECT estimate IS NULL FROM seg_wilson_interval(0, 0)), 'Wilson n = 0: NULL');
SELECT ok((SELECT estimate IS NULL FROM seg_poisson_interval(3, 0)), 'Poisson E = 0: NULL');
SELECT ok((SELECT estimate IS NULL FROM seg_wilson_interval(NULL, 5)), 'NULL in, NULL out');
SELECT throws_ok('SELECT seg_wilson_interval(6, 5)', '22023',
                 'argument "count" must not exceed "base"', 'count > base');
SELECT throws_ok('SELECT seg_wilson_interval(-1, 5)', '22023', NULL, 'negative count');
SELECT throws_ok($$SELECT seg_wilson_interval('NaN', 5)$$, '22023', NULL, 'NaN count');
SELECT throws_ok('SELECT seg_wilson_interval(1, 5, 1)', '22003',
                 'argument "level" must be between 0 and 1 (exclusive)', 'level 1');
SELECT throws_ok('SELECT seg_poisson_interval(1, 5, 0)', '22003', NULL, 'level 0');
SELECT throws_ok('SELECT seg_poisson_interval(1, -5)', '22023', NULL, 'negative exposure');
SELECT throws_ok('SELECT seg_poisson_interval(-1, 5)', '22023', NULL, 'negative Poisson count');
SELECT throws_ok('SELECT seg_poisson_interval(1, 5e-324)', '22003', NULL,
                 'a rate beyond float8 is an error, not Infinity');

-- Symmetry: Wilson(c, n).lower = 1 - Wilson(n - c, n).upper.
SELECT ok((SELECT bool_and(abs(a.lower - (1 - b.upper)) < 1e-14)
           FROM generate_series(0, 40) c,
                LATERAL seg_wilson_interval(c, 40) a, LATERAL seg_wilson_interval(40 - c, 40) b),
          'Wilson is symmetric in c and n - c');
-- Scale: the Poisson interval of (c, kE) is that of (c, E) divided by k.
SELECT ok((SELECT bool_and(abs(s.lower * k - b.lower) <= 1e-13 * b.lower
                       AND abs(s.upper * k - b.upper) <= 1e-13 * b.upper
                       AND abs(s.estimate * k - b.estimate) <= 1e-15 * b.estimate)
           FROM unnest('{1e-300,1e-150,1e-10,1e10,1e150,1e290}'::float8[]) k,
                generate_series(1, 30) c,
                LATERAL seg_poisson_interval(c, k) s, LATERAL seg_poisson_interval(c, 1) b),
          'Poisson interval scales with the exposure from 1e-300 to 1e290');
-- Never NaN, always ordered, in range, at extreme magnitudes.
SELECT ok((SELECT bool_and(lower >= 0 AND upper <= 1 AND lower <= estimate AND estimate <= upper
                           AND lower <> 'NaN' AND upper <> 'NaN')
           FROM (VALUES (0, 1e-300), (1e-300, 1e-300), (5e-324, 1e-323), (0, 5e-324),
                        (1e300, 1e300), (1, 1e300), (1e300 - 1e290, 1e300),
                        (4503599627370496, 9007199254740992), (9007199254740991, 9007199254740992)) v(c, n),
                LATERAL seg_wilson_interval(c, n)), 'Wilson at 1e-300, 1e300, denormals, 2^53');
SELECT ok((SELECT bool_and(lower >= 0 AND lower <= estimate AND estimate <= upper
                           AND upper < 'Infinity' AND lower <> 'NaN' AND upper <> 'NaN')
           FROM (VALUES (0, 1e-300), (1e-300, 1), (5e-324, 1), (1e300, 1), (1e300, 1e300),
                        (9007199254740991, 1), (9007199254740992, 9007199254740992),
                        (0.5, 1), (2.5, 1), (1e7 - 1, 1), (1e7 + 1, 1)) v(c, e),
                LATERAL seg_poisson_interval(c, e)), 'Poisson at 1e-300, 1e300, denormals, 2^53');
-- Large counts: Garwood tends to c +- z sqrt(c) (normal limit), and the
-- switch to Wilson-Hilferty above shape 1e7 is seamless.
SELECT ok((SELECT abs((upper - lower) / 2 - 1.959963984540054 * sqrt(1e12)) < 1e-3 * sqrt(1e12)
           FROM seg_poisson_interval(1e12, 1)), 'count 1e12: half width z sqrt(c)');
SELECT ok((SELECT abs(a.upper - b.upper) < 2.5 AND abs(a.lower - b.lower) < 2.5
           FROM seg_poisson_interval(1e7 - 1, 1) a, seg_poisson_interval(1e7 + 1, 1) b),
          'continuous across the Wilson-Hilferty switch at 1e7');
-- Nominal coverage, checked by hand with exact binomial probabilities:
-- Wilson's interval for n = 50 covers p = 0.3 with probability near 95 %.
SELECT ok((SELECT sum(exp(lf50 - lfk - lfnk + k * ln(0.3) + (50 - k) * ln(0.7)))
                  FILTER (WHERE w.lower <= 0.3 AND 0.3 <= w.upper) BETWEEN 0.93 AND 0.97
           FROM (SELECT k, ln(factorial(50)) AS lf50, ln(factorial(k)) AS lfk,
                        ln(factorial(50 - k)) AS lfnk
                 FROM generate_series(0, 50) k) f,
                LATERAL seg_wilson_interval(k, 50) w),
          'Wilson coverage at n = 50, p = 0.3 is close to 95 %');

SELECT * FROM finish();
ROLLBACK;
