package com.healthmonitor.worker.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.healthmonitor.common.check.CheckAssertion;
import com.healthmonitor.common.check.CheckSpec;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The bounds on what a body the target controls may cost: each case runs for seconds without them. */
class AssertionBudgetTest {

    private static ResponseAssertions expecting(CheckAssertion... assertions) {
        return new ResponseAssertions(
                new CheckSpec("GET", Map.of(), null, null, List.of("200"), List.of(assertions), true, 14));
    }

    private static long in(Duration duration) {
        return System.nanoTime() + duration.toNanos();
    }

    private static long millisSince(long start) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    }

    @Test
    void aJsonPathThatRunsForSecondsStopsAtTheDeadline() {
        String body = HostileBodies.deepChainWithWideEnd();
        ResponseAssertions nested = expecting(HostileBodies.nestedFilters());

        long start = System.nanoTime();
        assertThatThrownBy(() -> nested.failure(200, body, 1, in(Duration.ofMillis(500))))
                .isInstanceOf(AssertionBudget.OutOfTime.class);

        assertThat(millisSince(start)).isBetween(450L, 1_500L);
    }

    @Test
    void aBodySearchThatRunsForSecondsStopsAtTheDeadline() {
        String body = HostileBodies.letters();
        CheckAssertion[] searches =
                Collections.nCopies(5, HostileBodies.almostThere()).toArray(CheckAssertion[]::new);

        long start = System.nanoTime();
        assertThatThrownBy(() -> expecting(searches).failure(200, body, 1, in(Duration.ofMillis(500))))
                .isInstanceOf(AssertionBudget.OutOfTime.class);

        assertThat(millisSince(start)).isBetween(450L, 1_500L);
    }

    @Test
    void aSearchSpanningTwoSlicesIsStillFound() {
        String body = "x".repeat(4095) + "needle" + "x".repeat(10_000);

        assertThat(new AssertionBudget(in(Duration.ofSeconds(5))).contains(body, "needle"))
                .isTrue();
        assertThat(new AssertionBudget(in(Duration.ofSeconds(5))).contains(body, "needles"))
                .isFalse();
    }

    @Test
    void aScanMatchingTooMuchFailsInsteadOfFillingTheHeap() {
        var everything = new CheckAssertion.JsonPath("$..*..*", null, true, null, null);

        assertThat(expecting(everything)
                        .failure(200, HostileBodies.deepChainWithWideEnd(), 1, in(Duration.ofSeconds(5))))
                .contains("$..*..* matches more than 10000 values, too many to evaluate");
    }

    @Test
    void aDeeplyNestedBodyIsRefusedBeforeAnyEvaluation() {
        var anything = new CheckAssertion.JsonPath("$..x", null, true, null, null);

        assertThat(expecting(anything).failure(200, HostileBodies.deeplyNested(), 1, in(Duration.ofSeconds(5))))
                .hasValueSatisfying(reason -> assertThat(reason)
                        .startsWith("body is not JSON we evaluate (Document nesting depth (101) exceeds the maximum"
                                + " allowed (100))"));
    }

    @Test
    void aStoredRegexFilterIsNeverRun() {
        // (.*a){20}b runs for minutes on this string: the answer comes at once.
        String body = "{\"a\":\"" + "a".repeat(30) + "\"}";

        long start = System.nanoTime();
        var reason =
                expecting(HostileBodies.regexFilter("(.*a){20}b")).failure(200, body, 1, in(Duration.ofSeconds(5)));

        assertThat(reason)
                .contains("$[?(@.a =~ /(.*a){20}b/)] uses a regular-expression filter (=~), which is not evaluated:"
                        + " change the assertion");
        assertThat(millisSince(start)).isLessThan(1_000L);
    }

    @Test
    void anInterruptedCheckStopsItsAssertions() {
        Thread.currentThread().interrupt();
        try {
            assertThatThrownBy(() -> expecting(HostileBodies.almostThere())
                            .failure(200, HostileBodies.letters(), 1, in(Duration.ofSeconds(30))))
                    .isInstanceOf(AssertionBudget.OutOfTime.class);
        } finally {
            Thread.interrupted();
        }
    }
}
