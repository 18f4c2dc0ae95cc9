package com.healthmonitor.worker.retention;

import static org.assertj.core.api.Assertions.assertThat;

import com.healthmonitor.worker.testing.Monitors;
import com.healthmonitor.worker.testing.WorkerIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

@WorkerIntegrationTest
class RetentionJobIntegrationTest {

    @Autowired
    private JdbcClient jdbc;

    @Autowired
    private RetentionJob retention;

    @Test
    void deletesOldHistoryAndKeepsRecentHistoryAndPendingAlerts() {
        long id = new Monitors(jdbc).insert("retention", "https://example.com/", null);
        for (int day : new int[] {1, 6, 8, 30}) {
            jdbc.sql("""
                            INSERT INTO check_results (monitor_id, slot, checked_at, config_version, success, latency_ms)
                            VALUES (:id, now() - make_interval(days => :day), now() - make_interval(days => :day), 1,
                                    true, 5)""").param("id", id).param("day", day).update();
        }
        insertChange(id, "SENT", 100);
        insertChange(id, "NONE", 100);
        insertChange(id, "FAILED", 100);
        insertChange(id, "PENDING", 100);
        insertChange(id, "SENT", 10);

        retention.run();

        assertThat(jdbc.sql("SELECT count(*) FROM check_results WHERE monitor_id = " + id)
                        .query(Long.class)
                        .single())
                .isEqualTo(2);
        assertThat(jdbc.sql("SELECT delivery FROM status_changes WHERE monitor_id = " + id + " ORDER BY delivery")
                        .query(String.class)
                        .list())
                .containsExactly("PENDING", "SENT");
    }

    private void insertChange(long monitorId, String delivery, int ageDays) {
        jdbc.sql("""
                        INSERT INTO status_changes (monitor_id, old_status, new_status, changed_at, slot, webhook_url,
                                                    payload, delivery, next_attempt_at, sent_at)
                        VALUES (:id, 'UP', 'DOWN', now() - make_interval(days => :age), now(),
                                CASE WHEN :delivery = 'NONE' THEN NULL ELSE 'http://203.0.113.1/hook' END,
                                '{}'::jsonb, :delivery,
                                CASE WHEN :delivery = 'PENDING' THEN now() + interval '1 day' END,
                                CASE WHEN :delivery = 'SENT' THEN now() END)""")
                .param("id", monitorId)
                .param("age", ageDays)
                .param("delivery", delivery)
                .update();
    }
}
