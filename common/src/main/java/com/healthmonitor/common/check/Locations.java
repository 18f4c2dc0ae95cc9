package com.healthmonitor.common.check;

import java.util.regex.Pattern;

/**
 * Where checks run: each worker runs in one named location ({@code WORKER_LOCATION}), each location has its own check
 * queue, and a monitor lists the locations that check it. A name is lowercase letters, digits and hyphens, 1 to 32
 * characters.
 */
public final class Locations {

    /** The location of a worker that names none, and of every monitor that lists none. */
    public static final String DEFAULT = "default";

    /** The header each HTTP check carries, naming the location it is made from. */
    public static final String HEADER = "X-Health-Monitor-Location";

    /** How many locations a monitor may list. */
    public static final int MAX_PER_MONITOR = 10;

    private static final Pattern NAME = Pattern.compile("[a-z0-9-]{1,32}");

    private Locations() {}

    public static boolean isValid(String name) {
        return name != null && NAME.matcher(name).matches();
    }

    public static String requireValid(String name) {
        if (!isValid(name)) {
            throw new IllegalArgumentException("a location is 1-32 lowercase letters, digits and hyphens, was " + name);
        }
        return name;
    }
}
