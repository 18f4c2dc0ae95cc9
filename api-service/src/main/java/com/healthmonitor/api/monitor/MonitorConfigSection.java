package com.healthmonitor.api.monitor;

import com.healthmonitor.api.config.ConfigKeys;
import com.healthmonitor.api.config.ConfigSection;
import com.healthmonitor.api.config.ConfigSections;
import com.healthmonitor.api.web.FieldViolation;
import com.healthmonitor.api.web.InvalidRequestException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.springframework.stereotype.Component;
import tools.jackson.databind.node.ObjectNode;

/**
 * Monitors in the configuration document: each as {@code POST /monitors} takes it (every field of its type, defaults
 * spelled out, as {@code /monitors/export} writes it), its channels by key in {@code channels}.
 */
@Component
class MonitorConfigSection implements ConfigSection {

    private final MonitorRepository monitors;
    private final MonitorService service;
    private final MonitorValidator validator;
    private final MonitorAlertingValidator alertingValidator;
    private final ConfigSections sections;
    private final Clock clock;

    MonitorConfigSection(
            MonitorRepository monitors,
            MonitorService service,
            MonitorValidator validator,
            MonitorAlertingValidator alertingValidator,
            ConfigSections sections,
            Clock clock) {
        this.monitors = monitors;
        this.service = service;
        this.validator = validator;
        this.alertingValidator = alertingValidator;
        this.sections = sections;
        this.clock = clock;
    }

    @Override
    public Kind kind() {
        return new Kind("monitors", 1, Set.of("url", "webhook_url", "headers.*"));
    }

    @Override
    public List<Stored> stored(ConfigKeys keys) {
        List<Stored> stored = new ArrayList<>();
        monitors.forEach(monitor -> stored.add(new Stored(
                monitor.id(), document(monitor, keys), monitor.configVersion() + "@" + monitor.updatedAt())));
        return stored;
    }

    @Override
    public Prepared prepare(ObjectNode entry, Stored stored, ConfigKeys keys) {
        List<FieldViolation> violations = new ArrayList<>();
        ObjectNode fields = entry.deepCopy();
        sections.toIds(fields, "channels", "channel_ids", "channels", keys, violations);
        if (!violations.isEmpty()) {
            throw new InvalidRequestException(violations);
        }
        Validated valid;
        try {
            valid = Validated.of(sections.request(fields, MonitorRequest.class), validator, alertingValidator);
        } catch (InvalidRequestException e) {
            throw ConfigSections.renamed(e, "channel_ids", "channels");
        }
        Monitor current = stored == null ? null : monitors.find(stored.id()).orElseThrow();
        // Masked secrets echoed from an export keep the stored ones, as a PUT's do.
        MonitorSettings settings = current == null
                ? valid.settings()
                : valid.settings().withSecrets(MonitorService.unmasked(valid.settings(), current.settings()));
        Instant now = clock.instant();
        Monitor preview = Monitor.create(settings, now);
        preview.alerting(valid.alerting(), now);
        return new Prepared() {
            @Override
            public ObjectNode document() {
                return MonitorConfigSection.this.document(preview, keys);
            }

            @Override
            public boolean changed() {
                return current == null
                        || !settings.equals(current.settings())
                        || !valid.alerting().equals(current.alerting());
            }

            @Override
            public long write() {
                return current == null
                        ? service.create(settings, valid.alerting()).id()
                        : service.replace(current.id(), settings, valid.alerting())
                                .id();
            }
        };
    }

    @Override
    public void delete(long id) {
        service.delete(id);
    }

    private ObjectNode document(Monitor monitor, ConfigKeys keys) {
        ObjectNode document = sections.document(monitor.toRequest());
        sections.toKeys(document, "channel_ids", "channels", "channels", keys);
        return document;
    }
}
