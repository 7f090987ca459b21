-- The documentation: every SQL function, aggregate and type of the
-- installed extension is documented in some doc/*.md; every segindex
-- function the docs call exists; links resolve; citations point to the
-- project's doc/methodology.md (test/python/doc_check.py).
\set ON_ERROR_STOP 1
\pset format unaligned
\pset tuples_only true
\set docs `cat doc/*.md`
\set sqlcalls `python3 test/python/doc_check.py sqlcalls`
\set links `python3 test/python/doc_check.py links 2>/dev/null`
\set citations `python3 test/python/doc_check.py citations`
\set contents `python3 test/python/doc_check.py contents`
BEGIN;
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS pgtap;
CREATE EXTENSION IF NOT EXISTS segindex CASCADE;
SELECT plan(6);

-- The user-facing objects: functions and aggregates that are neither an
-- aggregate's or a type's support function nor take or return internal,
-- nor private by name (a leading underscore), and the base types.
CREATE TEMP TABLE api AS
WITH ext AS (
    SELECT d.classid, d.objid FROM pg_depend d
    WHERE d.refclassid = 'pg_extension'::regclass AND d.deptype = 'e'
      AND d.refobjid = (SELECT oid FROM pg_extension WHERE extname = 'segindex')
), support AS (
    SELECT unnest(ARRAY[aggtransfn, aggfinalfn, aggcombinefn, aggserialfn, aggdeserialfn,
                        aggmtransfn, aggminvtransfn, aggmfinalfn])::oid AS oid FROM pg_aggregate
    UNION
    SELECT unnest(ARRAY[typinput, typoutput, typreceive, typsend, typmodin, typmodout,
                        typanalyze])::oid FROM pg_type
)
SELECT DISTINCT CASE p.prokind WHEN 'a' THEN 'aggregate' ELSE 'function' END AS kind, p.proname::text AS name
FROM ext JOIN pg_proc p ON ext.classid = 'pg_proc'::regclass AND p.oid = ext.objid
WHERE p.oid NOT IN (SELECT oid FROM support)
  AND p.prorettype <> 'internal'::regtype
  AND NOT ('internal'::regtype = ANY (p.proargtypes::oid[]))
  AND p.proname !~ '^_'
UNION
SELECT 'type', t.typname::text
FROM ext JOIN pg_type t ON ext.classid = 'pg_type'::regclass AND t.oid = ext.objid
WHERE t.typcategory <> 'A';

SELECT ok((SELECT count(*) FROM api) > 20, 'the extension''s user-facing objects are found');
SELECT is((SELECT string_agg(kind || ' ' || name, ', ' ORDER BY name) FROM api
           WHERE strpos(:'docs', name || '(') = 0 AND strpos(:'docs', '`' || name || '`') = 0
             AND strpos(:'docs', '`' || name || ' ') = 0),
          NULL, 'every function, aggregate and type is documented in doc/*.md');
SELECT is((SELECT string_agg(f, ', ') FROM regexp_split_to_table(:'sqlcalls', E'\n') f
           WHERE f <> '' AND f NOT IN (SELECT name FROM api)),
          NULL, 'every seg_ function called in the docs'' SQL examples exists');
SELECT is(text :'links', '', 'every link in README.md and doc/*.md resolves');
SELECT is(text :'citations', '', 'docs cite doc/methodology.md, and every cited § exists there');
SELECT is(text :'contents', '', 'README''s contents table lists every doc/*.md');

SELECT * FROM finish();
ROLLBACK;
