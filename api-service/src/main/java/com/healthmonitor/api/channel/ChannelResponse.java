package com.healthmonitor.api.channel;

import java.time.Instant;
import java.util.List;

/** A channel in responses: {@code url} and {@code secret} masked. */
record ChannelResponse(
        long id,
        String name,
        String type,
        String url,
        String secret,
        List<String> recipients,
        Instant createdAt,
        Instant updatedAt) {}
