package com.healthmonitor.api.live;

import com.healthmonitor.api.ratelimit.RateLimitFilter;
import com.healthmonitor.api.web.ProblemResponses;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * {@code GET /events}: a Server-Sent Events stream of status changes ({@code event: status-change}, data
 * {@code {id, monitor_id, old_status, new_status, changed_at}}). It needs a key like the rest of the API; browsers
 * read it with {@code fetch} (which can send the key header), not {@code EventSource} (which cannot). A client (its
 * key, or its address without one) has a few streams at most, the instance a total: beyond them 429.
 */
@RestController
@Tag(name = "Live", description = "Server-Sent Events for the dashboard")
class LiveController {

    private final LiveEvents events;
    private final LiveProperties properties;

    LiveController(LiveEvents events, LiveProperties properties) {
        this.events = events;
        this.properties = properties;
    }

    @Operation(summary = "A stream of status changes (event status-change); reconnect when it ends")
    @GetMapping(path = "/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    SseEmitter events(HttpServletRequest request, HttpServletResponse response) throws IOException {
        try {
            return events.subscribe(RateLimitFilter.client(request));
        } catch (StreamLimitException e) {
            // Written here rather than by an exception handler: this route produces only text/event-stream.
            // A slot frees when a stream ends, which the server notices at its next keep-alive at the latest.
            response.setHeader(
                    HttpHeaders.RETRY_AFTER,
                    Long.toString(Math.max(1, properties.keepAlive().toSeconds())));
            ProblemResponses.write(response, HttpStatus.TOO_MANY_REQUESTS, e.getMessage());
            return null;
        }
    }
}
