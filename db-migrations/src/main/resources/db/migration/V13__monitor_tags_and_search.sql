-- Tags and search for large fleets (issue 23). Both are filters of GET /monitors, so both are indexed: a filter must
-- stay fast at 100,000 monitors.

-- Tags: up to 20 "key" or "key:value" strings per monitor (the API's MonitorValidator checks their grammar; the key
-- has no colon, so the first colon ends it).
ALTER TABLE monitors
    ADD COLUMN tags TEXT[] NOT NULL DEFAULT '{}' CHECK (cardinality(tags) <= 20);

-- What a tag filter matches: every tag, and the key of every "key:value" tag, so that "team" finds the bare tag "team"
-- and "team:payments" alike, while "team:payments" finds only itself. One GIN index serves both kinds of filter
-- (tags @> wanted); queries must use this same expression.
CREATE FUNCTION monitor_tag_terms(tags TEXT[]) RETURNS TEXT[]
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
RETURN tags || ARRAY(SELECT DISTINCT split_part(t, ':', 1) FROM unnest(tags) AS t WHERE strpos(t, ':') > 0);

CREATE INDEX monitors_tag_terms_idx ON monitors USING gin (monitor_tag_terms(tags));

-- Search: case-insensitive substring of the name and the target, with trigrams (pg_trgm ships with PostgreSQL's
-- contrib, is in the postgres images and is allowed on RDS; it is a trusted extension, so the migration's owner may
-- create it). The URL is searched without its userinfo and query string: those may hold tokens, and a substring
-- search would let a reader guess them character by character although responses mask them.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- PL/pgSQL, not SQL: the planner would inline a SQL function into the query, which then no longer matches the index's
-- expression (and a sequential scan evaluates the regular expression for every monitor).
CREATE FUNCTION monitor_search_text(name TEXT, url TEXT, target JSONB) RETURNS TEXT
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $$
BEGIN
    RETURN name
        || coalesce(E'\n' || regexp_replace(url, '^([a-z][a-z0-9+.-]*://)([^/?#@]*@)?([^?#]*).*$', '\1\3', 'is'), '')
        || coalesce(E'\n' || (target ->> 'host') || ':' || (target ->> 'port'), '')
        || coalesce(E'\n' || (target ->> 'hostname'), '');
END
$$;

CREATE INDEX monitors_search_idx ON monitors USING gin (monitor_search_text(name, url, target) gin_trgm_ops);
