package com.healthmonitor.api.config;

import com.healthmonitor.api.web.FieldViolation;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * The keys of every kind's objects and their ids, as the transaction that plans or applies a document sees them:
 * sections translate their references (a monitor's channels, a status page's monitors) with it, both ways.
 */
public final class ConfigKeys {

    private final Map<String, Map<String, Long>> ids = new HashMap<>();
    private final Map<String, Map<Long, String>> keys = new HashMap<>();
    private final Map<String, Set<String>> declared = new HashMap<>();
    private final JdbcClient jdbc;

    ConfigKeys(JdbcClient jdbc, List<ConfigSection> sections) {
        this.jdbc = jdbc;
        for (ConfigSection section : sections) {
            Map<String, Long> byKey = new HashMap<>();
            Map<Long, String> byId = new HashMap<>();
            // The table is named as the kind: a constant of the section, never input.
            jdbc.sql("SELECT id, key FROM " + section.kind().name()).query(row -> {
                byKey.put(row.getString("key"), row.getLong("id"));
                byId.put(row.getLong("id"), row.getString("key"));
            });
            ids.put(section.kind().name(), byKey);
            keys.put(section.kind().name(), byId);
        }
    }

    /** The keys of objects of {@code section} by their ids, in the same order. */
    public List<String> keys(String section, List<Long> objectIds) {
        Map<Long, String> known = keys.get(section);
        return objectIds.stream()
                .map(id -> known.computeIfAbsent(id, created -> created(section, created)))
                .toList();
    }

    /**
     * The ids of the objects of {@code section} a list of keys names, in the same order; absent (null or missing): an
     * empty list. Adds a violation of {@code field} for anything but a list of known keys.
     */
    public List<Long> ids(String section, JsonNode given, String field, List<FieldViolation> violations) {
        List<Long> found = new ArrayList<>();
        if (given == null || given.isNull()) {
            return found;
        }
        if (!given.isArray()) {
            violations.add(new FieldViolation(field, "must be a list of " + section + " keys"));
            return found;
        }
        Map<String, Long> known = ids.get(section);
        for (int i = 0; i < given.size(); i++) {
            JsonNode key = given.get(i);
            Long id = key.isString() ? known.get(key.asString()) : null;
            if (id == null) {
                violations.add(new FieldViolation(
                        field + "[" + i + "]",
                        key.isString() ? "no " + section + " with key " + key.asString() : "must be a key"));
            } else {
                found.add(id);
            }
        }
        return found;
    }

    /**
     * Whether {@code key} names an object of {@code section}: a stored one, or one the document being planned or
     * applied declares, which is written before the objects that name it ({@link ConfigSection#ownReferences}).
     */
    public boolean known(String section, String key) {
        return ids.get(section).containsKey(key)
                || declared.getOrDefault(section, Set.of()).contains(key);
    }

    /** The id of the object of {@code section} with {@code key}, which must exist by now. */
    public long id(String section, String key) {
        Long id = ids.get(section).get(key);
        if (id == null) {
            throw new IllegalStateException(section + " " + key + " is named before it was written");
        }
        return id;
    }

    void declare(String section, Collection<String> documentKeys) {
        declared.computeIfAbsent(section, kind -> new HashSet<>()).addAll(documentKeys);
    }

    /** An object committed since the keys were read (a write of the API running alongside). */
    private String created(String section, long id) {
        String key = jdbc.sql("SELECT key FROM " + section + " WHERE id = :id")
                .param("id", id)
                .query(String.class)
                .optional()
                .orElseThrow(() -> new IllegalStateException(section + " " + id + " was deleted while being read"));
        ids.get(section).put(key, id);
        return key;
    }

    void add(String section, String key, long id) {
        ids.get(section).put(key, id);
        keys.get(section).put(id, key);
    }

    void remove(String section, String key) {
        Long id = ids.get(section).remove(key);
        if (id != null) {
            keys.get(section).remove(id);
        }
    }
}
