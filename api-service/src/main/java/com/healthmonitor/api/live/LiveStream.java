package com.healthmonitor.api.live;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyEmitter.DataWithMediaType;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * One open {@code /events} stream: a bounded queue of events and a virtual thread of its own that writes them.
 * Only that thread touches the emitter (whose writes and completion share a lock), so a reader that stopped reading
 * blocks its own writer and nobody else: publishing only offers to the queue, and a queue that is full means the
 * stream is too far behind and is closed.
 */
final class LiveStream {

    private static final Logger log = LoggerFactory.getLogger(LiveStream.class);
    private static final int MAX_EVENTS_PER_WRITE = 256;

    private final SseEmitter emitter;
    private final BlockingQueue<String> queue;
    private final LiveProperties properties;
    private final Consumer<LiveStream> onEnd;
    private volatile boolean closing;
    private Thread writer;

    LiveStream(SseEmitter emitter, LiveProperties properties, Consumer<LiveStream> onEnd) {
        this.emitter = emitter;
        this.queue = new ArrayBlockingQueue<>(properties.queuedEvents());
        this.properties = properties;
        this.onEnd = onEnd;
    }

    /** Starts the writer, which sends a first comment at once: it flushes the headers, so the client knows it is in. */
    synchronized void start() {
        writer = Thread.ofVirtual().name("live-stream").start(this::writeUntilClosed);
    }

    /** Queues a status change; false when the stream is closing or too far behind to take it. */
    boolean offer(String json) {
        return !closing && queue.offer(json);
    }

    /** Asks the writer to end the stream; returns at once, whatever the writer is doing. */
    synchronized void close() {
        closing = true;
        if (writer != null) {
            writer.interrupt();
        }
    }

    private void writeUntilClosed() {
        long end = System.nanoTime() + properties.lifetime().toNanos();
        try {
            emitter.send(SseEmitter.event().comment("connected"));
            while (!closing) {
                long left = end - System.nanoTime();
                if (left <= 0) {
                    break;
                }
                String json = queue.poll(Math.min(left, properties.keepAlive().toNanos()), TimeUnit.NANOSECONDS);
                if (closing) {
                    break;
                }
                if (json != null) {
                    sendWithTheQueued(json);
                } else if (System.nanoTime() < end) {
                    emitter.send(SseEmitter.event().comment("keep-alive"));
                }
            }
            complete();
        } catch (InterruptedException e) {
            // Closed while waiting for an event.
            complete();
        } catch (IOException | RuntimeException e) {
            // The client went away (or the request already ended): the stream is finished.
            log.debug("[LIVE] stream ended: {}", e.toString());
        } finally {
            closing = true;
            queue.clear();
            onEnd.accept(this);
        }
    }

    /**
     * Sends {@code first} and what queued up behind it in one write and flush: after a burst (an outage turning many
     * monitors DOWN at once) the stream catches up in a few writes instead of one per event.
     */
    private void sendWithTheQueued(String first) throws IOException {
        List<String> batch = new ArrayList<>(List.of(first));
        queue.drainTo(batch, MAX_EVENTS_PER_WRITE - 1);
        Set<DataWithMediaType> data = new LinkedHashSet<>();
        for (String json : batch) {
            data.addAll(SseEmitter.event()
                    .name("status-change")
                    .data(json, MediaType.APPLICATION_JSON)
                    .build());
        }
        emitter.send(data);
    }

    private void complete() {
        try {
            emitter.complete();
        } catch (RuntimeException e) {
            // Already completed by the container (timeout, error).
            log.debug("[LIVE] stream already complete: {}", e.toString());
        }
    }
}
