package com.healthmonitor.scheduler.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class SlotGridTest {

    private static final Instant NOW = Instant.parse("2030-03-01T12:00:00.250Z");

    @Test
    void keepsAMonitorOnItsGridOneIntervalAtATimeWithoutDrift() {
        long id = 42;
        Instant slot = SlotGrid.next(id, 60, NOW.minusSeconds(120), NOW.minusSeconds(60));
        for (int round = 0; round < 1_000; round++) {
            // Sent up to 900 ms late each time: the next slot is still exactly one interval on.
            Instant next = SlotGrid.next(id, 60, slot, slot.plusMillis(round % 10 * 100));
            assertThat(Duration.between(slot, next)).isEqualTo(Duration.ofSeconds(60));
            slot = next;
        }
        assertThat(Math.floorMod(slot.toEpochMilli(), 60_000L)).isEqualTo(SlotGrid.phaseMillis(id, 60));
    }

    @Test
    void givesMonitorsCreatedTogetherDifferentPhasesSpreadOverTheirInterval() {
        // 4,000 consecutive ids at 2 s: 2,000 checks per second wanted, i.e. 200 per 100 ms.
        Map<Long, Integer> per100Millis = new HashMap<>();
        LongStream.rangeClosed(1_001, 5_000)
                .map(id -> SlotGrid.next(id, 2, NOW, NOW).toEpochMilli())
                .forEach(slot -> per100Millis.merge(Math.floorMod(slot, 2_000L) / 100, 1, Integer::sum));

        assertThat(per100Millis).hasSize(20);
        assertThat(per100Millis.values()).allSatisfy(count -> assertThat(count).isBetween(190, 210));
    }

    @Test
    void skipsSlotsMissedDuringAnOutageAndSpreadsTheLateMonitorsInsteadOfAligningThem() {
        Instant lastSlotBeforeOutage = NOW.minus(Duration.ofMinutes(10));
        Map<Long, Integer> perSecondOfTheMinute = new HashMap<>();
        for (long id = 1; id <= 6_000; id++) {
            Instant next = SlotGrid.next(id, 60, lastSlotBeforeOutage, NOW);
            assertThat(next).isAfter(NOW.plusSeconds(30)).isBeforeOrEqualTo(NOW.plusSeconds(90));
            perSecondOfTheMinute.merge(Math.floorMod(next.toEpochMilli(), 60_000L) / 1_000, 1, Integer::sum);
        }

        assertThat(perSecondOfTheMinute).hasSize(60);
        assertThat(perSecondOfTheMinute.values())
                .allSatisfy(count -> assertThat(count).isBetween(90, 110));
    }

    @Test
    void letsAFirstCheckOffTheGridJoinItNoSoonerThanHalfAnIntervalLater() {
        for (long id = 1; id <= 1_000; id++) {
            Instant next = SlotGrid.next(id, 30, NOW, NOW.plusMillis(200));
            assertThat(next).isAfter(NOW.plusSeconds(15)).isBeforeOrEqualTo(NOW.plusSeconds(45));
            assertThat(Math.floorMod(next.toEpochMilli(), 30_000L)).isEqualTo(SlotGrid.phaseMillis(id, 30));
        }
    }

    @Test
    void neverSchedulesTheNextCheckOfALateSlotSoonerThanHalfAnIntervalAfterSendingIt() {
        // Sent 10 min late: whatever the monitor's phase, its next slot does not fall right behind this check.
        for (long id = 1; id <= 1_000; id++) {
            Instant next = SlotGrid.next(id, 60, NOW.minus(Duration.ofMinutes(10)), NOW);
            assertThat(Duration.between(NOW, next)).isGreaterThanOrEqualTo(Duration.ofSeconds(30));
        }
    }

    @Test
    void placesEveryPhaseWithinTheInterval() {
        for (long id = 1; id <= 100_000; id += 7) {
            assertThat(SlotGrid.phaseMillis(id, 10)).isBetween(0L, 9_999L);
        }
        assertThat(SlotGrid.phaseMillis(Long.MAX_VALUE, 86_400)).isBetween(0L, 86_399_999L);
    }
}
