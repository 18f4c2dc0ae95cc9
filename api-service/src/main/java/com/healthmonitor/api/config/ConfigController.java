package com.healthmonitor.api.config;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.ArrayList;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Monitoring as code: the configuration (channels, monitors, maintenance windows, status pages, each by its key) as
 * one YAML or JSON document. {@code GET /config} exports it with an ETag; {@code POST /config/plan} answers what
 * applying a document would change; {@code POST /config/apply} does it, all or nothing, refusing with 412 when its
 * If-Match is not the etag of the configuration it finds. Reading needs the read scope, planning and applying write.
 */
@RestController
@Tag(name = "Configuration", description = "Monitoring as code: export, plan and apply the whole configuration")
@RequestMapping("/config")
class ConfigController {

    private static final String YAML = "application/yaml";

    private final ConfigService service;
    private final ConfigDocuments documents;

    ConfigController(ConfigService service, ConfigDocuments documents) {
        this.service = service;
        this.documents = documents;
    }

    @Operation(
            summary = "The whole configuration as one document (YAML unless Accept prefers JSON), secrets masked",
            responses =
                    @ApiResponse(
                            responseCode = "200",
                            description = "The document; its ETag is what an apply's If-Match names",
                            content = {
                                @Content(mediaType = YAML, schema = @Schema(type = "string")),
                                @Content(
                                        mediaType = MediaType.APPLICATION_JSON_VALUE,
                                        schema = @Schema(type = "object"))
                            }))
    @GetMapping(produces = {YAML, MediaType.APPLICATION_JSON_VALUE})
    ResponseEntity<byte[]> export(
            @Parameter(hidden = true) @RequestHeader(name = HttpHeaders.ACCEPT, required = false) String accept)
            throws HttpMediaTypeNotAcceptableException {
        MediaType type = negotiate(accept);
        ConfigService.Snapshot snapshot = service.export();
        return ResponseEntity.ok()
                .contentType(type)
                .eTag(snapshot.etag())
                .body(documents.write(snapshot.document(), type));
    }

    @Operation(summary = "What applying the document would change, and the etag of the configuration it was planned on")
    @PostMapping(
            path = "/plan",
            consumes = {YAML, "application/x-yaml", "text/yaml", MediaType.APPLICATION_JSON_VALUE},
            produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Plan> plan(
            @RequestBody byte[] body,
            @Parameter(hidden = true) @RequestHeader(HttpHeaders.CONTENT_TYPE) MediaType contentType,
            @Parameter(description = "Also delete the objects of each kind the document lists that it leaves out")
                    @RequestParam(name = "prune", defaultValue = "false")
                    boolean prune) {
        Plan plan = service.plan(documents.read(body, contentType), prune);
        return ResponseEntity.ok().eTag(plan.etag()).body(plan);
    }

    @Operation(
            summary = "Applies the document in one transaction; its answer is the plan it applied, with the new etag",
            responses = {
                @ApiResponse(responseCode = "200", description = "Applied"),
                @ApiResponse(
                        responseCode = "412",
                        description = "The configuration changed since the plan whose etag If-Match names",
                        content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE))
            })
    @PostMapping(
            path = "/apply",
            consumes = {YAML, "application/x-yaml", "text/yaml", MediaType.APPLICATION_JSON_VALUE},
            produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Plan> apply(
            @RequestBody byte[] body,
            @Parameter(hidden = true) @RequestHeader(HttpHeaders.CONTENT_TYPE) MediaType contentType,
            @Parameter(description = "Also delete the objects of each kind the document lists that it leaves out")
                    @RequestParam(name = "prune", defaultValue = "false")
                    boolean prune,
            @Parameter(description = "The etag of the plan: refused with 412 when the configuration changed since")
                    @RequestHeader(name = HttpHeaders.IF_MATCH, required = false)
                    String ifMatch) {
        Plan plan = service.apply(documents.read(body, contentType), prune, ifMatch);
        return ResponseEntity.status(HttpStatus.OK).eTag(plan.etag()).body(plan);
    }

    /** YAML unless the Accept header prefers JSON; 406 when it takes neither. */
    private static MediaType negotiate(String accept) throws HttpMediaTypeNotAcceptableException {
        if (accept == null || accept.isBlank()) {
            return ConfigDocuments.YAML;
        }
        List<MediaType> accepted = new ArrayList<>(MediaType.parseMediaTypes(accept));
        accepted.sort((a, b) -> Double.compare(b.getQualityValue(), a.getQualityValue()));
        for (MediaType type : accepted) {
            if (type.getQualityValue() == 0) {
                continue;
            }
            if (ConfigDocuments.YAML_TYPES.stream().anyMatch(type::includes)) {
                return ConfigDocuments.YAML;
            }
            if (type.includes(MediaType.APPLICATION_JSON)) {
                return MediaType.APPLICATION_JSON;
            }
        }
        throw new HttpMediaTypeNotAcceptableException(List.of(ConfigDocuments.YAML, MediaType.APPLICATION_JSON));
    }
}
