-- Monitor types (issue 21): a monitor checks an HTTP endpoint (the default, every monitor so far), a TCP port or a DNS
-- record. HTTP keeps its columns; the settings of the other types live in one JSON object, target, whose shape is the
-- common module's CheckTarget (written by the API, read by the scheduler into the check message), so that a new type
-- needs no new columns. The CHECK constraints mirror the API's validation.
ALTER TABLE monitors
    ADD COLUMN type   VARCHAR(16) NOT NULL DEFAULT 'http' CHECK (type IN ('http', 'tcp', 'dns')),
    ADD COLUMN target JSONB       CHECK (jsonb_typeof(target) = 'object'),
    ALTER COLUMN url DROP NOT NULL,
    DROP CONSTRAINT monitors_url_check,
    ADD CONSTRAINT monitors_url_check CHECK (url ~* '^https?://[^/?#\s]+'),
    -- An HTTP monitor has a URL and no target; any other type has its target and no URL.
    ADD CONSTRAINT monitors_target_of_its_type
        CHECK (CASE WHEN type = 'http' THEN url IS NOT NULL AND target IS NULL
                    ELSE url IS NULL AND target IS NOT NULL AND target ->> 'type' = type END);

-- "Has a latency" no longer means "got an HTTP status": a check that got an answer of its kind (an HTTP response, a
-- TCP connection, a DNS answer) has a latency; one that failed before that (timeout, refused, DNS failure, blocked)
-- has only its duration, which the statistics leave out.
ALTER TABLE check_results ADD COLUMN responded BOOLEAN;
UPDATE check_results SET responded = (status_code IS NOT NULL);
ALTER TABLE check_results ALTER COLUMN responded SET NOT NULL;

-- Workers older than this migration still run during a rolling upgrade and do not write the column: for their rows
-- (HTTP checks only) an answer is a status code, as it always was. A later migration drops this with the old workers.
CREATE FUNCTION check_results_responded_default() RETURNS TRIGGER LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.responded IS NULL THEN
        NEW.responded := NEW.status_code IS NOT NULL;
    END IF;
    RETURN NEW;
END
$$;

CREATE TRIGGER check_results_responded_default BEFORE INSERT ON check_results
    FOR EACH ROW EXECUTE FUNCTION check_results_responded_default();
