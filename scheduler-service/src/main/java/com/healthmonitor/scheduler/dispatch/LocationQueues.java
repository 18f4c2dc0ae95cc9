package com.healthmonitor.scheduler.dispatch;

import com.healthmonitor.common.check.Locations;
import com.healthmonitor.common.sqs.QueueProperties;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

/**
 * The check queue of each location: the default location's is {@code SQS_QUEUE_URL}, the others' come from
 * {@code LOCATION_QUEUES}, a comma-separated list of {@code name=queue-url}.
 */
@Component
@EnableConfigurationProperties({QueueProperties.class, LocationQueues.Properties.class})
class LocationQueues {

    private final Map<String, String> queues;

    LocationQueues(QueueProperties queue, Properties properties) {
        Map<String, String> byLocation = new LinkedHashMap<>();
        byLocation.put(Locations.DEFAULT, queue.queueUrl());
        String list = properties.queues() == null ? "" : properties.queues().strip();
        if (!list.isEmpty()) {
            for (String entry : list.split(",")) {
                int equals = entry.indexOf('=');
                String name =
                        equals < 0 ? entry.strip() : entry.substring(0, equals).strip();
                String url = equals < 0 ? "" : entry.substring(equals + 1).strip();
                if (!Locations.isValid(name) || url.isEmpty()) {
                    throw new IllegalArgumentException("LOCATION_QUEUES must be a comma-separated list of"
                            + " name=queue-url, names 1-32 lowercase letters, digits and hyphens; not: " + entry);
                }
                if (byLocation.putIfAbsent(name, url) != null) {
                    throw new IllegalArgumentException("LOCATION_QUEUES names location " + name
                            + (name.equals(Locations.DEFAULT) ? ", whose queue is SQS_QUEUE_URL" : " twice"));
                }
            }
        }
        this.queues = Collections.unmodifiableMap(byLocation);
    }

    /** The queue of a location, empty when this scheduler has none for it. */
    Optional<String> queueOf(String location) {
        return Optional.ofNullable(queues.get(location));
    }

    /** Every location with a queue, the default one first. */
    Map<String, String> all() {
        return queues;
    }

    /** @param queues {@code LOCATION_QUEUES}: {@code name=queue-url,...}, empty when the default location is all */
    @ConfigurationProperties("health-monitor.locations")
    record Properties(String queues) {}
}
