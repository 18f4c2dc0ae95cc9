package com.healthmonitor.api.web;

import java.net.URI;
import java.util.List;
import java.util.function.ToLongFunction;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * Paging of the lists by id, as {@code GET /monitors} pages: {@code limit} (default {@value #DEFAULT_LIMIT}, at most
 * {@value #MAX_LIMIT}; beyond it a 400 naming {@code limit}) and {@code after_id} (the last id of the previous page);
 * a full page carries a {@code Link: rel="next"} header. The body stays a plain JSON array.
 */
public final class Paging {

    public static final int DEFAULT_LIMIT = 100;
    public static final int MAX_LIMIT = 1000;

    private Paging() {}

    /** The page size asked for, checked. */
    public static int limit(Integer limit) {
        return limit(limit, DEFAULT_LIMIT, MAX_LIMIT);
    }

    /** The page size asked for, checked against a list's own default and maximum. */
    public static int limit(Integer limit, int defaultLimit, int maxLimit) {
        if (limit == null) {
            return defaultLimit;
        }
        if (limit < 1 || limit > maxLimit) {
            throw new InvalidRequestException(
                    List.of(new FieldViolation("limit", "must be between 1 and " + maxLimit)));
        }
        return limit;
    }

    /** A 201 with the created resource and its {@code Location}, the current request's path plus its id. */
    public static <T> ResponseEntity<T> created(T body, long id) {
        URI location = ServletUriComponentsBuilder.fromCurrentRequest()
                .path("/{id}")
                .buildAndExpand(id)
                .toUri();
        return ResponseEntity.created(location).body(body);
    }

    /** A 200 with the page, and the link to the next one when the page is full. */
    public static <T> ResponseEntity<List<T>> response(List<T> page, int limit, ToLongFunction<T> id) {
        ResponseEntity.BodyBuilder response = ResponseEntity.ok();
        if (page.size() == limit) {
            String next = ServletUriComponentsBuilder.fromCurrentRequest()
                    .replaceQueryParam("after_id", id.applyAsLong(page.getLast()))
                    .replaceQueryParam("limit", limit)
                    .toUriString();
            response.header(HttpHeaders.LINK, "<" + next + ">; rel=\"next\"");
        }
        return response.body(page);
    }
}
