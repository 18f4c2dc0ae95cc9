package com.healthmonitor.api.auth;

import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import java.util.List;
import java.util.stream.Stream;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.server.PathContainer;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * The authentication answers in the API description: a 401 on every route that needs a key, and a 403 naming the
 * scope an operation needs wherever {@code read} is not enough, both from the rules that enforce them.
 */
@Configuration(proxyBeanMethods = false)
class ApiKeyDocumentation {

    @Bean
    OpenApiCustomizer authenticationResponses() {
        List<PathPattern> open = Stream.of(ApiSecurityConfiguration.OPEN_ROUTES)
                .flatMap(Stream::of)
                .map(PathPatternParser.defaultInstance::parse)
                .toList();
        return openApi -> openApi.getPaths().forEach((name, path) -> {
            PathContainer container = PathContainer.parsePath(name);
            if (open.stream().anyMatch(route -> route.matches(container))) {
                return;
            }
            path.readOperationsMap().forEach((method, operation) -> {
                operation
                        .getResponses()
                        .addApiResponse(
                                "401",
                                problemResponse("Missing or unknown API key: every request needs one unless the server"
                                        + " allows anonymous access (ALLOW_ANONYMOUS=true, or the"
                                        + " standalone on loopback)"));
                Scope needed = ScopeRules.required(method.name(), container);
                if (needed != Scope.READ) {
                    operation
                            .getResponses()
                            .addApiResponse(
                                    "403",
                                    problemResponse("The API key's scope is too narrow: this needs the "
                                            + needed.value() + " scope"));
                }
            });
        });
    }

    /** The problem schema is the one every error response of the description shares. */
    private static ApiResponse problemResponse(String description) {
        return new ApiResponse()
                .description(description)
                .content(new Content()
                        .addMediaType(
                                "application/problem+json",
                                new MediaType().schema(new Schema<>().$ref("#/components/schemas/Problem"))));
    }
}
