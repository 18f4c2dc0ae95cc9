-- Issue 25: burn-rate alerts for the objectives of tags (tag_slos, V16), as slo_burn_alerts for a monitor's: per tag
-- and severity ('page', 'warn'), whether an episode is firing. The worker's job locks a tag's rows while it measures
-- and decides, so that with several workers an episode alerts once; removing the objective removes them.
CREATE TABLE tag_slo_burn_alerts (
    tag      TEXT        NOT NULL REFERENCES tag_slos (tag) ON DELETE CASCADE,
    severity TEXT        NOT NULL CHECK (severity IN ('page', 'warn')),
    firing   BOOLEAN     NOT NULL DEFAULT FALSE,
    since    TIMESTAMPTZ,
    PRIMARY KEY (tag, severity)
);
