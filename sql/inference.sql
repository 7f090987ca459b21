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
RETURNS float8 LANGUAGE sql IMMUTABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT CASE WHEN observed IS NULL OR cardinality(simulated) IS NULL THEN NULL
                WHEN NOT two_sided THEN
                     count(*) FILTER (WHERE s > observed)::float8 / cardinality(simulated)
                WHEN count(s) = 0 THEN NULL
                ELSE 2 * least(count(*) FILTER (WHERE s > observed),
                               count(*) FILTER (WHERE s < observed))::float8 / count(s) END
    FROM unnest(simulated) s
$$;

COMMENT ON FUNCTION seg_pvalue(float8, float8[], boolean) IS
'PySAL''s p-value of an observed statistic against simulated ones: one-sided #(sim > obs) / R; two-sided 2 min(#>, #<) / R_valid';
