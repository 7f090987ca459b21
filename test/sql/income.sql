-- Income module: hand-checked cases.  Expected values are worked out by
-- hand in the comments (or written as closed forms in SQL), never taken
-- from the extension's own output.

-- Consumption units, Swedish 2004 scale:
-- 1 adult 1.00; 2 adults 1.51; 3 adults 2.11; 2+1 = 1.51+0.52 = 2.03;
-- 2+2 = 2.03+0.42 = 2.45; 1+1 = 1.52; 4+3 = 1+0.51+1.20+0.52+0.84 = 4.07;
-- no adults: the members count as adults, so (0,1) = 1.00 and (0,2) = 1.51.
SELECT a AS adults, c AS children, seg_consumption_units(a, c)
FROM (VALUES (1, 0), (2, 0), (3, 0), (2, 1), (2, 2), (1, 1), (4, 3), (0, 1), (0, 2)) v(a, c);

-- Economic standard: 245000 / 2.45 = 100000; 151000 / 1.51 = 100000.
SELECT seg_economic_standard(245000, 2, 2), seg_economic_standard(151000, 2, 0);

-- Low economic standard: below 60 % of the median (strictly).
SELECT s, seg_low_economic_standard(s, 100) AS low60,
       seg_low_economic_standard(s, 100, 0.5) AS low50
FROM unnest(ARRAY[-5, 49.9, 50, 59.99, 60, 61]::float8[]) s;

-- Income classes: lower bounds inclusive, so a threshold starts the class
-- above it.  Thresholds 10, 20, 30: 5 -> 1, 10 -> 2, 19.9 -> 2, 20 -> 3,
-- 30 -> 4, 99 -> 4.  Tied thresholds 10, 10, 20: 10 -> 3 (class 2 empty).
SELECT y, seg_income_class(y, ARRAY[10, 20, 30]) AS k3,
       seg_income_class(y, ARRAY[10, 10, 20]) AS tied
FROM unnest(ARRAY[5, 10, 19.9, 20, 30, 99]::float8[]) y;

-- The toy case: y = 0,0,0 in unit 0 and 10,10,10 in unit 1.  With
-- 0 ln 0 = 0, unit 0 has income share 0, unit 1 share 1 and T_1 = 0, so
-- T = between = 1 * ln(10 / 5) = ln 2 and within = 0.  Theil L is undefined
-- (log of 0): NULL.  NSI: between squares 3*25 + 3*25 = 150 = total
-- squares, so NSI = 1.
CREATE TABLE income_toy (unit int, y float8);
INSERT INTO income_toy VALUES (0, 0), (0, 0), (0, 0), (1, 10), (1, 10), (1, 10);
SELECT abs(p.total - ln(2)) < 1e-15 AS total_is_ln2,
       abs(p.between_units - ln(2)) < 1e-15 AS between_is_ln2,
       p.within_units = 0 AS within_is_0,
       seg_theil_l(s) IS NULL AS l_is_null,
       seg_nsi(s) AS nsi
FROM (SELECT incomestats(unit, y) AS s FROM income_toy) q,
     LATERAL seg_theil_t_parts(s) p;

-- A hand-worked decomposition: unit A = {1, 3}, unit B = {2, 6}.
-- mu = 3, mu_A = 2, mu_B = 4; income shares 1/3 and 2/3; B = 2 A, so the
-- units' own T and L are equal.
--   T_between = 1/3 ln(2/3) + 2/3 ln(4/3)
--   T_A = 1/2 (1/2 ln(1/2) + 3/2 ln(3/2)),  T_within = T_A
--   L_between = 1/2 ln(3/2) + 1/2 ln(3/4)
--   L_A = ln 2 - ln(3)/2,                   L_within = L_A
--   NSI = sqrt(between 2*1 + 2*1 = 4 / total 4 + 0 + 1 + 9 = 14)
CREATE TABLE income_ab (unit text, y float8);
INSERT INTO income_ab VALUES ('A', 1), ('A', 3), ('B', 2), ('B', 6);
WITH s AS (SELECT incomestats(unit, y) AS s FROM income_ab),
     hand AS (SELECT 1/3.0 * ln(2/3.0) + 2/3.0 * ln(4/3.0) AS tb,
                     0.5 * (0.5 * ln(0.5) + 1.5 * ln(1.5)) AS tw,
                     0.5 * ln(1.5) + 0.5 * ln(0.75) AS lb,
                     ln(2.0) - ln(3.0) / 2 AS lw,
                     sqrt(4 / 14.0) AS nsi)
SELECT abs(seg_theil_t_between(s) - tb) < 1e-15 AS t_between,
       abs(seg_theil_t_within(s) - tw) < 1e-15 AS t_within,
       abs(seg_theil_t(s) - (tb + tw)) < 1e-15 AS t_total,
       abs(seg_theil_l_between(s) - lb) < 1e-15 AS l_between,
       abs(seg_theil_l_within(s) - lw) < 1e-15 AS l_within,
       abs(seg_theil_l(s) - (lb + lw)) < 1e-15 AS l_total,
       abs(seg_nsi(s) - nsi) < 1e-15 AS nsi
FROM s, hand;

-- Per unit: A mean 2, variance ((1-2)^2 + (3-2)^2) / 2 = 1; B mean 4,
-- variance 4.  Their own T and L are the T_A and L_A above.
SELECT unit, n, n_zero, n_negative, mean, variance,
       abs(theil_t - 0.5 * (0.5 * ln(0.5) + 1.5 * ln(1.5))) < 1e-15 AS t_ok,
       abs(theil_l - (ln(2.0) - ln(3.0) / 2)) < 1e-15 AS l_ok
FROM seg_income_units((SELECT incomestats(unit, y) FROM income_ab));

-- Text form: units in key order, counts, then sum y, standard deviation,
-- sum y ln y and sum ln y.  For A (1, 3): 2, 0, 0, 4, sqrt(2/2) = 1,
-- 3 ln 3, ln 3; for B (2, 6): sd = sqrt(8/2) = 2.
SELECT incomestats(unit, y)::text =
       format('v2 text {"A":(2,0,0,4,1,%s,%s);"B":(2,0,0,8,2,%s,%s)}',
              3 * ln(3::float8), ln(3::float8),
              2 * ln(2::float8) + 6 * ln(6::float8), ln(2::float8) + ln(6::float8))
       AS text_form_ok
FROM income_ab;

-- Text input: any order, spaces allowed, printed canonically; escapes.
SELECT 'v1 int { 20 : (1, 0, 0, 5, 0, 8.047189562170502, 1.6094379124341003) ;
         3:(2,2,0,0,0,0,0) }'::incomestats;
SELECT 'v1 text {"a \"quoted\" key":(1,0,1,-5,0,0,0);"back\\slash":(1,1,0,0,0,0,0)}'::incomestats;
SELECT 'v1 int {}'::incomestats AS empty, seg_theil_t('v1 int {}') AS t_empty,
       seg_nsi('v1 int {}') AS nsi_empty;

-- Round trips: text, binary (bytea cast) and stored.
SELECT s::text::incomestats::text = s::text AS text_round_trip,
       (s::bytea)::incomestats::text = s::text AS bytea_round_trip,
       get_byte(s::bytea, 0) AS format_version,
       chr(get_byte(s::bytea, 1)) AS key_kind
FROM (SELECT incomestats(unit, y) AS s FROM income_ab) q;

-- NULL unit or income rows are skipped, like sum(); no rows gives NULL.
SELECT incomestats(u, y) IS NULL AS all_null
FROM (VALUES (NULL::int, 1.0::float8), (1, NULL)) v(u, y);
SELECT incomestats(u, y)
FROM (VALUES (NULL::int, 1.0::float8), (1, NULL), (1, 2), (NULL, 3)) v(u, y);

-- Integer, bigint and text keys need no casts.
SELECT incomestats(u, y) AS int_keys, incomestats(u::bigint, y) AS bigint_keys,
       incomestats(u::text, y) AS text_keys
FROM (VALUES (2, 4.0::float8), (-1, 1)) v(u, y);

-- Negative incomes: T and L are NULL, NSI is defined.  y = -2, 2 in unit 1
-- and 4, 4 in unit 2: mu = 2; between squares 2*(0-2)^2 + 2*(4-2)^2 = 16;
-- total squares (-4)^2 + 0^2 + 2^2 + 2^2 = 24; NSI = sqrt(16/24).
SELECT seg_theil_t(s) IS NULL AS t_null, seg_theil_l(s) IS NULL AS l_null,
       abs(seg_nsi(s) - sqrt(16 / 24.0)) < 1e-15 AS nsi_ok
FROM (SELECT incomestats(u, y) AS s
      FROM (VALUES (1, -2.0::float8), (1, 2), (2, 4), (2, 4)) v(u, y)) q;

-- One unit: between parts are 0, within = total; NSI = 0.
SELECT p.between_units, abs(p.within_units - p.total) < 1e-15 AS within_is_total,
       seg_nsi(s)
FROM (SELECT incomestats(1, y) AS s FROM income_ab) q, LATERAL seg_theil_t_parts(s) p;

-- All incomes equal: T = L = 0, NSI undefined (NULL).
SELECT seg_theil_t(s), seg_theil_l(s), seg_nsi(s)
FROM (SELECT incomestats(u, 7.0) AS s FROM generate_series(1, 4) u) q;

-- seg_merge of stored per-unit values gives the one-pass result.
CREATE TABLE income_stored AS
SELECT unit, incomestats(unit, y) AS s FROM income_ab GROUP BY unit;
SELECT seg_merge(s)::text = (SELECT incomestats(unit, y)::text FROM income_ab) AS merge_ok
FROM income_stored;

-- seg_income_split: one single-unit value per unit; merged back, they
-- give the original value.
SELECT unit, stats FROM seg_income_split((SELECT incomestats(unit, y) FROM income_ab));
SELECT seg_merge(x.stats)::text = s::text AS split_merge_ok
FROM (SELECT incomestats(unit, y) AS s FROM income_ab) q, seg_income_split(q.s) x
GROUP BY s::text;

-- The ojämlikhetsindex per kommun from person rows: national quintile
-- thresholds, income class per person, low (class 1) and high (class 5)
-- counts per DeSO, Duncan dissimilarity per kommun.  Ten persons with
-- incomes 1..10: the quintile thresholds are 2.8, 4.6, 6.4, 8.2, so 1, 2
-- are class 1 and 9, 10 are class 5.  Kommun 1 has DeSO a = {1, 9, 10}
-- and b = {2, 3}: low a 1, b 1; high a 2, b 0; so
-- OI = 100 * 0.5 * (|1/2 - 2/2| + |1/2 - 0/2|) = 50.  Kommun 2 has only
-- middle incomes: NULL.
CREATE TABLE income_persons (kommun int, deso text, income float8);
INSERT INTO income_persons VALUES
  (1, 'a', 1), (1, 'a', 9), (1, 'a', 10), (1, 'b', 2), (1, 'b', 3),
  (2, 'c', 4), (2, 'c', 5), (2, 'd', 6), (2, 'd', 7), (2, 'd', 8);
WITH thresholds AS (
    SELECT percentile_cont(ARRAY[0.2, 0.4, 0.6, 0.8])
           WITHIN GROUP (ORDER BY income) AS t
    FROM income_persons
), per_deso AS (
    SELECT p.kommun, p.deso,
           count(*) FILTER (WHERE seg_income_class(p.income, q.t) = 1) AS low,
           count(*) FILTER (WHERE seg_income_class(p.income, q.t) = 5) AS high
    FROM income_persons p CROSS JOIN thresholds q
    GROUP BY p.kommun, p.deso
)
SELECT kommun, seg_inequality_index(low, high) AS ojamlikhetsindex
FROM per_deso GROUP BY kommun ORDER BY kommun;

-- The same with the segtable type: D between classes 1 and 5 over DeSO.
WITH thresholds AS (
    SELECT percentile_cont(ARRAY[0.2, 0.4, 0.6, 0.8])
           WITHIN GROUP (ORDER BY income) AS t
    FROM income_persons
)
SELECT p.kommun,
       100 * seg_dissimilarity(segtable(p.deso, seg_income_class(p.income, q.t)), 1, 5)
         AS ojamlikhetsindex
FROM income_persons p CROSS JOIN thresholds q
GROUP BY p.kommun ORDER BY p.kommun;

-- Rank-order indices: two units with opposite income distributions over
-- four bins.  Thresholds at p = 0.25, 0.5, 0.75; at p = 0.5 both units'
-- shares below are 0.3 and 0.7, so R(0.5) = 1 - (0.21) / 0.25 = 0.16.
SELECT bin, p, round(variance_ratio::numeric, 12) AS r
FROM seg_rank_order_profile(ARRAY[[10, 20, 30, 40], [40, 30, 20, 10]]::float8[]);

-- Identical composition in every unit: no segregation.
SELECT abs(seg_rank_order_h(a)) < 1e-12 AS h0,
       abs(seg_rank_order_variance_ratio(a)) < 1e-12 AS r0,
       abs(seg_rank_order_sqrt(a)) < 1e-12 AS s0
FROM (SELECT ARRAY[[1, 2, 3, 4, 5], [2, 4, 6, 8, 10], [10, 20, 30, 40, 50]]::float8[] AS a) q;

-- Complete segregation of every bin: each two-group index is 1, so every
-- rank-order index is 1.
SELECT round(seg_rank_order_h(a)::numeric, 12) AS h,
       round(seg_rank_order_variance_ratio(a)::numeric, 12) AS r,
       round(seg_rank_order_sqrt(a)::numeric, 12) AS s
FROM (SELECT ARRAY[[5, 0, 0, 0], [0, 7, 0, 0], [0, 0, 3, 0], [0, 0, 0, 9]]::float8[] AS a) q;

-- Every accepted value round-trips bit for bit through binary COPY
-- (send/recv, piped between two clients, no file), text COPY and pg_dump,
-- at extreme scales too (issue 7 §3).
CREATE TABLE income_rt (id int, s incomestats);
INSERT INTO income_rt
SELECT k, incomestats(u % 4, (u * 7919 % 101 + 1) * y)
FROM generate_series(1, 40) u, unnest(ARRAY[5e-324, 1e-300, 1, 2^53, 1e300]::float8[]) WITH ORDINALITY AS m(y, k)
GROUP BY k;
INSERT INTO income_rt
SELECT 6, incomestats(u, y) FROM (VALUES ('tab\there', 1.0::float8), ('quote"', 0), ('back\\slash', -2)) v(u, y);
SELECT current_database() AS dbname \gset
\setenv SEGINDEX_DB :dbname
CREATE TABLE income_rt_bin (LIKE income_rt);
\! psql -X -q -d "$SEGINDEX_DB" -c '\copy income_rt TO STDOUT WITH (FORMAT binary)' | psql -X -q -d "$SEGINDEX_DB" -c '\copy income_rt_bin FROM STDIN WITH (FORMAT binary)'
CREATE TABLE income_rt_dump (LIKE income_rt);
\! pg_dump --data-only --table=income_rt "$SEGINDEX_DB" | sed 's/public\.income_rt/public.income_rt_dump/' | psql -X -q -d "$SEGINDEX_DB" > /dev/null
SELECT a.id, a.s::bytea = b.s::bytea AS binary_copy_same, a.s::bytea = d.s::bytea AS dump_same,
       a.s::text::incomestats::bytea = a.s::bytea AS text_same
FROM income_rt a JOIN income_rt_bin b USING (id) JOIN income_rt_dump d USING (id) ORDER BY id;
DROP TABLE income_rt, income_rt_bin, income_rt_dump;

DROP TABLE income_toy, income_ab, income_stored, income_persons;
