package com.healthmonitor.api.live;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The open Server-Sent Events streams, and the fan-out of each status change to all of them. A stream ends after
 * {@link #STREAM_LIFETIME} (the browser reconnects), so no stream outlives a rotated key for long; a comment every
 * 15 s keeps proxies from closing idle streams and finds the clients that left.
 */
@Component
class LiveEvents {

    static final Duration STREAM_LIFETIME = Duration.ofMinutes(30);
    private static final Logger log = LoggerFactory.getLogger(LiveEvents.class);

    private final List<SseEmitter> emitters = new CopyOnWriteArrayList<>();

    SseEmitter subscribe() {
        SseEmitter emitter = new SseEmitter(STREAM_LIFETIME.toMillis());
        emitter.onCompletion(() -> emitters.remove(emitter));
        emitter.onTimeout(emitter::complete);
        emitter.onError(e -> emitters.remove(emitter));
        emitters.add(emitter);
        // Flushes the response headers at once, so the client knows it is connected.
        send(emitter, SseEmitter.event().comment("connected"));
        return emitter;
    }

    /** Sends a status change (the JSON written by the database trigger) to every open stream. */
    void publishStatusChange(String json) {
        for (SseEmitter emitter : emitters) {
            send(emitter, SseEmitter.event().name("status-change").data(json, MediaType.APPLICATION_JSON));
        }
    }

    @Scheduled(fixedDelay = 15_000)
    void keepAlive() {
        for (SseEmitter emitter : emitters) {
            send(emitter, SseEmitter.event().comment("keep-alive"));
        }
    }

    /** Ends every stream, so that a graceful shutdown does not wait for clients that never hang up. */
    void completeAll() {
        for (SseEmitter emitter : emitters) {
            emitter.complete();
        }
        emitters.clear();
    }

    int subscribers() {
        return emitters.size();
    }

    private void send(SseEmitter emitter, SseEmitter.SseEventBuilder event) {
        try {
            emitter.send(event);
        } catch (IOException | IllegalStateException e) {
            // The client went away; its stream is finished.
            emitters.remove(emitter);
            log.debug("[LIVE] dropped a closed stream: {}", e.toString());
        }
    }
}
