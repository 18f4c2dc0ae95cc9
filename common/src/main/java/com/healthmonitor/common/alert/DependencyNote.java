package com.healthmonitor.common.alert;

import java.util.List;

/**
 * What alert dependencies add to a status change alert.
 *
 * @param alsoDown how many monitors behind this one (its dependants, directly or through others) are DOWN with
 *     their own alerts held back; 0 when none
 * @param alsoDownNames the first of their names, at most {@link #MAX_NAMES}
 * @param heldFor the dependency whose DOWN held this alert back until it recovered, null when none
 */
public record DependencyNote(int alsoDown, List<String> alsoDownNames, String heldFor) {

    public static final int MAX_NAMES = 10;

    public DependencyNote {
        alsoDownNames = alsoDownNames == null ? List.of() : List.copyOf(alsoDownNames);
    }

    /** A dependency's alert: {@code count} dependants down behind it, {@code names} the first of them. */
    public static DependencyNote alsoDown(int count, List<String> names) {
        return new DependencyNote(count, names, null);
    }

    /** A dependant's alert sent late: it was held back while {@code dependency} was DOWN. */
    public static DependencyNote heldFor(String dependency) {
        return new DependencyNote(0, List.of(), dependency);
    }
}
