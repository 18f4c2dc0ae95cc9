package com.healthmonitor.api.apikey;

import io.swagger.v3.oas.annotations.media.Schema;

/** A key to create: {@code {"name": "ci", "scope": "read"}}. */
record ApiKeyRequest(
        @Schema(description = "What the key is for, 1-100 characters", example = "ci", maxLength = 100)
        String name,

        @Schema(
                description = "read: GET only; write: also every change; admin: also API keys and settings",
                allowableValues = {"read", "write", "admin"},
                example = "read")
        String scope) {}
