package com.healthmonitor.api.maintenance;

import com.healthmonitor.api.config.ConfigKeys;
import com.healthmonitor.api.config.ConfigSection;
import com.healthmonitor.api.config.ConfigSections;
import com.healthmonitor.api.web.FieldViolation;
import com.healthmonitor.api.web.InvalidRequestException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.springframework.stereotype.Component;
import tools.jackson.databind.node.ObjectNode;

/** Maintenance windows in the configuration document: as the API takes them, their monitors by key. */
@Component
class MaintenanceWindowConfigSection implements ConfigSection {

    private final MaintenanceWindowRepository windows;
    private final MaintenanceWindowService service;
    private final MaintenanceWindowValidator validator;
    private final ConfigSections sections;

    MaintenanceWindowConfigSection(
            MaintenanceWindowRepository windows,
            MaintenanceWindowService service,
            MaintenanceWindowValidator validator,
            ConfigSections sections) {
        this.windows = windows;
        this.service = service;
        this.validator = validator;
        this.sections = sections;
    }

    @Override
    public Kind kind() {
        return new Kind("maintenance_windows", 2, Set.of());
    }

    @Override
    public List<Stored> stored(ConfigKeys keys) {
        return windows.all().stream()
                .map(window -> new Stored(
                        window.id(),
                        document(window.settings(), keys),
                        window.updatedAt().toString()))
                .toList();
    }

    @Override
    public Prepared prepare(ObjectNode entry, Stored stored, ConfigKeys keys) {
        List<FieldViolation> violations = new ArrayList<>();
        ObjectNode fields = entry.deepCopy();
        sections.toIds(fields, "monitors", "monitor_ids", "monitors", keys, violations);
        if (!violations.isEmpty()) {
            throw new InvalidRequestException(violations);
        }
        MaintenanceWindowRequest request = sections.request(fields, MaintenanceWindowRequest.class);
        MaintenanceWindowSettings settings;
        try {
            settings = validator.validate(request);
        } catch (InvalidRequestException e) {
            throw ConfigSections.renamed(e, "monitor_ids", "monitors");
        }
        MaintenanceWindowSettings current =
                stored == null ? null : windows.find(stored.id()).orElseThrow().settings();
        return new Prepared() {
            @Override
            public ObjectNode document() {
                return MaintenanceWindowConfigSection.this.document(settings, keys);
            }

            @Override
            public boolean changed() {
                return !settings.equals(current);
            }

            @Override
            public long write() {
                return stored == null
                        ? service.create(request).id()
                        : service.replace(stored.id(), request).id();
            }
        };
    }

    @Override
    public void delete(long id) {
        service.delete(id);
    }

    private ObjectNode document(MaintenanceWindowSettings settings, ConfigKeys keys) {
        ObjectNode document = sections.document(new MaintenanceWindowRequest(
                settings.monitorIds(),
                settings.allMonitors(),
                settings.reason(),
                settings.startsAt(),
                settings.endsAt(),
                settings.cron(),
                settings.weekdayNames(),
                settings.timeText(),
                settings.timeZone(),
                settings.durationMinutes()));
        sections.toKeys(document, "monitor_ids", "monitors", "monitors", keys);
        return document;
    }
}
