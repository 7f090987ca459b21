-- The segindex demo: a kommun report for one län from the scb schema that
-- scripts/load-scb created.  psql variables: lan (two-digit code),
-- synthetic (1 when the data are invented), svg_file (the map).
\set ON_ERROR_STOP 1
\set QUIET 1
SET client_min_messages = warning;
\pset footer off

SELECT max(year) AS year FROM scb.deso_indicators \gset
SELECT count(*) > 0 AS lan_known FROM scb.lan WHERE lan = :'lan' \gset
\if :lan_known
\else
\echo 'No län' :lan 'in the loaded data; choose one of:'
SELECT string_agg(lan, ' ' ORDER BY lan) FROM scb.lan;
\quit
\endif

\if :synthetic
\echo '**************************************************************************'
\echo '* SYNTHETIC DATA: SCB''s files were not found, so this demo runs on an     *'
\echo '* invented country from scripts/gen-scb-files.  No figure below is real.  *'
\echo '**************************************************************************'
\endif

\echo
\echo '== Data loaded by scripts/load-scb, indicator year' :year '=='
SELECT count(*) AS "DeSO", count(geom) AS "with polygons",
       count(DISTINCT regso) AS "RegSO", count(DISTINCT kommun) AS kommuner,
       count(DISTINCT lan) AS "län",
       (SELECT sum(pop)::bigint FROM scb.deso_indicators WHERE year = :year) AS population
FROM scb.deso;

\echo
\echo '== How these figures differ from the official ones =='
\echo '- Area types are RECOMPUTED here from public DeSO tables (SCB types RegSO from register microdata):'
\echo '  V3 uses unemployed / labour force 16-64, because SCB does not publish V3 below RegSO;'
\echo '  V1 (low economic standard) is published in whole percent, so its counts carry rounding;'
\echo '  V2 counts ages 25-64 (SCB: 20-64), persons with unknown education in the base.'
\echo '- The inequality index uses persons with LOW and HIGH ECONOMIC STANDARD per DeSO,'
\echo '  not the national income quintiles Delmos uses (not published per DeSO).'
\echo '- Official area types are shown beside the recomputed ones where SCB''s file is loaded.'

\echo
\echo '== Area types over all RegSO: recomputed (proxy) and SCB''s official types =='
\if :synthetic
\echo '(Synthetic data: the "official" types are the generator''s own, computed in Python.)'
\endif
WITH p AS (
    SELECT proxy_type AS type, count(*) AS n, sum(pop) AS pop FROM scb.regso_area_type
    WHERE year = :year GROUP BY proxy_type
), o AS (
    SELECT official_type AS type, count(*) AS n, sum(pop) AS pop FROM scb.regso_area_type
    WHERE year = :year AND official_type IS NOT NULL GROUP BY official_type
)
SELECT t AS type, seg_area_type_name(t, 'sv') AS "områdestyp",
       p.n AS "RegSO (proxy)",
       round((100 * p.pop / sum(p.pop) OVER ())::numeric, 1) AS "% pop (proxy)",
       o.n AS "RegSO (official)",
       round((100 * o.pop / sum(o.pop) OVER ())::numeric, 1) AS "% pop (official)"
FROM generate_series(1, 5) t LEFT JOIN p ON p.type = t LEFT JOIN o ON o.type = t
ORDER BY t;

SELECT count(*) FILTER (WHERE proxy_type = official_type) AS agree,
       count(official_type) AS official,
       format('Agreement: the recomputed type equals SCB''s official %s type for %s of %s RegSO (%s %%).',
              :year, count(*) FILTER (WHERE proxy_type = official_type), count(official_type),
              round(100.0 * count(*) FILTER (WHERE proxy_type = official_type)
                    / nullif(count(official_type), 0), 1)) AS agreement_line
FROM scb.regso_area_type WHERE year = :year \gset
\echo :agreement_line
\echo 'Rows: recomputed type; columns: official type.'
SELECT proxy_type AS "proxy / official",
       count(*) FILTER (WHERE official_type = 1) AS "1", count(*) FILTER (WHERE official_type = 2) AS "2",
       count(*) FILTER (WHERE official_type = 3) AS "3", count(*) FILTER (WHERE official_type = 4) AS "4",
       count(*) FILTER (WHERE official_type = 5) AS "5"
FROM scb.regso_area_type WHERE year = :year AND official_type IS NOT NULL
GROUP BY proxy_type ORDER BY proxy_type;

\echo
\echo '== Kommuner of län' :lan 'largest first (scb.kommun_report) =='
\echo 'T1..T5: RegSO per recomputed area type; % T1+2: population share in types 1 and 2;'
\echo 'OI: inequality index from low/high economic standard; official T1+2: SCB''s types.'
SELECT kommun_name AS kommun, proxy_n1 AS "T1", proxy_n2 AS "T2", proxy_n3 AS "T3",
       proxy_n4 AS "T4", proxy_n5 AS "T5",
       round(proxy_pct12::numeric, 1) AS "% T1+2 (proxy)",
       round(official_pct12::numeric, 1) AS "% T1+2 (official)",
       round(inequality_index::numeric, 1) AS "OI",
       CASE WHEN inequality_flag THEN 'X' ELSE '' END AS "flag OI",
       CASE WHEN area_type_flag THEN 'X' ELSE '' END AS "flag T1+2"
FROM scb.kommun_report
WHERE year = :year AND lan = :'lan'
ORDER BY pop DESC;

SELECT count(*) FILTER (WHERE inequality_flag OR area_type_flag) AS flagged,
       count(*) FILTER (WHERE inequality_flag AND area_type_flag) AS both_flags,
       count(*) FILTER (WHERE inequality_flag AND NOT area_type_flag) AS oi_only,
       count(*) FILTER (WHERE area_type_flag AND NOT inequality_flag) AS types_only,
       count(*) AS kommuner
FROM scb.kommun_report WHERE year = :year \gset
\echo
\echo '== All' :flagged 'of' :kommuner 'kommuner meeting Delmos'' criteria:' :both_flags 'both,' :oi_only 'inequality only,' :types_only 'area types only =='
\echo 'Inequality: OI >= mean + 1 SD over kommuner; area types: % in recomputed types 1+2 >= mean + 1.5 SD.'
SELECT kommun_name AS kommun, lan AS "län", round(inequality_index::numeric, 1) AS "OI",
       round(proxy_pct12::numeric, 1) AS "% T1+2 (proxy)",
       CASE WHEN inequality_flag AND area_type_flag THEN 'both'
            WHEN inequality_flag THEN 'inequality' ELSE 'area types' END AS flags,
       CASE official_area_type_flag WHEN true THEN 'yes' WHEN false THEN 'no' END
           AS "official types flag"
FROM scb.kommun_report
WHERE year = :year AND (inequality_flag OR area_type_flag)
ORDER BY inequality_flag AND area_type_flag DESC, inequality_flag DESC, inequality_index DESC, kommun;

SELECT kommun AS core, kommun_name AS core_name FROM scb.kommun_report
WHERE year = :year AND lan = :'lan' ORDER BY pop DESC LIMIT 1 \gset
\echo
\echo '== Indicators by recomputed area type,' :core_name '(scb.kommun_area_type_indicators) =='
\echo 'Shares in %; empty = suppressed (base <= 20 or count <= 5, SCB''s rule).'
SELECT coalesce(area_type::text, 'all') AS type, regso AS "RegSO", pop::bigint AS population,
       round(low_econ_pct::numeric, 1) AS "% low econ. standard",
       round(forgymnasial_pct::numeric, 1) AS "% förgymnasial 25-64",
       round(unemployed_pct::numeric, 1) AS "% unemployed 16-64",
       round(born_outside_europe_pct::numeric, 1) AS "% born outside Europe"
FROM scb.kommun_area_type_indicators
WHERE year = :year AND kommun = :'core'
ORDER BY area_type NULLS LAST;

\ir spatial.sql

\ir map.sql
