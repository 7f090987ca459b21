-- A kommun overview in the style of Segregationsbarometern's kommun pages,
-- computed from the demo tables deso and deso_facts.  psql variable
-- overview_lan chooses the län whose kommuner are listed.

-- Socioeconomic index per RegSO, area type against all RegSO in the data.
CREATE TEMP TABLE regso_typed AS
SELECT regso, kommun, lan, pop, sei, seg_area_type(sei) OVER () AS type
FROM (SELECT regso, kommun, lan, sum(pop) AS pop,
             seg_sei(sum(v1_num), sum(v1_den), sum(v2_num), sum(v2_den),
                     sum(v3_num), sum(v3_den)) AS sei
      FROM deso JOIN deso_facts USING (deso)
      GROUP BY regso, kommun, lan) r;

CREATE TEMP TABLE kommun_overview AS
WITH by_type AS (
    SELECT kommun, lan,
           count(*) FILTER (WHERE type = 1) AS n1, count(*) FILTER (WHERE type = 2) AS n2,
           count(*) FILTER (WHERE type = 3) AS n3, count(*) FILTER (WHERE type = 4) AS n4,
           count(*) FILTER (WHERE type = 5) AS n5,
           sum(pop) AS pop,
           sum(pop) FILTER (WHERE type IN (1, 2)) AS pop12,
           sum(pop) FILTER (WHERE type = 3) AS pop3,
           sum(pop) FILTER (WHERE type = 4) AS pop4,
           sum(pop) FILTER (WHERE type = 5) AS pop5
    FROM regso_typed GROUP BY kommun, lan
), inequality AS (
    SELECT kommun, min(kommun_name) AS kommun_name,
           seg_inequality_index(low_persons, high_persons) AS oi
    FROM deso JOIN deso_facts USING (deso) GROUP BY kommun
)
SELECT b.*, i.kommun_name, i.oi,
       100 * coalesce(b.pop12, 0) / b.pop AS share12,
       seg_sd_flag(i.oi, 1) OVER () AS inequality_flag,
       seg_sd_flag(100 * coalesce(b.pop12, 0) / b.pop, 1.5) OVER () AS area_type_flag
FROM by_type b JOIN inequality i USING (kommun);

\echo
\echo '== Area types over all RegSO (mean and sample SD of the index over all of them) =='
SELECT type, seg_area_type_name(type, 'sv') AS "områdestyp", count(*) AS "RegSO",
       round((100 * sum(pop) / sum(sum(pop)) OVER ())::numeric, 1) AS "% of population"
FROM regso_typed GROUP BY type ORDER BY type;

\echo
\echo '== Kommun overview: RegSO per area type, population share per type, inequality index, flags =='
SELECT kommun_name AS kommun,
       n1 AS "T1", n2 AS "T2", n3 AS "T3", n4 AS "T4", n5 AS "T5",
       round(share12::numeric, 1) AS "% pop T1+2",
       round((100 * coalesce(pop3, 0) / pop)::numeric, 1) AS "% T3",
       round((100 * coalesce(pop4, 0) / pop)::numeric, 1) AS "% T4",
       round((100 * coalesce(pop5, 0) / pop)::numeric, 1) AS "% T5",
       round(oi::numeric, 1) AS "ojämlikhet",
       CASE WHEN inequality_flag THEN 'X' ELSE '' END AS "flag OI",
       CASE WHEN area_type_flag THEN 'X' ELSE '' END AS "flag T1+2"
FROM kommun_overview
WHERE lan = :'overview_lan'
ORDER BY pop DESC;

\echo
\echo '== Kommuner flagged by Delmos'' criteria (OI >= mean + 1 SD; share in T1+2 >= mean + 1.5 SD) =='
SELECT kommun_name AS kommun, lan AS "län", round(oi::numeric, 1) AS "ojämlikhet",
       round(share12::numeric, 1) AS "% pop T1+2",
       concat_ws(', ', CASE WHEN inequality_flag THEN 'inequality' END,
                       CASE WHEN area_type_flag THEN 'area types' END) AS flags
FROM kommun_overview
WHERE inequality_flag OR area_type_flag
ORDER BY inequality_flag AND area_type_flag DESC, oi DESC
LIMIT 25;
