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

/** {@code /monitors/{id}/slo}: a monitor's service level objective and its error budget, a resource of its own. */
@RestController
@RequestMapping(path = "/monitors/{id}/slo", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "SLOs", description = "Service level objectives and error budgets")
class SloController {

    private final SloService service;

    SloController(SloService service) {
        this.service = service;
    }

    @Operation(operationId = "replaceSlo", summary = "Set or replace the monitor's objective; answers the report")
    @PutMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    SloReport replace(@PathVariable long id, @RequestBody SloRequest request) {
        return service.replace(new SloSubject.OfMonitor(id), request);
    }

    @Operation(
            operationId = "getSlo",
            summary = "The objective over its current period: attained uptime, error budget (checks and seconds),"
                    + " spent, left, and burn rates over 1 h and 6 h; maintenance time is not counted")
    @GetMapping
    SloReport report(@PathVariable long id) {
        return service.report(new SloSubject.OfMonitor(id));
    }

    @Operation(operationId = "deleteSlo", summary = "Remove the monitor's objective")
    @DeleteMapping
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(@PathVariable long id) {
        service.delete(new SloSubject.OfMonitor(id));
    }
}
