package com.healthmonitor.api.statuspage;

import java.util.List;

/**
 * A validated status page: its entries in display order, each with its group (null when ungrouped), and its tag
 * groups.
 */
record StatusPageSettings(
        String slug, String title, String description, List<Entry> entries, List<TagGroup> tagGroups) {

    /** {@code field} is where the request named the monitor, for error messages. */
    record Entry(long monitorId, String group, String field) {}

    /**
     * A group of the monitors tagged {@code tag}, shown before the entry at {@code position}; {@code ordinal} is its
     * index among the page's groups.
     */
    record TagGroup(String name, String tag, int position, int ordinal) {}
}
