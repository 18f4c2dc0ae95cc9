-- Managed API keys (POST /api-keys). Only the SHA-256 of each key is stored: a key carries 256 random bits, so its
-- hash can be neither reversed nor guessed, and a salt or a slow hash would add nothing but a cost on every request.
-- The API looks the hash up on every request (the UNIQUE index), so a deleted key stops working at once on every
-- instance. The prefix (the key's first characters) only helps a person tell keys apart.
CREATE TABLE api_keys (
    id           BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name         VARCHAR(100) NOT NULL CHECK (char_length(btrim(name)) BETWEEN 1 AND 100),
    scope        VARCHAR(5)   NOT NULL CHECK (scope IN ('read', 'write', 'admin')),
    prefix       VARCHAR(16)  NOT NULL,
    key_hash     BYTEA        NOT NULL UNIQUE CHECK (octet_length(key_hash) = 32),
    created_at   TIMESTAMPTZ  NOT NULL DEFAULT now(),
    -- Written at most about once a minute per key, so that requests do not each write a row.
    last_used_at TIMESTAMPTZ
);
