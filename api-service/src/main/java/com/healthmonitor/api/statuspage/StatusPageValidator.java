package com.healthmonitor.api.statuspage;

import com.healthmonitor.api.statuspage.StatusPageRequest.GroupRequest;
import com.healthmonitor.api.statuspage.StatusPageSettings.Entry;
import com.healthmonitor.api.statuspage.StatusPageSettings.TagGroup;
import com.healthmonitor.api.web.FieldViolation;
import com.healthmonitor.api.web.InvalidRequestException;
import com.healthmonitor.api.web.MonitorTags;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/**
 * The rules a status page follows, each broken rule reported at once and naming its field (as for monitors);
 * the database's CHECK constraints mirror them. That the monitors exist is checked by the service, in the
 * transaction that writes the page.
 */
@Component
class StatusPageValidator {

    static final Pattern SLUG = Pattern.compile("^[a-z0-9]([a-z0-9-]{0,62}[a-z0-9])?$");
    static final int MAX_TITLE_LENGTH = 200;
    static final int MAX_DESCRIPTION_LENGTH = 2000;
    static final int MAX_GROUP_NAME_LENGTH = 100;
    static final int MAX_MONITORS = 1_000;

    StatusPageSettings validate(StatusPageRequest request) {
        List<FieldViolation> violations = new ArrayList<>();
        String slug = request.slug() == null ? null : request.slug().strip();
        if (slug == null || slug.isEmpty()) {
            violations.add(new FieldViolation("slug", "is required"));
        } else if (!SLUG.matcher(slug).matches()) {
            violations.add(new FieldViolation(
                    "slug",
                    "must be 1 to 64 lowercase letters, digits and hyphens, starting and ending with a letter or"
                            + " digit"));
        }
        String title = request.title() == null ? null : request.title().strip();
        if (title == null || title.isEmpty()) {
            violations.add(new FieldViolation("title", "is required"));
        } else if (title.length() > MAX_TITLE_LENGTH) {
            violations.add(new FieldViolation("title", "must be at most 200 characters"));
        }
        String description =
                request.description() == null || request.description().isBlank()
                        ? null
                        : request.description().strip();
        if (description != null && description.length() > MAX_DESCRIPTION_LENGTH) {
            violations.add(new FieldViolation("description", "must be at most 2000 characters"));
        }

        List<Entry> entries = new ArrayList<>();
        Set<Long> seen = new HashSet<>();
        addEntries("monitor_ids", request.monitorIds(), null, seen, entries, violations);
        List<GroupRequest> groups = request.groups() == null ? List.of() : request.groups();
        Set<String> groupNames = new HashSet<>();
        List<TagGroup> tagGroups = new ArrayList<>();
        for (int g = 0; g < groups.size(); g++) {
            String field = "groups[" + g + "]";
            GroupRequest group = groups.get(g);
            if (group == null) {
                violations.add(new FieldViolation(field, "must be an object"));
                continue;
            }
            String name = group.name() == null ? null : group.name().strip();
            if (name == null || name.isEmpty()) {
                violations.add(new FieldViolation(field + ".name", "is required"));
            } else if (name.length() > MAX_GROUP_NAME_LENGTH) {
                violations.add(new FieldViolation(field + ".name", "must be at most 100 characters"));
            } else if (!groupNames.add(name)) {
                violations.add(new FieldViolation(field + ".name", "is used by another group"));
            }
            if (group.tag() == null) {
                addEntries(field + ".monitor_ids", group.monitorIds(), name, seen, entries, violations);
            } else if (group.monitorIds() != null && !group.monitorIds().isEmpty()) {
                violations.add(
                        new FieldViolation(field + ".tag", "a group lists monitor_ids or names a tag, not both"));
            } else {
                MonitorTags.validate(field + ".tag", group.tag(), violations);
                tagGroups.add(new TagGroup(name, group.tag(), entries.size(), g));
            }
        }
        if (entries.size() > MAX_MONITORS) {
            violations.add(new FieldViolation("monitor_ids", "a page shows at most " + MAX_MONITORS + " monitors"));
        }
        if (!violations.isEmpty()) {
            throw new InvalidRequestException(violations);
        }
        return new StatusPageSettings(slug, title, description, List.copyOf(entries), List.copyOf(tagGroups));
    }

    private static void addEntries(
            String field,
            List<Long> ids,
            String group,
            Set<Long> seen,
            List<Entry> entries,
            List<FieldViolation> violations) {
        if (ids == null) {
            return;
        }
        for (int i = 0; i < ids.size(); i++) {
            Long id = ids.get(i);
            if (id == null || id < 1) {
                violations.add(new FieldViolation(field + "[" + i + "]", "must be a monitor id"));
            } else if (!seen.add(id)) {
                violations.add(new FieldViolation(field + "[" + i + "]", "lists monitor " + id + " twice"));
            } else {
                entries.add(new Entry(id, group, field + "[" + i + "]"));
            }
        }
    }
}
