-- Coordinator: a generated persons table kept locally (persons_local) and the
-- same rows in persons, hash-partitioned by kommun over two postgres_fdw
-- shards.  psql variables: sockdir, port1, port2, persons (row count), and
-- optionally kommuner (default 30) and lans (default 6).
\if :{?kommuner}
\else
\set kommuner 30
\endif
\if :{?lans}
\else
\set lans 6
\endif
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS postgres_fdw;
CREATE EXTENSION IF NOT EXISTS segindex CASCADE;

-- extensions 'segindex' lets postgres_fdw ship segindex's functions and
-- operators to the shards; without it no segindex aggregate is pushed down.
CREATE SERVER shard1 FOREIGN DATA WRAPPER postgres_fdw
    OPTIONS (host :'sockdir', port :'port1', dbname 'postgres',
             extensions 'segindex', batch_size '1000', fetch_size '10000',
             async_capable 'true');
CREATE SERVER shard2 FOREIGN DATA WRAPPER postgres_fdw
    OPTIONS (host :'sockdir', port :'port2', dbname 'postgres',
             extensions 'segindex', batch_size '1000', fetch_size '10000',
             async_capable 'true');
CREATE USER MAPPING FOR CURRENT_USER SERVER shard1 OPTIONS (user 'postgres');
CREATE USER MAPPING FOR CURRENT_USER SERVER shard2 OPTIONS (user 'postgres');

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

CREATE TABLE persons (LIKE persons_local) PARTITION BY HASH (kommun);
CREATE FOREIGN TABLE persons_s1 PARTITION OF persons
    FOR VALUES WITH (MODULUS 2, REMAINDER 0)
    SERVER shard1 OPTIONS (table_name 'persons', use_remote_estimate 'true');
CREATE FOREIGN TABLE persons_s2 PARTITION OF persons
    FOR VALUES WITH (MODULUS 2, REMAINDER 1)
    SERVER shard2 OPTIONS (table_name 'persons', use_remote_estimate 'true');
INSERT INTO persons SELECT * FROM persons_local;
ANALYZE persons_local;
