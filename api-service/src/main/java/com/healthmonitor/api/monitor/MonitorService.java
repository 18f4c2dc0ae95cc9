package com.healthmonitor.api.monitor;

import com.healthmonitor.common.monitor.MonitorStatus;
import com.healthmonitor.common.secret.Secrets;
import jakarta.persistence.EntityManager;
import java.util.List;
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

    MonitorService(MonitorRepository monitors, EntityManager entityManager) {
        this.monitors = monitors;
        this.entityManager = entityManager;
    }

    MonitorResponse create(MonitorSettings settings) {
        Monitor monitor = monitors.saveAndFlush(Monitor.create(settings, Monitor.now()));
        // The database fills in the columns the API does not write (status, created_at, ...).
        entityManager.refresh(monitor);
        log.info("[MONITOR] created monitor={} interval={}s", monitor.id(), settings.checkInterval());
        return monitor.toResponse();
    }

    @Transactional(readOnly = true)
    MonitorResponse get(long id) {
        return find(id).toResponse();
    }

    @Transactional(readOnly = true)
    List<MonitorResponse> list(MonitorStatus status, long afterId, int limit) {
        List<Monitor> page = status == null
                ? monitors.findByIdGreaterThanOrderByIdAsc(afterId, Limit.of(limit))
                : monitors.findByStatusAndIdGreaterThanOrderByIdAsc(status, afterId, Limit.of(limit));
        return page.stream().map(Monitor::toResponse).toList();
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
        return monitor.toResponse();
    }

    void delete(long id) {
        monitors.delete(find(id));
        log.info("[MONITOR] deleted monitor={}", id);
    }

    private Monitor find(long id) {
        return monitors.findById(id).orElseThrow(() -> new MonitorNotFoundException(id));
    }
}
