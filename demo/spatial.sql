-- The demo's spatial section (included by demo/demo.sql): per kommun of län
-- :lan, Delta, ACE and SP of the low-economic-standard group, and egohood D
-- of foreign-born vs Swedish-born at 0 (DeSO), 1, 2 and 5 km, the egohoods
-- reaching across kommun and län borders; then an SVG map of the 2 km
-- egohood foreign-born share per DeSO, written next to :svg_file.
-- Leaves its figures in temp tables sp_kommun and sp_share (test/t/demo_spatial.sql).

SELECT count(*) > 0 AS sp_polygons FROM scb.deso WHERE lan = :'lan' AND geom IS NOT NULL \gset
\if :sp_polygons

-- The study area: the län's DeSO plus every other DeSO with a polygon within
-- 5 km of one of them, whatever its kommun or län (the largest bandwidth).
CREATE TEMP TABLE sp_deso AS
WITH area AS (
    SELECT deso FROM scb.deso WHERE lan = :'lan' AND geom IS NOT NULL
    UNION
    SELECT o.deso FROM scb.deso l JOIN scb.deso o
        ON o.lan <> l.lan AND o.geom IS NOT NULL AND ST_DWithin(o.geom, l.geom, 5000)
    WHERE l.lan = :'lan' AND l.geom IS NOT NULL
)
SELECT d.deso, d.kommun, d.lan, d.lan = :'lan' AS in_lan, d.geom,
       i.low_econ_persons AS low, greatest(i.econ_std_persons - i.low_econ_persons, 0) AS not_low,
       i.born_europe_ex_sweden + i.born_rest_of_world AS foreign_born, i.born_sweden AS swedish_born
FROM area JOIN scb.deso d USING (deso)
JOIN scb.deso_indicators i ON i.deso = d.deso AND i.year = :year;

-- Per-kommun layouts and tables (the kommun's own DeSO) for Delta, ACE, SP.
CREATE TEMP TABLE sp_layout AS
SELECT kommun, segspace(deso, geom) AS s FROM sp_deso WHERE in_lan GROUP BY kommun;
CREATE TEMP TABLE sp_econ AS
SELECT kommun, segtable(deso, grp, n) AS t
FROM sp_deso, LATERAL (VALUES ('low', low), ('not low', not_low)) g(grp, n)
WHERE in_lan AND n > 0 GROUP BY kommun;

-- One table and one layout over the whole study area for the egohoods.
CREATE TEMP TABLE sp_birth AS
SELECT segtable(deso, grp, n) AS t
FROM sp_deso, LATERAL (VALUES ('foreign', foreign_born), ('sweden', swedish_born)) g(grp, n)
WHERE n > 0;
CREATE TEMP TABLE sp_area AS SELECT segspace(deso, geom) AS s FROM sp_deso;
-- Egohood counts, every origin of the study area at 1, 2 and 5 km (triangular kernel).
CREATE TEMP TABLE sp_ego AS
SELECT h, e.unit AS deso, e.grp, e.count
FROM sp_birth, sp_area, unnest(ARRAY[1000, 2000, 5000]) h, seg_egohood_counts(t, s, h) e;

-- Egohoods grouped by the kommun of their centre (origins in the län only).
CREATE TEMP TABLE sp_kommun AS
WITH ego AS (
    SELECT d.kommun, e.h, seg_dissimilarity(segtable(e.deso, e.grp, e.count)) AS d
    FROM sp_ego e JOIN sp_deso d USING (deso) WHERE d.in_lan GROUP BY d.kommun, e.h
), deso_d AS (
    SELECT kommun, seg_dissimilarity(segtable(deso, grp, n)) AS d
    FROM sp_deso, LATERAL (VALUES ('foreign', foreign_born), ('sweden', swedish_born)) g(grp, n)
    WHERE in_lan AND n > 0 GROUP BY kommun
)
SELECT l.kommun, seg_delta(t.t, l.s, 'low') AS delta,
       seg_absolute_centralization(t.t, l.s, 'low') AS ace,
       seg_spatial_proximity(t.t, l.s, 'low') AS sp,
       dd.d AS d0,
       (SELECT d FROM ego WHERE ego.kommun = l.kommun AND h = 1000) AS d1,
       (SELECT d FROM ego WHERE ego.kommun = l.kommun AND h = 2000) AS d2,
       (SELECT d FROM ego WHERE ego.kommun = l.kommun AND h = 5000) AS d5
FROM sp_layout l JOIN sp_econ t USING (kommun) LEFT JOIN deso_d dd USING (kommun);

-- The 2 km egohood foreign-born share of every DeSO of the län (the map).
CREATE TEMP TABLE sp_share AS
SELECT deso, sum(count) FILTER (WHERE grp = 'foreign') / nullif(sum(count), 0) AS share
FROM sp_ego JOIN sp_deso USING (deso) WHERE h = 2000 AND in_lan GROUP BY deso;

SELECT format('Included from outside län %s: %s DeSO of %s kommuner (län: %s).', :'lan',
              count(*) FILTER (WHERE NOT in_lan), count(DISTINCT kommun) FILTER (WHERE NOT in_lan),
              coalesce(string_agg(DISTINCT lan, ', ') FILTER (WHERE NOT in_lan), 'none')) AS sp_outside_line,
       format('Polygons are loaded for län %s only; DeSO of other län have no position and are left out.',
              (SELECT string_agg(DISTINCT lan, ', ') FROM scb.deso WHERE geom IS NOT NULL)) AS sp_poly_line
FROM sp_deso \gset

\echo
\echo '== Spatial segregation by kommun of län' :lan 'in' :year '=='
\echo 'Low economic standard (persons with low vs not low economic standard, SCB''s DeSO table;'
\echo 'counts reconstructed from whole percentages), each kommun on its own DeSO polygons (areas are'
\echo 'each polygon''s own; SCB''s simplified polygons overlap slightly, so some land counts twice):'
\echo '  Delta: share of the group that would move to match the land area (0 = spread like the land);'
\echo '  ACE: absolute centralization around the mean of the kommun''s DeSO centroids (> 0 = nearer the centre);'
\echo '  SP: spatial proximity, exp(-d / 1 km) (1 = no clustering).'
\echo 'Foreign-born (born outside Sweden) vs Swedish-born: dissimilarity D of DeSO (0 km) and of'
\echo 'egohoods of 1, 2 and 5 km (triangular kernel on DeSO centroids).  Egohoods CROSS BORDERS:'
\echo 'they count every DeSO within the bandwidth, in other kommuner and other län too; each kommun'
\echo 'uses the egohoods centred on its own DeSO.'
\echo :sp_outside_line
\echo :sp_poly_line
SELECT k.kommun_name AS kommun,
       round(delta::numeric, 3) AS "Delta low", round(ace::numeric, 3) AS "ACE low",
       round(sp::numeric, 3) AS "SP low",
       round(d0::numeric, 3) AS "D DeSO", round(d1::numeric, 3) AS "D 1 km",
       round(d2::numeric, 3) AS "D 2 km", round(d5::numeric, 3) AS "D 5 km"
FROM sp_kommun s JOIN scb.kommun k USING (kommun)
ORDER BY (SELECT sum(foreign_born + swedish_born) FROM sp_deso d WHERE d.kommun = s.kommun) DESC, kommun;

\ir map_egohood.sql
\else
\echo
\echo 'No polygons for län' :lan 'were loaded, so no spatial measures.'
\endif
