CREATE EXTENSION IF NOT EXISTS segindex CASCADE;

-- seg_sei: mean of three percentages
SELECT seg_sei(10, 20, 30) AS twenty, seg_sei(0, 0, 0) AS zero, seg_sei(100, 100, 100) AS hundred;
SELECT seg_sei(NULL, 20, 30) IS NULL AS null_in_null_out;
SELECT seg_sei(101, 20, 30);
SELECT seg_sei(10, -0.5, 30);
SELECT seg_sei(10, 20, 'NaN');
SELECT seg_sei(10, 20, 'Infinity');

-- count form: (25 + 50 + 0) / 3 = 25
SELECT seg_sei(1, 4, 1, 2, 0, 10) AS twenty_five;
SELECT seg_sei(0, 0, 1, 2, 0, 10) IS NULL AS zero_den_is_null;
SELECT seg_sei(5, 4, 1, 2, 0, 10);
SELECT seg_sei(1, 4, -1, 2, 0, 10);
SELECT seg_sei(1, 4, 1, 2, 0, 'Infinity');
-- a zero denominator does not hide a bad argument elsewhere
SELECT seg_sei(0, 0, 3, 2, 0, 10);

-- seg_area_type, scalar form; lower bounds are inclusive (mean 50, sd 10)
SELECT i, seg_area_type(i, 50, 10)
FROM unnest(ARRAY[100, 70, 69.999, 60, 59.999, 50, 49.999, 40, 39.999, 0]::float8[]) AS i;
SELECT seg_area_type(50, 50, 0) IS NULL AS zero_sd_is_null;
SELECT seg_area_type(50, 50, -1);
SELECT seg_area_type('NaN', 50, 10);

-- seg_area_type, window form.  Partition a: 40, 50, 60 has mean 50 and
-- sample sd 10, so the values sit exactly on the bounds of types 4, 3, 2.
-- Partition b: mean 0, sample sd 1 (sum of squares 10 over n - 1 = 10),
-- so 2, 1, 0, -1, -2 are exactly on the bounds of types 1..5.
-- Partitions c and d have no spread: NULL.
CREATE TABLE area (part text, id int, idx float8);
INSERT INTO area VALUES
  ('a', 1, 40), ('a', 2, 50), ('a', 3, 60), ('a', 4, NULL),
  ('b', 1, 2), ('b', 2, 1), ('b', 3, 0), ('b', 4, 0), ('b', 5, 0),
  ('b', 6, 0), ('b', 7, 0), ('b', 8, 0), ('b', 9, 0), ('b', 10, -1),
  ('b', 11, -2),
  ('c', 1, 5),
  ('d', 1, 7), ('d', 2, 7);
SELECT part, id, idx,
       seg_area_type(idx) OVER w AS type,
       seg_zscore(idx) OVER w AS z,
       seg_sd_flag(idx, 1) OVER w AS one_sd_above
FROM area
WINDOW w AS (PARTITION BY part)
ORDER BY part, id;
-- the frame clause does not matter: the whole partition is the reference
SELECT id, seg_area_type(idx) OVER (PARTITION BY part ORDER BY id) AS type
FROM area WHERE part = 'a' ORDER BY id;
SELECT seg_area_type(x) OVER () FROM (VALUES (1::float8), ('Infinity')) v(x);
SELECT seg_sd_flag(x, 'NaN') OVER () FROM (VALUES (1::float8), (2)) v(x);

SELECT t, seg_area_type_name(t), seg_area_type_name(t, 'en')
FROM generate_series(1, 5) t;
SELECT seg_area_type_name(6);
SELECT seg_area_type_name(1, 'de');

-- seg_inequality_index: L = 20, H = 10,
-- 50 * (|.5 - .2| + |.25 - .3| + |.25 - .5|) = 30
SELECT seg_inequality_index(low, high)
FROM (VALUES (10, 2), (5, 3), (5, 5), (NULL, 7), (3, NULL)) v(low, high);
SELECT seg_inequality_index(low, high) AS complete
FROM (VALUES (10, 0), (0, 10)) v(low, high);
SELECT seg_inequality_index(low, high) AS even
FROM (VALUES (5, 50), (5, 50)) v(low, high);
SELECT seg_inequality_index(low, high) IS NULL AS no_high_is_null
FROM (VALUES (10, 0), (5, 0)) v(low, high);
SELECT seg_inequality_index(low, high) IS NULL AS no_rows_is_null
FROM (VALUES (1, 1)) v(low, high) WHERE false;
SELECT seg_inequality_index(low, high) FROM (VALUES (1, -1)) v(low, high);
SELECT seg_inequality_index(low, high) FROM (VALUES ('NaN'::float8, 1)) v(low, high);

-- seg_publishable_share: more than 20 persons, of whom more than 5
SELECT seg_publishable_share(6, 21) AS shown,
       seg_publishable_share(5, 21) IS NULL AS few_with_property,
       seg_publishable_share(6, 20) IS NULL AS small_base,
       seg_publishable_share(2, 8, 5, 1) AS custom_thresholds;
SELECT seg_publishable_share(22, 21);
SELECT seg_publishable_share(-1, 21);
