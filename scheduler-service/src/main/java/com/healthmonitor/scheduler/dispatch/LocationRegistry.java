package com.healthmonitor.scheduler.dispatch;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Registers the locations this scheduler has queues for, so that the API accepts monitors listing them (and refuses a
 * location no scheduler could send a check to): at start-up and then every minute, so that a scheduler started while
 * the database is down registers once it is back. A location stays registered once known.
 */
@Component
class LocationRegistry implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(LocationRegistry.class);

    private final JdbcClient jdbc;
    private final List<String> names;

    LocationRegistry(JdbcClient jdbc, LocationQueues queues) {
        this.jdbc = jdbc;
        this.names = List.copyOf(queues.all().keySet());
    }

    @Override
    public void run(ApplicationArguments args) {
        register();
        log.info("[SCHEDULER] sending checks to locations {}", names);
    }

    @Scheduled(initialDelay = 1, fixedDelay = 1, timeUnit = TimeUnit.MINUTES)
    void register() {
        try {
            jdbc.sql("""
                            INSERT INTO locations (name) SELECT unnest(CAST(:names AS text[]))
                            ON CONFLICT (name) DO UPDATE SET registered_at = now()""").param("names", names.toArray(String[]::new)).update();
        } catch (DataAccessException e) {
            log.warn("[SCHEDULER] could not register locations {}, will retry: {}", names, e.getMessage());
        }
    }
}
