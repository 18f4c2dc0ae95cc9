package com.healthmonitor.api.statuspage;

import com.healthmonitor.api.statuspage.PublicStatusQueries.BadgeMonitor;
import com.healthmonitor.api.web.FieldViolation;
import com.healthmonitor.api.web.InvalidRequestException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.Context;

/**
 * The public, read-only side of status pages: no key needed. {@code /status/{slug}} is rendered on the server
 * ({@code templates/status-page.html}) from the same {@link PublicStatus} as {@code /status/{slug}/summary.json}, so
 * that readers without JavaScript, crawlers and link previews see the title and every status; the page's script adds
 * the 90-day bars and live updates. An unknown slug answers a 404 page to browsers (Accept: text/html) and a 404
 * problem to everyone else. Badges exist only for monitors on the page. Everything is cacheable for a short while, so
 * a popular page costs the database little; the page's data is also kept on the server for a few seconds ({@link
 * PublicStatusCache}).
 */
@RestController
@Tag(name = "Public status", description = "Public status pages and badges: no API key, cacheable")
@SecurityRequirements
class PublicStatusController {

    static final CacheControl PAGE_CACHE =
            CacheControl.maxAge(Duration.ofSeconds(30)).cachePublic();
    static final CacheControl BADGE_CACHE =
            CacheControl.maxAge(Duration.ofSeconds(60)).cachePublic();
    // The page's names and symbols (▲, ·, →) are not Latin-1, a string's default.
    static final MediaType HTML = new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8);
    static final MediaType SVG = MediaType.parseMediaType("image/svg+xml;charset=utf-8");
    private static final Map<String, Duration> WINDOWS = Map.of(
            "24h", Duration.ofHours(24),
            "7d", Duration.ofDays(7),
            "30d", Duration.ofDays(30),
            "90d", Duration.ofDays(90));

    private final PublicStatusQueries queries;
    private final PublicStatusCache pages;
    private final ITemplateEngine templates;
    private final String notFoundHtml = resource("static/not-found.html");

    PublicStatusController(PublicStatusQueries queries, PublicStatusCache pages, ITemplateEngine templates) {
        this.queries = queries;
        this.pages = pages;
        this.templates = templates;
    }

    @Operation(summary = "The public status page (HTML); an unknown slug is a 404 page")
    @GetMapping(path = "/status/{slug}", produces = MediaType.TEXT_HTML_VALUE)
    ResponseEntity<String> page(
            @PathVariable String slug, @RequestHeader(name = HttpHeaders.ACCEPT, required = false) String accept) {
        Optional<PublicStatus> status = pages.page(slug);
        if (status.isEmpty()) {
            if (accept == null || !accept.contains(MediaType.TEXT_HTML_VALUE)) {
                // Not a browser: the API's usual problem+json.
                throw new StatusPageNotFoundException("No status page " + slug);
            }
            return ResponseEntity.status(HttpStatus.NOT_FOUND).contentType(HTML).body(notFoundHtml);
        }
        return ResponseEntity.ok()
                .cacheControl(PAGE_CACHE)
                .contentType(HTML)
                .body(templates.process(
                        "status-page", new Context(Locale.ENGLISH, Map.of("page", PublicStatusPage.of(status.get())))));
    }

    @Operation(
            summary =
                    "What the public page shows: names, statuses, 90 daily uptimes, recent changes; never URLs or errors")
    @GetMapping(path = "/status/{slug}/summary.json", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<PublicStatus> summary(@PathVariable String slug) {
        return pages.page(slug)
                .map(status -> ResponseEntity.ok().cacheControl(PAGE_CACHE).body(status))
                .orElseThrow(() -> new StatusPageNotFoundException("No status page " + slug));
    }

    @Operation(summary = "A status badge (SVG) for a monitor on the page")
    @GetMapping(path = "/status/{slug}/badges/{monitorId}/status.svg")
    ResponseEntity<String> statusBadge(@PathVariable String slug, @PathVariable long monitorId) {
        BadgeMonitor monitor = badgeMonitor(slug, monitorId);
        String colour =
                switch (monitor.status()) {
                    case "UP" -> Badge.GREEN;
                    case "DOWN" -> Badge.RED;
                    default -> Badge.GREY;
                };
        return svg(new Badge(monitor.name(), monitor.status().toLowerCase(Locale.ROOT), colour));
    }

    @Operation(summary = "An uptime badge (SVG); window 24h, 7d, 30d (default) or 90d")
    @GetMapping(path = "/status/{slug}/badges/{monitorId}/uptime.svg")
    ResponseEntity<String> uptimeBadge(
            @PathVariable String slug,
            @PathVariable long monitorId,
            @RequestParam(name = "window", defaultValue = "30d") String window) {
        Duration duration = window(window);
        BadgeMonitor monitor = badgeMonitor(slug, monitorId);
        BigDecimal uptime = queries.uptime(monitor.id(), duration);
        String colour = uptime == null
                ? Badge.GREY
                : uptime.compareTo(BigDecimal.valueOf(99)) >= 0
                        ? Badge.GREEN
                        : uptime.compareTo(BigDecimal.valueOf(95)) >= 0 ? Badge.ORANGE : Badge.RED;
        String value = uptime == null
                ? "no data"
                : uptime.setScale(2, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString() + "%";
        return svg(new Badge("uptime " + window, value, colour));
    }

    @Operation(summary = "A mean response time badge (SVG); window 24h (default), 7d, 30d or 90d")
    @GetMapping(path = "/status/{slug}/badges/{monitorId}/response-time.svg")
    ResponseEntity<String> responseTimeBadge(
            @PathVariable String slug,
            @PathVariable long monitorId,
            @RequestParam(name = "window", defaultValue = "24h") String window) {
        Duration duration = window(window);
        BadgeMonitor monitor = badgeMonitor(slug, monitorId);
        Long mean = queries.meanLatency(monitor.id(), duration);
        return svg(new Badge(
                "response time " + window,
                mean == null ? "no data" : mean + " ms",
                mean == null ? Badge.GREY : "#1565c0"));
    }

    private BadgeMonitor badgeMonitor(String slug, long monitorId) {
        return queries.badgeMonitor(slug, monitorId)
                .orElseThrow(
                        () -> new StatusPageNotFoundException("No monitor " + monitorId + " on status page " + slug));
    }

    private static Duration window(String window) {
        Duration duration = WINDOWS.get(window);
        if (duration == null) {
            throw new InvalidRequestException(
                    List.of(new FieldViolation("window", "must be one of 24h, 7d, 30d, 90d")));
        }
        return duration;
    }

    private static ResponseEntity<String> svg(Badge badge) {
        return ResponseEntity.ok().cacheControl(BADGE_CACHE).contentType(SVG).body(badge.svg());
    }

    private static String resource(String path) {
        try (var in = new ClassPathResource(path).getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
