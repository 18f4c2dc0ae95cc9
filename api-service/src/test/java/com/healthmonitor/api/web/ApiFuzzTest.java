package com.healthmonitor.api.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.healthmonitor.api.testing.RawHttp;
import com.healthmonitor.api.testing.RawHttp.Response;
import com.healthmonitor.testing.TestDatabaseInitializer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ContextConfiguration;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Generated requests against the real running API (Tomcat, Spring Security, PostgreSQL): random methods, paths,
 * encodings, query strings, headers and JSON bodies of every type, size and script. Whatever arrives, the answer
 * is never a 5xx and every error is a problem+json document. The seed is fixed so that a failure reproduces;
 * the failing request is in the assertion message.
 */
// Own context, not @ApiIntegrationTest: needs an API key and no limit on failed authentications.
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "health-monitor.api.api-keys=" + ApiFuzzTest.KEY,
            "health-monitor.api.rate-limit.per-minute=0",
            // Wrong keys are part of the fuzzing, not a guessing attack.
            "health-monitor.api.rate-limit.failed-authentications-per-minute=0"
        })
@ContextConfiguration(initializers = TestDatabaseInitializer.class)
@ExtendWith(OutputCaptureExtension.class)
class ApiFuzzTest {

    /** At least 32 characters, as every API key must be. */
    static final String KEY = "fuzz-key-0123456789abcdef0123456789abcdef";

    private static final Logger log = LoggerFactory.getLogger(ApiFuzzTest.class);
    private static final long SEED = 20_261_121L;
    private static final int REQUESTS = 3_000;

    private static final String[] METHODS = {
        "GET",
        "GET",
        "GET",
        "POST",
        "POST",
        "POST",
        "PUT",
        "PUT",
        "DELETE",
        "PATCH",
        "HEAD",
        "OPTIONS",
        "TRACE",
        "CONNECT",
        "get",
        "FOO",
        "M-SEARCH"
    };
    private static final String[] BASES = {
        "/monitors",
        "/monitors/",
        "/monitors/1",
        "/monitors/2",
        "/monitors/-1",
        "/monitors/0",
        "/health",
        "/actuator",
        "/actuator/health",
        "/actuator/health/readiness",
        "/actuator/prometheus",
        "/actuator/env",
        "/error",
        "/",
        "/v3/api-docs",
        "/status",
        "/assets/app.js",
        "/monitors/1/history"
    };
    private static final String[] FIELDS = {
        "name",
        "url",
        "check_interval",
        "timeout",
        "expected_status_code",
        "webhook_url",
        "enabled",
        "id",
        "status",
        "",
        "NAME",
        "url\u0000",
        "\u00e9"
    };
    private static final String[] TEXT = {
        "", " ", "x", "Google", "https://example.com/", "http://127.0.0.1/", "https://[::1]/", "ftp://x",
        "https://hooks.slack.com/services/T/B/X", "\u0000", "\u202e", "\ud83d\ude00", "日本語", "\\", "\"", "null",
        "javascript:alert(1)", "https://example.com/%00", "https://example.com:99999/", "https://"
    };
    private static final String[] CONTENT_TYPES = {
        "application/json",
        "application/json",
        "application/json; charset=UTF-8",
        "application/json; charset=x",
        "text/plain",
        "application/xml",
        "application/x-www-form-urlencoded",
        "multipart/form-data",
        "*/*",
        "json",
        "application/problem+json",
        ""
    };
    private static final String[] ACCEPTS = {
        "*/*", "application/json", "text/html", "application/xml", "application/problem+json", "image/png", "x", ""
    };

    private final JsonMapper json = JsonMapper.builder().build();

    @LocalServerPort
    private int port;

    @Test
    void thousandsOfGeneratedRequestsGetNo5xxAndOnlyProblemErrors(CapturedOutput output) {
        Random random = new Random(SEED);
        RawHttp http = new RawHttp(port);
        Map<Integer, Integer> statuses = new TreeMap<>();

        for (int i = 0; i < REQUESTS; i++) {
            String method = pick(random, METHODS);
            String target = target(random);
            String body = random.nextInt(4) == 0 ? null : body(random);
            List<String> headers = headers(random);
            String request = "#" + i + " " + method + " " + target + " " + headers + " " + body;

            Response response = http.send(method, target, body, headers.toArray(String[]::new));

            statuses.merge(response.status(), 1, Integer::sum);
            assertThat(response.status()).as(request + " → " + response).isBetween(100, 499);
            if (response.status() >= 400 && !method.equals("HEAD")) {
                assertThat(response.isProblem()).as(request + " → " + response).isTrue();
                JsonNode problem = json.readTree(response.body());
                assertThat(problem.get("status").asInt()).as(request).isEqualTo(response.status());
            }
        }

        log.info("fuzzed {} requests (seed {}): statuses {}", REQUESTS, SEED, statuses);
        assertThat(new RawHttp(port).get("/health").status()).isEqualTo(200);
        assertThat(output.getOut() + output.getErr()).doesNotContain("\tat ").doesNotContain(" ERROR ");
    }

    private static String target(Random random) {
        StringBuilder path = new StringBuilder(mutate(random, pick(random, BASES)));
        if (random.nextInt(3) == 0) {
            path.append('?').append(query(random));
        }
        return path.toString();
    }

    /** Rewrites a path the ways clients and attackers do: encodings, case, dots, parameters, junk. */
    private static String mutate(Random random, String path) {
        StringBuilder out = new StringBuilder();
        for (char c : path.toCharArray()) {
            int roll = random.nextInt(40);
            if (roll == 0 && c != '/') {
                out.append(String.format("%%%02X", (int) c));
            } else if (roll == 1) {
                out.append(Character.toUpperCase(c));
            } else {
                out.append(c);
            }
        }
        // Two paths in three keep their tail, so that requests reach the controllers too.
        switch (random.nextInt(57)) {
            case 0 -> out.append('/');
            case 1 -> out.insert(0, '/');
            case 2 -> out.append(";jsessionid=ABC");
            case 3 -> out.append("/..");
            case 4 -> out.append("/%2e%2e/monitors");
            case 5 -> out.append("%2f");
            case 6 -> out.append("%00");
            case 7 -> out.append('%');
            case 8 -> out.append("%zz");
            case 9 -> out.append("/%C0%AE%C0%AE/");
            case 10 -> out.append("/").append("a".repeat(random.nextInt(3000)));
            case 11 -> out.append("/%E2%80%AE%F0%9F%98%80");
            case 12 -> out.append("/" + random.nextLong());
            case 13 -> out.append("/99999999999999999999999");
            case 14 -> out.append("/\\");
            case 15 -> out.append("/%5C..%5C");
            case 16 -> out.append(";a=b/1");
            case 17 -> out.append("/\"<x>|{}");
            case 18 -> out.append("/\u00e9");
            default -> {}
        }
        return out.toString();
    }

    private static String query(Random random) {
        List<String> parts = new ArrayList<>();
        int n = random.nextInt(4);
        for (int i = 0; i < n; i++) {
            String key = pick(random, new String[] {"limit", "after_id", "status", "", "x", "limit", "%", "a%2"});
            String value = pick(random, new String[] {
                "1",
                "0",
                "-1",
                "1000",
                "1001",
                "99999999999999999999",
                "UP",
                "down",
                "",
                "%",
                "%zz",
                "0x10",
                "1e3",
                "%00",
                "a b",
                "null",
                "[]"
            });
            parts.add(random.nextInt(6) == 0 ? "=" + value : key + "=" + value);
        }
        if (random.nextInt(8) == 0) {
            parts.add("&&=");
        }
        return String.join("&", parts);
    }

    private static List<String> headers(Random random) {
        List<String> headers = new ArrayList<>();
        switch (random.nextInt(5)) {
            case 0, 1 -> headers.add("X-API-Key: " + KEY);
            case 2 -> headers.add("Authorization: Bearer " + pick(random, new String[] {KEY, "x", "", KEY + " "}));
            case 3 ->
                headers.add("Authorization: "
                        + pick(random, new String[] {"Basic eDp5", "Bearer", "bearer " + KEY, "Digest x"}));
            default -> {}
        }
        if (random.nextInt(4) != 0) {
            headers.add("Content-Type: " + pick(random, CONTENT_TYPES));
        }
        if (random.nextInt(3) == 0) {
            headers.add("Accept: " + pick(random, ACCEPTS));
        }
        if (random.nextInt(10) == 0) {
            headers.add(pick(random, new String[] {
                "X-Forwarded-For: 10.0.0.1, 203.0.113.9",
                "X-Forwarded-Host: evil.example",
                "Origin: https://evil.example",
                "X-HTTP-Method-Override: DELETE",
                "Range: bytes=0-1",
                "If-None-Match: *",
                "Expect: 100-continue",
                "Accept-Charset: utf-7",
                "Accept-Language: \u00e9",
                "X-Long: " + "x".repeat(random.nextInt(12_000))
            }));
        }
        return headers;
    }

    private String body(Random random) {
        return switch (random.nextInt(10)) {
            case 0 -> "";
            case 1 ->
                pick(random, new String[] {"null", "[]", "{}", "1", "\"x\"", "true", "{\"name\":", "{}{}", "[{}]"});
            case 2 -> randomText(random, random.nextInt(200));
            case 3 -> "{\"name\":\"n".repeat(random.nextInt(100_000)) + "\",\"url\":\"https://example.com/\"}";
            case 4, 5, 6 -> json.writeValueAsString(nearlyValid(random));
            default -> json.writeValueAsString(monitor(random));
        };
    }

    /** A valid monitor with at most one field changed, so that requests reach the service and the database. */
    private static Map<String, Object> nearlyValid(Random random) {
        Map<String, Object> monitor = new TreeMap<>(Map.of(
                "name",
                "fuzzed",
                "url",
                "https://example.com/",
                "check_interval",
                30,
                "timeout",
                5,
                "expected_status_code",
                200,
                "enabled",
                true));
        if (random.nextBoolean()) {
            monitor.put(pick(random, FIELDS), value(random, 0));
        }
        return monitor;
    }

    private static Map<String, Object> monitor(Random random) {
        Map<String, Object> monitor = new TreeMap<>();
        monitor.put("name", value(random, 0));
        monitor.put("url", value(random, 0));
        int extra = random.nextInt(6);
        for (int i = 0; i < extra; i++) {
            monitor.put(pick(random, FIELDS), value(random, 0));
        }
        return monitor;
    }

    private static Object value(Random random, int depth) {
        return switch (random.nextInt(depth > 2 ? 7 : 9)) {
            case 0 -> pick(random, TEXT);
            case 1 -> random.nextInt(3) == 0 ? randomText(random, random.nextInt(5000)) : randomText(random, 10);
            case 2 -> random.nextInt();
            case 3 -> random.nextLong();
            case 4 -> random.nextDouble() * Math.pow(10, random.nextInt(40) - 20);
            case 5 -> random.nextBoolean();
            case 6 -> pick(random, new Object[] {30, 5, 200, 3600, 2, 1, 0, -1, 599, 600, "30"});
            case 7 -> List.of(value(random, depth + 1), value(random, depth + 1));
            default -> Map.of("k", value(random, depth + 1));
        };
    }

    /** Any code points: controls, surrogate pairs, right-to-left marks, CJK. */
    private static String randomText(Random random, int length) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < length; i++) {
            int codePoint =
                    switch (random.nextInt(5)) {
                        case 0 -> random.nextInt(0x20);
                        case 1 -> 0x20 + random.nextInt(0x5f);
                        case 2 -> 0x80 + random.nextInt(0x780);
                        case 3 -> 0x4e00 + random.nextInt(0x5000);
                        default -> 0x1f600 + random.nextInt(0x50);
                    };
            text.appendCodePoint(codePoint);
        }
        return text.toString();
    }

    private static <T> T pick(Random random, T[] values) {
        return values[random.nextInt(values.length)];
    }
}
