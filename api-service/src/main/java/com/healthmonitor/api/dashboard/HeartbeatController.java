package com.healthmonitor.api.dashboard;

import com.healthmonitor.api.web.FieldViolation;
import com.healthmonitor.api.web.InvalidRequestException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /monitors/heartbeats?ids=1,2,3&limit=50}: the last {@code limit} checks of each listed monitor, newest
 * first, keyed by id, so the dashboard draws a page of heartbeat bars with one request instead of one per row.
 */
@RestController
@Tag(name = "History")
class HeartbeatController {

    static final int MAX_IDS = 200;
    static final int MAX_LIMIT = 100;

    private final HeartbeatQueries queries;

    HeartbeatController(HeartbeatQueries queries) {
        this.queries = queries;
    }

    @Operation(summary = "The last checks of up to 200 monitors at once, newest first, keyed by monitor id")
    @GetMapping(path = "/monitors/heartbeats", produces = MediaType.APPLICATION_JSON_VALUE)
    Map<Long, List<HeartbeatQueries.Beat>> heartbeats(
            @RequestParam(name = "ids") List<Long> ids, @RequestParam(name = "limit", defaultValue = "50") int limit) {
        if (ids.isEmpty() || ids.size() > MAX_IDS || ids.stream().anyMatch(id -> id == null || id < 1)) {
            throw new InvalidRequestException(
                    List.of(new FieldViolation("ids", "must list 1 to " + MAX_IDS + " monitor ids")));
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new InvalidRequestException(
                    List.of(new FieldViolation("limit", "must be between 1 and " + MAX_LIMIT)));
        }
        return queries.heartbeats(ids, limit);
    }
}
