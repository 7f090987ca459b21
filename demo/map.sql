-- Writes an SVG map of the recomputed area types of län :lan to :svg_file:
-- DeSO coloured by their RegSO's type, kommun borders, an inset of the
-- largest kommun (:core), the year, the source and what the types are.
-- Geometry comes from PostGIS; the SVG is assembled as text.

SELECT count(*) > 0 AS polygons FROM scb.deso WHERE lan = :'lan' AND geom IS NOT NULL \gset
\if :polygons
\else
\echo
\echo 'No polygons for län' :lan 'were loaded, so no map.  Put SCB''s DeSO GeoPackage or GeoJSON'
\echo 'for it in the data directory (scripts/load-scb reads every one there).'
\quit
\endif

CREATE TEMP TABLE map_deso AS
SELECT d.deso, d.kommun, d.geom, t.proxy_type AS type
FROM scb.deso d JOIN scb.regso_area_type t ON t.regso = d.regso AND t.year = :year
WHERE d.lan = :'lan' AND d.geom IS NOT NULL;
CREATE TEMP TABLE map_kommun AS
SELECT kommun, ST_Boundary(ST_Union(geom)) AS geom FROM map_deso GROUP BY kommun;

-- Panels: the whole län (800 px wide) and the core kommun (400 px wide);
-- an SVG user unit is a pixel.  ST_AsSVG writes -y, hence the sign.
CREATE TEMP TABLE map_panel AS
WITH e AS (
    SELECT 'lan' AS panel, ST_SetSRID(ST_Extent(geom)::geometry, 3006) AS box, 20.0 AS ox, 60.0 AS oy, 800.0 AS width
    FROM map_deso
    UNION ALL
    SELECT 'core', ST_SetSRID(ST_Expand(ST_Extent(geom), 500)::geometry, 3006), 850.0, 60.0, 400.0
    FROM map_deso WHERE kommun = :'core'
)
SELECT panel, box, ox, oy, width / (ST_XMax(box) - ST_XMin(box)) AS s,
       ST_XMin(box) AS x0, ST_YMax(box) AS y1,
       (ST_YMax(box) - ST_YMin(box)) * width / (ST_XMax(box) - ST_XMin(box)) AS height
FROM e;

CREATE FUNCTION pg_temp.map_path(g geometry, p map_panel) RETURNS text LANGUAGE sql IMMUTABLE
RETURN ST_AsSVG(ST_Affine(g, p.s, 0, 0, p.s, p.ox - p.s * p.x0, -(p.s * p.y1 + p.oy)), 0, 1);

CREATE TEMP TABLE map_palette (type int, colour text);
INSERT INTO map_palette VALUES
  (1, '#b2182b'), (2, '#ef8a62'), (3, '#fddbc7'), (4, '#91bfdb'), (5, '#2166ac');

CREATE TEMP TABLE map_svg AS
WITH h AS (SELECT max(oy + height) + 40 AS bottom FROM map_panel)
SELECT format('<svg xmlns="http://www.w3.org/2000/svg" width="1270" height="%s" font-family="sans-serif">',
              round(h.bottom + 140))
    || format('<rect width="1270" height="%s" fill="white"/>', round(h.bottom + 140))
    || format('<text x="20" y="30" font-size="20" font-weight="bold">Områdestyper %s, län %s (omräknade)</text>',
              :year, :'lan')
    -- DeSO fills, then kommun borders, per panel; the core panel is clipped to its box.
    || (SELECT string_agg(format('<path d="%s" fill="%s" stroke="white" stroke-width="0.3"/>',
                                 pg_temp.map_path(CASE p.panel WHEN 'lan' THEN d.geom
                                                  ELSE ST_ClipByBox2D(d.geom, p.box) END, p), c.colour), '')
        FROM map_panel p JOIN map_deso d ON ST_Intersects(d.geom, p.box) JOIN map_palette c USING (type))
    || (SELECT string_agg(format('<path d="%s" fill="none" stroke="#222" stroke-width="%s"/>',
                                 pg_temp.map_path(CASE p.panel WHEN 'lan' THEN k.geom
                                                  ELSE ST_ClipByBox2D(k.geom, p.box) END, p),
                                 CASE p.panel WHEN 'lan' THEN 0.8 ELSE 1.2 END), '')
        FROM map_panel p JOIN map_kommun k ON ST_Intersects(k.geom, p.box))
    -- The inset's frame, and its area outlined on the län panel.
    || (SELECT format('<rect x="%s" y="%s" width="%s" height="%s" fill="none" stroke="black"/>',
                      c.ox, c.oy, 400, round(c.height::numeric, 1))
            || format('<path d="%s" fill="none" stroke="black" stroke-width="1.5"/>',
                      pg_temp.map_path(ST_Boundary(c.box), l))
            || format('<text x="%s" y="%s" font-size="14">Inset: %s</text>',
                      c.ox, c.oy - 8, :'core_name')
        FROM map_panel c, map_panel l WHERE c.panel = 'core' AND l.panel = 'lan')
    || (SELECT string_agg(format('<rect x="20" y="%s" width="16" height="16" fill="%s" stroke="#555"/>'
                                 '<text x="42" y="%s" font-size="13">%s %s</text>',
                                 round(h.bottom + 22 * (type - 1)), colour,
                                 round(h.bottom + 22 * (type - 1) + 13), type,
                                 seg_area_type_name(type, 'sv')), '' ORDER BY type)
        FROM map_palette)
    || format('<text x="650" y="%s" font-size="12">Typerna är omräknade från offentliga DeSO-tabeller '
              '(ersättningsmått för V3), inte SCB:s officiella.</text>', round(h.bottom + 13))
    || format('<text x="650" y="%s" font-size="12">Gränser: kommuner. %s</text>', round(h.bottom + 35),
              CASE WHEN :synthetic = 1 THEN 'SYNTETISKA DATA, inga verkliga platser.' ELSE '' END)
    || format('<text x="650" y="%s" font-size="12" font-weight="bold">Källa: SCB</text>', round(h.bottom + 57))
    || '</svg>' AS svg
FROM h;

\pset format unaligned
\pset tuples_only on
\o :svg_file
SELECT svg FROM map_svg;
\o
\pset format aligned
\pset tuples_only off
\echo
\echo 'SVG map of län' :lan 'written to' :svg_file
