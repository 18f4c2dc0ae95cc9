package com.healthmonitor.api.statuspage;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Clock;
import java.util.Optional;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * The public pages' data (rendered as HTML and as JSON), reused for a short while: each one costs several 90-day
 * queries, and a popular page is asked for by every visitor every minute. Keyed by slug; an unknown slug is not kept
 * (a scan of made-up slugs must not push real pages out). A change to a status page through the API empties the cache
 * once it is committed, so it shows at once on this instance (other instances within the TTL); changes of monitors and
 * their checks show within the TTL. The cache runs on the application's clock, so tests can move time.
 */
@Component
class PublicStatusCache {

    private final PublicStatusQueries queries;
    private final Cache<String, PublicStatus> pages;

    PublicStatusCache(PublicStatusQueries queries, StatusPageProperties properties, Clock clock) {
        this.queries = queries;
        this.pages = Caffeine.newBuilder()
                .expireAfterWrite(properties.cacheTtl())
                .maximumSize(properties.cachedPages())
                .ticker(() -> clock.millis() * 1_000_000L)
                .build();
    }

    /** The page with this slug, from the cache while it is fresh. */
    Optional<PublicStatus> page(String slug) {
        return Optional.ofNullable(pages.get(slug, s -> queries.page(s).orElse(null)));
    }

    /** All pages, not only the changed one: its slug may have changed, and changes are rare. */
    @TransactionalEventListener(fallbackExecution = true)
    void statusPageChanged(StatusPageChanged change) {
        pages.invalidateAll();
    }
}
