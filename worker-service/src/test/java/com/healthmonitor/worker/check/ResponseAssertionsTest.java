package com.healthmonitor.worker.check;

import static org.assertj.core.api.Assertions.assertThat;

import com.healthmonitor.common.check.CheckAssertion;
import com.healthmonitor.common.check.CheckSpec;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.BooleanNode;
import tools.jackson.databind.node.IntNode;
import tools.jackson.databind.node.StringNode;

class ResponseAssertionsTest {

    private static final String HEALTH = """
            {"status":"UP","components":{"db":{"status":"DOWN"},"queue":{"depth":120}},"ok":true,"version":3}""";

    /** A deadline no test reaches. */
    private static final long SOON = System.nanoTime() + java.util.concurrent.TimeUnit.MINUTES.toNanos(10);

    private static ResponseAssertions expecting(List<String> codes, CheckAssertion... assertions) {
        return new ResponseAssertions(new CheckSpec("GET", Map.of(), null, null, codes, List.of(assertions), true, 14));
    }

    private static CheckAssertion.JsonPath path(String path, Object equals) {
        var node =
                switch (equals) {
                    case String text -> StringNode.valueOf(text);
                    case Integer number -> IntNode.valueOf(number);
                    case Boolean flag -> BooleanNode.valueOf(flag);
                    default -> throw new IllegalArgumentException();
                };
        return new CheckAssertion.JsonPath(path, node, null, null, null);
    }

    @Test
    void namesTheExpectedSetWhenTheStatusIsOutsideIt() {
        assertThat(expecting(List.of("200-299")).failure(503, "", 10, SOON))
                .contains("expected status 200-299, got 503");
        assertThat(expecting(List.of("200")).failure(200, "", 10, SOON)).isEmpty();
    }

    @Test
    void bodyAssertionsAreCaseSensitive() {
        assertThat(expecting(List.of("200"), new CheckAssertion.BodyContains("ok"))
                        .failure(200, "OK", 1, SOON))
                .contains("body does not contain \"ok\"");
        assertThat(expecting(List.of("200"), new CheckAssertion.BodyNotContains("Error"))
                        .failure(200, "error", 1, SOON))
                .isEmpty();
    }

    @Test
    void comparesJsonValuesByTypeAndNamesTheActualValue() {
        assertThat(expecting(List.of("200"), path("$.components.db.status", "UP"))
                        .failure(200, HEALTH, 1, SOON))
                .contains("$.components.db.status is \"DOWN\", expected \"UP\"");
        assertThat(expecting(List.of("200"), path("$.version", 3)).failure(200, HEALTH, 1, SOON))
                .isEmpty();
        assertThat(expecting(List.of("200"), path("$.version", "3")).failure(200, HEALTH, 1, SOON))
                .contains("$.version is 3, expected \"3\"");
        assertThat(expecting(List.of("200"), path("$.ok", true)).failure(200, HEALTH, 1, SOON))
                .isEmpty();
    }

    @Test
    void checksExistenceAndNumericBounds() {
        var exists = new CheckAssertion.JsonPath("$.components.cache", null, true, null, null);
        var absent = new CheckAssertion.JsonPath("$.components.db", null, false, null, null);
        var depth = new CheckAssertion.JsonPath("$.components.queue.depth", null, null, new BigDecimal("100"), null);
        var band = new CheckAssertion.JsonPath("$.version", null, null, BigDecimal.TEN, BigDecimal.ONE);
        var notNumber = new CheckAssertion.JsonPath("$.status", null, null, BigDecimal.TEN, null);

        assertThat(expecting(List.of("200"), exists).failure(200, HEALTH, 1, SOON))
                .contains("$.components.cache is missing");
        assertThat(expecting(List.of("200"), absent).failure(200, HEALTH, 1, SOON))
                .contains("$.components.db is {\"status\":\"DOWN\"}, expected it to be absent");
        assertThat(expecting(List.of("200"), depth).failure(200, HEALTH, 1, SOON))
                .contains("$.components.queue.depth is 120, expected a number less than 100");
        assertThat(expecting(List.of("200"), band).failure(200, HEALTH, 1, SOON))
                .isEmpty();
        assertThat(expecting(List.of("200"), notNumber).failure(200, HEALTH, 1, SOON))
                .contains("$.status is \"UP\", expected a number less than 10");
    }

    @Test
    void reportsABodyThatIsNotJson() {
        assertThat(expecting(List.of("200"), path("$.status", "UP")).failure(200, "<html>", 1, SOON))
                .contains("body is not JSON, cannot evaluate $.status");
    }

    @Test
    void failsASlowResponseAndListsEveryUnmetAssertion() {
        ResponseAssertions all =
                expecting(List.of("200"), new CheckAssertion.BodyContains("ok"), new CheckAssertion.MaxLatency(1500));

        assertThat(all.failure(200, "fine", 1834, SOON))
                .contains("body does not contain \"ok\"; slow: 1834 ms > 1500 ms");
        assertThat(all.failure(200, "ok", 1500, SOON)).isEmpty();
        assertThat(all.needsBody()).isTrue();
        assertThat(expecting(List.of("200"), new CheckAssertion.MaxLatency(1)).needsBody())
                .isFalse();
    }
}
