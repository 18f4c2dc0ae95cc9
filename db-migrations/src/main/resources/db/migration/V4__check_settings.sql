-- Richer checks (issue 10): request method, headers and body; a set of expected status codes; assertions on the
-- response; redirect following; TLS expiry warnings; per-monitor thresholds. Every default is the behaviour monitors
-- had before, so existing rows keep checking exactly as they did. The CHECK constraints mirror the API's validation.

-- A set of codes and ranges such as {200-299,301}: 1 to 20 entries, each within 100-599 and not inverted.
CREATE FUNCTION status_code_set_is_valid(codes TEXT[]) RETURNS BOOLEAN
    LANGUAGE sql IMMUTABLE STRICT AS $$
    SELECT cardinality(codes) BETWEEN 1 AND 20
       AND NOT EXISTS (
           SELECT 1 FROM unnest(codes) AS c
           WHERE c IS NULL
              OR c !~ '^[1-5][0-9]{2}(-[1-5][0-9]{2})?$'
              OR (c ~ '-' AND split_part(c, '-', 1)::int > split_part(c, '-', 2)::int))
$$;

ALTER TABLE monitors
    ADD COLUMN method                VARCHAR(7)  NOT NULL DEFAULT 'GET'
        CHECK (method IN ('GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS')),
    -- Header values are secrets (tokens): the API masks them in responses.
    ADD COLUMN request_headers       JSONB       NOT NULL DEFAULT '{}'
        CHECK (jsonb_typeof(request_headers) = 'object'),
    ADD COLUMN request_body          TEXT        CHECK (octet_length(request_body) <= 65536),
    ADD COLUMN request_content_type  VARCHAR(255),
    -- NULL: the single expected_status_code applies (the seed's shorthand).
    ADD COLUMN expected_status_codes TEXT[]      CHECK (status_code_set_is_valid(expected_status_codes)),
    ADD COLUMN assertions            JSONB       NOT NULL DEFAULT '[]'
        CHECK (jsonb_typeof(assertions) = 'array' AND jsonb_array_length(assertions) <= 20),
    ADD COLUMN follow_redirects      BOOLEAN     NOT NULL DEFAULT TRUE,
    ADD COLUMN tls_expiry_days       INTEGER     NOT NULL DEFAULT 14 CHECK (tls_expiry_days BETWEEN 0 AND 365),
    -- NULL: the worker's FAIL_THRESHOLD / SUCCESS_THRESHOLD apply.
    ADD COLUMN fail_threshold        INTEGER     CHECK (fail_threshold BETWEEN 1 AND 10),
    ADD COLUMN success_threshold     INTEGER     CHECK (success_threshold BETWEEN 1 AND 10),
    -- SHA-256 of the certificate the last expiry warning was sent for: one warning per certificate.
    ADD COLUMN tls_warned_certificate VARCHAR(64),
    ADD CONSTRAINT monitors_body_needs_a_method_with_body
        CHECK (request_body IS NULL OR method NOT IN ('GET', 'HEAD')),
    ADD CONSTRAINT monitors_content_type_needs_a_body
        CHECK (request_content_type IS NULL OR request_body IS NOT NULL);

-- Exactly one of the shorthand and the set says what is expected.
ALTER TABLE monitors ALTER COLUMN expected_status_code DROP NOT NULL;
ALTER TABLE monitors ADD CONSTRAINT monitors_one_expected_status
    CHECK ((expected_status_code IS NULL) <> (expected_status_codes IS NULL));

-- The earliest expiry in the certificate chain an https check saw; NULL for http or when no handshake completed.
ALTER TABLE check_results ADD COLUMN tls_expires_at TIMESTAMPTZ;

-- The outbox carries a second kind of alert: a certificate about to expire. It is not a status change, so its
-- rows have no old/new status; channels (a later issue) can route the kinds differently.
ALTER TABLE status_changes
    ADD COLUMN kind VARCHAR(16) NOT NULL DEFAULT 'STATUS_CHANGE' CHECK (kind IN ('STATUS_CHANGE', 'TLS_EXPIRY')),
    ALTER COLUMN old_status DROP NOT NULL,
    ALTER COLUMN new_status DROP NOT NULL,
    DROP CONSTRAINT status_changes_is_a_change,
    ADD CONSTRAINT status_changes_is_a_change
        CHECK (kind <> 'STATUS_CHANGE'
               OR (old_status IS NOT NULL AND new_status IS NOT NULL AND old_status <> new_status)),
    ADD CONSTRAINT status_changes_warning_has_no_status
        CHECK (kind <> 'TLS_EXPIRY' OR (old_status IS NULL AND new_status IS NULL));
