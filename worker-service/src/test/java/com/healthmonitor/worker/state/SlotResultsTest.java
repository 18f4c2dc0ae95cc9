package com.healthmonitor.worker.state;

import static org.assertj.core.api.Assertions.assertThat;

import com.healthmonitor.worker.result.CheckResult;
import com.healthmonitor.worker.state.SlotResults.LocationResult;
import com.healthmonitor.worker.state.SlotResults.Verdict;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class SlotResultsTest {

    private static final Instant SLOT = Instant.parse("2026-12-04T10:00:00Z");

    @Test
    void aSlotFailsOnceEnoughLocationsFailedIt() {
        SlotResults oneOfTwo = slot(failed("eu-west-1", "timeout after 5s"));

        assertThat(oneOfTwo.decided(2, 1)).isEqualTo(Verdict.FAILED);
        assertThat(oneOfTwo.decided(2, 2)).isNull();
        assertThat(slot(failed("eu-west-1", "x"), failed("us-east-1", "y")).decided(2, 2))
                .isEqualTo(Verdict.FAILED);
    }

    @Test
    void aSlotSucceedsAsSoonAsTooFewLocationsAreLeftToFailIt() {
        assertThat(slot(passed("us-east-1")).decided(2, 2)).isEqualTo(Verdict.SUCCEEDED);
        assertThat(slot(passed("us-east-1")).decided(2, 1)).isNull();
        assertThat(slot(passed("us-east-1"), failed("eu-west-1", "x")).decided(3, 2))
                .isNull();
        assertThat(slot(passed("us-east-1"), passed("eu-west-1")).decided(3, 2)).isEqualTo(Verdict.SUCCEEDED);
    }

    @Test
    void missingResultsCountAsUnknownNeverAsFailures() {
        assertThat(slot(failed("eu-west-1", "x")).resolved(2, 2)).isEqualTo(Verdict.UNKNOWN);
        assertThat(slot(passed("eu-west-1")).resolved(2, 1)).isEqualTo(Verdict.SUCCEEDED);
        assertThat(slot(passed("us-east-1"), failed("eu-west-1", "x")).resolved(3, 2))
                .isEqualTo(Verdict.SUCCEEDED);
    }

    @Test
    void aFailedSlotsResultNamesEveryFailingLocationAndWhy() {
        SlotResults slot = slot(
                failed("us-east-1", "connection refused"),
                passed("ap-south-1"),
                failed("eu-west-1", "timeout after 5s"));

        CheckResult result = slot.representative(Verdict.FAILED);

        assertThat(result.success()).isFalse();
        assertThat(result.error())
                .isEqualTo("Failed from: eu-west-1 (timeout after 5s), us-east-1 (connection refused)");
    }

    private static SlotResults slot(LocationResult... results) {
        return new SlotResults(SLOT, List.of(results));
    }

    private static LocationResult passed(String location) {
        return new LocationResult(location, new CheckResult(SLOT, true, 200, 40, null), false);
    }

    private static LocationResult failed(String location, String error) {
        return new LocationResult(location, new CheckResult(SLOT, false, null, 5000, error), false);
    }
}
