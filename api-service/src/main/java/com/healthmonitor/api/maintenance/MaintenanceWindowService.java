package com.healthmonitor.api.maintenance;

import java.time.Clock;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

@Service
@Transactional
class MaintenanceWindowService {

    private static final Logger log = LoggerFactory.getLogger(MaintenanceWindowService.class);

    private final MaintenanceWindowRepository windows;
    private final MaintenanceWindowValidator validator;
    private final Clock clock;

    MaintenanceWindowService(MaintenanceWindowRepository windows, MaintenanceWindowValidator validator, Clock clock) {
        this.windows = windows;
        this.validator = validator;
        this.clock = clock;
    }

    MaintenanceWindowResponse create(MaintenanceWindowRequest request) {
        long id = windows.insert(validator.validate(request));
        log.info("[MAINTENANCE] created window={}", id);
        return get(id);
    }

    @Transactional(readOnly = true)
    MaintenanceWindowResponse get(long id) {
        return response(windows.find(id).orElseThrow(() -> new MaintenanceWindowNotFoundException(id)));
    }

    @Transactional(readOnly = true)
    List<MaintenanceWindowResponse> list(long afterId, int limit) {
        return windows.list(afterId, limit).stream().map(this::response).toList();
    }

    MaintenanceWindowResponse replace(long id, MaintenanceWindowRequest request) {
        windows.find(id).orElseThrow(() -> new MaintenanceWindowNotFoundException(id));
        windows.update(id, validator.validate(request));
        log.info("[MAINTENANCE] updated window={}", id);
        return get(id);
    }

    void delete(long id) {
        if (!windows.delete(id)) {
            throw new MaintenanceWindowNotFoundException(id);
        }
        log.info("[MAINTENANCE] deleted window={}", id);
    }

    private MaintenanceWindowResponse response(MaintenanceWindowRepository.Stored stored) {
        MaintenanceWindowSettings settings = stored.settings();
        return new MaintenanceWindowResponse(
                stored.id(),
                stored.key(),
                settings.monitorIds(),
                settings.allMonitors(),
                settings.reason(),
                settings.startsAt(),
                settings.endsAt(),
                settings.cron(),
                settings.weekdayNames(),
                settings.timeText(),
                settings.timeZone(),
                settings.durationMinutes(),
                stored.schedule().covers(clock.instant()),
                stored.createdAt(),
                stored.updatedAt());
    }
}
