package com.healthmonitor.api.config;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.healthmonitor.api.web.FieldViolation;
import com.healthmonitor.api.web.InvalidRequestException;
import com.healthmonitor.api.web.JsonViolations;
import java.util.List;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * What every {@link ConfigSection} does alike: an object of the document read as its API's request record (the same
 * mapper, so the same unknown-field and type errors), a request written as a document object (absent fields left out,
 * as an export of {@code /monitors/export} does), and references translated between keys and ids.
 */
@Component
public class ConfigSections {

    private final JsonMapper json;
    private final JsonMapper documents;

    ConfigSections(JsonMapper json) {
        this.json = json;
        this.documents = json.rebuild()
                .changeDefaultPropertyInclusion(include -> include.withValueInclusion(JsonInclude.Include.NON_NULL))
                .build();
    }

    /** The entry as the request record {@code type}; a 400 naming the field the mapper refused. */
    public <T> T request(ObjectNode entry, Class<T> type) {
        try {
            return json.treeToValue(entry, type);
        } catch (JacksonException e) {
            throw new InvalidRequestException(List.of(JsonViolations.of(e)));
        }
    }

    /** A request record as a document object; the caller puts its references by key. */
    public ObjectNode document(Object request) {
        return documents.valueToTree(request);
    }

    /**
     * Replaces the keys in {@code entry.field} (of objects of {@code section}) by their ids in {@code idsField}, as
     * the request record takes them; the ids field itself is refused, ids differ from one installation to another.
     */
    public void toIds(
            ObjectNode entry,
            String field,
            String idsField,
            String section,
            ConfigKeys keys,
            List<FieldViolation> violations) {
        if (entry.has(idsField)) {
            violations.add(
                    new FieldViolation(idsField, "is not used in a configuration document: list keys in " + field));
        }
        JsonNode given = entry.remove(field);
        entry.set(idsField, json.valueToTree(keys.ids(section, given, field, violations)));
    }

    /** Replaces the ids in {@code document.idsField} by the keys of those objects of {@code section}, in {@code field}. */
    public void toKeys(ObjectNode document, String idsField, String field, String section, ConfigKeys keys) {
        JsonNode ids = document.remove(idsField);
        List<Long> given = ids == null || ids.isNull()
                ? List.of()
                : ids.values().stream().map(JsonNode::asLong).toList();
        document.set(field, json.valueToTree(keys.keys(section, given)));
    }

    /** The violations with a request's field name ({@code channel_ids}) replaced by the document's ({@code channels}). */
    public static InvalidRequestException renamed(InvalidRequestException e, String idsField, String field) {
        return new InvalidRequestException(e.violations().stream()
                .map(v -> new FieldViolation(renamed(v.field(), idsField, field), v.message()))
                .toList());
    }

    private static String renamed(String path, String idsField, String field) {
        return path.equals(idsField) || path.startsWith(idsField + "[")
                ? field + path.substring(idsField.length())
                : path.replace("." + idsField, "." + field);
    }
}
