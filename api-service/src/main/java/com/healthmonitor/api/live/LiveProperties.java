package com.healthmonitor.api.live;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Limits of the {@code /events} streams.
 *
 * @param streamsPerClient open streams per client: its API key, or its address without one, as the rate limiter
 *     counts ({@code EVENTS_STREAMS_PER_CLIENT})
 * @param streamsTotal open streams per API instance ({@code EVENTS_STREAMS_TOTAL})
 * @param queuedEvents events a stream may be behind its reader; a stream further behind is closed (its client
 *     reconnects and reloads), so a reader that stopped reading holds no more than this. Enough for a burst of
 *     status changes from a whole fleet going down at once, which arrive faster than any client reads them
 * @param keepAlive how often an idle stream gets a comment: it keeps proxies from closing the stream and finds the
 *     clients that left
 * @param lifetime how long a stream lasts before the server ends it (the browser reconnects), so that no stream
 *     outlives a revoked key for long
 */
@ConfigurationProperties("health-monitor.api.events")
record LiveProperties(
        int streamsPerClient,
        int streamsTotal,
        @DefaultValue("4096") int queuedEvents,
        @DefaultValue("15s") Duration keepAlive,
        @DefaultValue("30m") Duration lifetime) {

    LiveProperties {
        if (streamsPerClient < 1 || streamsTotal < streamsPerClient) {
            throw new IllegalArgumentException(
                    "EVENTS_STREAMS_PER_CLIENT and EVENTS_STREAMS_TOTAL must satisfy 1 <= per client <= total");
        }
        if (queuedEvents < 1 || !keepAlive.isPositive() || lifetime.compareTo(keepAlive) < 0) {
            throw new IllegalArgumentException(
                    "events: queued-events must be positive, keep-alive positive and lifetime at least keep-alive");
        }
    }
}
