package com.healthmonitor.worker.alert.channel;

import static org.assertj.core.api.Assertions.assertThat;

import com.healthmonitor.common.alert.ChannelType;
import com.healthmonitor.testing.StubServer;
import com.healthmonitor.worker.alert.AlertProperties;
import com.healthmonitor.worker.http.GuardedHttpClient;
import com.healthmonitor.worker.http.TargetGuard;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Every webhook channel refuses a private address at send time, without a request and without a retry. */
class ChannelSsrfTest {

    private static final StubServer LOCAL = new StubServer();

    @AfterAll
    static void stop() {
        LOCAL.close();
    }

    @ParameterizedTest
    @EnumSource(
            value = ChannelType.class,
            names = {"EMAIL"},
            mode = EnumSource.Mode.EXCLUDE)
    void refusesALoopbackChannelUrl(ChannelType type) throws Exception {
        LOCAL.script("/" + type.id(), StubServer.Reply.ok());
        AlertProperties properties = new AlertProperties(
                Duration.ofSeconds(1),
                10,
                Duration.ofMinutes(2),
                Duration.ofSeconds(2),
                3,
                Duration.ofMillis(10),
                Duration.ofSeconds(1),
                Duration.ofSeconds(1),
                Duration.ofSeconds(10),
                Duration.ofHours(1));
        try (GuardedHttpClient client = GuardedHttpClient.create(
                new TargetGuard(false, Executors.newVirtualThreadPerTaskExecutor()),
                SSLContext.getDefault(),
                Duration.ofSeconds(2))) {
            WebhookSender webhooks = new WebhookSender(client, properties, Clock.systemUTC());
            HttpChannelSender sender = new HttpChannelSender(type, message -> "{}", webhooks);

            DeliveryResult result = sender.send(
                    new Destination(type, "local", LOCAL.url("/" + type.id()), "secret", List.of()),
                    ChannelDeliveryIntegrationTest.down(1),
                    null);

            assertThat(result).isEqualTo(new DeliveryResult.Failed(1, null, "blocked private address", true, null));
            assertThat(LOCAL.requests("/" + type.id())).isEmpty();
        }
    }
}
