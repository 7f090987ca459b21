-- Citus coordinator: persons_local as in persons.sql and the same rows in
-- persons, distributed by kommun over the two workers.
SET client_min_messages = warning;
\ir persons.sql
CREATE TABLE persons (LIKE persons_local);
SELECT create_distributed_table('persons', 'kommun', shard_count => 4);
INSERT INTO persons SELECT * FROM persons_local;
ANALYZE persons_local;
ANALYZE persons;
