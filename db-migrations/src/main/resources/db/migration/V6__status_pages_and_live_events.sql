-- Public status pages: a slug, a title and description, and an ordered list of monitors, optionally in named
-- groups. Deleting a monitor removes it from every page; deleting a page removes its entries.
CREATE TABLE status_pages (
    id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    slug        VARCHAR(64)   NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9]([a-z0-9-]{0,62}[a-z0-9])?$'),
    title       VARCHAR(200)  NOT NULL CHECK (char_length(btrim(title)) BETWEEN 1 AND 200),
    description VARCHAR(2000),
    created_at  TIMESTAMPTZ   NOT NULL DEFAULT now(),
    updated_at  TIMESTAMPTZ   NOT NULL DEFAULT now()
);

CREATE TABLE status_page_monitors (
    status_page_id BIGINT       NOT NULL REFERENCES status_pages (id) ON DELETE CASCADE,
    monitor_id     BIGINT       NOT NULL REFERENCES monitors (id) ON DELETE CASCADE,
    -- Order on the page across groups; gaps (left by deleted monitors) are harmless.
    position       INTEGER      NOT NULL CHECK (position >= 0),
    -- NULL: not in a group.
    group_name     VARCHAR(100) CHECK (char_length(btrim(group_name)) BETWEEN 1 AND 100),
    PRIMARY KEY (status_page_id, monitor_id),
    UNIQUE (status_page_id, position)
);
-- "Is this monitor on a page?" when a monitor is deleted (the FK cascade) and for badges.
CREATE INDEX status_page_monitors_monitor_idx ON status_page_monitors (monitor_id);

-- Live updates: every status change is announced on the channel 'status_changes' when its transaction commits, so
-- an API instance listening on any connection learns of it within milliseconds, whichever process wrote it. The
-- payload is small and public-safe (no webhook, reason or payload).
CREATE FUNCTION notify_status_change() RETURNS TRIGGER LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('status_changes', jsonb_build_object(
        'id', NEW.id, 'monitor_id', NEW.monitor_id, 'old_status', NEW.old_status, 'new_status', NEW.new_status,
        'changed_at', NEW.changed_at)::text);
    RETURN NULL;
END
$$;

CREATE TRIGGER status_changes_notify AFTER INSERT ON status_changes
    FOR EACH ROW EXECUTE FUNCTION notify_status_change();
