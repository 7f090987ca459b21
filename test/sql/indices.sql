CREATE EXTENSION IF NOT EXISTS segindex CASCADE;
-- Hand-worked cases for every measure of sql/indices.sql.  Each query shows
-- the extension's value next to the hand computation (the formula in the
-- row name, evaluated in plain SQL), both rounded to 12 decimals.

-- Two groups, three units:   u1: x 10        (p = 1)
--                            u2: x 10, y 10  (p = 1/2)
--                            u3:       y 10  (p = 0)
-- X = Y = 20, T = 40, P = 1/2, E(P) = ln 2.
CREATE TABLE idx_two AS
SELECT segtable(unit, grp, n) AS t
FROM (VALUES ('u1', 'x', 10), ('u2', 'x', 10), ('u2', 'y', 10), ('u3', 'y', 10)) v(unit, grp, n);

SELECT name, round(got::numeric, 12) AS got, round(hand::numeric, 12) AS hand
FROM idx_two, LATERAL (VALUES
  ('D = 1/2 (|1/2-0| + |1/2-1/2| + |0-1/2|)',       seg_dissimilarity(t, 'x'),        0.5::float8),
  ('D of y',                                        seg_dissimilarity(t, 'y'),        0.5),
  ('D pair (x, y)',                                 seg_dissimilarity(t, 'x', 'y'),   0.5),
  ('Gini = (10*20/2 + 10*10*1 + 20*10/2) / (X Y)', seg_gini(t, 'x'),                 300.0 / 400),
  ('Gini pair (y, x)',                              seg_gini(t, 'y', 'x'),            300.0 / 400),
  ('H = (10 ln2 + 0 + 10 ln2) / (40 ln2)',          seg_entropy_index(t, 'x'),        0.5),
  ('H pair (x, y)',                                 seg_entropy_index(t, 'x', 'y'),   0.5),
  ('isolation = 1/2*1 + 1/2*1/2',                   seg_isolation(t, 'x'),            0.75),
  ('exposure x to y = 1/2*1/2',                     seg_exposure(t, 'x', 'y'),        0.25),
  ('exposure x to the rest',                        seg_exposure(t, 'x'),             0.25),
  ('exposure x to x = isolation',                   seg_exposure(t, 'x', 'x'),        0.75),
  ('correlation ratio = (3/4 - 1/2) / (1/2)',       seg_correlation_ratio(t, 'x'),    0.5),
  ('Atkinson b=1/2: 1 - (X/Y) (sqrt(10*10)/20)^2',  seg_atkinson(t, 'x'),             1 - 0.5 ^ 2),
  ('Atkinson b=0.2: 1 - (10^.2 10^.8 / 20)^1.25',   seg_atkinson(t, 'x', 0.2),        1 - 0.5 ^ 1.25),
  ('Hutchens = 1 - sqrt(1/2 * 1/2)',                seg_hutchens(t, 'x'),             1 - sqrt(0.25)),
  ('multigroup D (two groups)',                     seg_dissimilarity(t),             0.5),
  ('multigroup Gini (two groups)',                  seg_gini(t),                      0.75),
  ('multigroup H (two groups)',                     seg_entropy_index(t),             0.5),
  ('M = 20/40 ln 2',                                seg_mutual_information(t),        0.5 * ln(2))
) AS v(name, got, hand);

-- Three groups, two units:   u1: a 3, b 1        (t = 4)
--                            u2: a 1, b 1, c 2   (t = 4)
-- T = 8, pi = (1/2, 1/4, 1/4), I = 1/4 + 3/16 + 3/16 = 5/8, E = 3/2 ln 2.
CREATE TABLE idx_multi AS
SELECT segtable(unit, grp, n) AS t
FROM (VALUES ('u1', 'a', 3), ('u1', 'b', 1), ('u2', 'a', 1), ('u2', 'b', 1), ('u2', 'c', 2)) v(unit, grp, n);

SELECT name, round(got::numeric, 12) AS got, round(hand::numeric, 12) AS hand
FROM idx_multi, LATERAL (VALUES
  ('D = (4 (1/4+0+1/4) + 4 (1/4+0+1/4)) / (2*8*5/8)',       seg_dissimilarity(t),          0.4::float8),
  ('Gini = 2*16 (1/2 + 0 + 1/2) / (2*64*5/8)',               seg_gini(t),                   0.4),
  ('M = 3/8 ln(3/2) + 1/8 ln(1/2) + 2/8 ln 2',               seg_mutual_information(t),     3.0/8 * ln(1.5) + 1.0/8 * ln(0.5) + 2.0/8 * ln(2)),
  ('H = M / E',                                              seg_entropy_index(t),          (3.0/8 * ln(1.5) + 1.0/8 * ln(2)) / (1.5 * ln(2))),
  ('normalized exposure = 2 (1/2 1/16 / (1/2) + 1/2 1/16 / (3/4))', seg_normalized_exposure(t), 5.0 / 24),
  ('relative diversity = (4 (1/16+1/16) * 2) / (8*5/8)',     seg_relative_diversity(t),     0.2),
  ('squared CV = 2*4 (1/16/(1/2) + 1/16/(1/4)) / (2*8)',     seg_squared_cv(t),             0.1875),
  ('diversity = 3/2 ln 2',                                   seg_diversity(t),              1.5 * ln(2)),
  ('diversity normalized = 3/2 ln 2 / ln 3',                 seg_diversity(t, true),        1.5 * ln(2) / ln(3)),
  ('Simpson concentration = 1/4 + 1/16 + 1/16',              seg_simpson_concentration(t),  0.375),
  ('Simpson interaction = 1 - 3/8',                          seg_simpson_interaction(t),    0.625),
  ('D a vs rest = 1/2 (|3/4-1/4| + |1/4-3/4|)',              seg_dissimilarity(t, 'a'),     0.5),
  ('D pair (a, c) = 1/2 (|3/4-0| + |1/4-1|)',                seg_dissimilarity(t, 'a', 'c'), 0.75),
  ('Gini pair (a, c) = 3*3 (1 - 1/3) / (4*2)',               seg_gini(t, 'a', 'c'),         0.75),
  ('H pair (a, c) = 3 E(2/3) / (6 E(2/3))',                  seg_entropy_index(t, 'a', 'c'), 0.5),
  ('exposure a to c = 3/4*0 + 1/4*2/4',                      seg_exposure(t, 'a', 'c'),     0.125),
  ('exposure c to a = 2/2*1/4',                              seg_exposure(t, 'c', 'a'),     0.25),
  ('isolation of c = 2/2*2/4',                               seg_isolation(t, 'c'),         0.5),
  ('correlation ratio of c = (1/2 - 1/4) / (3/4)',           seg_correlation_ratio(t, 'c'), 1.0 / 3),
  ('Hutchens of c = 1 - sqrt(1 * 2/6)',                      seg_hutchens(t, 'c'),          1 - sqrt(1.0 / 3)),
  ('Atkinson of c = 1 - (2/6) (2^.5 2^.5 / 2)^2',            seg_atkinson(t, 'c'),          1 - 1.0 / 3)
) AS v(name, got, hand);

-- Local measures of the three-group table.
-- share = t_im / t_i; location quotient = share / pi_m;
-- local entropy of u1 = -(3/4 ln 3/4 + 1/4 ln 1/4), of u2 = 3/2 ln 2.
SELECT unit, grp, count, share, location_quotient,
       round(local_entropy::numeric, 12) AS local_entropy
FROM idx_multi, seg_local(t);
SELECT round(-(0.75 * ln(0.75) + 0.25 * ln(0.25)), 12) AS hand_u1,
       round(1.5 * ln(2.0), 12) AS hand_u2;
-- normalized: divided by ln K = ln 3
SELECT unit, round(local_entropy::numeric, 12) AS got,
       round(CASE unit WHEN 'u1' THEN -(0.75 * ln(0.75) + 0.25 * ln(0.25)) ELSE 1.5 * ln(2.0) END
             / ln(3.0), 12) AS hand
FROM idx_multi, seg_local(t, normalized => true) WHERE grp = 'a';

-- Local segregation scores ls_m = sum_i p(i|m) ln(p(i|m) / p_i):
-- a: 3/4 ln(3/2) + 1/4 ln(1/2); b: 0; c: 1 * ln(1 / (1/2)) = ln 2.
SELECT grp, share, round(score::numeric, 12) AS score,
       round(CASE grp WHEN 'a' THEN 0.75 * ln(1.5) + 0.25 * ln(0.5)
                      WHEN 'b' THEN 0 ELSE ln(2.0) END, 12) AS hand
FROM idx_multi, seg_local_scores(t);
-- weighted by group share they sum to M
SELECT round((SELECT sum(share * score) FROM seg_local_scores(t))::numeric, 12) AS weighted_sum,
       round(seg_mutual_information(t)::numeric, 12) AS m
FROM idx_multi;

-- Group arguments: text and integer keys, no casts needed.
CREATE TABLE idx_int AS
SELECT segtable(unit, grp, n) AS t
FROM (VALUES (1, 1, 10), (2, 1, 10), (2, 2, 10), (3, 2, 10)) v(unit, grp, n);
SELECT seg_dissimilarity(t, 1) AS int_literal,
       seg_dissimilarity(t, '1') AS text_literal,
       seg_dissimilarity(t, 1::smallint) AS smallint_arg,
       seg_dissimilarity(t, 1::bigint, 2::bigint) AS bigint_pair,
       seg_isolation(t, g) AS int_column
FROM idx_int, (SELECT 1::int AS g) c;
-- an integer argument finds a text key spelled the same way
CREATE TABLE idx_textnum AS
SELECT segtable(unit, grp, n) AS t
FROM (VALUES ('u1', '5', 10), ('u2', '5', 10), ('u2', '7', 10), ('u3', '7', 10)) v(unit, grp, n);
SELECT seg_dissimilarity(t, 5) AS int_arg, seg_dissimilarity(t, '5', '7') AS text_args
FROM idx_textnum;
-- a group that is not in the table is absent everywhere: NULL
SELECT seg_dissimilarity(t, 'z') IS NULL AS absent_text,
       seg_dissimilarity(t, 3) IS NULL AS absent_int,
       seg_exposure(t, 'x', 'z') IS NULL AS absent_partner
FROM idx_two;

-- Convenience aggregates over long-form rows.
CREATE TABLE idx_rows (unit text, grp text, n float8);
INSERT INTO idx_rows VALUES ('u1', 'a', 3), ('u1', 'b', 1), ('u2', 'a', 1), ('u2', 'b', 1), ('u2', 'c', 2);
-- multigroup: same as the segtable functions above (D = 0.4, M, H)
SELECT round(seg_dissimilarity(unit, grp, n)::numeric, 12) AS d,
       round(seg_entropy_index(unit, grp, n)::numeric, 12) AS h,
       round(seg_mutual_information(unit, grp, n)::numeric, 12) AS m
FROM idx_rows;
-- boolean form: group c against the rest; FILTER picks a pair.
-- By hand: D(c vs rest) = 1/2 (|0 - 4/6| + |2/2 - 2/6|) = 2/3; isolation of c
-- = 1/2 (see above); H(a vs rest) = 1 - E(3/4) / ln 2 (both units have
-- p = 3/4 or 1/4); D(a, c) = 3/4 (see above).
SELECT round(seg_dissimilarity(unit, grp = 'c', n)::numeric, 12) AS d_c_vs_rest,
       round(seg_isolation(unit, grp = 'c', n)::numeric, 12) AS isolation_c,
       round(seg_entropy_index(unit, grp = 'a', n)::numeric, 12) AS h_a_vs_rest,
       round((seg_dissimilarity(unit, grp, n) FILTER (WHERE grp IN ('a', 'c')))::numeric, 12) AS d_a_c
FROM idx_rows;
SELECT round(2.0 / 3, 12) AS hand_d_c,
       round(1 + (0.75 * ln(0.75) + 0.25 * ln(0.25)) / ln(2.0), 12) AS hand_h_a;
-- person rows (no weight column), integer units
SELECT seg_dissimilarity(u, g) AS d, seg_isolation(u, g = 1) AS isolation_1,
       round(seg_mutual_information(u, g)::numeric, 12) AS m
FROM (SELECT 1 AS u, 1 AS g FROM generate_series(1, 10)
      UNION ALL SELECT 2, 1 FROM generate_series(1, 10)
      UNION ALL SELECT 2, 2 FROM generate_series(1, 10)
      UNION ALL SELECT 3, 2 FROM generate_series(1, 10)) persons;
SELECT round(0.5 * ln(2.0), 12) AS hand_m;
-- no rows, or no member rows: NULL
SELECT seg_dissimilarity(unit, grp, n) IS NULL AS empty_d,
       seg_isolation(unit, grp = 'a', n) IS NULL AS empty_iso
FROM idx_rows WHERE false;
SELECT seg_isolation(unit, grp = 'zz', n) IS NULL AS no_members
FROM idx_rows;
