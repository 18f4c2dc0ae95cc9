-- Downtime: the time each monitor spent DOWN within [range_from, range_to), time-weighted from status_changes, and
--    incidents, the number of transitions to DOWN in it. The status at range_from is the new_status of the last
--    change before it, else the old_status of the first change after it (retention deletes the oldest changes, but
--    the remaining ones still form a chain), else the monitor's current status. ids NULL means every monitor.
--    Only status changes count: since V4 status_changes also carry certificate warnings (kind TLS_EXPIRY).
CREATE FUNCTION monitor_downtime(ids BIGINT[], range_from TIMESTAMPTZ, range_to TIMESTAMPTZ)
RETURNS TABLE (monitor_id BIGINT, downtime_seconds NUMERIC, incidents BIGINT)
LANGUAGE sql STABLE AS $$
    WITH selected AS (
        SELECT m.id, m.status FROM monitors m WHERE ids IS NULL OR m.id = ANY (ids)
    ), timeline AS (
        SELECT sel.id AS monitor_id, range_from AS at, 0 AS is_change, 0::bigint AS change_id,
               coalesce((SELECT s.new_status FROM status_changes s
                         WHERE s.monitor_id = sel.id AND s.kind = 'STATUS_CHANGE' AND s.changed_at < range_from
                         ORDER BY s.changed_at DESC, s.id DESC LIMIT 1),
                        (SELECT s.old_status FROM status_changes s
                         WHERE s.monitor_id = sel.id AND s.kind = 'STATUS_CHANGE' AND s.changed_at >= range_from
                         ORDER BY s.changed_at, s.id LIMIT 1),
                        sel.status) AS status
        FROM selected sel
        UNION ALL
        SELECT s.monitor_id, s.changed_at, 1, s.id, s.new_status
        FROM status_changes s JOIN selected sel ON sel.id = s.monitor_id
        WHERE s.kind = 'STATUS_CHANGE' AND s.changed_at >= range_from AND s.changed_at < range_to
    ), spans AS (
        SELECT t.monitor_id, t.status, t.is_change, t.at,
               lead(t.at, 1, range_to) OVER (PARTITION BY t.monitor_id ORDER BY t.at, t.is_change, t.change_id) AS until
        FROM timeline t
    )
    SELECT spans.monitor_id,
           coalesce(sum(extract(EPOCH FROM spans.until - spans.at)) FILTER (WHERE spans.status = 'DOWN'), 0),
           count(*) FILTER (WHERE spans.is_change = 1 AND spans.status = 'DOWN')
    FROM spans
    GROUP BY spans.monitor_id
$$;
