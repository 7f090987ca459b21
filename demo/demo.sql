-- The segindex demo: load data, compute the official Swedish measures,
-- print a kommun overview and write an SVG map of area types.
\set ON_ERROR_STOP 1
\set QUIET 1
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS segindex CASCADE;

-- XML-escapes text for the SVG (names contain no markup, but be safe).
CREATE FUNCTION pg_temp.segindex_demo_xml(s text) RETURNS text LANGUAGE sql IMMUTABLE
RETURN replace(replace(replace(s, '&', '&amp;'), '<', '&lt;'), '>', '&gt;');

\if :have_se
\echo 'Data: SCB 2022 DeSO indicators and Stockholm län polygons from' :data_dir
\ir load_se.sql
\set overview_lan 01
\set map_lan 01
\else
\echo 'Data: synthetic Sweden (no SCB files at' :data_dir ')'
\ir synthetic.sql
\set overview_lan 91
\set map_lan 91
\endif

SELECT count(*) AS "DeSO", count(DISTINCT regso) AS "RegSO",
       count(DISTINCT kommun) AS kommuner, count(DISTINCT lan) AS "län",
       sum(pop)::bigint AS population
FROM deso JOIN deso_facts USING (deso) \gset
\echo :DeSO 'DeSO,' :RegSO 'RegSO,' :kommuner 'kommuner,' :län 'län, population' :population

\ir overview.sql
\ir map.sql
