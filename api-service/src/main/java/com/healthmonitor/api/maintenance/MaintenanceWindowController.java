package com.healthmonitor.api.maintenance;

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
 * Maintenance windows: checks go on, alerts stop, status shows MAINTENANCE, uptime leaves the window out. The list
 * pages by id like {@code /monitors} ({@link Paging}).
 */
@RestController
@RequestMapping(path = "/maintenance-windows", produces = MediaType.APPLICATION_JSON_VALUE)
class MaintenanceWindowController {

    private final MaintenanceWindowService service;

    MaintenanceWindowController(MaintenanceWindowService service) {
        this.service = service;
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.CREATED) // for the API description; the ResponseEntity sets it
    ResponseEntity<MaintenanceWindowResponse> create(@RequestBody MaintenanceWindowRequest request) {
        MaintenanceWindowResponse created = service.create(request);
        return Paging.created(created, created.id());
    }

    @GetMapping
    ResponseEntity<List<MaintenanceWindowResponse>> list(
            @RequestParam(name = "limit", required = false) Integer limit,
            @RequestParam(name = "after_id", defaultValue = "0") long afterId) {
        int pageSize = Paging.limit(limit);
        return Paging.response(service.list(afterId, pageSize), pageSize, MaintenanceWindowResponse::id);
    }

    @GetMapping("/{id}")
    MaintenanceWindowResponse get(@PathVariable long id) {
        return service.get(id);
    }

    @PutMapping(path = "/{id}", consumes = MediaType.APPLICATION_JSON_VALUE)
    MaintenanceWindowResponse replace(@PathVariable long id, @RequestBody MaintenanceWindowRequest request) {
        return service.replace(id, request);
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    ResponseEntity<Void> delete(@PathVariable long id) {
        service.delete(id);
        return ResponseEntity.noContent().build();
    }
}
