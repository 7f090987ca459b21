-- Statistics by area type (METHODOLOGY §7) on small tables worked by hand
-- and checked against plain SQL: rates, ratios and shares, SCB's disclosure
-- rule with secondary suppression, geocoded records, area types over time,
-- transitions and stability.
\set ON_ERROR_STOP 1
\pset format unaligned
\pset tuples_only true
BEGIN;
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS pgtap;
CREATE EXTENSION IF NOT EXISTS segindex CASCADE;
SELECT plan(23);

CREATE TEMP TABLE areas (code text, kommun text, type int, c float8, b float8, pop float8);
INSERT INTO areas VALUES
    ('A1', 'A', 1, 30, 100, 150), ('A2', 'A', 1, 20, 100, 140), ('A3', 'A', 2, 10, 80, 100),
    ('A4', 'A', 3, 12, 200, 260), ('A5', 'A', 4, 9, 300, 320), ('A6', 'A', 5, 6, 150, 170),
    ('A7', 'A', NULL, 7, 60, 70),
    ('B1', 'B', 1, 3, 50, 60),    -- primary: count 3 <= 5
    ('B2', 'B', 2, 8, 40, 50), ('B3', 'B', 3, 20, 400, 420), ('B4', 'B', 4, 30, 900, 950),
    ('C1', 'C', 3, 10, 100, 100), ('C2', 'C', 4, 6, 19, 20),  -- primary: base 19 <= 20
    ('C3', 'C', 5, 40, 500, 510);
CREATE TEMP TABLE r AS SELECT * FROM seg_type_rates('areas', 'kommun', 'type', 'c', 'b', 'pop');

SELECT is((SELECT array_agg(area_type ORDER BY ord) FROM r
           CROSS JOIN LATERAL (SELECT array_position('{1,2,1+2,3,4,5,none,total}'::text[], area_type) AS ord) o
           WHERE grouping_key = 'A'),
          '{1,2,1+2,3,4,5,none,total}'::text[], 'rows per type, 1+2, NULL type, total');
-- Rates are ratios of sums, checked in plain SQL.
SELECT ok((SELECT bool_and(abs(r.rate - p.rate) < 1e-15 AND abs(r.relative_rate - p.rate / p.grate) < 1e-14
                           AND abs(r.population_share - p.pshare) < 1e-15)
           FROM r JOIN (SELECT kommun, coalesce(type::text, 'none') AS t, sum(c) / sum(b) AS rate,
                               sum(pop) / sum(sum(pop)) OVER (PARTITION BY kommun) AS pshare,
                               sum(sum(c)) OVER (PARTITION BY kommun) / sum(sum(b)) OVER (PARTITION BY kommun) AS grate
                        FROM areas GROUP BY 1, 2) p ON p.kommun = r.grouping_key AND p.t = r.area_type
           WHERE r.grouping_key = 'A'),
          'kommun A: rate, ratio to the kommun rate, population share = plain SQL');
SELECT is((SELECT array[count, base, population] FROM r WHERE grouping_key = 'A' AND area_type = '1+2'),
          '{60,280,390}'::float8[], 'the 1+2 row adds types 1 and 2');
SELECT is((SELECT array[count, base, population] FROM r WHERE grouping_key = 'A' AND area_type = 'total'),
          '{94,990,1210}'::float8[], 'the total row adds every area, NULL type included');
SELECT ok((SELECT abs(r.rate - 0.25) < 1e-15 AND abs(r.lower - w.lower) < 1e-15 AND abs(r.upper - w.upper) < 1e-15
           FROM r, seg_wilson_interval(50, 200) w WHERE grouping_key = 'A' AND area_type = '1'),
          'type 1 of A: 50 / 200 with its Wilson interval');
SELECT ok((SELECT bool_and(suppressed IS NULL) FROM r WHERE grouping_key = 'A'), 'kommun A: nothing suppressed');

-- Disclosure.  B: type 1 fails (count 3) -> in 1+2 = 1 + 2 the smaller
-- published base is type 2 (40 < 90): secondary; in the sum to the total
-- two are then suppressed, so nothing more.
SELECT is((SELECT array_agg(area_type || ':' || coalesce(suppressed, '-') ORDER BY area_type COLLATE "C") FROM r WHERE grouping_key = 'B'),
          '{1:primary,1+2:-,2:secondary,3:-,4:-,total:-}'::text[], 'kommun B: primary and secondary suppression');
-- C: type 4 fails (base 19) -> the smallest other base in the sum to the
-- total is type 3 (100).
SELECT is((SELECT array_agg(area_type || ':' || coalesce(suppressed, '-') ORDER BY area_type) FROM r WHERE grouping_key = 'C'),
          '{3:secondary,4:primary,5:-,total:-}'::text[], 'kommun C: secondary suppression of the smallest base');
SELECT ok((SELECT bool_and((suppressed IS NOT NULL) = (count IS NULL AND rate IS NULL AND lower IS NULL
                                                      AND upper IS NULL AND count_share IS NULL))
           FROM r), 'a suppressed cell shows no count, rate, interval or share (never 0)');
-- No relation anywhere is left with exactly one suppressed term.
SELECT is((SELECT count(*) FROM (
              SELECT grouping_key, rel FROM r,
                     LATERAL (VALUES (1, area_type IN ('1','2','3','4','5','none','total')),
                                     (2, area_type IN ('1','2','1+2'))) v(rel, member)
              WHERE member GROUP BY 1, 2
              HAVING count(*) FILTER (WHERE suppressed IS NOT NULL) = 1) x),
          0::bigint, 'no additive relation has exactly one suppressed term');
SELECT is((SELECT count(*) FROM r WHERE suppressed = 'primary'),
          (SELECT count(*) FROM (SELECT kommun, type, sum(c) c, sum(b) b FROM areas GROUP BY 1, 2) s
           WHERE seg_publishable_share(c, b) IS NULL),
          'primary suppression equals seg_publishable_share over the type rows');
-- Riket: grouping NULL.
SELECT is((SELECT array[count, base] FROM seg_type_rates('areas', NULL, 'type', 'c', 'b', 'pop')
           WHERE area_type = 'total'), '{211,2999}'::float8[], 'grouping NULL: riket');
-- Poisson rates: counts may exceed the exposure.
SELECT ok((SELECT abs(p.lower - g.lower) < 1e-12 AND abs(p.upper - g.upper) < 1e-12
           FROM seg_type_rates('areas', 'kommun', 'type', 'c', 'b', 'pop', 'poisson') p,
                seg_poisson_interval(50, 200) g
           WHERE p.grouping_key = 'A' AND p.area_type = '1'), 'Poisson intervals on request');
SELECT throws_ok($$SELECT * FROM seg_type_rates('areas', 'kommun', 'type', 'c', 'b', 'pop', 'exact')$$,
                 '22023', NULL, 'an unknown interval kind is an error');

-- Geocoded records: points in three typed squares, one outside.
CREATE TEMP TABLE sq (code text, kommun text, type int, base float8, pop float8, geom geometry);
INSERT INTO sq VALUES ('S1', 'K', 1, 100, 100, ST_MakeEnvelope(0, 0, 10, 10, 3006)),
                      ('S2', 'K', 2, 100, 100, ST_MakeEnvelope(10, 0, 20, 10, 3006)),
                      ('S3', 'K', 4, 200, 200, ST_MakeEnvelope(20, 0, 30, 10, 3006));
CREATE TEMP TABLE ev (w float8, geom geometry);
INSERT INTO ev SELECT 1, ST_SetSRID(ST_MakePoint(1 + (g % 29), 5), 3006) FROM generate_series(0, 57) g;
INSERT INTO ev VALUES (1, ST_SetSRID(ST_MakePoint(100, 100), 3006));
CREATE TEMP TABLE rp AS
SELECT * FROM seg_type_rates_points('ev', 'geom', NULL, 'sq', 'code', 'geom', 'kommun', 'type', 'base', 'pop');
-- x = 1..29 twice: 1..9 in S1 (18 points), 10 on the S1|S2 edge -> S1,
-- 11..19 in S2 (18), 20 on the edge -> S2, 21..29 in S3 (18).
SELECT is((SELECT array_agg(count ORDER BY area_type) FROM rp WHERE area_type IN ('1','2','4')),
          '{20,20,18}'::float8[], 'records per type, boundary points by the smallest key');
SELECT is((SELECT count FROM rp WHERE area_type = 'total'), 58::float8, 'the point outside is not counted');

-- Area types over time: a recomputed and a fixed-base typology.
CREATE TEMP TABLE idx AS
SELECT 'u' || g AS unit, y AS year, 10 + (g * 37 % 41) - (y - 2020) * 3 AS sei
FROM generate_series(1, 40) g, generate_series(2020, 2022) y;
CREATE TEMP TABLE ot AS SELECT * FROM seg_area_types_over_time('idx', 'unit', 'year', 'sei', 2020);
SELECT ok((SELECT bool_and(o.type_recomputed = p.t) FROM ot o JOIN (
              SELECT unit, year, CASE WHEN sei >= avg(sei) OVER w + 2 * stddev_samp(sei) OVER w THEN 1
                                      WHEN sei >= avg(sei) OVER w + stddev_samp(sei) OVER w THEN 2
                                      WHEN sei >= avg(sei) OVER w THEN 3
                                      WHEN sei >= avg(sei) OVER w - stddev_samp(sei) OVER w THEN 4
                                      ELSE 5 END AS t
              FROM idx WINDOW w AS (PARTITION BY year)) p USING (unit, year)),
          'recomputed types: each year against its own mean and SD');
SELECT ok((SELECT bool_and(type_fixed = type_recomputed) FROM ot WHERE year = 2020),
          'fixed base: the base year''s types are the recomputed ones');
SELECT ok((SELECT bool_and(a.type_recomputed = b.type_recomputed) AND bool_and(b.type_fixed >= a.type_fixed)
                  AND bool_or(b.type_fixed > a.type_fixed)
           FROM ot a JOIN ot b USING (unit) WHERE a.year = 2020 AND b.year = 2022),
          'when every area improves, recomputed types stay and fixed-base types move up');

-- Transitions and stability: 6 areas, one new in y1, one gone.
CREATE TEMP TABLE ty (code text, kommun text, year int, type int, pop float8);
INSERT INTO ty VALUES ('a', 'K1', 1, 1, 10), ('a', 'K1', 2, 2, 11), ('b', 'K1', 1, 2, 20), ('b', 'K1', 2, 2, 21),
                      ('c', 'K1', 1, 3, 30), ('c', 'K1', 2, 3, 31), ('d', 'K2', 1, 3, 40), ('d', 'K2', 2, 4, 41),
                      ('e', 'K2', 1, 5, 50), ('f', 'K2', 2, 4, 60), ('g', 'K2', 1, NULL, 5), ('g', 'K2', 2, 5, 6);
CREATE TEMP TABLE tr AS SELECT * FROM seg_type_transitions('ty', 'code', 'year', 'type', 1, 2, NULL, 'pop');
SELECT is((SELECT array_agg(coalesce(from_type::text, '-') || '>' || coalesce(to_type::text, '-') || ':' || areas || ':' || population
                            ORDER BY from_type NULLS LAST, to_type NULLS LAST) FROM tr),
          '{1>2:1:10,2>2:1:20,3>3:1:30,3>4:1:40,5>-:1:50,->4:1:60,->5:1:5}'::text[],
          'transitions by hand: new, gone and NULL-type areas enter as NULL, population from y0');
SELECT ok((SELECT sum(areas) FILTER (WHERE from_type IS NOT NULL) = 5 AND sum(areas) FILTER (WHERE to_type IS NOT NULL) = 6
           FROM tr), 'margins match each year''s typed areas');
SELECT is((SELECT array_agg(grouping_key || ':' || areas ORDER BY grouping_key)
           FROM (SELECT grouping_key, sum(areas) AS areas
                 FROM seg_type_transitions('ty', 'code', 'year', 'type', 1, 2, 'kommun') GROUP BY 1) s),
          '{K1:3,K2:4}'::text[], 'per grouping');
SELECT is((SELECT array[stable_areas, areas]::float8[] || array[stability, stable_population, population]
           FROM seg_type_stability('ty', 'code', 'year', 'type', 1, 2, NULL, 'pop')),
          array[2, 7, 2 / 7.0, 50, 215]::float8[], 'stability by hand: 2 of 7 areas, 50 of 215 persons');

SELECT * FROM finish();
ROLLBACK;
