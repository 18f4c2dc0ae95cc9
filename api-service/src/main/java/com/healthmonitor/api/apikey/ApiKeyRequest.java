package com.healthmonitor.api.apikey;

/** A key to create: {@code {"name": "ci", "scope": "read"}}. */
record ApiKeyRequest(String name, String scope) {}
