-- A monitor's service level objective (issue 25): the share of successful checks it must reach over a calendar
-- month, a calendar quarter (UTC) or the last 30 days. The API computes attainment and error budgets from the
-- history; the worker will read it for burn-rate alerts.
CREATE TABLE monitor_slos (
    monitor_id BIGINT        PRIMARY KEY REFERENCES monitors (id) ON DELETE CASCADE,
    objective  NUMERIC(6, 3) NOT NULL CHECK (objective > 0 AND objective < 100),
    period     TEXT          NOT NULL CHECK (period IN ('month', 'quarter', 'rolling_30d')),
    created_at TIMESTAMPTZ   NOT NULL DEFAULT now(),
    updated_at TIMESTAMPTZ   NOT NULL DEFAULT now()
);
