package com.healthmonitor.api.slo;

import com.healthmonitor.api.config.ConfigKeys;
import com.healthmonitor.api.config.ConfigSection;
import com.healthmonitor.api.config.ConfigSections;
import com.healthmonitor.api.slo.SloRepository.TagObjective;
import com.healthmonitor.api.web.FieldViolation;
import com.healthmonitor.api.web.InvalidRequestException;
import com.healthmonitor.api.web.MonitorTags;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.springframework.stereotype.Component;
import tools.jackson.databind.node.ObjectNode;

/**
 * Tag objectives in the configuration document ({@code tag_slos}): {@code {"tag", "objective", "period"}}, as
 * {@code PUT /slos/tags/{tag}} takes them. A monitor's own objective travels with the monitor ({@code slo}).
 */
@Component
class TagSloConfigSection implements ConfigSection {

    /** A document entry. */
    record Entry(String tag, BigDecimal objective, String period) {}

    private final SloRepository slos;
    private final ConfigSections sections;

    TagSloConfigSection(SloRepository slos, ConfigSections sections) {
        this.slos = slos;
        this.sections = sections;
    }

    @Override
    public Kind kind() {
        return new Kind("tag_slos", 4, Set.of());
    }

    @Override
    public List<Stored> stored(ConfigKeys keys) {
        return slos.tagObjectivesWithIds().stream()
                .map(objective -> new Stored(
                        objective.id(),
                        document(objective.tag(), objective.slo()),
                        objective.updatedAt().toString()))
                .toList();
    }

    @Override
    public Prepared prepare(ObjectNode entry, Stored stored, ConfigKeys keys) {
        Entry request = sections.request(entry, Entry.class);
        String tag = request.tag();
        List<FieldViolation> violations = new ArrayList<>();
        MonitorTags.validate("tag", tag, violations);
        long own = stored == null ? -1 : stored.id();
        if (violations.isEmpty()
                && slos.tagObjectiveId(tag).filter(id -> id != own).isPresent()) {
            violations.add(new FieldViolation("tag", "has an objective under another key already"));
        }
        Slo slo = null;
        try {
            slo = SloService.validate(new SloRequest(request.objective(), request.period()));
        } catch (InvalidRequestException e) {
            violations.addAll(e.violations());
        }
        if (!violations.isEmpty()) {
            throw new InvalidRequestException(violations);
        }
        Slo valid = slo;
        TagObjective current =
                stored == null ? null : slos.tagObjective(stored.id()).orElseThrow();
        return new Prepared() {
            @Override
            public ObjectNode document() {
                return TagSloConfigSection.this.document(tag, valid);
            }

            @Override
            public boolean changed() {
                return current == null
                        || !current.tag().equals(tag)
                        || !current.slo().equals(valid);
            }

            @Override
            public long write() {
                if (stored == null) {
                    slos.upsertForTag(tag, valid);
                    return slos.tagObjectiveId(tag).orElseThrow();
                }
                slos.replaceTagObjective(stored.id(), tag, valid);
                return stored.id();
            }
        };
    }

    @Override
    public void delete(long id) {
        slos.deleteTagObjective(id);
    }

    private ObjectNode document(String tag, Slo slo) {
        return sections.document(new Entry(tag, slo.objective(), slo.period().value()));
    }
}
