package com.healthmonitor.api.live;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Listens on PostgreSQL's {@code status_changes} channel, which a trigger notifies whenever any process (in
 * practice the worker) commits a status change, and hands each change to the SSE streams. One connection per API
 * instance, taken from the pool for as long as the API runs; if it breaks, a new one is taken after a pause (changes
 * committed in between are not replayed: clients reload their list when their stream reconnects).
 */
@Component
class StatusChangeListener implements SmartLifecycle {

    static final String CHANNEL = "status_changes";
    private static final Duration POLL = Duration.ofMillis(500);
    private static final Duration RECONNECT_PAUSE = Duration.ofSeconds(2);
    private static final Logger log = LoggerFactory.getLogger(StatusChangeListener.class);

    private final DataSource dataSource;
    private final LiveEvents events;
    private volatile boolean running;
    private Thread thread;

    StatusChangeListener(DataSource dataSource, LiveEvents events) {
        this.dataSource = dataSource;
        this.events = events;
    }

    @Override
    public synchronized void start() {
        running = true;
        thread = Thread.ofPlatform().name("status-change-listener").daemon().start(this::listenUntilStopped);
    }

    @Override
    public synchronized void stop() {
        running = false;
        // Stopped before the web server's graceful shutdown (a later phase), which would otherwise wait for them.
        events.completeAll();
        if (thread != null) {
            thread.interrupt();
            try {
                thread.join(POLL.multipliedBy(4).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void listenUntilStopped() {
        while (running) {
            try (Connection connection = dataSource.getConnection()) {
                try (Statement statement = connection.createStatement()) {
                    statement.execute("LISTEN " + CHANNEL);
                }
                log.info("[LIVE] listening for status changes");
                PGConnection pg = connection.unwrap(PGConnection.class);
                while (running) {
                    PGNotification[] notifications = pg.getNotifications((int) POLL.toMillis());
                    if (notifications != null) {
                        for (PGNotification notification : notifications) {
                            events.publishStatusChange(notification.getParameter());
                        }
                    }
                }
            } catch (SQLException | RuntimeException e) {
                if (!running) {
                    return;
                }
                log.warn("[LIVE] status-change listener lost its connection, retrying: {}", e.toString());
                try {
                    Thread.sleep(RECONNECT_PAUSE); // back-off before reconnecting, not synchronisation
                } catch (InterruptedException interrupted) {
                    return;
                }
            }
        }
    }
}
