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

-- Convenience aggregates over rows --------------------------------------------
-- The segtable() aggregate (its transition, combine, serialize and deserialize
-- functions) with a measure as final function.  (unit, grp [, weight]) gives
-- the multigroup index over the groups in the rows; (unit, in_group boolean
-- [, weight]) the rows where in_group is true against the rest.  Units and
-- groups are text or bigint like segtable(); aggregates cannot have defaults,
-- hence the two arities.

CREATE FUNCTION seg_member_sfunc(internal, text, boolean)
RETURNS internal AS 'MODULE_PATHNAME', 'seg_member_sfunc'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION seg_member_sfunc(internal, text, boolean, float8)
RETURNS internal AS 'MODULE_PATHNAME', 'seg_member_sfunc'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION seg_member_sfunc(internal, bigint, boolean)
RETURNS internal AS 'MODULE_PATHNAME', 'seg_member_sfunc'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION seg_member_sfunc(internal, bigint, boolean, float8)
RETURNS internal AS 'MODULE_PATHNAME', 'seg_member_sfunc'
LANGUAGE C IMMUTABLE PARALLEL SAFE;

CREATE FUNCTION seg_dissimilarity_final(internal)
RETURNS float8 AS 'MODULE_PATHNAME', 'seg_dissimilarity_final'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION seg_entropy_index_final(internal)
RETURNS float8 AS 'MODULE_PATHNAME', 'seg_entropy_index_final'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION seg_mutual_information_final(internal)
RETURNS float8 AS 'MODULE_PATHNAME', 'seg_mutual_information_final'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION seg_member_isolation_final(internal)
RETURNS float8 AS 'MODULE_PATHNAME', 'seg_member_isolation_final'
LANGUAGE C IMMUTABLE PARALLEL SAFE;

-- seg_dissimilarity over rows

CREATE AGGREGATE seg_dissimilarity(unit text, grp text) (
    SFUNC = segtable_sfunc, STYPE = internal, FINALFUNC = seg_dissimilarity_final,
    COMBINEFUNC = segtable_combine, SERIALFUNC = segtable_serialize,
    DESERIALFUNC = segtable_deserialize, PARALLEL = SAFE);
COMMENT ON AGGREGATE seg_dissimilarity(text, text) IS
'Dissimilarity index D of long-form rows: multigroup over the groups present (two-group with two)';

CREATE AGGREGATE seg_dissimilarity(unit text, grp text, weight float8) (
    SFUNC = segtable_sfunc, STYPE = internal, FINALFUNC = seg_dissimilarity_final,
    COMBINEFUNC = segtable_combine, SERIALFUNC = segtable_serialize,
    DESERIALFUNC = segtable_deserialize, PARALLEL = SAFE);
COMMENT ON AGGREGATE seg_dissimilarity(text, text, float8) IS
'Dissimilarity index D of long-form rows: multigroup over the groups present (two-group with two)';

CREATE AGGREGATE seg_dissimilarity(unit text, grp bigint) (
    SFUNC = segtable_sfunc, STYPE = internal, FINALFUNC = seg_dissimilarity_final,
    COMBINEFUNC = segtable_combine, SERIALFUNC = segtable_serialize,
    DESERIALFUNC = segtable_deserialize, PARALLEL = SAFE);
COMMENT ON AGGREGATE seg_dissimilarity(text, bigint) IS
'Dissimilarity index D of long-form rows: multigroup over the groups present (two-group with two)';

CREATE AGGREGATE seg_dissimilarity(unit text, grp bigint, weight float8) (
    SFUNC = segtable_sfunc, STYPE = internal, FINALFUNC = seg_dissimilarity_final,
    COMBINEFUNC = segtable_combine, SERIALFUNC = segtable_serialize,
    DESERIALFUNC = segtable_deserialize, PARALLEL = SAFE);
COMMENT ON AGGREGATE seg_dissimilarity(text, bigint, float8) IS
'Dissimilarity index D of long-form rows: multigroup over the groups present (two-group with two)';

CREATE AGGREGATE seg_dissimilarity(unit bigint, grp text) (
    SFUNC = segtable_sfunc, STYPE = internal, FINALFUNC = seg_dissimilarity_final,
    COMBINEFUNC = segtable_combine, SERIALFUNC = segtable_serialize,
    DESERIALFUNC = segtable_deserialize, PARALLEL = SAFE);
COMMENT ON AGGREGATE seg_dissimilarity(bigint, text) IS
'Dissimilarity index D of long-form rows: multigroup over the groups present (two-group with two)';

CREATE AGGREGATE seg_dissimilarity(unit bigint, grp text, weight float8) (
    SFUNC = segtable_sfunc, STYPE = internal, FINALFUNC = seg_dissimilarity_final,
    COMBINEFUNC = segtable_combine, SERIALFUNC = segtable_serialize,
    DESERIALFUNC = segtable_deserialize, PARALLEL = SAFE);
COMMENT ON AGGREGATE seg_dissimilarity(bigint, text, float8) IS
'Dissimilarity index D of long-form rows: multigroup over the groups present (two-group with two)';

CREATE AGGREGATE seg_dissimilarity(unit bigint, grp bigint) (
    SFUNC = segtable_sfunc, STYPE = internal, FINALFUNC = seg_dissimilarity_final,
    COMBINEFUNC = segtable_combine, SERIALFUNC = segtable_serialize,
    DESERIALFUNC = segtable_deserialize, PARALLEL = SAFE);
COMMENT ON AGGREGATE seg_dissimilarity(bigint, bigint) IS
'Dissimilarity index D of long-form rows: multigroup over the groups present (two-group with two)';

CREATE AGGREGATE seg_dissimilarity(unit bigint, grp bigint, weight float8) (
    SFUNC = segtable_sfunc, STYPE = internal, FINALFUNC = seg_dissimilarity_final,
    COMBINEFUNC = segtable_combine, SERIALFUNC = segtable_serialize,
    DESERIALFUNC = segtable_deserialize, PARALLEL = SAFE);
COMMENT ON AGGREGATE seg_dissimilarity(bigint, bigint, float8) IS
'Dissimilarity index D of long-form rows: multigroup over the groups present (two-group with two)';

CREATE AGGREGATE seg_dissimilarity(unit text, in_group boolean) (
    SFUNC = seg_member_sfunc, STYPE = internal, FINALFUNC = seg_dissimilarity_final,
    COMBINEFUNC = segtable_combine, SERIALFUNC = segtable_serialize,
    DESERIALFUNC = segtable_deserialize, PARALLEL = SAFE);
COMMENT ON AGGREGATE seg_dissimilarity(text, boolean) IS
'Dissimilarity index D of long-form rows: rows with in_group true against the rest';

CREATE AGGREGATE seg_dissimilarity(unit text, in_group boolean, weight float8) (
    SFUNC = seg_member_sfunc, STYPE = internal, FINALFUNC = seg_dissimilarity_final,
    COMBINEFUNC = segtable_combine, SERIALFUNC = segtable_serialize,
    DESERIALFUNC = segtable_deserialize, PARALLEL = SAFE);
COMMENT ON AGGREGATE seg_dissimilarity(text, boolean, float8) IS
'Dissimilarity index D of long-form rows: rows with in_group true against the rest';

CREATE AGGREGATE seg_dissimilarity(unit bigint, in_group boolean) (
    SFUNC = seg_member_sfunc, STYPE = internal, FINALFUNC = seg_dissimilarity_final,
    COMBINEFUNC = segtable_combine, SERIALFUNC = segtable_serialize,
    DESERIALFUNC = segtable_deserialize, PARALLEL = SAFE);
COMMENT ON AGGREGATE seg_dissimilarity(bigint, boolean) IS
'Dissimilarity index D of long-form rows: rows with in_group true against the rest';

CREATE AGGREGATE seg_dissimilarity(unit bigint, in_group boolean, weight float8) (
    SFUNC = seg_member_sfunc, STYPE = internal, FINALFUNC = seg_dissimilarity_final,
    COMBINEFUNC = segtable_combine, SERIALFUNC = segtable_serialize,
    DESERIALFUNC = segtable_deserialize, PARALLEL = SAFE);
COMMENT ON AGGREGATE seg_dissimilarity(bigint, boolean, float8) IS
'Dissimilarity index D of long-form rows: rows with in_group true against the rest';

-- seg_entropy_index over rows

CREATE AGGREGATE seg_entropy_index(unit text, grp text) (
    SFUNC = segtable_sfunc, STYPE = internal, FINALFUNC = seg_entropy_index_final,
    COMBINEFUNC = segtable_combine, SERIALFUNC = segtable_serialize,
    DESERIALFUNC = segtable_deserialize, PARALLEL = SAFE);
COMMENT ON AGGREGATE seg_entropy_index(text, text) IS
'Theil entropy index H of long-form rows: multigroup over the groups present (two-group with two)';

CREATE AGGREGATE seg_entropy_index(unit text, grp text, weight float8) (
    SFUNC = segtable_sfunc, STYPE = internal, FINALFUNC = seg_entropy_index_final,
    COMBINEFUNC = segtable_combine, SERIALFUNC = segtable_serialize,
    DESERIALFUNC = segtable_deserialize, PARALLEL = SAFE);
COMMENT ON AGGREGATE seg_entropy_index(text, text, float8) IS
'Theil entropy index H of long-form rows: multigroup over the groups present (two-group with two)';

CREATE AGGREGATE seg_entropy_index(unit text, grp bigint) (
    SFUNC = segtable_sfunc, STYPE = internal, FINALFUNC = seg_entropy_index_final,
    COMBINEFUNC = segtable_combine, SERIALFUNC = segtable_serialize,
    DESERIALFUNC = segtable_deserialize, PARALLEL = SAFE);
COMMENT ON AGGREGATE seg_entropy_index(text, bigint) IS
'Theil entropy index H of long-form rows: multigroup over the groups present (two-group with two)';

CREATE AGGREGATE seg_entropy_index(unit text, grp bigint, weight float8) (
    SFUNC = segtable_sfunc, STYPE = internal, FINALFUNC = seg_entropy_index_final,
    COMBINEFUNC = segtable_combine, SERIALFUNC = segtable_serialize,
    DESERIALFUNC = segtable_deserialize, PARALLEL = SAFE);
COMMENT ON AGGREGATE seg_entropy_index(text, bigint, float8) IS
'Theil entropy index H of long-form rows: multigroup over the groups present (two-group with two)';

CREATE AGGREGATE seg_entropy_index(unit bigint, grp text) (
    SFUNC = segtable_sfunc, STYPE = internal, FINALFUNC = seg_entropy_index_final,
    COMBINEFUNC = segtable_combine, SERIALFUNC = segtable_serialize,
    DESERIALFUNC = segtable_deserialize, PARALLEL = SAFE);
COMMENT ON AGGREGATE seg_entropy_index(bigint, text) IS
'Theil entropy index H of long-form rows: multigroup over the groups present (two-group with two)';

CREATE AGGREGATE seg_entropy_index(unit bigint, grp text, weight float8) (
    SFUNC = segtable_sfunc, STYPE = internal, FINALFUNC = seg_entropy_index_final,
    COMBINEFUNC = segtable_combine, SERIALFUNC = segtable_serialize,
    DESERIALFUNC = segtable_deserialize, PARALLEL = SAFE);
COMMENT ON AGGREGATE seg_entropy_index(bigint, text, float8) IS
'Theil entropy index H of long-form rows: multigroup over the groups present (two-group with two)';

CREATE AGGREGATE seg_entropy_index(unit bigint, grp bigint) (
    SFUNC = segtable_sfunc, STYPE = internal, FINALFUNC = seg_entropy_index_final,
    COMBINEFUNC = segtable_combine, SERIALFUNC = segtable_serialize,
    DESERIALFUNC = segtable_deserialize, PARALLEL = SAFE);
COMMENT ON AGGREGATE seg_entropy_index(bigint, bigint) IS
'Theil entropy index H of long-form rows: multigroup over the groups present (two-group with two)';

CREATE AGGREGATE seg_entropy_index(unit bigint, grp bigint, weight float8) (
    SFUNC = segtable_sfunc, STYPE = internal, FINALFUNC = seg_entropy_index_final,
    COMBINEFUNC = segtable_combine, SERIALFUNC = segtable_serialize,
    DESERIALFUNC = segtable_deserialize, PARALLEL = SAFE);
COMMENT ON AGGREGATE seg_entropy_index(bigint, bigint, float8) IS
'Theil entropy index H of long-form rows: multigroup over the groups present (two-group with two)';

CREATE AGGREGATE seg_entropy_index(unit text, in_group boolean) (
    SFUNC = seg_member_sfunc, STYPE = internal, FINALFUNC = seg_entropy_index_final,
    COMBINEFUNC = segtable_combine, SERIALFUNC = segtable_serialize,
    DESERIALFUNC = segtable_deserialize, PARALLEL = SAFE);
COMMENT ON AGGREGATE seg_entropy_index(text, boolean) IS
'Theil entropy index H of long-form rows: rows with in_group true against the rest';

CREATE AGGREGATE seg_entropy_index(unit text, in_group boolean, weight float8) (
    SFUNC = seg_member_sfunc, STYPE = internal, FINALFUNC = seg_entropy_index_final,
    COMBINEFUNC = segtable_combine, SERIALFUNC = segtable_serialize,
    DESERIALFUNC = segtable_deserialize, PARALLEL = SAFE);
COMMENT ON AGGREGATE seg_entropy_index(text, boolean, float8) IS
'Theil entropy index H of long-form rows: rows with in_group true against the rest';

CREATE AGGREGATE seg_entropy_index(unit bigint, in_group boolean) (
    SFUNC = seg_member_sfunc, STYPE = internal, FINALFUNC = seg_entropy_index_final,
    COMBINEFUNC = segtable_combine, SERIALFUNC = segtable_serialize,
    DESERIALFUNC = segtable_deserialize, PARALLEL = SAFE);
COMMENT ON AGGREGATE seg_entropy_index(bigint, boolean) IS
'Theil entropy index H of long-form rows: rows with in_group true against the rest';

CREATE AGGREGATE seg_entropy_index(unit bigint, in_group boolean, weight float8) (
    SFUNC = seg_member_sfunc, STYPE = internal, FINALFUNC = seg_entropy_index_final,
    COMBINEFUNC = segtable_combine, SERIALFUNC = segtable_serialize,
    DESERIALFUNC = segtable_deserialize, PARALLEL = SAFE);
COMMENT ON AGGREGATE seg_entropy_index(bigint, boolean, float8) IS
'Theil entropy index H of long-form rows: rows with in_group true against the rest';

-- seg_mutual_information over rows

CREATE AGGREGATE seg_mutual_information(unit text, grp text) (
    SFUNC = segtable_sfunc, STYPE = internal, FINALFUNC = seg_mutual_information_final,
    COMBINEFUNC = segtable_combine, SERIALFUNC = segtable_serialize,
    DESERIALFUNC = segtable_deserialize, PARALLEL = SAFE);
COMMENT ON AGGREGATE seg_mutual_information(text, text) IS
'Mutual information index M of long-form rows';

CREATE AGGREGATE seg_mutual_information(unit text, grp text, weight float8) (
    SFUNC = segtable_sfunc, STYPE = internal, FINALFUNC = seg_mutual_information_final,
    COMBINEFUNC = segtable_combine, SERIALFUNC = segtable_serialize,
    DESERIALFUNC = segtable_deserialize, PARALLEL = SAFE);
COMMENT ON AGGREGATE seg_mutual_information(text, text, float8) IS
'Mutual information index M of long-form rows';

CREATE AGGREGATE seg_mutual_information(unit text, grp bigint) (
    SFUNC = segtable_sfunc, STYPE = internal, FINALFUNC = seg_mutual_information_final,
    COMBINEFUNC = segtable_combine, SERIALFUNC = segtable_serialize,
    DESERIALFUNC = segtable_deserialize, PARALLEL = SAFE);
COMMENT ON AGGREGATE seg_mutual_information(text, bigint) IS
'Mutual information index M of long-form rows';

CREATE AGGREGATE seg_mutual_information(unit text, grp bigint, weight float8) (
    SFUNC = segtable_sfunc, STYPE = internal, FINALFUNC = seg_mutual_information_final,
    COMBINEFUNC = segtable_combine, SERIALFUNC = segtable_serialize,
    DESERIALFUNC = segtable_deserialize, PARALLEL = SAFE);
COMMENT ON AGGREGATE seg_mutual_information(text, bigint, float8) IS
'Mutual information index M of long-form rows';

CREATE AGGREGATE seg_mutual_information(unit bigint, grp text) (
    SFUNC = segtable_sfunc, STYPE = internal, FINALFUNC = seg_mutual_information_final,
    COMBINEFUNC = segtable_combine, SERIALFUNC = segtable_serialize,
    DESERIALFUNC = segtable_deserialize, PARALLEL = SAFE);
COMMENT ON AGGREGATE seg_mutual_information(bigint, text) IS
'Mutual information index M of long-form rows';

CREATE AGGREGATE seg_mutual_information(unit bigint, grp text, weight float8) (
    SFUNC = segtable_sfunc, STYPE = internal, FINALFUNC = seg_mutual_information_final,
    COMBINEFUNC = segtable_combine, SERIALFUNC = segtable_serialize,
    DESERIALFUNC = segtable_deserialize, PARALLEL = SAFE);
COMMENT ON AGGREGATE seg_mutual_information(bigint, text, float8) IS
'Mutual information index M of long-form rows';

CREATE AGGREGATE seg_mutual_information(unit bigint, grp bigint) (
    SFUNC = segtable_sfunc, STYPE = internal, FINALFUNC = seg_mutual_information_final,
    COMBINEFUNC = segtable_combine, SERIALFUNC = segtable_serialize,
    DESERIALFUNC = segtable_deserialize, PARALLEL = SAFE);
COMMENT ON AGGREGATE seg_mutual_information(bigint, bigint) IS
'Mutual information index M of long-form rows';

CREATE AGGREGATE seg_mutual_information(unit bigint, grp bigint, weight float8) (
    SFUNC = segtable_sfunc, STYPE = internal, FINALFUNC = seg_mutual_information_final,
    COMBINEFUNC = segtable_combine, SERIALFUNC = segtable_serialize,
    DESERIALFUNC = segtable_deserialize, PARALLEL = SAFE);
COMMENT ON AGGREGATE seg_mutual_information(bigint, bigint, float8) IS
'Mutual information index M of long-form rows';

-- seg_isolation over rows

CREATE AGGREGATE seg_isolation(unit text, in_group boolean) (
    SFUNC = seg_member_sfunc, STYPE = internal, FINALFUNC = seg_member_isolation_final,
    COMBINEFUNC = segtable_combine, SERIALFUNC = segtable_serialize,
    DESERIALFUNC = segtable_deserialize, PARALLEL = SAFE);
COMMENT ON AGGREGATE seg_isolation(text, boolean) IS
'Isolation index xPx of long-form rows: of the rows with in_group true';

CREATE AGGREGATE seg_isolation(unit text, in_group boolean, weight float8) (
    SFUNC = seg_member_sfunc, STYPE = internal, FINALFUNC = seg_member_isolation_final,
    COMBINEFUNC = segtable_combine, SERIALFUNC = segtable_serialize,
    DESERIALFUNC = segtable_deserialize, PARALLEL = SAFE);
COMMENT ON AGGREGATE seg_isolation(text, boolean, float8) IS
'Isolation index xPx of long-form rows: of the rows with in_group true';

CREATE AGGREGATE seg_isolation(unit bigint, in_group boolean) (
    SFUNC = seg_member_sfunc, STYPE = internal, FINALFUNC = seg_member_isolation_final,
    COMBINEFUNC = segtable_combine, SERIALFUNC = segtable_serialize,
    DESERIALFUNC = segtable_deserialize, PARALLEL = SAFE);
COMMENT ON AGGREGATE seg_isolation(bigint, boolean) IS
'Isolation index xPx of long-form rows: of the rows with in_group true';

CREATE AGGREGATE seg_isolation(unit bigint, in_group boolean, weight float8) (
    SFUNC = seg_member_sfunc, STYPE = internal, FINALFUNC = seg_member_isolation_final,
    COMBINEFUNC = segtable_combine, SERIALFUNC = segtable_serialize,
    DESERIALFUNC = segtable_deserialize, PARALLEL = SAFE);
COMMENT ON AGGREGATE seg_isolation(bigint, boolean, float8) IS
'Isolation index xPx of long-form rows: of the rows with in_group true';
