
-- segspace: the spatial layout of a set of units -----------------------------
-- (src/segspace.c; byte layout documented there; doc/segspace.md)

CREATE TYPE segspace;

CREATE FUNCTION segspace_in(cstring) RETURNS segspace
AS 'MODULE_PATHNAME', 'segspace_in' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION segspace_out(segspace) RETURNS cstring
AS 'MODULE_PATHNAME', 'segspace_out' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION segspace_recv(internal) RETURNS segspace
AS 'MODULE_PATHNAME', 'segspace_recv' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION segspace_send(segspace) RETURNS bytea
AS 'MODULE_PATHNAME', 'segspace_send' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE TYPE segspace (
    INPUT = segspace_in,
    OUTPUT = segspace_out,
    RECEIVE = segspace_recv,
    SEND = segspace_send,
    INTERNALLENGTH = VARIABLE,
    STORAGE = extended
);

COMMENT ON TYPE segspace IS
'Spatial layout of units: area, centroid, perimeter and contiguity edges per unit';

CREATE FUNCTION segspace(bytea) RETURNS segspace
AS 'MODULE_PATHNAME', 'segspace_from_bytea' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION segspace(bytea) IS
'segspace from its portable binary form (validated)';

CREATE CAST (bytea AS segspace) WITH FUNCTION segspace(bytea);
CREATE CAST (segspace AS bytea) WITH FUNCTION segspace_send(segspace);

-- Aggregate machinery ---------------------------------------------------------

CREATE FUNCTION segspace_combine(internal, internal) RETURNS internal
AS 'MODULE_PATHNAME', 'segspace_combine' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION segspace_serialize(internal) RETURNS bytea
AS 'MODULE_PATHNAME', 'segspace_serialize' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION segspace_deserialize(bytea, internal) RETURNS internal
AS 'MODULE_PATHNAME', 'segspace_deserialize' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION segspace_final(internal) RETURNS segspace
AS 'MODULE_PATHNAME', 'segspace_final' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION segspace_merge_sfunc(internal, segspace) RETURNS internal
AS 'MODULE_PATHNAME', 'segspace_merge_sfunc' LANGUAGE C IMMUTABLE PARALLEL SAFE;

CREATE AGGREGATE seg_merge(segspace) (
    SFUNC = segspace_merge_sfunc, STYPE = internal, FINALFUNC = segspace_final,
    COMBINEFUNC = segspace_combine, SERIALFUNC = segspace_serialize,
    DESERIALFUNC = segspace_deserialize, PARALLEL = SAFE);
COMMENT ON AGGREGATE seg_merge(segspace) IS
'One segspace from layouts built per part; edges between parts are found again';

-- The geometry side: PostGIS is called schema-qualified from SQL wrappers; PG15
-- has no @extschema:postgis@, so the texts are EXECUTEd with PostGIS's schema.
DO $segspace$
DECLARE
    p text := (SELECT quote_ident(n.nspname) FROM pg_catalog.pg_extension e
               JOIN pg_catalog.pg_namespace n ON n.oid = e.extnamespace
               WHERE e.extname = 'postgis');
    ddl text;
BEGIN
    IF p IS NULL THEN
        RAISE EXCEPTION 'segindex requires the postgis extension';
    END IF;
    FOREACH ddl IN ARRAY ARRAY[
$f$
CREATE FUNCTION segspace_srid_is_geographic(srid integer) RETURNS boolean
LANGUAGE sql STABLE STRICT PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
SELECT coalesce((SELECT s.proj4text LIKE '%+proj=longlat%' OR s.srtext LIKE 'GEOGCS%'
                        OR s.srtext LIKE 'GEOGCRS%'
                 FROM @p@.spatial_ref_sys s WHERE s.srid = $1 LIMIT 1), false)
$$
$f$,
$f$
CREATE FUNCTION segspace_sfunc(internal, bigint, @p@.geometry) RETURNS internal
AS 'MODULE_PATHNAME', 'segspace_sfunc' LANGUAGE C IMMUTABLE PARALLEL SAFE
$f$,
$f$
CREATE FUNCTION segspace_sfunc(internal, text, @p@.geometry) RETURNS internal
AS 'MODULE_PATHNAME', 'segspace_sfunc' LANGUAGE C IMMUTABLE PARALLEL SAFE
$f$,
$f$
CREATE AGGREGATE segspace(unit bigint, geom @p@.geometry) (
    SFUNC = segspace_sfunc, STYPE = internal, FINALFUNC = segspace_final,
    COMBINEFUNC = segspace_combine, SERIALFUNC = segspace_serialize,
    DESERIALFUNC = segspace_deserialize, PARALLEL = SAFE)
$f$,
$f$
CREATE AGGREGATE segspace(unit text, geom @p@.geometry) (
    SFUNC = segspace_sfunc, STYPE = internal, FINALFUNC = segspace_final,
    COMBINEFUNC = segspace_combine, SERIALFUNC = segspace_serialize,
    DESERIALFUNC = segspace_deserialize, PARALLEL = SAFE)
$f$,
$f$
COMMENT ON AGGREGATE segspace(bigint, @p@.geometry) IS
'Spatial layout of polygon units (integer keys): areas, centroids, perimeters, contiguity'
$f$,
$f$
COMMENT ON AGGREGATE segspace(text, @p@.geometry) IS
'Spatial layout of polygon units (text keys): areas, centroids, perimeters, contiguity'
$f$]
    LOOP
        EXECUTE replace(ddl, '@p@', p);
    END LOOP;
END
$segspace$;

-- Accessors -------------------------------------------------------------------

CREATE FUNCTION seg_layout_nunits(segspace) RETURNS integer
AS 'MODULE_PATHNAME', 'seg_layout_nunits' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION seg_layout_nunits(segspace) IS 'Number of units of a layout';

CREATE FUNCTION seg_nedges(segspace) RETURNS integer
AS 'MODULE_PATHNAME', 'seg_nedges' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION seg_nedges(segspace) IS
'Number of contiguity (queen) edges, each unordered pair once';

CREATE FUNCTION seg_srid(segspace) RETURNS integer
AS 'MODULE_PATHNAME', 'seg_srid' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION seg_srid(segspace) IS 'SRID of the geometries a layout was built from';

CREATE FUNCTION seg_is_geographic(segspace) RETURNS boolean
AS 'MODULE_PATHNAME', 'seg_is_geographic' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION seg_is_geographic(segspace) IS
'True when the layout''s SRID is geographic (lon/lat)';

CREATE FUNCTION seg_has_contiguity(segspace) RETURNS boolean
AS 'MODULE_PATHNAME', 'seg_has_contiguity' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION seg_has_contiguity(segspace) IS
'True when the layout holds its contiguity edges (always, for built values)';

CREATE FUNCTION seg_layout(s segspace, OUT unit text, OUT area float8,
                           OUT cx float8, OUT cy float8, OUT perimeter float8)
RETURNS SETOF record
AS 'MODULE_PATHNAME', 'seg_layout' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION seg_layout(segspace) IS
'Per unit, in key order: area, centroid and perimeter';

CREATE FUNCTION seg_edges(s segspace, OUT unit_a text, OUT unit_b text,
                          OUT rook boolean, OUT length float8)
RETURNS SETOF record
AS 'MODULE_PATHNAME', 'seg_edges' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION seg_edges(segspace) IS
'Contiguity edges, each pair once (unit_a before unit_b in key order): rook flag, shared boundary length';
