package com.healthmonitor.api.monitor;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * What the monitor API accepts and how it pages.
 *
 * @param minCheckInterval the shortest check_interval a monitor may have, seconds ({@code MIN_CHECK_INTERVAL})
 * @param defaultPageSize monitors listed when no {@code limit} is given
 * @param maxPageSize the largest {@code limit} accepted
 */
@ConfigurationProperties("health-monitor.api")
record MonitorProperties(
        int minCheckInterval,
        @DefaultValue("500") int defaultPageSize,
        @DefaultValue("1000") int maxPageSize) {

    static final int MAX_CHECK_INTERVAL = 3600;

    MonitorProperties {
        if (minCheckInterval < 2 || minCheckInterval > MAX_CHECK_INTERVAL) {
            throw new IllegalArgumentException("MIN_CHECK_INTERVAL must be between 2 and 3600 seconds");
        }
        if (defaultPageSize < 1 || maxPageSize < defaultPageSize) {
            throw new IllegalArgumentException("page sizes must satisfy 1 <= default <= max");
        }
    }
}
