-- One shard: segindex and an empty persons table (rows arrive through
-- postgres_fdw from the coordinator).
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS segindex CASCADE;
DROP TABLE IF EXISTS persons;
CREATE TABLE persons (
    id     integer NOT NULL,
    lan    integer NOT NULL,
    kommun integer NOT NULL,
    unit   text NOT NULL,
    grp    bigint,
    w      float8 NOT NULL
);
