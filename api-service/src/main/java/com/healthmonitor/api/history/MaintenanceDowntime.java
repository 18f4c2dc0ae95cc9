package com.healthmonitor.api.history;

import com.healthmonitor.api.maintenance.MaintenanceStatus;
import com.healthmonitor.common.maintenance.MaintenanceDowntimes;
import com.healthmonitor.common.maintenance.MaintenanceDowntimes.InMaintenance;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The downtime and incidents that fell inside maintenance windows ({@link MaintenanceDowntimes}, which the worker's
 * daily summary uses too), for what {@code /stats}, the fleet's {@code /stats}, the SLO report and the status pages'
 * day cells take out of the downtime they read from rollups and status changes.
 *
 * <p>Status changes are kept for a limited time ({@code Horizons.statusChangesFrom}): before that, maintenance
 * cannot be told apart in the daily rollups' downtime any more, and nothing is taken out. The windows are those
 * stored now, as for every uptime figure: editing or deleting a window changes the accounting of the past.
 */
@Repository
public class MaintenanceDowntime {

    private final JdbcClient jdbc;
    private final MaintenanceStatus maintenance;
    private final MaintenanceDowntimes downtimes;

    MaintenanceDowntime(JdbcClient jdbc, MaintenanceStatus maintenance) {
        this.jdbc = jdbc;
        this.maintenance = maintenance;
        this.downtimes = new MaintenanceDowntimes(jdbc);
    }

    /** One monitor's downtime inside maintenance over [from, to). */
    Downtime monitor(long id, Instant from, Instant to) {
        return monitors("m.id = :id", Map.of("id", id), from, to);
    }

    /**
     * The downtime inside maintenance over [from, to) summed over the monitors {@code condition} (on
     * {@code monitors m}) selects; {@code parameters} are the condition's.
     */
    Downtime monitors(String condition, Map<String, ?> parameters, Instant from, Instant to) {
        InMaintenance total = downtimes.total(condition, parameters, maintenance.schedules(), recorded(from), to);
        return new Downtime(total.seconds(), total.incidents());
    }

    /**
     * Per monitor and UTC day, the incidents inside maintenance over [from, to): the transitions to DOWN while one of
     * the monitor's windows was open, which {@code /stats} does not count either.
     */
    public Map<Long, Map<LocalDate, Long>> incidentsByDay(Collection<Long> ids, Instant from, Instant to) {
        return downtimes.incidentsByDay(ids, maintenance.schedules(), recorded(from), to);
    }

    /** {@code from}, or when status changes are kept from if that is later. */
    private Instant recorded(Instant from) {
        Instant recorded = Horizons.read(jdbc).statusChangesFrom();
        return from.isBefore(recorded) ? recorded : from;
    }
}
