package com.healthmonitor.worker.summary;

import static org.assertj.core.api.Assertions.assertThat;

import com.healthmonitor.common.alert.DailySummary;
import com.healthmonitor.worker.testing.Monitors;
import com.healthmonitor.worker.testing.WorkerIntegrationTest;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The summary's uptimes count a monitor checked from two locations as the API does: a location's failure lowers the
 * uptime only in a slot that enough locations failed (min_failing_locations).
 */
@WorkerIntegrationTest
class SummaryLocationsIntegrationTest {

    // A day of its own, so that no other test's results fall into the summary's 24 hours.
    private static final Instant NOW = Instant.parse("2030-06-15T08:00:00Z");

    @Autowired
    private JdbcClient jdbc;

    @Autowired
    private SummaryQueries queries;

    @Test
    void aSlotFailedInFewerLocationsThanRequiredIsNotDowntimeInTheUptime() {
        Monitors monitors = new Monitors(jdbc);
        long bothMustFail = monitors.insert("Both must fail", "https://orders.example.com/health", null);
        long oneIsEnough = monitors.insert("One is enough", "https://search.example.com/health", null);
        locations(bothMustFail, 2);
        locations(oneIsEnough, 1);
        // Four slots of two locations each: eight checks per monitor.
        for (int slot = 1; slot <= 4; slot++) {
            // Slot 1: both locations fail; slot 2: only eu-west-1 does; slots 3 and 4 pass everywhere.
            result(bothMustFail, slot, "default", slot != 1);
            result(bothMustFail, slot, "eu-west-1", slot > 2);
            // Slot 1: only eu-west-1 fails, which is enough here.
            result(oneIsEnough, slot, "default", true);
            result(oneIsEnough, slot, "eu-west-1", slot != 1);
        }

        DailySummary summary = queries.summary(LocalDate.ofInstant(NOW, ZoneOffset.UTC), NOW);

        // Slot 1's two failures count, slot 2's lone one does not: 6 of 8 (counting every failure: 5 of 8).
        assertThat(summary.worstUptimes())
                .containsExactly(
                        new DailySummary.Uptime(bothMustFail, "Both must fail", 75.0),
                        new DailySummary.Uptime(oneIsEnough, "One is enough", 87.5));
    }

    private void locations(long monitorId, int minFailing) {
        jdbc.sql("""
                        UPDATE monitors SET locations = ARRAY['default', 'eu-west-1'], min_failing_locations = :min
                        WHERE id = :id""").param("min", minFailing).param("id", monitorId).update();
    }

    private void result(long monitorId, int slotNumber, String location, boolean success) {
        Instant slot = NOW.minus(Duration.ofMinutes(10L * slotNumber));
        jdbc.sql("""
                        INSERT INTO check_results
                            (monitor_id, slot, checked_at, config_version, success, error, latency_ms, location)
                        VALUES (:id, :slot, :slot, 1, :success, :error, 50, :location)""")
                .param("id", monitorId)
                .param("slot", slot.atOffset(ZoneOffset.UTC))
                .param("success", success)
                .param("error", success ? null : "unexpected status 503")
                .param("location", location)
                .update();
    }
}
