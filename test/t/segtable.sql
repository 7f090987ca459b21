-- segtable properties: parallel and partition-wise plans, rollups with
-- seg_merge, damaged serialized values, order independence.
BEGIN;
CREATE EXTENSION IF NOT EXISTS pgtap;
CREATE EXTENSION IF NOT EXISTS segindex CASCADE;
SELECT plan(18);

-- 60,000 persons in 97 units of 7 "kommuner", groups 1..5, plus text
-- versions of the keys and fractional weights.
CREATE TABLE tap_people AS
SELECT i AS id, (i * 7919) % 97 AS unit, ((i * 7919) % 97) % 7 AS kommun,
       1 + (i * 31 + i / 13) % 5 AS grp,
       'u' || (i * 7919) % 97 AS unit_t, 'g' || (1 + (i * 31 + i / 13) % 5) AS grp_t,
       ((i % 4) + 1) * 0.25 AS w
FROM generate_series(1, 60000) i;
ANALYZE tap_people;

CREATE FUNCTION pg_temp.plan_text(q text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE r record; out text := '';
BEGIN
    FOR r IN EXECUTE 'EXPLAIN (COSTS OFF) ' || q LOOP
        out := out || r."QUERY PLAN" || E'\n';
    END LOOP;
    RETURN out;
END $$;

-- Serial reference values.
SET max_parallel_workers_per_gather = 0;
CREATE TEMP TABLE serial AS
SELECT (SELECT segtable(unit, grp)::text FROM tap_people) AS ii,
       (SELECT segtable(unit_t, grp_t, w)::text FROM tap_people) AS tt,
       (SELECT string_agg(t::text, ';' ORDER BY kommun)
        FROM (SELECT kommun, segtable(unit_t, grp) AS t FROM tap_people GROUP BY kommun) s) AS per_kommun;

-- The table equals an independent count of the cells.
SELECT is((SELECT count(*) FROM seg_cells((SELECT segtable(unit, grp) FROM tap_people)) c
           FULL JOIN (SELECT unit::text, grp::text, count(*)::float8 AS n
                      FROM tap_people GROUP BY 1, 2) g USING (unit, grp)
           WHERE c.n IS DISTINCT FROM g.n),
          0::bigint, 'seg_cells equals a GROUP BY count');

-- Forced parallel plans --------------------------------------------------------
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SET max_parallel_workers_per_gather = 2;

SELECT matches(pg_temp.plan_text('SELECT segtable(unit, grp) FROM tap_people'),
               'Partial Aggregate', 'parallel plan for segtable(int, int)');
SELECT is((SELECT segtable(unit, grp)::text FROM tap_people), (SELECT ii FROM serial),
          'parallel segtable(int, int) equals serial');
SELECT matches(pg_temp.plan_text('SELECT segtable(unit_t, grp_t, w) FROM tap_people'),
               'Partial Aggregate', 'parallel plan for segtable(text, text, weight)');
SELECT is((SELECT segtable(unit_t, grp_t, w)::text FROM tap_people), (SELECT tt FROM serial),
          'parallel weighted segtable(text, text) equals serial');
SELECT matches(pg_temp.plan_text('SELECT kommun, segtable(unit_t, grp) FROM tap_people GROUP BY kommun'),
               'Partial (Hash|Group)Aggregate', 'parallel grouped plan');
SELECT is((SELECT string_agg(t::text, ';' ORDER BY kommun)
           FROM (SELECT kommun, segtable(unit_t, grp) AS t FROM tap_people GROUP BY kommun) s),
          (SELECT per_kommun FROM serial), 'parallel grouped segtable equals serial');

-- seg_merge in parallel over stored per-unit tables
CREATE TABLE tap_stored AS
SELECT unit, kommun, segtable(unit_t, grp) AS t FROM tap_people GROUP BY unit, kommun;
ANALYZE tap_stored;
SELECT matches(pg_temp.plan_text('SELECT seg_merge(t) FROM tap_stored'),
               'Partial Aggregate', 'parallel plan for seg_merge');
SELECT is((SELECT seg_merge(t)::text FROM tap_stored),
          (SELECT segtable(unit_t, grp)::text FROM tap_people),
          'parallel seg_merge of per-unit tables equals the direct table');

-- Partition-wise aggregation ----------------------------------------------------
RESET parallel_setup_cost;
RESET parallel_tuple_cost;
RESET min_parallel_table_scan_size;
SET max_parallel_workers_per_gather = 0;
CREATE TABLE tap_part (LIKE tap_people) PARTITION BY RANGE (id);
CREATE TABLE tap_part_1 PARTITION OF tap_part FOR VALUES FROM (MINVALUE) TO (20001);
CREATE TABLE tap_part_2 PARTITION OF tap_part FOR VALUES FROM (20001) TO (40001);
CREATE TABLE tap_part_3 PARTITION OF tap_part FOR VALUES FROM (40001) TO (MAXVALUE);
INSERT INTO tap_part SELECT * FROM tap_people;
ANALYZE tap_part;
SET enable_partitionwise_aggregate = on;
SELECT matches(pg_temp.plan_text('SELECT kommun, segtable(unit_t, grp) FROM tap_part GROUP BY kommun'),
               'Partial (Hash|Group)Aggregate', 'partition-wise partial aggregation plan');
SELECT is((SELECT string_agg(t::text, ';' ORDER BY kommun)
           FROM (SELECT kommun, segtable(unit_t, grp) AS t FROM tap_part GROUP BY kommun) s),
          (SELECT per_kommun FROM serial), 'partition-wise segtable equals serial');
SELECT matches(pg_temp.plan_text('SELECT segtable(unit, grp) FROM tap_part'),
               'Partial Aggregate', 'partition-wise plan without grouping');
SELECT is((SELECT segtable(unit, grp)::text FROM tap_part), (SELECT ii FROM serial),
          'partition-wise ungrouped segtable equals serial');
-- stored per-partition values rolled up with seg_merge
CREATE TEMP TABLE per_part AS
SELECT tableoid::regclass AS part, segtable(unit, grp) AS t FROM tap_part GROUP BY tableoid;
SELECT is((SELECT count(*) FROM per_part), 3::bigint, 'one stored table per partition');
SELECT is((SELECT seg_merge(t)::text FROM per_part), (SELECT ii FROM serial),
          'seg_merge of per-partition tables equals the direct table');
RESET enable_partitionwise_aggregate;

-- Order independence (integer counts are exact in any order) ---------------------
SELECT is((SELECT count(DISTINCT v) FROM (
             SELECT (SELECT segtable(unit_t, grp_t)::text FROM
                       (SELECT * FROM tap_people ORDER BY md5(id::text || s)) o) AS v
             FROM generate_series(1, 4) s
             UNION ALL SELECT segtable(unit_t, grp_t)::text FROM tap_people) x),
          1::bigint, 'row order does not change the value');

-- Damaged serialized values -------------------------------------------------------
-- Every single-byte change, truncation and extension of a value's portable
-- bytes (segtable_send output, also the aggregates' serialized state) must
-- be rejected with invalid_binary_representation or give a valid value
-- whose own bytes are exactly the input; never another error or a crash.
CREATE FUNCTION pg_temp.mutate(b bytea, OUT tried int, OUT valid int, OUT rejected int,
                               OUT other text)
LANGUAGE plpgsql AS $$
DECLARE
    m bytea;
    v segtable;
    vals int[];
BEGIN
    tried := 0; valid := 0; rejected := 0; other := '';
    FOR i IN 0 .. length(b) LOOP
        FOR k IN 1 .. 9 LOOP
            IF k <= 7 AND i = length(b) THEN CONTINUE; END IF;
            IF k <= 7 THEN
                vals := ARRAY[0, 1, 127, 128, 255, get_byte(b, i) # 1, get_byte(b, i) # 64];
                m := set_byte(b, i, vals[k]);
            ELSIF k = 8 THEN
                m := substr(b, 1, i);
            ELSE
                m := b || substr(b, 1, i);
            END IF;
            tried := tried + 1;
            BEGIN
                v := m::segtable;
                IF v::bytea = m AND v::text::segtable::bytea = m THEN
                    valid := valid + 1;
                ELSE
                    other := other || ' not-canonical@' || i;
                END IF;
            EXCEPTION
                WHEN invalid_binary_representation THEN rejected := rejected + 1;
                WHEN OTHERS THEN other := other || ' ' || SQLSTATE || '@' || i;
            END;
        END LOOP;
    END LOOP;
END $$;

CREATE TEMP TABLE mutated AS
SELECT * FROM pg_temp.mutate(segtable_send((SELECT segtable(unit_t, grp_t, w)
                                            FROM tap_people WHERE unit < 5)))
UNION ALL
SELECT * FROM pg_temp.mutate(segtable_send((SELECT segtable(unit, grp)
                                            FROM tap_people WHERE unit < 6)))
UNION ALL
SELECT * FROM pg_temp.mutate(segtable_send('{"a":{1:2}}'))
UNION ALL
SELECT * FROM pg_temp.mutate(segtable_send('{}'));
SELECT is((SELECT string_agg(other, '') FROM mutated), '',
          'every damaged value is rejected cleanly or is a canonical valid value');
SELECT cmp_ok((SELECT sum(rejected) FROM mutated), '>', (SELECT sum(tried) / 2 FROM mutated),
              'most damaged values are rejected');
SELECT diag('mutations tried: ' || sum(tried) || ', rejected: ' || sum(rejected) ||
            ', still valid: ' || sum(valid)) FROM mutated;

SELECT * FROM finish();
ROLLBACK;
