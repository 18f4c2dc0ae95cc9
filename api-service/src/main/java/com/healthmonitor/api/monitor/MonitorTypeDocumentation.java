package com.healthmonitor.api.monitor;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.healthmonitor.common.check.CheckAssertion;
import com.healthmonitor.common.check.MonitorType;
import io.swagger.v3.oas.models.media.Discriminator;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The monitor request and response in the API description as one schema per {@link MonitorType}, a {@code oneOf}
 * discriminated by {@code type}. The variants are cut from the flat records by {@link TargetValidator}'s list of which
 * field belongs to which type, the rule that refuses another type's fields: a new type (heartbeat is next) appears
 * here once it is in {@code MonitorType} and that list, with nothing to add in this class.
 */
@Configuration(proxyBeanMethods = false)
class MonitorTypeDocumentation {

    static final String REQUEST = "MonitorRequest";
    static final String RESPONSE = "MonitorResponse";
    private static final String SCHEMAS = "#/components/schemas/";

    @Bean
    OpenApiCustomizer monitorTypeSchemas() {
        return openApi -> {
            @SuppressWarnings("rawtypes")
            Map<String, Schema> schemas = openApi.getComponents().getSchemas();
            byType(schemas, REQUEST, true);
            byType(schemas, RESPONSE, false);
            discriminatorMapping(schemas, CheckAssertion.class);
        };
    }

    @SuppressWarnings({"rawtypes", "unchecked"})
    private static void byType(Map<String, Schema> schemas, String name, boolean request) {
        Schema<?> flat = schemas.get(name);
        if (flat == null || flat.getProperties() == null) {
            return; // not in this document, or already split
        }
        Discriminator discriminator = new Discriminator().propertyName("type");
        List<Schema> variants = new ArrayList<>();
        for (MonitorType type : MonitorType.values()) {
            String variantName = capitalized(type.id()) + name;
            Schema<Object> variant = new Schema<>();
            variant.addType("object");
            variant.description(
                    request
                            ? "Type " + type.id() + ": the fields every monitor has and its own"
                            : "Type " + type.id()
                                    + ": the fields every monitor has and its own. Those of other types are"
                                    + " left out here; a response still carries the HTTP ones, null or at their defaults");
            flat.getProperties().forEach((property, schema) -> {
                if (property.equals("type")) {
                    variant.addProperty(property, typeProperty(type, request));
                } else if (TargetValidator.isFieldOf(property, type)) {
                    variant.addProperty(property, schema);
                }
            });
            // An absent type is http: the requests from before types stay valid.
            if (!request || type != MonitorType.HTTP) {
                variant.addRequiredItem("type");
            }
            schemas.put(variantName, variant);
            discriminator.mapping(type.id(), SCHEMAS + variantName);
            variants.add(new Schema<>().$ref(SCHEMAS + variantName));
        }
        Schema<Object> union = new Schema<>();
        union.description((request
                        ? "A monitor to create or replace"
                        : "A monitor, its configuration and what the worker last saw")
                + ", one schema per type; `type` tells them apart"
                + (request ? " (absent: http)" : ""));
        union.oneOf(variants);
        union.discriminator(discriminator);
        schemas.put(name, union);
    }

    private static Schema<String> typeProperty(MonitorType type, boolean request) {
        StringSchema property = new StringSchema();
        property.addEnumItem(type.id());
        property.description("What the monitor checks");
        if (request && type == MonitorType.HTTP) {
            property.setDefault(type.id());
        }
        return property;
    }

    /** The JSON names of a polymorphic type's subtypes ({@code json_path}) mapped to their schemas ({@code JsonPath}). */
    @SuppressWarnings("rawtypes")
    private static void discriminatorMapping(Map<String, Schema> schemas, Class<?> base) {
        Schema<?> schema = schemas.get(base.getSimpleName());
        JsonSubTypes subtypes = base.getAnnotation(JsonSubTypes.class);
        if (schema == null || schema.getDiscriminator() == null || subtypes == null) {
            return;
        }
        for (JsonSubTypes.Type subtype : subtypes.value()) {
            schema.getDiscriminator()
                    .mapping(subtype.name(), SCHEMAS + subtype.value().getSimpleName());
        }
    }

    private static String capitalized(String id) {
        return id.substring(0, 1).toUpperCase(Locale.ROOT) + id.substring(1);
    }
}
