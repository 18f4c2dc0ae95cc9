package com.healthmonitor.api.apikey;

import com.healthmonitor.api.auth.Caller;
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
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Managed API keys (admin scope, except {@code GET /api-keys/current}, which every key may ask). Paged by id like
 * the other lists: {@code limit} (default 100, at most 1000) and {@code after_id}, a full page has a
 * {@code Link: rel="next"} header.
 */
@RestController
@Tag(name = "API keys", description = "Keys with a scope (read, write, admin); the key is shown once, at creation")
@RequestMapping(path = "/api-keys", produces = MediaType.APPLICATION_JSON_VALUE)
class ApiKeyController {

    static final int DEFAULT_PAGE_SIZE = 100;
    static final int MAX_PAGE_SIZE = 1000;

    private final ApiKeyService service;
    private final ApiKeyValidator validator;

    ApiKeyController(ApiKeyService service, ApiKeyValidator validator) {
        this.service = service;
        this.validator = validator;
    }

    @Operation(summary = "Create a key with a scope; the answer is the only place the key itself ever appears")
    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.CREATED) // for the API description; the ResponseEntity sets it
    ResponseEntity<CreatedApiKey> create(@RequestBody ApiKeyRequest request) {
        CreatedApiKey created = service.create(validator.validate(request));
        return Paging.created(created, created.id());
    }

    @Operation(summary = "List the managed keys by id (never the keys themselves); a full page has a Link rel=next")
    @GetMapping
    ResponseEntity<List<ApiKeyResponse>> list(
            @RequestParam(name = "limit", required = false) Integer limit,
            @RequestParam(name = "after_id", defaultValue = "0") long afterId) {
        int pageSize = pageSize(limit);
        List<ApiKeyResponse> page = service.list(afterId, pageSize);
        return Paging.response(page, pageSize, ApiKeyResponse::id);
    }

    @Operation(summary = "The key this request was made with: its scope, and whether the request was anonymous")
    @GetMapping("/current")
    CurrentCaller current() {
        Caller caller = Caller.current();
        return new CurrentCaller(caller.keyId(), caller.name(), caller.scope().value(), caller.anonymous());
    }

    @Operation(summary = "One managed key (never the key itself)")
    @GetMapping("/{id}")
    ApiKeyResponse get(@PathVariable long id) {
        return service.get(id);
    }

    @Operation(summary = "Delete a key: every API instance refuses it from the next request on")
    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    ResponseEntity<Void> delete(@PathVariable long id) {
        service.delete(id);
        return ResponseEntity.noContent().build();
    }

    private static int pageSize(Integer limit) {
        return Paging.limit(limit, DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE);
    }
}
