-- Egohoods on PySAL's Sacramento tracts ($SEGINDEX_DATA/oracles/sacramentot2.shp,
-- read at test time, never copied; skipped when absent) against the brute-force
-- test/python/egohood_ref.py run on the centroids PostGIS computed, and against
-- PySAL's published values where its tests have them.  As PySAL's
-- egohood tests: UTM 10N (EPSG:32610) for egohoods; raw lon/lat for Folch-Rey LRC.
BEGIN;
CREATE EXTENSION IF NOT EXISTS pgtap;
CREATE EXTENSION IF NOT EXISTS segindex CASCADE;
\set have_sac `test -r "$SEGINDEX_DATA/oracles/sacramentot2.shp" && command -v shp2pgsql >/dev/null && command -v python3 >/dev/null && echo true || echo false`
SELECT plan(12);
\if :have_sac
\set ego_tmp `mktemp -d`
\setenv EGO_TMP :ego_tmp
CREATE TEMP TABLE sac (fips text, tot int, white int, black int, asian int, hisp int, geom geometry);
\copy sac FROM PROGRAM 'test/oracle/shp_rows.sh "$SEGINDEX_DATA/oracles/sacramentot2.shp" 4326 FIPS TOT_POP WHITE_ BLACK_ ASIAN_ HISP_'
CREATE TEMP TABLE sac_rows AS
SELECT fips, g, n FROM sac, LATERAL (VALUES ('white', white), ('black', black), ('asian', asian), ('hisp', hisp)) v(g, n);
CREATE TEMP TABLE sac_rows3 AS
SELECT fips, g, n FROM sac, LATERAL (VALUES ('hisp', hisp), ('black', black), ('white', white)) v(g, n);
CREATE TEMP TABLE sac_black AS
SELECT fips, g, n FROM sac, LATERAL (VALUES ('black', black), ('rest', tot - black)) v(g, n);
CREATE TEMP TABLE sac_rows2 AS
SELECT fips, g, n FROM sac, LATERAL (VALUES ('hisp', hisp), ('other', tot - hisp)) v(g, n);
CREATE TEMP TABLE sac_layout AS
SELECT (SELECT segtable(fips, g, n) FROM sac_rows) AS t,
       (SELECT segtable(fips, g, n) FROM sac_rows2) AS t2,
       (SELECT segtable(fips, g, n) FROM sac_rows3) AS t3,
       (SELECT segtable(fips, g, n) FROM sac_black) AS tb,
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
SELECT diag(format('max relative difference vs egohood_ref.py: triangular 2 km %s, gaussian 2 km rounded %s, quartic 5 km %s, knn 5000 %s, knn 50000 %s; LRC max abs %s',
                   pg_temp.maxdiff(seg_egohood(t, s_utm, 2000), 'kernel:2000:triangular:0'),
                   pg_temp.maxdiff(seg_egohood(t, s_utm, 2000, 'gaussian', true), 'kernel:2000:gaussian:1'),
                   pg_temp.maxdiff(seg_egohood(t, s_utm, 5000, 'quartic'), 'kernel:5000:quartic:0'),
                   pg_temp.maxdiff(seg_egohood_knn(t, s_utm, 5000), 'knn:5000'),
                   pg_temp.maxdiff(seg_egohood_knn(t, s_utm, 50000), 'knn:50000'),
                   (SELECT max(abs(l.lrc - r.n)) FROM seg_local_relative_centralization(t2, s_deg, 'hisp') l
                    JOIN ref_all r ON r.spec = 'lrc:hisp:5' AND r.unit = l.unit)))
FROM sac_layout;
SELECT diag(format('multigroup D (white, black, asian, hisp): aspatial %s, triangular 2 km %s, 5 km %s; knn 5000 %s',
                   round(seg_dissimilarity(t)::numeric, 6), round(seg_dissimilarity(seg_egohood(t, s_utm, 2000))::numeric, 6),
                   round(seg_dissimilarity(seg_egohood(t, s_utm, 5000))::numeric, 6),
                   round(seg_dissimilarity(seg_egohood_knn(t, s_utm, 5000))::numeric, 6)))
FROM sac_layout;

-- PySAL's published values (pysal/segregation segregation/tests):
-- test_multiscalar_profile.py: MultiDissim of HISP, BLACK, WHITE, triangular
-- egohoods at 0 (aspatial), 500, 1000, 1500, 2000 m in UTM, to 4 decimals
-- (assert_array_almost_equal, decimal = 4: |difference| < 1.5e-4).
SELECT ok((SELECT bool_and(abs(seg_dissimilarity(p.egohood) - v.d) < 1.5e-4) AND count(*) = 5
           FROM seg_egohood_profile(t3, s_utm, ARRAY[500, 1000, 1500, 2000]) p
           JOIN (VALUES (0, 0.4246), (500, 0.4246), (1000, 0.4173), (1500, 0.4008), (2000, 0.3776)) v(scale, d)
           ON v.scale = p.scale),
          'Sacramento: PySAL''s published multiscalar profile of multigroup D (4 decimals)') FROM sac_layout;
SELECT ok((SELECT bool_and(abs(seg_dissimilarity(p.egohood) - v.d) < 1.5e-4) AND count(*) = 4
           FROM seg_egohood_profile(t3, s_utm, ARRAY[500, 1000, 1500, 2000], round => true) p
           JOIN (VALUES (500, 0.4246), (1000, 0.4173), (1500, 0.4008), (2000, 0.3776)) v(scale, d)
           ON v.scale = p.scale),
          'Sacramento: the same profile with rounded egohood counts (PySAL since 2021)') FROM sac_layout;
-- test_local_relative_centralization.py: BLACK against TOT_POP, raw lon/lat, the
-- first ten rows of libpysal's Sacramento1 to 8 decimals; that file lists these
-- tracts first (sacramentot2.dbf rows 1-3 and 6-12: its rows 4 and 5 come later).
SELECT ok((SELECT bool_and(abs(l.lrc - v.lrc) < 5e-9) AND count(*) = 10
           FROM seg_local_relative_centralization(tb, s_deg, 'black') l
           JOIN (VALUES ('06061022001', 0.03443055), ('06061020106', -0.29063264), ('06061020107', -0.19110976),
                        ('06061020105', 0.24978919), ('06061020200', 0.01252249), ('06061020101', 0.61152941),
                        ('06061020104', 0.78917647), ('06061020103', 0.53129412), ('06061020102', 0.04436346),
                        ('06061022002', -0.20216325)) v(unit, lrc) USING (unit)),
          'Sacramento: PySAL''s published local relative centralization (8 decimals)') FROM sac_layout;
SELECT throws_ok($$SELECT seg_egohood(t, s_deg, 2000) FROM sac_layout$$, '22023', NULL,
                 'Sacramento: egohoods refuse EPSG:4326');
SELECT ok(seg_dissimilarity(seg_egohood(t, s_utm, 2000)) < seg_dissimilarity(t) AND
          seg_dissimilarity(seg_egohood(t, s_utm, 5000)) < seg_dissimilarity(seg_egohood(t, s_utm, 2000)),
          'Sacramento: multigroup D falls as egohoods grow (aspatial > 2 km > 5 km)') FROM sac_layout;
\else
SELECT skip('Sacramento: $SEGINDEX_DATA/oracles/sacramentot2.shp, shp2pgsql or python3 not available', 12);
\endif
SELECT * FROM finish();
ROLLBACK;
