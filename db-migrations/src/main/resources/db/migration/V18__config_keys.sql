-- Monitoring as code (issue 25): every monitor, channel, maintenance window and status page has a stable `key`, unique
-- per kind, that the configuration document names it by. A document chooses keys; rows written without one (the
-- API, the dashboard, other services' inserts) get one made from their name by the trigger below.

-- A key's stem made from a label: lowercase ASCII letters and digits, the rest one hyphen, at most 44 characters so
-- that "-" and an id still fit in 64; `fallback` when nothing is left.
CREATE FUNCTION config_key_stem(label TEXT, fallback TEXT) RETURNS TEXT LANGUAGE sql IMMUTABLE AS $$
    SELECT coalesce(
        nullif(btrim(left(btrim(regexp_replace(lower(coalesce(label, '')), '[^a-z0-9]+', '-', 'g'), '-'), 44), '-'),
               ''),
        fallback)
$$;

-- Existing rows: the stem alone when no other row of the table has it and it does not end like "-<digits>", else
-- the stem and the row's id. Stems are unique among the first kind; "<stem>-<id>" is unique because the id follows
-- the last hyphen; and the two kinds cannot meet, as only the second ends in "-<digits>".
ALTER TABLE monitors ADD COLUMN key VARCHAR(64);
ALTER TABLE channels ADD COLUMN key VARCHAR(64);
ALTER TABLE maintenance_windows ADD COLUMN key VARCHAR(64);
ALTER TABLE status_pages ADD COLUMN key VARCHAR(64);

UPDATE monitors m SET key = CASE WHEN s.n = 1 AND s.stem !~ '-[0-9]+$' THEN s.stem ELSE s.stem || '-' || m.id END
FROM (SELECT id, config_key_stem(name, 'monitor') AS stem,
             count(*) OVER (PARTITION BY config_key_stem(name, 'monitor')) AS n
      FROM monitors) s
WHERE s.id = m.id;

UPDATE channels c SET key = CASE WHEN s.n = 1 AND s.stem !~ '-[0-9]+$' THEN s.stem ELSE s.stem || '-' || c.id END
FROM (SELECT id, config_key_stem(name, 'channel') AS stem,
             count(*) OVER (PARTITION BY config_key_stem(name, 'channel')) AS n
      FROM channels) s
WHERE s.id = c.id;

-- A window has no name: its reason (or "window") stands in.
UPDATE maintenance_windows w SET key = CASE WHEN s.n = 1 AND s.stem !~ '-[0-9]+$' THEN s.stem ELSE s.stem || '-' || w.id END
FROM (SELECT id, config_key_stem(reason, 'window') AS stem,
             count(*) OVER (PARTITION BY config_key_stem(reason, 'window')) AS n
      FROM maintenance_windows) s
WHERE s.id = w.id;

-- A status page's slug already is a unique key of this format.
UPDATE status_pages SET key = slug;

-- A row inserted without a key gets the stem of its label column (TG_ARGV[0]) or, when another row has that, the
-- stem and its id (an identity, set before this trigger runs), then a counter should a document have chosen that
-- too. The advisory lock makes two transactions that make the same stem at once take turns instead of one failing
-- on the unique index.
CREATE FUNCTION assign_config_key() RETURNS TRIGGER LANGUAGE plpgsql AS $$
DECLARE
    stem      TEXT;
    candidate TEXT;
    taken     BOOLEAN;
    n         INTEGER := 1;
BEGIN
    IF NEW.key IS NOT NULL THEN
        RETURN NEW;
    END IF;
    stem := config_key_stem(to_jsonb(NEW) ->> TG_ARGV[0], TG_ARGV[1]);
    PERFORM pg_advisory_xact_lock(hashtext(TG_TABLE_NAME || '.key'));
    candidate := stem;
    LOOP
        EXECUTE format('SELECT EXISTS (SELECT 1 FROM %I WHERE key = $1)', TG_TABLE_NAME) INTO taken USING candidate;
        EXIT WHEN NOT taken;
        candidate := stem || '-' || NEW.id || CASE WHEN n > 1 THEN '-' || n ELSE '' END;
        n := n + 1;
    END LOOP;
    NEW.key := candidate;
    RETURN NEW;
END
$$;

CREATE TRIGGER monitors_key BEFORE INSERT ON monitors
    FOR EACH ROW EXECUTE FUNCTION assign_config_key('name', 'monitor');
CREATE TRIGGER channels_key BEFORE INSERT ON channels
    FOR EACH ROW EXECUTE FUNCTION assign_config_key('name', 'channel');
CREATE TRIGGER maintenance_windows_key BEFORE INSERT ON maintenance_windows
    FOR EACH ROW EXECUTE FUNCTION assign_config_key('reason', 'window');
CREATE TRIGGER status_pages_key BEFORE INSERT ON status_pages
    FOR EACH ROW EXECUTE FUNCTION assign_config_key('slug', 'page');

ALTER TABLE monitors
    ALTER COLUMN key SET NOT NULL,
    ADD CONSTRAINT monitors_key_format CHECK (key ~ '^[a-z0-9]([a-z0-9-]{0,62}[a-z0-9])?$'),
    ADD CONSTRAINT monitors_key_unique UNIQUE (key);
ALTER TABLE channels
    ALTER COLUMN key SET NOT NULL,
    ADD CONSTRAINT channels_key_format CHECK (key ~ '^[a-z0-9]([a-z0-9-]{0,62}[a-z0-9])?$'),
    ADD CONSTRAINT channels_key_unique UNIQUE (key);
ALTER TABLE maintenance_windows
    ALTER COLUMN key SET NOT NULL,
    ADD CONSTRAINT maintenance_windows_key_format CHECK (key ~ '^[a-z0-9]([a-z0-9-]{0,62}[a-z0-9])?$'),
    ADD CONSTRAINT maintenance_windows_key_unique UNIQUE (key);
ALTER TABLE status_pages
    ALTER COLUMN key SET NOT NULL,
    ADD CONSTRAINT status_pages_key_format CHECK (key ~ '^[a-z0-9]([a-z0-9-]{0,62}[a-z0-9])?$'),
    ADD CONSTRAINT status_pages_key_unique UNIQUE (key);
