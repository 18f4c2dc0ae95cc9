package com.healthmonitor.api.live;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The open Server-Sent Events streams, their limits, and the fan-out of each status change to them. Each stream is
 * written by its own {@link LiveStream} writer, so publishing never waits for a client. A slot (per client and in
 * total) is taken when a stream opens and given back when its writer has ended, that is when the connection is
 * really done with.
 */
@Component
class LiveEvents {

    private static final Logger log = LoggerFactory.getLogger(LiveEvents.class);

    private final LiveProperties properties;
    /** The streams that get events; a stream too far behind leaves this set at once, its slot when it ends. */
    private final Set<LiveStream> streams = ConcurrentHashMap.newKeySet();

    private final Map<String, Integer> slotsByClient = new HashMap<>();
    private int slots;

    LiveEvents(LiveProperties properties) {
        this.properties = properties;
    }

    /**
     * A new stream for {@code client}.
     *
     * @throws StreamLimitException when the client's or this instance's streams are all open
     */
    SseEmitter subscribe(String client) {
        takeSlot(client);
        // The container's timeout is only a backstop: the writer ends the stream at the end of its lifetime.
        SseEmitter emitter = new SseEmitter(
                properties.lifetime().plus(properties.keepAlive()).toMillis());
        LiveStream stream = new LiveStream(emitter, properties, ended -> {
            streams.remove(ended);
            releaseSlot(client);
        });
        emitter.onCompletion(stream::close);
        emitter.onTimeout(stream::close);
        emitter.onError(e -> stream.close());
        streams.add(stream);
        stream.start();
        return emitter;
    }

    /** Queues a status change (the JSON written by the database trigger) for every open stream. */
    void publishStatusChange(String json) {
        for (LiveStream stream : streams) {
            if (!stream.offer(json)) {
                // Too far behind (its reader stopped reading): it gets nothing more and is ended.
                streams.remove(stream);
                stream.close();
                log.info("[LIVE] closed a stream more than {} events behind", properties.queuedEvents());
            }
        }
    }

    /** Ends every stream, so that a graceful shutdown does not wait for clients that never hang up. */
    void completeAll() {
        for (LiveStream stream : streams) {
            streams.remove(stream);
            stream.close();
        }
    }

    /** Streams that get events. */
    int subscribers() {
        return streams.size();
    }

    /** Slots taken: streams whose connection has not ended yet. */
    synchronized int openStreams() {
        return slots;
    }

    private synchronized void takeSlot(String client) {
        if (slots >= properties.streamsTotal()) {
            throw new StreamLimitException(
                    "This server has " + properties.streamsTotal() + " event streams open, its limit.");
        }
        int ofClient = slotsByClient.getOrDefault(client, 0);
        if (ofClient >= properties.streamsPerClient()) {
            throw new StreamLimitException(
                    "At most " + properties.streamsPerClient() + " event streams per client are open at once.");
        }
        slotsByClient.put(client, ofClient + 1);
        slots++;
    }

    private synchronized void releaseSlot(String client) {
        slotsByClient.computeIfPresent(client, (c, n) -> n == 1 ? null : n - 1);
        slots--;
    }
}
