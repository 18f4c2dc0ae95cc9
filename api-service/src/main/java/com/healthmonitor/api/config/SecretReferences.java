package com.healthmonitor.api.config;

import com.healthmonitor.api.web.FieldViolation;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The secrets of a document's objects: {@code ${env:NAME}} (the whole value) is replaced by the API process's
 * environment variable NAME when the document is planned or applied; a masked value, as an export writes it, is left
 * for the section's validator, which keeps the stored secret it masks. Neither is allowed where it cannot work: a
 * reference outside the kind's secret fields (its value would show in exports), a mask in a new object (nothing is
 * stored to keep).
 */
@Component
class SecretReferences {

    static final String MASK = "****";
    private static final Pattern REFERENCE = Pattern.compile("\\$\\{env:([^}]*)}");
    private static final Pattern VARIABLE = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private final UnaryOperator<String> environment;
    private final String prefix;

    @Autowired
    SecretReferences(ConfigProperties properties) {
        this(System::getenv, properties);
    }

    SecretReferences(UnaryOperator<String> environment, ConfigProperties properties) {
        this.environment = environment;
        this.prefix = properties.secretVariablePrefix();
    }

    /** Resolves the references of {@code entry} in place; the violations name the entry's fields. */
    void resolve(ObjectNode entry, Set<String> secretFields, boolean isNew, List<FieldViolation> violations) {
        for (Map.Entry<String, JsonNode> property : List.copyOf(entry.properties())) {
            resolve(entry, property.getKey(), property.getValue(), property.getKey(), secretFields, isNew, violations);
        }
    }

    private void resolve(
            JsonNode parent,
            Object slot,
            JsonNode value,
            String path,
            Set<String> secretFields,
            boolean isNew,
            List<FieldViolation> violations) {
        if (value instanceof ObjectNode object) {
            for (Map.Entry<String, JsonNode> property : List.copyOf(object.properties())) {
                resolve(
                        object,
                        property.getKey(),
                        property.getValue(),
                        path + "." + property.getKey(),
                        secretFields,
                        isNew,
                        violations);
            }
        } else if (value instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                resolve(array, i, array.get(i), path + "[" + i + "]", secretFields, isNew, violations);
            }
        } else if (value.isString()) {
            String text = value.asString();
            boolean secret = isSecret(path, secretFields);
            Matcher reference = REFERENCE.matcher(text);
            if (reference.find()) {
                if (!secret) {
                    violations.add(new FieldViolation(
                            path, "is not a secret: ${env:...} is only allowed in " + String.join(", ", secretFields)));
                } else if (reference.start() != 0 || reference.end() != text.length()) {
                    violations.add(new FieldViolation(path, "must be ${env:NAME} as a whole, or a value"));
                } else {
                    String variable = variable(reference.group(1), path, violations);
                    if (variable != null) {
                        set(parent, slot, environment.apply(variable));
                    }
                }
            } else if (secret && isNew && text.contains(MASK)) {
                violations.add(new FieldViolation(
                        path, "is masked, and a new object has no stored secret to keep: give it as ${env:NAME}"));
            }
        }
    }

    /** The value of a referenced variable's name, or null with a violation. */
    private String variable(String name, String path, List<FieldViolation> violations) {
        if (!VARIABLE.matcher(name).matches()) {
            violations.add(new FieldViolation(path, "names no environment variable: ${env:NAME}"));
            return null;
        }
        if (!name.startsWith(prefix)) {
            violations.add(new FieldViolation(
                    path, "may only name environment variables starting with " + prefix + " (CONFIG_SECRET_PREFIX)"));
            return null;
        }
        String value = environment.apply(name);
        if (value == null || value.isEmpty()) {
            violations.add(new FieldViolation(path, "names the environment variable " + name + ", which is not set"));
            return null;
        }
        return name;
    }

    private static void set(JsonNode parent, Object slot, String value) {
        if (parent instanceof ObjectNode object) {
            object.put((String) slot, value);
        } else {
            ((ArrayNode) parent).set((Integer) slot, value);
        }
    }

    /** {@code url} matches the field {@code url}; {@code headers.*} every property of {@code headers}. */
    static boolean isSecret(String path, Set<String> secretFields) {
        for (String field : secretFields) {
            if (field.endsWith(".*")) {
                String parent = field.substring(0, field.length() - 1);
                if (path.startsWith(parent) && path.indexOf('.', parent.length()) < 0) {
                    return true;
                }
            } else if (field.equals(path)) {
                return true;
            }
        }
        return false;
    }
}
