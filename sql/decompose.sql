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

-- Counterfactual decomposition of an index difference (PySAL; doc/methodology.md §6.4)

CREATE FUNCTION seg_cf_quantile7(sorted float8[], q float8)
RETURNS float8 LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    n int := cardinality(sorted);
    h float8;
    lo int;
    a float8;
    b float8;
    v float8;
BEGIN
    -- R's type-7 quantile of an ascending array: h = (n - 1) q, linear between
    -- the values at floor(h) and ceil(h) (0-based)
    IF NOT (q >= 0 AND q <= 1) THEN
        RAISE EXCEPTION 'argument "q" must be in [0, 1], not %', q USING ERRCODE = '22023';
    END IF;
    IF array_ndims(sorted) > 1 THEN
        RAISE EXCEPTION 'argument "sorted" must be a one-dimensional array' USING ERRCODE = '22023';
    END IF;
    IF n = 0 THEN
        RETURN NULL;
    END IF;
    h := (n - 1) * q;
    lo := floor(h)::int;
    a := sorted[lo + 1];
    b := sorted[least(lo + 2, n)];
    -- only the two values read are checked: callers pass the same array per unit
    IF a IN ('NaN', 'Infinity', '-Infinity') OR b IN ('NaN', 'Infinity', '-Infinity') THEN
        RAISE EXCEPTION 'argument "sorted" must hold finite values' USING ERRCODE = '22023';
    END IF;
    IF abs(a) < 1e307 AND abs(b) < 1e307 THEN
        v := a + (h - lo) * (b - a);
    ELSE
        v := a * (1 - (h - lo)) + b * (h - lo);     -- b - a could overflow
    END IF;
    RETURN v;
END
$$;

COMMENT ON FUNCTION seg_cf_quantile7(float8[], float8) IS
'Type-7 (R default, numpy linear) quantile q of an ascending array';

CREATE FUNCTION seg_counterfactual_tables(t1 segtable, grp1 text, t2 segtable, grp2 text,
    approach text DEFAULT 'composition', OUT context int, OUT t segtable)
RETURNS SETOF record LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    schema_name text := (SELECT n.nspname FROM pg_catalog.pg_proc p
                         JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace
                         WHERE p.proname = 'seg_cells' LIMIT 1);
    present boolean;
BEGIN
    IF approach NOT IN ('composition', 'share', 'dual_composition') THEN
        RAISE EXCEPTION 'approach must be composition, share or dual_composition, not "%"', approach
            USING ERRCODE = '22023';
    END IF;
    FOR i IN 1..2 LOOP
        EXECUTE format('SELECT EXISTS (SELECT 1 FROM %I.seg_groups($1) g WHERE g.grp = $2 AND g.n > 0)
                        AND EXISTS (SELECT 1 FROM %I.seg_groups($1) g WHERE g.grp <> $2 AND g.n > 0)',
                       schema_name, schema_name)
            INTO present USING CASE i WHEN 1 THEN t1 ELSE t2 END, CASE i WHEN 1 THEN grp1 ELSE grp2 END;
        IF NOT present THEN
            RAISE EXCEPTION 'grp% "%" must occur in t%, and so must another group', i,
                CASE i WHEN 1 THEN grp1 ELSE grp2 END, i USING ERRCODE = '22023';
        END IF;
    END LOOP;
    RETURN QUERY EXECUTE format($q$
    WITH units AS (          -- x = group of interest, t = unit total, per context
        SELECT k, z.*
        FROM (VALUES (1, $1, $2), (2, $3, $4)) v(k, tab, g),
        LATERAL (SELECT u.unit, u.n AS t, coalesce(c.n, 0) AS x
                 FROM %1$I.seg_units(tab) u
                 LEFT JOIN (SELECT c.unit, c.n FROM %1$I.seg_cells(tab) c WHERE c.grp = g) c USING (unit)) z
    ), vals AS (
        SELECT k, unit, t, x, t - x AS y,
               CASE WHEN t > 0 THEN x / t ELSE 0 END AS c,
               CASE WHEN t > 0 THEN (t - x) / t ELSE 0 END AS cy,
               CASE WHEN t > 0 THEN x / sum(x) OVER (PARTITION BY k) ELSE 0 END AS s,
               CASE WHEN t - x > 0 THEN (t - x) / sum(t - x) OVER (PARTITION BY k) ELSE 0 END AS sy,
               sum(x) OVER (PARTITION BY k) AS xk, sum(t - x) OVER (PARTITION BY k) AS yk,
               count(*) OVER (PARTITION BY k) AS nk
        FROM units
    ), ranked AS (           -- average rank / n within the own context
        SELECT *,
               (rank() OVER (PARTITION BY k ORDER BY c) + (count(*) OVER (PARTITION BY k, c) - 1) / 2.0) / nk AS rc,
               (rank() OVER (PARTITION BY k ORDER BY cy) + (count(*) OVER (PARTITION BY k, cy) - 1) / 2.0) / nk AS rcy,
               (rank() OVER (PARTITION BY k ORDER BY s) + (count(*) OVER (PARTITION BY k, s) - 1) / 2.0) / nk AS rs,
               (rank() OVER (PARTITION BY k ORDER BY sy) + (count(*) OVER (PARTITION BY k, sy) - 1) / 2.0) / nk AS rsy
        FROM vals
    ), dist AS (             -- the other context's sorted values
        SELECT k, array_agg(c ORDER BY c) AS c, array_agg(cy ORDER BY cy) AS cy,
               array_agg(s ORDER BY s) AS s, array_agg(sy ORDER BY sy) AS sy
        FROM vals GROUP BY k
    ), cf AS (
        SELECT r.k, r.unit, r.t, r.xk, r.yk,
               %1$I.seg_cf_quantile7(d.c, r.rc) * r.t AS xc,
               %1$I.seg_cf_quantile7(d.cy, r.rcy) * r.t AS yc,
               %1$I.seg_cf_quantile7(d.s, r.rs) AS a,
               %1$I.seg_cf_quantile7(d.sy, r.rsy) AS b
        FROM ranked r JOIN dist d ON d.k = 3 - r.k
    ), est AS (
        SELECT k, unit,
               CASE $5 WHEN 'share' THEN xk * a / nullif(sum(a) OVER (PARTITION BY k), 0) ELSE xc END AS xh,
               CASE $5 WHEN 'composition' THEN t - xc
                       WHEN 'dual_composition' THEN yc
                       ELSE yk * b / nullif(sum(b) OVER (PARTITION BY k), 0) END AS yh
        FROM cf
    )
    SELECT k, %1$I.segtable(unit, grp, greatest(n, 0))
    FROM est, LATERAL (VALUES (CASE k WHEN 1 THEN $2 ELSE $4 END, coalesce(xh, 0)), ('rest', coalesce(yh, 0))) v(grp, n)
    GROUP BY k ORDER BY k
    $q$, schema_name) USING t1, grp1, t2, grp2, approach;
END
$$;

COMMENT ON FUNCTION seg_counterfactual_tables(segtable, text, segtable, text, text) IS
'PySAL counterfactual tables: context k''s units with the other context''s distribution of the group (groups grp_k and rest)';

CREATE FUNCTION seg_counterfactual_dissimilarity(t1 segtable, grp1 text, t2 segtable, grp2 text,
    approach text DEFAULT 'composition',
    OUT d1 float8, OUT d2 float8, OUT d1_cf float8, OUT d2_cf float8, OUT c_s float8, OUT c_a float8)
RETURNS record LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    schema_name text := (SELECT n.nspname FROM pg_catalog.pg_proc p
                         JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace
                         WHERE p.proname = 'seg_cells' LIMIT 1);
BEGIN
    EXECUTE format($q$
        SELECT %1$I.seg_dissimilarity($1, $2), %1$I.seg_dissimilarity($3, $4),
               max(%1$I.seg_dissimilarity(t, $2)) FILTER (WHERE context = 1),
               max(%1$I.seg_dissimilarity(t, $4)) FILTER (WHERE context = 2)
        FROM %1$I.seg_counterfactual_tables($1, $2, $3, $4, $5)
    $q$, schema_name) INTO d1, d2, d1_cf, d2_cf USING t1, grp1, t2, grp2, approach;
    -- G(S1,A1) = d1, G(S2,A2) = d2, G(S1,A2) = d1_cf, G(S2,A1) = d2_cf
    c_s := 0.5 * ((d1 - d2_cf) + (d1_cf - d2));
    c_a := 0.5 * ((d1 - d1_cf) + (d2_cf - d2));
END
$$;

COMMENT ON FUNCTION seg_counterfactual_dissimilarity(segtable, text, segtable, text, text) IS
'PySAL''s decomposition of D(t1, grp1) - D(t2, grp2) into spatial c_s and attribute c_a parts';
