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

-- Rates per area type, transitions, stability ------------------------------
-- PL/pgSQL functions that pin search_path name segindex's own objects by
-- schema; the DO block substitutes it for @segindex@.

DO $areatype$
DECLARE
    f text;
BEGIN
    FOREACH f IN ARRAY ARRAY[

-- secondary suppression over the additive relations of one grouping's rows
$fn$
CREATE FUNCTION @segindex@._seg_secondary_suppress(types text[], bases float8[], suppressed boolean[])
RETURNS boolean[]
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $body$
DECLARE
    members text[];
    changed boolean := true;
    nsup int;
    pick int;
    rel int;
BEGIN
    -- In a relation (the type rows sum to the total; 1+2 = 1 + 2) with
    -- exactly one suppressed term, suppress the published term with the
    -- smallest base (ties: the earlier label); repeat until none remains.
    WHILE changed LOOP
        changed := false;
        FOR rel IN 1 .. 2 LOOP
            members := CASE rel WHEN 1 THEN '{1,2,3,4,5,none,total}'::text[] ELSE '{1,2,1+2}'::text[] END;
            SELECT count(*) FILTER (WHERE suppressed[i]) INTO nsup
            FROM generate_subscripts(types, 1) i
            WHERE types[i] = ANY (members);
            IF nsup = 1 THEN
                SELECT i INTO pick
                FROM generate_subscripts(types, 1) i
                WHERE types[i] = ANY (members) AND NOT suppressed[i]
                ORDER BY bases[i], array_position(members, types[i])
                LIMIT 1;
                IF pick IS NOT NULL THEN
                    suppressed[pick] := true;
                    changed := true;
                END IF;
            END IF;
        END LOOP;
    END LOOP;
    RETURN suppressed;
END
$body$
$fn$,

-- the core: rows (g, tau, c, b, pop) from any query
$fn$
CREATE FUNCTION @segindex@._seg_type_rates(q text, interval_kind text, level float8,
                                           min_base float8, min_part float8)
RETURNS TABLE (grouping_key text, area_type text, areas bigint, count float8, base float8,
               population float8, rate float8, lower float8, upper float8,
               relative_rate float8, population_share float8, count_share float8,
               suppressed text)
LANGUAGE plpgsql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $body$
DECLARE
    g record;
    r record;
    sup boolean[];
    prim boolean[];
    i int;
BEGIN
    IF interval_kind NOT IN ('wilson', 'poisson') THEN
        RAISE EXCEPTION 'argument "interval" must be ''wilson'' or ''poisson'''
            USING ERRCODE = '22023', DETAIL = format('Got %L.', interval_kind);
    END IF;
    IF min_base IN ('NaN', 'Infinity', '-Infinity') OR min_part IN ('NaN', 'Infinity', '-Infinity') THEN
        RAISE EXCEPTION 'arguments "min_base" and "min_part" must be finite'
            USING ERRCODE = '22023', DETAIL = format('Got %s and %s.', min_base, min_part);
    END IF;
    FOR g IN EXECUTE format($q$
        WITH d AS (%s),
        cells AS (
            SELECT d.g, CASE WHEN d.tau IS NULL THEN 'none' ELSE d.tau::text END AS t,
                   count(*) AS n, sum(d.c) AS c, sum(d.b) AS b, sum(d.pop) AS pop
            FROM d GROUP BY 1, 2
            UNION ALL
            SELECT d.g, '1+2', count(*), sum(d.c), sum(d.b), sum(d.pop)
            FROM d WHERE d.tau IN (1, 2) GROUP BY 1
            UNION ALL
            -- a negative or non-finite population makes the total NaN: refused below
            SELECT d.g, 'total', count(*), sum(d.c), sum(d.b),
                   sum(CASE WHEN d.pop IS NULL OR (d.pop >= 0 AND d.pop < 'Infinity') THEN d.pop ELSE 'NaN' END)
            FROM d GROUP BY 1
        )
        SELECT c.g, array_agg(c.t ORDER BY o) AS t, array_agg(c.n ORDER BY o) AS n,
               array_agg(c.c ORDER BY o) AS c, array_agg(c.b ORDER BY o) AS b,
               array_agg(c.pop ORDER BY o) AS pop
        FROM cells c, LATERAL (SELECT array_position('{1,2,1+2,3,4,5,none,total}'::text[], c.t) AS o) x
        GROUP BY c.g ORDER BY c.g
        $q$, q)
    LOOP
        IF g.pop[cardinality(g.t)] = 'NaN' THEN
            RAISE EXCEPTION 'argument "population_col": populations must be finite and non-negative'
                USING ERRCODE = '22023', DETAIL = format('Grouping %s has a negative or non-finite population.', g.g);
        END IF;
        prim := '{}';
        FOR i IN 1 .. cardinality(g.t) LOOP
            prim := prim || NOT (coalesce(g.b[i], 0) > min_base AND coalesce(g.c[i], 0) > min_part);
        END LOOP;
        sup := @segindex@._seg_secondary_suppress(g.t, g.b, prim);
        FOR i IN 1 .. cardinality(g.t) LOOP
            grouping_key := g.g;
            area_type := g.t[i];
            areas := g.n[i];
            base := g.b[i];
            population := g.pop[i];
            population_share := g.pop[i] / nullif(g.pop[cardinality(g.t)], 0);
            IF sup[i] THEN
                count := NULL; rate := NULL; lower := NULL; upper := NULL;
                relative_rate := NULL; count_share := NULL;
                suppressed := CASE WHEN prim[i] THEN 'primary' ELSE 'secondary' END;
            ELSE
                count := g.c[i];
                IF interval_kind = 'wilson' THEN
                    SELECT * INTO r FROM @segindex@.seg_wilson_interval(g.c[i], g.b[i], level);
                ELSE
                    SELECT * INTO r FROM @segindex@.seg_poisson_interval(g.c[i], g.b[i], level);
                END IF;
                rate := r.estimate; lower := r.lower; upper := r.upper;
                relative_rate := rate / nullif(g.c[cardinality(g.t)] / nullif(g.b[cardinality(g.t)], 0), 0);
                count_share := g.c[i] / nullif(g.c[cardinality(g.t)], 0);
                suppressed := NULL;
            END IF;
            RETURN NEXT;
        END LOOP;
    END LOOP;
END
$body$
$fn$,

$fn$
CREATE FUNCTION @segindex@.seg_type_rates(area_table regclass, grouping_col text, type_col text,
                                          count_col text, base_col text, population_col text,
                                          "interval" text DEFAULT 'wilson', level float8 DEFAULT 0.95,
                                          min_base float8 DEFAULT 20, min_part float8 DEFAULT 5)
RETURNS TABLE (grouping_key text, area_type text, areas bigint, count float8, base float8,
               population float8, rate float8, lower float8, upper float8,
               relative_rate float8, population_share float8, count_share float8,
               suppressed text)
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $body$
SELECT * FROM @segindex@._seg_type_rates(
    format('SELECT %s AS g, (a.%I)::int AS tau, (a.%I)::float8 AS c, (a.%I)::float8 AS b,
                   (%s)::float8 AS pop FROM %s a',
           CASE WHEN grouping_col IS NULL THEN '''riket''::text' ELSE format('(a.%I)::text', grouping_col) END,
           type_col, count_col, base_col,
           CASE WHEN population_col IS NULL THEN 'NULL' ELSE format('a.%I', population_col) END, @segindex@._seg_rel(area_table)),
    "interval", level, min_base, min_part)
$body$
$fn$,

$fn$
CREATE FUNCTION @segindex@.seg_type_rates_points(points regclass, point_geom text, point_weight text,
                                                 area_table regclass, area_key text, area_geom text,
                                                 grouping_col text, type_col text, base_col text,
                                                 population_col text,
                                                 "interval" text DEFAULT 'poisson', level float8 DEFAULT 0.95,
                                                 min_base float8 DEFAULT 20, min_part float8 DEFAULT 5)
RETURNS TABLE (grouping_key text, area_type text, areas bigint, count float8, base float8,
               population float8, rate float8, lower float8, upper float8,
               relative_rate float8, population_share float8, count_share float8,
               suppressed text)
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $body$
SELECT * FROM @segindex@._seg_type_rates(
    format($q$
        WITH gc AS (SELECT g.area, sum(%1$s) AS c
                    FROM @segindex@.seg_geocode(%2$L, NULL, %3$L, %4$L, %5$L, %6$L) g
                    JOIN %2$s p ON p.ctid = g.point::tid
                    WHERE g.area IS NOT NULL GROUP BY g.area)
        SELECT %7$s AS g, (a.%8$I)::int AS tau, coalesce(gc.c, 0)::float8 AS c,
               (a.%9$I)::float8 AS b, (%10$s)::float8 AS pop
        FROM %4$s a LEFT JOIN gc ON gc.area = (a.%5$I)::text
        $q$,
        CASE WHEN point_weight IS NULL THEN '1' ELSE format('(p.%I)::float8', point_weight) END,
        @segindex@._seg_rel(points), point_geom, @segindex@._seg_rel(area_table), area_key, area_geom,
        CASE WHEN grouping_col IS NULL THEN '''riket''::text' ELSE format('(a.%I)::text', grouping_col) END,
        type_col, base_col,
        CASE WHEN population_col IS NULL THEN 'NULL' ELSE format('a.%I', population_col) END),
    "interval", level, min_base, min_part)
$body$
$fn$,

$fn$
CREATE FUNCTION @segindex@.seg_area_types_over_time(indexes regclass, unit_col text, year_col text,
                                                    index_col text, base_year int DEFAULT NULL)
RETURNS TABLE (unit text, year int, index float8, type_recomputed int, type_fixed int)
LANGUAGE plpgsql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $body$
BEGIN
    -- (a) each year against its own mean and SD; (b) every year against
    -- the base year's mean and SD (§7).  The base year's statistics are of
    -- its values times 2^-e, e the exponent of their largest |value|
    -- (exact; no overflow at ±1e308, no underflow for denormals); a value
    -- of another year 2^1000 times beyond them is type 1 or 5 by its sign.
    RETURN QUERY EXECUTE format($q$
        WITH d AS (SELECT (x.%2$I)::text AS u, (x.%3$I)::int AS y, (x.%4$I)::float8 AS i FROM %1$s x),
        e AS (SELECT coalesce(greatest(floor(log(2, max(abs(d.i)) FILTER (WHERE abs(d.i) < 'Infinity')::numeric)),
                                       -1000), 0)::int AS e
              FROM d WHERE d.y = $1 AND d.i <> 0),
        b AS (SELECT e.e, power(2::float8, -e.e) AS s,
                     avg(d.i * power(2::float8, -e.e)) AS mu, stddev_samp(d.i * power(2::float8, -e.e)) AS sd
              FROM e LEFT JOIN d ON d.y = $1 GROUP BY e.e)
        SELECT d.u, d.y, d.i,
               @segindex@.seg_area_type(d.i) OVER (PARTITION BY d.y),
               CASE WHEN $1 IS NULL OR d.i IS NULL THEN NULL
                    WHEN b.e < 0 AND abs(d.i) < 'Infinity' AND abs(d.i) >= power(2::float8, 1000 + b.e) AND b.sd > 0
                    THEN CASE WHEN d.i > 0 THEN 1 ELSE 5 END
                    ELSE @segindex@.seg_area_type(d.i * b.s, b.mu, b.sd) END
        FROM d, b
        ORDER BY d.y, d.u
        $q$, @segindex@._seg_rel(indexes), unit_col, year_col, index_col) USING base_year;
END
$body$
$fn$,

$fn$
CREATE FUNCTION @segindex@.seg_type_transitions(types regclass, key_col text, year_col text,
                                                type_col text, from_year int, to_year int,
                                                grouping_col text DEFAULT NULL,
                                                population_col text DEFAULT NULL)
RETURNS TABLE (grouping_key text, from_type int, to_type int, areas bigint, population float8)
LANGUAGE plpgsql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $body$
DECLARE
    bad text;
    is_bad boolean;
BEGIN
    IF population_col IS NOT NULL THEN
        EXECUTE format('SELECT true, (x.%2$I)::text FROM %1$s x WHERE (x.%3$I)::int IN ($1, $2)
                        AND ((x.%4$I)::float8 < 0 OR (x.%4$I)::float8 IN (''NaN'', ''Infinity'')) LIMIT 1',
                       @segindex@._seg_rel(types), key_col, year_col, population_col)
            INTO is_bad, bad USING from_year, to_year;
        IF is_bad THEN
            RAISE EXCEPTION 'argument "population_col": populations must be finite and non-negative'
                USING ERRCODE = '22023', DETAIL = format('Area %s has a negative or non-finite population.', bad);
        END IF;
    END IF;
    -- a key twice in one year would be counted once per pairing
    EXECUTE format('SELECT true, (x.%2$I)::text FROM %1$s x
                    WHERE (x.%3$I)::int IN ($1, $2) AND x.%2$I IS NOT NULL
                    GROUP BY (x.%2$I)::text, (x.%3$I)::int HAVING count(*) > 1 LIMIT 1',
                   @segindex@._seg_rel(types), key_col, year_col)
        INTO is_bad, bad USING from_year, to_year;
    IF is_bad THEN
        RAISE EXCEPTION 'argument "key_col": key % appears more than once in one year', bad
            USING ERRCODE = '22023';
    END IF;
    -- Areas match on key; one present in a single year, or with a NULL
    -- type, enters as from/to NULL.  Grouping and population come from
    -- from_year, or from to_year for an area new in to_year.
    RETURN QUERY EXECUTE format($q$
        WITH d AS (SELECT (x.%2$I)::text AS k, (x.%3$I)::int AS y, (x.%4$I)::int AS t,
                          %5$s AS g, %6$s AS pop
                   FROM %1$s x WHERE (x.%3$I)::int IN ($1, $2)),
        a AS (SELECT * FROM d WHERE d.y = $1),
        b AS (SELECT * FROM d WHERE d.y = $2)
        SELECT coalesce(a.g, b.g), a.t, b.t, count(*), sum(coalesce(a.pop, b.pop))
        FROM a FULL JOIN b ON a.k = b.k
        GROUP BY 1, 2, 3
        ORDER BY 1, 2 NULLS LAST, 3 NULLS LAST
        $q$, @segindex@._seg_rel(types), key_col, year_col, type_col,
        CASE WHEN grouping_col IS NULL THEN '''riket''::text' ELSE format('(x.%I)::text', grouping_col) END,
        CASE WHEN population_col IS NULL THEN 'NULL::float8' ELSE format('(x.%I)::float8', population_col) END)
    USING from_year, to_year;
END
$body$
$fn$,

$fn$
CREATE FUNCTION @segindex@.seg_type_stability(types regclass, key_col text, year_col text,
                                              type_col text, from_year int, to_year int,
                                              grouping_col text DEFAULT NULL,
                                              population_col text DEFAULT NULL)
RETURNS TABLE (grouping_key text, areas bigint, stable_areas bigint, stability float8,
               population float8, stable_population float8, population_stability float8)
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $body$
SELECT t.grouping_key, sum(t.areas)::bigint, coalesce(sum(t.areas) FILTER (WHERE t.from_type = t.to_type), 0)::bigint,
       coalesce(sum(t.areas) FILTER (WHERE t.from_type = t.to_type), 0)::float8 / sum(t.areas),
       sum(t.population), coalesce(sum(t.population) FILTER (WHERE t.from_type = t.to_type), 0),
       coalesce(sum(t.population) FILTER (WHERE t.from_type = t.to_type), 0) / nullif(sum(t.population), 0)
FROM @segindex@.seg_type_transitions(types, key_col, year_col, type_col, from_year, to_year,
                                     grouping_col, population_col) t
GROUP BY t.grouping_key
ORDER BY t.grouping_key
$body$
$fn$

    ] LOOP
        EXECUTE replace(f, '@segindex@', quote_ident(current_schema()));
    END LOOP;
END
$areatype$;

COMMENT ON FUNCTION seg_type_rates(regclass, text, text, text, text, text, text, float8, float8, float8) IS
'Rate, interval, relative rate and shares per area type within each grouping, with primary and secondary suppression';
COMMENT ON FUNCTION seg_type_rates_points(regclass, text, text, regclass, text, text, text, text, text, text, text, float8, float8, float8) IS
'seg_type_rates for geocoded point records counted per area';
COMMENT ON FUNCTION seg_area_types_over_time(regclass, text, text, text, int) IS
'Area types per unit and year: recomputed per year and against a fixed base year';
COMMENT ON FUNCTION seg_type_transitions(regclass, text, text, text, int, int, text, text) IS
'Transition matrix of area types between two years as rows (grouping_key, from_type, to_type, areas, population)';
COMMENT ON FUNCTION seg_type_stability(regclass, text, text, text, int, int, text, text) IS
'Share of areas (and population) keeping their area type between two years';
