package com.healthmonitor.api.config;

import com.healthmonitor.api.web.FieldViolation;
import com.healthmonitor.api.web.InvalidRequestException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.representer.Representer;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads and writes configuration documents as YAML (SnakeYAML, which Spring Boot already brings) or JSON, both onto
 * the same JSON tree. YAML is read safely (standard tags only, no duplicate keys, few aliases) and its timestamps stay
 * strings, as JSON would give them.
 */
@Component
class ConfigDocuments {

    static final MediaType YAML = MediaType.parseMediaType("application/yaml");
    static final List<MediaType> YAML_TYPES =
            List.of(YAML, MediaType.parseMediaType("application/x-yaml"), MediaType.parseMediaType("text/yaml"));

    private final JsonMapper json;

    ConfigDocuments(JsonMapper json) {
        this.json = json;
    }

    static boolean isYaml(MediaType type) {
        return type != null
                && YAML_TYPES.stream().anyMatch(yaml -> yaml.isCompatibleWith(type) && !type.isWildcardType());
    }

    /** The document of a request body, a mapping; a 400 naming {@code body} otherwise. */
    ObjectNode read(byte[] body, MediaType contentType) {
        JsonNode tree;
        if (isYaml(contentType)) {
            Object loaded;
            try {
                loaded = yaml().load(new String(body, StandardCharsets.UTF_8));
            } catch (YAMLException e) {
                String problem =
                        String.valueOf(e.getMessage()).lines().findFirst().orElse("");
                throw invalid("is not valid YAML: " + problem);
            }
            // A key that is itself a list or mapping becomes its text, an unknown field.
            tree = loaded == null ? null : json.valueToTree(loaded);
        } else {
            try {
                tree = json.readTree(body);
            } catch (JacksonException e) {
                throw invalid("is not valid JSON: " + e.getOriginalMessage());
            }
        }
        if (!(tree instanceof ObjectNode document)) {
            throw invalid("must be a mapping of channels, monitors, maintenance_windows, status_pages and tag_slos");
        }
        return document;
    }

    byte[] write(ObjectNode document, MediaType type) {
        if (isYaml(type)) {
            DumperOptions options = new DumperOptions();
            options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
            options.setIndent(2);
            options.setIndicatorIndent(2);
            options.setIndentWithIndicator(true);
            options.setSplitLines(false);
            Yaml yaml = new Yaml(new SafeConstructor(new LoaderOptions()), new Representer(options), options);
            return yaml.dump(plain(document)).getBytes(StandardCharsets.UTF_8);
        }
        return json.writeValueAsBytes(document);
    }

    /** A YAML reader of plain data only: maps, lists, strings, numbers, booleans, null. */
    private static Yaml yaml() {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        options.setMaxAliasesForCollections(10);
        DumperOptions unused = new DumperOptions();
        return new Yaml(new TimestampsAsStrings(options), new Representer(unused), unused, options);
    }

    /** The tree as the maps, lists and scalars SnakeYAML writes. */
    private static Object plain(JsonNode node) {
        if (node.isObject()) {
            Map<String, Object> map = new LinkedHashMap<>();
            node.properties().forEach(property -> map.put(property.getKey(), plain(property.getValue())));
            return map;
        }
        if (node.isArray()) {
            List<Object> list = new ArrayList<>();
            node.values().forEach(item -> list.add(plain(item)));
            return list;
        }
        if (node.isIntegralNumber()) {
            BigInteger value = node.bigIntegerValue();
            return value.bitLength() < 64 ? (Object) value.longValue() : value;
        }
        if (node.isNumber()) {
            return node.doubleValue();
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        if (node.isNull()) {
            return null;
        }
        return node.asString();
    }

    private static InvalidRequestException invalid(String message) {
        return new InvalidRequestException(List.of(new FieldViolation("body", message)));
    }

    /** YAML 1.1 reads 2026-11-22T01:00:00Z as a date; the requests take instants as ISO-8601 strings. */
    private static final class TimestampsAsStrings extends SafeConstructor {

        TimestampsAsStrings(LoaderOptions options) {
            super(options);
            yamlConstructors.put(Tag.TIMESTAMP, new ConstructYamlStr());
        }
    }
}
