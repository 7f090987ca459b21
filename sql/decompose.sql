-- decompose: between/within decomposition of M and H (doc/decompose.md;
-- doc/methodology.md §6.1, §6.2).

CREATE TYPE seg_decomposition AS (
    m_total float8, m_between float8, m_within float8,
    h_total float8, h_between float8, h_within float8);

CREATE FUNCTION seg_decompose_sfunc(internal, segtable)
RETURNS internal AS 'MODULE_PATHNAME', 'seg_decompose_sfunc'
LANGUAGE C IMMUTABLE PARALLEL SAFE;

CREATE FUNCTION seg_decompose_combine(internal, internal)
RETURNS internal AS 'MODULE_PATHNAME', 'seg_decompose_combine'
LANGUAGE C IMMUTABLE PARALLEL SAFE;

CREATE FUNCTION seg_decompose_serialize(internal)
RETURNS bytea AS 'MODULE_PATHNAME', 'seg_decompose_serialize'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE FUNCTION seg_decompose_deserialize(bytea, internal)
RETURNS internal AS 'MODULE_PATHNAME', 'seg_decompose_deserialize'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE FUNCTION seg_decompose_final(internal)
RETURNS seg_decomposition AS 'MODULE_PATHNAME', 'seg_decompose_final'
LANGUAGE C IMMUTABLE PARALLEL SAFE;

CREATE AGGREGATE seg_decompose(segtable) (
    SFUNC = seg_decompose_sfunc, STYPE = internal, FINALFUNC = seg_decompose_final,
    COMBINEFUNC = seg_decompose_combine, SERIALFUNC = seg_decompose_serialize,
    DESERIALFUNC = seg_decompose_deserialize, PARALLEL = SAFE);

COMMENT ON AGGREGATE seg_decompose(segtable) IS
'M and H of the merged tables split into between (the input tables as super-units) and within parts';

CREATE FUNCTION seg_mutual_within(t segtable, sep text DEFAULT '|',
    OUT super text, OUT p float8, OUT m float8, OUT h float8, OUT entropy_ratio float8)
RETURNS SETOF record AS 'MODULE_PATHNAME', 'seg_mutual_within'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION seg_mutual_within(segtable, text) IS
'Per super-unit (unit key up to the first sep) share p, M, H and entropy ratio, as R''s mutual_within';

CREATE FUNCTION seg_mutual_total_nested(t segtable, sep text DEFAULT '|',
    OUT level int, OUT component text, OUT m float8, OUT h float8, OUT share float8)
RETURNS SETOF record AS 'MODULE_PATHNAME', 'seg_mutual_total_nested'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION seg_mutual_total_nested(segtable, text) IS
'M and H of each level of a hierarchy written in the unit keys (a|b|c), as R''s mutual_total_nested';

-- Difference of two tables (doc/methodology.md §6.3) ------------------------------

CREATE FUNCTION seg_mutual_information_difference(t1 segtable, t2 segtable,
    method text DEFAULT 'shapley', "precision" float8 DEFAULT 1e-10,
    OUT m1 float8, OUT m2 float8, OUT diff float8, OUT additions float8,
    OUT removals float8, OUT group_marginal float8, OUT unit_marginal float8,
    OUT structural float8)
RETURNS record AS 'MODULE_PATHNAME', 'seg_mutual_information_difference'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION seg_mutual_information_difference(segtable, segtable, text, float8) IS
'M(t2) - M(t1) split into additions, removals and group-marginal, unit-marginal and structural parts (Elbers 2023; method shapley or mrc)';
