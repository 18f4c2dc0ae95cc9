package com.healthmonitor.worker.summary;

import static org.assertj.core.api.Assertions.assertThat;

import com.healthmonitor.common.alert.DailySummary;
import com.healthmonitor.worker.testing.Monitors;
import com.healthmonitor.worker.testing.MutableClockConfiguration;
import com.healthmonitor.worker.testing.WorkerIntegrationTest;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The daily summary leaves time DOWN and transitions to DOWN inside maintenance windows out, as {@code /stats} does.
 * The summary of 2026-11-21 at 08:00 UTC covers the 24 hours before.
 */
@WorkerIntegrationTest
@Import(MutableClockConfiguration.class)
class SummaryMaintenanceIntegrationTest {

    private static final Instant NOW = Instant.parse("2026-11-21T08:00:00Z");

    @Autowired
    private JdbcClient jdbc;

    @Autowired
    private SummaryQueries queries;

    private final List<Long> created = new ArrayList<>();

    /** The context's other classes count every monitor: leave none. */
    @AfterEach
    void deleteTheMonitors() {
        jdbc.sql("DELETE FROM monitors WHERE id IN (:ids)")
                .param("ids", created)
                .update();
        jdbc.sql("DELETE FROM status_changes WHERE monitor_id IN (:ids)")
                .param("ids", created)
                .update();
        jdbc.sql("DELETE FROM maintenance_windows WHERE reason = 'summary test'")
                .update();
    }

    @Test
    void downtimeAndIncidentsInsideMaintenanceAreLeftOut() {
        // DOWN 02:00-04:00 with a window 03:00-05:00: an hour counts, and the incident (it began outside).
        long batch = outage("Batch", "2026-11-21T02:00:00Z", "2026-11-21T04:00:00Z");
        window(batch, "2026-11-21T03:00:00Z", "2026-11-21T05:00:00Z");
        // DOWN 05:30-06:00 without a window: all of it.
        outage("Shop", "2026-11-21T05:30:00Z", "2026-11-21T06:00:00Z");
        // DOWN 01:00-01:30 inside a window 00:30-02:00: nothing, so not listed.
        long nightly = outage("Nightly", "2026-11-21T01:00:00Z", "2026-11-21T01:30:00Z");
        window(nightly, "2026-11-21T00:30:00Z", "2026-11-21T02:00:00Z");

        DailySummary summary = queries.summary(LocalDate.of(2026, 11, 21), NOW);

        assertThat(summary.incidents())
                .filteredOn(incident -> created.contains(incident.monitorId()))
                .extracting(
                        incident -> incident.name() + " " + incident.downtimeSeconds() + " s, " + incident.incidents())
                .containsExactly("Batch 3600 s, 1", "Shop 1800 s, 1");
    }

    /** A monitor UP since the day before, DOWN from {@code down} to {@code up}. */
    private long outage(String name, String down, String up) {
        long id = new Monitors(jdbc).insert(name, "https://" + name.toLowerCase() + ".example.com/", null, "UP", 0, 2);
        created.add(id);
        change(id, "UNKNOWN", "UP", "2026-11-19T00:00:00Z");
        change(id, "UP", "DOWN", down);
        change(id, "DOWN", "UP", up);
        return id;
    }

    private void change(long monitor, String from, String to, String at) {
        jdbc.sql("""
                        INSERT INTO status_changes (monitor_id, old_status, new_status, changed_at, slot, payload,
                                                    delivery)
                        VALUES (:id, :from, :to, CAST(:at AS timestamptz), CAST(:at AS timestamptz), '{}'::jsonb,
                                'NONE')""")
                .param("id", monitor)
                .param("from", from)
                .param("to", to)
                .param("at", at)
                .update();
    }

    private void window(long monitor, String from, String to) {
        long window = jdbc.sql("""
                        INSERT INTO maintenance_windows (reason, starts_at, ends_at)
                        VALUES ('summary test', CAST(:from AS timestamptz), CAST(:to AS timestamptz)) RETURNING id""")
                .param("from", from)
                .param("to", to)
                .query(Long.class)
                .single();
        jdbc.sql("INSERT INTO maintenance_window_monitors (window_id, monitor_id) VALUES (:w, :m)")
                .param("w", window)
                .param("m", monitor)
                .update();
    }
}
