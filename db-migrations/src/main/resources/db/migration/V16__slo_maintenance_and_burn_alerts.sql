-- Issue 25, SLOs: maintenance time out of downtime, and burn-rate alerts.

-- Time DOWN and transitions to DOWN of the monitors `ids` (NULL: every monitor) inside maintenance: each opening of a
-- window is given as (window id, from, to), computed by the caller from the window's schedule (the one definition of
-- when a window is open is Java's MaintenanceWindow; a cron expression has no SQL equivalent). A monitor's openings
-- are joined first, so that overlapping windows count once; monitors with the same openings share one call of
-- monitor_downtime (V4_1), so that a window over every monitor costs one set-based call per opening, not one per
-- monitor. The API subtracts this from the downtime and incidents it reads (rollups and status changes), wherever
-- status changes are still kept.
CREATE FUNCTION monitor_downtime_in_maintenance(ids BIGINT[], window_ids BIGINT[], opening_from TIMESTAMPTZ[],
                                                opening_to TIMESTAMPTZ[])
RETURNS TABLE (downtime_seconds NUMERIC, incidents BIGINT)
LANGUAGE sql STABLE AS $$
    WITH openings AS (
        SELECT o.window_id, tstzrange(o.opening_from, o.opening_to) AS opening
        FROM unnest(window_ids, opening_from, opening_to) AS o (window_id, opening_from, opening_to)
        WHERE o.opening_from < o.opening_to
    ), covered AS (
        SELECT c.monitor_id, range_agg(c.opening) AS openings
        FROM (SELECT m.id AS monitor_id, o.opening
              FROM openings o JOIN maintenance_windows w ON w.id = o.window_id AND w.all_monitors
              JOIN monitors m ON ids IS NULL OR m.id = ANY (ids)
              UNION ALL
              SELECT l.monitor_id, o.opening
              FROM openings o JOIN maintenance_window_monitors l ON l.window_id = o.window_id
              WHERE ids IS NULL OR l.monitor_id = ANY (ids)) c
        GROUP BY c.monitor_id
    ), pieces AS (
        SELECT piece, array_agg(c.monitor_id) AS monitors
        FROM covered c, unnest(c.openings) AS piece
        GROUP BY piece
    )
    SELECT coalesce(sum(d.downtime_seconds), 0), CAST(coalesce(sum(d.incidents), 0) AS bigint)
    FROM pieces, LATERAL monitor_downtime(pieces.monitors, lower(pieces.piece), upper(pieces.piece)) d
$$;

-- Burn-rate alerts: per monitor with an SLO and severity ('page', 'warn'), whether an episode is firing. The worker's
-- job locks the monitor's rows while it decides, so that with several workers an episode alerts once; it re-arms
-- (firing false) once the burn stops. Removing the SLO removes them.
CREATE TABLE slo_burn_alerts (
    monitor_id BIGINT      NOT NULL REFERENCES monitor_slos (monitor_id) ON DELETE CASCADE,
    severity   TEXT        NOT NULL CHECK (severity IN ('page', 'warn')),
    firing     BOOLEAN     NOT NULL DEFAULT FALSE,
    since      TIMESTAMPTZ,
    PRIMARY KEY (monitor_id, severity)
);

ALTER TABLE deliveries DROP CONSTRAINT deliveries_kind_check;
ALTER TABLE deliveries ADD CONSTRAINT deliveries_kind_check
    CHECK (kind IN ('STATUS_CHANGE', 'TLS_EXPIRY', 'REMINDER', 'SUMMARY', 'TEST', 'BURN_RATE'));

-- An objective for the monitors with a tag, reported as one service (their checks, failures and downtime summed).
-- The tag is matched as GET /monitors?tag= matches it: "key" covers every "key:value".
CREATE TABLE tag_slos (
    tag        TEXT          PRIMARY KEY,
    objective  NUMERIC(6, 3) NOT NULL CHECK (objective > 0 AND objective < 100),
    period     TEXT          NOT NULL CHECK (period IN ('month', 'quarter', 'rolling_30d')),
    created_at TIMESTAMPTZ   NOT NULL DEFAULT now(),
    updated_at TIMESTAMPTZ   NOT NULL DEFAULT now()
);
