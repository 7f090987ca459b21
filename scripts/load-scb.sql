-- scripts/load-scb.sql: the scb schema and the helpers scripts/load-scb uses.
-- Run inside the loader's single transaction; every statement is idempotent.
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS segindex CASCADE;
CREATE SCHEMA IF NOT EXISTS scb;

CREATE TABLE IF NOT EXISTS scb.lan (
    lan text PRIMARY KEY CHECK (lan ~ '^\d{2}$'),
    lan_name text
);
CREATE TABLE IF NOT EXISTS scb.kommun (
    kommun text PRIMARY KEY CHECK (kommun ~ '^\d{4}$'),
    kommun_name text NOT NULL,
    lan text NOT NULL REFERENCES scb.lan
);
CREATE TABLE IF NOT EXISTS scb.regso (
    regso text PRIMARY KEY CHECK (regso ~ '^\d{4}R\d{3}$'),
    regso_name text NOT NULL,
    kommun text NOT NULL REFERENCES scb.kommun
);
CREATE TABLE IF NOT EXISTS scb.deso (
    deso text PRIMARY KEY CHECK (deso ~ '^\d{4}[A-C]\d{4}$'),
    regso text NOT NULL REFERENCES scb.regso,
    kommun text NOT NULL REFERENCES scb.kommun,
    lan text NOT NULL REFERENCES scb.lan,
    geom geometry(MultiPolygon, 3006)
);
CREATE INDEX IF NOT EXISTS deso_geom_idx ON scb.deso USING gist (geom);
CREATE INDEX IF NOT EXISTS deso_regso_idx ON scb.deso (regso);

-- Counts as published, per DeSO and year; the two *_econ_persons columns
-- are reconstructed from whole percentages and carry that rounding.
CREATE TABLE IF NOT EXISTS scb.deso_indicators (
    deso text NOT NULL REFERENCES scb.deso,
    year int NOT NULL,
    pop float8, low_econ_std_pct float8, high_econ_std_pct float8, econ_std_persons float8,
    edu25_64_forgymnasial float8, edu25_64_gymnasial float8, edu25_64_eftergymn_lt3 float8,
    edu25_64_eftergymn_ge3 float8, edu25_64_missing float8,
    lab16_64_unemployed float8, lab16_64_labour_force float8,
    lab16_64_employed float8, lab16_64_outside float8, lab16_64_total float8,
    netinc_median_tkr float8, netinc_mean_tkr float8, netinc_persons float8,
    born_sweden float8, born_europe_ex_sweden float8, born_rest_of_world float8,
    bkg_swedish float8, bkg_foreign float8,
    hh_couple_children float8, hh_couple_no_children float8, hh_single_children float8,
    hh_single_no_children float8, hh_other float8,
    house_smahus float8, house_flerbostadshus float8, house_ovriga float8, house_special float8,
    house_missing float8,
    dw_hyresratt float8, dw_bostadsratt float8, dw_aganderatt float8, dw_missing float8,
    low_econ_persons float8 GENERATED ALWAYS AS (low_econ_std_pct / 100 * econ_std_persons) STORED,
    high_econ_persons float8 GENERATED ALWAYS AS (high_econ_std_pct / 100 * econ_std_persons) STORED,
    PRIMARY KEY (deso, year)
);
CREATE TABLE IF NOT EXISTS scb.regso_official_type (
    regso text NOT NULL REFERENCES scb.regso,
    year int NOT NULL,
    omradestyp int CHECK (omradestyp BETWEEN 1 AND 5),
    PRIMARY KEY (regso, year)
);
CREATE TABLE IF NOT EXISTS scb.load_log (
    id bigserial PRIMARY KEY,
    loaded_at timestamptz NOT NULL DEFAULT now(),
    source text NOT NULL,
    kind text NOT NULL,
    encoding text,
    rows bigint NOT NULL
);

-- Staging tables for one run; the clean CSVs come from scripts/scb_prepare.py.
CREATE TEMP TABLE scb_key_in (deso text, regso text, regso_name text, kommun text,
                              kommun_name text, lan text) ON COMMIT DROP;
CREATE TEMP TABLE scb_ind_in (LIKE scb.deso_indicators EXCLUDING GENERATED) ON COMMIT DROP;
ALTER TABLE scb_ind_in DROP COLUMN low_econ_persons, DROP COLUMN high_econ_persons;
CREATE TEMP TABLE scb_types_in (regso text, year int, omradestyp int) ON COMMIT DROP;

-- Moves the staged key into the tables; names kept from the newest load.
CREATE FUNCTION pg_temp.scb_merge_key() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO scb.lan (lan) SELECT DISTINCT lan FROM scb_key_in ON CONFLICT DO NOTHING;
    INSERT INTO scb.kommun SELECT DISTINCT ON (kommun) kommun, kommun_name, lan FROM scb_key_in
    ON CONFLICT (kommun) DO UPDATE SET kommun_name = EXCLUDED.kommun_name, lan = EXCLUDED.lan;
    INSERT INTO scb.regso SELECT DISTINCT ON (regso) regso, regso_name, kommun FROM scb_key_in
    ON CONFLICT (regso) DO UPDATE SET regso_name = EXCLUDED.regso_name, kommun = EXCLUDED.kommun;
    INSERT INTO scb.deso (deso, regso, kommun, lan) SELECT deso, regso, kommun, lan FROM scb_key_in
    ON CONFLICT (deso) DO UPDATE SET regso = EXCLUDED.regso, kommun = EXCLUDED.kommun, lan = EXCLUDED.lan;
    TRUNCATE scb_key_in;
END $$;

-- Checks that every staged code is in the key, then upserts.  only_cols (a
-- comma list) names the columns a Statistikdatabasen table fills: the others
-- keep what earlier files loaded.
CREATE FUNCTION pg_temp.scb_merge_indicators(source text, only_cols text) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    bad text;
    cols text;
BEGIN
    SELECT i.deso INTO bad FROM scb_ind_in i LEFT JOIN scb.deso d USING (deso)
    WHERE d.deso IS NULL ORDER BY i.deso LIMIT 1;
    IF bad IS NOT NULL THEN
        RAISE EXCEPTION 'load-scb: %: DeSO % is not in the DeSO→RegSO key', source, bad
            USING ERRCODE = '22023', HINT = 'Put SCB''s DeSO→RegSO key file in the same directory.';
    END IF;
    SELECT string_agg(format('%I = EXCLUDED.%I', attname, attname), ', ' ORDER BY attnum) INTO cols
    FROM pg_attribute WHERE attrelid = 'scb_ind_in'::regclass AND attnum > 0 AND NOT attisdropped
      AND attname NOT IN ('deso', 'year')
      AND (only_cols IS NULL OR attname = ANY (string_to_array(only_cols, ',')));
    EXECUTE format('INSERT INTO scb.deso_indicators SELECT * FROM scb_ind_in '
                   'ON CONFLICT (deso, year) DO UPDATE SET %s', cols);
    TRUNCATE scb_ind_in;
END $$;

CREATE FUNCTION pg_temp.scb_merge_types(source text) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    bad text;
BEGIN
    SELECT t.regso INTO bad FROM scb_types_in t LEFT JOIN scb.regso r USING (regso)
    WHERE r.regso IS NULL ORDER BY t.regso LIMIT 1;
    IF bad IS NOT NULL THEN
        RAISE EXCEPTION 'load-scb: %: RegSO % is not in the DeSO→RegSO key', source, bad
            USING ERRCODE = '22023';
    END IF;
    INSERT INTO scb.regso_official_type SELECT * FROM scb_types_in
    ON CONFLICT (regso, year) DO UPDATE SET omradestyp = EXCLUDED.omradestyp;
    TRUNCATE scb_types_in;
END $$;

-- Copies polygons from an ogr2ogr staging table into scb.deso.  SCB names
-- the code column deso, desokod or id depending on the product.
CREATE FUNCTION pg_temp.scb_merge_geometry(staged regclass, source text, only_lan text)
RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE
    col text;
    bad text;
    n bigint;
BEGIN
    SELECT attname INTO col FROM pg_attribute
    WHERE attrelid = staged AND attnum > 0 AND NOT attisdropped
      AND lower(attname) IN ('deso', 'desokod', 'id')
    ORDER BY array_position(ARRAY['deso', 'desokod', 'id'], lower(attname)) LIMIT 1;
    IF col IS NULL THEN
        RAISE EXCEPTION 'load-scb: %: no DeSO code column (deso, desokod or id)', source
            USING ERRCODE = '22023';
    END IF;
    EXECUTE format('SELECT coalesce(%1$I::text, ''NULL'') FROM %2$s WHERE %1$I IS NULL '
                   'OR %1$I::text !~ ''^\d{4}[A-C]\d{4}$'' LIMIT 1', col, staged) INTO bad;
    IF bad IS NOT NULL THEN
        RAISE EXCEPTION 'load-scb: %: column %: % is not a DeSO code', source, col, bad
            USING ERRCODE = '22023';
    END IF;
    EXECUTE format('SELECT %1$I::text FROM %2$s GROUP BY 1 HAVING count(*) > 1 LIMIT 1', col, staged)
        INTO bad;
    IF bad IS NOT NULL THEN
        RAISE EXCEPTION 'load-scb: %: DeSO % occurs twice', source, bad USING ERRCODE = '22023';
    END IF;
    EXECUTE format('SELECT s.%1$I::text FROM %2$s s LEFT JOIN scb.deso d ON d.deso = s.%1$I::text '
                   'WHERE d.deso IS NULL LIMIT 1', col, staged) INTO bad;
    IF bad IS NOT NULL THEN
        RAISE EXCEPTION 'load-scb: %: DeSO % is not in the DeSO→RegSO key', source, bad
            USING ERRCODE = '22023';
    END IF;
    EXECUTE format('UPDATE scb.deso d SET geom = ST_Multi(s.geom) FROM %2$s s '
                   'WHERE d.deso = s.%1$I::text AND ($1 IS NULL OR d.lan = $1)', col, staged)
        USING only_lan;
    GET DIAGNOSTICS n = ROW_COUNT;
    RETURN n;
END $$;
