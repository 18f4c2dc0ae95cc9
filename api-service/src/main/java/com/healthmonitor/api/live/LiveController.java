package com.healthmonitor.api.live;

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
class LiveController {

    private final LiveEvents events;

    LiveController(LiveEvents events) {
        this.events = events;
    }

    @GetMapping(path = "/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    SseEmitter events() {
        return events.subscribe();
    }
}
