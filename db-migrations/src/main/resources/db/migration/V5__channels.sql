-- Notification channels, one outbox row per (alert, channel), reminders, maintenance windows and the daily summary
-- (issue 11). status_changes stays the record of transitions; the delivery of each alert moves to `deliveries`.

-- 1. Channels: where alerts go. `url` (every type but email) and `secret` (webhook only) are secrets: the API masks
--    them. Addresses of an email channel are not secret.
CREATE TABLE channels (
    id         BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name       VARCHAR(200)  NOT NULL CHECK (char_length(btrim(name)) BETWEEN 1 AND 200),
    type       VARCHAR(16)   NOT NULL
        CHECK (type IN ('slack', 'google_chat', 'teams', 'discord', 'webhook', 'email')),
    url        VARCHAR(2048) CHECK (url ~* '^https?://[^/?#\s]+'),
    secret     VARCHAR(500),
    recipients TEXT[]        CHECK (cardinality(recipients) BETWEEN 1 AND 50),
    created_at TIMESTAMPTZ   NOT NULL DEFAULT now(),
    updated_at TIMESTAMPTZ   NOT NULL DEFAULT now(),
    CONSTRAINT channels_url_iff_not_email CHECK ((type = 'email') = (url IS NULL)),
    CONSTRAINT channels_recipients_iff_email CHECK ((type = 'email') = (recipients IS NOT NULL)),
    CONSTRAINT channels_secret_only_for_webhook CHECK (secret IS NULL OR type = 'webhook')
);

-- A monitor's channels. Deleting either side removes the link only.
CREATE TABLE monitor_channels (
    monitor_id BIGINT NOT NULL REFERENCES monitors (id) ON DELETE CASCADE,
    channel_id BIGINT NOT NULL REFERENCES channels (id) ON DELETE CASCADE,
    PRIMARY KEY (monitor_id, channel_id)
);
CREATE INDEX monitor_channels_channel_idx ON monitor_channels (channel_id);

-- 2. Reminders: while DOWN, one reminder every `remind_every` minutes (0 = off), counted per incident.
ALTER TABLE monitors
    ADD COLUMN remind_every     INTEGER     NOT NULL DEFAULT 0 CHECK (remind_every BETWEEN 0 AND 10080),
    ADD COLUMN reminders_sent   INTEGER     NOT NULL DEFAULT 0 CHECK (reminders_sent >= 0),
    ADD COLUMN last_reminder_at TIMESTAMPTZ;

-- 3. The outbox: one row per alert and destination. `stream` names the destination ('channel:<id>' or
--    'monitor-webhook' for the monitor's own webhook_url): each stream's alerts of one monitor are delivered in
--    order, and streams never wait for each other. A channel's settings are read when the row is sent (a fixed URL
--    heals pending retries); the monitor's webhook_url is copied into `target_url` when the alert is written, as
--    before. `message` is the channel-neutral alert, rendered per channel type at send time; `payload` is a body
--    rendered earlier (rows carried over from before this migration) and is sent as it is.
CREATE TABLE deliveries (
    id               BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    kind             VARCHAR(16)   NOT NULL
        CHECK (kind IN ('STATUS_CHANGE', 'TLS_EXPIRY', 'REMINDER', 'SUMMARY', 'TEST')),
    -- The transition this alert reports; NULL for reminders, summaries and tests.
    status_change_id BIGINT        REFERENCES status_changes (id) ON DELETE CASCADE,
    -- No foreign key, as status_changes: a pending alert survives the monitor's deletion.
    monitor_id       BIGINT,
    -- NULL once the channel is deleted (its pending rows are CANCELLED then); name and type stay as they were.
    channel_id       BIGINT        REFERENCES channels (id) ON DELETE SET NULL,
    channel_type     VARCHAR(16)   NOT NULL
        CHECK (channel_type IN ('slack', 'google_chat', 'teams', 'discord', 'webhook', 'email')),
    channel_name     VARCHAR(200),
    stream           VARCHAR(40)   NOT NULL,
    target_url       VARCHAR(2048),
    message          JSONB,
    payload          JSONB,
    status           VARCHAR(9)    NOT NULL CHECK (status IN ('PENDING', 'SENT', 'FAILED', 'CANCELLED')),
    attempts         INTEGER       NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    next_attempt_at  TIMESTAMPTZ,
    locked_by        VARCHAR(100),
    locked_until     TIMESTAMPTZ,
    last_status_code INTEGER,
    last_error       VARCHAR(500),
    sent_at          TIMESTAMPTZ,
    created_at       TIMESTAMPTZ   NOT NULL DEFAULT now(),
    CONSTRAINT deliveries_has_content CHECK (message IS NOT NULL OR payload IS NOT NULL),
    CONSTRAINT deliveries_pending_is_due CHECK (status <> 'PENDING' OR next_attempt_at IS NOT NULL),
    CONSTRAINT deliveries_sent_at_iff_sent CHECK ((status = 'SENT') = (sent_at IS NOT NULL)),
    CONSTRAINT deliveries_lease_complete CHECK ((locked_by IS NULL) = (locked_until IS NULL))
);

CREATE INDEX deliveries_due_idx ON deliveries (next_attempt_at, id) WHERE status = 'PENDING';
CREATE INDEX deliveries_pending_stream_idx ON deliveries ((coalesce(monitor_id, 0)), stream, id) WHERE status = 'PENDING';
CREATE INDEX deliveries_status_change_idx ON deliveries (status_change_id);
CREATE INDEX deliveries_channel_idx ON deliveries (channel_id) WHERE status = 'PENDING';
CREATE INDEX deliveries_finished_idx ON deliveries (created_at) WHERE status <> 'PENDING';

-- Every alert status_changes delivered itself carries over as a delivery of the monitor's webhook, with its
-- state: a PENDING one is sent by the new dispatcher, exactly as it would have been.
INSERT INTO deliveries (kind, status_change_id, monitor_id, channel_type, channel_name, stream, target_url, payload,
                        status, attempts, next_attempt_at, last_error, sent_at, created_at)
SELECT kind, id, monitor_id, 'slack', 'webhook_url', 'monitor-webhook', webhook_url, payload,
       delivery, attempts, CASE WHEN delivery = 'PENDING' THEN coalesce(next_attempt_at, now()) END, last_error,
       sent_at, created_at
FROM status_changes
WHERE delivery IN ('PENDING', 'SENT', 'FAILED') AND payload IS NOT NULL
ORDER BY id;

-- status_changes.delivery is now a summary of its deliveries (PENDING while any is, else FAILED if one failed,
-- else SENT; NONE when the change alerted nowhere, SUPPRESSED during maintenance); the columns that made it an
-- outbox row are no longer written.
ALTER TABLE status_changes
    DROP CONSTRAINT status_changes_none_iff_no_webhook,
    DROP CONSTRAINT status_changes_pending_is_sendable,
    DROP CONSTRAINT status_changes_sent_at_iff_sent,
    DROP CONSTRAINT status_changes_delivery_check,
    ALTER COLUMN delivery TYPE VARCHAR(10),
    ADD CONSTRAINT status_changes_delivery_check
        CHECK (delivery IN ('PENDING', 'SENT', 'FAILED', 'NONE', 'SUPPRESSED'));
UPDATE status_changes SET locked_by = NULL, locked_until = NULL, next_attempt_at = NULL
WHERE locked_by IS NOT NULL OR next_attempt_at IS NOT NULL;
DROP INDEX status_changes_due_idx;

-- 4. Maintenance windows: one-off (starts_at, ends_at) or recurring (a cron expression or weekly days and a time of
--    day, in a time zone, lasting `duration_minutes`). No monitor ids: every monitor.
CREATE TABLE maintenance_windows (
    id               BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    reason           VARCHAR(500),
    all_monitors     BOOLEAN      NOT NULL DEFAULT FALSE,
    starts_at        TIMESTAMPTZ,
    ends_at          TIMESTAMPTZ,
    cron             VARCHAR(120),
    weekdays         TEXT[],
    time_of_day      TIME,
    time_zone        VARCHAR(64)  NOT NULL DEFAULT 'UTC',
    duration_minutes INTEGER      CHECK (duration_minutes BETWEEN 1 AND 10080),
    created_at       TIMESTAMPTZ  NOT NULL DEFAULT now(),
    updated_at       TIMESTAMPTZ  NOT NULL DEFAULT now(),
    CONSTRAINT maintenance_one_off_or_recurring CHECK (
        (starts_at IS NOT NULL AND ends_at IS NOT NULL AND ends_at > starts_at
            AND cron IS NULL AND weekdays IS NULL AND time_of_day IS NULL AND duration_minutes IS NULL)
        OR (starts_at IS NULL AND ends_at IS NULL AND duration_minutes IS NOT NULL
            AND ((cron IS NOT NULL AND weekdays IS NULL AND time_of_day IS NULL)
                 OR (cron IS NULL AND weekdays IS NOT NULL AND time_of_day IS NOT NULL))))
);

CREATE TABLE maintenance_window_monitors (
    window_id  BIGINT NOT NULL REFERENCES maintenance_windows (id) ON DELETE CASCADE,
    monitor_id BIGINT NOT NULL REFERENCES monitors (id) ON DELETE CASCADE,
    PRIMARY KEY (window_id, monitor_id)
);
CREATE INDEX maintenance_window_monitors_monitor_idx ON maintenance_window_monitors (monitor_id);

-- A monitor's maintenance as the worker saw it: set while a window covers it, so that the end of the window is
-- noticed once (and a monitor still DOWN then alerts once).
ALTER TABLE monitors ADD COLUMN in_maintenance BOOLEAN NOT NULL DEFAULT FALSE;
-- Results of checks made during maintenance are kept but do not count towards uptime.
ALTER TABLE check_results ADD COLUMN in_maintenance BOOLEAN NOT NULL DEFAULT FALSE;

-- 5. The daily summary: one settings row, and one row per local date claimed by the worker that sends it. The
--    primary key makes "exactly once a day" hold across workers and restarts.
CREATE TABLE daily_summary_settings (
    id          BOOLEAN      PRIMARY KEY DEFAULT TRUE CHECK (id),
    enabled     BOOLEAN      NOT NULL DEFAULT FALSE,
    send_time   TIME         NOT NULL DEFAULT '09:00',
    time_zone   VARCHAR(64)  NOT NULL DEFAULT 'UTC',
    channel_ids BIGINT[]     NOT NULL DEFAULT '{}',
    updated_at  TIMESTAMPTZ  NOT NULL DEFAULT now()
);
INSERT INTO daily_summary_settings DEFAULT VALUES;

CREATE TABLE daily_summaries (
    summary_date DATE        PRIMARY KEY,
    sent_by      VARCHAR(100) NOT NULL,
    created_at   TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- 6. The summary of a status change's deliveries, recomputed whenever one of them finishes (worker) or is cancelled
--    (API, channel deleted). Concurrent callers for one change take turns on its row lock; each then counts in a new
--    statement, so it sees what the others committed.
CREATE FUNCTION refresh_status_change_delivery(change_id BIGINT) RETURNS VOID LANGUAGE plpgsql AS $$
BEGIN
    PERFORM 1 FROM status_changes WHERE id = change_id FOR UPDATE;
    UPDATE status_changes s
    SET delivery = CASE WHEN a.pending > 0 THEN 'PENDING'
                        WHEN a.failed > 0 THEN 'FAILED'
                        WHEN a.sent > 0 THEN 'SENT'
                        ELSE 'NONE' END,
        attempts = a.attempts,
        sent_at = a.sent_at,
        last_error = a.last_error
    FROM (SELECT count(*) FILTER (WHERE status = 'PENDING') AS pending,
                 count(*) FILTER (WHERE status IN ('FAILED', 'CANCELLED')) AS failed,
                 count(*) FILTER (WHERE status = 'SENT') AS sent,
                 coalesce(sum(attempts), 0) AS attempts,
                 max(sent_at) AS sent_at,
                 (array_agg(last_error ORDER BY id DESC) FILTER (WHERE last_error IS NOT NULL))[1] AS last_error
          FROM deliveries WHERE status_change_id = change_id) a
    WHERE s.id = change_id AND s.delivery <> 'SUPPRESSED';
END
$$;
