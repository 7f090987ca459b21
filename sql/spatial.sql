
-- Spatial single-group indices of a segtable over a segspace (METHODOLOGY
-- sections 4.2 to 4.6; src/spatial.c; doc/spatial.md).  Group arguments come
-- in text and bigint overloads sharing one C function, as in indices.sql.

CREATE FUNCTION seg_delta(t segtable, s segspace, grp text)
RETURNS float8
AS 'MODULE_PATHNAME', 'seg_delta_sp'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION seg_delta(segtable, segspace, text) IS
'Delta (Hoover): share of the group that would move to get a uniform density; NULL if grp is absent';

CREATE FUNCTION seg_delta(t segtable, s segspace, grp bigint)
RETURNS float8
AS 'MODULE_PATHNAME', 'seg_delta_sp'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION seg_delta(segtable, segspace, bigint) IS
'Delta (Hoover): share of the group that would move to get a uniform density; NULL if grp is absent';

CREATE FUNCTION seg_absolute_concentration(t segtable, s segspace, grp text)
RETURNS float8
AS 'MODULE_PATHNAME', 'seg_absolute_concentration_sp'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION seg_absolute_concentration(segtable, segspace, text) IS
'Absolute concentration ACO (Massey and Denton); NULL if 0/0';

CREATE FUNCTION seg_absolute_concentration(t segtable, s segspace, grp bigint)
RETURNS float8
AS 'MODULE_PATHNAME', 'seg_absolute_concentration_sp'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION seg_absolute_concentration(segtable, segspace, bigint) IS
'Absolute concentration ACO (Massey and Denton); NULL if 0/0';

CREATE FUNCTION seg_relative_concentration(t segtable, s segspace, grp text, variant text DEFAULT 'massey_denton')
RETURNS float8
AS 'MODULE_PATHNAME', 'seg_relative_concentration_sp'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION seg_relative_concentration(segtable, segspace, text, text) IS
'Relative concentration RCO; variant ''massey_denton'' or ''pysal''; NULL if 0/0';

CREATE FUNCTION seg_relative_concentration(t segtable, s segspace, grp bigint, variant text DEFAULT 'massey_denton')
RETURNS float8
AS 'MODULE_PATHNAME', 'seg_relative_concentration_sp'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION seg_relative_concentration(segtable, segspace, bigint, text) IS
'Relative concentration RCO; variant ''massey_denton'' or ''pysal''; NULL if 0/0';

CREATE FUNCTION seg_absolute_clustering(t segtable, s segspace, grp text, variant text DEFAULT 'massey_denton', distance_unit float8 DEFAULT 1000)
RETURNS float8
AS 'MODULE_PATHNAME', 'seg_absolute_clustering_sp'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION seg_absolute_clustering(segtable, segspace, text, text, float8) IS
'Absolute clustering ACL; variant ''massey_denton'' (exp(-d/distance_unit)), ''pysal'', ''rook'' or ''queen''';

CREATE FUNCTION seg_absolute_clustering(t segtable, s segspace, grp bigint, variant text DEFAULT 'massey_denton', distance_unit float8 DEFAULT 1000)
RETURNS float8
AS 'MODULE_PATHNAME', 'seg_absolute_clustering_sp'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION seg_absolute_clustering(segtable, segspace, bigint, text, float8) IS
'Absolute clustering ACL; variant ''massey_denton'' (exp(-d/distance_unit)), ''pysal'', ''rook'' or ''queen''';

CREATE FUNCTION seg_relative_clustering(t segtable, s segspace, grp text, variant text DEFAULT 'massey_denton', distance_unit float8 DEFAULT 1000)
RETURNS float8
AS 'MODULE_PATHNAME', 'seg_relative_clustering_sp'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION seg_relative_clustering(segtable, segspace, text, text, float8) IS
'Relative clustering RCL; variant ''massey_denton'' (exp(-d/distance_unit)), ''pysal'', ''rook'' or ''queen''';

CREATE FUNCTION seg_relative_clustering(t segtable, s segspace, grp bigint, variant text DEFAULT 'massey_denton', distance_unit float8 DEFAULT 1000)
RETURNS float8
AS 'MODULE_PATHNAME', 'seg_relative_clustering_sp'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION seg_relative_clustering(segtable, segspace, bigint, text, float8) IS
'Relative clustering RCL; variant ''massey_denton'' (exp(-d/distance_unit)), ''pysal'', ''rook'' or ''queen''';

CREATE FUNCTION seg_spatial_proximity(t segtable, s segspace, grp text, variant text DEFAULT 'massey_denton', distance_unit float8 DEFAULT 1000)
RETURNS float8
AS 'MODULE_PATHNAME', 'seg_spatial_proximity_sp'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION seg_spatial_proximity(segtable, segspace, text, text, float8) IS
'Spatial proximity SP; variant ''massey_denton'' (exp(-d/distance_unit)), ''pysal'', ''rook'' or ''queen''';

CREATE FUNCTION seg_spatial_proximity(t segtable, s segspace, grp bigint, variant text DEFAULT 'massey_denton', distance_unit float8 DEFAULT 1000)
RETURNS float8
AS 'MODULE_PATHNAME', 'seg_spatial_proximity_sp'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION seg_spatial_proximity(segtable, segspace, bigint, text, float8) IS
'Spatial proximity SP; variant ''massey_denton'' (exp(-d/distance_unit)), ''pysal'', ''rook'' or ''queen''';

CREATE FUNCTION seg_distance_decay_isolation(t segtable, s segspace, grp text, variant text DEFAULT 'massey_denton', distance_unit float8 DEFAULT 1000)
RETURNS float8
AS 'MODULE_PATHNAME', 'seg_distance_decay_isolation_sp'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION seg_distance_decay_isolation(segtable, segspace, text, text, float8) IS
'Distance-decay isolation DPxx; variant ''massey_denton'' (exp(-d/distance_unit)), ''pysal'', ''rook'' or ''queen''';

CREATE FUNCTION seg_distance_decay_isolation(t segtable, s segspace, grp bigint, variant text DEFAULT 'massey_denton', distance_unit float8 DEFAULT 1000)
RETURNS float8
AS 'MODULE_PATHNAME', 'seg_distance_decay_isolation_sp'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION seg_distance_decay_isolation(segtable, segspace, bigint, text, float8) IS
'Distance-decay isolation DPxx; variant ''massey_denton'' (exp(-d/distance_unit)), ''pysal'', ''rook'' or ''queen''';

CREATE FUNCTION seg_distance_decay_exposure(t segtable, s segspace, grp text, variant text DEFAULT 'massey_denton', distance_unit float8 DEFAULT 1000)
RETURNS float8
AS 'MODULE_PATHNAME', 'seg_distance_decay_exposure_sp'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION seg_distance_decay_exposure(segtable, segspace, text, text, float8) IS
'Distance-decay exposure DPxy; variant ''massey_denton'' (exp(-d/distance_unit)), ''pysal'', ''rook'' or ''queen''';

CREATE FUNCTION seg_distance_decay_exposure(t segtable, s segspace, grp bigint, variant text DEFAULT 'massey_denton', distance_unit float8 DEFAULT 1000)
RETURNS float8
AS 'MODULE_PATHNAME', 'seg_distance_decay_exposure_sp'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION seg_distance_decay_exposure(segtable, segspace, bigint, text, float8) IS
'Distance-decay exposure DPxy; variant ''massey_denton'' (exp(-d/distance_unit)), ''pysal'', ''rook'' or ''queen''';

CREATE FUNCTION seg_spatial_dissimilarity(t segtable, s segspace, grp text, standardize boolean DEFAULT false)
RETURNS float8
AS 'MODULE_PATHNAME', 'seg_spatial_dissimilarity_sp'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION seg_spatial_dissimilarity(segtable, segspace, text, boolean) IS
'Morrill''s contiguity-adjusted dissimilarity D(adj), queen contiguity';

CREATE FUNCTION seg_spatial_dissimilarity(t segtable, s segspace, grp bigint, standardize boolean DEFAULT false)
RETURNS float8
AS 'MODULE_PATHNAME', 'seg_spatial_dissimilarity_sp'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION seg_spatial_dissimilarity(segtable, segspace, bigint, boolean) IS
'Morrill''s contiguity-adjusted dissimilarity D(adj), queen contiguity';

CREATE FUNCTION seg_boundary_dissimilarity(t segtable, s segspace, grp text, standardize boolean DEFAULT false)
RETURNS float8
AS 'MODULE_PATHNAME', 'seg_boundary_dissimilarity_sp'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION seg_boundary_dissimilarity(segtable, segspace, text, boolean) IS
'Wong''s boundary-adjusted dissimilarity D(w)';

CREATE FUNCTION seg_boundary_dissimilarity(t segtable, s segspace, grp bigint, standardize boolean DEFAULT false)
RETURNS float8
AS 'MODULE_PATHNAME', 'seg_boundary_dissimilarity_sp'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION seg_boundary_dissimilarity(segtable, segspace, bigint, boolean) IS
'Wong''s boundary-adjusted dissimilarity D(w)';

CREATE FUNCTION seg_perimeter_area_dissimilarity(t segtable, s segspace, grp text)
RETURNS float8
AS 'MODULE_PATHNAME', 'seg_perimeter_area_dissimilarity_sp'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION seg_perimeter_area_dissimilarity(segtable, segspace, text) IS
'Wong''s perimeter/area-adjusted dissimilarity D(s) (full perimeter, as PySAL''s PARDissim)';

CREATE FUNCTION seg_perimeter_area_dissimilarity(t segtable, s segspace, grp bigint)
RETURNS float8
AS 'MODULE_PATHNAME', 'seg_perimeter_area_dissimilarity_sp'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION seg_perimeter_area_dissimilarity(segtable, segspace, bigint) IS
'Wong''s perimeter/area-adjusted dissimilarity D(s) (full perimeter, as PySAL''s PARDissim)';

-- Centralization: the center geometry becomes point coordinates in SQL.
CREATE FUNCTION seg_centralization_sp(t segtable, s segspace, grp text, relative boolean,
    xs float8[], ys float8[], center_srid integer, center_ok boolean)
RETURNS float8 AS 'MODULE_PATHNAME', 'seg_centralization_sp'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION seg_centralization_sp(t segtable, s segspace, grp bigint, relative boolean,
    xs float8[], ys float8[], center_srid integer, center_ok boolean)
RETURNS float8 AS 'MODULE_PATHNAME', 'seg_centralization_sp'
LANGUAGE C IMMUTABLE PARALLEL SAFE;

DO $spatial$
DECLARE
    p text := (SELECT quote_ident(n.nspname) FROM pg_catalog.pg_extension e
               JOIN pg_catalog.pg_namespace n ON n.oid = e.extnamespace
               WHERE e.extname = 'postgis');
    x text := quote_ident(current_schema());
    g text;
    f record;
BEGIN
    FOREACH g IN ARRAY ARRAY['text', 'bigint'] LOOP
        FOR f IN SELECT * FROM (VALUES
            ('seg_absolute_centralization', 'false',
             'Absolute centralization ACE; center NULL = mean of the unit centroids, a POINT, or a MULTIPOINT (nearest point)'),
            ('seg_relative_centralization', 'true',
             'Relative centralization RCE; center NULL = mean of the unit centroids, a POINT, or a MULTIPOINT (nearest point)'))
            AS v(name, rel, com)
        LOOP
            EXECUTE replace(replace(replace(replace(replace(replace($f$
CREATE FUNCTION @name@(t @x@.segtable, s @x@.segspace, grp @g@, center @p@.geometry DEFAULT NULL)
RETURNS float8
LANGUAGE sql IMMUTABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
SELECT @x@.seg_centralization_sp(t, s, grp, @rel@,
    CASE WHEN center IS NOT NULL THEN coalesce(
        (SELECT array_agg(@p@.ST_X(d.geom) ORDER BY d.path) FROM @p@.ST_DumpPoints(center) d),
        '{}') END,
    CASE WHEN center IS NOT NULL THEN coalesce(
        (SELECT array_agg(@p@.ST_Y(d.geom) ORDER BY d.path) FROM @p@.ST_DumpPoints(center) d),
        '{}') END,
    @p@.ST_SRID(center),
    @p@.GeometryType(center) IN ('POINT', 'MULTIPOINT'))
$$
$f$, '@name@', f.name), '@x@', x), '@p@', p), '@g@', g), '@rel@', f.rel), '@com@', f.com);
            EXECUTE format('COMMENT ON FUNCTION %s(%s.segtable, %s.segspace, %s, %s.geometry) IS %L',
                           f.name, x, x, g, p, f.com);
        END LOOP;
    END LOOP;
END
$spatial$;
