-- Sweden's official measures: SCB's socioeconomic index, the five area types,
-- Delmos' inequality index and kommun flags, SCB's disclosure rule.

\echo Use "CREATE EXTENSION segindex CASCADE" to load this file. \quit

-- Socioeconomic index -------------------------------------------------------

CREATE FUNCTION seg_sei(v1 float8, v2 float8, v3 float8)
RETURNS float8
AS 'MODULE_PATHNAME', 'seg_sei'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION seg_sei(float8, float8, float8) IS
'SCB socioeconomic index: the mean of the percentages V1, V2, V3 (each 0..100)';

CREATE FUNCTION seg_sei(v1_num float8, v1_den float8,
                        v2_num float8, v2_den float8,
                        v3_num float8, v3_den float8)
RETURNS float8
AS 'MODULE_PATHNAME', 'seg_sei_counts'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION seg_sei(float8, float8, float8, float8, float8, float8) IS
'SCB socioeconomic index from (numerator, denominator) counts of V1, V2, V3; NULL when a denominator is 0';

-- Area types -----------------------------------------------------------------

CREATE FUNCTION seg_area_type(index float8)
RETURNS int
AS 'MODULE_PATHNAME', 'seg_area_type_window'
LANGUAGE C IMMUTABLE WINDOW PARALLEL SAFE;

COMMENT ON FUNCTION seg_area_type(float8) IS
'Window function: area type 1..5 from the partition mean and sample SD of the index';

CREATE FUNCTION seg_area_type(index float8, mean float8, sd float8)
RETURNS int
AS 'MODULE_PATHNAME', 'seg_area_type_scalar'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION seg_area_type(float8, float8, float8) IS
'Area type 1..5 from stored reference values; NULL when sd = 0';

CREATE FUNCTION seg_area_type_name(type int, lang text DEFAULT 'sv')
RETURNS text
AS 'MODULE_PATHNAME', 'seg_area_type_name'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION seg_area_type_name(int, text) IS
'Official name of area type 1..5, in Swedish (sv) or English (en); language codes in any case';

-- Partition z-scores (Delmos' kommun flags) ----------------------------------

CREATE FUNCTION seg_zscore(x float8)
RETURNS float8
AS 'MODULE_PATHNAME', 'seg_zscore_window'
LANGUAGE C IMMUTABLE WINDOW PARALLEL SAFE;

COMMENT ON FUNCTION seg_zscore(float8) IS
'Window function: (x - partition mean) / partition sample SD';

CREATE FUNCTION seg_sd_flag(x float8, k float8)
RETURNS boolean
AS 'MODULE_PATHNAME', 'seg_sd_flag_window'
LANGUAGE C IMMUTABLE WINDOW PARALLEL SAFE;

COMMENT ON FUNCTION seg_sd_flag(float8, float8) IS
'Window function: is x >= partition mean + k * partition sample SD?';

-- Inequality index ------------------------------------------------------------

CREATE FUNCTION seg_inequality_sfunc(internal, float8, float8)
RETURNS internal
AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;

CREATE FUNCTION seg_inequality_combine(internal, internal)
RETURNS internal
AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;

CREATE FUNCTION seg_inequality_serialize(internal)
RETURNS bytea
AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE FUNCTION seg_inequality_deserialize(bytea, internal)
RETURNS internal
AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE FUNCTION seg_inequality_final(internal)
RETURNS float8
AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;

CREATE AGGREGATE seg_inequality_index(low float8, high float8) (
    SFUNC = seg_inequality_sfunc,
    STYPE = internal,
    COMBINEFUNC = seg_inequality_combine,
    SERIALFUNC = seg_inequality_serialize,
    DESERIALFUNC = seg_inequality_deserialize,
    FINALFUNC = seg_inequality_final,
    PARALLEL = SAFE
);

COMMENT ON AGGREGATE seg_inequality_index(float8, float8) IS
'Delmos inequality index: 100 * Duncan dissimilarity between two groups over unit rows';

-- Disclosure control ------------------------------------------------------------

CREATE FUNCTION seg_publishable_share(part float8, base float8,
                                      min_base float8 DEFAULT 20,
                                      min_part float8 DEFAULT 5)
RETURNS float8
AS 'MODULE_PATHNAME', 'seg_publishable_share'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION seg_publishable_share(float8, float8, float8, float8) IS
'100 * part / base, or NULL unless base > min_base and part > min_part (SCB: 20 and 5)';
