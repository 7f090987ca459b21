-- Own geographies (METHODOLOGY §5): layer checks, crosswalks between two
-- polygon layers by area or by an ancillary population, applying them to
-- counts, rates and segtables, and geocoding points to areas.
--
-- The geometry work runs in PostGIS.  PG15 has no @extschema:postgis@, so
-- the function texts below name PostGIS as @postgis@ and segindex as
-- @segindex@; the DO block looks both schemas up and creates the functions
-- with the names substituted.  Every function pins search_path.

DO $geographies$
DECLARE
    postgis_schema text;
    f text;
BEGIN
    SELECT quote_ident(n.nspname) INTO postgis_schema
    FROM pg_catalog.pg_extension e JOIN pg_catalog.pg_namespace n ON n.oid = e.extnamespace
    WHERE e.extname = 'postgis';
    IF postgis_schema IS NULL THEN
        RAISE EXCEPTION 'segindex requires the postgis extension';
    END IF;

    FOREACH f IN ARRAY ARRAY[

-- a relation's schema-qualified name: a temp table must not be shadowed by
-- the CTE names of the queries below
$fn$
CREATE FUNCTION @segindex@._seg_rel(r regclass)
RETURNS text
LANGUAGE plpgsql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $body$
DECLARE
    name text;
BEGIN
    -- a NULL table would leave "FROM  x" in the callers' queries (42P01)
    IF r IS NULL THEN
        RAISE EXCEPTION 'a table argument (regclass) must not be NULL' USING ERRCODE = '22004';
    END IF;
    SELECT format('%I.%I', n.nspname, c.relname) INTO name
    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.oid = r;
    RETURN name;
END
$body$
$fn$,

-- seg_layer_check ------------------------------------------------------------
$fn$
CREATE FUNCTION @segindex@.seg_layer_check(layer regclass, key_col text, geom_col text,
                                           OUT srid int, OUT units bigint, OUT null_geoms bigint,
                                           OUT geographic boolean)
RETURNS record
LANGUAGE plpgsql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $body$
DECLARE
    nsrid int;
    bad text;
    reason text;
BEGIN
    -- a text column would reach PostGIS's parser, whose errors are XX000
    IF EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = layer AND a.attname = geom_col
               AND NOT a.attisdropped AND a.atttypid <> '@postgis@.geometry'::regtype) THEN
        RAISE EXCEPTION 'column "%" of % is not of type geometry', geom_col, layer
            USING ERRCODE = '22023';
    END IF;
    EXECUTE format('SELECT count(DISTINCT @postgis@.ST_SRID(l.%2$I)), min(@postgis@.ST_SRID(l.%2$I)),
                           count(*), count(*) FILTER (WHERE l.%2$I IS NULL OR @postgis@.ST_IsEmpty(l.%2$I))
                    FROM %1$s l', @segindex@._seg_rel(layer), geom_col)
    INTO nsrid, srid, units, null_geoms;
    IF nsrid > 1 THEN
        RAISE EXCEPTION 'layer % mixes % SRIDs in column "%"', layer, nsrid, geom_col
            USING ERRCODE = '22023';
    END IF;
    EXECUTE format('SELECT (l.%2$I)::text, @postgis@.ST_IsValidReason(l.%3$I) FROM %1$s l
                    WHERE l.%3$I IS NOT NULL AND NOT @postgis@.ST_IsValid(l.%3$I) LIMIT 1',
                   layer, key_col, geom_col)
    INTO bad, reason;
    IF reason IS NOT NULL THEN
        RAISE EXCEPTION 'invalid geometry for unit "%" of layer %', bad, layer
            USING ERRCODE = '22023', DETAIL = reason,
                  HINT = 'Repair it, for example with ST_MakeValid.';
    END IF;
    SELECT r.srtext ~ '^\s*GEOG' INTO geographic
    FROM @postgis@.spatial_ref_sys r WHERE r.srid = seg_layer_check.srid;
    geographic := coalesce(geographic, false);
END
$body$
$fn$,

-- two layers: same SRID, projected (for areas) -------------------------------
$fn$
CREATE FUNCTION @segindex@._seg_layer_pair(a regclass, a_key text, a_geom text,
                                           b regclass, b_key text, b_geom text,
                                           need_area boolean)
RETURNS int
LANGUAGE plpgsql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $body$
DECLARE
    la record;
    lb record;
BEGIN
    la := @segindex@.seg_layer_check(a, a_key, a_geom);
    lb := @segindex@.seg_layer_check(b, b_key, b_geom);
    IF la.srid IS DISTINCT FROM lb.srid AND la.srid IS NOT NULL AND lb.srid IS NOT NULL THEN
        RAISE EXCEPTION 'SRID mismatch: % has SRID %, % has SRID %', a, la.srid, b, lb.srid
            USING ERRCODE = '22023', HINT = 'ST_Transform one layer to the other''s SRID.';
    END IF;
    IF need_area AND (la.geographic OR lb.geographic) THEN
        RAISE EXCEPTION 'SRID % is geographic: areas in square degrees are not ground areas',
                        coalesce(la.srid, lb.srid)
            USING ERRCODE = '22023', HINT = 'ST_Transform both layers to a projected SRID (in Sweden 3006).';
    END IF;
    RETURN coalesce(la.srid, lb.srid);
END
$body$
$fn$,

-- ordering of keys: integers numerically, text bytewise ------------------------
$fn$
CREATE FUNCTION @segindex@._seg_key_order(layer regclass, key_col text, alias text)
RETURNS text
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $body$
SELECT CASE WHEN a.atttypid IN ('int2'::regtype, 'int4'::regtype, 'int8'::regtype, 'numeric'::regtype)
            THEN format('%s.%I', alias, key_col)
            ELSE format('(%s.%I)::text COLLATE "C"', alias, key_col) END
FROM pg_attribute a
WHERE a.attrelid = layer AND a.attname = key_col AND NOT a.attisdropped
$body$
$fn$,

-- seg_geocode ------------------------------------------------------------------
$fn$
CREATE FUNCTION @segindex@.seg_geocode(points regclass, point_key text, point_geom text,
                                       areas regclass, area_key text, area_geom text)
RETURNS TABLE (point text, area text, rule text)
LANGUAGE plpgsql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $body$
DECLARE
    ord text := @segindex@._seg_key_order(areas, area_key, 'a');
    pk text := CASE WHEN point_key IS NULL THEN 'p.ctid' ELSE format('p.%I', point_key) END;
    r record;
    n_in bigint := 0;
    n_bd bigint := 0;
    n_ov bigint := 0;
    n_out bigint := 0;
    n_null bigint := 0;
BEGIN
    -- before the key lookup, which would read a NULL table as a missing column
    IF points IS NULL OR areas IS NULL THEN
        RAISE EXCEPTION 'argument "%" must not be NULL', CASE WHEN points IS NULL THEN 'points' ELSE 'areas' END
            USING ERRCODE = '22004';
    END IF;
    IF ord IS NULL THEN
        RAISE EXCEPTION 'column "%" does not exist in %', area_key, areas USING ERRCODE = '42703';
    END IF;
    PERFORM @segindex@._seg_layer_pair(points, coalesce(point_key, point_geom), point_geom,
                                        areas, area_key, area_geom, false);
    -- Interior of exactly one polygon: that one.  On a boundary or in an
    -- overlap: the covering polygon with the smallest key (§5.5).
    FOR r IN EXECUTE format($q$
        SELECT (%3$s)::text AS point,
               c.k AS area,
               CASE WHEN p.%4$I IS NULL OR @postgis@.ST_IsEmpty(p.%4$I) THEN 'null'
                    WHEN c.k IS NULL THEN 'outside'
                    WHEN c.ni = 1 AND c.interior THEN 'interior'
                    WHEN c.ni > 1 THEN 'overlap'
                    ELSE 'boundary' END AS rule
        FROM %1$s p
        LEFT JOIN LATERAL (
            SELECT w.k, w.interior, w.ni
            FROM (SELECT (a.%5$I)::text AS k, %6$s AS o,
                         @postgis@.ST_Contains(a.%7$I, p.%4$I) AS interior,
                         count(*) FILTER (WHERE @postgis@.ST_Contains(a.%7$I, p.%4$I)) OVER () AS ni
                  FROM %2$s a
                  WHERE @postgis@.ST_Covers(a.%7$I, p.%4$I)) w
            ORDER BY (w.ni = 1 AND w.interior) DESC, w.o
            LIMIT 1) c ON true
        $q$, @segindex@._seg_rel(points), @segindex@._seg_rel(areas), pk, point_geom, area_key, ord, area_geom)
    LOOP
        CASE r.rule
            WHEN 'interior' THEN n_in := n_in + 1;
            WHEN 'boundary' THEN n_bd := n_bd + 1;
            WHEN 'overlap' THEN n_ov := n_ov + 1;
            WHEN 'outside' THEN n_out := n_out + 1;
            ELSE n_null := n_null + 1;
        END CASE;
        point := r.point; area := r.area; rule := r.rule;
        RETURN NEXT;
    END LOOP;
    RAISE NOTICE 'geocoded % points: % interior, % on a boundary, % in an overlap, % outside every area (% %%), % NULL or empty',
        n_in + n_bd + n_ov + n_out + n_null, n_in, n_bd, n_ov, n_out,
        round(100.0 * n_out / greatest(n_in + n_bd + n_ov + n_out + n_null, 1), 2), n_null;
END
$body$
$fn$,

-- seg_crosswalk (area weights) --------------------------------------------------
$fn$
CREATE FUNCTION @segindex@.seg_crosswalk(source_table regclass, source_key text, source_geom text,
                                         target_table regclass, target_key text, target_geom text)
RETURNS TABLE (source text, target text, weight float8, share float8,
               area float8, population float8, fallback boolean)
LANGUAGE plpgsql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $body$
BEGIN
    PERFORM @segindex@._seg_layer_pair(source_table, source_key, source_geom,
                                        target_table, target_key, target_geom, true);
    RETURN QUERY EXECUTE format($q$
        WITH x AS MATERIALIZED (
            SELECT (s.%3$I)::text AS sk, (t.%5$I)::text AS tk,
                   CASE WHEN @postgis@.ST_CoveredBy(s.%4$I, t.%6$I) THEN @postgis@.ST_Area(s.%4$I)
                        ELSE @postgis@.ST_Area(@postgis@.ST_Intersection(s.%4$I, t.%6$I)) END AS a
            FROM %1$s s JOIN %2$s t ON @postgis@.ST_Intersects(s.%4$I, t.%6$I)
        ), src AS MATERIALIZED (
            SELECT (s.%3$I)::text AS sk, @postgis@.ST_Area(s.%4$I) AS area
            FROM %1$s s WHERE s.%4$I IS NOT NULL AND NOT @postgis@.ST_IsEmpty(s.%4$I)
        ), tot AS (
            SELECT x.sk, sum(x.a) AS suma FROM x WHERE x.a > 0 GROUP BY x.sk
        )
        SELECT x.sk, x.tk, x.a / tot.suma, x.a / nullif(src.area, 0), x.a, NULL::float8, false
        FROM x JOIN tot USING (sk) JOIN src USING (sk)
        WHERE x.a > 0
        UNION ALL
        SELECT src.sk, NULL, CASE WHEN tot.suma IS NULL THEN 1 ELSE 0 END::float8,
               (src.area - coalesce(tot.suma, 0)) / nullif(src.area, 0),
               src.area - coalesce(tot.suma, 0), NULL, false
        FROM src LEFT JOIN tot USING (sk)
        WHERE tot.suma IS NULL OR src.area - tot.suma > 1e-9 * src.area
        UNION ALL
        SELECT NULL, (t.%5$I)::text, 0, 0, 0, NULL, false
        FROM %2$s t
        WHERE t.%6$I IS NOT NULL
          AND NOT EXISTS (SELECT 1 FROM x WHERE x.tk = (t.%5$I)::text AND x.a > 0)
        $q$, @segindex@._seg_rel(source_table), @segindex@._seg_rel(target_table), source_key, source_geom, target_key, target_geom);
END
$body$
$fn$,

-- seg_crosswalk_population (dasymetric) ----------------------------------------
$fn$
CREATE FUNCTION @segindex@.seg_crosswalk_population(
    source_table regclass, source_key text, source_geom text,
    target_table regclass, target_key text, target_geom text,
    ancillary regclass, ancillary_population text, ancillary_geom text)
RETURNS TABLE (source text, target text, weight float8, share float8,
               area float8, population float8, fallback boolean)
LANGUAGE plpgsql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $body$
DECLARE
    kind text;
    pij text;
    nfall bigint := 0;
    nsrc bigint := 0;
    nneg bigint;
    prev text;
    r record;
BEGIN
    PERFORM @segindex@._seg_layer_pair(source_table, source_key, source_geom,
                                        ancillary, ancillary_geom, ancillary_geom, true);
    EXECUTE format('SELECT DISTINCT @postgis@.ST_Dimension(c.%2$I) FROM %1$s c
                    WHERE c.%2$I IS NOT NULL AND NOT @postgis@.ST_IsEmpty(c.%2$I)',
                   @segindex@._seg_rel(ancillary), ancillary_geom) INTO kind;   -- errors if mixed
    IF kind = '0' THEN
        -- points: each point's source and target by the §5.5 rule
        pij := format($q$
            SELECT gs.area AS sk, gt.area AS tk, (c.%1$I)::float8 AS p
            FROM @segindex@.seg_geocode(%2$L, NULL, %3$L, %4$L, %5$L, %6$L) gs
            JOIN @segindex@.seg_geocode(%2$L, NULL, %3$L, %7$L, %8$L, %9$L) gt USING (point)
            JOIN %2$s c ON c.ctid = gs.point::tid
            WHERE gs.area IS NOT NULL AND c.%1$I IS NOT NULL
            $q$, ancillary_population, @segindex@._seg_rel(ancillary), ancillary_geom, @segindex@._seg_rel(source_table), source_key, source_geom,
                 @segindex@._seg_rel(target_table), target_key, target_geom);
    ELSIF kind = '2' THEN
        -- polygons: population spread uniformly over each cell
        pij := format($q$
            WITH ci AS MATERIALIZED (
                SELECT (s.%5$I)::text AS sk, (c.%1$I)::float8 / @postgis@.ST_Area(c.%3$I) AS d,
                       @postgis@.ST_Intersection(c.%3$I, s.%6$I) AS g
                FROM %2$s c JOIN %4$s s ON @postgis@.ST_Intersects(c.%3$I, s.%6$I)
                WHERE c.%1$I IS NOT NULL AND @postgis@.ST_Area(c.%3$I) > 0
            ), cit AS MATERIALIZED (
                SELECT ci.sk, (t.%8$I)::text AS tk,
                       ci.d * @postgis@.ST_Area(@postgis@.ST_Intersection(ci.g, t.%9$I)) AS p
                FROM ci JOIN %7$s t ON @postgis@.ST_Intersects(ci.g, t.%9$I)
            )
            SELECT ci.sk, NULL::text AS tk, ci.d * @postgis@.ST_Area(ci.g) AS p FROM ci
            UNION ALL
            SELECT cit.sk, NULL, -cit.p FROM cit
            UNION ALL
            SELECT cit.sk, cit.tk, cit.p FROM cit
            $q$, ancillary_population, @segindex@._seg_rel(ancillary), ancillary_geom, @segindex@._seg_rel(source_table), source_key, source_geom,
                 @segindex@._seg_rel(target_table), target_key, target_geom);
    ELSIF kind IS NOT NULL THEN
        RAISE EXCEPTION 'ancillary layer % must hold points or polygons', ancillary
            USING ERRCODE = '22023';
    ELSE
        pij := 'SELECT NULL::text AS sk, NULL::text AS tk, NULL::float8 AS p WHERE false';
    END IF;
    EXECUTE format('SELECT count(*) FROM %1$s c WHERE NOT (c.%2$I::float8 >= 0
                    AND c.%2$I::float8 < ''Infinity'')', @segindex@._seg_rel(ancillary), ancillary_population) INTO nneg;
    IF nneg > 0 THEN
        RAISE EXCEPTION 'column "%" of % must hold finite, non-negative populations',
                        ancillary_population, ancillary USING ERRCODE = '22023';
    END IF;
    -- pij rows: (sk, tk, p); a point outside every target has tk NULL.  For
    -- polygons the NULL-tk rows carry P_i and the minus rows take the
    -- targets' parts off, so that tk NULL sums to the part outside.
    FOR r IN EXECUTE format($q$
        WITH aw AS MATERIALIZED (
            SELECT * FROM @segindex@.seg_crosswalk(%1$L, %2$L, %3$L, %4$L, %5$L, %6$L)
        ), pp AS MATERIALIZED (
            SELECT sk, tk, sum(p) AS p FROM (%7$s) q GROUP BY sk, tk
        ), ps AS (
            SELECT sk, sum(p) FILTER (WHERE tk IS NOT NULL) AS intarget, sum(p) AS total
            FROM pp GROUP BY sk
        ), ok AS (
            SELECT * FROM ps WHERE intarget > 0
        ), rows(source, target, weight, share, area, population, fallback) AS (
            SELECT pp.sk, pp.tk, pp.p / ok.intarget AS weight, pp.p / ok.total AS share,
                   aw.area, pp.p AS population, false AS fallback
            FROM pp JOIN ok USING (sk) LEFT JOIN aw ON aw.source = pp.sk AND aw.target = pp.tk
            WHERE pp.tk IS NOT NULL AND pp.p > 0
            UNION ALL
            SELECT ok.sk, NULL, 0, (ok.total - ok.intarget) / ok.total, aw.area,
                   ok.total - ok.intarget, false
            FROM ok LEFT JOIN aw ON aw.source = ok.sk AND aw.target IS NULL
            WHERE ok.total - ok.intarget > 1e-9 * ok.total
            UNION ALL
            SELECT aw.source, aw.target, aw.weight, aw.share, aw.area, 0, true
            FROM aw
            WHERE aw.source IS NOT NULL AND aw.source NOT IN (SELECT sk FROM ok)
        )
        SELECT * FROM rows
        UNION ALL
        SELECT NULL, t.tk, 0, 0, 0, 0, false
        FROM (SELECT DISTINCT aw.target AS tk FROM aw WHERE aw.target IS NOT NULL) t
        WHERE t.tk NOT IN (SELECT r.target FROM rows r WHERE r.target IS NOT NULL)
        ORDER BY 1 NULLS LAST, 2 NULLS LAST
        $q$, @segindex@._seg_rel(source_table), source_key, source_geom, @segindex@._seg_rel(target_table), target_key, target_geom, pij)
    LOOP
        IF r.source IS DISTINCT FROM prev THEN
            nsrc := nsrc + (r.source IS NOT NULL)::int;
            nfall := nfall + (r.source IS NOT NULL AND r.fallback)::int;
            prev := r.source;
        END IF;
        source := r.source; target := r.target; weight := r.weight; share := r.share;
        area := r.area; population := r.population; fallback := r.fallback;
        RETURN NEXT;
    END LOOP;
    RAISE NOTICE 'population crosswalk: % of % sources fell back to area weights (no ancillary population in any target)',
                 nfall, nsrc;
END
$body$
$fn$,

-- applying a crosswalk: counts (extensive) ----------------------------------------
$fn$
CREATE FUNCTION @segindex@.seg_crosswalk_extensive(crosswalk regclass, data regclass,
                                                   data_key text, data_value text,
                                                   allocate_total boolean DEFAULT true)
RETURNS TABLE (target text, value float8, sources bigint)
LANGUAGE plpgsql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $body$
DECLARE
    r record;
    total float8 := 0;
    outside float8 := 0;
    unreached bigint := 0;
    missing bigint;
    bad text;
    is_bad boolean;
BEGIN
    -- non-finite values would spread NaN through every sum
    EXECUTE format('SELECT true, (d.%2$I)::text FROM %1$s d WHERE (d.%3$I)::float8 IN (''NaN'', ''Infinity'', ''-Infinity'') LIMIT 1',
                   @segindex@._seg_rel(data), data_key, data_value)
        INTO is_bad, bad;
    IF is_bad THEN
        RAISE EXCEPTION 'argument "data_value": column "%" of % holds a non-finite value (key %)', data_value, data, bad
            USING ERRCODE = '22023';
    END IF;
    -- Data rows whose key the crosswalk lacks go to the NULL target whole.
    FOR r IN EXECUTE format($q$
        WITH d AS (SELECT (d.%3$I)::text AS k, (d.%4$I)::float8 AS v FROM %2$s d WHERE d.%4$I IS NOT NULL),
        cw AS (SELECT c.source, c.target, CASE WHEN %5$L THEN c.weight ELSE c.share END AS w
               FROM %1$s c)
        SELECT cw.target, sum(cw.w * d.v) AS value, count(d.k) AS sources
        FROM cw LEFT JOIN d ON d.k = cw.source
        WHERE cw.target IS NOT NULL
        GROUP BY cw.target
        UNION ALL
        SELECT NULL, coalesce(sum(coalesce(cw.w, 1) * d.v), 0), count(*) FILTER (WHERE cw.source IS NULL)
        FROM d LEFT JOIN cw ON cw.source = d.k
        WHERE cw.source IS NULL OR cw.target IS NULL
        ORDER BY 1 NULLS LAST
        $q$, @segindex@._seg_rel(crosswalk), @segindex@._seg_rel(data), data_key, data_value, allocate_total)
    LOOP
        target := r.target;
        sources := r.sources;
        value := coalesce(r.value, 0);
        IF r.target IS NULL THEN
            outside := value;
            missing := r.sources;
        ELSIF r.sources = 0 THEN
            unreached := unreached + 1;
        END IF;
        total := total + value;
        RETURN NEXT;
    END LOOP;
    RAISE NOTICE 'crosswalk: % (% %% of the total) lands outside every target (% data rows not in the crosswalk); % targets reached by no source',
        outside, round((100 * outside / nullif(total, 0))::numeric, 4), missing, unreached;
END
$body$
$fn$,

-- applying a crosswalk: rates and means (intensive) ---------------------------------
$fn$
CREATE FUNCTION @segindex@.seg_crosswalk_intensive(crosswalk regclass, data regclass,
                                                   data_key text, data_value text)
RETURNS TABLE (target text, value float8, sources bigint)
LANGUAGE plpgsql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $body$
DECLARE
    bad text;
    is_bad boolean;
BEGIN
    -- non-finite values would spread NaN through every sum
    EXECUTE format('SELECT true, (d.%2$I)::text FROM %1$s d WHERE (d.%3$I)::float8 IN (''NaN'', ''Infinity'', ''-Infinity'') LIMIT 1',
                   @segindex@._seg_rel(data), data_key, data_value)
        INTO is_bad, bad;
    IF is_bad THEN
        RAISE EXCEPTION 'argument "data_value": column "%" of % holds a non-finite value (key %)', data_value, data, bad
            USING ERRCODE = '22023';
    END IF;
    -- Population weights where the target has ancillary population, area
    -- weights otherwise (§5.2); a target no valued source reaches is NULL.
    RETURN QUERY EXECUTE format($q$
        WITH d AS (SELECT (d.%3$I)::text AS k, (d.%4$I)::float8 AS v FROM %2$s d WHERE d.%4$I IS NOT NULL),
        j AS (SELECT c.target, c.area, c.population, d.v
              FROM %1$s c LEFT JOIN d ON d.k = c.source
              WHERE c.target IS NOT NULL),
        bytarget AS (SELECT j.target, coalesce(sum(j.population) FILTER (WHERE j.v IS NOT NULL), 0) > 0 AS bypop
                     FROM j GROUP BY j.target)
        SELECT j.target,
               sum(CASE WHEN b.bypop THEN j.population ELSE j.area END * j.v)
                 / nullif(sum(CASE WHEN b.bypop THEN j.population ELSE j.area END)
                          FILTER (WHERE j.v IS NOT NULL), 0),
               count(j.v) FILTER (WHERE CASE WHEN b.bypop THEN j.population ELSE j.area END > 0)
        FROM j JOIN bytarget b USING (target)
        GROUP BY j.target
        ORDER BY 1
        $q$, @segindex@._seg_rel(crosswalk), @segindex@._seg_rel(data), data_key, data_value);
END
$body$
$fn$,

-- applying a crosswalk: a whole segtable -------------------------------------------
$fn$
CREATE FUNCTION @segindex@.seg_crosswalk_segtable(crosswalk regclass, tbl @segindex@.segtable,
                                                  allocate_total boolean DEFAULT true,
                                                  OUT result @segindex@.segtable,
                                                  OUT outside float8, OUT outside_share float8,
                                                  OUT unreached bigint)
RETURNS record
LANGUAGE plpgsql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $body$
BEGIN
    -- t~_jm = sum_i w_ij t_im per group (§5.4).  Units the crosswalk lacks
    -- and the parts outside every target are counted in "outside".
    EXECUTE format($q$
        WITH c AS (SELECT * FROM @segindex@.seg_cells($1)),
        cw AS (SELECT x.source, x.target, CASE WHEN %2$L THEN x.weight ELSE x.share END AS w
               FROM %1$s x),
        moved AS (SELECT cw.target, c.grp, sum(cw.w * c.n) AS n
                  FROM c JOIN cw ON cw.source = c.unit
                  WHERE cw.target IS NOT NULL GROUP BY cw.target, c.grp)
        SELECT (SELECT @segindex@.segtable(m.target, m.grp, m.n) FROM moved m WHERE m.n > 0),
               (SELECT coalesce(sum(coalesce(cw.w, 1) * c.n), 0)
                FROM c LEFT JOIN cw ON cw.source = c.unit
                WHERE cw.source IS NULL OR cw.target IS NULL),
               (SELECT count(DISTINCT x.target) FROM %1$s x
                WHERE x.target IS NOT NULL
                  AND x.target NOT IN (SELECT cw.target FROM c JOIN cw ON cw.source = c.unit
                                       WHERE cw.target IS NOT NULL AND cw.w > 0))
        $q$, @segindex@._seg_rel(crosswalk), allocate_total)
    INTO result, outside, unreached USING tbl;
    outside_share := outside / nullif(@segindex@.seg_total(tbl), 0);
    result := coalesce(result, '{}'::@segindex@.segtable);
END
$body$
$fn$,

-- incomestats: refused ----------------------------------------------------------------
$fn$
CREATE FUNCTION @segindex@.seg_crosswalk_incomestats(crosswalk regclass, stats @segindex@.incomestats,
                                                     allocate_total boolean DEFAULT true)
RETURNS @segindex@.incomestats
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $body$
BEGIN
    RAISE EXCEPTION 'an incomestats value cannot be reallocated through a crosswalk'
        USING ERRCODE = '0A000',
              DETAIL = 'incomestats holds whole-person counts, zero and negative income counts and per-unit '
                       'sums of a distribution; splitting a unit by area or population shares would '
                       'invent fractional persons and income distributions nobody observed.',
              HINT = 'Geocode the income microdata to the target layer (seg_geocode) and build incomestats there.';
END
$body$
$fn$

    ] LOOP
        EXECUTE replace(replace(f, '@postgis@', postgis_schema), '@segindex@',
                        quote_ident(current_schema()));
    END LOOP;
END
$geographies$;

COMMENT ON FUNCTION seg_layer_check(regclass, text, text) IS
'Checks a layer: one SRID, valid geometries (error naming the unit); returns srid, units, NULL geometries, geographic';
COMMENT ON FUNCTION seg_geocode(regclass, text, text, regclass, text, text) IS
'Each point''s area: the interior containing it, else the covering polygon with the smallest key; outside and NULL counted';
COMMENT ON FUNCTION seg_crosswalk(regclass, text, text, regclass, text, text) IS
'Area-weighted crosswalk rows (source, target, weight, share, area, population, fallback); outside and unreached rows included';
COMMENT ON FUNCTION seg_crosswalk_population(regclass, text, text, regclass, text, text, regclass, text, text) IS
'Population-weighted (dasymetric) crosswalk from ancillary points or polygons; sources without population fall back to area weights';
COMMENT ON FUNCTION seg_crosswalk_extensive(regclass, regclass, text, text, boolean) IS
'Counts through a crosswalk; the NULL target carries the mass outside every target';
COMMENT ON FUNCTION seg_crosswalk_intensive(regclass, regclass, text, text) IS
'Rates and means through a crosswalk (weighted by population, else area); NULL for unreached targets';
COMMENT ON FUNCTION seg_crosswalk_segtable(regclass, segtable, boolean) IS
'A segtable''s unit x group counts reallocated to the targets, with the count outside and unreached targets';
COMMENT ON FUNCTION seg_crosswalk_incomestats(regclass, incomestats, boolean) IS
'Refuses (0A000): incomestats cannot be split by weights; geocode the microdata instead';
