-- Egohoods on PySAL's Sacramento tracts ($SEGINDEX_DATA/oracles/sacramentot2.shp,
-- read at test time, never copied; skipped when absent) against the brute-force
-- test/python/egohood_ref.py run on the centroids PostGIS computed.  As PySAL's
-- egohood tests: UTM 10N (EPSG:32610) for egohoods; raw lon/lat for Folch-Rey LRC.
BEGIN;
CREATE EXTENSION IF NOT EXISTS pgtap;
CREATE EXTENSION IF NOT EXISTS segindex CASCADE;
\set have_sac `test -r "$SEGINDEX_DATA/oracles/sacramentot2.shp" && command -v shp2pgsql >/dev/null && command -v python3 >/dev/null && echo true || echo false`
SELECT plan(9);
\if :have_sac
\set ego_tmp `mktemp -d`
\setenv EGO_TMP :ego_tmp
CREATE TEMP TABLE sac (fips text, tot int, white int, black int, asian int, hisp int, geom geometry);
\copy sac FROM PROGRAM 'test/oracle/shp_rows.sh "$SEGINDEX_DATA/oracles/sacramentot2.shp" 4326 FIPS TOT_POP WHITE_ BLACK_ ASIAN_ HISP_'
CREATE TEMP TABLE sac_rows AS
SELECT fips, g, n FROM sac, LATERAL (VALUES ('white', white), ('black', black), ('asian', asian), ('hisp', hisp)) v(g, n);
CREATE TEMP TABLE sac_rows2 AS
SELECT fips, g, n FROM sac, LATERAL (VALUES ('hisp', hisp), ('other', tot - hisp)) v(g, n);
CREATE TEMP TABLE sac_layout AS
SELECT (SELECT segtable(fips, g, n) FROM sac_rows) AS t,
       (SELECT segtable(fips, g, n) FROM sac_rows2) AS t2,
       (SELECT segspace(fips, ST_Transform(geom, 32610)) FROM sac) AS s_utm,
       (SELECT segspace(fips, geom) FROM sac) AS s_deg;
SELECT is((SELECT seg_layout_nunits(s_utm) FROM sac_layout), 403, 'Sacramento: 403 tracts');

\copy (SELECT l.unit, l.cx, l.cy, r.g, r.n FROM sac_layout, seg_layout(s_utm) l JOIN sac_rows r ON r.fips = l.unit) TO PROGRAM 'cat > "$EGO_TMP/utm.csv"' csv
\copy (SELECT l.unit, l.cx, l.cy, r.g, r.n FROM sac_layout, seg_layout(s_deg) l JOIN sac_rows2 r ON r.fips = l.unit) TO PROGRAM 'cat > "$EGO_TMP/deg.csv"' csv
CREATE TEMP TABLE ref_all (spec text, unit text, grp text, n float8);
\copy ref_all FROM PROGRAM 'python3 test/python/egohood_ref.py "$EGO_TMP/utm.csv" cases kernel:2000:triangular:0 kernel:2000:gaussian:1 kernel:5000:quartic:0 knn:5000 knn:50000' csv
\copy ref_all FROM PROGRAM 'python3 test/python/egohood_ref.py "$EGO_TMP/deg.csv" cases lrc:hisp:5' csv
\! rm -rf "$EGO_TMP"

CREATE FUNCTION pg_temp.maxdiff(e segtable, sp text) RETURNS float8 LANGUAGE sql AS $$
  SELECT max(coalesce(abs(c.n - r.n) / greatest(1, abs(r.n)), 1e9))
  FROM seg_cells(e) c FULL JOIN (SELECT * FROM ref_all WHERE spec = sp) r USING (unit, grp) $$;
SELECT cmp_ok(pg_temp.maxdiff(seg_egohood(t, s_utm, 2000), 'kernel:2000:triangular:0'), '<', 1e-12::float8,
              'Sacramento: triangular egohoods at 2 km') FROM sac_layout;
SELECT cmp_ok(pg_temp.maxdiff(seg_egohood(t, s_utm, 2000, 'gaussian', true), 'kernel:2000:gaussian:1'), '<', 1e-12::float8,
              'Sacramento: gaussian egohoods at 2 km, rounded') FROM sac_layout;
SELECT cmp_ok(pg_temp.maxdiff(seg_egohood(t, s_utm, 5000, 'quartic'), 'kernel:5000:quartic:0'), '<', 1e-12::float8,
              'Sacramento: quartic egohoods at 5 km') FROM sac_layout;
SELECT cmp_ok(pg_temp.maxdiff(seg_egohood_knn(t, s_utm, 5000), 'knn:5000'), '<', 1e-12::float8,
              'Sacramento: 5,000-person egohoods') FROM sac_layout;
SELECT cmp_ok(pg_temp.maxdiff(seg_egohood_knn(t, s_utm, 50000), 'knn:50000'), '<', 1e-12::float8,
              'Sacramento: 50,000-person egohoods') FROM sac_layout;
SELECT ok((SELECT bool_and(CASE WHEN r.n IS NULL THEN l.lrc IS NULL ELSE abs(l.lrc - r.n) < 1e-12 END)
                  AND count(l.unit) = 403 AND count(r.unit) = 403
           FROM sac_layout, seg_local_relative_centralization(t2, s_deg, 'hisp') l
           FULL JOIN (SELECT * FROM ref_all WHERE spec = 'lrc:hisp:5') r USING (unit)),
          'Sacramento: Folch-Rey LRC of hisp, k = 5, raw lon/lat');
SELECT throws_ok($$SELECT seg_egohood(t, s_deg, 2000) FROM sac_layout$$, '22023', NULL,
                 'Sacramento: egohoods refuse EPSG:4326');
SELECT ok(seg_dissimilarity(seg_egohood(t, s_utm, 2000)) < seg_dissimilarity(t) AND
          seg_dissimilarity(seg_egohood(t, s_utm, 5000)) < seg_dissimilarity(seg_egohood(t, s_utm, 2000)),
          'Sacramento: multigroup D falls as egohoods grow (aspatial > 2 km > 5 km)') FROM sac_layout;
\else
SELECT skip('Sacramento: $SEGINDEX_DATA/oracles/sacramentot2.shp, shp2pgsql or python3 not available', 9);
\endif
SELECT * FROM finish();
ROLLBACK;
