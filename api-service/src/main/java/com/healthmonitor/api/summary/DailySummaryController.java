package com.healthmonitor.api.summary;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET/PUT /settings/daily-summary}: once a day at {@code time} in {@code time_zone}, a summary of the last 24
 * hours goes to {@code channel_ids}. The worker sends it exactly once per local date.
 */
@RestController
@RequestMapping(path = "/settings/daily-summary", produces = MediaType.APPLICATION_JSON_VALUE)
class DailySummaryController {

    private final DailySummaryService service;

    DailySummaryController(DailySummaryService service) {
        this.service = service;
    }

    @GetMapping
    DailySummarySettings get() {
        return service.get();
    }

    @PutMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    DailySummarySettings replace(@RequestBody DailySummarySettings request) {
        return service.replace(request);
    }
}
