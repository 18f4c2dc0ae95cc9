package com.healthmonitor.worker.check;

import static org.assertj.core.api.Assertions.assertThat;

import com.healthmonitor.worker.result.TlsInspection;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class TlsInspectionTest {

    private static final Instant NOW = Instant.parse("2026-11-21T12:00:00Z");
    private static final TestCertificates CERTIFICATES = new TestCertificates();

    @Test
    void takesTheEarliestExpiryOfTheChainAndFingerprintsThatCertificate() {
        var leaf = CERTIFICATES.server("a.test", NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(90)));
        var intermediate = CERTIFICATES.server("b.test", NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(5)));

        TlsInspection tls = TlsInspection.of(List.of(leaf.certificate(), intermediate.certificate()))
                .orElseThrow();

        assertThat(tls.expiresAt())
                .isEqualTo(intermediate.certificate().getNotAfter().toInstant());
        assertThat(tls.certificate())
                .hasSize(64)
                .isNotEqualTo(TlsInspection.of(List.of(leaf.certificate()))
                        .orElseThrow()
                        .certificate());
        assertThat(TlsInspection.of(List.of())).isEmpty();
    }

    @Test
    void warnsWithinTheConfiguredDaysOnly() {
        TlsInspection tls = new TlsInspection(NOW.plus(Duration.ofDays(3)).plusSeconds(5), "f".repeat(64));

        assertThat(tls.warning(NOW, 14)).contains("certificate expires in 3 days (2026-11-24T12:00:05Z)");
        assertThat(tls.warning(NOW, 3)).isEmpty();
        assertThat(tls.warning(NOW, 0)).isEmpty();
        assertThat(new TlsInspection(NOW.plus(Duration.ofHours(20)), "f").warning(NOW, 14))
                .contains("certificate expires in less than a day (2026-11-22T08:00:00Z)");
        assertThat(new TlsInspection(NOW.plus(Duration.ofHours(30)), "f").warning(NOW, 14))
                .get()
                .asString()
                .startsWith("certificate expires in 1 day ");
    }
}
