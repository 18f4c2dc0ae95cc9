package com.healthmonitor.api.live;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * {@code GET /events}: a Server-Sent Events stream of status changes ({@code event: status-change}, data
 * {@code {id, monitor_id, old_status, new_status, changed_at}}). It needs a key like the rest of the API; browsers
 * read it with {@code fetch} (which can send the key header), not {@code EventSource} (which cannot).
 */
@RestController
@Tag(name = "Live", description = "Server-Sent Events for the dashboard")
class LiveController {

    private final LiveEvents events;

    LiveController(LiveEvents events) {
        this.events = events;
    }

    @Operation(summary = "A stream of status changes (event status-change); reconnect when it ends")
    @GetMapping(path = "/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    SseEmitter events() {
        return events.subscribe();
    }
}
