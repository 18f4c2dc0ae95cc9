-- History of check results, one row per monitor and slot. The primary key makes a redelivered check detectable:
-- the worker inserts with ON CONFLICT DO NOTHING and treats "nothing inserted" as a duplicate.
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
    -- A failed check always says why; a successful one never carries an error.
    CONSTRAINT check_results_error_iff_failure CHECK (success = (error IS NULL))
);

-- Retention deletes by age.
CREATE INDEX check_results_checked_at_idx ON check_results (checked_at);

-- Every status transition, written in the same transaction as the state change. It is also the transactional
-- outbox for the Slack alert: the dispatcher sends PENDING rows and marks them SENT or FAILED. There is no foreign
-- key to monitors on purpose: the record (and a pending alert) survives the monitor's deletion.
CREATE TABLE status_changes (
    id              BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    monitor_id      BIGINT        NOT NULL,
    old_status      VARCHAR(8)    NOT NULL CHECK (old_status IN ('UNKNOWN', 'UP', 'DOWN')),
    new_status      VARCHAR(8)    NOT NULL CHECK (new_status IN ('UP', 'DOWN')),
    changed_at      TIMESTAMPTZ   NOT NULL,
    -- The slot of the check that crossed the threshold.
    slot            TIMESTAMPTZ   NOT NULL,
    reason          VARCHAR(500),
    -- Copies taken at transition time: later edits or deletion of the monitor do not change a pending alert.
    webhook_url     VARCHAR(2048),
    payload         JSONB,
    delivery        VARCHAR(8)    NOT NULL CHECK (delivery IN ('PENDING', 'SENT', 'FAILED', 'NONE')),
    attempts        INTEGER       NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    next_attempt_at TIMESTAMPTZ,
    -- Lease of the dispatcher that is sending the row; an expired lease (crashed worker) frees the row.
    locked_by       VARCHAR(100),
    locked_until    TIMESTAMPTZ,
    last_error      VARCHAR(500),
    sent_at         TIMESTAMPTZ,
    created_at      TIMESTAMPTZ   NOT NULL DEFAULT now(),
    CONSTRAINT status_changes_is_a_change CHECK (old_status <> new_status),
    CONSTRAINT status_changes_none_iff_no_webhook CHECK ((delivery = 'NONE') = (webhook_url IS NULL)),
    CONSTRAINT status_changes_pending_is_sendable
        CHECK (delivery <> 'PENDING' OR (payload IS NOT NULL AND next_attempt_at IS NOT NULL)),
    CONSTRAINT status_changes_sent_at_iff_sent CHECK ((delivery = 'SENT') = (sent_at IS NOT NULL)),
    CONSTRAINT status_changes_lease_complete CHECK ((locked_by IS NULL) = (locked_until IS NULL))
);

-- The dispatcher's query: pending alerts that are due.
CREATE INDEX status_changes_due_idx ON status_changes (next_attempt_at, id) WHERE delivery = 'PENDING';
-- Per-monitor ordering: "is an earlier alert of this monitor still pending?"
CREATE INDEX status_changes_pending_monitor_idx ON status_changes (monitor_id, id) WHERE delivery = 'PENDING';
-- Retention deletes finished rows by age.
CREATE INDEX status_changes_finished_idx ON status_changes (changed_at) WHERE delivery <> 'PENDING';
-- A monitor's transition history, newest first.
CREATE INDEX status_changes_monitor_idx ON status_changes (monitor_id, changed_at DESC);
