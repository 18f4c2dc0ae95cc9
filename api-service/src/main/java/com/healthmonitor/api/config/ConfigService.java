package com.healthmonitor.api.config;

import com.healthmonitor.api.config.ConfigSection.Prepared;
import com.healthmonitor.api.config.ConfigSection.Stored;
import com.healthmonitor.api.config.Plan.Action;
import com.healthmonitor.api.config.Plan.Change;
import com.healthmonitor.api.config.Plan.FieldChange;
import com.healthmonitor.api.web.FieldViolation;
import com.healthmonitor.api.web.InvalidRequestException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Exports the configuration as one document, and plans or applies a document against it. A plan runs exactly what an
 * apply runs, through each kind's own validator and service, in a transaction it then rolls back: what a plan shows
 * and refuses is what the apply would do. Plans and applies take turns (an advisory lock); an apply checks its
 * If-Match against the configuration as it finds it, before writing anything, and writes everything or nothing.
 */
@Service
class ConfigService {

    private static final Logger log = LoggerFactory.getLogger(ConfigService.class);
    static final int VERSION = 1;
    static final Pattern KEY = Pattern.compile("^[a-z0-9]([a-z0-9-]{0,62}[a-z0-9])?$");

    private final List<ConfigSection> sections;
    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final TransactionTemplate reads;
    private final SecretReferences secrets;
    private final JsonMapper json;

    ConfigService(
            List<ConfigSection> sections,
            JdbcClient jdbc,
            PlatformTransactionManager transactionManager,
            SecretReferences secrets,
            JsonMapper json) {
        this.sections = sections.stream()
                .sorted(Comparator.comparingInt(section -> section.kind().order()))
                .toList();
        this.jdbc = jdbc;
        this.transactions = new TransactionTemplate(transactionManager);
        this.reads = new TransactionTemplate(transactionManager);
        this.reads.setReadOnly(true);
        // One snapshot: an object and the keys its references name are read as of the same moment.
        this.reads.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
        this.secrets = secrets;
        this.json = json;
    }

    /** The whole configuration and its etag. */
    Snapshot export() {
        return reads.execute(status -> snapshot(new ConfigKeys(jdbc, sections)));
    }

    /** What applying {@code document} would do, computed by applying it and rolling back. */
    Plan plan(ObjectNode document, boolean prune) {
        return transactions.execute(status -> {
            status.setRollbackOnly();
            return run(document, prune, null, false);
        });
    }

    /** Applies {@code document}; a 412 when {@code ifMatch} (if given) is not the configuration's etag. */
    Plan apply(ObjectNode document, boolean prune, String ifMatch) {
        Plan plan = transactions.execute(status -> run(document, prune, ifMatch, true));
        log.info(
                "[CONFIG] applied: {} created, {} updated, {} deleted",
                plan.summary().create(),
                plan.summary().update(),
                plan.summary().delete());
        return plan;
    }

    private Plan run(ObjectNode document, boolean prune, String ifMatch, boolean applying) {
        jdbc.sql("SELECT pg_advisory_xact_lock(hashtext('health-monitor.config'))")
                .query(row -> {});
        ConfigKeys keys = new ConfigKeys(jdbc, sections);
        Snapshot before = snapshot(keys);
        if (applying && ifMatch != null && !matches(ifMatch, before.etag())) {
            throw new ConfigStateChangedException(ifMatch, before.etag());
        }
        Map<String, List<Entry>> entries = entries(document);
        if (prune) {
            // References may only name objects that stay: those pruned are unknown keys from the start.
            entries.forEach(
                    (section, given) -> pruned(section, given, before).forEach(key -> keys.remove(section, key)));
        }
        List<Change> changes = new ArrayList<>();
        int unchanged = 0;
        for (ConfigSection section : sections) {
            List<Entry> given = entries.get(section.kind().name());
            if (given == null) {
                continue;
            }
            Map<String, Stored> stored = before.objects().get(section.kind().name());
            given = parentsFirst(section, given);
            keys.declare(section.kind().name(), given.stream().map(Entry::key).toList());
            for (Pending pending : prepare(section, given, stored, keys)) {
                Entry entry = pending.entry();
                if (pending.stored() == null) {
                    long id = write(entry, pending.prepared());
                    jdbc.sql("UPDATE " + section.kind().name() + " SET key = :key WHERE id = :id")
                            .param("key", entry.key())
                            .param("id", id)
                            .update();
                    keys.add(section.kind().name(), entry.key(), id);
                    changes.add(new Change(Action.CREATE, section.kind().name(), entry.key(), List.of()));
                } else if (pending.prepared().changed()) {
                    write(entry, pending.prepared());
                    changes.add(new Change(
                            Action.UPDATE,
                            section.kind().name(),
                            entry.key(),
                            fields(
                                    pending.stored().document(),
                                    pending.prepared().document())));
                } else {
                    unchanged++;
                }
            }
        }
        int deleted = 0;
        if (prune) {
            for (ConfigSection section : sections.reversed()) {
                List<Entry> given = entries.get(section.kind().name());
                if (given == null) {
                    continue; // a kind the document leaves out is not managed by it
                }
                Map<String, Stored> stored = before.objects().get(section.kind().name());
                for (String key : pruned(section.kind().name(), given, before)) {
                    section.delete(stored.get(key).id());
                    changes.add(new Change(Action.DELETE, section.kind().name(), key, List.of()));
                    deleted++;
                }
            }
        }
        int created =
                (int) changes.stream().filter(c -> c.action() == Action.CREATE).count();
        Plan.Summary summary = new Plan.Summary(created, changes.size() - created - deleted, deleted, unchanged);
        String etag = applying ? snapshot(new ConfigKeys(jdbc, sections)).etag() : before.etag();
        return new Plan(etag, prune, changes, summary);
    }

    /** Every object of one kind checked; all their violations at once, each naming its object's key. */
    private List<Pending> prepare(
            ConfigSection section, List<Entry> given, Map<String, Stored> stored, ConfigKeys keys) {
        List<FieldViolation> violations = new ArrayList<>();
        List<Pending> prepared = new ArrayList<>();
        for (Entry entry : given) {
            Stored current = stored.get(entry.key());
            List<FieldViolation> own = new ArrayList<>();
            secrets.resolve(entry.fields(), section.kind().secretFields(), current == null, own);
            if (own.isEmpty()) {
                try {
                    prepared.add(new Pending(entry, current, section.prepare(entry.fields(), current, keys)));
                } catch (InvalidRequestException e) {
                    own.addAll(e.violations());
                }
            }
            own.forEach(v -> violations.add(new FieldViolation(entry.name() + "." + v.field(), v.message())));
        }
        if (!violations.isEmpty()) {
            throw new InvalidRequestException(violations);
        }
        return prepared;
    }

    /**
     * The entries ordered so that each comes after those of the same kind it names in its {@link
     * ConfigSection#ownReferences} (and otherwise as given): a new monitor's dependencies exist when it is written. A
     * cycle among them is a 400 naming the first entry on it.
     */
    private static List<Entry> parentsFirst(ConfigSection section, List<Entry> given) {
        String field = section.ownReferences();
        if (field == null) {
            return given;
        }
        Map<String, Entry> byKey = new HashMap<>();
        given.forEach(entry -> byKey.put(entry.key(), entry));
        List<Entry> ordered = new ArrayList<>(given.size());
        Set<String> placed = new HashSet<>();
        for (Entry entry : given) {
            place(entry, field, byKey, new ArrayList<>(), placed, ordered);
        }
        return ordered;
    }

    private static void place(
            Entry entry,
            String field,
            Map<String, Entry> byKey,
            List<String> path,
            Set<String> placed,
            List<Entry> ordered) {
        if (placed.contains(entry.key())) {
            return;
        }
        int at = path.indexOf(entry.key());
        if (at >= 0) {
            List<String> cycle = new ArrayList<>(path.subList(at, path.size()));
            cycle.add(entry.key());
            throw new InvalidRequestException(List.of(new FieldViolation(
                    byKey.get(cycle.getFirst()).name() + "." + field,
                    "would form a cycle " + String.join(" -> ", cycle))));
        }
        path.add(entry.key());
        JsonNode named = entry.fields().get(field);
        if (named != null && named.isArray()) {
            for (JsonNode key : named) {
                Entry parent = key.isString() ? byKey.get(key.asString()) : null;
                if (parent != null) {
                    place(parent, field, byKey, path, placed, ordered);
                }
            }
        }
        path.removeLast();
        placed.add(entry.key());
        ordered.add(entry);
    }

    /** Writes an object; what the service still refuses (a rule that needs the rows) names the object too. */
    private static long write(Entry entry, Prepared prepared) {
        try {
            return prepared.write();
        } catch (InvalidRequestException e) {
            throw new InvalidRequestException(e.violations().stream()
                    .map(v -> new FieldViolation(entry.name() + "." + v.field(), v.message()))
                    .toList());
        } catch (DataIntegrityViolationException e) {
            throw new InvalidRequestException(
                    List.of(new FieldViolation(entry.name(), "breaks a constraint of the stored configuration")));
        }
    }

    /** The keys of a kind's stored objects that the document leaves out, in key order. */
    private static List<String> pruned(String section, List<Entry> given, Snapshot before) {
        Set<String> named = new HashSet<>();
        given.forEach(entry -> named.add(entry.key()));
        return before.objects().get(section).keySet().stream()
                .filter(key -> !named.contains(key))
                .toList();
    }

    /** The document's objects by kind, keys checked; a kind it leaves out has no entry. */
    private Map<String, List<Entry>> entries(ObjectNode document) {
        Map<String, ConfigSection> byName = new LinkedHashMap<>();
        sections.forEach(section -> byName.put(section.kind().name(), section));
        List<FieldViolation> violations = new ArrayList<>();
        Map<String, List<Entry>> entries = new HashMap<>();
        for (Map.Entry<String, JsonNode> property : document.properties()) {
            String name = property.getKey();
            JsonNode value = property.getValue();
            if (name.equals("version")) {
                if (!value.isIntegralNumber() || value.asLong() != VERSION) {
                    violations.add(new FieldViolation("version", "must be " + VERSION));
                }
            } else if (!byName.containsKey(name)) {
                violations.add(new FieldViolation(
                        name, "is not a known field: version, " + String.join(", ", byName.keySet())));
            } else if (!value.isArray()) {
                violations.add(new FieldViolation(name, "must be a list (an empty one is [])"));
            } else {
                entries.put(name, entries(name, (ArrayNode) value, violations));
            }
        }
        if (!violations.isEmpty()) {
            throw new InvalidRequestException(violations);
        }
        return entries;
    }

    private static List<Entry> entries(String section, ArrayNode list, List<FieldViolation> violations) {
        List<Entry> entries = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < list.size(); i++) {
            String position = section + "[" + i + "]";
            if (!(list.get(i) instanceof ObjectNode object)) {
                violations.add(new FieldViolation(position, "must be a mapping with a key"));
                continue;
            }
            JsonNode key = object.get("key");
            if (key == null || !key.isString() || key.asString().isBlank()) {
                violations.add(new FieldViolation(position + ".key", "is required"));
            } else if (!KEY.matcher(key.asString()).matches()) {
                violations.add(new FieldViolation(
                        position + ".key",
                        "must be 1 to 64 lowercase letters, digits and hyphens, starting and ending with a letter or"
                                + " digit"));
            } else if (seen.containsKey(key.asString())) {
                violations.add(new FieldViolation(
                        position + ".key",
                        key.asString() + " is also the key of " + section + "[" + seen.get(key.asString()) + "]"));
            } else {
                seen.put(key.asString(), i);
                ObjectNode fields = object.deepCopy();
                fields.remove("key");
                entries.add(new Entry(key.asString(), section + "[" + key.asString() + "]", fields));
            }
        }
        return entries;
    }

    /**
     * The configuration as a document (kinds in writing order, objects by key) and its etag, a hash of every object's
     * document form and version: any change of the configuration, a secret's included, changes it; the state the
     * worker writes (status, last check) does not. Secrets themselves are never hashed.
     */
    private Snapshot snapshot(ConfigKeys keys) {
        ObjectNode document = json.createObjectNode();
        document.put("version", VERSION);
        MessageDigest digest = sha256();
        Map<String, Map<String, Stored>> objects = new HashMap<>();
        for (ConfigSection section : sections) {
            Map<String, Stored> byKey = new TreeMap<>();
            for (Stored stored : section.stored(keys)) {
                byKey.put(keys.keys(section.kind().name(), List.of(stored.id())).getFirst(), stored);
            }
            ArrayNode list = document.putArray(section.kind().name());
            byKey.forEach((key, stored) -> {
                ObjectNode entry = list.addObject();
                entry.put("key", key);
                entry.setAll(stored.document());
                digest.update((section.kind().name() + "\n" + key + "\n" + stored.version() + "\n")
                        .getBytes(StandardCharsets.UTF_8));
                digest.update(json.writeValueAsBytes(stored.document()));
            });
            objects.put(section.kind().name(), byKey);
        }
        String etag = "\"" + HexFormat.of().formatHex(digest.digest()) + "\"";
        return new Snapshot(document, objects, etag);
    }

    /** An If-Match header (one or more etags, or *) against the current etag; weak or strong compare alike. */
    static boolean matches(String ifMatch, String etag) {
        for (String candidate : ifMatch.split(",")) {
            String tag = candidate.strip();
            if (tag.startsWith("W/")) {
                tag = tag.substring(2);
            }
            if (tag.equals("*") || tag.equals(etag) || ("\"" + tag + "\"").equals(etag)) {
                return true;
            }
        }
        return false;
    }

    /** The top-level fields whose values differ; a change only in secrets, which both sides show masked, as one. */
    private List<FieldChange> fields(ObjectNode before, ObjectNode after) {
        Set<String> names = new LinkedHashSet<>();
        before.properties().forEach(p -> names.add(p.getKey()));
        after.properties().forEach(p -> names.add(p.getKey()));
        List<FieldChange> fields = new ArrayList<>();
        for (String name : names) {
            if (!Objects.equals(before.get(name), after.get(name))) {
                fields.add(new FieldChange(name, before.get(name), after.get(name)));
            }
        }
        if (fields.isEmpty()) {
            fields.add(new FieldChange(
                    "secrets", json.valueToTree(SecretReferences.MASK), json.valueToTree("changed, masked")));
        }
        return fields;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The configuration as a document, its objects by kind and key, and its etag. */
    record Snapshot(ObjectNode document, Map<String, Map<String, Stored>> objects, String etag) {}

    /** An object of the document: its key, its name in violations ({@code monitors[orders-api]}), its other fields. */
    private record Entry(String key, String name, ObjectNode fields) {}

    private record Pending(Entry entry, Stored stored, Prepared prepared) {}
}
