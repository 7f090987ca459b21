-- scripts/load-scb-views.sql: the report views over the scb schema
-- (doc/report.md).  Recreated by every load; plain columns, stable names.

-- The three variables of the socioeconomic index and Delmos' two groups,
-- per DeSO and year, from the public tables (doc/methodology.md §1.1, §1.3):
--   v1: low economic standard / persons in the base (reconstructed counts);
--   v2: förgymnasial education / all persons 25-64 (SCB: 20-64);
--   v3: unemployed / labour force 16-64 (public proxy; SCB's V3 is not
--       published below RegSO);
--   low_persons, high_persons: low and high economic standard (Delmos uses
--       the national income quintiles, not published per DeSO).
CREATE OR REPLACE VIEW scb.deso_facts AS
SELECT i.year, d.deso, d.regso, d.kommun, d.lan, i.pop,
       i.low_econ_persons AS v1_num, i.econ_std_persons AS v1_den,
       i.edu25_64_forgymnasial AS v2_num,
       i.edu25_64_forgymnasial + i.edu25_64_gymnasial + i.edu25_64_eftergymn_lt3
         + i.edu25_64_eftergymn_ge3 + i.edu25_64_missing AS v2_den,
       i.lab16_64_unemployed AS v3_num, i.lab16_64_labour_force AS v3_den,
       i.low_econ_persons AS low_persons, i.high_econ_persons AS high_persons
FROM scb.deso_indicators i JOIN scb.deso d USING (deso);

-- Socioeconomic index and area type per RegSO and year.  proxy_type is
-- recomputed from the public proxies against all RegSO of the year in the
-- data; official_type is SCB's published type, where loaded.
CREATE OR REPLACE VIEW scb.regso_area_type AS
WITH r AS (
    SELECT year, regso, sum(pop) AS pop,
           seg_sei(sum(v1_num), sum(v1_den), sum(v2_num), sum(v2_den),
                   sum(v3_num), sum(v3_den)) AS sei
    FROM scb.deso_facts GROUP BY year, regso
)
SELECT r.year, r.regso, g.regso_name, g.kommun, k.kommun_name, k.lan, r.pop, r.sei,
       seg_area_type(r.sei) OVER (PARTITION BY r.year) AS proxy_type,
       o.omradestyp AS official_type
FROM r JOIN scb.regso g USING (regso) JOIN scb.kommun k USING (kommun)
LEFT JOIN scb.regso_official_type o ON o.regso = r.regso AND o.year = r.year;

-- One row per kommun and year: what Segregationsbarometern's kommun page
-- shows, from the recomputed types, with the official ones beside them.
CREATE OR REPLACE VIEW scb.kommun_report AS
WITH t AS (
    SELECT year, kommun,
           count(*) AS regso,
           count(*) FILTER (WHERE proxy_type = 1) AS proxy_n1,
           count(*) FILTER (WHERE proxy_type = 2) AS proxy_n2,
           count(*) FILTER (WHERE proxy_type = 3) AS proxy_n3,
           count(*) FILTER (WHERE proxy_type = 4) AS proxy_n4,
           count(*) FILTER (WHERE proxy_type = 5) AS proxy_n5,
           sum(pop) AS pop,
           100 * sum(pop) FILTER (WHERE proxy_type = 1) / nullif(sum(pop), 0) AS proxy_pct1,
           100 * sum(pop) FILTER (WHERE proxy_type = 2) / nullif(sum(pop), 0) AS proxy_pct2,
           100 * sum(pop) FILTER (WHERE proxy_type = 3) / nullif(sum(pop), 0) AS proxy_pct3,
           100 * sum(pop) FILTER (WHERE proxy_type = 4) / nullif(sum(pop), 0) AS proxy_pct4,
           100 * sum(pop) FILTER (WHERE proxy_type = 5) / nullif(sum(pop), 0) AS proxy_pct5,
           100 * coalesce(sum(pop) FILTER (WHERE proxy_type IN (1, 2)), 0) / nullif(sum(pop), 0)
               AS proxy_pct12,
           count(official_type) AS official_regso,
           count(*) FILTER (WHERE official_type = 1) AS official_n1,
           count(*) FILTER (WHERE official_type = 2) AS official_n2,
           count(*) FILTER (WHERE official_type = 3) AS official_n3,
           count(*) FILTER (WHERE official_type = 4) AS official_n4,
           count(*) FILTER (WHERE official_type = 5) AS official_n5,
           CASE WHEN count(official_type) > 0 THEN
               100 * coalesce(sum(pop) FILTER (WHERE official_type IN (1, 2)), 0) / nullif(sum(pop), 0)
           END AS official_pct12,
           count(*) FILTER (WHERE official_type = proxy_type) AS types_agree
    FROM scb.regso_area_type GROUP BY year, kommun
), oi AS (
    SELECT year, kommun, seg_inequality_index(low_persons, high_persons) AS inequality_index
    FROM scb.deso_facts GROUP BY year, kommun
)
SELECT t.year, t.kommun, k.kommun_name, k.lan,
       t.regso, t.pop,
       t.proxy_n1, t.proxy_n2, t.proxy_n3, t.proxy_n4, t.proxy_n5,
       t.proxy_pct1, t.proxy_pct2, t.proxy_pct3, t.proxy_pct4, t.proxy_pct5, t.proxy_pct12,
       oi.inequality_index,
       seg_sd_flag(oi.inequality_index, 1) OVER (PARTITION BY t.year) AS inequality_flag,
       seg_sd_flag(t.proxy_pct12, 1.5) OVER (PARTITION BY t.year) AS area_type_flag,
       t.official_regso,
       t.official_n1, t.official_n2, t.official_n3, t.official_n4, t.official_n5,
       t.official_pct12,
       CASE WHEN t.official_regso > 0 THEN
           seg_sd_flag(t.official_pct12, 1.5) OVER (PARTITION BY t.year)
       END AS official_area_type_flag,
       t.types_agree
FROM t JOIN oi USING (year, kommun) JOIN scb.kommun k USING (kommun);

-- Chosen indicators per kommun, year and recomputed area type (area_type
-- NULL = the whole kommun), as counts, bases and shares in percent.  A
-- share is NULL unless its base exceeds 20 persons and its count 5
-- (seg_publishable_share; doc/methodology.md §1.5); no secondary suppression.
CREATE OR REPLACE VIEW scb.kommun_area_type_indicators AS
SELECT f.year, f.kommun, k.kommun_name, r.proxy_type AS area_type,
       count(DISTINCT f.regso) AS regso, sum(f.pop) AS pop,
       sum(f.v1_num) AS low_econ_persons, sum(f.v1_den) AS econ_std_persons,
       seg_publishable_share(sum(f.v1_num), sum(f.v1_den)) AS low_econ_pct,
       sum(f.v2_num) AS forgymnasial_persons, sum(f.v2_den) AS edu25_64_persons,
       seg_publishable_share(sum(f.v2_num), sum(f.v2_den)) AS forgymnasial_pct,
       sum(f.v3_num) AS unemployed, sum(f.v3_den) AS labour_force,
       seg_publishable_share(sum(f.v3_num), sum(f.v3_den)) AS unemployed_pct,
       sum(i.born_rest_of_world) AS born_outside_europe,
       seg_publishable_share(sum(i.born_rest_of_world), sum(f.pop)) AS born_outside_europe_pct
FROM scb.deso_facts f
JOIN scb.deso_indicators i ON i.deso = f.deso AND i.year = f.year
JOIN scb.regso_area_type r ON r.regso = f.regso AND r.year = f.year
JOIN scb.kommun k ON k.kommun = f.kommun
GROUP BY GROUPING SETS ((f.year, f.kommun, k.kommun_name, r.proxy_type),
                        (f.year, f.kommun, k.kommun_name));
