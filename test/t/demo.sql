-- The demo (demo/demo.sql) on the data scripts/load-scb loads: SCB's files
-- when $SEGINDEX_DATA has them, else scripts/gen-scb-files' synthetic ones.
-- Checks the defects of issue 9: complete lists, truthful labels, the län
-- parameter, official types beside recomputed ones, the map.
\set ON_ERROR_STOP 1
\pset format unaligned
\pset tuples_only true
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS pgtap;
\set work `mktemp -d`
\set have_se `test -r "$SEGINDEX_DATA/se/deso2018_indicators_2022.csv" && test -r "$SEGINDEX_DATA/se/deso2018_dalarna_lan.gpkg" && echo 1 || echo 0`
\if :have_se
\set data `echo "$SEGINDEX_DATA/se"`
\set lan1 01
\set lan2 20
\set synthetic 0
\else
\set gen `scripts/gen-scb-files :work/scb 2022 && echo ok`
\set data :work/scb
\set lan1 91
\set lan2 92
\set synthetic 1
\endif
\set D 'psql -X -d segindex_tap_demo -f demo/demo.sql -v synthetic=' :synthetic
\set rc `psql -qX -d postgres -c "DROP DATABASE IF EXISTS segindex_tap_demo" -c "CREATE DATABASE segindex_tap_demo" >/dev/null 2>&1 && scripts/load-scb dbname=segindex_tap_demo :data >/dev/null 2>&1 && :D -v lan=:lan1 -v svg_file=:work/map1.svg > :work/out1 2>&1 && :D -v lan=:lan2 -v svg_file=:work/map2.svg > :work/out2 2>&1 && :D -v lan=99 -v svg_file=:work/map3.svg > :work/out3 2>&1; echo $?`
\set out1 `cat :work/out1`
\set out2 `cat :work/out2`
\set out3 `cat :work/out3`
\set svg1 `cat :work/map1.svg`
\set svg2 `cat :work/map2.svg`
\set nsvg3 `ls :work | grep -c map3 || true`
\set placeholders `grep -c '^-- >>>' demo/demo.sql || true`
\set done `psql -qX -d postgres -c "DROP DATABASE IF EXISTS segindex_tap_demo" >/dev/null 2>&1; rm -rf :work; echo ok`
BEGIN;
SELECT plan(14);

CREATE TEMP TABLE out1 AS
SELECT n, line FROM regexp_split_to_table(:'out1', E'\n') WITH ORDINALITY AS t(line, n);
CREATE FUNCTION pg_temp.section_rows(head text, notes int) RETURNS bigint LANGUAGE sql AS $$
    -- data rows of the table printed after the heading line matching head
    -- and its lines of notes (then column names and a rule)
    SELECT count(*) FROM out1 o, (SELECT min(n) + notes + 2 AS h FROM out1 WHERE line ~ head) s
    WHERE o.n > s.h AND o.n < (SELECT min(n) FROM out1 WHERE n > s.h AND line = '')
$$;

SELECT is(text :'rc', '0', 'the demo runs for two län and an unknown one');
SELECT ok(:'out1' !~ 'ERROR', 'no error in the output');
SELECT is(pg_temp.section_rows('^== All \d+ of', 1),
          (regexp_match(:'out1', '== All (\d+) of'))[1]::bigint,
          'the flagged list has as many rows as its heading says (no silent LIMIT)');
SELECT ok(:'out1' ~ 'RECOMPUTED' AND :'out1' ~ 'unemployed / labour force 16-64'
          AND :'out1' ~ 'not the national income quintiles',
          'the output says the types are recomputed from proxies and how the inequality index differs');
SELECT ok(:'out1' ~ 'RegSO \(proxy\)' AND :'out1' ~ 'RegSO \(official\)' AND :'out1' ~ '% T1\+2 \(official\)',
          'official types are shown beside the recomputed ones');
SELECT ok(:'out1' ~ 'Agreement: the recomputed type equals SCB''s official \d{4} type for \d+ of \d+ RegSO',
          'the agreement with the official types is stated');
SELECT ok(:'svg1' ~ '^<svg' AND :'svg1' ~ '</svg>$' AND :'svg1' ~ 'Källa: SCB' AND :'svg1' ~ 'Inset: '
          AND :'svg1' ~ 'omräknade' AND :'svg1' ~ 'stroke="#222"' AND :'svg1' ~ 'Områdestyper 20\d\d',
          'the map: SVG with the source, an inset, the year, kommun borders and the note on recomputed types');
SELECT ok(:'svg2' ~ ('län ' || :'lan2') AND :'out2' ~ ('Kommuner of län ' || :'lan2'),
          'the län is a parameter: a second län gives its own report and map');
SELECT ok(:'out3' ~ 'No län 99 in the loaded data' AND :nsvg3 = 0, 'an unknown län says so and lists the known ones');
SELECT is(:placeholders, 0, 'no marked placeholder in demo/demo.sql');
SELECT is(:'out1' ~ 'SYNTHETIC DATA', :synthetic = 1, 'the synthetic-data banner appears exactly when the data are synthetic');

\if :have_se
SELECT ok(:'out1' ~ '== All 65 of 290 kommuner meeting Delmos'' criteria: 8 both, 41 inequality only, 16 area types only ==',
          '65 flagged kommuner: 8 both, 41 inequality only, 16 area types only');
SELECT ok(:'out1' ~ 'Högsby' AND :'out1' ~ 'Gullspång' AND :'out1' ~ 'Östra Göinge',
          'area-type-only kommuner (Högsby, Gullspång, Östra Göinge) are listed');
SELECT is(pg_temp.section_rows('^== Kommuner of län 01', 2), 26::bigint, 'all 26 kommuner of Stockholm län listed');
\else
SELECT skip('SCB''s files not in $SEGINDEX_DATA/se: real-data figures not checked', 3);
\endif

SELECT * FROM finish();
ROLLBACK;
