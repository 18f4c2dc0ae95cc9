package com.healthmonitor.api.web;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import io.swagger.v3.core.jackson.ModelResolver;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.providers.ObjectMapperProvider;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.JsonNode;

/**
 * The OpenAPI 3.1 description served at {@code /v3/api-docs} (Swagger UI at {@code /swagger-ui.html}): the
 * API-key security schemes, and the problem+json body of every error response. A test keeps it equal to the
 * reviewed copy in {@code docs/openapi.json}.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    static final String PROBLEM = "Problem";
    private static final String BEARER = "bearer";
    private static final String API_KEY = "apiKey";

    static {
        // An assertion's "equals": a JSON scalar, not the bean the JsonNode class would make.
        SpringDocUtils.getConfig()
                .replaceWithSchema(
                        JsonNode.class,
                        new Schema<>()
                                .types(new LinkedHashSet<>(List.of("string", "number", "boolean")))
                                .description("A JSON scalar"));
    }

    /**
     * Schemas name their properties as the API's JSON does (snake_case, {@code spring.jackson.property-naming-strategy}):
     * swagger reads the records with a Jackson 2 mapper of its own, which knows nothing of Spring's. Replaces
     * springdoc's default resolver (same class).
     */
    @Bean
    ModelResolver snakeCaseModelResolver(ObjectMapperProvider mappers) {
        return new ModelResolver(
                        mappers.jsonMapper().copy().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE))
                .openapi31(mappers.isOpenapi31());
    }

    @Bean
    OpenAPI healthMonitorApi() {
        return new OpenAPI()
                .info(new Info().title("Health Monitor API").version("1").description("""
                                Manage monitors (one schema per type) and read what they saw. JSON uses snake_case. Every error is \
                                `application/problem+json` (RFC 9457) naming the fields at fault in `errors`. Send \
                                an API key as `Authorization: Bearer <key>` or `X-API-Key: <key>`; only a server \
                                configured for anonymous access (ALLOW_ANONYMOUS=true, or the standalone on \
                                loopback) serves requests without one. A key's scope decides what it may do: \
                                `read` (GET), `write` (also every change) or `admin` (also API keys and settings)."""))
                .addServersItem(new Server().url("/"))
                .components(new Components()
                        .addSecuritySchemes(
                                BEARER,
                                new SecurityScheme()
                                        .type(SecurityScheme.Type.HTTP)
                                        .scheme("bearer")
                                        .description("An API key: from API_KEYS, or made with POST /api-keys"))
                        .addSecuritySchemes(
                                API_KEY,
                                new SecurityScheme()
                                        .type(SecurityScheme.Type.APIKEY)
                                        .in(SecurityScheme.In.HEADER)
                                        .name("X-API-Key")
                                        .description("An API key: from API_KEYS, or made with POST /api-keys")))
                .addSecurityItem(new SecurityRequirement().addList(BEARER))
                .addSecurityItem(new SecurityRequirement().addList(API_KEY));
    }

    /**
     * Every operation of the API (not the open health check) may answer these; each body is a problem. The
     * authentication answers (401, 403) are the security configuration's to describe.
     */
    @Bean
    OpenApiCustomizer problemResponses() {
        Map<String, String> errors = Map.of(
                "400", "Invalid input: the `errors` array names each field or parameter at fault",
                "429", "Too many requests: retry after the `Retry-After` header's seconds");
        return openApi -> {
            openApi.getComponents().addSchemas(PROBLEM, problemSchema());
            openApi.getPaths().forEach((name, path) -> {
                if (name.startsWith("/health")) {
                    return;
                }
                path.readOperations()
                        .forEach(operation -> errors.forEach((status, description) -> {
                            if (operation.getResponses().get(status) == null) {
                                operation.getResponses().addApiResponse(status, problemResponse(description));
                            }
                        }));
            });
        };
    }

    static ApiResponse problemResponse(String description) {
        return new ApiResponse()
                .description(description)
                .content(new Content()
                        .addMediaType(
                                "application/problem+json",
                                new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM))));
    }

    private static Schema<?> problemSchema() {
        return new ObjectSchema()
                .description("RFC 9457 problem details")
                .addProperty("type", new StringSchema().example("about:blank"))
                .addProperty("title", new StringSchema().example("Invalid request"))
                .addProperty("status", new IntegerSchema().example(400))
                .addProperty("detail", new StringSchema())
                .addProperty("instance", new StringSchema().example("/monitors"))
                .addProperty(
                        "errors",
                        new ArraySchema()
                                .description("The fields or parameters at fault")
                                .items(new ObjectSchema()
                                        .addProperty("field", new StringSchema().example("url"))
                                        .addProperty(
                                                "message",
                                                new StringSchema().example("must be an http or https URL"))));
    }
}
