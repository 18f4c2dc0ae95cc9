-- Monitors: what to check (configuration, written by the API) and what we believe about it
-- (operational state, written by the worker). CHECK constraints mirror the API's validation so that an
-- invalid row cannot exist, whoever writes it.
CREATE TABLE monitors (
    id                    BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name                  VARCHAR(200)  NOT NULL CHECK (char_length(btrim(name)) BETWEEN 1 AND 200),
    url                   VARCHAR(2048) NOT NULL CHECK (url ~* '^https?://[^/?#\s]+'),
    check_interval        INTEGER       NOT NULL DEFAULT 60 CHECK (check_interval BETWEEN 1 AND 3600),
    timeout               INTEGER       NOT NULL DEFAULT 5 CHECK (timeout BETWEEN 1 AND 60),
    expected_status_code  INTEGER       NOT NULL DEFAULT 200 CHECK (expected_status_code BETWEEN 100 AND 599),
    webhook_url           VARCHAR(2048)          CHECK (webhook_url ~* '^https?://[^/?#\s]+'),
    enabled               BOOLEAN       NOT NULL DEFAULT TRUE,
    -- Bumped on every configuration change: results of checks scheduled with an older configuration are
    -- discarded by the worker.
    config_version        BIGINT        NOT NULL DEFAULT 1 CHECK (config_version >= 1),

    status                VARCHAR(8)    NOT NULL DEFAULT 'UNKNOWN' CHECK (status IN ('UNKNOWN', 'UP', 'DOWN')),
    consecutive_failures  INTEGER       NOT NULL DEFAULT 0 CHECK (consecutive_failures >= 0),
    consecutive_successes INTEGER       NOT NULL DEFAULT 0 CHECK (consecutive_successes >= 0),
    last_checked_at       TIMESTAMPTZ,
    last_status_code      INTEGER,
    last_latency_ms       INTEGER       CHECK (last_latency_ms >= 0),
    last_error            VARCHAR(500),
    last_status_change_at TIMESTAMPTZ,
    -- The slot (scheduled time) of the last result applied to the state: results for this slot or an older one
    -- are redeliveries or stragglers and never change the state.
    last_applied_slot     TIMESTAMPTZ,
    -- When the scheduler should send the next check; the scheduler advances it as it claims the slot.
    next_check_at         TIMESTAMPTZ   NOT NULL DEFAULT now(),

    created_at            TIMESTAMPTZ   NOT NULL DEFAULT now(),
    updated_at            TIMESTAMPTZ   NOT NULL DEFAULT now(),

    CONSTRAINT monitors_timeout_below_interval CHECK (timeout < check_interval)
);

-- The scheduler's query: enabled monitors whose next check is due, oldest first.
CREATE INDEX monitors_due_idx ON monitors (next_check_at) WHERE enabled;
