-- Spatial measures on PySAL's Sacramento tracts (sacramentot2, 403 tracts,
-- HISP_ against the rest of TOT_POP): PySAL's published test values and an
-- independent plain-SQL recomputation (test/lib/spatial_reference.sql), in
-- the CRS each PySAL test used (METHODOLOGY 4.1): raw EPSG:4326 degrees for
-- Delta, ACO, RCO, ACE, RCE, SpatialDissim, BoundarySpatialDissim; UTM 10N
-- (EPSG:32610) for the proximity family and PARDissim.  Reads
-- $SEGINDEX_DATA/oracles/sacramentot2.shp with shp2pgsql; skipped when absent.
\set ON_ERROR_STOP 1
\set have_sac `test -r "$SEGINDEX_DATA/oracles/sacramentot2.shp" && command -v shp2pgsql >/dev/null && echo 1 || echo 0`
\if :have_sac
\pset format unaligned
\pset tuples_only true
BEGIN;
SET client_min_messages = warning;
SET jit = off;
CREATE EXTENSION IF NOT EXISTS pgtap;
CREATE EXTENSION IF NOT EXISTS segindex CASCADE;
SELECT plan(19);

-- shp2pgsql's dump form: the data rows (FIPS first) as tab-separated COPY
-- text; fields 1, 3, 9 and 32 are FIPS, TOT_POP, HISP_ and the hex EWKB.
CREATE TEMP TABLE sac (fips text, tot_pop int, hisp int, geom geometry);
\copy sac FROM PROGRAM 'shp2pgsql -s 4326 -D "$SEGINDEX_DATA/oracles/sacramentot2.shp" sac 2>/dev/null | grep "^[0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][[:blank:]]" | cut -f1,3,9,32'
SELECT is((SELECT count(*) FROM sac), 403::bigint, '403 tracts loaded');

-- Degrees ------------------------------------------------------------------------
CREATE TEMP TABLE lay AS SELECT fips AS id, geom, hisp::float8 AS x, (tot_pop - hisp)::float8 AS y FROM sac;
\set du 1000
\set center ''
\ir ../lib/spatial_reference.sql
SELECT is((SELECT seg_nedges(s) FROM st),
          (SELECT count(*)::int FROM sac a JOIN sac b ON a.fips < b.fips AND a.geom && b.geom
           AND ST_Intersects(a.geom, b.geom)), 'queen edges = pairs that ST_Intersect');
CREATE TEMP TABLE got AS SELECT m.* FROM st, pg_temp.measures(st.t, st.s, 1000, NULL) m;
CREATE TEMP TABLE pysal (name text, v float8, tol float8, label text);
INSERT INTO pysal VALUES
  ('delta', 0.8044969214141899, 1e-10, 'Delta'),
  ('aco', 0.8512824549657465, 1e-10, 'AbsoluteConcentration'),
  ('rco_pysal', 0.12733820870675222, 1e-10, 'RelativeConcentration (variant pysal)'),
  ('ace', 0.6891422368736286, 1e-10, 'AbsoluteCentralization'),
  ('rce', -0.11194177550430595, 1e-10, 'RelativeCentralization'),
  ('morrill', 0.2611974332919437, 1e-10, 'SpatialDissim'),
  ('wong_std', 0.2638936888653678, 1e-10, 'BoundarySpatialDissim (standardize, the class default)');
SELECT ok(abs(g.v - p.v) < p.tol, 'PySAL ' || p.label || ' = ' || p.v || ' (got ' || g.v || ')')
FROM pysal p JOIN got g USING (name) ORDER BY p.name;
SELECT is((SELECT string_agg(name, ',' ORDER BY name) FROM got g JOIN ref r USING (name)
           WHERE g.v IS NOT NULL AND (r.v IS NULL OR abs(g.v - r.v) > 1e-12)), NULL,
          'degrees: every area/order measure equals the plain-SQL recomputation within 1e-12');
SELECT diag('degrees: max |segindex - SQL| = ' || max(abs(g.v - r.v)) || ' over ' || count(*) || ' measures')
FROM got g JOIN ref r USING (name) WHERE g.v IS NOT NULL;
SELECT diag('degrees: max |segindex - PySAL| = ' || max(abs(g.v - p.v))) FROM got g JOIN pysal p USING (name);
CREATE FUNCTION pg_temp.hint_of(q text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE h text; c text;
BEGIN
    EXECUTE q;
    RETURN 'no error';
EXCEPTION WHEN OTHERS THEN
    GET STACKED DIAGNOSTICS h = PG_EXCEPTION_HINT, c = RETURNED_SQLSTATE;
    RETURN c || ' ' || h;
END $$;
SELECT matches(pg_temp.hint_of($$SELECT seg_spatial_proximity(t, s, 'x') FROM st$$), '^22023 .*ST_Transform',
               'proximity refuses degrees (22023), suggesting ST_Transform');
CREATE TEMP TABLE ref4326 AS SELECT * FROM ref;
DROP TABLE u, tot, st, ctr, ref, edges, pairs, sj, cmat, got CASCADE;
DROP FUNCTION pg_temp.prox(text), pg_temp.measures(segtable, segspace, float8, geometry);

-- UTM 10N --------------------------------------------------------------------------
DROP TABLE lay;
CREATE TEMP TABLE lay AS
SELECT fips AS id, ST_Transform(geom, 32610) AS geom, hisp::float8 AS x, (tot_pop - hisp)::float8 AS y FROM sac;
\ir ../lib/spatial_reference.sql
CREATE TEMP TABLE got AS SELECT m.* FROM st, pg_temp.measures(st.t, st.s, 1000, NULL) m;
DELETE FROM pysal;
INSERT INTO pysal VALUES
  ('c_pyacl', 0.060701540314293256, 1e-10, 'AbsoluteClustering (variant pysal)'),
  ('c_pyrcl', 0.5172753899054523, 1e-10, 'RelativeClustering (variant pysal)'),
  ('c_pysp', 1.0467806527410652, 1e-10, 'SpatialProximity (variant pysal)'),
  ('c_pydpxx', 0.20144710843904595, 1e-10, 'DistanceDecayIsolation (variant pysal)'),
  ('c_pydpxy', 0.8620769567792631, 1e-10, 'DistanceDecayInteraction (variant pysal)'),
  ('par', 0.3112698489030527, 1e-10, 'PARDissim');
SELECT ok(abs(g.v - p.v) < p.tol, 'PySAL ' || p.label || ' = ' || p.v || ' (got ' || g.v || ')')
FROM pysal p JOIN got g USING (name) ORDER BY p.name;
SELECT is((SELECT string_agg(name, ',' ORDER BY name) FROM got g JOIN ref r USING (name)
           WHERE g.v IS NULL OR r.v IS NULL OR abs(g.v - r.v) > 1e-12), NULL,
          'UTM: all 23 measures equal the plain-SQL recomputation within 1e-12');
SELECT diag('UTM: max |segindex - SQL| = ' || max(abs(g.v - r.v)) || ' over ' || count(*) || ' measures')
FROM got g JOIN ref r USING (name);
SELECT diag('UTM: max |segindex - PySAL| = ' || max(abs(g.v - p.v))) FROM got g JOIN pysal p USING (name);
SELECT ok(abs((SELECT v FROM got WHERE name = 'c_mddpxx') + (SELECT v FROM got WHERE name = 'c_mddpxy') - 1) < 1e-14,
          'textbook DPxx + DPxy = 1');

SELECT * FROM finish();
ROLLBACK;
\else
\echo 1..0 # SKIP sacramentot2.shp or shp2pgsql not found: set SEGINDEX_DATA to a folder with oracles/sacramentot2.shp (default ../shared/data)
\endif
