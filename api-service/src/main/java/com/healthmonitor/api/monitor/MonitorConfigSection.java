package com.healthmonitor.api.monitor;

import com.healthmonitor.api.config.ConfigKeys;
import com.healthmonitor.api.config.ConfigSection;
import com.healthmonitor.api.config.ConfigSections;
import com.healthmonitor.api.slo.MonitorObjectives;
import com.healthmonitor.api.slo.MonitorObjectives.Objective;
import com.healthmonitor.api.web.FieldViolation;
import com.healthmonitor.api.web.InvalidRequestException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Monitors in the configuration document: each as {@code POST /monitors} takes it (every field of its type, defaults
 * spelled out, as {@code /monitors/export} writes it), its channels by key in {@code channels} and the monitors it
 * depends on by key in {@code depends_on} (both sorted: their order means nothing, and ids differ between
 * installations). A monitor may name one the document creates: those are written first. Its objective is its
 * {@code slo}, as {@code PUT /monitors/{id}/slo} takes it; a monitor without one in the document has none.
 */
@Component
class MonitorConfigSection implements ConfigSection {

    private static final String DEPENDS_ON = "depends_on";
    private static final String MONITORS = "monitors";
    private static final String SLO = "slo";

    private final MonitorRepository monitors;
    private final MonitorService service;
    private final MonitorValidator validator;
    private final MonitorAlertingValidator alertingValidator;
    private final ConfigSections sections;
    private final MonitorObjectives objectives;
    private final Clock clock;

    MonitorConfigSection(
            MonitorRepository monitors,
            MonitorService service,
            MonitorValidator validator,
            MonitorAlertingValidator alertingValidator,
            ConfigSections sections,
            MonitorObjectives objectives,
            Clock clock) {
        this.monitors = monitors;
        this.service = service;
        this.validator = validator;
        this.alertingValidator = alertingValidator;
        this.sections = sections;
        this.objectives = objectives;
        this.clock = clock;
    }

    @Override
    public Kind kind() {
        return new Kind("monitors", 1, Set.of("url", "webhook_url", "headers.*"));
    }

    @Override
    public String ownReferences() {
        return DEPENDS_ON;
    }

    @Override
    public List<Stored> stored(ConfigKeys keys) {
        List<Stored> stored = new ArrayList<>();
        Map<Long, Objective> all = objectives.all();
        monitors.forEach(monitor -> stored.add(new Stored(
                monitor.id(),
                document(monitor, keys, all.get(monitor.id())),
                monitor.configVersion() + "@" + monitor.updatedAt())));
        return stored;
    }

    @Override
    public Prepared prepare(ObjectNode entry, Stored stored, ConfigKeys keys) {
        List<FieldViolation> violations = new ArrayList<>();
        ObjectNode fields = entry.deepCopy();
        sections.toIds(fields, "channels", "channel_ids", "channels", keys, violations);
        // Keys, resolved to ids when written: the monitors they name may be created by this document first.
        List<String> dependsOn = dependsOn(fields.remove(DEPENDS_ON), keys, violations);
        // Its objective, as PUT /monitors/{id}/slo takes it; none when left out.
        Objective objective = objective(fields.remove(SLO), violations);
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
        Objective storedObjective =
                current == null ? null : objectives.find(current.id()).orElse(null);
        Instant now = clock.instant();
        Monitor preview = Monitor.create(settings, now);
        preview.alerting(valid.alerting(), now);
        return new Prepared() {
            @Override
            public ObjectNode document() {
                ObjectNode document = MonitorConfigSection.this.document(preview, keys, objective);
                dependsOn(document, dependsOn);
                return document;
            }

            @Override
            public boolean changed() {
                return current == null
                        || !settings.equals(current.settings())
                        || !valid.alerting().equals(withoutDependencies(current.alerting()))
                        || !dependsOn.equals(
                                sorted(keys.keys(MONITORS, current.alerting().dependsOn())))
                        || !Objects.equals(objective, storedObjective);
            }

            @Override
            public long write() {
                MonitorAlerting alerting = new MonitorAlerting(
                        valid.alerting().channelIds(),
                        valid.alerting().remindEvery(),
                        dependsOn.stream()
                                .map(key -> keys.id(MONITORS, key))
                                .sorted()
                                .toList());
                long id = current == null
                        ? service.create(settings, alerting).id()
                        : service.replace(current.id(), settings, alerting).id();
                if (objective == null) {
                    objectives.remove(id);
                } else {
                    objectives.set(id, objective);
                }
                return id;
            }
        };
    }

    @Override
    public void delete(long id) {
        service.delete(id);
    }

    private ObjectNode document(Monitor monitor, ConfigKeys keys, Objective objective) {
        ObjectNode document = sections.document(monitor.toRequest());
        if (objective != null) {
            document.set(SLO, sections.document(objective));
        }
        sections.toKeys(document, "channel_ids", "channels", "channels", keys);
        List<String> channels = new ArrayList<>();
        document.remove("channels").values().forEach(key -> channels.add(key.asString()));
        putKeys(document, "channels", sorted(channels));
        dependsOn(document, sorted(keys.keys(MONITORS, monitor.alerting().dependsOn())));
        return document;
    }

    /** Sets the document's {@code depends_on}, left out when there are none (as {@code /monitors/export} does). */
    private void dependsOn(ObjectNode document, List<String> dependsOn) {
        document.remove(DEPENDS_ON);
        if (!dependsOn.isEmpty()) {
            putKeys(document, DEPENDS_ON, dependsOn);
        }
    }

    private static void putKeys(ObjectNode document, String field, List<String> keys) {
        ArrayNode list = document.putArray(field);
        keys.forEach(list::add);
    }

    /**
     * The keys of {@code depends_on}, distinct and sorted: each a monitor that exists or that the document declares
     * (a violation of {@code depends_on[i]} otherwise), at most as many as the API takes.
     */
    private static List<String> dependsOn(JsonNode given, ConfigKeys keys, List<FieldViolation> violations) {
        if (given == null || given.isNull()) {
            return List.of();
        }
        if (!given.isArray()) {
            violations.add(new FieldViolation(DEPENDS_ON, "must be a list of monitor keys"));
            return List.of();
        }
        if (given.size() > MonitorAlertingValidator.MAX_DEPENDENCIES) {
            violations.add(new FieldViolation(
                    DEPENDS_ON, "must have at most " + MonitorAlertingValidator.MAX_DEPENDENCIES + " monitors"));
            return List.of();
        }
        List<String> found = new ArrayList<>();
        for (int i = 0; i < given.size(); i++) {
            JsonNode key = given.get(i);
            if (!key.isString()) {
                violations.add(new FieldViolation(DEPENDS_ON + "[" + i + "]", "must be a monitor key"));
            } else if (!keys.known(MONITORS, key.asString())) {
                violations.add(new FieldViolation(DEPENDS_ON + "[" + i + "]", "no monitor with key " + key.asString()));
            } else {
                found.add(key.asString());
            }
        }
        return sorted(found);
    }

    /** The entry's {@code slo}, checked (a violation of {@code slo.objective} and so on otherwise); null if none. */
    private Objective objective(JsonNode given, List<FieldViolation> violations) {
        if (given == null || given.isNull()) {
            return null;
        }
        if (!(given instanceof ObjectNode slo)) {
            violations.add(new FieldViolation(SLO, "must be a mapping of objective and period"));
            return null;
        }
        try {
            return objectives.validate(sections.request(slo, Objective.class));
        } catch (InvalidRequestException e) {
            e.violations().forEach(v -> violations.add(new FieldViolation(SLO + "." + v.field(), v.message())));
            return null;
        }
    }

    private static List<String> sorted(List<String> keys) {
        return keys.stream().distinct().sorted().toList();
    }

    private static MonitorAlerting withoutDependencies(MonitorAlerting alerting) {
        return new MonitorAlerting(alerting.channelIds(), alerting.remindEvery());
    }
}
