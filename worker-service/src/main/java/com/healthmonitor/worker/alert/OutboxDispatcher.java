package com.healthmonitor.worker.alert;

import com.healthmonitor.common.secret.Secrets;
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
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Delivers the outbox: claims due alerts under a lease, sends them, and records SENT, a later retry, or FAILED.
 * Woken right after a transaction that wrote an alert commits, so alert latency is milliseconds; the poll
 * interval only matters for retries and for alerts written by another worker.
 *
 * <p>The lease is short and renewed every third of it while an alert is being sent, however long its round of
 * POSTs and waits takes. A worker that dies stops renewing, so its alerts are claimed again (by a restarted or
 * another worker) a lease later, seconds rather than minutes; only a POST in flight at the moment of the crash
 * can reach Slack twice.
 */
class OutboxDispatcher implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OutboxDispatcher.class);

    private final Outbox outbox;
    private final WebhookSender sender;
    private final AlertProperties properties;
    private final Clock clock;
    private final AlertMetrics metrics;
    private final String owner = ownerId();
    private final BlockingQueue<Boolean> wakeups = new ArrayBlockingQueue<>(1);
    private final Set<Long> sending = ConcurrentHashMap.newKeySet();

    private volatile boolean running;
    private volatile Thread loop;
    private volatile ScheduledExecutorService renewal;

    OutboxDispatcher(
            Outbox outbox, WebhookSender sender, AlertProperties properties, Clock clock, AlertMetrics metrics) {
        this.outbox = outbox;
        this.sender = sender;
        this.properties = properties;
        this.clock = clock;
        this.metrics = metrics;
    }

    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT)
    void onStatusChange(StatusChangeRecorded change) {
        if (change.alertPending()) {
            wake();
        }
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
        // Different monitors are independent: send them in parallel. The claim never returns two alerts of one
        // monitor, so this cannot reorder a monitor's alerts.
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
        try (var monitor = MDC.putCloseable("monitor_id", Long.toString(alert.monitorId()));
                var change = MDC.putCloseable("status_change_id", Long.toString(alert.id()))) {
            deliverLogged(alert);
        }
    }

    private void deliverLogged(Outbox.Claimed alert) {
        WebhookSender.Delivery delivery = sender.send(alert.webhookUrl(), alert.payload());
        WebhookSender.Response last = delivery.last();
        String target = Secrets.maskUrl(alert.webhookUrl());
        try {
            if (last.ok()) {
                if (outbox.markSent(alert.id(), owner, delivery.posts())) {
                    metrics.sent(AlertMetrics.SLACK);
                    log.info(
                            "[WEBHOOK] sent status={} monitor={} change={} to={}",
                            last.status(),
                            alert.monitorId(),
                            alert.id(),
                            target);
                } else {
                    log.warn("[WEBHOOK] sent change={} but its lease had expired", alert.id());
                }
                return;
            }
            Instant now = clock.instant();
            if (last.permanent() || !now.isBefore(alert.changedAt().plus(properties.giveUpAfter()))) {
                outbox.markFailed(alert.id(), owner, delivery.posts(), last.error());
                metrics.gaveUp(AlertMetrics.SLACK);
                log.error(
                        "[WEBHOOK] gave up status={} monitor={} change={} to={}: {}",
                        last.status(),
                        alert.monitorId(),
                        alert.id(),
                        target,
                        last.error());
                return;
            }
            int rounds = 1 + (alert.attempts() + delivery.posts() - 1) / properties.maxAttempts();
            Duration backoff = backoff(rounds);
            if (last.retryAfter() != null && last.retryAfter().compareTo(backoff) > 0) {
                backoff = last.retryAfter();
            }
            outbox.reschedule(alert.id(), owner, delivery.posts(), now.plus(backoff), last.error());
            metrics.retrying(AlertMetrics.SLACK);
            log.warn(
                    "[WEBHOOK] failed status={} monitor={} change={} to={}, retry in {}: {}",
                    last.status(),
                    alert.monitorId(),
                    alert.id(),
                    target,
                    backoff,
                    last.error());
        } catch (RuntimeException e) {
            // The lease expires and the alert is retried; it may be sent twice, never lost.
            log.warn("[WEBHOOK] could not record delivery of change={}: {}", alert.id(), e.toString());
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
