package com.healthmonitor.api.monitor;

import com.healthmonitor.api.history.HistoryQueries;
import com.healthmonitor.api.history.Uptimes;
import com.healthmonitor.common.monitor.MonitorStatus;
import com.healthmonitor.common.secret.Secrets;
import jakarta.persistence.EntityManager;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.domain.Limit;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

@Service
@Transactional
class MonitorService {

    private static final Logger log = LoggerFactory.getLogger(MonitorService.class);

    private final MonitorRepository monitors;
    private final EntityManager entityManager;
    private final HistoryQueries history;

    MonitorService(MonitorRepository monitors, EntityManager entityManager, HistoryQueries history) {
        this.monitors = monitors;
        this.entityManager = entityManager;
        this.history = history;
    }

    MonitorResponse create(MonitorSettings settings) {
        Monitor monitor = monitors.saveAndFlush(Monitor.create(settings, Monitor.now()));
        // The database fills in the columns the API does not write (status, created_at, ...).
        entityManager.refresh(monitor);
        log.info("[MONITOR] created monitor={} interval={}s", monitor.id(), settings.checkInterval());
        return monitor.toResponse(Uptimes.NONE);
    }

    @Transactional(readOnly = true)
    MonitorResponse get(long id) {
        return withUptimes(find(id));
    }

    @Transactional(readOnly = true)
    List<MonitorResponse> list(MonitorStatus status, long afterId, int limit) {
        List<Monitor> page = status == null
                ? monitors.findByIdGreaterThanOrderByIdAsc(afterId, Limit.of(limit))
                : monitors.findByStatusAndIdGreaterThanOrderByIdAsc(status, afterId, Limit.of(limit));
        // One query for the whole page's uptimes, not one per monitor.
        Map<Long, Uptimes> uptimes =
                history.uptimes(page.stream().map(Monitor::id).toList());
        return page.stream()
                .map(monitor -> monitor.toResponse(uptimes.getOrDefault(monitor.id(), Uptimes.NONE)))
                .toList();
    }

    MonitorResponse replace(long id, MonitorSettings settings) {
        Monitor monitor = find(id);
        if (Secrets.isMaskOf(settings.webhookUrl(), monitor.webhookUrl())) {
            // The client echoed back the masked webhook it was shown: keep the real one.
            settings = settings.withWebhookUrl(monitor.webhookUrl());
        }
        // Likewise for header values it was shown masked.
        settings = settings.withUnmaskedHeaders(monitor.headers());
        monitor.replace(settings, Monitor.now());
        monitors.flush();
        log.info("[MONITOR] updated monitor={}", id);
        return withUptimes(monitor);
    }

    void delete(long id) {
        monitors.delete(find(id));
        log.info("[MONITOR] deleted monitor={}", id);
    }

    private MonitorResponse withUptimes(Monitor monitor) {
        return monitor.toResponse(history.uptimes(List.of(monitor.id())).get(monitor.id()));
    }

    private Monitor find(long id) {
        return monitors.findById(id).orElseThrow(() -> new MonitorNotFoundException(id));
    }
}
