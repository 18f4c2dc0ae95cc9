package com.healthmonitor.api.slo;

import com.healthmonitor.api.web.FieldViolation;
import com.healthmonitor.api.web.InvalidRequestException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A calendar month ({@code 2026-11}) or quarter ({@code 2026-Q4}) in UTC, as the SLA report names it. */
record SlaPeriod(String name, Interval bounds) {

    private static final Pattern MONTH = Pattern.compile("(\\d{4})-(0[1-9]|1[0-2])");
    private static final Pattern QUARTER = Pattern.compile("(\\d{4})-Q([1-4])");

    /** The period named by {@code value}; a 400 naming {@code period} for anything else. */
    static SlaPeriod parse(String value) {
        if (value != null) {
            Matcher month = MONTH.matcher(value);
            if (month.matches()) {
                return of(
                        value, LocalDate.of(Integer.parseInt(month.group(1)), Integer.parseInt(month.group(2)), 1), 1);
            }
            Matcher quarter = QUARTER.matcher(value);
            if (quarter.matches()) {
                int first = (Integer.parseInt(quarter.group(2)) - 1) * 3 + 1;
                return of(value, LocalDate.of(Integer.parseInt(quarter.group(1)), first, 1), 3);
            }
        }
        throw new InvalidRequestException(List.of(new FieldViolation(
                "period", value == null ? "is required" : "must be a month (2026-11) or a quarter (2026-Q4)")));
    }

    private static SlaPeriod of(String name, LocalDate first, int months) {
        return new SlaPeriod(
                name,
                new Interval(
                        first.atStartOfDay().toInstant(ZoneOffset.UTC),
                        first.plusMonths(months).atStartOfDay().toInstant(ZoneOffset.UTC)));
    }
}
