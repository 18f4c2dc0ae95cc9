package com.healthmonitor.api.config;

import java.util.List;
import java.util.Set;
import tools.jackson.databind.node.ObjectNode;

/**
 * One kind of object in the configuration document (monitors, channels, ...), implemented by its feature package
 * with that feature's own validator and service, so a document is held to exactly the rules of the API. The document
 * names each object by its {@code key}, which this package handles; a section sees an object's other fields, in the
 * shape its API's request takes them, except that references to other objects are keys ({@link ConfigKeys}).
 */
public interface ConfigSection {

    /** What kind of objects the section holds. */
    Kind kind();

    /** Every object of this kind in the installation, in document form with its secrets masked. */
    List<Stored> stored(ConfigKeys keys);

    /**
     * Checks an object of the document as its API checks a request (throwing {@code InvalidRequestException} naming
     * the entry's fields), against the stored object of its key, null when it is new.
     */
    Prepared prepare(ObjectNode entry, Stored stored, ConfigKeys keys);

    void delete(long id);

    /**
     * The field whose keys name objects of this same kind (a monitor's {@code depends_on}), or null: the document's
     * objects are then written so that the objects they name come first, and a cycle among them is refused.
     */
    default String ownReferences() {
        return null;
    }

    /**
     * A kind of objects.
     *
     * @param name the document's list of them, e.g. {@code monitors}, and their table, whose {@code key} column names
     *     them
     * @param order kinds are written in ascending order, so that a kind follows the kinds it references, and pruned
     *     descending
     * @param secretFields the fields whose values are secrets ({@code url}, or {@code headers.*} for every property
     *     of {@code headers}): only these may be given as {@code ${env:NAME}}, and a new object may not give them
     *     masked
     */
    record Kind(String name, int order, Set<String> secretFields) {}

    /**
     * An object of the installation.
     *
     * @param document its fields without the key, as an export shows them
     * @param version changes whenever the object's stored configuration does, secrets included (which the document
     *     shows masked)
     */
    record Stored(long id, ObjectNode document, String version) {}

    /** An object of the document, checked. */
    interface Prepared {

        /** Its document form as an export would show it once written: defaults spelled out, secrets masked. */
        ObjectNode document();

        /** Whether writing it changes the installation: always for a new object; secrets are compared too. */
        boolean changed();

        /** Creates or replaces the object through its service; its id. */
        long write();
    }
}
