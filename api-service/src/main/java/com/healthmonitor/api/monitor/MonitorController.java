package com.healthmonitor.api.monitor;

import com.healthmonitor.api.web.FieldViolation;
import com.healthmonitor.api.web.InvalidRequestException;
import com.healthmonitor.api.web.Paging;
import com.healthmonitor.common.monitor.MonitorStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
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
 * The seed's monitor API. {@code GET /monitors} pages by id: {@code limit} (default 500, at most 1000) and
 * {@code after_id} (the last id of the previous page); a full page carries a {@code Link: rel="next"} header.
 * {@code status} filters by UP, DOWN or UNKNOWN.
 */
@RestController
@RequestMapping(path = "/monitors", produces = MediaType.APPLICATION_JSON_VALUE)
class MonitorController {

    private final MonitorService service;
    private final MonitorValidator validator;
    private final MonitorAlertingValidator alertingValidator;
    private final MonitorProperties properties;

    MonitorController(
            MonitorService service,
            MonitorValidator validator,
            MonitorAlertingValidator alertingValidator,
            MonitorProperties properties) {
        this.service = service;
        this.validator = validator;
        this.alertingValidator = alertingValidator;
        this.properties = properties;
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.CREATED) // for the API description; the ResponseEntity sets it
    ResponseEntity<MonitorResponse> create(@RequestBody MonitorRequest request) {
        Validated valid = validate(request);
        MonitorResponse created = service.create(valid.settings(), valid.alerting());
        return Paging.created(created, created.id());
    }

    @GetMapping
    ResponseEntity<List<MonitorResponse>> list(
            @RequestParam(name = "limit", required = false) Integer limit,
            @RequestParam(name = "after_id", defaultValue = "0") long afterId,
            @RequestParam(name = "status", required = false) String status) {
        int pageSize = pageSize(limit);
        List<MonitorResponse> page = service.list(parseStatus(status), afterId, pageSize);
        return Paging.response(page, pageSize, MonitorResponse::id);
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

    /** Both validations, every broken rule reported at once. */
    private Validated validate(MonitorRequest request) {
        List<FieldViolation> violations = new ArrayList<>();
        MonitorSettings settings = null;
        MonitorAlerting alerting = null;
        try {
            settings = validator.validate(request);
        } catch (InvalidRequestException e) {
            violations.addAll(e.violations());
        }
        try {
            alerting = alertingValidator.validate(request);
        } catch (InvalidRequestException e) {
            violations.addAll(e.violations());
        }
        if (!violations.isEmpty()) {
            throw new InvalidRequestException(violations);
        }
        return new Validated(settings, alerting);
    }

    private record Validated(MonitorSettings settings, MonitorAlerting alerting) {}

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
