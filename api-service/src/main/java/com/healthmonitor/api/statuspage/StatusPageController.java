package com.healthmonitor.api.statuspage;

import com.healthmonitor.api.web.Paging;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
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
 * Managing status pages (needs a key when {@code API_KEYS} is set). Pages by id like {@code /monitors} ({@link
 * Paging}): {@code limit} (default 100, at most 1000) and {@code after_id}, with a {@code Link: rel="next"} header on
 * a full page.
 */
@RestController
@Tag(name = "Status pages", description = "Public status pages: which monitors they show, in which order and groups")
@RequestMapping(path = "/status-pages", produces = MediaType.APPLICATION_JSON_VALUE)
class StatusPageController {

    private final StatusPageService service;
    private final StatusPageValidator validator;

    StatusPageController(StatusPageService service, StatusPageValidator validator) {
        this.service = service;
        this.validator = validator;
    }

    @Operation(summary = "Create a status page; its public address is /status/{slug}")
    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.CREATED) // for the API description; the ResponseEntity sets it
    ResponseEntity<StatusPageResponse> create(@RequestBody StatusPageRequest request) {
        StatusPageResponse created = service.create(validator.validate(request));
        return Paging.created(created, created.id());
    }

    @Operation(summary = "List status pages by id; a full page has a Link rel=next header")
    @GetMapping
    ResponseEntity<List<StatusPageResponse>> list(
            @RequestParam(name = "limit", required = false) Integer limit,
            @RequestParam(name = "after_id", defaultValue = "0") long afterId) {
        int pageSize = Paging.limit(limit);
        return Paging.response(service.list(afterId, pageSize), pageSize, StatusPageResponse::id);
    }

    @Operation(summary = "One status page")
    @GetMapping("/{id}")
    StatusPageResponse get(@PathVariable long id) {
        return service.get(id);
    }

    @Operation(summary = "Replace a status page, its monitor list included; a taken slug is a 409")
    @PutMapping(path = "/{id}", consumes = MediaType.APPLICATION_JSON_VALUE)
    StatusPageResponse replace(@PathVariable long id, @RequestBody StatusPageRequest request) {
        return service.replace(id, validator.validate(request));
    }

    @Operation(summary = "Delete a status page (its monitors stay)")
    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    ResponseEntity<Void> delete(@PathVariable long id) {
        service.delete(id);
        return ResponseEntity.noContent().build();
    }
}
