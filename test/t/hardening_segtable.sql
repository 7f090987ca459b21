-- Issue 7, item 5 (segtable and the indices): a bounded randomized hardening
-- test.  Random tables with extreme, tiny, denormal and near-2^53 counts go
-- through every index; each result must be non-NULL where defined, finite,
-- within its documented range, unchanged (bit for bit) by scaling with a
-- power of two, and no call may fail with XX000.  Then every byte of
-- several stored values is mutated: each damaged value must be rejected
-- with 22P03 or accepted, round-trip through text and binary bit for bit,
-- and give in-range indices (issue 7, item 3: no accepted value that no
-- rows could have produced).  The seed is printed; a failure lists it.
BEGIN;
CREATE EXTENSION IF NOT EXISTS pgtap;
CREATE EXTENSION IF NOT EXISTS segindex CASCADE;
SELECT plan(5);

\set seed 0.5772156649
SELECT diag('hardening seed: ' || :'seed');
SELECT setseed(:'seed');

-- (expression over t, lower bound, upper bound); ln K and ln n for M and E
CREATE TEMP TABLE measures (expr text, lo float8, hi text);
INSERT INTO measures VALUES
  ('seg_dissimilarity(t)', 0, '1'), ('seg_gini(t)', 0, '1'), ('seg_entropy_index(t)', 0, '1'),
  ('seg_mutual_information(t)', 0, 'ln(greatest(seg_ngroups(t), 1)) * (1 + 1e-15)'),
  ('seg_normalized_exposure(t)', 0, '1'), ('seg_relative_diversity(t)', 0, '1'),
  ('seg_squared_cv(t)', 0, '1'), ('seg_diversity(t)', 0, 'ln(greatest(seg_ngroups(t), 1)) * (1 + 1e-15)'),
  ('seg_diversity(t, true)', 0, '1'), ('seg_simpson_interaction(t)', 0, '1'),
  ('seg_simpson_concentration(t)', 0, '1'),
  ('seg_dissimilarity(t, 1)', 0, '1'), ('seg_gini(t, 1)', 0, '1'), ('seg_entropy_index(t, 1)', 0, '1'),
  ('seg_isolation(t, 1)', 0, '1'), ('seg_exposure(t, 1)', 0, '1'), ('seg_correlation_ratio(t, 1)', 0, '1'),
  ('seg_atkinson(t, 1, 0.5)', 0, '1'), ('seg_atkinson(t, 1, 0.9999999999999999)', 0, '1'),
  ('seg_hutchens(t, 1)', 0, '1'),
  ('seg_dissimilarity(t, 1, 2)', 0, '1'), ('seg_gini(t, 1, 2)', 0, '1'),
  ('seg_entropy_index(t, 1, 2)', 0, '1'), ('seg_exposure(t, 1, 2)', 0, '1'),
  ('(SELECT min(share) FROM seg_local(t))', 0, '1'), ('(SELECT max(share) FROM seg_local(t))', 0, '1'),
  ('(SELECT min(location_quotient) FROM seg_local(t))', 0, '''Infinity'''),
  ('(SELECT max(local_entropy) FROM seg_local(t, true))', 0, '1'),
  ('(SELECT min(score) FROM seg_local_scores(t))', 0, '''Infinity'''),
  ('seg_rank_order_h(t, 0)', 0, '1'), ('seg_rank_order_h(t)', 0, '1'),
  ('seg_rank_order_variance_ratio(t, 2)', 0, '1'), ('seg_rank_order_sqrt(t, 10)', 0, '1');

-- Problems of one table: NaN, +-Infinity, out of range, or an XX000 (any
-- SQLSTATE of class XX).  Undefined results are NULL (allowed); 22023 from
-- rank-order (too few bins) is a documented rejection.
CREATE FUNCTION pg_temp.problems(t segtable) RETURNS TABLE (expr text, problem text)
LANGUAGE plpgsql AS $$
DECLARE m record; v float8; hi float8;
BEGIN
  FOR m IN SELECT * FROM measures LOOP
    BEGIN
      EXECUTE format('SELECT %s, %s FROM (SELECT $1 AS t) s', m.expr, m.hi) INTO v, hi USING t;
      IF v IS NOT NULL AND (v = 'NaN' OR v IN ('Infinity', '-Infinity') OR v < m.lo OR v > hi) THEN
        expr := m.expr; problem := 'value ' || v || ' outside [' || m.lo || ', ' || hi || ']'; RETURN NEXT;
      END IF;
    EXCEPTION WHEN OTHERS THEN
      IF SQLSTATE LIKE 'XX%' OR SQLSTATE NOT LIKE '22%' THEN
        expr := m.expr; problem := SQLSTATE || ' ' || SQLERRM; RETURN NEXT;
      END IF;
    END;
  END LOOP;
END $$;

-- every index at once, for the bit-for-bit scale comparison
CREATE FUNCTION pg_temp.values_of(t segtable) RETURNS float8[] LANGUAGE plpgsql AS $$
DECLARE m record; v float8; r float8[] := '{}';
BEGIN
  FOR m IN SELECT * FROM measures LOOP
    BEGIN
      EXECUTE format('SELECT %s FROM (SELECT $1 AS t) s', m.expr) INTO v USING t;
    EXCEPTION WHEN OTHERS THEN v := -1;
    END;
    r := r || v;
  END LOOP;
  RETURN r;
END $$;

-- 150 random tables: 1..7 units, 1..5 groups, counts drawn from extreme classes
CREATE TEMP TABLE rnd_cells AS
SELECT r, u, g, (ARRAY[5e-324, 1e-310, 1e-300, 0.1, 1, 3, 7, 1e15, 9007199254740991,
                       9007199254740994, 1e200, 1e300, 1e306])[1 + floor(random() * 13)::int]::float8 AS n
FROM generate_series(1, 150) r, generate_series(1, 7) u, generate_series(1, 5) g
WHERE random() < 0.55;
CREATE TEMP TABLE rnd AS
SELECT r, segtable(u, g, n) AS t, min(n) AS lo, max(n) AS hi FROM rnd_cells GROUP BY r;

CREATE TEMP TABLE found AS SELECT r, p.* FROM rnd, pg_temp.problems(t) p;
SELECT is((SELECT count(*) FROM found), 0::bigint,
          'random extreme tables: no NaN, no Infinity, nothing out of range, no XX000 (seed ' || :'seed' || ')');
SELECT diag(format('table %s: %s: %s (%s)', r, expr, problem, (SELECT t FROM rnd WHERE rnd.r = f.r))) FROM found f LIMIT 10;

-- scaling by 2^k is exact, so every index must be bit-identical; the tables
-- of the cells within [1e-250, 1e250] stay clear of overflow and denormals
CREATE TEMP TABLE mid AS
SELECT r, segtable(u, g, n) AS t FROM rnd_cells WHERE n BETWEEN 1e-250 AND 1e250 GROUP BY r;
CREATE TEMP TABLE scaled AS
SELECT r, k, segtable(u, g, n * power(2::float8, k)) AS t
FROM rnd_cells, unnest(ARRAY[-150, 64]) k
WHERE n BETWEEN 1e-250 AND 1e250
GROUP BY r, k;
CREATE TEMP TABLE scale_diff AS
SELECT s.r, s.k FROM scaled s JOIN mid USING (r)
WHERE pg_temp.values_of(s.t) IS DISTINCT FROM pg_temp.values_of(mid.t);
SELECT cmp_ok((SELECT count(*) FROM scaled), '>', 100::bigint, 'more than 100 scaled copies are exercised');
SELECT is((SELECT count(*) FROM scale_diff), 0::bigint,
          'every index is bit-identical after scaling by 2^-150 and 2^64 (seed ' || :'seed' || ')');
SELECT diag('scale mismatch: table ' || r || ' times 2^' || k) FROM scale_diff LIMIT 10;

-- Byte mutations of stored values: reject (22P03) or round-trip and stay in range
CREATE TEMP TABLE mut_src AS
SELECT r, t::bytea AS b FROM rnd WHERE r <= 3
UNION ALL SELECT 1000, '{"a":{"x":1,"y":2.5},"b":{"y":1e300}}'::segtable::bytea;
CREATE TEMP TABLE mut_result (r int, pos int, how text, outcome text);
DO $$
DECLARE s record; b bytea; v segtable; how text; bad text;
BEGIN
  FOR s IN SELECT * FROM mut_src LOOP
    FOR pos IN 0 .. length(s.b) - 1 LOOP
      FOREACH how IN ARRAY ARRAY['xor01', 'xor80', 'zero', 'ff'] LOOP
        b := set_byte(s.b, pos, CASE how WHEN 'xor01' THEN get_byte(s.b, pos) # 1
                                         WHEN 'xor80' THEN get_byte(s.b, pos) # 128
                                         WHEN 'zero' THEN 0 ELSE 255 END);
        BEGIN
          v := b::segtable;
          bad := NULL;
          IF v::text::segtable::bytea IS DISTINCT FROM b THEN
            bad := 'accepted but the text round trip changes it';
          END IF;
          IF bad IS NULL AND EXISTS (SELECT 1 FROM pg_temp.problems(v)) THEN
            bad := 'accepted but ' || (SELECT expr || ': ' || problem FROM pg_temp.problems(v) LIMIT 1);
          END IF;
          INSERT INTO mut_result VALUES (s.r, pos, how, coalesce(bad, 'accepted'));
        EXCEPTION WHEN OTHERS THEN
          INSERT INTO mut_result VALUES (s.r, pos, how,
            CASE WHEN SQLSTATE = '22P03' THEN 'rejected' ELSE 'wrong error ' || SQLSTATE || ' ' || SQLERRM END);
        END;
      END LOOP;
    END LOOP;
  END LOOP;
END $$;
SELECT cmp_ok((SELECT count(*) FROM mut_result), '>', 1000::bigint, 'more than 1000 mutated values are tried');
SELECT is((SELECT count(*) FROM mut_result WHERE outcome NOT IN ('accepted', 'rejected')), 0::bigint,
          'every mutated segtable is rejected with 22P03 or accepted, round-trips and gives in-range indices');
SELECT diag(format('value %s byte %s %s: %s', r, pos, how, outcome))
FROM mut_result WHERE outcome NOT IN ('accepted', 'rejected') LIMIT 10;
SELECT diag(format('mutations: %s accepted, %s rejected',
                   count(*) FILTER (WHERE outcome = 'accepted'), count(*) FILTER (WHERE outcome = 'rejected')))
FROM mut_result;
SELECT * FROM finish();
ROLLBACK;
