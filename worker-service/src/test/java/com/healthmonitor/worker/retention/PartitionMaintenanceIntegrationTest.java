package com.healthmonitor.worker.retention;

import static org.assertj.core.api.Assertions.assertThat;

import com.healthmonitor.worker.testing.Monitors;
import com.healthmonitor.worker.testing.WorkerIntegrationTest;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

@WorkerIntegrationTest
class PartitionMaintenanceIntegrationTest {

    @Autowired
    private JdbcClient jdbc;

    @Autowired
    private PartitionMaintenance partitions;

    @Test
    void createsTodaysAndTheNextThreeDaysPartitionsIdempotently() {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        List<String> expected = IntStream.rangeClosed(0, 3)
                .mapToObj(ahead ->
                        "check_results_" + today.plusDays(ahead).toString().replace("-", ""))
                .toList();

        assertThat(partitions.run()).isEqualTo(expected);
        assertThat(partitions.run()).isEqualTo(expected);
        assertThat(jdbc.sql("""
                        SELECT count(*) FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
                        WHERE i.inhparent = 'check_results'::regclass AND c.relname IN (:names)""").param("names", expected).query(Long.class).single())
                .isEqualTo(4);
    }

    @Test
    void workersCreatingTheSamePartitionAtOnceMoveResultsOutOfTheDefaultPartitionOnce() throws Exception {
        long id = new Monitors(jdbc).insert("partitions", "https://example.com/", null);
        LocalDate day = LocalDate.now(ZoneOffset.UTC).plusDays(20);
        jdbc.sql("""
                        INSERT INTO check_results (monitor_id, slot, checked_at, config_version, success, latency_ms)
                        SELECT :id, :day + g * interval '1 minute', :day + g * interval '1 minute', 1, true, 5
                        FROM generate_series(0, 9) g""")
                .param("id", id)
                .param("day", day.atStartOfDay().atOffset(ZoneOffset.UTC))
                .update();
        String name = "check_results_" + day.toString().replace("-", "");

        Callable<String> create = () -> jdbc.sql("SELECT create_check_results_partition(:day)")
                .param("day", day)
                .query(String.class)
                .single();
        try (ExecutorService workers = Executors.newFixedThreadPool(4)) {
            List<Future<String>> created = workers.invokeAll(List.of(create, create, create, create));
            for (Future<String> partition : created) {
                assertThat(partition.get()).isEqualTo(name);
            }
        }

        assertThat(jdbc.sql("SELECT tableoid::regclass::text, count(*) FROM check_results WHERE monitor_id = :id"
                                + " GROUP BY 1")
                        .param("id", id)
                        .query((rs, n) -> rs.getString(1) + "=" + rs.getLong(2))
                        .list())
                .containsExactly(name + "=10");
    }
}
