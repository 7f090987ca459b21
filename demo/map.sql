-- Writes an SVG map of the area types of one län (psql variable map_lan)
-- to the file in psql variable svg_file.  Each DeSO is drawn in the colour
-- of its RegSO's type; the geometry comes straight from PostGIS
-- (ST_AsSVG already flips the y axis, so north is up).

CREATE TEMP TABLE map_area AS
SELECT d.geom, t.type
FROM deso d JOIN regso_typed t USING (regso)
WHERE d.lan = :'map_lan' AND d.geom IS NOT NULL AND t.type IS NOT NULL;

CREATE TEMP TABLE map_palette (type int, colour text);
INSERT INTO map_palette VALUES
  (1, '#b2182b'), (2, '#ef8a62'), (3, '#fddbc7'), (4, '#91bfdb'), (5, '#2166ac');

\pset format unaligned
\pset tuples_only on
\o :svg_file
WITH box AS (
    SELECT ST_XMin(e) AS x0, ST_YMax(e) AS y1,
           ST_XMax(e) - ST_XMin(e) AS w, ST_YMax(e) - ST_YMin(e) AS h
    FROM (SELECT ST_Extent(geom) AS e FROM map_area) s
), legend AS (
    SELECT string_agg(format(
             '<rect x="%s" y="%s" width="%s" height="%s" fill="%s" stroke="#555"/>'
             '<text x="%s" y="%s" font-size="%s" font-family="sans-serif">%s (%s)</text>',
             b.x0 + b.w * 1.03, -b.y1 + b.h * (0.08 + 0.06 * p.type), b.h * 0.035, b.h * 0.035, p.colour,
             b.x0 + b.w * 1.03 + b.h * 0.05, -b.y1 + b.h * (0.08 + 0.06 * p.type) + b.h * 0.03,
             b.h * 0.025, pg_temp.segindex_demo_xml(seg_area_type_name(p.type, 'sv')), p.type), '' ORDER BY p.type) AS svg
    FROM map_palette p, box b
)
SELECT format('<svg xmlns="http://www.w3.org/2000/svg" viewBox="%s %s %s %s" width="1400" height="%s">',
              b.x0, -b.y1 - b.h * 0.02, b.w * 1.03 + b.h * 1.1, b.h * 1.04,
              round(1400 * b.h * 1.04 / (b.w * 1.03 + b.h * 1.1)))
    || format('<rect x="%s" y="%s" width="%s" height="%s" fill="white"/>',
              b.x0, -b.y1 - b.h * 0.02, b.w * 1.03 + b.h * 1.1, b.h * 1.04)
    || format('<text x="%s" y="%s" font-size="%s" font-family="sans-serif" font-weight="bold">Områdestyper, län %s</text>',
              b.x0 + b.w * 1.03, -b.y1 + b.h * 0.05, b.h * 0.03, :'map_lan')
    || (SELECT string_agg(format('<path d="%s" fill="%s" stroke="#ffffff" stroke-width="%s"/>',
                                 ST_AsSVG(a.geom, 0, 0), p.colour, b.w / 2000), '')
        FROM map_area a JOIN map_palette p USING (type))
    || l.svg
    || '</svg>'
FROM box b, legend l;
\o
\pset format aligned
\pset tuples_only off
