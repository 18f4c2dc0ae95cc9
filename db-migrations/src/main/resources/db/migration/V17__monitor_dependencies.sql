-- Alert dependencies (issue 25): a monitor may depend on others (a service on its database, a site on its network
-- path). When a monitor goes DOWN while a dependency is DOWN, its alert is held back: the status change is recorded
-- (history and status pages show the real status) with delivery SUPPRESSED and the dependency named, and the
-- dependency's own alert lists the monitors behind it. The API keeps the graph acyclic.
CREATE TABLE monitor_dependencies (
    monitor_id    BIGINT NOT NULL REFERENCES monitors (id) ON DELETE CASCADE,
    depends_on_id BIGINT NOT NULL REFERENCES monitors (id) ON DELETE CASCADE,
    PRIMARY KEY (monitor_id, depends_on_id),
    CONSTRAINT monitor_dependencies_not_self CHECK (monitor_id <> depends_on_id)
);
-- "Which monitors depend on this one?" (a parent's dependants, and the cascade when it is deleted).
CREATE INDEX monitor_dependencies_depends_on_idx ON monitor_dependencies (depends_on_id);

-- A status change's alert may wait (HELD, until held_until) for a dependency that goes DOWN within the same window,
-- or for the dependants to go DOWN with it; suppressed_by names the dependency (no foreign key, as monitor_id:
-- the record outlives the monitor). held_alert is the alert as it was written (an AlertMessage), sent as it is when
-- the hold ends without a dependency DOWN, or when the dependency recovers while the monitor is still DOWN.
ALTER TABLE status_changes
    ADD COLUMN suppressed_by BIGINT,
    ADD COLUMN held_until    TIMESTAMPTZ,
    ADD COLUMN held_alert    JSONB,
    DROP CONSTRAINT status_changes_delivery_check,
    ADD CONSTRAINT status_changes_delivery_check
        CHECK (delivery IN ('PENDING', 'SENT', 'FAILED', 'NONE', 'SUPPRESSED', 'HELD')),
    ADD CONSTRAINT status_changes_held_until_iff_held CHECK ((delivery = 'HELD') = (held_until IS NOT NULL)),
    ADD CONSTRAINT status_changes_held_has_alert CHECK (delivery <> 'HELD' OR held_alert IS NOT NULL);

-- The worker's release job: held alerts that are due.
CREATE INDEX status_changes_held_idx ON status_changes (held_until, id) WHERE delivery = 'HELD';

-- The monitors a monitor depends on, directly or through others, with the longest distance (1: a direct
-- dependency). The depth bound keeps a cycle (which the API refuses) from looping.
CREATE FUNCTION monitor_ancestors(start BIGINT) RETURNS TABLE (id BIGINT, depth INTEGER)
    LANGUAGE sql STABLE AS $$
    WITH RECURSIVE up (id, depth) AS (
        SELECT depends_on_id, 1 FROM monitor_dependencies WHERE monitor_id = start
        UNION
        SELECT d.depends_on_id, up.depth + 1
        FROM monitor_dependencies d JOIN up ON d.monitor_id = up.id
        WHERE up.depth < 32)
    SELECT id, max(depth) FROM up WHERE id <> start GROUP BY id
$$;

-- The monitors that depend on a monitor, directly or through others.
CREATE FUNCTION monitor_descendants(start BIGINT) RETURNS TABLE (id BIGINT, depth INTEGER)
    LANGUAGE sql STABLE AS $$
    WITH RECURSIVE down (id, depth) AS (
        SELECT monitor_id, 1 FROM monitor_dependencies WHERE depends_on_id = start
        UNION
        SELECT d.monitor_id, down.depth + 1
        FROM monitor_dependencies d JOIN down ON d.depends_on_id = down.id
        WHERE down.depth < 32)
    SELECT id, max(depth) FROM down WHERE id <> start GROUP BY id
$$;

-- Whether an enabled monitor is DOWN as its latest status change says: unlike monitors.status, this sees the
-- changes the calling transaction wrote before the batch's state update.
CREATE FUNCTION monitor_is_down(subject BIGINT) RETURNS BOOLEAN
    LANGUAGE sql STABLE AS $$
    SELECT EXISTS (SELECT 1 FROM monitors m WHERE m.id = subject AND m.enabled)
       AND coalesce((SELECT c.new_status = 'DOWN' FROM status_changes c
                     WHERE c.monitor_id = subject AND c.kind = 'STATUS_CHANGE'
                     ORDER BY c.changed_at DESC, c.id DESC LIMIT 1), FALSE)
$$;
