-- Fleet rollups: the sums of all monitors' hourly and daily rollups, per hour (day) and per enabled flag, so that the
-- fleet's statistics read a few dozen rows instead of every monitor's. They are kept equal to those sums by triggers
-- on the monitors' rollups, whoever writes them (the worker's batch upsert, late results in a closed hour, the daily
-- job's recomputation, retention, tests), and on monitors: pausing or resuming a monitor moves its rollups to the other
-- flag; deleting one takes them out first.
CREATE TABLE fleet_rollups_hourly (
    hour              TIMESTAMPTZ NOT NULL,
    enabled           BOOLEAN     NOT NULL,
    checks            BIGINT      NOT NULL,
    failures          BIGINT      NOT NULL,
    latency_count     BIGINT      NOT NULL,
    latency_sum       BIGINT      NOT NULL,
    latency_min       INTEGER,
    latency_max       INTEGER,
    latency_histogram INTEGER[],
    PRIMARY KEY (hour, enabled)
);

CREATE TABLE fleet_rollups_daily (
    day               TIMESTAMPTZ NOT NULL,
    enabled           BOOLEAN     NOT NULL,
    checks            BIGINT      NOT NULL,
    failures          BIGINT      NOT NULL,
    latency_count     BIGINT      NOT NULL,
    latency_sum       BIGINT      NOT NULL,
    latency_min       INTEGER,
    latency_max       INTEGER,
    latency_histogram INTEGER[],
    downtime_seconds  NUMERIC     NOT NULL,
    incidents         BIGINT      NOT NULL,
    PRIMARY KEY (day, enabled)
);

-- Writers of the monitors' rollups wait until the triggers below exist, so that nothing falls between the sums taken
-- here and the triggers (the migration is one transaction; summing a year of a large fleet takes a minute or so).
LOCK TABLE check_rollups_hourly, check_rollups_daily IN SHARE ROW EXCLUSIVE MODE;

INSERT INTO fleet_rollups_hourly
SELECT r.hour, m.enabled, sum(r.checks), sum(r.failures), sum(r.latency_count), sum(r.latency_sum),
       min(r.latency_min), max(r.latency_max), histogram_sum(r.latency_histogram)
FROM check_rollups_hourly r JOIN monitors m ON m.id = r.monitor_id
GROUP BY 1, 2;

INSERT INTO fleet_rollups_daily
SELECT r.day, m.enabled, sum(r.checks), sum(r.failures), sum(r.latency_count), sum(r.latency_sum),
       min(r.latency_min), max(r.latency_max), histogram_sum(r.latency_histogram), sum(r.downtime_seconds),
       sum(r.incidents)
FROM check_rollups_daily r JOIN monitors m ON m.id = r.monitor_id
GROUP BY 1, 2;

-- The fleet's downtime outside the daily rollups is summed from the status changes of the window, across monitors.
CREATE INDEX status_changes_changed_at_idx ON status_changes (changed_at) WHERE kind = 'STATUS_CHANGE';

-- Histogram b taken out of histogram a (both as in V3); NULL is an empty histogram.
CREATE FUNCTION histogram_subtract(a INTEGER[], b INTEGER[]) RETURNS INTEGER[]
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $$
DECLARE
    result INTEGER[] := a;
BEGIN
    IF b IS NULL OR array_lower(b, 1) IS NULL THEN
        RETURN a;
    END IF;
    FOR i IN array_lower(b, 1) .. array_upper(b, 1) LOOP
        IF b[i] IS NOT NULL THEN
            result[i] := coalesce(result[i], 0) - b[i];
        END IF;
    END LOOP;
    RETURN result;
END
$$;

-- Applies a change of monitors' rollups to the fleet rollups, for one statement on check_rollups_hourly or
-- check_rollups_daily (transition tables "added" and "removed"), or for one monitor paused or resumed (its rollups
-- leave one flag for the other). Counts and histograms are added and subtracted; a minimum or maximum that may have
-- left with a removed row is recomputed from the monitors' rollups of that hour (day). The worker's upserts only grow
-- a row, so on its path nothing is recomputed. Runs as the owner: the services need no rights on the fleet tables
-- beyond reading (and retention's delete).
CREATE FUNCTION fleet_rollups_apply() RETURNS TRIGGER
LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $$
DECLARE
    level           TEXT;
    rollups         TEXT;
    fleet           TEXT;
    daily_columns   TEXT;
    deltas          TEXT;
    changed_monitor BIGINT;
    was_enabled     BOOLEAN;
    is_enabled      BOOLEAN;
    lost_at         TIMESTAMPTZ[];
    lost_enabled    BOOLEAN[];
BEGIN
    IF TG_TABLE_NAME = 'monitors' THEN
        changed_monitor := NEW.id;
        was_enabled := OLD.enabled;
        is_enabled := NEW.enabled;
    END IF;
    FOREACH level IN ARRAY CASE TG_TABLE_NAME WHEN 'check_rollups_hourly' THEN ARRAY['hour']
                                              WHEN 'check_rollups_daily' THEN ARRAY['day']
                                              ELSE ARRAY['hour', 'day'] END LOOP
        rollups := CASE level WHEN 'hour' THEN 'check_rollups_hourly' ELSE 'check_rollups_daily' END;
        fleet := CASE level WHEN 'hour' THEN 'fleet_rollups_hourly' ELSE 'fleet_rollups_daily' END;
        daily_columns := CASE level WHEN 'day' THEN ', downtime_seconds, incidents' ELSE '' END;
        -- Rows of (at, enabled, sign, <the rollup's columns>): sign 1 adds a row to the fleet, -1 takes it out.
        IF TG_TABLE_NAME = 'monitors' THEN
            deltas := format('SELECT r.%I AS at, e.enabled, e.sign, r.* FROM %I r,'
                             ' (VALUES ($2, -1), ($3, 1)) AS e (enabled, sign) WHERE r.monitor_id = $1',
                             level, rollups);
        ELSE
            deltas := concat_ws(' UNION ALL ',
                CASE WHEN TG_OP <> 'DELETE' THEN format('SELECT a.%I AS at, m.enabled, 1 AS sign, a.* FROM added a'
                                                        ' JOIN monitors m ON m.id = a.monitor_id', level) END,
                CASE WHEN TG_OP <> 'INSERT' THEN format('SELECT r.%I AS at, m.enabled, -1 AS sign, r.* FROM removed r'
                                                        ' JOIN monitors m ON m.id = r.monitor_id', level) END);
        END IF;

        -- Where a removed row held the fleet's minimum or maximum and no added row of the same monitor replaces it.
        lost_at := NULL;
        IF TG_OP <> 'INSERT' THEN
            EXECUTE format($sql$
                WITH d AS (%1$s)
                SELECT array_agg(at ORDER BY at, enabled), array_agg(enabled ORDER BY at, enabled) FROM (
                    SELECT DISTINCT d.at, d.enabled FROM d JOIN %2$I f ON f.%3$I = d.at AND f.enabled = d.enabled
                    WHERE d.sign = -1 AND (d.latency_min <= f.latency_min OR d.latency_max >= f.latency_max)
                      AND NOT EXISTS (SELECT 1 FROM d a
                                      WHERE a.sign = 1 AND a.monitor_id = d.monitor_id AND a.at = d.at
                                        AND a.enabled = d.enabled AND a.latency_min <= d.latency_min
                                        AND a.latency_max >= d.latency_max)) lost
                $sql$, deltas, fleet, level)
                INTO lost_at, lost_enabled USING changed_monitor, was_enabled, is_enabled;
        END IF;

        EXECUTE format($sql$
            WITH d AS (%1$s)
            INSERT INTO %2$I AS f (%3$I, enabled, checks, failures, latency_count, latency_sum, latency_min,
                                   latency_max, latency_histogram %4$s)
            SELECT at, enabled, sum(sign * checks), sum(sign * failures), sum(sign * latency_count),
                   sum(sign * latency_sum), min(latency_min) FILTER (WHERE sign = 1),
                   max(latency_max) FILTER (WHERE sign = 1),
                   histogram_subtract(histogram_sum(latency_histogram) FILTER (WHERE sign = 1),
                                      histogram_sum(latency_histogram) FILTER (WHERE sign = -1))
                   %5$s
            FROM d GROUP BY at, enabled
            -- One order for every writer, so that two transactions never wait for each other's rows crosswise.
            ORDER BY at, enabled
            ON CONFLICT (%3$I, enabled) DO UPDATE SET
                checks = f.checks + EXCLUDED.checks,
                failures = f.failures + EXCLUDED.failures,
                latency_count = f.latency_count + EXCLUDED.latency_count,
                latency_sum = f.latency_sum + EXCLUDED.latency_sum,
                latency_min = least(f.latency_min, EXCLUDED.latency_min),
                latency_max = greatest(f.latency_max, EXCLUDED.latency_max),
                latency_histogram = histogram_add(f.latency_histogram, EXCLUDED.latency_histogram)
                %6$s
            $sql$,
            deltas, fleet, level, daily_columns,
            CASE level WHEN 'day' THEN ', sum(sign * downtime_seconds), sum(sign * incidents)' ELSE '' END,
            CASE level WHEN 'day' THEN ', downtime_seconds = f.downtime_seconds + EXCLUDED.downtime_seconds,'
                                       ' incidents = f.incidents + EXCLUDED.incidents' ELSE '' END)
            USING changed_monitor, was_enabled, is_enabled;

        IF lost_at IS NOT NULL THEN
            EXECUTE format($sql$
                UPDATE %1$I f SET latency_min = x.latency_min, latency_max = x.latency_max
                FROM (SELECT k.at, k.enabled, min(r.latency_min) AS latency_min, max(r.latency_max) AS latency_max
                      FROM unnest($1::timestamptz[], $2::boolean[]) AS k (at, enabled)
                      LEFT JOIN (%2$I r JOIN monitors m ON m.id = r.monitor_id)
                             ON r.%3$I = k.at AND m.enabled = k.enabled
                      GROUP BY k.at, k.enabled) x
                WHERE f.%3$I = x.at AND f.enabled = x.enabled
                $sql$, fleet, rollups, level)
                USING lost_at, lost_enabled;
        END IF;
    END LOOP;
    RETURN NULL;
END
$$;

CREATE TRIGGER fleet_rollups_hourly_insert AFTER INSERT ON check_rollups_hourly
    REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION fleet_rollups_apply();
CREATE TRIGGER fleet_rollups_hourly_update AFTER UPDATE ON check_rollups_hourly
    REFERENCING OLD TABLE AS removed NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION fleet_rollups_apply();
CREATE TRIGGER fleet_rollups_hourly_delete AFTER DELETE ON check_rollups_hourly
    REFERENCING OLD TABLE AS removed FOR EACH STATEMENT EXECUTE FUNCTION fleet_rollups_apply();
CREATE TRIGGER fleet_rollups_daily_insert AFTER INSERT ON check_rollups_daily
    REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION fleet_rollups_apply();
CREATE TRIGGER fleet_rollups_daily_update AFTER UPDATE ON check_rollups_daily
    REFERENCING OLD TABLE AS removed NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION fleet_rollups_apply();
CREATE TRIGGER fleet_rollups_daily_delete AFTER DELETE ON check_rollups_daily
    REFERENCING OLD TABLE AS removed FOR EACH STATEMENT EXECUTE FUNCTION fleet_rollups_apply();
-- A row trigger with a condition: the scheduler and the worker update monitors all the time, never their flag.
CREATE TRIGGER fleet_rollups_monitor_enabled AFTER UPDATE OF enabled ON monitors
    FOR EACH ROW WHEN (OLD.enabled IS DISTINCT FROM NEW.enabled) EXECUTE FUNCTION fleet_rollups_apply();

-- A deleted monitor's rollups leave the fleet while the monitor still says which flag they are under; the foreign
-- keys' cascade would delete them after the monitor row, too late for that.
CREATE FUNCTION fleet_rollups_remove_monitor() RETURNS TRIGGER
LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $$
BEGIN
    DELETE FROM check_rollups_hourly WHERE monitor_id = OLD.id;
    DELETE FROM check_rollups_daily WHERE monitor_id = OLD.id;
    RETURN OLD;
END
$$;

CREATE TRIGGER fleet_rollups_monitor_deleted BEFORE DELETE ON monitors
    FOR EACH ROW EXECUTE FUNCTION fleet_rollups_remove_monitor();
