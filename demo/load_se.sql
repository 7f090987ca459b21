-- A minimal second loader of SCB's 2022 DeSO data from $SEGINDEX_DATA/se,
-- written independently of scripts/load-scb, for test/t/real_data_se.sql
-- (the demo itself loads with scripts/load-scb).  It creates, in the
-- current schema:
--   deso        (deso, regso, regso_name, kommun, kommun_name, lan, geom)
--   deso_facts  (deso, pop, v1_num .. v3_den, low_persons, high_persons)
--   regso_official_type (regso, kommun, omradestyp)  -- SCB's published types
-- geom (EPSG:3006) is filled for the DeSO of Stockholm län from the GeoJSON
-- with polygons in the shared data.  Client-side \copy ... FROM PROGRAM,
-- because the server runs as another user.

CREATE TABLE se_key_raw (
    deso text PRIMARY KEY, regso text, regso_name text,
    kommun text, kommun_name text, lan text
);
\copy se_key_raw FROM PROGRAM 'cat "$SEGINDEX_DATA/se/deso2018_regso2020_key.csv"' CSV HEADER

CREATE TABLE se_indicators_raw (
    deso text PRIMARY KEY, regso text, kommun text, lan text,
    pop float8, low_econ_std_pct float8, high_econ_std_pct float8, econ_std_persons float8,
    edu25_64_forgymnasial float8, edu25_64_gymnasial float8,
    edu25_64_eftergymn_lt3 float8, edu25_64_eftergymn_ge3 float8, edu25_64_missing float8,
    lab16_64_employed float8, lab16_64_unemployed float8, lab16_64_labour_force float8,
    lab16_64_outside float8, lab16_64_total float8,
    netinc_median_tkr float8, netinc_mean_tkr float8, netinc_persons float8,
    born_sweden float8, born_europe_ex_sweden float8, born_rest_of_world float8,
    bkg_swedish float8, bkg_foreign float8,
    hh_couple_children float8, hh_couple_no_children float8, hh_single_children float8,
    hh_single_no_children float8, hh_other float8,
    house_smahus float8, house_flerbostadshus float8, house_ovriga float8,
    house_special float8, house_missing float8,
    dw_hyresratt float8, dw_bostadsratt float8, dw_aganderatt float8, dw_missing float8
);
\copy se_indicators_raw FROM PROGRAM 'cat "$SEGINDEX_DATA/se/deso2018_indicators_2022.csv"' CSV HEADER

CREATE TABLE regso_official_type (
    regso text PRIMARY KEY, kommun text, regso_name text, omradestyp int
);
\copy regso_official_type FROM PROGRAM 'cat "$SEGINDEX_DATA/se/regso2020_omradestyp_2022.csv"' CSV HEADER

-- The GeoJSON is read as one text value: CSV mode with control characters
-- as quote and delimiter passes it through untouched.
CREATE TEMP TABLE se_geojson_raw (doc text);
\copy se_geojson_raw FROM PROGRAM 'cat "$SEGINDEX_DATA/se/deso2018_stockholm_lan.geojson"' WITH (FORMAT csv, QUOTE E'\x01', DELIMITER E'\x02')

CREATE TABLE deso (
    deso text PRIMARY KEY,
    regso text NOT NULL,
    regso_name text,
    kommun text NOT NULL,
    kommun_name text,
    lan text NOT NULL,
    geom geometry(MultiPolygon, 3006)
);
INSERT INTO deso
SELECT k.deso, k.regso, k.regso_name, k.kommun, k.kommun_name, k.lan, g.geom
FROM se_key_raw k
LEFT JOIN (
    SELECT f->'properties'->>'id' AS deso,
           ST_Multi(ST_Transform(ST_SetSRID(ST_GeomFromGeoJSON(f->>'geometry'), 4326), 3006)) AS geom
    FROM se_geojson_raw, json_array_elements(doc::json->'features') AS f
) g USING (deso);
CREATE INDEX ON deso USING gist (geom);

-- V1: low economic standard, published in whole percent of the persons in
--     the base, so the count is reconstructed (and carries rounding).
-- V2: förgymnasial education among all persons 25-64 (unknown education
--     included in the base); SCB's own V2 uses 20-64.
-- V3: the public proxy, unemployed / labour force 16-64 (SCB's V3 is not
--     published below RegSO).
CREATE TABLE deso_facts AS
SELECT deso,
       pop,
       low_econ_std_pct / 100 * econ_std_persons AS v1_num,
       econ_std_persons AS v1_den,
       edu25_64_forgymnasial AS v2_num,
       edu25_64_forgymnasial + edu25_64_gymnasial + edu25_64_eftergymn_lt3
         + edu25_64_eftergymn_ge3 + edu25_64_missing AS v2_den,
       lab16_64_unemployed AS v3_num,
       lab16_64_labour_force AS v3_den,
       low_econ_std_pct / 100 * econ_std_persons AS low_persons,
       high_econ_std_pct / 100 * econ_std_persons AS high_persons
FROM se_indicators_raw;
ALTER TABLE deso_facts ADD PRIMARY KEY (deso);
ANALYZE deso, deso_facts, regso_official_type;
