package com.healthmonitor.api.channel;

import com.healthmonitor.common.secret.Secrets;
import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

@Service
@Transactional
class ChannelService {

    private static final Logger log = LoggerFactory.getLogger(ChannelService.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration TEST_POLL = Duration.ofMillis(100);

    private final ChannelRepository channels;
    private final ChannelValidator validator;
    private final ChannelProperties properties;
    private final Clock clock;

    ChannelService(ChannelRepository channels, ChannelValidator validator, ChannelProperties properties, Clock clock) {
        this.channels = channels;
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
        return response(channels.find(id).orElseThrow(() -> new ChannelNotFoundException(id)));
    }

    @Transactional(readOnly = true)
    List<ChannelResponse> list(long afterId, int limit) {
        return channels.list(afterId, limit).stream()
                .map(ChannelService::response)
                .toList();
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
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("kind", "TEST");
        message.put("name", channel.settings().name());
        message.put("at", clock.instant().truncatedTo(ChronoUnit.MILLIS).toString());
        long deliveryId = channels.queueTest(channel, JSON.writeValueAsString(message));
        long deadline = System.nanoTime() + properties.testTimeout().toNanos();
        TestResult result = channels.delivery(deliveryId);
        while (result.status().equals("PENDING") && System.nanoTime() < deadline) {
            try {
                Thread.sleep(TEST_POLL);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            result = channels.delivery(deliveryId);
        }
        log.info("[CHANNEL] test of channel={} delivery={}: {}", id, deliveryId, result.status());
        return result;
    }

    private static ChannelResponse response(ChannelRepository.Stored stored) {
        ChannelSettings settings = stored.settings();
        return new ChannelResponse(
                stored.id(),
                settings.name(),
                settings.type().id(),
                Secrets.maskUrl(settings.url()),
                Secrets.mask(settings.secret()),
                settings.recipients(),
                stored.createdAt().toInstant(),
                stored.updatedAt().toInstant());
    }
}
