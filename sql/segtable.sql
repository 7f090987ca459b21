
-- segtable: the unit x group count table, its aggregates and accessors -------
-- (src/segtable.c; the byte layout is documented in src/segtable.h)

CREATE TYPE segtable;

CREATE FUNCTION segtable_in(cstring)
RETURNS segtable
AS 'MODULE_PATHNAME', 'segtable_in'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE FUNCTION segtable_out(segtable)
RETURNS cstring
AS 'MODULE_PATHNAME', 'segtable_out'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE FUNCTION segtable_recv(internal)
RETURNS segtable
AS 'MODULE_PATHNAME', 'segtable_recv'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE FUNCTION segtable_send(segtable)
RETURNS bytea
AS 'MODULE_PATHNAME', 'segtable_send'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE TYPE segtable (
    INPUT = segtable_in,
    OUTPUT = segtable_out,
    RECEIVE = segtable_recv,
    SEND = segtable_send,
    INTERNALLENGTH = VARIABLE,
    STORAGE = extended
);

COMMENT ON TYPE segtable IS
'Sparse unit x group table of counts, the sufficient statistic of aspatial segregation indices';

-- The portable bytes (the same as the binary send form and the aggregates'
-- serialized state), for storage outside PostgreSQL or exchange between
-- systems.  bytea -> segtable validates everything.
CREATE FUNCTION segtable(bytea)
RETURNS segtable
AS 'MODULE_PATHNAME', 'segtable_from_bytea'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION segtable(bytea) IS
'segtable from its portable binary form (validated)';

CREATE CAST (bytea AS segtable) WITH FUNCTION segtable(bytea);
CREATE CAST (segtable AS bytea) WITH FUNCTION segtable_send(segtable);

-- Aggregate machinery shared by segtable(), seg_merge() and the measure
-- modules' convenience aggregates ---------------------------------------------

CREATE FUNCTION segtable_combine(internal, internal)
RETURNS internal
AS 'MODULE_PATHNAME', 'segtable_combine'
LANGUAGE C IMMUTABLE PARALLEL SAFE;

CREATE FUNCTION segtable_serialize(internal)
RETURNS bytea
AS 'MODULE_PATHNAME', 'segtable_serialize'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE FUNCTION segtable_deserialize(bytea, internal)
RETURNS internal
AS 'MODULE_PATHNAME', 'segtable_deserialize'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE FUNCTION segtable_final(internal)
RETURNS segtable
AS 'MODULE_PATHNAME', 'segtable_final'
LANGUAGE C IMMUTABLE PARALLEL SAFE;

-- Long form: segtable(unit, grp [, weight]) ----------------------------------
-- Units and groups are bigint or text; smallint and integer arguments reach
-- the bigint forms by implicit cast, varchar and unknown literals the text
-- forms.  Aggregates cannot have defaults, hence the two arities.

CREATE FUNCTION segtable_sfunc(internal, text, text)
RETURNS internal AS 'MODULE_PATHNAME', 'segtable_sfunc'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION segtable_sfunc(internal, text, text, float8)
RETURNS internal AS 'MODULE_PATHNAME', 'segtable_sfunc'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION segtable_sfunc(internal, text, bigint)
RETURNS internal AS 'MODULE_PATHNAME', 'segtable_sfunc'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION segtable_sfunc(internal, text, bigint, float8)
RETURNS internal AS 'MODULE_PATHNAME', 'segtable_sfunc'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION segtable_sfunc(internal, bigint, text)
RETURNS internal AS 'MODULE_PATHNAME', 'segtable_sfunc'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION segtable_sfunc(internal, bigint, text, float8)
RETURNS internal AS 'MODULE_PATHNAME', 'segtable_sfunc'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION segtable_sfunc(internal, bigint, bigint)
RETURNS internal AS 'MODULE_PATHNAME', 'segtable_sfunc'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION segtable_sfunc(internal, bigint, bigint, float8)
RETURNS internal AS 'MODULE_PATHNAME', 'segtable_sfunc'
LANGUAGE C IMMUTABLE PARALLEL SAFE;

CREATE AGGREGATE segtable(unit text, grp text) (
    SFUNC = segtable_sfunc, STYPE = internal, FINALFUNC = segtable_final,
    COMBINEFUNC = segtable_combine, SERIALFUNC = segtable_serialize,
    DESERIALFUNC = segtable_deserialize, PARALLEL = SAFE);
CREATE AGGREGATE segtable(unit text, grp text, weight float8) (
    SFUNC = segtable_sfunc, STYPE = internal, FINALFUNC = segtable_final,
    COMBINEFUNC = segtable_combine, SERIALFUNC = segtable_serialize,
    DESERIALFUNC = segtable_deserialize, PARALLEL = SAFE);
CREATE AGGREGATE segtable(unit text, grp bigint) (
    SFUNC = segtable_sfunc, STYPE = internal, FINALFUNC = segtable_final,
    COMBINEFUNC = segtable_combine, SERIALFUNC = segtable_serialize,
    DESERIALFUNC = segtable_deserialize, PARALLEL = SAFE);
CREATE AGGREGATE segtable(unit text, grp bigint, weight float8) (
    SFUNC = segtable_sfunc, STYPE = internal, FINALFUNC = segtable_final,
    COMBINEFUNC = segtable_combine, SERIALFUNC = segtable_serialize,
    DESERIALFUNC = segtable_deserialize, PARALLEL = SAFE);
CREATE AGGREGATE segtable(unit bigint, grp text) (
    SFUNC = segtable_sfunc, STYPE = internal, FINALFUNC = segtable_final,
    COMBINEFUNC = segtable_combine, SERIALFUNC = segtable_serialize,
    DESERIALFUNC = segtable_deserialize, PARALLEL = SAFE);
CREATE AGGREGATE segtable(unit bigint, grp text, weight float8) (
    SFUNC = segtable_sfunc, STYPE = internal, FINALFUNC = segtable_final,
    COMBINEFUNC = segtable_combine, SERIALFUNC = segtable_serialize,
    DESERIALFUNC = segtable_deserialize, PARALLEL = SAFE);
CREATE AGGREGATE segtable(unit bigint, grp bigint) (
    SFUNC = segtable_sfunc, STYPE = internal, FINALFUNC = segtable_final,
    COMBINEFUNC = segtable_combine, SERIALFUNC = segtable_serialize,
    DESERIALFUNC = segtable_deserialize, PARALLEL = SAFE);
CREATE AGGREGATE segtable(unit bigint, grp bigint, weight float8) (
    SFUNC = segtable_sfunc, STYPE = internal, FINALFUNC = segtable_final,
    COMBINEFUNC = segtable_combine, SERIALFUNC = segtable_serialize,
    DESERIALFUNC = segtable_deserialize, PARALLEL = SAFE);

COMMENT ON AGGREGATE segtable(text, text) IS
'segtable from long-form rows: one count per (unit, grp) row';
COMMENT ON AGGREGATE segtable(text, text, float8) IS
'segtable from long-form rows: weight (a count or a person weight) per (unit, grp) row';
COMMENT ON AGGREGATE segtable(text, bigint) IS
'segtable from long-form rows: one count per (unit, grp) row';
COMMENT ON AGGREGATE segtable(text, bigint, float8) IS
'segtable from long-form rows: weight (a count or a person weight) per (unit, grp) row';
COMMENT ON AGGREGATE segtable(bigint, text) IS
'segtable from long-form rows: one count per (unit, grp) row';
COMMENT ON AGGREGATE segtable(bigint, text, float8) IS
'segtable from long-form rows: weight (a count or a person weight) per (unit, grp) row';
COMMENT ON AGGREGATE segtable(bigint, bigint) IS
'segtable from long-form rows: one count per (unit, grp) row';
COMMENT ON AGGREGATE segtable(bigint, bigint, float8) IS
'segtable from long-form rows: weight (a count or a person weight) per (unit, grp) row';

-- Wide form: one row per unit with its counts --------------------------------
-- segtable(unit, counts float8[]): groups are the positions 1..K.
-- segtable(unit, groups text[] | bigint[], counts float8[]): groups named
-- element by element, like the long form with arrays in place of scalars.

CREATE FUNCTION segtable_wide_sfunc(internal, text, float8[])
RETURNS internal AS 'MODULE_PATHNAME', 'segtable_wide_sfunc'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION segtable_wide_sfunc(internal, bigint, float8[])
RETURNS internal AS 'MODULE_PATHNAME', 'segtable_wide_sfunc'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION segtable_wide_sfunc(internal, text, text[], float8[])
RETURNS internal AS 'MODULE_PATHNAME', 'segtable_wide_sfunc'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION segtable_wide_sfunc(internal, text, bigint[], float8[])
RETURNS internal AS 'MODULE_PATHNAME', 'segtable_wide_sfunc'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION segtable_wide_sfunc(internal, bigint, text[], float8[])
RETURNS internal AS 'MODULE_PATHNAME', 'segtable_wide_sfunc'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION segtable_wide_sfunc(internal, bigint, bigint[], float8[])
RETURNS internal AS 'MODULE_PATHNAME', 'segtable_wide_sfunc'
LANGUAGE C IMMUTABLE PARALLEL SAFE;

CREATE AGGREGATE segtable(unit text, counts float8[]) (
    SFUNC = segtable_wide_sfunc, STYPE = internal, FINALFUNC = segtable_final,
    COMBINEFUNC = segtable_combine, SERIALFUNC = segtable_serialize,
    DESERIALFUNC = segtable_deserialize, PARALLEL = SAFE);
CREATE AGGREGATE segtable(unit bigint, counts float8[]) (
    SFUNC = segtable_wide_sfunc, STYPE = internal, FINALFUNC = segtable_final,
    COMBINEFUNC = segtable_combine, SERIALFUNC = segtable_serialize,
    DESERIALFUNC = segtable_deserialize, PARALLEL = SAFE);
CREATE AGGREGATE segtable(unit text, groups text[], counts float8[]) (
    SFUNC = segtable_wide_sfunc, STYPE = internal, FINALFUNC = segtable_final,
    COMBINEFUNC = segtable_combine, SERIALFUNC = segtable_serialize,
    DESERIALFUNC = segtable_deserialize, PARALLEL = SAFE);
CREATE AGGREGATE segtable(unit text, groups bigint[], counts float8[]) (
    SFUNC = segtable_wide_sfunc, STYPE = internal, FINALFUNC = segtable_final,
    COMBINEFUNC = segtable_combine, SERIALFUNC = segtable_serialize,
    DESERIALFUNC = segtable_deserialize, PARALLEL = SAFE);
CREATE AGGREGATE segtable(unit bigint, groups text[], counts float8[]) (
    SFUNC = segtable_wide_sfunc, STYPE = internal, FINALFUNC = segtable_final,
    COMBINEFUNC = segtable_combine, SERIALFUNC = segtable_serialize,
    DESERIALFUNC = segtable_deserialize, PARALLEL = SAFE);
CREATE AGGREGATE segtable(unit bigint, groups bigint[], counts float8[]) (
    SFUNC = segtable_wide_sfunc, STYPE = internal, FINALFUNC = segtable_final,
    COMBINEFUNC = segtable_combine, SERIALFUNC = segtable_serialize,
    DESERIALFUNC = segtable_deserialize, PARALLEL = SAFE);

COMMENT ON AGGREGATE segtable(text, float8[]) IS
'segtable from wide-form rows: one row per unit, counts of groups 1..K';
COMMENT ON AGGREGATE segtable(bigint, float8[]) IS
'segtable from wide-form rows: one row per unit, counts of groups 1..K';
COMMENT ON AGGREGATE segtable(text, text[], float8[]) IS
'segtable from wide-form rows: one row per unit, groups[i] has counts[i]';
COMMENT ON AGGREGATE segtable(text, bigint[], float8[]) IS
'segtable from wide-form rows: one row per unit, groups[i] has counts[i]';
COMMENT ON AGGREGATE segtable(bigint, text[], float8[]) IS
'segtable from wide-form rows: one row per unit, groups[i] has counts[i]';
COMMENT ON AGGREGATE segtable(bigint, bigint[], float8[]) IS
'segtable from wide-form rows: one row per unit, groups[i] has counts[i]';

-- Merging stored tables -------------------------------------------------------

CREATE FUNCTION segtable_merge_sfunc(internal, segtable)
RETURNS internal AS 'MODULE_PATHNAME', 'segtable_merge_sfunc'
LANGUAGE C IMMUTABLE PARALLEL SAFE;

CREATE AGGREGATE seg_merge(segtable) (
    SFUNC = segtable_merge_sfunc, STYPE = internal, FINALFUNC = segtable_final,
    COMBINEFUNC = segtable_combine, SERIALFUNC = segtable_serialize,
    DESERIALFUNC = segtable_deserialize, PARALLEL = SAFE);

COMMENT ON AGGREGATE seg_merge(segtable) IS
'Cell-wise sum of segtables (key kinds must agree)';

-- Accessors ----------------------------------------------------------------------

CREATE FUNCTION seg_total(segtable)
RETURNS float8 AS 'MODULE_PATHNAME', 'seg_total'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION seg_total(segtable) IS 'Sum of all counts';

CREATE FUNCTION seg_nunits(segtable)
RETURNS int AS 'MODULE_PATHNAME', 'seg_nunits'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION seg_nunits(segtable) IS 'Number of units with a non-zero count';

CREATE FUNCTION seg_ngroups(segtable)
RETURNS int AS 'MODULE_PATHNAME', 'seg_ngroups'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION seg_ngroups(segtable) IS 'Number of groups with a non-zero count';

CREATE FUNCTION seg_ncells(segtable)
RETURNS int AS 'MODULE_PATHNAME', 'seg_ncells'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION seg_ncells(segtable) IS 'Number of non-zero (unit, group) cells';

CREATE FUNCTION seg_cells(t segtable, OUT unit text, OUT grp text, OUT n float8)
RETURNS SETOF record AS 'MODULE_PATHNAME', 'seg_cells'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE ROWS 100;
COMMENT ON FUNCTION seg_cells(segtable) IS
'The non-zero cells, in unit then group key order';

CREATE FUNCTION seg_units(t segtable, OUT unit text, OUT n float8, OUT ncells int)
RETURNS SETOF record AS 'MODULE_PATHNAME', 'seg_units'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE ROWS 100;
COMMENT ON FUNCTION seg_units(segtable) IS
'Each unit with its total count and number of non-zero cells, in key order';

CREATE FUNCTION seg_groups(t segtable, OUT grp text, OUT n float8, OUT ncells int)
RETURNS SETOF record AS 'MODULE_PATHNAME', 'seg_groups'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE ROWS 100;
COMMENT ON FUNCTION seg_groups(segtable) IS
'Each group with its total count and number of non-zero cells, in key order';
