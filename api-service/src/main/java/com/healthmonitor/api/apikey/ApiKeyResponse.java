package com.healthmonitor.api.apikey;

import java.time.Instant;

/**
 * A managed key as listed: never the key or its hash.
 *
 * @param prefix the key's first characters, enough to tell keys apart
 * @param lastUsedAt when the key last authenticated a request, to within about a minute; null if never
 */
record ApiKeyResponse(long id, String name, String scope, String prefix, Instant createdAt, Instant lastUsedAt) {}
