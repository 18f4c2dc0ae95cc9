package com.healthmonitor.worker.alert.dispatch;

import com.healthmonitor.common.alert.AlertKind;
import com.healthmonitor.common.alert.AlertMessage;
import com.healthmonitor.common.alert.AlertMessageCodec;
import com.healthmonitor.common.alert.ChannelType;
import com.healthmonitor.common.secret.Secrets;
import com.healthmonitor.worker.alert.AlertProperties;
import com.healthmonitor.worker.alert.AlertsQueued;
import com.healthmonitor.worker.alert.channel.ChannelSenders;
import com.healthmonitor.worker.alert.channel.DeliveryResult;
import com.healthmonitor.worker.alert.channel.Destination;
import com.healthmonitor.worker.alert.outbox.Outbox;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Delivers the outbox: claims due deliveries under a lease, sends each through its channel's sender, and records
 * SENT, a later retry, or FAILED. Each claimed delivery is sent on its own virtual thread, so a slow channel never
 * holds up another.
 * Woken right after a transaction that wrote an alert commits, so alert latency is milliseconds; the poll
 * interval only matters for retries and for alerts written by another worker.
 *
 * <p>The lease is short and renewed every third of it while an alert is being sent, however long its round of
 * POSTs and waits takes. A worker that dies stops renewing, so its alerts are claimed again (by a restarted or
 * another worker) a lease later, seconds rather than minutes; only a POST in flight at the moment of the crash
 * can reach Slack twice.
 */
@Component
class OutboxDispatcher implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OutboxDispatcher.class);

    private final Outbox outbox;
    private final ChannelSenders senders;
    private final AlertProperties properties;
    private final Clock clock;
    private final AlertMetrics metrics;
    private final AlertMessageCodec messages = new AlertMessageCodec();
    private final String owner = ownerId();
    private final BlockingQueue<Boolean> wakeups = new ArrayBlockingQueue<>(1);
    private final Set<Long> sending = ConcurrentHashMap.newKeySet();

    private volatile boolean running;
    private volatile Thread loop;
    private volatile ScheduledExecutorService renewal;

    OutboxDispatcher(
            Outbox outbox, ChannelSenders senders, AlertProperties properties, Clock clock, AlertMetrics metrics) {
        this.outbox = outbox;
        this.senders = senders;
        this.properties = properties;
        this.clock = clock;
        this.metrics = metrics;
    }

    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT)
    void onAlertsQueued(AlertsQueued queued) {
        wake();
    }

    void wake() {
        wakeups.offer(Boolean.TRUE);
    }

    @Override
    public void start() {
        running = true;
        loop = Thread.ofVirtual().name("alert-dispatcher").start(this::run);
        long period = properties.lease().toMillis() / 3;
        renewal = Executors.newSingleThreadScheduledExecutor(
                Thread.ofVirtual().name("alert-lease-renewal").factory());
        renewal.scheduleWithFixedDelay(this::renewLeases, period, period, TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop() {
        running = false;
        wake();
        ScheduledExecutorService renewer = renewal;
        if (renewer != null) {
            // Sends still running after the join below keep no lease: it expires and the alert is sent again.
            renewer.shutdownNow();
        }
        Thread thread = loop;
        if (thread != null) {
            try {
                thread.join(Duration.ofSeconds(5));
                if (thread.isAlive()) {
                    // An interrupted send stays PENDING and its lease expires: another worker (or this one after a
                    // restart) sends it again, so delivery is at least once.
                    thread.interrupt();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void run() {
        boolean databaseDown = false;
        while (running) {
            try {
                int claimed = dispatchOnce();
                if (databaseDown) {
                    log.info("[WEBHOOK] dispatcher reached the database again");
                    databaseDown = false;
                }
                if (claimed == 0) {
                    wakeups.poll(properties.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                if (!databaseDown) {
                    log.warn("[WEBHOOK] dispatcher cannot use the database, will retry: {}", e.toString());
                    databaseDown = true;
                }
                try {
                    wakeups.poll(properties.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
                } catch (InterruptedException interrupted) {
                    return;
                }
            }
        }
    }

    /** Keeps the leases of the alerts being sent; a failure only shortens them, so it is logged and retried. */
    void renewLeases() {
        try {
            Set<Long> ids = Set.copyOf(sending);
            int held = outbox.renew(ids, owner, properties.lease());
            if (held < ids.size()) {
                log.warn("[WEBHOOK] lost the lease of {} alert(s) being sent", ids.size() - held);
            }
        } catch (RuntimeException e) {
            log.warn("[WEBHOOK] could not renew alert leases, will retry: {}", e.toString());
        }
    }

    /** Claims and delivers one batch; returns how many alerts it claimed. */
    int dispatchOnce() {
        List<Outbox.Claimed> batch = outbox.claim(owner, properties.lease(), properties.batchSize());
        if (batch.isEmpty()) {
            return 0;
        }
        // Streams (monitor and channel) are independent: send them in parallel. The claim never returns two
        // deliveries of one stream, so this cannot reorder a monitor's alerts on a channel.
        try (ExecutorService senders = Executors.newVirtualThreadPerTaskExecutor()) {
            for (Outbox.Claimed alert : batch) {
                sending.add(alert.id());
                senders.submit(() -> {
                    try {
                        deliver(alert);
                    } finally {
                        sending.remove(alert.id());
                    }
                });
            }
        }
        return batch.size();
    }

    private void deliver(Outbox.Claimed alert) {
        // A null resource is skipped: summaries and tests have no monitor, reminders no status change.
        try (var monitor = alert.monitorId() == null ? null : MDC.putCloseable("monitor_id", alert.monitorId() + "");
                var change = alert.statusChangeId() == null
                        ? null
                        : MDC.putCloseable("status_change_id", alert.statusChangeId() + "");
                var delivery = MDC.putCloseable("delivery_id", Long.toString(alert.id()));
                var channel =
                        MDC.putCloseable("channel", alert.destination().type().id())) {
            deliverLogged(alert);
        }
    }

    private void deliverLogged(Outbox.Claimed alert) {
        Destination destination = alert.destination();
        String channel = destination.type().id();
        try {
            if (alert.channelDeleted()) {
                // The channel was deleted after the alert was claimed: nothing to send to.
                outbox.markFinished(alert, owner, "CANCELLED", 0, 0, "channel deleted");
                return;
            }
            AlertMessage message = alert.message() == null ? null : messages.read(alert.message());
            DeliveryResult result = senders.get(destination.type()).send(destination, message, alert.payload());
            String target =
                    destination.type() == ChannelType.EMAIL ? destination.name() : Secrets.maskUrl(destination.url());
            if (!(result instanceof DeliveryResult.Failed failed)) {
                if (outbox.markSent(alert, owner, result.attempts(), result.code())) {
                    metrics.sent(channel);
                    log.info(
                            "[WEBHOOK] sent status={} monitor={} kind={} channel={} delivery={} to={}",
                            result.code(),
                            alert.monitorId(),
                            alert.kind(),
                            channel,
                            alert.id(),
                            target);
                } else {
                    log.warn("[WEBHOOK] sent delivery={} but its lease had expired", alert.id());
                }
                return;
            }
            Instant now = clock.instant();
            // A test answers the user who asked for it: one round, no retry later.
            boolean giveUp = failed.permanent()
                    || alert.kind() == AlertKind.TEST
                    || !now.isBefore(alert.createdAt().plus(properties.giveUpAfter()));
            if (giveUp) {
                outbox.markFinished(alert, owner, "FAILED", failed.attempts(), failed.code(), failed.error());
                metrics.gaveUp(channel);
                log.error(
                        "[WEBHOOK] gave up status={} monitor={} kind={} channel={} delivery={} to={}: {}",
                        failed.code(),
                        alert.monitorId(),
                        alert.kind(),
                        channel,
                        alert.id(),
                        target,
                        failed.error());
                return;
            }
            int rounds = 1 + (alert.attempts() + failed.attempts() - 1) / properties.maxAttempts();
            Duration backoff = backoff(rounds);
            if (failed.retryAfter() != null && failed.retryAfter().compareTo(backoff) > 0) {
                backoff = failed.retryAfter();
            }
            outbox.reschedule(alert, owner, failed.attempts(), now.plus(backoff), failed.code(), failed.error());
            metrics.retrying(channel);
            log.warn(
                    "[WEBHOOK] failed status={} monitor={} kind={} channel={} delivery={} to={}, retry in {}: {}",
                    failed.code(),
                    alert.monitorId(),
                    alert.kind(),
                    channel,
                    alert.id(),
                    target,
                    backoff,
                    failed.error());
        } catch (RuntimeException e) {
            // The lease expires and the alert is retried; it may be sent twice, never lost.
            log.warn("[WEBHOOK] could not record delivery={}: {}", alert.id(), e.toString());
        }
    }

    private Duration backoff(int rounds) {
        Duration backoff = properties.rescheduleBackoff().multipliedBy(1L << Math.min(rounds - 1, 20));
        return backoff.compareTo(properties.maxRescheduleBackoff()) > 0 ? properties.maxRescheduleBackoff() : backoff;
    }

    private static String ownerId() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            host = "worker";
        }
        String id = host + "-" + UUID.randomUUID().toString().substring(0, 8);
        return id.length() <= 100 ? id : id.substring(id.length() - 100);
    }
}
