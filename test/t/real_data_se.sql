-- Validation on SCB's real 2022 data: socioeconomic index and area types
-- per RegSO against SCB's published types, and the inequality index for
-- all 290 kommuner.  Reads $SEGINDEX_DATA/se; skipped when it is absent.
\set ON_ERROR_STOP 1
\pset format unaligned
\pset tuples_only true
\set have_se `test -r "$SEGINDEX_DATA/se/deso2018_indicators_2022.csv" && test -r "$SEGINDEX_DATA/se/regso2020_omradestyp_2022.csv" && echo 1 || echo 0`
\if :have_se
BEGIN;
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS pgtap;
CREATE EXTENSION IF NOT EXISTS segindex CASCADE;
\ir ../../demo/load_se.sql
SELECT plan(16);

SELECT is((SELECT count(*) FROM deso), 5984::bigint, '5,984 DeSO loaded');
SELECT is((SELECT count(DISTINCT regso) FROM deso), 3363::bigint, '3,363 RegSO');
SELECT is((SELECT count(DISTINCT kommun) FROM deso), 290::bigint, '290 kommuner');
SELECT is((SELECT count(*) FROM deso WHERE geom IS NOT NULL AND lan = '01'), 1287::bigint,
          '1,287 Stockholm län DeSO polygons in EPSG:3006');

CREATE TEMP TABLE regso_index AS
SELECT regso,
       seg_sei(sum(v1_num), sum(v1_den), sum(v2_num), sum(v2_den),
               sum(v3_num), sum(v3_den)) AS sei,
       (100 * sum(v1_num) / sum(v1_den) + 100 * sum(v2_num) / sum(v2_den)
        + 100 * sum(v3_num) / sum(v3_den)) / 3 AS plain_sei
FROM deso JOIN deso_facts USING (deso)
GROUP BY regso;
CREATE TEMP TABLE regso_type AS
SELECT regso, sei, seg_area_type(sei) OVER () AS type, o.omradestyp AS official
FROM regso_index JOIN regso_official_type o USING (regso);

SELECT is((SELECT count(sei) FROM regso_index), 3363::bigint, 'an index for every RegSO');
SELECT ok((SELECT bool_and(sei BETWEEN 0 AND 100) FROM regso_index), 'every index within 0..100');
SELECT ok((SELECT max(abs(sei - plain_sei)) < 1e-12 FROM regso_index),
          'count form equals the plain-SQL mean of the three shares');
SELECT is((SELECT count(*) FROM regso_type), 3363::bigint, 'every RegSO has an official type');

SELECT diag('Agreement with SCB''s official 2022 area types: '
            || count(*) FILTER (WHERE type = official) || ' of ' || count(*) || ' RegSO = '
            || round(100.0 * count(*) FILTER (WHERE type = official) / count(*), 2) || ' %')
FROM regso_type;
SELECT diag('Confusion matrix (rows: official type, columns: computed type 1..5)');
SELECT diag(format('  official %s: %6s %6s %6s %6s %6s', official,
                   count(*) FILTER (WHERE type = 1), count(*) FILTER (WHERE type = 2),
                   count(*) FILTER (WHERE type = 3), count(*) FILTER (WHERE type = 4),
                   count(*) FILTER (WHERE type = 5)))
FROM regso_type GROUP BY official ORDER BY official;

SELECT ok((SELECT count(*) FILTER (WHERE type = official) >= 0.95 * count(*) FROM regso_type),
          'at least 95 % agree with SCB''s official 2022 types');
SELECT ok((SELECT count(*) FILTER (WHERE abs(type - official) > 1) <= 5 FROM regso_type),
          'disagreements are between neighbouring types');

-- Inequality index: low vs high economic standard persons over the DeSO
-- of each kommun.
CREATE TEMP TABLE kommun_oi AS
SELECT kommun, seg_inequality_index(low_persons, high_persons) AS oi, count(*) AS n_deso
FROM deso JOIN deso_facts USING (deso)
GROUP BY kommun;
CREATE TEMP TABLE kommun_oi_plain AS
SELECT kommun, 50 * sum(abs(low_persons / lt - high_persons / ht)) AS oi
FROM (SELECT kommun, low_persons, high_persons,
             sum(low_persons) OVER (PARTITION BY kommun) AS lt,
             sum(high_persons) OVER (PARTITION BY kommun) AS ht
      FROM deso JOIN deso_facts USING (deso)) s
GROUP BY kommun;

SELECT is((SELECT count(oi) FROM kommun_oi), 290::bigint, 'an inequality index for all 290 kommuner');
SELECT ok((SELECT bool_and(oi BETWEEN 0 AND 100) FROM kommun_oi), 'all within 0..100');
SELECT ok((SELECT max(abs(a.oi - b.oi)) < 1e-9 FROM kommun_oi a JOIN kommun_oi_plain b USING (kommun)),
          'equals plain SQL for every kommun');
SELECT ok((SELECT bool_and(oi > 0) FROM kommun_oi WHERE n_deso > 1),
          'positive wherever a kommun has more than one DeSO');
SELECT ok((SELECT avg(oi) FILTER (WHERE n_deso >= 50) > avg(oi) FILTER (WHERE n_deso < 10)
           FROM kommun_oi),
          'large kommuner are more unequal than small ones on average');
SELECT ok((SELECT count(*) FILTER (WHERE flag) BETWEEN 1 AND 145
           FROM (SELECT seg_sd_flag(oi, 1) OVER () AS flag FROM kommun_oi) f),
          'the inequality flag (mean + 1 SD) marks some but not most kommuner');
SELECT diag('Inequality index over 290 kommuner: min ' || round(min(oi)::numeric, 1)
            || ', mean ' || round(avg(oi)::numeric, 1) || ', max ' || round(max(oi)::numeric, 1))
FROM kommun_oi;

SELECT * FROM finish();
ROLLBACK;
\else
\echo 1..0 # SKIP shared data not found: set SEGINDEX_DATA to a folder with se/deso2018_indicators_2022.csv (default ../shared/data)
\endif
