package com.healthmonitor.worker.state;

import static com.healthmonitor.common.monitor.MonitorStatus.DOWN;
import static com.healthmonitor.common.monitor.MonitorStatus.UNKNOWN;
import static com.healthmonitor.common.monitor.MonitorStatus.UP;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.healthmonitor.common.monitor.MonitorStatus;
import com.healthmonitor.worker.state.ThresholdStateMachine.Outcome;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ThresholdStateMachineTest {

    private static final boolean SUCCESS = true;
    private static final boolean FAILURE = false;

    private final ThresholdStateMachine defaults = new ThresholdStateMachine(new Thresholds(2, 2));

    @Nested
    class WithDefaultThresholds {

        @Test
        void marksMonitorDownAfterTwoFailures() {
            Outcome first = defaults.apply(state(UP, 0, 5), FAILURE);
            Outcome second = defaults.apply(first.state(), FAILURE);

            assertThat(first.transition()).isEmpty();
            assertThat(first.state()).isEqualTo(state(UP, 1, 0));
            assertThat(second.transition()).contains(new Transition(UP, DOWN));
            assertThat(second.state()).isEqualTo(state(DOWN, 2, 0));
        }

        @Test
        void marksMonitorUpAfterTwoSuccesses() {
            Outcome first = defaults.apply(state(DOWN, 7, 0), SUCCESS);
            Outcome second = defaults.apply(first.state(), SUCCESS);

            assertThat(first.transition()).isEmpty();
            assertThat(first.state()).isEqualTo(state(DOWN, 0, 1));
            assertThat(second.transition()).contains(new Transition(DOWN, UP));
            assertThat(second.state()).isEqualTo(state(UP, 0, 2));
        }

        @Test
        void leavesUnknownForUpAfterTwoSuccessesAndReportsIt() {
            Outcome outcome = run(defaults, MonitorState.INITIAL, SUCCESS, SUCCESS);

            assertThat(outcome.state()).isEqualTo(state(UP, 0, 2));
            assertThat(outcome.transition()).contains(new Transition(UNKNOWN, UP));
        }

        @Test
        void leavesUnknownForDownAfterTwoFailuresAndReportsIt() {
            Outcome outcome = run(defaults, MonitorState.INITIAL, FAILURE, FAILURE);

            assertThat(outcome.state()).isEqualTo(state(DOWN, 2, 0));
            assertThat(outcome.transition()).contains(new Transition(UNKNOWN, DOWN));
        }

        @Test
        void staysUnknownAfterASingleResult() {
            assertThat(defaults.apply(MonitorState.INITIAL, SUCCESS))
                    .isEqualTo(new Outcome(state(UNKNOWN, 0, 1), Optional.empty()));
            assertThat(defaults.apply(MonitorState.INITIAL, FAILURE))
                    .isEqualTo(new Outcome(state(UNKNOWN, 1, 0), Optional.empty()));
        }

        @Test
        void aSuccessResetsTheFailureCount() {
            Outcome outcome = run(defaults, state(UP, 0, 3), FAILURE, SUCCESS, FAILURE);

            assertThat(outcome.state()).isEqualTo(state(UP, 1, 0));
            assertThat(outcome.transition()).isEmpty();
        }

        @Test
        void aFailureResetsTheSuccessCount() {
            Outcome outcome = run(defaults, state(DOWN, 3, 0), SUCCESS, FAILURE, SUCCESS);

            assertThat(outcome.state()).isEqualTo(state(DOWN, 0, 1));
            assertThat(outcome.transition()).isEmpty();
        }

        @Test
        void furtherFailuresWhileDownAreNotTransitions() {
            List<Outcome> outcomes = runAll(defaults, state(DOWN, 2, 0), FAILURE, FAILURE, FAILURE);

            assertThat(outcomes).allSatisfy(o -> assertThat(o.transition()).isEmpty());
            assertThat(outcomes.getLast().state()).isEqualTo(state(DOWN, 5, 0));
        }

        @Test
        void furtherSuccessesWhileUpAreNotTransitions() {
            List<Outcome> outcomes = runAll(defaults, state(UP, 0, 2), SUCCESS, SUCCESS, SUCCESS);

            assertThat(outcomes).allSatisfy(o -> assertThat(o.transition()).isEmpty());
            assertThat(outcomes.getLast().state()).isEqualTo(state(UP, 0, 5));
        }

        @Test
        void neverTransitionsOnStrictlyAlternatingResults() {
            for (MonitorStatus start : MonitorStatus.values()) {
                for (boolean first : new boolean[] {SUCCESS, FAILURE}) {
                    MonitorState state = state(start, 0, 0);
                    boolean next = first;
                    for (int i = 0; i < 100; i++) {
                        Outcome outcome = defaults.apply(state, next);
                        assertThat(outcome.transition())
                                .as("%s starting with %s", start, first)
                                .isEmpty();
                        assertThat(outcome.state().status()).isEqualTo(start);
                        state = outcome.state();
                        next = !next;
                    }
                }
            }
        }

        @Test
        void flapsOnlyOncePerThresholdCrossing() {
            List<Outcome> outcomes = runAll(
                    defaults, MonitorState.INITIAL, SUCCESS, SUCCESS, FAILURE, FAILURE, FAILURE, SUCCESS, SUCCESS);

            assertThat(outcomes.stream().flatMap(o -> o.transition().stream()))
                    .containsExactly(new Transition(UNKNOWN, UP), new Transition(UP, DOWN), new Transition(DOWN, UP));
        }
    }

    @Nested
    class WithThresholdOne {

        private final ThresholdStateMachine machine = new ThresholdStateMachine(new Thresholds(1, 1));

        @Test
        void marksMonitorDownOnTheFirstFailure() {
            assertThat(machine.apply(state(UP, 0, 9), FAILURE))
                    .isEqualTo(new Outcome(state(DOWN, 1, 0), Optional.of(new Transition(UP, DOWN))));
        }

        @Test
        void marksMonitorUpOnTheFirstSuccess() {
            assertThat(machine.apply(state(DOWN, 9, 0), SUCCESS))
                    .isEqualTo(new Outcome(state(UP, 0, 1), Optional.of(new Transition(DOWN, UP))));
        }

        @Test
        void leavesUnknownOnTheFirstResult() {
            assertThat(machine.apply(MonitorState.INITIAL, SUCCESS).transition())
                    .contains(new Transition(UNKNOWN, UP));
            assertThat(machine.apply(MonitorState.INITIAL, FAILURE).transition())
                    .contains(new Transition(UNKNOWN, DOWN));
        }

        @Test
        void transitionsOnEveryChangeOfResult() {
            List<Outcome> outcomes = runAll(machine, state(UP, 0, 1), FAILURE, SUCCESS, FAILURE);

            assertThat(outcomes.stream().flatMap(o -> o.transition().stream()))
                    .containsExactly(new Transition(UP, DOWN), new Transition(DOWN, UP), new Transition(UP, DOWN));
        }
    }

    @Nested
    class WithThresholdThree {

        private final ThresholdStateMachine machine = new ThresholdStateMachine(new Thresholds(3, 3));

        @Test
        void staysUpAfterTwoFailures() {
            Outcome outcome = run(machine, state(UP, 0, 3), FAILURE, FAILURE);

            assertThat(outcome).isEqualTo(new Outcome(state(UP, 2, 0), Optional.empty()));
        }

        @Test
        void marksMonitorDownAfterThreeFailures() {
            Outcome outcome = run(machine, state(UP, 0, 3), FAILURE, FAILURE, FAILURE);

            assertThat(outcome).isEqualTo(new Outcome(state(DOWN, 3, 0), Optional.of(new Transition(UP, DOWN))));
        }

        @Test
        void marksMonitorUpAfterThreeSuccesses() {
            Outcome outcome = run(machine, state(DOWN, 3, 0), SUCCESS, SUCCESS, SUCCESS);

            assertThat(outcome).isEqualTo(new Outcome(state(UP, 0, 3), Optional.of(new Transition(DOWN, UP))));
        }

        @Test
        void aSuccessBetweenFailuresStartsTheCountAgain() {
            Outcome outcome = run(machine, state(UP, 0, 3), FAILURE, FAILURE, SUCCESS, FAILURE, FAILURE);

            assertThat(outcome).isEqualTo(new Outcome(state(UP, 2, 0), Optional.empty()));
        }

        @Test
        void usesDifferentThresholdsForFailuresAndSuccesses() {
            ThresholdStateMachine asymmetric = new ThresholdStateMachine(new Thresholds(1, 3));

            assertThat(asymmetric.apply(state(UP, 0, 3), FAILURE).transition()).contains(new Transition(UP, DOWN));
            assertThat(run(asymmetric, state(DOWN, 1, 0), SUCCESS, SUCCESS).transition())
                    .isEmpty();
            assertThat(run(asymmetric, state(DOWN, 1, 0), SUCCESS, SUCCESS, SUCCESS)
                            .transition())
                    .contains(new Transition(DOWN, UP));
        }
    }

    /**
     * Every status x outcome x counter value around each threshold, for thresholds 1 to 3, against the rule written
     * out independently.
     */
    @ParameterizedTest(name = "{0} f={1} s={2} success={3} thresholds={4}")
    @MethodSource("everyStateOutcomeAndThresholdEdge")
    void followsTheRuleForEveryStateOutcomeAndThresholdEdge(
            MonitorStatus status, int failures, int successes, boolean success, Thresholds thresholds) {
        Outcome outcome = new ThresholdStateMachine(thresholds).apply(state(status, failures, successes), success);

        int expectedFailures = success ? 0 : failures + 1;
        int expectedSuccesses = success ? successes + 1 : 0;
        MonitorStatus expectedStatus = status;
        if (success && expectedSuccesses >= thresholds.successes()) {
            expectedStatus = UP;
        } else if (!success && expectedFailures >= thresholds.failures()) {
            expectedStatus = DOWN;
        }
        assertThat(outcome.state()).isEqualTo(state(expectedStatus, expectedFailures, expectedSuccesses));
        assertThat(outcome.transition())
                .isEqualTo(
                        expectedStatus == status
                                ? Optional.empty()
                                : Optional.of(new Transition(status, expectedStatus)));
    }

    static Stream<Arguments> everyStateOutcomeAndThresholdEdge() {
        List<Arguments> cases = new ArrayList<>();
        for (int failThreshold = 1; failThreshold <= 3; failThreshold++) {
            for (int successThreshold = 1; successThreshold <= 3; successThreshold++) {
                Thresholds thresholds = new Thresholds(failThreshold, successThreshold);
                for (MonitorStatus status : MonitorStatus.values()) {
                    for (int count = 0; count <= 4; count++) {
                        cases.add(Arguments.of(status, count, 0, SUCCESS, thresholds));
                        cases.add(Arguments.of(status, count, 0, FAILURE, thresholds));
                        cases.add(Arguments.of(status, 0, count, SUCCESS, thresholds));
                        cases.add(Arguments.of(status, 0, count, FAILURE, thresholds));
                    }
                }
            }
        }
        return cases.stream();
    }

    @Test
    void saturatesCountersInsteadOfOverflowing() {
        Outcome failures = defaults.apply(state(DOWN, Integer.MAX_VALUE, 0), FAILURE);
        Outcome successes = defaults.apply(state(UP, 0, Integer.MAX_VALUE), SUCCESS);

        assertThat(failures).isEqualTo(new Outcome(state(DOWN, Integer.MAX_VALUE, 0), Optional.empty()));
        assertThat(successes).isEqualTo(new Outcome(state(UP, 0, Integer.MAX_VALUE), Optional.empty()));
    }

    @Test
    void resetsASaturatedCounterOnTheOppositeResult() {
        assertThat(defaults.apply(state(DOWN, Integer.MAX_VALUE, 0), SUCCESS).state())
                .isEqualTo(state(DOWN, 0, 1));
        assertThat(defaults.apply(state(UP, 0, Integer.MAX_VALUE), FAILURE).state())
                .isEqualTo(state(UP, 1, 0));
    }

    @Test
    void rejectsThresholdsBelowOne() {
        assertThatThrownBy(() -> new Thresholds(0, 2))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("fail threshold");
        assertThatThrownBy(() -> new Thresholds(2, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("success threshold");
    }

    @Test
    void rejectsNegativeCounters() {
        assertThatThrownBy(() -> state(UP, -1, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rendersTransitionsAsTheLogShowsThem() {
        assertThat(new Transition(UNKNOWN, UP)).hasToString("UNKNOWN -> UP");
    }

    private static MonitorState state(MonitorStatus status, int failures, int successes) {
        return new MonitorState(status, failures, successes);
    }

    private static Outcome run(ThresholdStateMachine machine, MonitorState start, boolean... results) {
        return runAll(machine, start, results).getLast();
    }

    private static List<Outcome> runAll(ThresholdStateMachine machine, MonitorState start, boolean... results) {
        List<Outcome> outcomes = new ArrayList<>();
        MonitorState state = start;
        for (boolean result : results) {
            Outcome outcome = machine.apply(state, result);
            outcomes.add(outcome);
            state = outcome.state();
        }
        return outcomes;
    }

    @Nested
    class WithPerMonitorThresholds {

        @Test
        void usesTheMonitorsThresholdsAndFallsBackToTheDefaultsForMissingOnes() {
            assertThat(defaults.thresholds(3, null)).isEqualTo(new Thresholds(3, 2));
            assertThat(defaults.thresholds(null, 1)).isEqualTo(new Thresholds(2, 1));
            assertThat(defaults.thresholds(null, null)).isEqualTo(new Thresholds(2, 2));
        }

        @Test
        void aCriticalMonitorGoesDownOnTheFirstFailure() {
            Outcome outcome = defaults.apply(state(UP, 0, 9), FAILURE, defaults.thresholds(1, null));

            assertThat(outcome.transition()).contains(new Transition(UP, DOWN));
        }

        @Test
        void aThresholdChangedMidWayCountsTheFailuresSoFarWithoutATransitionOfItsOwn() {
            Outcome first = defaults.apply(state(UP, 0, 9), FAILURE, new Thresholds(5, 2));
            Outcome second = defaults.apply(first.state(), FAILURE, new Thresholds(5, 2));
            // Lowered to 3 now: the next failure is the third.
            Outcome third = defaults.apply(second.state(), FAILURE, new Thresholds(3, 2));

            assertThat(first.transition()).isEmpty();
            assertThat(second.transition()).isEmpty();
            assertThat(third.transition()).contains(new Transition(UP, DOWN));
            // Raised above the count while DOWN: staying DOWN is not a transition.
            assertThat(defaults.apply(third.state(), FAILURE, new Thresholds(10, 2))
                            .transition())
                    .isEmpty();
        }
    }
}
