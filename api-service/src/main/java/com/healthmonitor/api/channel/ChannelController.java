package com.healthmonitor.api.channel;

import com.healthmonitor.api.web.Paging;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Notification channels: where alerts go ({@code slack}, {@code google_chat}, {@code teams}, {@code discord},
 * {@code webhook}, {@code email}). Secrets are masked in every response. The list pages by id like
 * {@code /monitors} ({@link Paging}).
 */
@RestController
@RequestMapping(path = "/channels", produces = MediaType.APPLICATION_JSON_VALUE)
class ChannelController {

    private final ChannelService service;

    ChannelController(ChannelService service) {
        this.service = service;
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.CREATED) // for the API description; the ResponseEntity sets it
    ResponseEntity<ChannelResponse> create(@RequestBody ChannelRequest request) {
        ChannelResponse created = service.create(request);
        return Paging.created(created, created.id());
    }

    @GetMapping
    ResponseEntity<List<ChannelResponse>> list(
            @RequestParam(name = "limit", required = false) Integer limit,
            @RequestParam(name = "after_id", defaultValue = "0") long afterId) {
        int pageSize = Paging.limit(limit);
        return Paging.response(service.list(afterId, pageSize), pageSize, ChannelResponse::id);
    }

    @GetMapping("/{id}")
    ChannelResponse get(@PathVariable long id) {
        return service.get(id);
    }

    @PutMapping(path = "/{id}", consumes = MediaType.APPLICATION_JSON_VALUE)
    ChannelResponse replace(@PathVariable long id, @RequestBody ChannelRequest request) {
        return service.replace(id, request);
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    ResponseEntity<Void> delete(@PathVariable long id) {
        service.delete(id);
        return ResponseEntity.noContent().build();
    }

    /** Sends a test message now: 200 with the outcome once sent or failed, 202 while it is still pending. */
    @PostMapping("/{id}/test")
    ResponseEntity<TestResult> test(@PathVariable long id) {
        TestResult result = service.test(id);
        return ResponseEntity.status(result.status().equals("PENDING") ? HttpStatus.ACCEPTED : HttpStatus.OK)
                .body(result);
    }
}
