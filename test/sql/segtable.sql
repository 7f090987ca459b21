-- segtable: text form, aggregates, accessors, round trips and errors.
-- Every expected value below is small enough to check by hand.

-- Text form: keys sorted (integers numerically, text bytewise), zero cells
-- and units without cells dropped, counts printed exactly.
SELECT '{"b":{2:1,1:2},"a":{10:0.5,-3:1e2}}'::segtable;
SELECT '{ 3 : { "x y" : 2 , "q\"\\\n\t" : 0.1 } , -1 : { "x y" : 0 } }'::segtable;
SELECT '{}'::segtable AS empty, '{"a":{}}'::segtable AS no_cells,
       '{"a":{1:0}}'::segtable AS zero_cell;
SELECT '{"\u0041\u007f":{"\/":1}}'::segtable AS escapes;
SELECT '{"é":{"Ä":3}}'::segtable AS non_ascii;
SELECT '{1:{1:0.1},2:{1:1e-300},3:{1:12345678901234567890}}'::segtable AS counts;
-- text round trip is exact
SELECT t::text::segtable::text = t::text AS round_trip
FROM (SELECT '{"a":{1:0.1,2:0.30000000000000004},"b\"c":{3:1e300}}'::segtable AS t) s;

-- Malformed text
SELECT 'x'::segtable;
SELECT '{'::segtable;
SELECT '{"a":{1:2}'::segtable;
SELECT '{"a":{1:2}} x'::segtable;
SELECT '{"a":{1 2}}'::segtable;
SELECT '{"a":{1:2,}}'::segtable;
SELECT '{a:{1:2}}'::segtable;
SELECT '{"a":{1:}}'::segtable;
SELECT '{"a":{1:nan}}'::segtable;
SELECT '{"a":{1:Infinity}}'::segtable;
SELECT '{"a":{1:1e}}'::segtable;
SELECT '{"a\q":{1:1}}'::segtable;
SELECT '{"a\u0000":{1:1}}'::segtable;
SELECT '{"a\u00e9":{1:1}}'::segtable;
SELECT '{"a:{1:1}}'::segtable;
-- bad values
SELECT '{"a":{1:-2}}'::segtable;
SELECT '{"a":{1:1e999}}'::segtable;
SELECT '{"a":{9223372036854775808:1}}'::segtable;
SELECT '{"a":{1:1},"a":{2:1}}'::segtable;
SELECT '{"a":{1:1,2:1,1:0}}'::segtable;
SELECT '{"a":{"1":1,1:1}}'::segtable;
SELECT '{"a":{1:1},2:{1:1}}'::segtable;
SELECT '{"a":{1:1.5e308},"b":{1:1.5e308}}'::segtable;

-- Long form aggregate ------------------------------------------------------

CREATE TABLE st_people (id int, deso text, kommun int, grp int, edu text, w float8);
INSERT INTO st_people VALUES
  (1, 'A1', 180, 1, 'low', 1), (2, 'A1', 180, 1, 'high', 2),
  (3, 'A1', 180, 2, 'high', 1), (4, 'A2', 180, 2, 'low', 0.5),
  (5, 'B1', 181, 1, 'low', 1), (6, 'B1', 181, 3, NULL, 1),
  (7, NULL, 181, 3, 'low', 1), (8, 'B1', 181, NULL, 'low', 1),
  (9, 'B1', 181, 3, 'high', NULL), (10, 'A2', 180, 2, 'low', 0);

-- persons: NULL unit or group rows are skipped (ids 7, 8)
SELECT segtable(deso, grp) FROM st_people;
-- weights: NULL weight skipped (id 9), zero weight adds nothing (id 10)
SELECT segtable(deso, grp, w) FROM st_people;
-- integer units, text groups; every key type combination
SELECT segtable(kommun, edu) FROM st_people;
SELECT segtable(kommun, grp, w) FROM st_people;
SELECT segtable(edu, deso) FROM st_people;
SELECT kommun, segtable(deso, edu) FROM st_people GROUP BY kommun ORDER BY kommun;
-- smallint, varchar and unknown literals need no casts
SELECT segtable(grp::smallint, kommun::bigint) FROM st_people;
SELECT segtable(deso::varchar(5), edu::varchar) FROM st_people;
SELECT segtable('x', 'y'), segtable('x', 'y', 2.5), segtable(1, 'y');
-- no rows: NULL, like sum(); only zero weights: the empty table
SELECT segtable(deso, grp) IS NULL AS null_when_no_rows FROM st_people WHERE false;
SELECT segtable(deso, grp, 0) FROM st_people;
-- bad weights
SELECT segtable(deso, grp, -1) FROM st_people;
SELECT segtable(deso, grp, 'NaN') FROM st_people;
SELECT segtable(deso, grp, 'Infinity') FROM st_people;
SELECT segtable(u, g, w) FROM (VALUES ('a', 1, 1e308), ('b', 1, 1e308)) v(u, g, w);
-- unsupported key types are rejected at parse time
SELECT segtable(1.5, 1);

-- Wide form -----------------------------------------------------------------

CREATE TABLE st_wide (deso text, white int, black int, asian int);
INSERT INTO st_wide VALUES ('A1', 10, 0, 2), ('A2', 0, 0, 0), ('B1', 3, 4, NULL),
                           (NULL, 1, 1, 1);
-- groups 1..K by position; NULL elements and NULL units skipped, zeros dropped
SELECT segtable(deso, ARRAY[white, black, asian]) FROM st_wide;
-- named groups
SELECT segtable(deso, ARRAY['white', 'black', 'asian'], ARRAY[white, black, asian])
FROM st_wide;
SELECT segtable(deso, ARRAY[10, 20, 30], ARRAY[white, black, asian]) FROM st_wide;
-- same value as the long form over unnested rows
SELECT segtable(deso, ARRAY['white', 'black', 'asian'], ARRAY[white, black, asian])::text
     = (SELECT segtable(deso, g, n)::text
        FROM st_wide, unnest(ARRAY['white', 'black', 'asian'], ARRAY[white, black, asian]) u(g, n))
       AS wide_equals_long
FROM st_wide;
SELECT segtable('a', ARRAY['x', 'y'], ARRAY[1, 2, 3]);
SELECT segtable('a', ARRAY[[1, 2], [3, 4]]);
SELECT segtable('a', ARRAY[1, -2]);
SELECT segtable('a', ARRAY['x', NULL], ARRAY[1, 2]);

-- seg_merge -------------------------------------------------------------------

SELECT seg_merge(t) FROM (VALUES ('{"a":{1:2}}'::segtable), ('{"a":{1:3,2:1},"b":{3:1}}'),
                                 ('{}'), (NULL)) v(t);
SELECT seg_merge(t) IS NULL AS null_when_no_rows FROM (VALUES (NULL::segtable)) v(t);
SELECT seg_merge(t) FROM (VALUES ('{}'::segtable), ('{}')) v(t);
SELECT seg_merge(t) FROM (VALUES ('{"a":{1:2}}'::segtable), ('{"a":{"x":3}}')) v(t);
SELECT seg_merge(t) FROM (VALUES ('{"a":{1:2}}'::segtable), ('{7:{1:3}}')) v(t);
-- merging per-kommun tables gives the national table
SELECT seg_merge(t)::text = (SELECT segtable(deso, grp)::text FROM st_people) AS rollup
FROM (SELECT kommun, segtable(deso, grp) AS t FROM st_people GROUP BY kommun) s;

-- Accessors -------------------------------------------------------------------

SELECT seg_total(t), seg_nunits(t), seg_ngroups(t), seg_ncells(t)
FROM (SELECT '{"a":{1:2,2:3},"b":{1:1.5}}'::segtable AS t) s;
SELECT seg_total('{}'), seg_nunits('{}'), seg_ngroups('{}'), seg_ncells('{}');
SELECT * FROM seg_cells('{"b":{2:1,1:2},"a":{10:0.5}}');
SELECT * FROM seg_units('{"b":{2:1,1:2},"a":{10:0.5}}');
SELECT * FROM seg_groups('{"b":{2:1,1:2},"a":{10:0.5}}');
SELECT count(*) FROM seg_cells('{}');
-- cells equal an independent GROUP BY count
SELECT c.*, s.n AS group_by_count
FROM seg_cells((SELECT segtable(deso, grp) FROM st_people)) c
FULL JOIN (SELECT deso, grp::text, count(*)::float8 AS n FROM st_people
           WHERE deso IS NOT NULL AND grp IS NOT NULL GROUP BY 1, 2) s
  ON s.deso = c.unit AND s.grp = c.grp
ORDER BY 1, 2;

-- Binary form -----------------------------------------------------------------

-- layout: version 1, kinds 't' 'i', reserved 0, 2 units, 2 groups, 3 cells,
-- keys "a" "b" 1 2, then unit a: 2 cells (0: 2.0, 1: 3.0), unit b: 1 cell (0: 1.5)
SELECT '{"a":{1:2,2:3},"b":{1:1.5}}'::segtable::bytea;
SELECT '{}'::segtable::bytea;
SELECT ('{"a":{1:2,2:3},"b":{1:1.5}}'::segtable::bytea)::segtable;
SELECT segtable_send('{"a":{1:2}}') = '{"a":{1:2}}'::segtable::bytea AS send_is_cast;
-- damaged bytes
SELECT '\x'::bytea::segtable;
SELECT '\x02747400000000000000000000000000'::bytea::segtable;
SELECT '\x01787400000000000000000000000000'::bytea::segtable;
SELECT '\x01747401000000000000000000000000'::bytea::segtable;
SELECT '\x01697400000000000000000000000000'::bytea::segtable;
SELECT '\x0174740000000000000000000000000000'::bytea::segtable;
-- one unit "a", one group 1, one cell of 1: fine
SELECT '\x017469000000000100000001000000010000000161000000000000000100000001000000003ff0000000000000'::bytea::segtable;
-- the same with count 0, -1, NaN, Infinity
SELECT '\x017469000000000100000001000000010000000161000000000000000100000001000000000000000000000000'::bytea::segtable;
SELECT '\x01746900000000010000000100000001000000016100000000000000010000000100000000bff0000000000000'::bytea::segtable;
SELECT '\x017469000000000100000001000000010000000161000000000000000100000001000000007ff8000000000000'::bytea::segtable;
SELECT '\x017469000000000100000001000000010000000161000000000000000100000001000000007ff0000000000000'::bytea::segtable;
-- truncated by one byte; one byte too many
SELECT '\x017469000000000100000001000000010000000161000000000000000100000001000000003ff00000000000'::bytea::segtable;
SELECT '\x017469000000000100000001000000010000000161000000000000000100000001000000003ff000000000000000'::bytea::segtable;
-- units out of order ("b" before "a")
SELECT '\x0174690000000002000000010000000200000001620000000161000000000000000100000001000000003ff000000000000000000001000000003ff0000000000000'::bytea::segtable;
-- a group index out of range; a group without cells
SELECT '\x017469000000000100000001000000010000000161000000000000000100000001000000013ff0000000000000'::bytea::segtable;
SELECT '\x0174690000000001000000020000000100000001610000000000000001000000000000000200000001000000003ff0000000000000'::bytea::segtable;
-- invalid UTF-8 in a key; a zero byte in a key
SELECT '\x0174690000000001000000010000000100000001ff000000000000000100000001000000003ff0000000000000'::bytea::segtable;
SELECT '\x01746900000000010000000100000001000000026100000000000000000100000001000000003ff0000000000000'::bytea::segtable;

-- COPY round trips --------------------------------------------------------------

CREATE TABLE st_store (id int, t segtable);
INSERT INTO st_store VALUES
  (1, '{"a":{1:2,2:3},"b":{1:1.5}}'), (2, '{}'), (3, NULL),
  (4, '{"tab\there":{"new\nline":1,"back\\slash":2,"quote\"":0.25}}'),
  (5, '{-9223372036854775808:{9223372036854775807:1e-300}}');
COPY st_store TO STDOUT;
CREATE TABLE st_copy (LIKE st_store);
COPY st_copy FROM STDIN;
1	{"a":{1:2,2:3},"b":{1:1.5}}
2	{}
3	\N
4	{"tab\\there":{"back\\\\slash":2,"new\\nline":1,"quote\\"":0.25}}
5	{-9223372036854775808:{9223372036854775807:1e-300}}
\.
SELECT s.id, s.t::text = c.t::text AS same, s.t IS NULL AND c.t IS NULL AS both_null
FROM st_store s JOIN st_copy c USING (id) ORDER BY id;
-- binary COPY (send/recv) piped from one client to another, no file
SELECT current_database() AS dbname \gset
\setenv SEGINDEX_DB :dbname
CREATE TABLE st_bin (LIKE st_store);
\! psql -X -q -d "$SEGINDEX_DB" -c '\copy st_store TO STDOUT WITH (FORMAT binary)' | psql -X -q -d "$SEGINDEX_DB" -c '\copy st_bin FROM STDIN WITH (FORMAT binary)'
SELECT s.id, s.t::text = b.t::text AS same, s.t IS NULL AND b.t IS NULL AS both_null
FROM st_store s JOIN st_bin b USING (id) ORDER BY id;
-- pg_dump of the table, restored under another name
CREATE TABLE st_dumped (LIKE st_store);
\! pg_dump --data-only --table=st_store "$SEGINDEX_DB" | sed 's/public\.st_store/public.st_dumped/' | psql -X -q -d "$SEGINDEX_DB" > /dev/null
SELECT s.id, s.t::text = d.t::text AS same, s.t IS NULL AND d.t IS NULL AS both_null
FROM st_store s JOIN st_dumped d USING (id) ORDER BY id;

-- Order independence: the same rows in other orders give the same value
SELECT count(DISTINCT t::text) AS distinct_values
FROM (SELECT segtable(deso, grp, w ORDER BY id) AS t FROM st_people
      UNION ALL SELECT segtable(deso, grp, w ORDER BY id DESC) FROM st_people
      UNION ALL SELECT segtable(deso, grp, w ORDER BY edu, id) FROM st_people) s;

DROP TABLE st_people, st_wide, st_store, st_copy, st_bin, st_dumped;
