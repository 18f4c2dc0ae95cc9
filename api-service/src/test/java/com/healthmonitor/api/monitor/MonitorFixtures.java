package com.healthmonitor.api.monitor;

import static com.healthmonitor.common.database.Timestamps.utc;

import com.healthmonitor.common.monitor.MonitorStatus;
import java.time.Instant;
import org.springframework.boot.test.context.TestComponent;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Monitors for tests that need rows to read: created as {@code POST /monitors} creates them (both validators, then
 * {@link MonitorService}, which writes through {@link MonitorRepository} at the context's clock and issues a
 * heartbeat's ping token), so a schema or rule change reaches the tests.
 */
@TestComponent
public final class MonitorFixtures {

    private final MonitorValidator validator;
    private final MonitorAlertingValidator alertingValidator;
    private final MonitorService monitors;
    private final JdbcClient jdbc;

    MonitorFixtures(
            MonitorValidator validator,
            MonitorAlertingValidator alertingValidator,
            MonitorService monitors,
            JdbcClient jdbc) {
        this.validator = validator;
        this.alertingValidator = alertingValidator;
        this.monitors = monitors;
        this.jdbc = jdbc;
    }

    /** An http monitor of {@code url} with every other field at its default. */
    public long create(String name, String url) {
        return create("name", name, "url", url);
    }

    /** @param namesAndValues request fields by their JSON names, as {@link MonitorRequests#of} takes them */
    public long create(Object... namesAndValues) {
        MonitorRequest request = MonitorRequests.of(namesAndValues);
        return monitors.create(validator.validate(request), alertingValidator.validate(request))
                .id();
    }

    /** Sets the columns the worker owns, as it leaves them after a status change; the api never writes them. */
    public void workerState(long id, MonitorStatus status, Instant lastStatusChangeAt, String lastError) {
        jdbc.sql("""
                        UPDATE monitors SET status = :status, last_status_change_at = :changedAt, last_error = :error
                        WHERE id = :id""")
                .param("status", status.name())
                .param("changedAt", lastStatusChangeAt == null ? null : utc(lastStatusChangeAt))
                .param("error", lastError)
                .param("id", id)
                .update();
    }
}
