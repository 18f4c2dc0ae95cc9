package com.healthmonitor.worker.check;

import com.healthmonitor.common.check.CheckAssertion;

/** Bodies and assertions a hostile monitor owner or target can combine, each measured unbounded on JDK 25. */
final class HostileBodies {

    /** The most of a body the worker reads. */
    static final int MIB = 1 << 20;

    private HostileBodies() {}

    /** A chain of objects 90 deep ending in an array of 90,000 numbers: about 180 KB of JSON. */
    static String deepChainWithWideEnd() {
        StringBuilder json = new StringBuilder("{\"n\":".repeat(90)).append('[');
        for (int i = 0; i < 90_000; i++) {
            json.append(i == 0 ? "" : ",").append(i % 10);
        }
        return json.append(']').append("}".repeat(90)).toString();
    }

    /** Nested filters over {@link #deepChainWithWideEnd}: 13 s unbounded (28 s with one more level). */
    static CheckAssertion.JsonPath nestedFilters() {
        return new CheckAssertion.JsonPath("$..*[?(@..*[?(@.q)])]", null, true, null, null);
    }

    /** 1 MiB of "a": a search for 999 "a" and a "b" compares about 10^9 characters, 2.5–3 s each. */
    static String letters() {
        return "a".repeat(MIB);
    }

    static CheckAssertion.BodyContains almostThere() {
        return new CheckAssertion.BodyContains("a".repeat(999) + "b");
    }

    /** 1 MiB of JSON: one string of "a…a!", the classic input for catastrophic backtracking. */
    static String backtrackingBait() {
        return "{\"a\":\"" + "a".repeat(MIB - 10) + "!\"}";
    }

    /** A regex filter stored before the API refused them ({@code (.*a){20}b} alone takes 42 s on 30 characters). */
    static CheckAssertion.JsonPath regexFilter(String pattern) {
        return new CheckAssertion.JsonPath("$[?(@.a =~ /" + pattern + "/)]", null, true, null, null);
    }

    /** Arrays nested 100,000 deep. */
    static String deeplyNested() {
        return "[".repeat(100_000) + "]".repeat(100_000);
    }
}
