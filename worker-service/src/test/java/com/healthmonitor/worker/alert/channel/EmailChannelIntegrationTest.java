package com.healthmonitor.worker.alert.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.healthmonitor.common.alert.AlertMessage;
import com.healthmonitor.common.monitor.MonitorStatus;
import com.healthmonitor.worker.alert.Alerts;
import com.healthmonitor.worker.testing.Channels;
import com.healthmonitor.worker.testing.Monitors;
import com.healthmonitor.worker.testing.WorkerIntegrationTest;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Message;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

/** The email channel against a real in-process SMTP server (GreenMail): recipients, subject, plain and HTML parts. */
@WorkerIntegrationTest
class EmailChannelIntegrationTest {

    private static final GreenMail SMTP = new GreenMail(new ServerSetup(freePort(), "127.0.0.1", "smtp"));

    static {
        SMTP.start();
    }

    @Autowired
    private JdbcClient jdbc;

    @Autowired
    private Alerts alerts;

    @Autowired
    private TransactionTemplate transactions;

    @DynamicPropertySource
    static void smtp(DynamicPropertyRegistry registry) {
        registry.add("health-monitor.smtp.host", () -> "127.0.0.1");
        registry.add("health-monitor.smtp.port", () -> SMTP.getSmtp().getPort());
        registry.add("health-monitor.smtp.from", () -> "alerts@health-monitor.test");
        // GreenMail's plain SMTP offers no STARTTLS; production requires it (SMTP_STARTTLS defaults to true).
        registry.add("health-monitor.smtp.starttls", () -> "false");
    }

    @AfterAll
    static void stop() {
        SMTP.stop();
    }

    @Test
    void sendsAPlainTextAndAnHtmlPartToEveryRecipient() throws Exception {
        SMTP.purgeEmailFromAllMailboxes();
        long monitor = new Monitors(jdbc).insert("Checkout", "https://shop.example.com/health", null);
        Channels channels = new Channels(jdbc);
        channels.link(monitor, channels.email("on-call", List.of("ops@example.com", "dev@example.com")));

        transactions.executeWithoutResult(
                tx -> alerts.queueForMonitor(monitor, null, null, ChannelDeliveryIntegrationTest.down(monitor)));

        await().atMost(Duration.ofSeconds(20)).until(() -> SMTP.getReceivedMessages().length == 2);
        MimeMessage mail = SMTP.getReceivedMessages()[0];
        assertThat(mail.getSubject()).isEqualTo("[Health Monitor] 🔴 Checkout is DOWN");
        assertThat(mail.getFrom()[0].toString()).isEqualTo("alerts@health-monitor.test");
        assertThat(Arrays.stream(mail.getRecipients(Message.RecipientType.TO)).map(Object::toString))
                .containsExactly("ops@example.com", "dev@example.com");
        List<String> parts = new ArrayList<>();
        collect(mail.getContent(), mail.getContentType(), parts);
        assertThat(parts).anySatisfy(part -> assertThat(part)
                .startsWith("text/plain")
                .contains("🔔 API Status Changed\r\nName: Checkout\r\nURL: https://shop.example.com/health"));
        assertThat(parts).anySatisfy(part -> assertThat(part)
                .startsWith("text/html")
                .contains("<th align=\"left\">Reason</th><td>HTTP 503</td>"));
        await().atMost(Duration.ofSeconds(20)).until(() -> "SENT"
                .equals(jdbc.sql("SELECT status FROM deliveries WHERE monitor_id = :m")
                        .param("m", monitor)
                        .query(String.class)
                        .single()));
    }

    @Test
    void aMonitorNamedLikeMarkupReachesTheHtmlPartAsTextWithItsUrlTokenMasked() throws Exception {
        String name = HostileText.NAME + " <script>alert(1)</script>";
        long monitor = new Monitors(jdbc).insert(name, HostileText.URL, null);
        Channels channels = new Channels(jdbc);
        channels.link(monitor, channels.email("on-call", List.of("hostile@example.com")));
        SMTP.purgeEmailFromAllMailboxes();

        AlertMessage down = AlertMessage.statusChange(
                monitor,
                name,
                HostileText.URL,
                MonitorStatus.UP,
                MonitorStatus.DOWN,
                Instant.parse("2026-11-21T10:15:30.123Z"),
                HostileText.REASON,
                87,
                null);
        transactions.executeWithoutResult(tx -> alerts.queueForMonitor(monitor, null, null, down));

        await().atMost(Duration.ofSeconds(20)).until(() -> SMTP.getReceivedMessages().length == 1);
        List<String> parts = new ArrayList<>();
        MimeMessage mail = SMTP.getReceivedMessages()[0];
        collect(mail.getContent(), mail.getContentType(), parts);
        assertThat(parts).anySatisfy(part -> assertThat(part)
                .startsWith("text/html")
                .contains("&lt;script&gt;alert(1)&lt;/script&gt;", "&lt;!channel&gt;")
                .doesNotContain("<script>", "<!channel>", "abc123"));
        assertThat(parts).allSatisfy(part -> assertThat(part).doesNotContain("abc123"));
    }

    /** Flattens a MIME tree into "content-type: text" strings. */
    private static void collect(Object content, String type, List<String> parts) throws Exception {
        if (content instanceof Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                var part = multipart.getBodyPart(i);
                collect(part.getContent(), part.getContentType(), parts);
            }
        } else {
            parts.add(type.toLowerCase(java.util.Locale.ROOT) + ": " + content);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
