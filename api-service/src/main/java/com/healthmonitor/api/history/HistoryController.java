package com.healthmonitor.api.history;

import com.healthmonitor.api.history.HistoryResponses.CheckEntry;
import com.healthmonitor.api.history.HistoryResponses.FleetStats;
import com.healthmonitor.api.history.HistoryResponses.SeriesBucket;
import com.healthmonitor.api.history.HistoryResponses.Stats;
import com.healthmonitor.api.history.HistoryResponses.StatusChangeEntry;
import com.healthmonitor.api.history.RequestParameters.Window;
import com.healthmonitor.api.web.MonitorTags;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * A monitor's history and statistics, and the fleet's. Lists page backwards in time: {@code limit} (default 100, at
 * most 1000) and {@code before} (an instant; the next page's is the oldest entry of this one), and a full page
 * carries a {@code Link: rel="next"} header.
 */
@RestController
@Tag(name = "History", description = "Check results, status changes, uptime and latency statistics")
class HistoryController {

    private static final String LIMIT = "Entries per page, 1-1000 (default 100)";
    private static final String BEFORE = "Only entries before this ISO-8601 instant (the next page)";
    private static final String WINDOW = "1h, 24h, 7d, 30d, 90d or 365d ending now (default 24h); or give from/to";
    private static final String FROM = "Window start, an ISO-8601 instant (instead of window)";
    private static final String TO = "Window end, an ISO-8601 instant not before from (default now)";
    private static final String LOCATION = "Only the results of this location (default: every location's)";

    private final HistoryService history;
    private final Clock clock;

    HistoryController(HistoryService history, Clock clock) {
        this.history = history;
        this.clock = clock;
    }

    @Operation(summary = "A monitor's check results, newest first; a full page has a Link rel=next header")
    @GetMapping(path = "/monitors/{id}/checks", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<List<CheckEntry>> checks(
            @PathVariable long id,
            @Parameter(description = LIMIT) @RequestParam(name = "limit", required = false) Integer limit,
            @Parameter(description = BEFORE) @RequestParam(name = "before", required = false) String before,
            @Parameter(description = LOCATION) @RequestParam(name = "location", required = false) String location) {
        int pageSize = RequestParameters.limit(limit);
        List<CheckEntry> page = history.checks(
                id, RequestParameters.location(location), RequestParameters.instant("before", before), pageSize);
        return paged(page, pageSize, CheckEntry::checkedAt);
    }

    @Operation(summary = "A monitor's status changes, newest first, with the delivery of their Slack alerts")
    @GetMapping(path = "/monitors/{id}/status-changes", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<List<StatusChangeEntry>> statusChanges(
            @PathVariable long id,
            @Parameter(description = LIMIT) @RequestParam(name = "limit", required = false) Integer limit,
            @Parameter(description = BEFORE) @RequestParam(name = "before", required = false) String before) {
        int pageSize = RequestParameters.limit(limit);
        List<StatusChangeEntry> page = history.statusChanges(id, RequestParameters.instant("before", before), pageSize);
        return paged(page, pageSize, StatusChangeEntry::changedAt);
    }

    @Operation(
            summary = "A monitor's checks, failures, uptime, downtime, incidents and latency over a window",
            description = "uptime_percent = successful / all checks; downtime_seconds = time spent DOWN (from status"
                    + " changes); incidents = transitions to DOWN; latency percentiles within 4.3 %. from/to in the"
                    + " answer are the window actually covered (an edge older than the kept detail is widened). A"
                    + " monitor checked from several locations counts a slot as failed only when enough locations"
                    + " failed it (min_failing_locations); latency_ms_by_location gives each location's latency"
                    + " over the part of the window whose raw results are kept. With location, the checks, failures"
                    + " and latency are that location's own results (within the raw results' retention).")
    @GetMapping(path = "/monitors/{id}/stats", produces = MediaType.APPLICATION_JSON_VALUE)
    Stats stats(
            @PathVariable long id,
            @Parameter(description = WINDOW) @RequestParam(name = "window", required = false) String window,
            @Parameter(description = FROM) @RequestParam(name = "from", required = false) String from,
            @Parameter(description = TO) @RequestParam(name = "to", required = false) String to,
            @Parameter(description = LOCATION) @RequestParam(name = "location", required = false) String location) {
        return history.stats(
                id, RequestParameters.window(window, from, to, clock.instant()), RequestParameters.location(location));
    }

    @Operation(summary = "A monitor's statistics per time bucket, for charts (at most 1,000 buckets)")
    @GetMapping(path = "/monitors/{id}/series", produces = MediaType.APPLICATION_JSON_VALUE)
    List<SeriesBucket> series(
            @PathVariable long id,
            @Parameter(description = WINDOW) @RequestParam(name = "window", required = false) String window,
            @Parameter(description = FROM) @RequestParam(name = "from", required = false) String from,
            @Parameter(description = TO) @RequestParam(name = "to", required = false) String to,
            @Parameter(description = "Bucket length: 1m-30m dividing an hour, 1h-12h dividing a day, or whole days")
                    @RequestParam(name = "step", required = false)
                    String step) {
        Window parsed = RequestParameters.window(window, from, to, clock.instant());
        return history.series(id, parsed, RequestParameters.step(step, parsed));
    }

    @Operation(summary = "The fleet: enabled monitors by status, and their aggregate statistics over a window")
    @GetMapping(path = "/stats", produces = MediaType.APPLICATION_JSON_VALUE)
    FleetStats fleet(
            @Parameter(description = WINDOW) @RequestParam(name = "window", required = false) String window,
            @Parameter(description = FROM) @RequestParam(name = "from", required = false) String from,
            @Parameter(description = TO) @RequestParam(name = "to", required = false) String to,
            @Parameter(
                            description =
                                    "Only the monitors with this tag, as GET /monitors?tag= matches them; repeated: all must match")
                    @RequestParam(name = "tag", required = false)
                    List<String> tags) {
        Window parsed = RequestParameters.window(window, from, to, clock.instant());
        return history.fleet(parsed, MonitorTags.filter(tags));
    }

    private static <T> ResponseEntity<List<T>> paged(List<T> page, int pageSize, Function<T, Instant> time) {
        ResponseEntity.BodyBuilder response = ResponseEntity.ok();
        if (page.size() == pageSize) {
            String next = ServletUriComponentsBuilder.fromCurrentRequest()
                    .replaceQueryParam("before", time.apply(page.getLast()).toString())
                    .replaceQueryParam("limit", pageSize)
                    .toUriString();
            response.header(HttpHeaders.LINK, "<" + next + ">; rel=\"next\"");
        }
        return response.body(page);
    }
}
