package com.healthmonitor.api.slo;

import com.healthmonitor.api.web.FieldViolation;
import com.healthmonitor.api.web.InvalidRequestException;
import com.healthmonitor.api.web.MonitorTags;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /reports/sla}: the objectives over a calendar month or quarter, as JSON or CSV. */
@RestController
@Tag(name = "SLOs", description = "Service level objectives and error budgets")
class SlaReportController {

    static final String CSV = "text/csv";

    private final SlaReportService service;

    SlaReportController(SlaReportService service) {
        this.service = service;
    }

    @Operation(
            operationId = "getSlaReport",
            summary = "Every objective (the monitors' own, and the tags' as one service each) over a calendar month or"
                    + " quarter: objective, attained, met, downtime and budget spent; JSON, or CSV with Accept:"
                    + " text/csv or format=csv",
            responses =
                    @ApiResponse(
                            responseCode = "200",
                            description = "OK",
                            content = {
                                @Content(
                                        mediaType = MediaType.APPLICATION_JSON_VALUE,
                                        schema = @Schema(implementation = SlaReport.class)),
                                @Content(mediaType = CSV, schema = @Schema(type = "string"))
                            }))
    @GetMapping(
            path = "/reports/sla",
            produces = {MediaType.APPLICATION_JSON_VALUE, CSV})
    ResponseEntity<?> report(
            @Parameter(description = "A month (2026-11) or a quarter (2026-Q4), UTC")
                    @RequestParam(name = "period", required = false)
                    String period,
            @Parameter(description = "Only the monitors with this tag, and this tag's objective; repeated: all")
                    @RequestParam(name = "tag", required = false)
                    List<String> tags,
            @Parameter(description = "json or csv; without it, the Accept header decides")
                    @RequestParam(name = "format", required = false)
                    String format,
            @Parameter(hidden = true) @RequestHeader(name = HttpHeaders.ACCEPT, required = false) String accept) {
        boolean csv = csv(format, accept);
        SlaReport report = service.report(period, MonitorTags.filter(tags));
        if (!csv) {
            return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(report);
        }
        return ResponseEntity.ok()
                .contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
                .header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment()
                                .filename("sla-" + report.period() + ".csv")
                                .build()
                                .toString())
                .body(SlaCsv.write(report));
    }

    private static boolean csv(String format, String accept) {
        if (format == null) {
            try {
                return accept != null
                        && MediaType.parseMediaTypes(accept).stream()
                                .anyMatch(type -> type.getType().equals("text")
                                        && type.getSubtype().equals("csv"));
            } catch (InvalidMediaTypeException e) {
                return false;
            }
        }
        return switch (format) {
            case "csv" -> true;
            case "json" -> false;
            default -> throw new InvalidRequestException(List.of(new FieldViolation("format", "must be json or csv")));
        };
    }
}
