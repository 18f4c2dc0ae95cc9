package com.healthmonitor.api.web;

import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The load balancer's check, as in the seed. It reports the process alive without touching the database, so
 * a database failover does not make the load balancer kill every API task; readiness with the database is at
 * {@code /actuator/health/readiness}.
 */
@RestController
class HealthController {

    @GetMapping("/health")
    Map<String, String> health() {
        return Map.of("status", "ok");
    }
}
