package com.healthmonitor.api.channel;

import com.healthmonitor.common.alert.AlertMessage;
import com.healthmonitor.common.alert.AlertOutbox;
import com.healthmonitor.common.secret.Secrets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

@Service
@Transactional
class ChannelService {

    private static final Logger log = LoggerFactory.getLogger(ChannelService.class);
    private static final Duration TEST_POLL = Duration.ofMillis(100);

    private final ChannelRepository channels;
    private final AlertOutbox outbox;
    private final ChannelValidator validator;
    private final ChannelProperties properties;
    private final Clock clock;

    ChannelService(
            ChannelRepository channels,
            AlertOutbox outbox,
            ChannelValidator validator,
            ChannelProperties properties,
            Clock clock) {
        this.channels = channels;
        this.outbox = outbox;
        this.validator = validator;
        this.properties = properties;
        this.clock = clock;
    }

    ChannelResponse create(ChannelRequest request) {
        long id = channels.insert(validator.validate(request, null));
        log.info("[CHANNEL] created channel={} type={}", id, request.type());
        return get(id);
    }

    @Transactional(readOnly = true)
    ChannelResponse get(long id) {
        return responses(List.of(channels.find(id).orElseThrow(() -> new ChannelNotFoundException(id))))
                .getFirst();
    }

    @Transactional(readOnly = true)
    List<ChannelResponse> list(long afterId, int limit) {
        return responses(channels.list(afterId, limit));
    }

    ChannelResponse replace(long id, ChannelRequest request) {
        ChannelRepository.Stored stored =
                channels.findForUpdate(id).orElseThrow(() -> new ChannelNotFoundException(id));
        channels.update(id, validator.validate(request, stored.settings()));
        log.info("[CHANNEL] updated channel={}", id);
        return get(id);
    }

    void delete(long id) {
        channels.findForUpdate(id).orElseThrow(() -> new ChannelNotFoundException(id));
        // Pending alerts to it would neither be sent nor let later ones of their monitor through.
        outbox.cancelPending(id, "channel deleted");
        channels.delete(id);
        log.info("[CHANNEL] deleted channel={}", id);
    }

    /**
     * Queues a test message (committed at once, so a worker can send it) and waits for its outcome up to the
     * configured time; a worker sends it on its next poll, through the same sender, SSRF guard and retries as alerts.
     */
    @Transactional(propagation = Propagation.NOT_SUPPORTED)
    TestResult test(long id) {
        ChannelRepository.Stored channel = channels.find(id).orElseThrow(() -> new ChannelNotFoundException(id));
        AlertMessage message = AlertMessage.test(channel.settings().name(), clock.instant());
        // Nothing is queued for a channel deleted since it was read.
        List<Long> queued = outbox.queueForChannels(List.of(id), message);
        long deliveryId = queued.stream().findFirst().orElseThrow(() -> new ChannelNotFoundException(id));
        long deadline = System.nanoTime() + properties.testTimeout().toNanos();
        AlertOutbox.Outcome outcome = outbox.outcome(deliveryId).orElseThrow();
        while (outcome.pending() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(TEST_POLL);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            outcome = outbox.outcome(deliveryId).orElseThrow();
        }
        log.info("[CHANNEL] test of channel={} delivery={}: {}", id, deliveryId, outcome.status());
        return new TestResult(deliveryId, outcome.status(), outcome.code(), outcome.error(), outcome.attempts());
    }

    private List<ChannelResponse> responses(List<ChannelRepository.Stored> stored) {
        Map<Long, AlertOutbox.Latest> last = outbox.latestByChannel(
                stored.stream().map(ChannelRepository.Stored::id).toList());
        return stored.stream()
                .map(s -> response(s, LastDelivery.of(last.get(s.id()))))
                .toList();
    }

    private static ChannelResponse response(ChannelRepository.Stored stored, LastDelivery lastDelivery) {
        ChannelSettings settings = stored.settings();
        return new ChannelResponse(
                stored.id(),
                stored.key(),
                settings.name(),
                settings.type().id(),
                Secrets.maskUrl(settings.url()),
                Secrets.mask(settings.secret()),
                settings.recipients(),
                stored.createdAt(),
                stored.updatedAt(),
                lastDelivery);
    }
}
