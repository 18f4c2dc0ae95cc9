package com.healthmonitor.api.channel;

import java.util.List;

/**
 * The body of {@code POST /channels} and {@code PUT /channels/{id}}: {@code url} for the webhook types,
 * {@code secret} (optional) for {@code webhook}, {@code recipients} for {@code email}. A {@code url} or
 * {@code secret} equal to the mask a response showed keeps the stored value.
 */
record ChannelRequest(String name, String type, String url, String secret, List<String> recipients) {}
