-- The generated persons_local table shared by the cluster tests and
-- bench/cluster.  psql variables: persons (row count), optionally kommuner
-- (default 30) and lans (default 6).
\if :{?kommuner}
\else
\set kommuner 30
\endif
\if :{?lans}
\else
\set lans 6
\endif

-- :persons persons in :kommuner kommuner of :lans län, 20 units per kommun, from two
-- multiplicative hashes of the row number.  A unit's persons spread evenly
-- over groups 1..m with m from 2 to 5 depending on the unit, so units differ
-- in mix and the measures are far from 0 and 1.  Weights are multiples of
-- 0.5: their sums are exact in any order.
CREATE TABLE persons_local AS
SELECT i AS id, 1 + (k - 1) * :lans / :kommuner AS lan, k AS kommun,
       k || '-' || u AS unit,
       CASE WHEN i % 997 = 0 THEN NULL
            ELSE (1 + (h2 % 1000) * (2 + (u + k) % 4) / 1000)::bigint END AS grp,
       (0.5 * (1 + i % 4))::float8 AS w
FROM generate_series(1::bigint, :persons) i,
     LATERAL (SELECT (i * 2654435761) % 4294967296 AS h,
                     (i * 40503 + 12345) % 65536 * 7 % 1009 AS h2) hh,
     LATERAL (SELECT 1 + h % :kommuner AS k, (h / :kommuner) % 20 AS u) x;

