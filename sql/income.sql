-- Income inequality and income segregation from person-level incomes:
-- the Swedish economic standard, income classes, the incomestats type with
-- Theil T / L decompositions and the neighborhood sorting index, and
-- Reardon's rank-order indices.

-- Economic standard (METHODOLOGY 1.1) ------------------------------------------

CREATE FUNCTION seg_consumption_units(adults int, children int)
RETURNS float8
AS 'MODULE_PATHNAME', 'seg_consumption_units'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION seg_consumption_units(int, int) IS
'Consumption units of a household on the Swedish 2004 scale (1.00, 0.51, 0.60 per further adult; 0.52, 0.42 per further child)';

CREATE FUNCTION seg_economic_standard(disposable_income float8, adults int, children int)
RETURNS float8
AS 'MODULE_PATHNAME', 'seg_economic_standard'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION seg_economic_standard(float8, int, int) IS
'Economic standard: disposable household income per consumption unit';

CREATE FUNCTION seg_low_economic_standard(standard float8, median float8,
                                          share float8 DEFAULT 0.6)
RETURNS boolean
AS 'MODULE_PATHNAME', 'seg_low_economic_standard'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION seg_low_economic_standard(float8, float8, float8) IS
'Low economic standard: is standard < share * median (SCB: 60 % of the national median)?';

-- Income classes -----------------------------------------------------------------

CREATE FUNCTION seg_income_class(income float8, thresholds float8[])
RETURNS int
AS 'MODULE_PATHNAME', 'seg_income_class'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION seg_income_class(float8, float8[]) IS
'Income class 1..K+1 given K non-decreasing thresholds; a threshold belongs to the class above it';

-- The incomestats type ------------------------------------------------------------

CREATE TYPE incomestats;

CREATE FUNCTION incomestats_in(cstring)
RETURNS incomestats
AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE FUNCTION incomestats_out(incomestats)
RETURNS cstring
AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE FUNCTION incomestats_recv(internal)
RETURNS incomestats
AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE FUNCTION incomestats_send(incomestats)
RETURNS bytea
AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE TYPE incomestats (
    INPUT = incomestats_in,
    OUTPUT = incomestats_out,
    RECEIVE = incomestats_recv,
    SEND = incomestats_send,
    INTERNALLENGTH = VARIABLE,
    STORAGE = extended
);

COMMENT ON TYPE incomestats IS
'Per-unit income sufficient statistics (count, zero and negative counts, sum y, squared deviations, sum y ln y, sum ln y)';

CREATE FUNCTION seg_incomestats_to_bytea(s incomestats)
RETURNS bytea
AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION seg_incomestats_to_bytea(incomestats) IS
'The portable, versioned big-endian bytes of an incomestats value';

CREATE FUNCTION seg_incomestats_from_bytea(b bytea)
RETURNS incomestats
AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION seg_incomestats_from_bytea(bytea) IS
'An incomestats value from its portable bytes, validated';

CREATE CAST (incomestats AS bytea)
    WITH FUNCTION seg_incomestats_to_bytea(incomestats);

CREATE CAST (bytea AS incomestats)
    WITH FUNCTION seg_incomestats_from_bytea(bytea);

-- Aggregates ------------------------------------------------------------------------

CREATE FUNCTION seg_incomestats_sfunc(internal, smallint, float8)
RETURNS internal
AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION seg_incomestats_sfunc(internal, smallint, float8, bigint)
RETURNS internal
AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION seg_incomestats_sfunc(internal, integer, float8)
RETURNS internal
AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION seg_incomestats_sfunc(internal, integer, float8, bigint)
RETURNS internal
AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION seg_incomestats_sfunc(internal, bigint, float8)
RETURNS internal
AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION seg_incomestats_sfunc(internal, bigint, float8, bigint)
RETURNS internal
AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION seg_incomestats_sfunc(internal, text, float8)
RETURNS internal
AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION seg_incomestats_sfunc(internal, text, float8, bigint)
RETURNS internal
AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;

CREATE FUNCTION seg_incomestats_merge_sfunc(internal, incomestats)
RETURNS internal
AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;

CREATE FUNCTION seg_incomestats_combine(internal, internal)
RETURNS internal
AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;

CREATE FUNCTION seg_incomestats_serialize(internal)
RETURNS bytea
AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE FUNCTION seg_incomestats_deserialize(bytea, internal)
RETURNS internal
AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE FUNCTION seg_incomestats_final(internal)
RETURNS incomestats
AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;

-- One declaration per key type, not one "any": a transition function called
-- without a call expression (Citus' partial aggregation, doc/cluster.md)
-- must find its key type in its own catalog entry.  varchar and char(n)
-- keys reach the text form by implicit cast.
CREATE AGGREGATE incomestats(unit smallint, income float8) (
    SFUNC = seg_incomestats_sfunc,
    STYPE = internal,
    COMBINEFUNC = seg_incomestats_combine,
    SERIALFUNC = seg_incomestats_serialize,
    DESERIALFUNC = seg_incomestats_deserialize,
    FINALFUNC = seg_incomestats_final,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE incomestats(smallint, float8) IS
'Per-unit income statistics from person rows (unit, income)';
CREATE AGGREGATE incomestats(unit smallint, mean float8, persons bigint) (
    SFUNC = seg_incomestats_sfunc,
    STYPE = internal,
    COMBINEFUNC = seg_incomestats_combine,
    SERIALFUNC = seg_incomestats_serialize,
    DESERIALFUNC = seg_incomestats_deserialize,
    FINALFUNC = seg_incomestats_final,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE incomestats(smallint, float8, bigint) IS
'Per-unit income statistics from pre-aggregated rows: persons people with income mean each (within-row spread unknown, so only between-row parts are meaningful)';

CREATE AGGREGATE incomestats(unit integer, income float8) (
    SFUNC = seg_incomestats_sfunc,
    STYPE = internal,
    COMBINEFUNC = seg_incomestats_combine,
    SERIALFUNC = seg_incomestats_serialize,
    DESERIALFUNC = seg_incomestats_deserialize,
    FINALFUNC = seg_incomestats_final,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE incomestats(integer, float8) IS
'Per-unit income statistics from person rows (unit, income)';
CREATE AGGREGATE incomestats(unit integer, mean float8, persons bigint) (
    SFUNC = seg_incomestats_sfunc,
    STYPE = internal,
    COMBINEFUNC = seg_incomestats_combine,
    SERIALFUNC = seg_incomestats_serialize,
    DESERIALFUNC = seg_incomestats_deserialize,
    FINALFUNC = seg_incomestats_final,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE incomestats(integer, float8, bigint) IS
'Per-unit income statistics from pre-aggregated rows: persons people with income mean each (within-row spread unknown, so only between-row parts are meaningful)';

CREATE AGGREGATE incomestats(unit bigint, income float8) (
    SFUNC = seg_incomestats_sfunc,
    STYPE = internal,
    COMBINEFUNC = seg_incomestats_combine,
    SERIALFUNC = seg_incomestats_serialize,
    DESERIALFUNC = seg_incomestats_deserialize,
    FINALFUNC = seg_incomestats_final,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE incomestats(bigint, float8) IS
'Per-unit income statistics from person rows (unit, income)';
CREATE AGGREGATE incomestats(unit bigint, mean float8, persons bigint) (
    SFUNC = seg_incomestats_sfunc,
    STYPE = internal,
    COMBINEFUNC = seg_incomestats_combine,
    SERIALFUNC = seg_incomestats_serialize,
    DESERIALFUNC = seg_incomestats_deserialize,
    FINALFUNC = seg_incomestats_final,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE incomestats(bigint, float8, bigint) IS
'Per-unit income statistics from pre-aggregated rows: persons people with income mean each (within-row spread unknown, so only between-row parts are meaningful)';

CREATE AGGREGATE incomestats(unit text, income float8) (
    SFUNC = seg_incomestats_sfunc,
    STYPE = internal,
    COMBINEFUNC = seg_incomestats_combine,
    SERIALFUNC = seg_incomestats_serialize,
    DESERIALFUNC = seg_incomestats_deserialize,
    FINALFUNC = seg_incomestats_final,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE incomestats(text, float8) IS
'Per-unit income statistics from person rows (unit, income)';
CREATE AGGREGATE incomestats(unit text, mean float8, persons bigint) (
    SFUNC = seg_incomestats_sfunc,
    STYPE = internal,
    COMBINEFUNC = seg_incomestats_combine,
    SERIALFUNC = seg_incomestats_serialize,
    DESERIALFUNC = seg_incomestats_deserialize,
    FINALFUNC = seg_incomestats_final,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE incomestats(text, float8, bigint) IS
'Per-unit income statistics from pre-aggregated rows: persons people with income mean each (within-row spread unknown, so only between-row parts are meaningful)';

CREATE AGGREGATE seg_merge(incomestats) (
    SFUNC = seg_incomestats_merge_sfunc,
    STYPE = internal,
    COMBINEFUNC = seg_incomestats_combine,
    SERIALFUNC = seg_incomestats_serialize,
    DESERIALFUNC = seg_incomestats_deserialize,
    FINALFUNC = seg_incomestats_final,
    PARALLEL = SAFE
);

COMMENT ON AGGREGATE seg_merge(incomestats) IS
'Merges stored incomestats values; units with the same key are pooled';

-- Measures ----------------------------------------------------------------------------

CREATE FUNCTION seg_theil_t(s incomestats)
RETURNS float8
AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION seg_theil_t(incomestats) IS
'Theil T of all incomes; NULL if an income is negative or all are zero (0 ln 0 = 0)';

CREATE FUNCTION seg_theil_t_between(s incomestats)
RETURNS float8
AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION seg_theil_t_between(incomestats) IS
'Between-unit part of Theil T: sum of income shares s_g ln(mu_g / mu)';

CREATE FUNCTION seg_theil_t_within(s incomestats)
RETURNS float8
AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION seg_theil_t_within(incomestats) IS
'Within-unit part of Theil T: sum of income shares s_g T_g';

CREATE FUNCTION seg_theil_t_parts(s incomestats,
                                  OUT total float8, OUT between_units float8, OUT within_units float8)
RETURNS record
AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION seg_theil_t_parts(incomestats) IS
'Theil T with its between- and within-unit parts (total = between + within)';

CREATE FUNCTION seg_theil_l(s incomestats)
RETURNS float8
AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION seg_theil_l(incomestats) IS
'Theil L (mean log deviation); NULL unless every income is positive';

CREATE FUNCTION seg_theil_l_between(s incomestats)
RETURNS float8
AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION seg_theil_l_between(incomestats) IS
'Between-unit part of Theil L: sum of population shares (N_g/N) ln(mu / mu_g)';

CREATE FUNCTION seg_theil_l_within(s incomestats)
RETURNS float8
AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION seg_theil_l_within(incomestats) IS
'Within-unit part of Theil L: sum of population shares (N_g/N) L_g';

CREATE FUNCTION seg_theil_l_parts(s incomestats,
                                  OUT total float8, OUT between_units float8, OUT within_units float8)
RETURNS record
AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION seg_theil_l_parts(incomestats) IS
'Theil L with its between- and within-unit parts (total = between + within)';

CREATE FUNCTION seg_nsi(s incomestats)
RETURNS float8
AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION seg_nsi(incomestats) IS
'Jargowsky''s neighborhood sorting index; NULL when all incomes are equal';

CREATE FUNCTION seg_income_units(s incomestats,
                                 OUT unit text, OUT n bigint,
                                 OUT n_zero bigint, OUT n_negative bigint,
                                 OUT mean float8, OUT variance float8,
                                 OUT theil_t float8, OUT theil_l float8, OUT sd float8)
RETURNS SETOF record
AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE ROWS 100;

COMMENT ON FUNCTION seg_income_units(incomestats) IS
'One row per unit: count, zero and negative counts, mean, population variance (NULL beyond float8), the unit''s own Theil T and L, and the population standard deviation';

CREATE FUNCTION seg_income_split(s incomestats, OUT unit text, OUT stats incomestats)
RETURNS SETOF record
AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE ROWS 100;

COMMENT ON FUNCTION seg_income_split(incomestats) IS
'One row per unit: its key and a one-unit incomestats value (for storing per-unit values and rolling them up)';

-- Rank-order income segregation (Reardon) ---------------------------------------------

CREATE FUNCTION seg_rank_order_h(counts float8[], degree int DEFAULT 4)
RETURNS float8
AS 'MODULE_PATHNAME', 'seg_rank_order_h_array'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION seg_rank_order_h(float8[], int) IS
'Rank-order information theory index H^R over a units x ordered-bins count matrix';

CREATE FUNCTION seg_rank_order_variance_ratio(counts float8[], degree int DEFAULT 4)
RETURNS float8
AS 'MODULE_PATHNAME', 'seg_rank_order_variance_ratio_array'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION seg_rank_order_variance_ratio(float8[], int) IS
'Rank-order variance ratio index R^R over a units x ordered-bins count matrix';

CREATE FUNCTION seg_rank_order_sqrt(counts float8[], degree int DEFAULT 4)
RETURNS float8
AS 'MODULE_PATHNAME', 'seg_rank_order_sqrt_array'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION seg_rank_order_sqrt(float8[], int) IS
'Rank-order square root index S^R over a units x ordered-bins count matrix';

CREATE FUNCTION seg_rank_order_profile(counts float8[],
                                       OUT bin int, OUT p float8,
                                       OUT h float8, OUT variance_ratio float8,
                                       OUT sqrt float8)
RETURNS SETOF record
AS 'MODULE_PATHNAME', 'seg_rank_order_profile_array'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE ROWS 20;

COMMENT ON FUNCTION seg_rank_order_profile(float8[]) IS
'The thresholds behind the rank-order indices: last bin of the lower group, its population share, two-group H, R and S';

CREATE FUNCTION seg_rank_order_h(t segtable, degree int DEFAULT 4)
RETURNS float8
AS 'MODULE_PATHNAME', 'seg_rank_order_h'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION seg_rank_order_h(segtable, int) IS
'Rank-order information theory index H^R; the groups of t are the income bins in key order';

CREATE FUNCTION seg_rank_order_variance_ratio(t segtable, degree int DEFAULT 4)
RETURNS float8
AS 'MODULE_PATHNAME', 'seg_rank_order_variance_ratio'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION seg_rank_order_variance_ratio(segtable, int) IS
'Rank-order variance ratio index R^R; the groups of t are the income bins in key order';

CREATE FUNCTION seg_rank_order_sqrt(t segtable, degree int DEFAULT 4)
RETURNS float8
AS 'MODULE_PATHNAME', 'seg_rank_order_sqrt'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION seg_rank_order_sqrt(segtable, int) IS
'Rank-order square root index S^R; the groups of t are the income bins in key order';

CREATE FUNCTION seg_rank_order_profile(t segtable,
                                       OUT grp text, OUT p float8,
                                       OUT h float8, OUT variance_ratio float8,
                                       OUT sqrt float8)
RETURNS SETOF record
AS 'MODULE_PATHNAME', 'seg_rank_order_profile'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE ROWS 20;

COMMENT ON FUNCTION seg_rank_order_profile(segtable) IS
'The thresholds behind the rank-order indices: last group of the lower part, its population share, two-group H, R and S';
