-- Own geographies and area types on SCB's real data ($SEGINDEX_DATA/se):
-- DeSO of Stockholm län crosswalked to SCB's kommun polygons, DeSO counts
-- interpolated onto the police's utsatta områden of 2023, and the national
-- transition matrix of SCB's official area types 2022 -> 2023.  Skipped
-- when the data (or ogr2ogr, for the shapefile) is absent.
\set ON_ERROR_STOP 1
\pset format unaligned
\pset tuples_only true
\set have_se `test -r "$SEGINDEX_DATA/se/deso2018_indicators_2022.csv" && test -r "$SEGINDEX_DATA/se/kommuner.geojson" && test -r "$SEGINDEX_DATA/se/regso2020_omradestyp_2023.csv" && test -r "$SEGINDEX_DATA/se/utsatta_omraden_2023/uso_2023.shp" && command -v ogr2ogr >/dev/null && echo 1 || echo 0`
\if :have_se
BEGIN;
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS pgtap;
CREATE EXTENSION IF NOT EXISTS segindex CASCADE;
\ir ../../demo/load_se.sql
SELECT plan(18);

-- Kommun polygons (CRS84 -> SWEREF 99 TM); the file is one feature a line.
CREATE TEMP TABLE kn_raw (n serial, doc text);
\copy kn_raw(doc) FROM PROGRAM 'cat "$SEGINDEX_DATA/se/kommuner.geojson"' WITH (FORMAT csv, QUOTE E'\x01', DELIMITER E'\x02')
CREATE TEMP TABLE kommun_poly AS
SELECT f->'properties'->>'KnKod' AS kommun,
       ST_Multi(ST_MakeValid(ST_Transform(ST_SetSRID(ST_GeomFromGeoJSON(f->>'geometry'), 4326), 3006))) AS geom
FROM (SELECT string_agg(doc, E'\n' ORDER BY n) AS doc FROM kn_raw) k,
     json_array_elements(doc::json->'features') f;
CREATE INDEX ON kommun_poly USING gist (geom);
CREATE TEMP TABLE deso_poly AS
SELECT deso, kommun, ST_Multi(ST_MakeValid(geom)) AS geom FROM deso WHERE geom IS NOT NULL;
CREATE INDEX ON deso_poly USING gist (geom);
ANALYZE kommun_poly, deso_poly;

SELECT is((SELECT count(*) FROM kommun_poly), 290::bigint, '290 kommun polygons');

-- 1. DeSO -> kommun by area weights: how much of the population lands in
--    the kommun SCB's key gives the DeSO?
CREATE TEMP TABLE cw_kommun AS
SELECT * FROM seg_crosswalk('deso_poly', 'deso', 'geom', 'kommun_poly', 'kommun', 'geom');
CREATE TEMP TABLE kommun_fig AS
SELECT 100 * sum(c.weight * f.pop) FILTER (WHERE c.target = d.kommun)
         / (SELECT sum(pop) FROM deso_facts JOIN deso_poly USING (deso)) AS correct,
       100 * sum(c.weight * f.pop) FILTER (WHERE c.target IS NULL)
         / (SELECT sum(pop) FROM deso_facts JOIN deso_poly USING (deso)) AS outside,
       100 * sum(c.share * f.pop) FILTER (WHERE c.target = d.kommun)
         / (SELECT sum(pop) FROM deso_facts JOIN deso_poly USING (deso)) AS correct_share
FROM cw_kommun c JOIN deso_poly d ON d.deso = c.source JOIN deso_facts f ON f.deso = c.source;
SELECT diag(format('DeSO -> kommun crosswalk (area weights, allocate_total): %s %% of Stockholm län''s population in the key''s kommun, %s %% outside every kommun polygon; without allocate_total %s %%',
                   round(correct::numeric, 2), round(outside::numeric, 2), round(correct_share::numeric, 2)))
FROM kommun_fig;
-- Independent plain-SQL computation of the same figure: the share of each
-- DeSO's area inside its own kommun polygon, over the area inside any.
SELECT ok((SELECT abs(k.correct - 100 * sum(f.pop * own.a / nullif(anyk.a, 0))
                                   / (SELECT sum(pop) FROM deso_facts JOIN deso_poly USING (deso))) < 1e-6
           FROM kommun_fig k, deso_poly d JOIN deso_facts f USING (deso),
                LATERAL (SELECT ST_Area(ST_Intersection(d.geom, p.geom)) AS a
                         FROM kommun_poly p WHERE p.kommun = d.kommun) own,
                LATERAL (SELECT sum(ST_Area(ST_Intersection(d.geom, p.geom))) AS a
                         FROM kommun_poly p WHERE ST_Intersects(d.geom, p.geom)) anyk
           GROUP BY k.correct),
          'the kommun figure equals a plain-SQL ST_Intersection computation');
-- The kommun layer is generalised far more coarsely than the DeSO layer
-- (Sundbyberg has 9 vertices), so whole small DeSO fall in a neighbour:
-- the issue's 99 % is not reachable with these two files.
SELECT ok((SELECT correct BETWEEN 90 AND 99 AND outside < 3 FROM kommun_fig),
          'DeSO -> kommun: 90-99 % in the key''s kommun, < 3 % outside (generalised layers)');
SELECT ok((SELECT abs(sum(weight) - count(DISTINCT source)) < 1e-9 FROM cw_kommun WHERE source IS NOT NULL),
          'allocate_total weights of each DeSO sum to 1 (outside row included)');
SELECT is((SELECT count(DISTINCT source) FROM cw_kommun WHERE source IS NOT NULL), 1287::bigint,
          'every DeSO polygon appears in the crosswalk');

-- 2. Utsatta områden 2023: interpolate DeSO counts onto each område in
--    Stockholm län and type it against the national 2022 RegSO index.
CREATE TEMP TABLE uso (wkt text, namn text, kategori text, ort text, lokalpolis text,
                       omradeskod text, polisomrad text, polisomr_1 text, region text,
                       regionkod text, specialomr text, aktualitet text, shape_leng text,
                       shape_area text);
\copy uso FROM PROGRAM 'ogr2ogr -f CSV /vsistdout/ "$SEGINDEX_DATA/se/utsatta_omraden_2023/uso_2023.shp" -lco GEOMETRY=AS_WKT' CSV HEADER
CREATE TEMP TABLE uso_poly AS
SELECT namn, ST_Multi(ST_MakeValid(ST_Force2D(ST_GeomFromText(wkt, 3006)))) AS geom FROM uso;
CREATE INDEX ON uso_poly USING gist (geom);
SELECT is((SELECT count(*) FROM uso_poly), 59::bigint, '59 utsatta områden');

CREATE TEMP TABLE cw_uso AS
SELECT * FROM seg_crosswalk('deso_poly', 'deso', 'geom', 'uso_poly', 'namn', 'geom');
-- In Stockholm län: at least half of the område's area is covered by DeSO.
CREATE TEMP TABLE uso_in AS
SELECT u.namn FROM uso_poly u
WHERE (SELECT coalesce(sum(c.area), 0) FROM cw_uso c WHERE c.target = u.namn) >= 0.5 * ST_Area(u.geom);
CREATE TEMP TABLE uso_vals AS
SELECT d.deso, f.v1_num, f.v1_den, f.v2_num, f.v2_den, f.v3_num, f.v3_den
FROM deso_poly d JOIN deso_facts f USING (deso);
CREATE TEMP TABLE uso_counts AS
SELECT target AS namn, v AS var, value
FROM unnest('{v1_num,v1_den,v2_num,v2_den,v3_num,v3_den}'::text[]) v,
     LATERAL seg_crosswalk_extensive('cw_uso', 'uso_vals', 'deso', v, false) x
WHERE target IN (SELECT namn FROM uso_in);
CREATE TEMP TABLE national AS
SELECT avg(sei) AS mu, stddev_samp(sei) AS sd
FROM (SELECT seg_sei(sum(v1_num), sum(v1_den), sum(v2_num), sum(v2_den), sum(v3_num), sum(v3_den)) AS sei
      FROM deso JOIN deso_facts USING (deso) GROUP BY regso) r;
CREATE TEMP TABLE uso_type AS
SELECT namn, sei, seg_area_type(sei, n.mu, n.sd) AS type
FROM (SELECT namn, seg_sei(max(value) FILTER (WHERE var = 'v1_num'), max(value) FILTER (WHERE var = 'v1_den'),
                           max(value) FILTER (WHERE var = 'v2_num'), max(value) FILTER (WHERE var = 'v2_den'),
                           max(value) FILTER (WHERE var = 'v3_num'), max(value) FILTER (WHERE var = 'v3_den')) AS sei
      FROM uso_counts GROUP BY namn) s, national n;
SELECT diag(format('Utsatta områden 2023 in Stockholm län: %s; in types 1-2 against the national 2022 RegSO index: %s (type 1: %s, 2: %s, 3: %s, 4-5: %s)',
                   count(*), count(*) FILTER (WHERE type <= 2), count(*) FILTER (WHERE type = 1),
                   count(*) FILTER (WHERE type = 2), count(*) FILTER (WHERE type = 3),
                   count(*) FILTER (WHERE type >= 4)))
FROM uso_type;
SELECT ok((SELECT count(*) BETWEEN 20 AND 35 FROM uso_type), 'about two dozen områden in Stockholm län');
SELECT ok((SELECT count(*) FILTER (WHERE type <= 2) >= 0.7 * count(*) FROM uso_type),
          'most utsatta områden fall in types 1-2 (outside check)');
SELECT ok((SELECT avg(sei) FROM uso_type) > (SELECT mu + sd FROM national),
          'their mean index lies above the national mean + 1 SD');

-- 3. SCB's official area types 2022 -> 2023 (3,363 RegSO).
CREATE TEMP TABLE types_raw (regso text, kommun text, regso_name text, omradestyp int);
\copy types_raw FROM PROGRAM 'cat "$SEGINDEX_DATA/se/regso2020_omradestyp_2023.csv"' CSV HEADER
CREATE TEMP TABLE types AS
SELECT regso, kommun, 2022 AS year, omradestyp AS type FROM regso_official_type
UNION ALL
SELECT regso, kommun, 2023, omradestyp FROM types_raw;
CREATE TEMP TABLE pop_by_regso AS
SELECT regso, sum(pop) AS pop FROM deso JOIN deso_facts USING (deso) GROUP BY regso;
CREATE TEMP TABLE types_pop AS SELECT t.*, p.pop FROM types t LEFT JOIN pop_by_regso p USING (regso);
CREATE TEMP TABLE trans AS
SELECT * FROM seg_type_transitions('types_pop', 'regso', 'year', 'type', 2022, 2023, NULL, 'pop');
SELECT diag('National transition matrix 2022 -> 2023 (rows: 2022 type, columns: 2023 type 1..5), RegSO:');
SELECT diag(format('  %s: %s', f, array_agg(coalesce(t.areas, 0) ORDER BY tt)))
FROM generate_series(1, 5) f CROSS JOIN generate_series(1, 5) tt
LEFT JOIN trans t ON t.from_type = f AND t.to_type = tt
GROUP BY f ORDER BY f;
-- Margins against the files, counted in plain SQL.
SELECT is((SELECT array_agg(n ORDER BY type) FROM (SELECT from_type AS type, sum(areas)::bigint AS n FROM trans GROUP BY 1) s),
          (SELECT array_agg(n ORDER BY omradestyp) FROM (SELECT omradestyp, sum(1) AS n FROM regso_official_type GROUP BY 1) s),
          'row margins equal the 2022 file''s type counts');
SELECT is((SELECT array_agg(n ORDER BY type) FROM (SELECT to_type AS type, sum(areas)::bigint AS n FROM trans GROUP BY 1) s),
          (SELECT array_agg(n ORDER BY omradestyp) FROM (SELECT omradestyp, sum(1) AS n FROM types_raw GROUP BY 1) s),
          'column margins equal the 2023 file''s type counts');
SELECT is((SELECT array_agg(n ORDER BY type) FROM (SELECT from_type AS type, sum(areas)::bigint AS n FROM trans GROUP BY 1) s),
          '{160,289,855,1770,289}'::bigint[], '2022 margins equal SCB''s published counts (METHODOLOGY §1.2)');
SELECT is((SELECT sum(areas) FROM trans WHERE from_type IS NULL OR to_type IS NULL), NULL::numeric,
          'every RegSO has a type in both years');
CREATE TEMP TABLE stab AS
SELECT * FROM seg_type_stability('types_pop', 'regso', 'year', 'type', 2022, 2023, NULL, 'pop');
SELECT diag(format('Stability 2022 -> 2023: %s of %s RegSO = %s %% (population-weighted %s %%)',
                   stable_areas, areas, round(100 * stability::numeric, 2),
                   round(100 * population_stability::numeric, 2)))
FROM stab;
SELECT ok((SELECT stable_areas = (SELECT count(*) FROM regso_official_type a JOIN types_raw b USING (regso)
                                  WHERE a.omradestyp = b.omradestyp) FROM stab),
          'stable areas equal a plain-SQL count of unchanged types');
-- Per kommun: the kommun rows add up to the national matrix.
SELECT ok((SELECT bool_and(k.n = t.areas)
           FROM (SELECT from_type, to_type, sum(areas) AS n
                 FROM seg_type_transitions('types_pop', 'regso', 'year', 'type', 2022, 2023, 'kommun', 'pop')
                 GROUP BY 1, 2) k
           JOIN trans t USING (from_type, to_type)),
          'per-kommun transitions add up to the national matrix');
SELECT diag(format('Kommuner with the most RegSO changing type: %s',
                   string_agg(format('%s (%s of %s)', grouping_key, areas - stable_areas, areas), ', ')))
FROM (SELECT * FROM seg_type_stability('types_pop', 'regso', 'year', 'type', 2022, 2023, 'kommun')
      ORDER BY areas - stable_areas DESC, grouping_key LIMIT 5) s;

-- 4. Rates per area type on real counts: unemployed / labour force 16-64
--    per official 2022 type of the DeSO's RegSO, per län and for riket.
CREATE TEMP TABLE deso_unemp AS
SELECT d.lan, t.omradestyp, r.lab16_64_unemployed AS unemployed,
       r.lab16_64_labour_force AS labour_force, r.pop
FROM deso d JOIN se_indicators_raw r USING (deso) JOIN regso_official_type t ON t.regso = d.regso;
CREATE TEMP TABLE riket_rates AS
SELECT * FROM seg_type_rates('deso_unemp', NULL, 'omradestyp', 'unemployed', 'labour_force', 'pop');
SELECT diag(format('  riket type %-5s: unemployed %s %% [%s, %s], ratio %s, population share %s %%',
                   area_type, round(100 * rate::numeric, 2), round(100 * lower::numeric, 2),
                   round(100 * upper::numeric, 2), round(relative_rate::numeric, 2),
                   round(100 * population_share::numeric, 1)))
FROM riket_rates ORDER BY array_position('{1,2,1+2,3,4,5,none,total}'::text[], area_type);
SELECT ok((SELECT abs(r.rate - (SELECT sum(unemployed) / sum(labour_force) FROM deso_unemp)) < 1e-15
           FROM riket_rates r WHERE area_type = 'total'), 'riket rate = plain-SQL ratio of sums');
SELECT ok((SELECT (SELECT rate FROM riket_rates WHERE area_type = '1')
                  > (SELECT rate FROM riket_rates WHERE area_type = '3')
              AND (SELECT rate FROM riket_rates WHERE area_type = '3')
                  > (SELECT rate FROM riket_rates WHERE area_type = '5')),
          'unemployment falls from type 1 to 3 to 5');
SELECT is((SELECT count(*) FROM (
              SELECT grouping_key, rel
              FROM seg_type_rates('deso_unemp', 'lan', 'omradestyp', 'unemployed', 'labour_force', 'pop') x,
                   LATERAL (VALUES (1, area_type IN ('1','2','3','4','5','none','total')),
                                   (2, area_type IN ('1','2','1+2'))) v(rel, member)
              WHERE member GROUP BY grouping_key, rel
              HAVING count(*) FILTER (WHERE suppressed IS NOT NULL) = 1) y), 0::bigint,
          'per län: no relation with exactly one suppressed cell');

SELECT * FROM finish();
ROLLBACK;
\else
\echo 1..0 # SKIP shared data not found (or ogr2ogr missing): set SEGINDEX_DATA to a folder with se/ (default ../shared/data)
\endif
