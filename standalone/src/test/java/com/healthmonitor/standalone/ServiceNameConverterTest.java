package com.healthmonitor.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ServiceNameConverterTest {

    @ParameterizedTest
    @CsvSource({
        "com.healthmonitor.api.monitor.MonitorService, api-service",
        "com.healthmonitor.scheduler.dispatch.SchedulerLoop, scheduler-service",
        "com.healthmonitor.worker.alert.OutboxDispatcher, worker-service",
        "com.healthmonitor.migrations.MigrationApplication, db-migrations",
        "com.healthmonitor.standalone.HealthMonitorSystem, standalone",
        "com.healthmonitor.apiary.Thing, standalone",
        "org.springframework.boot.StartupInfoLogger, standalone"
    })
    void namesTheServiceALoggerBelongsTo(String logger, String service) {
        assertThat(ServiceNameConverter.serviceOf(logger)).isEqualTo(service);
    }
}
