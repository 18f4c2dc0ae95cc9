package com.healthmonitor.api.slo;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /slos/tags/{tag}}: an objective for the monitors with a tag, reported as one service (their checks, failures
 * and downtime summed).
 */
@RestController
@RequestMapping(path = "/slos/tags/{tag}", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "SLOs", description = "Service level objectives and error budgets")
class TagSloController {

    private final SloService service;

    TagSloController(SloService service) {
        this.service = service;
    }

    @Operation(operationId = "replaceTagSlo", summary = "Set or replace the tag's objective; answers the report")
    @PutMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    SloReport replace(@PathVariable String tag, @RequestBody SloRequest request) {
        return service.replace(new SloSubject.OfTag(tag), request);
    }

    @Operation(
            operationId = "getTagSlo",
            summary = "The tag's objective over its current period, the tagged monitors counted as one service")
    @GetMapping
    SloReport report(@PathVariable String tag) {
        return service.report(new SloSubject.OfTag(tag));
    }

    @Operation(operationId = "deleteTagSlo", summary = "Remove the tag's objective")
    @DeleteMapping
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(@PathVariable String tag) {
        service.delete(new SloSubject.OfTag(tag));
    }
}
