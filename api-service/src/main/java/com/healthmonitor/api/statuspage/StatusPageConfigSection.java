package com.healthmonitor.api.statuspage;

import com.healthmonitor.api.config.ConfigKeys;
import com.healthmonitor.api.config.ConfigSection;
import com.healthmonitor.api.config.ConfigSections;
import com.healthmonitor.api.statuspage.StatusPageRequest.GroupRequest;
import com.healthmonitor.api.statuspage.StatusPageSettings.Entry;
import com.healthmonitor.api.web.FieldViolation;
import com.healthmonitor.api.web.InvalidRequestException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Status pages in the configuration document: as the API takes them, their monitors (and groups' monitors) by key. */
@Component
class StatusPageConfigSection implements ConfigSection {

    private final StatusPageService service;
    private final StatusPageValidator validator;
    private final ConfigSections sections;

    StatusPageConfigSection(StatusPageService service, StatusPageValidator validator, ConfigSections sections) {
        this.service = service;
        this.validator = validator;
        this.sections = sections;
    }

    @Override
    public Kind kind() {
        return new Kind("status_pages", 3, Set.of());
    }

    @Override
    public List<Stored> stored(ConfigKeys keys) {
        return service.list(0, Integer.MAX_VALUE).stream()
                .map(page -> new Stored(
                        page.id(),
                        document(
                                new StatusPageRequest(
                                        page.slug(),
                                        page.title(),
                                        page.description(),
                                        page.monitorIds(),
                                        page.groups().stream()
                                                .map(group ->
                                                        new GroupRequest(group.name(), group.monitorIds(), group.tag()))
                                                .toList()),
                                keys),
                        page.updatedAt().toString()))
                .toList();
    }

    @Override
    public Prepared prepare(ObjectNode entry, Stored stored, ConfigKeys keys) {
        List<FieldViolation> violations = new ArrayList<>();
        ObjectNode fields = entry.deepCopy();
        sections.toIds(fields, "monitors", "monitor_ids", "monitors", keys, violations);
        JsonNode groups = fields.get("groups");
        if (groups != null && groups.isArray()) {
            for (int i = 0; i < groups.size(); i++) {
                if (groups.get(i) instanceof ObjectNode group) {
                    List<FieldViolation> own = new ArrayList<>();
                    sections.toIds(group, "monitors", "monitor_ids", "monitors", keys, own);
                    String prefix = "groups[" + i + "].";
                    own.forEach(v -> violations.add(new FieldViolation(prefix + v.field(), v.message())));
                }
            }
        }
        if (!violations.isEmpty()) {
            throw new InvalidRequestException(violations);
        }
        StatusPageSettings settings;
        try {
            settings = validator.validate(sections.request(fields, StatusPageRequest.class));
        } catch (InvalidRequestException e) {
            throw ConfigSections.renamed(e, "monitor_ids", "monitors");
        }
        ObjectNode document = document(request(settings), keys);
        return new Prepared() {
            @Override
            public ObjectNode document() {
                return document;
            }

            @Override
            public boolean changed() {
                return stored == null || !document.equals(stored.document());
            }

            @Override
            public long write() {
                try {
                    return stored == null
                            ? service.create(settings).id()
                            : service.replace(stored.id(), settings).id();
                } catch (SlugTakenException e) {
                    throw new InvalidRequestException(
                            List.of(new FieldViolation("slug", "is already used by another status page")));
                }
            }
        };
    }

    @Override
    public void delete(long id) {
        service.delete(id);
    }

    /** The request that writes the page as {@code settings} has it: ungrouped monitors first, then each group. */
    private static StatusPageRequest request(StatusPageSettings settings) {
        List<Long> ungrouped = new ArrayList<>();
        Map<String, List<Long>> groups = new LinkedHashMap<>();
        Map<String, Integer> starts = new LinkedHashMap<>();
        for (int position = 0; position < settings.entries().size(); position++) {
            Entry entry = settings.entries().get(position);
            if (entry.group() != null) {
                starts.putIfAbsent(entry.group(), position);
            }
            (entry.group() == null ? ungrouped : groups.computeIfAbsent(entry.group(), g -> new ArrayList<>()))
                    .add(entry.monitorId());
        }
        return new StatusPageRequest(
                settings.slug(),
                settings.title(),
                settings.description(),
                ungrouped,
                PageLayout.order(starts, settings.tagGroups()).stream()
                        .map(group -> new GroupRequest(group.name(), groups.get(group.name()), group.tag()))
                        .toList());
    }

    private ObjectNode document(StatusPageRequest request, ConfigKeys keys) {
        ObjectNode document = sections.document(request);
        sections.toKeys(document, "monitor_ids", "monitors", "monitors", keys);
        for (JsonNode group : document.get("groups").values()) {
            if (group.hasNonNull("tag")) {
                continue; // its monitors are the tagged ones, not a list
            }
            sections.toKeys((ObjectNode) group, "monitor_ids", "monitors", "monitors", keys);
        }
        return document;
    }
}
