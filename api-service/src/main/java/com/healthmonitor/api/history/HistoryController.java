package com.healthmonitor.api.history;

import com.healthmonitor.api.history.HistoryResponses.CheckEntry;
import com.healthmonitor.api.history.HistoryResponses.FleetStats;
import com.healthmonitor.api.history.HistoryResponses.SeriesBucket;
import com.healthmonitor.api.history.HistoryResponses.Stats;
import com.healthmonitor.api.history.HistoryResponses.StatusChangeEntry;
import com.healthmonitor.api.history.RequestParameters.Window;
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
class HistoryController {

    private final HistoryQueries queries;
    private final Clock clock;

    HistoryController(HistoryQueries queries, Clock clock) {
        this.queries = queries;
        this.clock = clock;
    }

    @GetMapping(path = "/monitors/{id}/checks", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<List<CheckEntry>> checks(
            @PathVariable long id,
            @RequestParam(name = "limit", required = false) Integer limit,
            @RequestParam(name = "before", required = false) String before) {
        int pageSize = RequestParameters.limit(limit);
        List<CheckEntry> page = queries.checks(id, RequestParameters.instant("before", before), pageSize);
        return paged(page, pageSize, CheckEntry::checkedAt);
    }

    @GetMapping(path = "/monitors/{id}/status-changes", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<List<StatusChangeEntry>> statusChanges(
            @PathVariable long id,
            @RequestParam(name = "limit", required = false) Integer limit,
            @RequestParam(name = "before", required = false) String before) {
        int pageSize = RequestParameters.limit(limit);
        List<StatusChangeEntry> page = queries.statusChanges(id, RequestParameters.instant("before", before), pageSize);
        return paged(page, pageSize, StatusChangeEntry::changedAt);
    }

    @GetMapping(path = "/monitors/{id}/stats", produces = MediaType.APPLICATION_JSON_VALUE)
    Stats stats(
            @PathVariable long id,
            @RequestParam(name = "window", required = false) String window,
            @RequestParam(name = "from", required = false) String from,
            @RequestParam(name = "to", required = false) String to) {
        return queries.stats(id, RequestParameters.window(window, from, to, clock.instant()));
    }

    @GetMapping(path = "/monitors/{id}/series", produces = MediaType.APPLICATION_JSON_VALUE)
    List<SeriesBucket> series(
            @PathVariable long id,
            @RequestParam(name = "window", required = false) String window,
            @RequestParam(name = "from", required = false) String from,
            @RequestParam(name = "to", required = false) String to,
            @RequestParam(name = "step", required = false) String step) {
        Window parsed = RequestParameters.window(window, from, to, clock.instant());
        return queries.series(id, parsed, RequestParameters.step(step, parsed));
    }

    @GetMapping(path = "/stats", produces = MediaType.APPLICATION_JSON_VALUE)
    FleetStats fleet(
            @RequestParam(name = "window", required = false) String window,
            @RequestParam(name = "from", required = false) String from,
            @RequestParam(name = "to", required = false) String to) {
        return queries.fleet(RequestParameters.window(window, from, to, clock.instant()));
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
