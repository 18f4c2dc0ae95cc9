package com.healthmonitor.api.history;

import com.healthmonitor.api.history.HistoryResponses.CheckEntry;
import com.healthmonitor.api.history.HistoryResponses.FleetStats;
import com.healthmonitor.api.history.HistoryResponses.Latency;
import com.healthmonitor.api.history.HistoryResponses.SeriesBucket;
import com.healthmonitor.api.history.HistoryResponses.Stats;
import com.healthmonitor.api.history.HistoryResponses.StatusChangeEntry;
import com.healthmonitor.api.history.RequestParameters.Window;
import com.healthmonitor.api.history.WindowPlan.Span;
import com.healthmonitor.api.web.MonitorNotFoundException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Answers the history endpoints from the repositories (see {@link WindowPlan} for which data answers which part of a
 * window). Every method reads one snapshot.
 */
@Service
@Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
class HistoryService {

    private final JdbcClient jdbc;
    private final CheckHistoryRepository history;
    private final MonitorStatsRepository monitorStats;
    private final FleetStatsRepository fleetStats;
    private final SeriesRepository series;
    private final Clock clock;

    HistoryService(
            JdbcClient jdbc,
            CheckHistoryRepository history,
            MonitorStatsRepository monitorStats,
            FleetStatsRepository fleetStats,
            SeriesRepository series,
            Clock clock) {
        this.jdbc = jdbc;
        this.history = history;
        this.monitorStats = monitorStats;
        this.fleetStats = fleetStats;
        this.series = series;
        this.clock = clock;
    }

    List<CheckEntry> checks(long id, String location, Instant before, int limit) {
        requireMonitor(id);
        return history.checks(id, location, before, limit);
    }

    List<StatusChangeEntry> statusChanges(long id, Instant before, int limit) {
        requireMonitor(id);
        return history.statusChanges(id, before, limit);
    }

    /**
     * @param location null: the monitor's checks, a slot counting as failed when confirmed failed; else only this
     *     location's results, each as it came (from the raw results, so within their retention)
     */
    Stats stats(long id, Window window, String location) {
        requireMonitor(id);
        Horizons horizons = Horizons.read(jdbc);
        WindowPlan plan = WindowPlan.of(window.from(), window.to(), horizons);
        Instant rawFrom = plan.from().isBefore(horizons.rawResultsFrom()) ? horizons.rawResultsFrom() : plan.from();
        Span raw = new Span(rawFrom, plan.to().isBefore(rawFrom) ? rawFrom : plan.to());
        Map<String, WindowTotals> locations = monitorStats.locationTotals(id, raw, location);
        WindowTotals totals =
                location == null ? monitorStats.totals(id, plan) : locations.getOrDefault(location, WindowTotals.NONE);
        Map<String, Latency> byLocation = new TreeMap<>();
        locations.forEach((name, located) -> byLocation.put(name, located.latency()));
        Downtime downtime = monitorStats.downtime(id, plan);
        return new Stats(
                plan.from(),
                plan.to(),
                totals.checks(),
                totals.failures(),
                totals.uptimePercent(),
                downtime.roundedSeconds(),
                downtime.incidents(),
                totals.latency(),
                byLocation);
    }

    /** @param tags only the monitors with these tags count; none: the whole fleet */
    FleetStats fleet(Window window, List<String> tags) {
        WindowPlan plan = FleetStatsRepository.hours(window, Horizons.read(jdbc));
        Instant now = clock.instant();
        Instant until = plan.to().isAfter(now) ? now : plan.to();
        WindowTotals totals = fleetStats.totals(plan, tags);
        Downtime downtime = fleetStats.downtime(plan, until, tags);
        Map<String, Long> byStatus = fleetStats.byStatus(tags);
        return new FleetStats(
                plan.from(),
                until,
                byStatus.values().stream().mapToLong(Long::longValue).sum(),
                byStatus,
                totals.checks(),
                totals.failures(),
                totals.uptimePercent(),
                downtime.roundedSeconds(),
                downtime.incidents(),
                totals.latency());
    }

    /** Buckets of {@code step} from the window's start rounded down to a multiple of the step, empty ones included. */
    List<SeriesBucket> series(long id, Window window, Duration step) {
        requireMonitor(id);
        Horizons horizons = Horizons.read(jdbc);
        long seconds = step.toSeconds();
        Instant from = Instant.ofEpochSecond(Math.floorDiv(window.from().getEpochSecond(), seconds) * seconds);
        Instant to = window.to();
        Map<Instant, SeriesBucket> found;
        if (step.compareTo(Duration.ofHours(1)) < 0) {
            requireAvailable(from, horizons.rawResultsFrom(), "raw results, needed for steps under 1h,");
            found = series.raw(id, new Span(from, to), seconds);
        } else if (step.compareTo(Duration.ofDays(1)) < 0) {
            requireAvailable(from, horizons.hourlyRollupsFrom(), "hourly rollups, needed for steps under 1d,");
            found = series.rollups(id, List.of(), List.of(new Span(from, to)), seconds);
        } else {
            // Daily rollups while they are final, hourly ones after.
            Instant daily = horizons.dailyRollupsUntil().isBefore(to) ? horizons.dailyRollupsUntil() : to;
            Instant hourly = from.isBefore(daily) ? daily : from;
            found = series.rollups(
                    id,
                    from.isBefore(daily) ? List.of(new Span(from, daily)) : List.of(),
                    List.of(new Span(hourly, to)),
                    seconds);
        }
        List<SeriesBucket> buckets = new ArrayList<>();
        for (Instant start = from; start.isBefore(to); start = start.plus(step)) {
            buckets.add(found.getOrDefault(start, new SeriesBucket(start, 0, 0, null, null)));
        }
        return buckets;
    }

    private static void requireAvailable(Instant from, Instant availableFrom, String what) {
        if (from.isBefore(availableFrom)) {
            throw RequestParameters.invalid(
                    "step", "is too fine for this window: " + what + " are kept from " + availableFrom + " on");
        }
    }

    private void requireMonitor(long id) {
        if (!history.monitorExists(id)) {
            throw new MonitorNotFoundException(id);
        }
    }
}
