package com.healthmonitor.api.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.healthmonitor.api.web.FieldViolation;
import com.healthmonitor.api.web.InvalidRequestException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

class ConfigDocumentsTest {

    private final JsonMapper json = JsonMapper.builder().build();
    private final ConfigDocuments documents = new ConfigDocuments(json);

    @Test
    void yamlReadsOntoTheSameTreeAsJsonWithTimestampsKeptAsStrings() {
        ObjectNode yaml = documents.read(bytes("""
                maintenance_windows:
                  - key: upgrade
                    starts_at: 2030-11-22T01:00:00Z
                    duration_minutes: 60
                    all_monitors: true
                    time: "12:30"
                """), ConfigDocuments.YAML);
        ObjectNode fromJson = documents.read(bytes("""
                {"maintenance_windows": [{"key": "upgrade", "starts_at": "2030-11-22T01:00:00Z",
                 "duration_minutes": 60, "all_monitors": true, "time": "12:30"}]}"""), org.springframework.http.MediaType.APPLICATION_JSON);

        assertThat(yaml).isEqualTo(fromJson);
    }

    @Test
    void whatItWritesAsYamlReadsBackUnchanged() {
        ObjectNode document = documents.read(bytes("""
                {"version": 1, "monitors": [{"key": "a", "name": "12:30", "body": "{}", "tags": ["team:payments"],
                 "starts_at": "2030-11-22T01:00:00Z", "enabled": true, "port": 5432, "resolver": null,
                 "headers": {"Authorization": "****0001"}, "secret": "****", "on": "yes"}]}"""), org.springframework.http.MediaType.APPLICATION_JSON);

        byte[] yaml = documents.write(document, ConfigDocuments.YAML);

        assertThat(documents.read(yaml, ConfigDocuments.YAML)).isEqualTo(document);
    }

    @Test
    void duplicateKeysAndNonMappingsAreRefusedNamingTheBody() {
        assertThatThrownBy(() -> documents.read(bytes("monitors: []\nmonitors: []\n"), ConfigDocuments.YAML))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.violations())
                        .extracting(FieldViolation::field)
                        .containsExactly("body"));
        assertThatThrownBy(() -> documents.read(bytes("- a\n- b\n"), ConfigDocuments.YAML))
                .isInstanceOf(InvalidRequestException.class);
        assertThatThrownBy(() ->
                        documents.read(bytes("{\"monitors\": "), org.springframework.http.MediaType.APPLICATION_JSON))
                .isInstanceOf(InvalidRequestException.class);
    }

    @Test
    void secretReferencesResolveOnlyInSecretFieldsAndOnlyFromPrefixedVariables() {
        SecretReferences secrets = new SecretReferences(
                Map.of("SECRET_SLACK", "https://hooks.slack.com/services/x", "DATABASE_PASSWORD", "hunter2")::get,
                new ConfigProperties("SECRET_"));
        ObjectNode entry = (ObjectNode) json.readTree("""
                {"url": "${env:SECRET_SLACK}", "secret": "${env:DATABASE_PASSWORD}",
                 "name": "${env:SECRET_SLACK}", "headers": {"X-Token": "${env:SECRET_MISSING}"},
                 "webhook_url": "https://x/${env:SECRET_SLACK}"}""");
        List<FieldViolation> violations = new ArrayList<>();

        secrets.resolve(entry, Set.of("url", "secret", "webhook_url", "headers.*"), false, violations);

        assertThat(entry.get("url").asString()).isEqualTo("https://hooks.slack.com/services/x");
        assertThat(violations)
                .extracting(FieldViolation::field)
                .containsExactlyInAnyOrder("secret", "name", "headers.X-Token", "webhook_url");
        assertThat(violations.toString()).doesNotContain("hunter2");
    }

    @Test
    void aMaskedSecretOfANewObjectIsRefused() {
        SecretReferences secrets = new SecretReferences(name -> null, new ConfigProperties(""));
        ObjectNode entry = (ObjectNode) json.readTree("{\"url\": \"https://hooks.slack.com/****WXYZ\"}");
        List<FieldViolation> violations = new ArrayList<>();

        secrets.resolve(entry, Set.of("url"), true, violations);
        assertThat(violations).extracting(FieldViolation::field).containsExactly("url");

        violations.clear();
        secrets.resolve(entry, Set.of("url"), false, violations);
        assertThat(violations).as("kept from the stored object").isEmpty();
    }

    @Test
    void ifMatchTakesQuotedUnquotedWeakListedAndAny() {
        String etag = "\"abc\"";
        assertThat(ConfigService.matches("\"abc\"", etag)).isTrue();
        assertThat(ConfigService.matches("abc", etag)).isTrue();
        assertThat(ConfigService.matches("W/\"abc\"", etag)).isTrue();
        assertThat(ConfigService.matches("\"x\", \"abc\"", etag)).isTrue();
        assertThat(ConfigService.matches("*", etag)).isTrue();
        assertThat(ConfigService.matches("\"abd\"", etag)).isFalse();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
