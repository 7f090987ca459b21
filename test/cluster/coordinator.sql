-- Coordinator: a generated persons table kept locally (persons_local) and the
-- same rows in persons, hash-partitioned by kommun over two postgres_fdw
-- shards.  psql variables: sockdir, port1, port2, and those of persons.sql.
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

\ir persons.sql

CREATE TABLE persons (LIKE persons_local) PARTITION BY HASH (kommun);
CREATE FOREIGN TABLE persons_s1 PARTITION OF persons
    FOR VALUES WITH (MODULUS 2, REMAINDER 0)
    SERVER shard1 OPTIONS (table_name 'persons', use_remote_estimate 'true');
CREATE FOREIGN TABLE persons_s2 PARTITION OF persons
    FOR VALUES WITH (MODULUS 2, REMAINDER 1)
    SERVER shard2 OPTIONS (table_name 'persons', use_remote_estimate 'true');
INSERT INTO persons SELECT * FROM persons_local;
ANALYZE persons_local;
