package com.healthmonitor.worker.state;

import com.healthmonitor.common.check.CheckRequest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * A cheap look before the HTTP checks, one query for a whole batch, so that deleted, disabled, expired, reconfigured
 * or already-recorded checks cost no request. Not authoritative: {@link ResultRecorder#applyAll} decides again under
 * the row locks.
 */
@Component
class SkipReasons {

    private final JdbcClient jdbc;

    SkipReasons(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** For each request, in order: why it needs no check, or empty when it does. */
    List<Optional<Applied>> of(List<CheckRequest> requests) {
        List<Optional<Applied>> reasons = new ArrayList<>(Collections.nCopies(requests.size(), Optional.empty()));
        jdbc.sql("""
                        SELECT v.i, m.id IS NOT NULL AND m.enabled AS enabled, m.config_version,
                               EXISTS (SELECT 1 FROM check_results r
                                       WHERE r.monitor_id = v.id AND r.slot = v.slot
                                         AND r.location = v.location) AS recorded,
                               v.slot < now() - greatest(2 * m.check_interval, 60) * interval '1 second' AS expired
                        FROM unnest(CAST(:ids AS bigint[]), CAST(:slots AS timestamptz[]),
                                    CAST(:locations AS text[])) WITH ORDINALITY AS v(id, slot, location, i)
                        LEFT JOIN monitors m ON m.id = v.id""")
                .param("ids", Batches.longs(requests, CheckRequest::monitorId))
                .param("slots", Batches.timestamps(requests, CheckRequest::slot))
                .param("locations", Batches.strings(requests, r -> Recorded.location(r.location())))
                .query((rs, n) -> {
                    int index = rs.getInt("i") - 1;
                    reasons.set(
                            index,
                            reason(
                                    requests.get(index),
                                    rs.getBoolean("enabled"),
                                    rs.getLong("config_version"),
                                    rs.getBoolean("recorded"),
                                    rs.getBoolean("expired")));
                    return index;
                })
                .list();
        return reasons;
    }

    private static Optional<Applied> reason(
            CheckRequest request, boolean enabled, long configVersion, boolean recorded, boolean expired) {
        if (!enabled) {
            return Optional.of(Applied.MONITOR_GONE);
        }
        if (expired) {
            return Optional.of(Applied.EXPIRED);
        }
        if (configVersion != request.configVersion()) {
            return Optional.of(Applied.CONFIG_CHANGED);
        }
        return recorded ? Optional.of(Applied.DUPLICATE) : Optional.empty();
    }
}
