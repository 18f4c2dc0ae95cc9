-- How many monitors are in each status, per enabled flag, kept by a trigger on monitors: the fleet's statistics and the
-- API's status gauges read one row instead of scanning every monitor (at 100,000 monitors the table is tens of MB,
-- rewritten by the checks all the time: 0.3 s a scan). One row per flag, so a status change updates a single row and
-- concurrent workers cannot deadlock on the counts; only pausing or resuming touches both rows, in one statement.
CREATE TABLE fleet_status_counts (
    enabled BOOLEAN PRIMARY KEY,
    unknown BIGINT NOT NULL,
    up      BIGINT NOT NULL,
    down    BIGINT NOT NULL
);

-- Writers of monitors wait until the trigger exists, so that nothing falls between the counts taken here and it.
LOCK TABLE monitors IN SHARE ROW EXCLUSIVE MODE;

INSERT INTO fleet_status_counts
SELECT f.enabled, count(m.id) FILTER (WHERE m.status = 'UNKNOWN'), count(m.id) FILTER (WHERE m.status = 'UP'),
       count(m.id) FILTER (WHERE m.status = 'DOWN')
FROM (VALUES (false), (true)) AS f (enabled) LEFT JOIN monitors m ON m.enabled = f.enabled
GROUP BY f.enabled;

CREATE FUNCTION fleet_status_counts_apply() RETURNS TRIGGER
LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $$
BEGIN
    UPDATE fleet_status_counts c
    SET unknown = c.unknown + d.unknown, up = c.up + d.up, down = c.down + d.down
    FROM (SELECT x.enabled, sum((x.status = 'UNKNOWN')::int * x.step) AS unknown,
                 sum((x.status = 'UP')::int * x.step) AS up, sum((x.status = 'DOWN')::int * x.step) AS down
          FROM (SELECT OLD.enabled, OLD.status, -1 AS step WHERE TG_OP <> 'INSERT'
                UNION ALL
                SELECT NEW.enabled, NEW.status, 1 WHERE TG_OP <> 'DELETE') AS x (enabled, status, step)
          GROUP BY x.enabled) d
    WHERE c.enabled = d.enabled;
    RETURN NULL;
END
$$;

CREATE TRIGGER fleet_status_counts_insert_delete AFTER INSERT OR DELETE ON monitors
    FOR EACH ROW EXECUTE FUNCTION fleet_status_counts_apply();
-- With a condition: the scheduler and the worker update monitors on every check, their status and flag seldom.
CREATE TRIGGER fleet_status_counts_update AFTER UPDATE OF status, enabled ON monitors
    FOR EACH ROW WHEN (OLD.status IS DISTINCT FROM NEW.status OR OLD.enabled IS DISTINCT FROM NEW.enabled)
    EXECUTE FUNCTION fleet_status_counts_apply();

-- The fleet's downtime outside the daily rollups needs only the changes into or out of DOWN: a fleet that was just
-- created (or re-enabled) has a change per monitor from UNKNOWN, which the whole-fleet index made it read.
CREATE INDEX status_changes_down_idx ON status_changes (changed_at)
    WHERE kind = 'STATUS_CHANGE' AND (new_status = 'DOWN' OR old_status = 'DOWN');
