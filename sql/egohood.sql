-- Egohoods (METHODOLOGY section 4.7): a segtable whose every unit holds the
-- population of its surroundings, so every aspatial index and local measure
-- becomes a spatial one; and Folch and Rey's local relative centralization.
-- See doc/egohood.md.  Plain numbers from a segspace: no PostGIS call here.

-- Kernel egohoods ---------------------------------------------------------------

CREATE FUNCTION seg_egohood(t segtable, s segspace, bandwidth float8,
                            kernel text DEFAULT 'triangular', round bool DEFAULT false)
RETURNS segtable
AS 'MODULE_PATHNAME', 'seg_egohood'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION seg_egohood(segtable, segspace, float8, text, bool) IS
'Kernel egohood table: each populated unit''s counts replaced by the kernel-weighted sum over the units whose centroid lies within bandwidth (self-weight 1)';

CREATE FUNCTION seg_egohood_counts(t segtable, s segspace, bandwidth float8,
                                   kernel text DEFAULT 'triangular', round bool DEFAULT false)
RETURNS TABLE (unit text, grp text, count float8)
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$ SELECT c.unit, c.grp, c.n FROM @extschema@.seg_cells(@extschema@.seg_egohood(t, s, bandwidth, kernel, round)) c $$;

COMMENT ON FUNCTION seg_egohood_counts(segtable, segspace, float8, text, bool) IS
'The kernel egohood table as rows (unit, grp, count): build once over a whole region, then GROUP BY any partition of the units';

CREATE FUNCTION seg_egohood_profile(t segtable, s segspace, bandwidths float8[],
                                    kernel text DEFAULT 'triangular', round bool DEFAULT false)
RETURNS TABLE (scale float8, egohood segtable)
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
  SELECT 0::float8, t
  UNION ALL
  SELECT b, @extschema@.seg_egohood(t, s, b, kernel, round)
  FROM (SELECT DISTINCT b FROM unnest(bandwidths) b WHERE b IS NOT NULL) bs
  ORDER BY 1
$$;

COMMENT ON FUNCTION seg_egohood_profile(segtable, segspace, float8[], text, bool) IS
'Multiscalar profile: one row per distinct bandwidth (ascending) with its egohood table, plus scale 0 = the table itself; apply any index to the egohood column';

-- k-nearest-population egohoods ---------------------------------------------

CREATE FUNCTION seg_egohood_knn(t segtable, s segspace, population float8)
RETURNS segtable
AS 'MODULE_PATHNAME', 'seg_egohood_knn'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION seg_egohood_knn(segtable, segspace, float8) IS
'k-nearest-population egohood table (EquiPop): each populated unit''s counts replaced by those of the population persons nearest to it, itself first, the last block of equally distant units taken fractionally';

CREATE FUNCTION seg_egohood_knn_counts(t segtable, s segspace, population float8)
RETURNS TABLE (unit text, grp text, count float8)
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$ SELECT c.unit, c.grp, c.n FROM @extschema@.seg_cells(@extschema@.seg_egohood_knn(t, s, population)) c $$;

COMMENT ON FUNCTION seg_egohood_knn_counts(segtable, segspace, float8) IS
'The k-nearest-population egohood table as rows (unit, grp, count)';

CREATE FUNCTION seg_egohood_knn_profile(t segtable, s segspace, populations float8[])
RETURNS TABLE (scale float8, egohood segtable)
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
  SELECT 0::float8, t
  UNION ALL
  SELECT k, @extschema@.seg_egohood_knn(t, s, k)
  FROM (SELECT DISTINCT k FROM unnest(populations) k WHERE k IS NOT NULL) ks
  ORDER BY 1
$$;

COMMENT ON FUNCTION seg_egohood_knn_profile(segtable, segspace, float8[]) IS
'Multiscalar profile over population thresholds: one row per distinct threshold (ascending) with its egohood table, plus scale 0 = the table itself';

-- Folch and Rey's local relative centralization ----------------------------------

CREATE FUNCTION seg_local_relative_centralization(t segtable, s segspace, grp text,
                                                  k integer DEFAULT 5)
RETURNS TABLE (unit text, lrc float8)
AS 'MODULE_PATHNAME', 'seg_local_relative_centralization'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION seg_local_relative_centralization(segtable, segspace, text, integer) IS
'Per unit: relative centralization of grp against the rest over the unit and its k nearest other units, centred on its centroid (Folch and Rey 2016); NULL if either side is absent there';

CREATE FUNCTION seg_local_relative_centralization(t segtable, s segspace, grp bigint,
                                                  k integer DEFAULT 5)
RETURNS TABLE (unit text, lrc float8)
AS 'MODULE_PATHNAME', 'seg_local_relative_centralization'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION seg_local_relative_centralization(segtable, segspace, bigint, integer) IS
'Per unit: relative centralization of grp against the rest over the unit and its k nearest other units, centred on its centroid (Folch and Rey 2016); NULL if either side is absent there';
