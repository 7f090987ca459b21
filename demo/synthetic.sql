-- A synthetic Sweden for the demo, used when SCB's files are absent.
-- Deterministic: every random draw is a hash of (DeSO number, salt), so the
-- same data comes out on every machine and in any row order.  Two län, six
-- kommuner of different size, 1 km square DeSO in EPSG:3006 grouped 2 x 2
-- into RegSO, and indicators driven by a few deprived "hot spots" per
-- kommun plus noise.  Fills the same tables as demo/load_se.sql.

CREATE FUNCTION pg_temp.draw(n int, salt int) RETURNS float8
LANGUAGE sql IMMUTABLE PARALLEL SAFE
RETURN ('x' || substr(md5(n::text || ':' || salt::text), 1, 8))::bit(32)::bigint / 4294967296.0;

CREATE TEMP TABLE synth_kommun (kommun text, kommun_name text, lan text,
                                cols int, rows int, x0 float8, y0 float8,
                                hot_x float8[], hot_y float8[], hot_amp float8[]);
INSERT INTO synth_kommun VALUES
  ('9180', 'Storvik',   '91', 16, 12, 660000, 6580000, '{0.25,0.75,0.6}', '{0.3,0.8,0.45}', '{1.0,0.7,-0.22}'),
  ('9181', 'Norrby',    '91',  8,  6, 640000, 6594000, '{0.5,0.1}',       '{0.5,0.9}',      '{0.6,-0.2}'),
  ('9182', 'Åsala',     '91',  6,  4, 680000, 6594000, '{0.2,0.8}',       '{0.7,0.3}',      '{0.3,-0.2}'),
  ('9183', 'Skogsbo',   '91',  4,  4, 640000, 6566000, '{0.5}',           '{0.5}',          '{0.1}'),
  ('9280', 'Hamnstad',  '92', 12, 10, 380000, 6400000, '{0.8,0.2}',       '{0.2,0.8}',      '{0.9,-0.22}'),
  ('9281', 'Lundö',     '92',  6,  6, 396000, 6400000, '{0.3,0.7}',       '{0.6,0.2}',      '{0.4,-0.2}');

CREATE TABLE deso (
    deso text PRIMARY KEY,
    regso text NOT NULL,
    regso_name text,
    kommun text NOT NULL,
    kommun_name text,
    lan text NOT NULL,
    geom geometry(MultiPolygon, 3006)
);

CREATE TEMP TABLE synth_cell AS
SELECT k.*, c, r,
       row_number() OVER (ORDER BY k.kommun, r, c)::int AS n,
       -- deprivation: Gaussian bumps around deprived (a > 0) and affluent
       -- (a < 0) spots
       (SELECT sum(a * exp(-40 * (((c + 0.5) / k.cols - hx) ^ 2 + ((r + 0.5) / k.rows - hy) ^ 2)))
        FROM unnest(k.hot_x, k.hot_y, k.hot_amp) AS h(hx, hy, a)) AS s
FROM synth_kommun k, generate_series(0, k.cols - 1) c, generate_series(0, k.rows - 1) r;

INSERT INTO deso
SELECT kommun || 'C' || lpad((row_number() OVER (PARTITION BY kommun ORDER BY r, c))::text, 4, '0'),
       kommun || 'R' || lpad((dense_rank() OVER (PARTITION BY kommun ORDER BY r / 2, c / 2))::text, 3, '0'),
       kommun_name || ' ' || (r / 2 + 1) || ':' || (c / 2 + 1),
       kommun, kommun_name, lan,
       ST_Multi(ST_MakeEnvelope(x0 + 1000 * c, y0 + 1000 * r,
                                x0 + 1000 * (c + 1), y0 + 1000 * (r + 1), 3006))
FROM synth_cell;

CREATE TABLE deso_facts AS
WITH p AS (
    SELECT d.deso, c.s,
           round(700 + 1800 * pg_temp.draw(c.n, 1)) AS pop,
           least(95, greatest(1, 11 + 45 * c.s + 8 * (pg_temp.draw(c.n, 2) - 0.5))) AS v1_pct,
           least(95, greatest(1, 13 + 30 * c.s + 6 * (pg_temp.draw(c.n, 3) - 0.5))) AS v2_pct,
           least(95, greatest(0.5, 4 + 14 * c.s + 3 * (pg_temp.draw(c.n, 4) - 0.5))) AS v3_pct,
           least(80, greatest(1, 32 - 28 * c.s + 10 * (pg_temp.draw(c.n, 5) - 0.5))) AS high_pct
    FROM synth_cell c
    JOIN deso d ON d.kommun = c.kommun
               AND ST_Intersects(d.geom, ST_SetSRID(ST_MakePoint(c.x0 + 1000 * c.c + 500,
                                                               c.y0 + 1000 * c.r + 500), 3006))
)
SELECT deso,
       pop,
       round(v1_pct / 100 * round(0.97 * pop)) AS v1_num,
       round(0.97 * pop) AS v1_den,
       round(v2_pct / 100 * round(0.52 * pop)) AS v2_num,
       round(0.52 * pop) AS v2_den,
       round(v3_pct / 100 * round(0.48 * pop)) AS v3_num,
       round(0.48 * pop) AS v3_den,
       round(v1_pct / 100 * round(0.97 * pop)) AS low_persons,
       round(high_pct / 100 * round(0.97 * pop)) AS high_persons
FROM p;
ALTER TABLE deso_facts ADD PRIMARY KEY (deso);
CREATE INDEX ON deso USING gist (geom);
ANALYZE deso, deso_facts;
