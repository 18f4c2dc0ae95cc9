package com.healthmonitor.api.statuspage;

import static org.assertj.core.api.Assertions.assertThat;

import com.healthmonitor.api.statuspage.PublicStatus.Overall;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class PublicStatusPageTest {

    private static final Instant NOW = Instant.parse("2026-03-10T12:30:00Z");

    @Test
    void aStatusTheDashboardDoesNotKnowYetStillReadsAsAWordAndAStyleClass() {
        assertThat(PublicStatusPage.Status.of("MAINTENANCE"))
                .isEqualTo(new PublicStatusPage.Status("maintenance", "?", "Maintenance"));
        assertThat(PublicStatusPage.Status.of("DOWN")).isEqualTo(new PublicStatusPage.Status("down", "▼", "Down"));
    }

    @Test
    void uptimesShowTwoDecimalsAndADashWithoutData() {
        assertThat(PublicStatusPage.percent(new BigDecimal("99.995"))).isEqualTo("100.00%");
        assertThat(PublicStatusPage.percent(new BigDecimal("87.5"))).isEqualTo("87.50%");
        assertThat(PublicStatusPage.percent(null)).isEqualTo("—");
    }

    @Test
    void theLinkPreviewTellsTheStateFirstThenTheDescription() {
        PublicStatus withDescription =
                new PublicStatus("Acme", "Our services", NOW, Overall.MAJOR_OUTAGE, List.of(), List.of());
        PublicStatus without = new PublicStatus("Acme", null, NOW, Overall.OPERATIONAL, List.of(), List.of());

        assertThat(PublicStatusPage.of(withDescription).summary()).isEqualTo("Major outage. Our services");
        assertThat(PublicStatusPage.of(without).summary()).isEqualTo("All systems operational.");
        assertThat(PublicStatusPage.of(without).generatedAt())
                .isEqualTo(new PublicStatusPage.Time("2026-03-10T12:30:00Z", "2026-03-10 12:30:00 UTC"));
    }
}
