package com.healthmonitor.api.monitor;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.healthmonitor.api.web.FieldViolation;
import com.healthmonitor.api.web.InvalidRequestException;
import com.healthmonitor.api.web.MonitorTags;
import com.healthmonitor.api.web.Paging;
import com.healthmonitor.common.monitor.MonitorStatus;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.springframework.http.HttpHeaders;
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
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.json.JsonMapper;

/**
 * The seed's monitor API. {@code GET /monitors} pages by id: {@code limit} (default 500, at most 1000) and
 * {@code after_id} (the last id of the previous page); a full page carries a {@code Link: rel="next"} header.
 * {@code status} filters by UP, DOWN or UNKNOWN, {@code tag} by tags, {@code q} by a substring of the name or target;
 * every filter given must hold.
 */
@RestController
@RequestMapping(path = "/monitors", produces = MediaType.APPLICATION_JSON_VALUE)
class MonitorController {

    static final int MAX_BULK = 1000;
    static final int MAX_SEARCH_LENGTH = 200;

    private final MonitorService service;
    private final MonitorValidator validator;
    private final MonitorAlertingValidator alertingValidator;
    private final MonitorProperties properties;
    private final JsonMapper exportJson;

    MonitorController(
            MonitorService service,
            MonitorValidator validator,
            MonitorAlertingValidator alertingValidator,
            MonitorProperties properties,
            JsonMapper json) {
        this.service = service;
        this.validator = validator;
        this.alertingValidator = alertingValidator;
        this.properties = properties;
        // An export lists what a request sends: absent fields stay absent, as a client would leave them out.
        this.exportJson = json.rebuild()
                .changeDefaultPropertyInclusion(include -> include.withValueInclusion(JsonInclude.Include.NON_NULL))
                .build();
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.CREATED) // for the API description; the ResponseEntity sets it
    ResponseEntity<MonitorResponse> create(@RequestBody MonitorRequest request) {
        Validated valid = validate(request);
        MonitorResponse created = service.create(valid.settings(), valid.alerting());
        return Paging.created(created, created.id());
    }

    /**
     * Up to 1000 monitors in one request, all created or, when one is invalid, none; each violation names its item
     * ({@code monitors[3].port}).
     */
    @PostMapping(path = "/bulk", consumes = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.CREATED)
    List<MonitorResponse> createAll(@RequestBody BulkRequest request) {
        List<MonitorRequest> items = request.monitors();
        if (items == null || items.isEmpty() || items.size() > MAX_BULK) {
            throw new InvalidRequestException(
                    List.of(new FieldViolation("monitors", "must hold 1 to " + MAX_BULK + " monitors")));
        }
        List<FieldViolation> violations = new ArrayList<>();
        List<Validated> valid = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            String item = "monitors[" + i + "]";
            if (items.get(i) == null) {
                violations.add(new FieldViolation(item, "must be a monitor"));
                continue;
            }
            try {
                valid.add(validate(items.get(i)));
            } catch (InvalidRequestException e) {
                e.violations().forEach(v -> violations.add(new FieldViolation(item + "." + v.field(), v.message())));
            }
        }
        if (!violations.isEmpty()) {
            throw new InvalidRequestException(violations);
        }
        return service.createAll(valid);
    }

    /** The body of {@code POST /monitors/bulk}. */
    record BulkRequest(
            @Schema(description = "1 to 1000 monitors, each as POST /monitors takes it")
            List<MonitorRequest> monitors) {}

    @GetMapping
    ResponseEntity<List<MonitorResponse>> list(
            @RequestParam(name = "limit", required = false) Integer limit,
            @RequestParam(name = "after_id", defaultValue = "0") long afterId,
            @RequestParam(name = "status", required = false) String status,
            @Parameter(
                            description =
                                    "key: monitors with the bare tag or key:anything; key:value: that tag. Repeated: all must match")
                    @RequestParam(name = "tag", required = false)
                    List<String> tags,
            @Parameter(
                            description =
                                    "Case-insensitive substring of the name or the target (the URL without credentials and query, tcp host:port, dns hostname), 1-200 characters")
                    @RequestParam(name = "q", required = false)
                    String q) {
        int pageSize = pageSize(limit);
        MonitorFilter filter = new MonitorFilter(parseStatus(status), MonitorTags.filter(tags), search(q));
        List<MonitorResponse> page = service.list(filter, afterId, pageSize);
        return Paging.response(page, pageSize, MonitorResponse::id);
    }

    /**
     * Every monitor, in id order, as the JSON array of the requests that create them again ({@code POST
     * /monitors/bulk} takes it in slices of 1000). Secrets are masked as responses mask them. Streamed from a
     * database cursor: memory does not grow with the fleet.
     */
    @Operation(
            summary = "Every monitor as the JSON array of the requests that create them again, secrets masked",
            responses =
                    @ApiResponse(
                            responseCode = "200",
                            description = "OK",
                            content =
                                    @Content(
                                            mediaType = MediaType.APPLICATION_JSON_VALUE,
                                            array =
                                                    @ArraySchema(
                                                            schema = @Schema(implementation = MonitorRequest.class)))))
    @GetMapping("/export")
    void export(HttpServletResponse response) throws IOException {
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"monitors.json\"");
        try (JsonGenerator json = exportJson.createGenerator(response.getOutputStream())) {
            json.writeStartArray();
            service.export(monitor -> exportJson.writeValue(json, monitor));
            json.writeEndArray();
        }
    }

    @GetMapping("/{id}")
    MonitorResponse get(@PathVariable long id) {
        return service.get(id);
    }

    @PutMapping(path = "/{id}", consumes = MediaType.APPLICATION_JSON_VALUE)
    MonitorResponse replace(@PathVariable long id, @RequestBody MonitorRequest request) {
        Validated valid = validate(request);
        return service.replace(id, valid.settings(), valid.alerting());
    }

    /** A heartbeat's new ping URL, shown in this response only; the previous URL answers 404 from now on. */
    @PostMapping("/{id}/rotate-ping-token")
    MonitorResponse rotatePingToken(@PathVariable long id) {
        return service.rotatePingToken(id);
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    ResponseEntity<Void> delete(@PathVariable long id) {
        service.delete(id);
        return ResponseEntity.noContent().build();
    }

    /** A search text, stripped; null when absent or blank. */
    private static String search(String q) {
        if (q == null || q.isBlank()) {
            return null;
        }
        String text = q.strip();
        if (text.length() > MAX_SEARCH_LENGTH) {
            throw new InvalidRequestException(
                    List.of(new FieldViolation("q", "must be at most " + MAX_SEARCH_LENGTH + " characters")));
        }
        return text;
    }

    /** Both validations, every broken rule reported at once. */
    private Validated validate(MonitorRequest request) {
        return Validated.of(request, validator, alertingValidator);
    }

    private int pageSize(Integer limit) {
        return Paging.limit(limit, properties.defaultPageSize(), properties.maxPageSize());
    }

    private static MonitorStatus parseStatus(String status) {
        if (status == null) {
            return null;
        }
        try {
            MonitorStatus parsed = MonitorStatus.valueOf(status.toUpperCase(Locale.ROOT));
            if (parsed == MonitorStatus.MAINTENANCE) {
                // Not stored: a window covers a monitor whatever its status.
                throw new IllegalArgumentException("not a stored status");
            }
            return parsed;
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException(
                    List.of(new FieldViolation("status", "must be one of UNKNOWN, UP, DOWN")));
        }
    }
}
