-- scripts/load-scb: SCB's files into the scb schema.  Runs the loader
-- against its own database (segindex_tap_loader) on files written by
-- scripts/gen-scb-files, then on SCB's real files when $SEGINDEX_DATA has
-- them; results are copied back here and checked against plain SQL and
-- against the generator's own (Python) area types.
\set ON_ERROR_STOP 1
\pset format unaligned
\pset tuples_only true
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS pgtap;
\set work `mktemp -d`
\set L 'scripts/load-scb dbname=segindex_tap_loader'
\set Q 'psql -XAtq -d segindex_tap_loader -c'
\set fresh 'psql -qX -d postgres -c "DROP DATABASE IF EXISTS segindex_tap_loader" -c "CREATE DATABASE segindex_tap_loader" >/dev/null 2>&1'
\set have_se `test -r "$SEGINDEX_DATA/se/deso2018_indicators_2022.csv" && test -r "$SEGINDEX_DATA/se/deso2018_dalarna_lan.gpkg" && test -r "$SEGINDEX_DATA/se/deso2018_stockholm_lan.geojson" && echo 1 || echo 0`
BEGIN;
SELECT plan(38);

-- Synthetic files: a Latin-1 key, 2022 comma CSV, 2023 Statistikdatabasen style.
\set gen `scripts/gen-scb-files :work/a 2022 && scripts/gen-scb-files :work/b 2023 && rm :work/b/deso_regso_key.csv :work/b/*.geojson && echo ok`
\set ndeso `tail -n +2 :work/a/deso_regso_key.csv | wc -l`
\set nregso `tail -n +2 :work/a/deso_regso_key.csv | cut -d, -f2 | sort -u | wc -l`
\set rc `:fresh; :L :work/a > :work/out 2>&1; echo $?`
SELECT is(text :'rc', '0', 'synthetic files load');
CREATE TEMP TABLE n (step int, v int[]);  -- v: deso, with polygon, regso, kommun, lan, indicator rows, log rows
\set counts 'SELECT concat_ws(chr(44), (SELECT count(*) FROM scb.deso), (SELECT count(geom) FROM scb.deso), (SELECT count(*) FROM scb.regso), (SELECT count(*) FROM scb.kommun), (SELECT count(*) FROM scb.lan), (SELECT count(*) FROM scb.deso_indicators), (SELECT count(*) FROM scb.load_log))'
\set c `:Q ":counts"`
INSERT INTO n VALUES (1, string_to_array(:'c', ',')::int[]);
SELECT is((SELECT v[1] FROM n WHERE step = 1), :ndeso, 'every DeSO of the key');
SELECT is((SELECT v[2] FROM n WHERE step = 1), :ndeso, 'every DeSO has a polygon (GeoJSON keyed by id and by Desokod)');
SELECT is((SELECT v[3] FROM n WHERE step = 1), :nregso, 'every RegSO of the key');
SELECT is((SELECT v[4:5] FROM n WHERE step = 1), ARRAY[5, 2], '5 kommuner in 2 län');
\set enc `:Q "SELECT encoding FROM scb.load_log WHERE kind = 'key'"`
SELECT is(text :'enc', 'LATIN1', 'the Latin-1 key is detected as such');
\set names `:Q "SELECT string_agg(kommun_name, ',' ORDER BY kommun) FROM scb.kommun"`
SELECT is(text :'names', 'Åsby,Älvstad,Örnäs,Västerbyn,Sjövik', 'kommun names decoded correctly');
\set geomok `:Q "SELECT bool_and(ST_SRID(geom) = 3006 AND GeometryType(geom) = 'MULTIPOLYGON' AND abs(ST_Area(geom) - 1e6) < 1e-3) FROM scb.deso"`
SELECT is(text :'geomok', 't', 'polygons are 1 km² MultiPolygons in EPSG:3006');

-- Recomputed types against the generator's types (plain Python, same proxies).
\set agree `:Q "SELECT count(*) FILTER (WHERE proxy_type = official_type) || '/' || count(*) FROM scb.regso_area_type"`
SELECT is(text :'agree', :'nregso' || '/' || :'nregso', 'scb.regso_area_type equals the independent Python area types');

-- Running again, and adding another year in Statistikdatabasen's format.
\set rc `:L :work/a > :work/out 2>&1; echo $?`
SELECT is(text :'rc', '0', 'loading the same files again succeeds');
\set c `:Q ":counts"`
INSERT INTO n VALUES (2, string_to_array(:'c', ',')::int[]);
SELECT is((SELECT v[1:6] FROM n WHERE step = 2), (SELECT v[1:6] FROM n WHERE step = 1),
          'a second load of the same files adds no rows');
\set rc `:L :work/b > :work/out 2>&1; echo $?`
SELECT is(text :'rc', '0', 'semicolon CSV with decimal commas, "code name" regions and ".." cells loads');
\set years `:Q "SELECT string_agg(year || ':' || n, ',' ORDER BY year) FROM (SELECT year, count(*) n FROM scb.deso_indicators GROUP BY year) s"`
SELECT is(text :'years', '2022:' || :'ndeso' || ',2023:' || :'ndeso', 'another year adds its rows beside the first');
\set dots `:Q "SELECT count(*) FILTER (WHERE netinc_median_tkr IS NULL) || ',' || count(*) FILTER (WHERE netinc_mean_tkr <> trunc(netinc_mean_tkr)) FROM scb.deso_indicators WHERE year = 2023"`
SELECT ok(split_part(:'dots', ',', 1) = '1' AND split_part(:'dots', ',', 2)::int > 0,
          '".." becomes NULL and decimal commas keep their decimals');

-- The report views against plain SQL.
CREATE TEMP TABLE rep (year int, kommun text, oi float8, flag_oi bool, pct12 float8, flag_t bool, agree bigint, regso bigint);
\copy rep FROM PROGRAM 'psql -XAtq -d segindex_tap_loader -c "COPY (SELECT year, kommun, inequality_index, inequality_flag, proxy_pct12, area_type_flag, types_agree, regso FROM scb.kommun_report) TO STDOUT"'
CREATE TEMP TABLE facts (year int, kommun text, low float8, high float8);
\copy facts FROM PROGRAM 'psql -XAtq -d segindex_tap_loader -c "COPY (SELECT year, kommun, low_econ_std_pct / 100 * econ_std_persons, high_econ_std_pct / 100 * econ_std_persons FROM scb.deso_indicators JOIN scb.deso USING (deso)) TO STDOUT"'
SELECT is((SELECT count(*) FROM rep), 10::bigint, 'kommun_report: every kommun in both years');
SELECT ok((SELECT bool_and(abs(r.oi - p.oi) < 1e-9) FROM rep r JOIN (
             SELECT year, kommun, 50 * sum(abs(low / lt - high / ht)) AS oi
             FROM (SELECT *, sum(low) OVER w AS lt, sum(high) OVER w AS ht FROM facts
                   WINDOW w AS (PARTITION BY year, kommun)) s GROUP BY year, kommun) p USING (year, kommun)),
          'inequality index equals Duncan''s formula in plain SQL');
SELECT ok((SELECT bool_and(flag_oi = (oi >= m + sd)) FROM rep JOIN (
             SELECT year, avg(oi) m, stddev_samp(oi) sd FROM rep GROUP BY year) s USING (year)),
          'inequality flags equal mean + 1 SD in plain SQL');
SELECT ok((SELECT bool_and(flag_t = (pct12 >= m + 1.5 * sd)) FROM rep JOIN (
             SELECT year, avg(pct12) m, stddev_samp(pct12) sd FROM rep GROUP BY year) s USING (year)),
          'area-type flags equal mean + 1.5 SD in plain SQL');
\set supp `:Q "SELECT bool_and((low_econ_pct IS NULL) = (econ_std_persons <= 20 OR low_econ_persons <= 5) AND coalesce(abs(low_econ_pct - 100 * low_econ_persons / econ_std_persons) < 1e-9, true) AND (unemployed_pct IS NULL) = (labour_force <= 20 OR unemployed <= 5)) FROM scb.kommun_area_type_indicators"`
SELECT is(text :'supp', 't', 'indicator shares: 100 * count / base, NULL exactly when base <= 20 or count <= 5');

-- Bad files: a message naming file, line and column; the database unchanged.
\set c `:Q ":counts"`
INSERT INTO n VALUES (3, string_to_array(:'c', ',')::int[]);
\set rc `mkdir :work/c && cp :work/a/deso_regso_key.csv :work/c/ && sed -i '5s/^[^,]*/91X1/' :work/c/deso_regso_key.csv && :L :work/c > :work/out 2>&1; echo $?`
\set msg `cat :work/out`
SELECT ok(:'rc' <> '0' AND :'msg' ~ 'deso_regso_key.csv line 5 column deso: ''91X1'' is not a deso code', 'a bad DeSO code is named with file, line and column');
\set rc `rm -r :work/c && mkdir :work/c && cp :work/a/deso_indicators_2022.csv :work/c/ && sed -i '7s/^\([^,]*\),[^,]*/\1,many/' :work/c/deso_indicators_2022.csv && :L :work/c > :work/out 2>&1; echo $?`
\set msg `cat :work/out`
SELECT ok(:'rc' <> '0' AND :'msg' ~ 'line 7 column pop: ''many'' is not a number', 'a non-number is named with line and column');
\set rc `rm -r :work/c && mkdir :work/c && cp :work/a/deso_indicators_2022.csv :work/c/ && sed -i '3s/^\([^,]*\),\([^,]*\),[^,]*/\1,\2,140/' :work/c/deso_indicators_2022.csv && :L :work/c > :work/out 2>&1; echo $?`
\set msg `cat :work/out`
SELECT ok(:'rc' <> '0' AND :'msg' ~ 'line 3 column low_econ_std_pct: 140 is not a percentage', 'a percentage above 100 is refused');
-- Defect 3 of issue 9: a feature without a code used to load with a NULL key.
\set rc `rm -r :work/c && mkdir :work/c && cp :work/a/deso_indicators_2022.csv :work/c/ && python3 -c "import json,sys; d=json.load(open(sys.argv[1])); d['features'][3]['properties']['id']=None; json.dump(d,open(sys.argv[2],'w'))" :work/a/deso_lan91.geojson :work/c/deso_lan91.geojson && :L :work/c > :work/out 2>&1; echo $?`
\set msg `cat :work/out`
SELECT ok(:'rc' <> '0' AND :'msg' ~ 'deso_lan91.geojson: column id: NULL is not a DeSO code', 'a polygon without a DeSO code is an error naming the file');
\set rc `rm -r :work/c && mkdir :work/c && sed '2s/^9101A0110/9101A0990/' :work/a/deso_indicators_2022.csv > :work/c/deso_indicators_2022.csv && :L :work/c > :work/out 2>&1; echo $?`
\set msg `cat :work/out`
SELECT ok(:'rc' <> '0' AND :'msg' ~ 'DeSO 9101A0990 is not in the DeSO→RegSO key', 'an indicator row for an unknown DeSO is refused');
\set rc `rm -r :work/c && mkdir :work/c && :L :work/c > :work/out 2>&1; echo $?`
\set msg `cat :work/out`
SELECT ok(:'rc' <> '0' AND :'msg' ~ 'no SCB files found', 'an empty directory says so');
\set c `:Q ":counts"`
INSERT INTO n VALUES (4, string_to_array(:'c', ',')::int[]);
SELECT is((SELECT v FROM n WHERE step = 4), (SELECT v FROM n WHERE step = 3),
          'failed loads leave every table as it was (one transaction)');
\set rc `:fresh; :L --lan 92 :work/a > :work/out 2>&1; echo $?`
\set lanpoly `:Q "SELECT string_agg(DISTINCT lan, ',') FROM scb.deso WHERE geom IS NOT NULL"`
SELECT is(text :'rc' || ':' || :'lanpoly', '0:92', '--lan keeps only that län''s polygons');
\set schema `:Q "SELECT string_agg(table_name, ',' ORDER BY table_name) FROM information_schema.tables WHERE table_schema = 'scb'"`
SELECT is(text :'schema', 'deso,deso_facts,deso_indicators,kommun,kommun_area_type_indicators,kommun_report,lan,load_log,regso,regso_area_type,regso_official_type',
          'the documented tables and views of schema scb (doc/report.md)');

-- Statistikdatabasen exports with Swedish headings (gen-scb-files --swedish):
-- long (kön summed, "totalt" skipped or mapped) and wide (year in headings).
\set rc `scripts/gen-scb-files --swedish :work/s 2022 && :fresh; :L :work/s > :work/out 2>&1; echo $?`
SELECT is(text :'rc', '0', 'Swedish-headed long and wide exports load');
CREATE TEMP TABLE gen (deso text, pop float8, low float8, high float8, econ float8, f float8, g float8,
    lt3 float8, ge3 float8, miss float8, emp float8, unemp float8, lab float8, outside float8,
    tot float8, med float8, mean float8, np float8, bs float8, be float8, bw float8);
\set gencsv `tail -n +2 :work/a/deso_indicators_2022.csv`
INSERT INTO gen SELECT f[1], f[2]::float8, f[3]::float8, f[4]::float8, f[5]::float8, f[6]::float8, f[7]::float8,
    f[8]::float8, f[9]::float8, f[10]::float8, f[11]::float8, f[12]::float8, f[13]::float8, f[14]::float8,
    f[15]::float8, f[16]::float8, f[17]::float8, f[18]::float8, f[19]::float8, f[20]::float8, f[21]::float8
FROM (SELECT string_to_array(l, ',') f FROM regexp_split_to_table(:'gencsv', '\n') l WHERE l <> '') s;
CREATE TEMP TABLE sv AS SELECT * FROM gen WITH NO DATA;
\copy sv FROM PROGRAM 'psql -XAtq -d segindex_tap_loader -c "COPY (SELECT deso, pop, low_econ_std_pct, high_econ_std_pct, econ_std_persons, edu25_64_forgymnasial, edu25_64_gymnasial, edu25_64_eftergymn_lt3, edu25_64_eftergymn_ge3, edu25_64_missing, lab16_64_employed, lab16_64_unemployed, lab16_64_labour_force, lab16_64_outside, lab16_64_total, netinc_median_tkr, netinc_mean_tkr, netinc_persons, born_sweden, born_europe_ex_sweden, born_rest_of_world FROM scb.deso_indicators WHERE year = 2022) TO STDOUT"'
SELECT is((SELECT count(*) || '/' || (SELECT count(*) FROM gen) FROM gen JOIN sv USING (deso)), :'ndeso' || '/' || :'ndeso',
          'one 2022 row per DeSO from five Swedish files, each in the generator''s file');
SELECT is((SELECT count(*) FROM gen g JOIN sv s USING (deso)
           WHERE (g.pop, g.low, g.high, g.econ, g.f, g.g, g.lt3, g.ge3, g.miss, g.emp, g.unemp, g.lab, g.outside, g.tot, g.bs, g.be, g.bw)
              IS DISTINCT FROM (s.pop, s.low, s.high, s.econ, s.f, s.g, s.lt3, s.ge3, s.miss, s.emp, s.unemp, s.lab, s.outside, s.tot, s.bs, s.be, s.bw)),
          0::bigint, 'Swedish headings load to the generator''s values (population, birth region, education, economic standard, employment)');
\set rc `mkdir :work/u && cp :work/a/deso_regso_key.csv :work/u/ && printf 'region;civilstånd;år;Antal\n9101A0110;gift;2022;5\n' > :work/u/civil.csv && :L :work/u > :work/out 2>&1; echo $?`
\set msg `cat :work/out`
SELECT ok(:'msg' ~ 'skipping .*civil.csv: headings not recognised \(region, civilstånd, år, antal\)',
          'an unrecognised file is named with the headings seen');
\set rc `sed -i '6s/;Sverige;/;Mars;/' :work/s/fodelseregion.csv && :L :work/s > :work/out 2>&1; echo $?`
\set msg `cat :work/out`
SELECT ok(:'rc' <> '0' AND :'msg' ~ 'fodelseregion.csv line 6 column födelseregion: ''Mars'' is not a category the loader knows',
          'an unknown category in a Swedish export is named with file, line and column');

-- SCB's real files: both geometry files and every CSV in one command.
\if :have_se
\set rc `:fresh; :L "$SEGINDEX_DATA" > :work/out 2>&1; echo $?`
SELECT is(text :'rc', '0', 'SCB''s shared files load in one command');
\set real `:Q "SELECT count(*) || ',' || count(DISTINCT regso) || ',' || count(DISTINCT kommun) || ',' || count(DISTINCT lan) || ',' || count(geom) FILTER (WHERE lan = '20') || ',' || count(geom) FILTER (WHERE lan = '01') FROM scb.deso"`
SELECT is(text :'real', '5984,3363,290,21,175,1287', '5,984 DeSO, 3,363 RegSO, 290 kommuner, 21 län; 175 Dalarna (GeoPackage) and 1,287 Stockholm (GeoJSON) polygons');
CREATE TEMP TABLE rt (regso text, proxy int, official int, v1n float8, v1d float8, v2n float8, v2d float8, v3n float8, v3d float8);
\copy rt FROM PROGRAM 'psql -XAtq -d segindex_tap_loader -c "COPY (SELECT regso, proxy_type, official_type, v1n, v1d, v2n, v2d, v3n, v3d FROM scb.regso_area_type JOIN (SELECT regso, sum(low_econ_std_pct / 100 * econ_std_persons) v1n, sum(econ_std_persons) v1d, sum(edu25_64_forgymnasial) v2n, sum(edu25_64_forgymnasial + edu25_64_gymnasial + edu25_64_eftergymn_lt3 + edu25_64_eftergymn_ge3 + edu25_64_missing) v2d, sum(lab16_64_unemployed) v3n, sum(lab16_64_labour_force) v3d FROM scb.deso_indicators JOIN scb.deso USING (deso) GROUP BY regso) s USING (regso) WHERE year = 2022) TO STDOUT"'
SELECT is((SELECT count(*) FILTER (WHERE t <> proxy) FROM (
             SELECT proxy, CASE WHEN i >= m + 2 * sd THEN 1 WHEN i >= m + sd THEN 2 WHEN i >= m THEN 3
                                WHEN i >= m - sd THEN 4 ELSE 5 END AS t
             FROM (SELECT proxy, i, avg(i) OVER () m, stddev_samp(i) OVER () sd FROM (
                   SELECT proxy, (100 * v1n / v1d + 100 * v2n / v2d + 100 * v3n / v3d) / 3 AS i FROM rt) a) b) c),
          0::bigint, 'recomputed types equal SCB''s rule applied in plain SQL');
SELECT is((SELECT count(*) FILTER (WHERE proxy = official) || '/' || count(official) FROM rt), '3196/3363',
          'recomputed types agree with SCB''s official 2022 types for 3,196 of 3,363 RegSO (95.0 %)');
\set flags `:Q "SELECT count(*) FILTER (WHERE inequality_flag OR area_type_flag) || '=' || count(*) FILTER (WHERE inequality_flag AND area_type_flag) || '+' || count(*) FILTER (WHERE inequality_flag AND NOT area_type_flag) || '+' || count(*) FILTER (WHERE area_type_flag AND NOT inequality_flag) || ' of ' || count(*) FROM scb.kommun_report WHERE year = 2022"`
SELECT is(text :'flags', '65=8+41+16 of 290', 'flagged kommuner: 65 = 8 both + 41 inequality only + 16 area types only, of 290');
\else
SELECT skip('SCB''s files not in $SEGINDEX_DATA/se: real-data loading not tested', 5);
\endif

\set done `psql -qX -d postgres -c "DROP DATABASE IF EXISTS segindex_tap_loader" >/dev/null; rm -rf :work; echo ok`
SELECT * FROM finish();
ROLLBACK;
