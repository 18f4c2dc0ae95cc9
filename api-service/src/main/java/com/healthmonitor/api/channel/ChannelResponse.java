package com.healthmonitor.api.channel;

import java.time.Instant;
import java.util.List;

/**
 * A channel in responses: {@code url} and {@code secret} masked; {@code key} names it in {@code /config};
 * {@code lastDelivery} null until something was queued for it.
 */
record ChannelResponse(
        long id,
        String key,
        String name,
        String type,
        String url,
        String secret,
        List<String> recipients,
        Instant createdAt,
        Instant updatedAt,
        LastDelivery lastDelivery) {}
