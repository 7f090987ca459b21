-- Writes an SVG map of the 2 km egohood foreign-born share (sp_share, from
-- demo/spatial.sql) per DeSO of län :lan, next to :svg_file as
-- egohood_2km_<name>, in the style of demo/map.sql: kommun borders, a
-- legend, the year and the source.

SELECT regexp_replace(regexp_replace(:'svg_file', '([^/]*)$', 'egohood_2km_\1'),
                      'egohood_2km_area_types_', 'egohood_2km_') AS eg_file \gset

CREATE TEMP TABLE eg_deso AS
SELECT d.deso, d.geom, s.share FROM sp_deso d LEFT JOIN sp_share s USING (deso) WHERE d.in_lan;
CREATE TEMP TABLE eg_kommun AS
SELECT kommun, ST_Boundary(ST_Union(geom)) AS geom FROM sp_deso WHERE in_lan GROUP BY kommun;
-- One panel, 800 px wide; ST_AsSVG writes -y, hence the sign.
CREATE TEMP TABLE eg_panel AS
WITH e AS (SELECT ST_SetSRID(ST_Extent(geom)::geometry, 3006) AS box FROM eg_deso)
SELECT box, 20.0 AS ox, 60.0 AS oy, 800.0 / (ST_XMax(box) - ST_XMin(box)) AS s,
       ST_XMin(box) AS x0, ST_YMax(box) AS y1,
       (ST_YMax(box) - ST_YMin(box)) * 800.0 / (ST_XMax(box) - ST_XMin(box)) AS height
FROM e;
CREATE FUNCTION pg_temp.eg_path(g geometry, p eg_panel) RETURNS text LANGUAGE sql IMMUTABLE
RETURN ST_AsSVG(ST_Affine(g, p.s, 0, 0, p.s, p.ox - p.s * p.x0, -(p.s * p.y1 + p.oy)), 0, 1);

-- Classes of 10 percentage points, the last open; grey: no residents.
CREATE TEMP TABLE eg_palette (class int, colour text, label text);
INSERT INTO eg_palette VALUES
  (0, '#fff5eb', '0–10 %'), (1, '#fee6ce', '10–20 %'), (2, '#fdd0a2', '20–30 %'),
  (3, '#fdae6b', '30–40 %'), (4, '#fd8d3c', '40–50 %'), (5, '#e6550d', '50–60 %'),
  (6, '#a63603', '60 % och mer'), (-1, '#cccccc', 'inga invånare');

CREATE TEMP TABLE eg_svg AS
WITH h AS (SELECT oy + height + 40 AS bottom FROM eg_panel)
SELECT format('<svg xmlns="http://www.w3.org/2000/svg" width="840" height="%s" font-family="sans-serif">',
              round(h.bottom + 200))
    || format('<rect width="840" height="%s" fill="white"/>', round(h.bottom + 200))
    || format('<text x="20" y="30" font-size="20" font-weight="bold">Utrikes föddas andel i egohood 2 km, %s, län %s</text>',
              :year, :'lan')
    || (SELECT string_agg(format('<path d="%s" fill="%s" stroke="white" stroke-width="0.3"/>',
                                 pg_temp.eg_path(d.geom, p), c.colour), '')
        FROM eg_panel p, eg_deso d
        JOIN eg_palette c ON c.class = coalesce(least(floor(d.share * 10)::int, 6), -1))
    || (SELECT string_agg(format('<path d="%s" fill="none" stroke="#222" stroke-width="0.8"/>',
                                 pg_temp.eg_path(k.geom, p)), '')
        FROM eg_panel p, eg_kommun k)
    || (SELECT string_agg(format('<rect x="20" y="%s" width="16" height="16" fill="%s" stroke="#555"/>'
                                 '<text x="42" y="%s" font-size="13">%s</text>',
                                 round(h.bottom + 22 * r), colour, round(h.bottom + 22 * r + 13), label), '')
        FROM (SELECT *, row_number() OVER (ORDER BY class < 0, class) - 1 AS r FROM eg_palette) x)
    || format('<text x="250" y="%s" font-size="12">Andel utrikes födda bland invånarna inom 2 km från DeSO:ts tyngdpunkt</text>',
              round(h.bottom + 13))
    || format('<text x="250" y="%s" font-size="12">(triangulär kärna), även över kommun- och länsgränser.</text>',
              round(h.bottom + 35))
    || format('<text x="250" y="%s" font-size="12">Gränser: kommuner. %s</text>', round(h.bottom + 57),
              CASE WHEN :synthetic = 1 THEN 'SYNTETISKA DATA, inga verkliga platser.' ELSE '' END)
    || format('<text x="250" y="%s" font-size="12" font-weight="bold">Källa: SCB</text>', round(h.bottom + 79))
    || '</svg>' AS svg
FROM h;

\pset format unaligned
\pset tuples_only on
\o :eg_file
SELECT svg FROM eg_svg;
\o
\pset format aligned
\pset tuples_only off
\echo
\echo 'SVG map of the 2 km egohood foreign-born share in län' :lan 'written to' :eg_file
