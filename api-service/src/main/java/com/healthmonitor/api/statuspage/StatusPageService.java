package com.healthmonitor.api.statuspage;

import static com.healthmonitor.common.database.Timestamps.instant;

import com.healthmonitor.api.statuspage.StatusPageResponse.Group;
import com.healthmonitor.api.statuspage.StatusPageSettings.Entry;
import com.healthmonitor.api.statuspage.StatusPageSettings.TagGroup;
import com.healthmonitor.api.web.FieldViolation;
import com.healthmonitor.api.web.InvalidRequestException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Status pages and their monitor lists. A page and its entries are written in one transaction: the entries are
 * replaced as a whole, the monitors locked against deletion (FOR SHARE) while they are checked and referenced.
 */
@Service
@Transactional
class StatusPageService {

    private static final Logger log = LoggerFactory.getLogger(StatusPageService.class);

    private final JdbcClient jdbc;
    private final Clock clock;
    private final ApplicationEventPublisher events;

    StatusPageService(JdbcClient jdbc, Clock clock, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.events = events;
    }

    StatusPageResponse create(StatusPageSettings settings) {
        requireMonitors(settings.entries());
        OffsetDateTime now = now();
        long id;
        try {
            id = jdbc.sql("INSERT INTO status_pages (slug, title, description, created_at, updated_at)"
                            + " VALUES (:slug, :title, :description, :now, :now) RETURNING id")
                    .param("slug", settings.slug())
                    .param("title", settings.title())
                    .param("description", settings.description())
                    .param("now", now)
                    .query(Long.class)
                    .single();
        } catch (DuplicateKeyException e) {
            throw new SlugTakenException(settings.slug());
        }
        writeEntries(id, settings);
        events.publishEvent(new StatusPageChanged(id));
        log.info("[STATUS-PAGE] created status_page={} slug={}", id, settings.slug());
        return get(id);
    }

    @Transactional(readOnly = true)
    StatusPageResponse get(long id) {
        return jdbc.sql(
                        "SELECT id, key, slug, title, description, created_at, updated_at FROM status_pages WHERE id = :id")
                .param("id", id)
                .query(this::page)
                .optional()
                .orElseThrow(() -> new StatusPageNotFoundException("No status page with id " + id));
    }

    @Transactional(readOnly = true)
    List<StatusPageResponse> list(long afterId, int limit) {
        return jdbc.sql("SELECT id, key, slug, title, description, created_at, updated_at FROM status_pages"
                        + " WHERE id > :after ORDER BY id LIMIT :limit")
                .param("after", afterId)
                .param("limit", limit)
                .query(this::page)
                .list();
    }

    StatusPageResponse replace(long id, StatusPageSettings settings) {
        get(id);
        requireMonitors(settings.entries());
        try {
            jdbc.sql("UPDATE status_pages SET slug = :slug, title = :title, description = :description,"
                            + " updated_at = :now WHERE id = :id")
                    .param("slug", settings.slug())
                    .param("title", settings.title())
                    .param("description", settings.description())
                    .param("now", now())
                    .param("id", id)
                    .update();
        } catch (DuplicateKeyException e) {
            throw new SlugTakenException(settings.slug());
        }
        jdbc.sql("DELETE FROM status_page_monitors WHERE status_page_id = :id")
                .param("id", id)
                .update();
        jdbc.sql("DELETE FROM status_page_tag_groups WHERE status_page_id = :id")
                .param("id", id)
                .update();
        writeEntries(id, settings);
        events.publishEvent(new StatusPageChanged(id));
        log.info("[STATUS-PAGE] updated status_page={}", id);
        return get(id);
    }

    void delete(long id) {
        int deleted = jdbc.sql("DELETE FROM status_pages WHERE id = :id")
                .param("id", id)
                .update();
        if (deleted == 0) {
            throw new StatusPageNotFoundException("No status page with id " + id);
        }
        events.publishEvent(new StatusPageChanged(id));
        log.info("[STATUS-PAGE] deleted status_page={}", id);
    }

    private void requireMonitors(List<Entry> entries) {
        if (entries.isEmpty()) {
            return;
        }
        Set<Long> existing = new HashSet<>(jdbc.sql("SELECT id FROM monitors WHERE id IN (:ids) FOR SHARE")
                .param("ids", entries.stream().map(Entry::monitorId).toList())
                .query(Long.class)
                .list());
        List<FieldViolation> missing = entries.stream()
                .filter(entry -> !existing.contains(entry.monitorId()))
                .map(entry -> new FieldViolation(entry.field(), "no monitor with id " + entry.monitorId()))
                .toList();
        if (!missing.isEmpty()) {
            throw new InvalidRequestException(missing);
        }
    }

    private void writeEntries(long pageId, StatusPageSettings settings) {
        List<Entry> entries = settings.entries();
        for (int position = 0; position < entries.size(); position++) {
            Entry entry = entries.get(position);
            jdbc.sql("INSERT INTO status_page_monitors (status_page_id, monitor_id, position, group_name)"
                            + " VALUES (:page, :monitor, :position, :group)")
                    .param("page", pageId)
                    .param("monitor", entry.monitorId())
                    .param("position", position)
                    .param("group", entry.group())
                    .update();
        }
        for (TagGroup group : settings.tagGroups()) {
            jdbc.sql("INSERT INTO status_page_tag_groups (status_page_id, position, ordinal, name, tag)"
                            + " VALUES (:page, :position, :ordinal, :name, :tag)")
                    .param("page", pageId)
                    .param("position", group.position())
                    .param("ordinal", group.ordinal())
                    .param("name", group.name())
                    .param("tag", group.tag())
                    .update();
        }
    }

    private StatusPageResponse page(ResultSet rs, int row) throws SQLException {
        long id = rs.getLong("id");
        String slug = rs.getString("slug");
        List<Long> ungrouped = new ArrayList<>();
        Map<String, List<Long>> listed = new LinkedHashMap<>();
        Map<String, Integer> starts = new LinkedHashMap<>();
        jdbc.sql("SELECT monitor_id, group_name, position FROM status_page_monitors WHERE status_page_id = :id"
                        + " ORDER BY position")
                .param("id", id)
                .query(entry -> {
                    String group = entry.getString("group_name");
                    if (group != null) {
                        starts.putIfAbsent(group, entry.getInt("position"));
                    }
                    (group == null ? ungrouped : listed.computeIfAbsent(group, g -> new ArrayList<>()))
                            .add(entry.getLong("monitor_id"));
                });
        List<Group> groups = PageLayout.order(starts, tagGroups(jdbc, id)).stream()
                .map(group -> group.tag() == null
                        ? new Group(group.name(), listed.get(group.name()), null)
                        : new Group(group.name(), null, group.tag()))
                .toList();
        return new StatusPageResponse(
                id,
                rs.getString("key"),
                slug,
                rs.getString("title"),
                rs.getString("description"),
                ungrouped,
                groups,
                "/status/" + slug,
                instant(rs, "created_at"),
                instant(rs, "updated_at"));
    }

    /** The page's tag groups in the order written. */
    static List<TagGroup> tagGroups(JdbcClient jdbc, long pageId) {
        return jdbc.sql("SELECT name, tag, position, ordinal FROM status_page_tag_groups WHERE status_page_id = :id"
                        + " ORDER BY ordinal")
                .param("id", pageId)
                .query((rs, n) -> new TagGroup(
                        rs.getString("name"), rs.getString("tag"), rs.getInt("position"), rs.getInt("ordinal")))
                .list();
    }

    private OffsetDateTime now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS).atOffset(ZoneOffset.UTC);
    }
}
