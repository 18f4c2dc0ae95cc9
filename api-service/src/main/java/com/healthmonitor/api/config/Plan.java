package com.healthmonitor.api.config;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * What applying a document does (or did): each object it creates, updates (with the fields that change, old and new
 * as an export shows them) or deletes (only with {@code prune=true}), and the etag of the configuration it was
 * computed against (a plan) or of the configuration it left (an apply).
 */
@Schema(name = "ConfigPlan")
record Plan(String etag, boolean prune, List<Change> changes, Summary summary) {

    enum Action {
        @JsonProperty("create")
        CREATE,
        @JsonProperty("update")
        UPDATE,
        @JsonProperty("delete")
        DELETE
    }

    @Schema(name = "ConfigChange")
    record Change(
            Action action,
            String kind,
            String key,
            @JsonInclude(JsonInclude.Include.NON_EMPTY) List<FieldChange> fields) {}

    /** A top-level field of an object; null old or new: absent on that side. */
    @Schema(name = "ConfigFieldChange")
    record FieldChange(
            String field,

            @Schema(
                    description = "The value as an export shows it; absent when the field was",
                    types = {"string", "number", "boolean", "object", "array"})
            @JsonProperty("old")
            JsonNode before,

            @Schema(
                    description = "The value as an export will show it; absent when the field goes",
                    types = {"string", "number", "boolean", "object", "array"})
            @JsonProperty("new")
            JsonNode after) {}

    @Schema(name = "ConfigPlanSummary")
    record Summary(int create, int update, int delete, int unchanged) {}
}
