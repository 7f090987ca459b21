-- Statistics by area type (METHODOLOGY §7): confidence intervals, rates per
-- area type within any grouping with SCB's disclosure rule, and change of
-- area types over time.

-- Confidence intervals ------------------------------------------------------

CREATE FUNCTION seg_wilson_interval(count float8, base float8, level float8 DEFAULT 0.95,
                                    OUT estimate float8, OUT lower float8, OUT upper float8)
RETURNS record
AS 'MODULE_PATHNAME', 'seg_wilson_interval'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION seg_wilson_interval(float8, float8, float8) IS
'Wilson score interval of the proportion count / base: (estimate, lower, upper); NULL when base = 0';

CREATE FUNCTION seg_poisson_interval(count float8, exposure float8, level float8 DEFAULT 0.95,
                                     OUT estimate float8, OUT lower float8, OUT upper float8)
RETURNS record
AS 'MODULE_PATHNAME', 'seg_poisson_interval'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION seg_poisson_interval(float8, float8, float8) IS
'Garwood exact Poisson interval of the rate count / exposure: (estimate, lower, upper); NULL when exposure = 0';
