package com.healthmonitor.api.apikey;

import java.time.Instant;

/**
 * The answer to creating a key, the only one that carries the key itself: only its hash is stored.
 *
 * @param key the secret, to be sent as {@code Authorization: Bearer <key>} or {@code X-API-Key: <key>}
 */
record CreatedApiKey(long id, String name, String scope, String prefix, Instant createdAt, String key) {}
