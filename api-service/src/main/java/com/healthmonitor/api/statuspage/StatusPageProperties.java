package com.healthmonitor.api.statuspage;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the public status pages.
 *
 * @param cacheTtl how long a page's JSON is reused before its queries run again ({@code STATUS_PAGE_CACHE_TTL});
 *     0 turns the cache off
 * @param cachedPages pages kept at most; the least used are dropped beyond it
 */
@ConfigurationProperties("health-monitor.api.status-pages")
record StatusPageProperties(
        Duration cacheTtl, @DefaultValue("1000") int cachedPages) {

    StatusPageProperties {
        if (cacheTtl == null || cacheTtl.isNegative()) {
            throw new IllegalArgumentException("STATUS_PAGE_CACHE_TTL must be 0 (off) or a positive duration");
        }
        if (cachedPages < 1) {
            throw new IllegalArgumentException("status-pages cached-pages must be positive");
        }
    }
}
