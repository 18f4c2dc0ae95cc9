package com.healthmonitor.scheduler.dispatch;

import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Registers, at start-up, the locations this scheduler has queues for, so that the API accepts monitors listing them
 * (and refuses a location no scheduler could send a check to). A location stays registered once known.
 */
@Component
class LocationRegistry implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(LocationRegistry.class);

    private final JdbcClient jdbc;
    private final LocationQueues queues;

    LocationRegistry(JdbcClient jdbc, LocationQueues queues) {
        this.jdbc = jdbc;
        this.queues = queues;
    }

    @Override
    public void run(ApplicationArguments args) {
        List<String> names = List.copyOf(queues.all().keySet());
        jdbc.sql("""
                        INSERT INTO locations (name) SELECT unnest(CAST(:names AS text[]))
                        ON CONFLICT (name) DO UPDATE SET registered_at = now()""").param("names", names.toArray(String[]::new)).update();
        log.info("[SCHEDULER] sending checks to locations {}", names);
    }
}
