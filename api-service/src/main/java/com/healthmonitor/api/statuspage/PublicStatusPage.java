package com.healthmonitor.api.statuspage;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * A public status page as its HTML template ({@code templates/status-page.html}) shows it: the {@link PublicStatus}
 * that {@code summary.json} serialises, put into words, icons and style classes, so that a reader without JavaScript
 * (or a link preview) gets what the JSON says. Text only: the template escapes every value.
 */
record PublicStatusPage(
        String title,
        String description,
        String summary,
        String banner,
        String bannerClass,
        List<Group> groups,
        List<Change> changes,
        Time generatedAt) {

    private static final DateTimeFormatter UTC =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

    /** {@code name} is null for the monitors listed outside any group. */
    record Group(String name, List<Monitor> monitors) {}

    record Monitor(long id, String name, Status status, String uptime) {}

    record Change(Time at, String monitorName, Status from, Status to) {}

    /** A status as icon and text (never colour alone) and its style class, as the dashboard's script shows it. */
    record Status(String styleClass, String icon, String label) {

        static Status of(String status) {
            return switch (status) {
                case "UP" -> new Status("up", "▲", "Up");
                case "DOWN" -> new Status("down", "▼", "Down");
                case "PAUSED" -> new Status("paused", "❚❚", "Paused");
                case "UNKNOWN" -> new Status("unknown", "?", "Unknown");
                default ->
                    new Status(
                            status.toLowerCase(Locale.ROOT),
                            "?",
                            status.charAt(0) + status.substring(1).toLowerCase(Locale.ROOT));
            };
        }
    }

    /** An instant as ISO-8601 for {@code <time datetime>} and as UTC text; the script shows the reader's zone. */
    record Time(String iso, String utc) {

        static Time of(Instant instant) {
            return new Time(instant.toString(), UTC.format(instant));
        }
    }

    static PublicStatusPage of(PublicStatus page) {
        String banner =
                switch (page.overall()) {
                    case OPERATIONAL -> "All systems operational";
                    case PARTIAL_OUTAGE -> "Partial outage";
                    case MAJOR_OUTAGE -> "Major outage";
                };
        String bannerClass =
                switch (page.overall()) {
                    case OPERATIONAL -> "up";
                    case PARTIAL_OUTAGE -> "partial";
                    case MAJOR_OUTAGE -> "down";
                };
        List<Group> groups = page.groups().stream()
                .map(group -> new Group(
                        group.name(),
                        group.monitors().stream()
                                .map(m -> new Monitor(m.id(), m.name(), Status.of(m.status()), percent(m.uptime90d())))
                                .toList()))
                .toList();
        List<Change> changes = page.recentChanges().stream()
                .map(c -> new Change(
                        Time.of(c.changedAt()), c.monitorName(), Status.of(c.oldStatus()), Status.of(c.newStatus())))
                .toList();
        // What a link preview shows under the title: the state first, since that is what a shared link is about.
        String summary = page.description() == null ? banner + "." : banner + ". " + page.description();
        return new PublicStatusPage(
                page.title(),
                page.description(),
                summary,
                banner,
                bannerClass,
                groups,
                changes,
                Time.of(page.generatedAt()));
    }

    /** As the script's {@code percent()}: two decimals, a dash without data. */
    static String percent(BigDecimal value) {
        return value == null ? "—" : value.setScale(2, RoundingMode.HALF_UP).toPlainString() + "%";
    }
}
