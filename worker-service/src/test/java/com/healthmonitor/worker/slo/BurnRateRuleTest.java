package com.healthmonitor.worker.slo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.healthmonitor.worker.slo.BurnRateRule.Counts;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BurnRateRuleTest {

    @ParameterizedTest(name = "{0} % over a {1}: page at {2}, warn at {3}")
    @CsvSource({
        // The workbook's numbers for 30 days: 2 % in 1 h = 14.4, 5 % in 6 h = 6.
        "99.9, month, 14.4, 6",
        "99.9, rolling_30d, 14.4, 6",
        // A quarter's budget is three times a month's: the same share burns at three times the rate.
        "99.9, quarter, 43.2, 18",
        // All checks failing burns at 1 / 0.1 = 10: the page's threshold is capped there.
        "90, month, 10, 6",
        "95, quarter, 20, 18",
    })
    void thresholdsScaleWithThePeriodAndAreCappedByTheObjective(
            String objective, String period, double page, double warn) {
        assertThat(BurnRateRule.PAGE.threshold(new BigDecimal(objective), period))
                .isCloseTo(page, within(1e-9));
        assertThat(BurnRateRule.WARN.threshold(new BigDecimal(objective), period))
                .isCloseTo(warn, within(1e-9));
    }

    @Test
    void burningNeedsBothWindowsAtTheThreshold() {
        BigDecimal objective = new BigDecimal("99.9");

        // 1 h: 10 of 60 failed, 166.7; 5 min: 5 of 5, 1000.
        assertThat(BurnRateRule.PAGE.burning(objective, "month", new Counts(60, 10), new Counts(5, 5)))
                .isTrue();
        // The burn stopped: the last 5 minutes are clean although the hour still burns.
        assertThat(BurnRateRule.PAGE.burning(objective, "month", new Counts(60, 10), new Counts(5, 0)))
                .isFalse();
        // A slow burn: 1 of 120 failed over the hour, 8.3 < 14.4.
        assertThat(BurnRateRule.PAGE.burning(objective, "month", new Counts(120, 1), new Counts(5, 1)))
                .isFalse();
        assertThat(BurnRateRule.PAGE.burning(objective, "month", new Counts(0, 0), new Counts(0, 0)))
                .isFalse();
    }

    @Test
    void theReasonNamesTheRuleTheRatesAndTheThreshold() {
        assertThat(BurnRateRule.PAGE.reason(new BigDecimal("99.900"), "month", new Counts(60, 10), new Counts(5, 5)))
                .isEqualTo("Page: burn rate 166.7 over 1 h and 1000.0 over 5 min, at or above 14.4: 2 % of the error"
                        + " budget (99.9 % per month) burns within 1 h");
    }
}
