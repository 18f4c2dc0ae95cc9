-- Heartbeat monitors (issue 21): a job pings /ping/{token}; silence longer than period + grace is a failed check.
-- The token is stored as its SHA-256 only, as API keys are. ping_deadline is when the worker's silence detector
-- records the next missed period; its partial index makes the detector one index range scan, whatever the number of
-- monitors. Pings go through heartbeat_pings, an inbox the worker drains into results (the API never writes
-- results or statuses), and every heartbeat has its token and its deadline.
ALTER TABLE monitors
    DROP CONSTRAINT monitors_type_check,
    ADD CONSTRAINT monitors_type_check CHECK (type IN ('http', 'tcp', 'dns', 'heartbeat')),
    ADD COLUMN ping_token_hash BYTEA UNIQUE CHECK (octet_length(ping_token_hash) = 32),
    ADD COLUMN ping_deadline   TIMESTAMPTZ,
    ADD COLUMN last_ping_at    TIMESTAMPTZ,
    -- A run announced with /start whose end (a ping or /fail) is awaited until ping_deadline.
    ADD COLUMN run_started_at  TIMESTAMPTZ,
    ADD CONSTRAINT monitors_heartbeat_ping
        CHECK ((type = 'heartbeat') = (ping_token_hash IS NOT NULL)
           AND (type = 'heartbeat') = (ping_deadline IS NOT NULL));

CREATE INDEX monitors_ping_deadline_idx ON monitors (ping_deadline) WHERE type = 'heartbeat' AND enabled;

-- The scheduler never dispatches a heartbeat: its due index leaves them out, so they cost its scan nothing.
DROP INDEX monitors_due_idx;
CREATE INDEX monitors_due_idx ON monitors (next_check_at) WHERE enabled AND type <> 'heartbeat';

CREATE TABLE heartbeat_pings (
    id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    monitor_id  BIGINT      NOT NULL REFERENCES monitors (id) ON DELETE CASCADE,
    kind        VARCHAR(8)  NOT NULL CHECK (kind IN ('success', 'fail', 'start')),
    received_at TIMESTAMPTZ NOT NULL
);

CREATE INDEX heartbeat_pings_monitor_idx ON heartbeat_pings (monitor_id, id);
