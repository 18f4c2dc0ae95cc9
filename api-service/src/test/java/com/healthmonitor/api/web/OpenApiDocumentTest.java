package com.healthmonitor.api.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.healthmonitor.api.testing.ApiIntegrationTest;
import com.healthmonitor.common.check.MonitorType;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The served API description is the reviewed one: an API change shows up as a diff of docs/openapi.json.
 * Regenerate it with {@code ./mvnw -pl api-service -am verify -Dtest=OpenApiDocumentTest
 * -Dsurefire.failIfNoSpecifiedTests=false -Dopenapi.write=true}.
 */
@ApiIntegrationTest
class OpenApiDocumentTest {

    private static final Path CHECKED_IN = Path.of("..", "docs", "openapi.json");

    private final HttpClient http = HttpClient.newHttpClient();
    private final JsonMapper json =
            JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    @LocalServerPort
    private int port;

    @Test
    void servesAValidOpenApi31DocumentEqualToTheCheckedInOne() throws Exception {
        String served = get("/v3/api-docs").body();
        JsonNode document = json.readTree(served);
        if (Boolean.getBoolean("openapi.write")) {
            Files.writeString(CHECKED_IN, json.writeValueAsString(document) + "\n");
        }

        assertThat(document.path("openapi").asString()).isEqualTo("3.1.0");
        SwaggerParseResult parsed = new OpenAPIV3Parser().readContents(served);
        assertThat(parsed.getMessages()).isEmpty();
        assertThat(parsed.getOpenAPI().getPaths()).containsKey("/monitors").containsKey("/monitors/{id}");
        assertThat(document)
                .as("docs/openapi.json is out of date: regenerate it (see this test's comment) and review the diff")
                .isEqualTo(json.readTree(Files.readString(CHECKED_IN)));
    }

    @Test
    void describesTheApiKeySchemesAndProblemResponses() throws Exception {
        JsonNode document = json.readTree(get("/v3/api-docs").body());

        assertThat(document.at("/components/securitySchemes/apiKey/name").asString())
                .isEqualTo("X-API-Key");
        assertThat(document.at("/components/securitySchemes/bearer/scheme").asString())
                .isEqualTo("bearer");
        assertThat(document.at("/paths/~1monitors/post/responses/400/content").has("application/problem+json"))
                .isTrue();
    }

    @Test
    void describesEachMonitorTypeAsAOneOfDiscriminatedByType() throws Exception {
        JsonNode schemas = json.readTree(get("/v3/api-docs").body()).at("/components/schemas");

        for (String name : List.of("MonitorRequest", "MonitorResponse")) {
            JsonNode union = schemas.path(name);
            assertThat(union.at("/discriminator/propertyName").asString()).isEqualTo("type");
            assertThat(union.path("oneOf").valueStream().map(variant -> variant.path("$ref")
                            .asString()))
                    .containsExactly(Stream.of(MonitorType.values())
                            .map(type -> "#/components/schemas/" + variantName(type, name))
                            .toArray(String[]::new));
            for (MonitorType type : MonitorType.values()) {
                assertThat(union.at("/discriminator/mapping/" + type.id()).asString())
                        .isEqualTo("#/components/schemas/" + variantName(type, name));
                assertThat(schemas.at("/" + variantName(type, name) + "/properties/type/enum/0")
                                .asString())
                        .isEqualTo(type.id());
            }
        }
        JsonNode tcp = schemas.at("/TcpMonitorRequest/properties");
        assertThat(tcp.has("host")).isTrue();
        assertThat(tcp.has("port")).isTrue();
        assertThat(tcp.has("name")).isTrue();
        assertThat(tcp.has("url")).as("an http field is not a tcp monitor's").isFalse();
        assertThat(tcp.has("record_type")).isFalse();
        assertThat(schemas.at("/DnsMonitorResponse/properties").has("expected_values"))
                .isTrue();
        assertThat(schemas.at("/HttpMonitorRequest/required").valueStream().map(JsonNode::asString))
                .as("a request without a type is an http monitor")
                .doesNotContain("type");
        assertThat(schemas.at("/CheckAssertion/discriminator/mapping/json_path").asString())
                .isEqualTo("#/components/schemas/JsonPath");
    }

    @Test
    void describesTheWireNamesAndStatusesTheApiAnswersWith() throws Exception {
        JsonNode document = json.readTree(get("/v3/api-docs").body());

        assertThat(document.at("/components/schemas/HttpMonitorResponse/properties")
                        .has("created_at"))
                .isTrue();
        assertThat(document.at("/components/schemas/HttpMonitorResponse/properties")
                        .has("uptime_24h"))
                .isTrue();
        List<String> camelCase = new ArrayList<>();
        document.at("/components/schemas").properties().forEach(schema -> schema.getValue()
                .path("properties")
                .propertyNames()
                .forEach(property -> {
                    if (!property.equals(property.toLowerCase(Locale.ROOT))) {
                        camelCase.add(schema.getKey() + "." + property);
                    }
                }));
        assertThat(camelCase).isEmpty();
        assertThat(document.at("/paths/~1monitors/post/responses").has("201")).isTrue();
        assertThat(document.at("/paths/~1monitors/post/responses").has("200")).isFalse();
        assertThat(document.at("/paths/~1monitors~1{id}/delete/responses").has("204"))
                .isTrue();
    }

    private static String variantName(MonitorType type, String name) {
        return type.id().substring(0, 1).toUpperCase(Locale.ROOT) + type.id().substring(1) + name;
    }

    @Test
    void servesSwaggerUi() throws Exception {
        HttpResponse<String> page = get("/swagger-ui/index.html");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("swagger-ui");
        assertThat(get("/swagger-ui.html").statusCode()).isIn(200, 302);
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
