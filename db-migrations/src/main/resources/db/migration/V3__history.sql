-- History that a user can query: raw check results partitioned by day, hourly and daily rollups that outlive them,
-- and the horizons that say which of these is complete for which period.

-- 1. check_results, partitioned by the UTC day of its slot. The primary key (monitor_id, slot) contains the
--    partition key, so the worker's INSERT ... ON CONFLICT (monitor_id, slot) DO NOTHING keeps detecting redeliveries.
--    Retention drops whole partitions instead of deleting rows. The existing rows are copied over.
ALTER TABLE check_results RENAME TO check_results_unpartitioned;
ALTER TABLE check_results_unpartitioned RENAME CONSTRAINT check_results_pkey TO check_results_unpartitioned_pkey;
DROP INDEX check_results_checked_at_idx;

CREATE TABLE check_results (
    monitor_id     BIGINT       NOT NULL REFERENCES monitors (id) ON DELETE CASCADE,
    slot           TIMESTAMPTZ  NOT NULL,
    checked_at     TIMESTAMPTZ  NOT NULL,
    config_version BIGINT       NOT NULL CHECK (config_version >= 1),
    success        BOOLEAN      NOT NULL,
    -- NULL when no response arrived (DNS failure, refused, timeout, TLS error, blocked target).
    status_code    INTEGER      CHECK (status_code BETWEEN 100 AND 999),
    latency_ms     INTEGER      NOT NULL CHECK (latency_ms >= 0),
    error          VARCHAR(500),
    PRIMARY KEY (monitor_id, slot),
    CONSTRAINT check_results_error_iff_failure CHECK (success = (error IS NULL))
) PARTITION BY RANGE (slot);

-- Catches rows whose day has no partition yet, so an insert never fails; the worker creates partitions days ahead.
CREATE TABLE check_results_default PARTITION OF check_results DEFAULT;

-- GET /monitors/{id}/checks: a monitor's results, newest first.
CREATE INDEX check_results_monitor_checked_at_idx ON check_results (monitor_id, checked_at);

-- Creates the partition of one UTC day if it is missing; rows of that day already in the default partition are
-- moved into it (a new partition may not overlap rows of the default one). Idempotent; an advisory lock
-- serialises workers that run it at the same time. Returns the partition's name.
CREATE FUNCTION create_check_results_partition(day DATE) RETURNS TEXT LANGUAGE plpgsql AS $$
DECLARE
    part  TEXT        := 'check_results_' || to_char(day, 'YYYYMMDD');
    lo    TIMESTAMPTZ := day::timestamp AT TIME ZONE 'UTC';
    hi    TIMESTAMPTZ := (day + 1)::timestamp AT TIME ZONE 'UTC';
BEGIN
    PERFORM pg_advisory_xact_lock(hashtext('check_results_partitions'));
    IF to_regclass(part) IS NOT NULL THEN
        RETURN part;
    END IF;
    IF EXISTS (SELECT 1 FROM check_results_default WHERE slot >= lo AND slot < hi) THEN
        EXECUTE format('CREATE TABLE %I (LIKE check_results INCLUDING DEFAULTS INCLUDING CONSTRAINTS)', part);
        EXECUTE format('WITH moved AS (DELETE FROM check_results_default WHERE slot >= %L AND slot < %L RETURNING *)'
                       ' INSERT INTO %I SELECT * FROM moved', lo, hi, part);
        EXECUTE format('ALTER TABLE check_results ATTACH PARTITION %I FOR VALUES FROM (%L) TO (%L)',
                       part, lo, hi);
    ELSE
        EXECUTE format('CREATE TABLE IF NOT EXISTS %I PARTITION OF check_results FOR VALUES FROM (%L) TO (%L)',
                       part, lo, hi);
    END IF;
    RETURN part;
END
$$;

SELECT create_check_results_partition(day::date)
FROM generate_series(
        coalesce((SELECT min(slot) FROM check_results_unpartitioned), now()) AT TIME ZONE 'UTC',
        (now() AT TIME ZONE 'UTC') + interval '3 days',
        interval '1 day') AS day;

INSERT INTO check_results (monitor_id, slot, checked_at, config_version, success, status_code, latency_ms, error)
SELECT monitor_id, slot, checked_at, config_version, success, status_code, latency_ms, error
FROM check_results_unpartitioned;

-- 2. Latency histograms: fixed buckets whose integer bounds (ms) grow by 8 % (t[k+1] = max(t[k] + 1,
--    ceil(1.08 * t[k]))), from 1 ms to beyond one hour. Bucket 0 holds 0 ms, bucket k holds [t[k], t[k+1] - 1], the
--    last one everything above. A histogram is an INTEGER[] whose subscripts are bucket numbers and whose elements
--    are counts; it spans only the buckets between its smallest and largest value (NULLs in between mean 0), so a
--    monitor whose latencies stay within one decade stores about 30 numbers, not 200. Reading a percentile from the
--    bucket (at the value with the least relative error to both ends, rounded to 0.1 ms) is off by at most
--    (1.08 - 1) / (1.08 + 1) = 3.85 % plus the rounding, under 4.3 % in all (buckets with one integer are exact).
DO $$
DECLARE
    bounds INTEGER[] := ARRAY[1];
    t      INTEGER   := 1;
BEGIN
    WHILE t <= 3600000 LOOP
        t := greatest(t + 1, (t * 108 + 99) / 100);
        bounds := bounds || t;
    END LOOP;
    EXECUTE 'CREATE FUNCTION latency_bucket(latency_ms INTEGER) RETURNS INTEGER'
            ' LANGUAGE sql IMMUTABLE PARALLEL SAFE AS '
            || quote_literal('SELECT width_bucket(latency_ms, ' || quote_literal(bounds::text) || '::integer[])');
END
$$;

-- Adds histogram b to histogram a, bucket by bucket (NULL is an empty histogram).
CREATE FUNCTION histogram_add(a INTEGER[], b INTEGER[]) RETURNS INTEGER[]
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $$
DECLARE
    result INTEGER[] := a;
BEGIN
    IF a IS NULL OR array_lower(a, 1) IS NULL THEN
        RETURN b;
    END IF;
    IF b IS NULL OR array_lower(b, 1) IS NULL THEN
        RETURN a;
    END IF;
    FOR i IN array_lower(b, 1) .. array_upper(b, 1) LOOP
        IF b[i] IS NOT NULL THEN
            result[i] := coalesce(result[i], 0) + b[i];
        END IF;
    END LOOP;
    RETURN result;
END
$$;

CREATE AGGREGATE histogram_sum(INTEGER[]) (SFUNC = histogram_add, STYPE = INTEGER[]);

-- The histogram of one latency.
CREATE FUNCTION latency_histogram(latency_ms INTEGER) RETURNS INTEGER[]
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT CASE WHEN latency_ms IS NOT NULL
                THEN array_fill(1, ARRAY[1], ARRAY[latency_bucket(latency_ms)]) END
$$;

-- 3. Rollups. They count checks by the hour (UTC) of their slot, the time the check was scheduled for; latency
--    statistics cover the checks that received a response (a timeout's "latency" is the timeout).
CREATE TABLE check_rollups_hourly (
    monitor_id        BIGINT      NOT NULL REFERENCES monitors (id) ON DELETE CASCADE,
    hour              TIMESTAMPTZ NOT NULL CHECK (hour = date_trunc('hour', hour, 'UTC')),
    checks            INTEGER     NOT NULL CHECK (checks >= 0),
    failures          INTEGER     NOT NULL CHECK (failures BETWEEN 0 AND checks),
    latency_count     INTEGER     NOT NULL CHECK (latency_count BETWEEN 0 AND checks),
    latency_sum       BIGINT      NOT NULL CHECK (latency_sum >= 0),
    latency_min       INTEGER,
    latency_max       INTEGER,
    latency_histogram INTEGER[],
    PRIMARY KEY (monitor_id, hour)
);
-- Retention and the daily recomputation select by time across monitors.
CREATE INDEX check_rollups_hourly_hour_idx ON check_rollups_hourly (hour);

-- Daily rollups are recomputed from the hourly ones of the day (idempotent), and also keep the day's downtime and
-- incidents from status_changes, which are deleted long before the daily rollups.
CREATE TABLE check_rollups_daily (
    monitor_id        BIGINT      NOT NULL REFERENCES monitors (id) ON DELETE CASCADE,
    day               TIMESTAMPTZ NOT NULL CHECK (day = date_trunc('day', day, 'UTC')),
    checks            INTEGER     NOT NULL CHECK (checks >= 0),
    failures          INTEGER     NOT NULL CHECK (failures BETWEEN 0 AND checks),
    latency_count     INTEGER     NOT NULL CHECK (latency_count BETWEEN 0 AND checks),
    latency_sum       BIGINT      NOT NULL CHECK (latency_sum >= 0),
    latency_min       INTEGER,
    latency_max       INTEGER,
    latency_histogram INTEGER[],
    downtime_seconds  NUMERIC     NOT NULL CHECK (downtime_seconds BETWEEN 0 AND 86400),
    incidents         INTEGER     NOT NULL CHECK (incidents >= 0),
    PRIMARY KEY (monitor_id, day)
);
CREATE INDEX check_rollups_daily_day_idx ON check_rollups_daily (day);

INSERT INTO check_rollups_hourly (monitor_id, hour, checks, failures, latency_count, latency_sum, latency_min,
                                  latency_max, latency_histogram)
SELECT monitor_id, date_trunc('hour', slot, 'UTC'), count(*), count(*) FILTER (WHERE NOT success),
       count(status_code), coalesce(sum(latency_ms) FILTER (WHERE status_code IS NOT NULL), 0),
       min(latency_ms) FILTER (WHERE status_code IS NOT NULL), max(latency_ms) FILTER (WHERE status_code IS NOT NULL),
       histogram_sum(latency_histogram(latency_ms)) FILTER (WHERE status_code IS NOT NULL)
FROM check_results
GROUP BY 1, 2;

DROP TABLE check_results_unpartitioned;

-- 4. Which data is complete for which period, so that a query uses the finest data that is complete and widens a
--    window edge to the next coarser boundary only where the finer data was already dropped. Maintained by the
--    worker's retention and rollup jobs.
CREATE TABLE history_horizons (
    singleton           BOOLEAN     PRIMARY KEY DEFAULT TRUE CHECK (singleton),
    -- check_results hold every result whose slot is at or after this.
    raw_results_from    TIMESTAMPTZ NOT NULL,
    -- check_rollups_hourly are complete for hours at or after this.
    hourly_rollups_from TIMESTAMPTZ NOT NULL,
    -- status_changes hold every change at or after this.
    status_changes_from TIMESTAMPTZ NOT NULL,
    -- check_rollups_daily are final for the days before this; later days are read from the hourly rollups.
    daily_rollups_until TIMESTAMPTZ NOT NULL CHECK (daily_rollups_until = date_trunc('day', daily_rollups_until, 'UTC'))
);

-- Until now retention deleted results older than a cutoff by checked_at (>= slot): every result with a slot after
-- the oldest checked_at left is still there. A new installation has lost nothing: complete since the epoch.
INSERT INTO history_horizons (raw_results_from, hourly_rollups_from, status_changes_from, daily_rollups_until)
SELECT coalesce(min(checked_at), 'epoch'), coalesce(min(checked_at), 'epoch'),
       coalesce((SELECT min(changed_at) FROM status_changes), min(checked_at), 'epoch'),
       date_trunc('day', coalesce(min(checked_at), now()), 'UTC')
FROM check_results;

-- 5. Downtime per window: the function monitor_downtime is defined in V4_1, once status_changes also carry
--    certificate warnings (V4), which it leaves out.

-- 6. Deleting a monitor deletes its history. Results and rollups go by foreign key; status_changes have none (a
--    pending alert must survive the deletion), so the finished ones go here and the retention job removes the rest
--    once delivered.
CREATE FUNCTION delete_monitor_status_changes() RETURNS TRIGGER LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM status_changes WHERE monitor_id = OLD.id AND delivery <> 'PENDING';
    RETURN OLD;
END
$$;

CREATE TRIGGER monitors_delete_status_changes AFTER DELETE ON monitors
    FOR EACH ROW EXECUTE FUNCTION delete_monitor_status_changes();
