-- inference: seeded bootstrap and null models (doc/inference.md;
-- doc/methodology.md §6.5, §6.6).

CREATE FUNCTION seg_bootstrap(t segtable, reps int, seed bigint,
    OUT replicate int, OUT t segtable)
RETURNS SETOF record AS 'MODULE_PATHNAME', 'seg_bootstrap'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION seg_bootstrap(segtable, int, bigint) IS
'reps bootstrap tables: N persons drawn from the cell multinomial (integer total required); seeded, reproducible';

CREATE FUNCTION seg_bootstrap_summary(t segtable, reps int DEFAULT 100, seed bigint DEFAULT 1,
    level float8 DEFAULT 0.95,
    OUT stat text, OUT estimate float8, OUT debiased float8, OUT bias float8,
    OUT se float8, OUT lower float8, OUT upper float8)
RETURNS SETOF record AS 'MODULE_PATHNAME', 'seg_bootstrap_summary'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION seg_bootstrap_summary(segtable, int, bigint, float8) IS
'Bootstrap estimate, bias-corrected estimate, bias, standard error and percentile interval of M and H (R segregation se = TRUE)';

CREATE FUNCTION seg_null_tables(t segtable, model text, reps int, seed bigint,
    OUT replicate int, OUT t segtable)
RETURNS SETOF record AS 'MODULE_PATHNAME', 'seg_null_tables'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION seg_null_tables(segtable, text, int, bigint) IS
'reps simulated tables of a null model: evenness, systematic, permutation, unit_bootstrap or geographic; seeded';

CREATE FUNCTION seg_mutual_expected(t segtable, reps int DEFAULT 100, seed bigint DEFAULT 1,
    fixed_margins boolean DEFAULT true,
    OUT m_expected float8, OUT m_sd float8, OUT h_expected float8, OUT h_sd float8)
RETURNS record AS 'MODULE_PATHNAME', 'seg_mutual_expected'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION seg_mutual_expected(segtable, int, bigint, boolean) IS
'Mean and SD of M and H under independence with t''s margins (R''s mutual_total_expected)';

CREATE FUNCTION seg_pvalue(observed float8, simulated float8[], two_sided boolean DEFAULT false)
RETURNS float8 LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    gt bigint;
    lt bigint;
    valid bigint;
    nonfinite boolean;
BEGIN
    IF observed IS NULL OR cardinality(simulated) IS NULL OR two_sided IS NULL THEN
        RETURN NULL;
    END IF;
    IF array_ndims(simulated) > 1 THEN
        RAISE EXCEPTION 'argument "simulated" must be a one-dimensional array, not % dimensions', array_ndims(simulated)
            USING ERRCODE = '22023';
    END IF;
    IF observed IN ('NaN', 'Infinity', '-Infinity') THEN
        RAISE EXCEPTION 'argument "observed" must be finite, not %', observed USING ERRCODE = '22023';
    END IF;
    SELECT count(*) FILTER (WHERE s > observed), count(*) FILTER (WHERE s < observed), count(s),
           bool_or(s IN ('NaN', 'Infinity', '-Infinity'))
      INTO gt, lt, valid, nonfinite
      FROM unnest(simulated) s;
    IF nonfinite THEN
        RAISE EXCEPTION 'argument "simulated" must hold finite values or NULLs' USING ERRCODE = '22023';
    END IF;
    -- no simulations (none valid, for the two-sided form): undefined, NULL
    IF NOT two_sided THEN
        RETURN gt::float8 / nullif(cardinality(simulated), 0);
    END IF;
    RETURN 2 * least(gt, lt)::float8 / nullif(valid, 0);
END
$$;

COMMENT ON FUNCTION seg_pvalue(float8, float8[], boolean) IS
'PySAL''s p-value of an observed statistic against simulated ones: one-sided #(sim > obs) / R; two-sided 2 min(#>, #<) / R_valid';
