-- Aspatial segregation indices of a segtable (METHODOLOGY section 2), local
-- measures, and convenience aggregates over rows.  See doc/indices.md.
--
-- Group arguments come in text and bigint overloads that share one C function:
-- an integer literal or int column resolves to bigint, a quoted literal to text,
-- and either finds the group whichever key kind the table was built with.
-- A group that is not in the table is "absent everywhere": the result is NULL.

-- Dissimilarity index D ------------------------------------------------------

CREATE FUNCTION seg_dissimilarity(t segtable, grp text)
RETURNS float8
AS 'MODULE_PATHNAME', 'seg_dissimilarity_vs'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION seg_dissimilarity(segtable, text) IS
'Dissimilarity index D of group grp against all other groups; NULL if grp is absent or is everyone';

CREATE FUNCTION seg_dissimilarity(t segtable, grp bigint)
RETURNS float8
AS 'MODULE_PATHNAME', 'seg_dissimilarity_vs'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION seg_dissimilarity(segtable, bigint) IS
'Dissimilarity index D of group grp against all other groups; NULL if grp is absent or is everyone';

CREATE FUNCTION seg_dissimilarity(t segtable, grp_a text, grp_b text)
RETURNS float8
AS 'MODULE_PATHNAME', 'seg_dissimilarity_pair'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION seg_dissimilarity(segtable, text, text) IS
'Dissimilarity index D between groups grp_a and grp_b, other groups left out; NULL if either is absent';

CREATE FUNCTION seg_dissimilarity(t segtable, grp_a bigint, grp_b bigint)
RETURNS float8
AS 'MODULE_PATHNAME', 'seg_dissimilarity_pair'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION seg_dissimilarity(segtable, bigint, bigint) IS
'Dissimilarity index D between groups grp_a and grp_b, other groups left out; NULL if either is absent';

CREATE FUNCTION seg_dissimilarity(t segtable)
RETURNS float8
AS 'MODULE_PATHNAME', 'seg_dissimilarity_multi'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION seg_dissimilarity(segtable) IS
'Multigroup dissimilarity index D; NULL with fewer than two groups';

-- Gini segregation index -----------------------------------------------------

CREATE FUNCTION seg_gini(t segtable, grp text)
RETURNS float8
AS 'MODULE_PATHNAME', 'seg_gini_vs'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION seg_gini(segtable, text) IS
'Gini segregation index of group grp against all other groups; NULL if grp is absent or is everyone';

CREATE FUNCTION seg_gini(t segtable, grp bigint)
RETURNS float8
AS 'MODULE_PATHNAME', 'seg_gini_vs'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION seg_gini(segtable, bigint) IS
'Gini segregation index of group grp against all other groups; NULL if grp is absent or is everyone';

CREATE FUNCTION seg_gini(t segtable, grp_a text, grp_b text)
RETURNS float8
AS 'MODULE_PATHNAME', 'seg_gini_pair'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION seg_gini(segtable, text, text) IS
'Gini segregation index between groups grp_a and grp_b, other groups left out; NULL if either is absent';

CREATE FUNCTION seg_gini(t segtable, grp_a bigint, grp_b bigint)
RETURNS float8
AS 'MODULE_PATHNAME', 'seg_gini_pair'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION seg_gini(segtable, bigint, bigint) IS
'Gini segregation index between groups grp_a and grp_b, other groups left out; NULL if either is absent';

CREATE FUNCTION seg_gini(t segtable)
RETURNS float8
AS 'MODULE_PATHNAME', 'seg_gini_multi'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION seg_gini(segtable) IS
'Multigroup Gini segregation index; NULL with fewer than two groups';

-- Theil entropy index H ------------------------------------------------------

CREATE FUNCTION seg_entropy_index(t segtable, grp text)
RETURNS float8
AS 'MODULE_PATHNAME', 'seg_entropy_index_vs'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION seg_entropy_index(segtable, text) IS
'Theil entropy index H of group grp against all other groups; NULL if grp is absent or is everyone';

CREATE FUNCTION seg_entropy_index(t segtable, grp bigint)
RETURNS float8
AS 'MODULE_PATHNAME', 'seg_entropy_index_vs'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION seg_entropy_index(segtable, bigint) IS
'Theil entropy index H of group grp against all other groups; NULL if grp is absent or is everyone';

CREATE FUNCTION seg_entropy_index(t segtable, grp_a text, grp_b text)
RETURNS float8
AS 'MODULE_PATHNAME', 'seg_entropy_index_pair'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION seg_entropy_index(segtable, text, text) IS
'Theil entropy index H between groups grp_a and grp_b, other groups left out; NULL if either is absent';

CREATE FUNCTION seg_entropy_index(t segtable, grp_a bigint, grp_b bigint)
RETURNS float8
AS 'MODULE_PATHNAME', 'seg_entropy_index_pair'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION seg_entropy_index(segtable, bigint, bigint) IS
'Theil entropy index H between groups grp_a and grp_b, other groups left out; NULL if either is absent';

CREATE FUNCTION seg_entropy_index(t segtable)
RETURNS float8
AS 'MODULE_PATHNAME', 'seg_entropy_index_multi'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION seg_entropy_index(segtable) IS
'Multigroup Theil entropy index H; NULL with fewer than two groups';

-- Mutual information -------------------------------------------------------

CREATE FUNCTION seg_mutual_information(t segtable)
RETURNS float8
AS 'MODULE_PATHNAME', 'seg_mutual_information_multi'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION seg_mutual_information(segtable) IS
'Mutual information index M (natural log); 0 with one group';

-- Exposure family ----------------------------------------------------------

CREATE FUNCTION seg_isolation(t segtable, grp text)
RETURNS float8
AS 'MODULE_PATHNAME', 'seg_isolation_vs'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION seg_isolation(segtable, text) IS
'Isolation index xPx of group grp; NULL if grp is absent';

CREATE FUNCTION seg_isolation(t segtable, grp bigint)
RETURNS float8
AS 'MODULE_PATHNAME', 'seg_isolation_vs'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION seg_isolation(segtable, bigint) IS
'Isolation index xPx of group grp; NULL if grp is absent';

CREATE FUNCTION seg_exposure(t segtable, grp_a text, grp_b text)
RETURNS float8
AS 'MODULE_PATHNAME', 'seg_exposure_pair'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION seg_exposure(segtable, text, text) IS
'Exposure aPb of group grp_a to group grp_b (unit totals over all groups); NULL if either is absent';

CREATE FUNCTION seg_exposure(t segtable, grp_a bigint, grp_b bigint)
RETURNS float8
AS 'MODULE_PATHNAME', 'seg_exposure_pair'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION seg_exposure(segtable, bigint, bigint) IS
'Exposure aPb of group grp_a to group grp_b (unit totals over all groups); NULL if either is absent';

CREATE FUNCTION seg_exposure(t segtable, grp text)
RETURNS float8
AS 'MODULE_PATHNAME', 'seg_exposure_vs'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION seg_exposure(segtable, text) IS
'Exposure xPy of group grp to all other groups (interaction index); NULL if grp is absent';

CREATE FUNCTION seg_exposure(t segtable, grp bigint)
RETURNS float8
AS 'MODULE_PATHNAME', 'seg_exposure_vs'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION seg_exposure(segtable, bigint) IS
'Exposure xPy of group grp to all other groups (interaction index); NULL if grp is absent';

CREATE FUNCTION seg_correlation_ratio(t segtable, grp text)
RETURNS float8
AS 'MODULE_PATHNAME', 'seg_correlation_ratio_vs'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION seg_correlation_ratio(segtable, text) IS
'Correlation ratio V = (xPx - P) / (1 - P) of group grp; NULL if grp is absent or is everyone';

CREATE FUNCTION seg_correlation_ratio(t segtable, grp bigint)
RETURNS float8
AS 'MODULE_PATHNAME', 'seg_correlation_ratio_vs'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION seg_correlation_ratio(segtable, bigint) IS
'Correlation ratio V = (xPx - P) / (1 - P) of group grp; NULL if grp is absent or is everyone';

-- Atkinson and Hutchens ----------------------------------------------------

CREATE FUNCTION seg_atkinson(t segtable, grp text, b float8 DEFAULT 0.5)
RETURNS float8
AS 'MODULE_PATHNAME', 'seg_atkinson_vs'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION seg_atkinson(segtable, text, float8) IS
'Atkinson index of group grp with shape parameter 0 < b < 1; NULL if grp is absent or is everyone';

CREATE FUNCTION seg_atkinson(t segtable, grp bigint, b float8 DEFAULT 0.5)
RETURNS float8
AS 'MODULE_PATHNAME', 'seg_atkinson_vs'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION seg_atkinson(segtable, bigint, float8) IS
'Atkinson index of group grp with shape parameter 0 < b < 1; NULL if grp is absent or is everyone';

CREATE FUNCTION seg_hutchens(t segtable, grp text)
RETURNS float8
AS 'MODULE_PATHNAME', 'seg_hutchens_vs'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION seg_hutchens(segtable, text) IS
'Hutchens square root index of group grp; NULL if grp is absent or is everyone';

CREATE FUNCTION seg_hutchens(t segtable, grp bigint)
RETURNS float8
AS 'MODULE_PATHNAME', 'seg_hutchens_vs'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION seg_hutchens(segtable, bigint) IS
'Hutchens square root index of group grp; NULL if grp is absent or is everyone';

-- Multigroup evenness and diversity ---------------------------------------

CREATE FUNCTION seg_normalized_exposure(t segtable)
RETURNS float8
AS 'MODULE_PATHNAME', 'seg_normalized_exposure'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION seg_normalized_exposure(segtable) IS
'Multigroup normalized exposure; NULL with fewer than two groups';

CREATE FUNCTION seg_relative_diversity(t segtable)
RETURNS float8
AS 'MODULE_PATHNAME', 'seg_relative_diversity'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION seg_relative_diversity(segtable) IS
'Relative diversity index; NULL with fewer than two groups';

CREATE FUNCTION seg_squared_cv(t segtable)
RETURNS float8
AS 'MODULE_PATHNAME', 'seg_squared_cv'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION seg_squared_cv(segtable) IS
'Squared coefficient of variation; NULL with fewer than two groups';

CREATE FUNCTION seg_diversity(t segtable, normalized bool DEFAULT false)
RETURNS float8
AS 'MODULE_PATHNAME', 'seg_diversity'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION seg_diversity(segtable, bool) IS
'Entropy of the group shares (natural log), divided by ln K when normalized';

CREATE FUNCTION seg_simpson_concentration(t segtable)
RETURNS float8
AS 'MODULE_PATHNAME', 'seg_simpson_concentration'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION seg_simpson_concentration(segtable) IS
'Simpson concentration: sum of squared group shares';

CREATE FUNCTION seg_simpson_interaction(t segtable)
RETURNS float8
AS 'MODULE_PATHNAME', 'seg_simpson_interaction'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION seg_simpson_interaction(segtable) IS
'Simpson interaction: 1 - sum of squared group shares';

-- Local measures -----------------------------------------------------------

CREATE FUNCTION seg_local(t segtable, normalized bool DEFAULT false)
RETURNS TABLE (unit text, grp text, count float8, share float8,
               location_quotient float8, local_entropy float8)
AS 'MODULE_PATHNAME', 'seg_local'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION seg_local(segtable, bool) IS
'Per unit and group: count, share of the group in the unit, location quotient, and the unit''s entropy (/ ln K when normalized)';

CREATE FUNCTION seg_local_scores(t segtable)
RETURNS TABLE (grp text, share float8, score float8)
AS 'MODULE_PATHNAME', 'seg_local_scores'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION seg_local_scores(segtable) IS
'Per group: its share of the population and its local segregation score; sum(share * score) = seg_mutual_information(t)';
