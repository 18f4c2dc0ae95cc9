package com.healthmonitor.api.monitor;

import java.util.Collection;
import java.util.List;

/** The locations a monitor may list: those a scheduler has a check queue for. */
interface KnownLocations {

    /** Every location is known: for validations that do not ask the database. */
    KnownLocations ANY = names -> List.of();

    /** The names among {@code names} that no scheduler registered, in the order given. */
    List<String> unknown(Collection<String> names);
}
