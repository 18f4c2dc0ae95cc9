package com.healthmonitor.api.statuspage;

import java.util.List;

/**
 * A validated status page: its entries in display order, each with its group (null when ungrouped).
 */
record StatusPageSettings(String slug, String title, String description, List<Entry> entries) {

    /** {@code field} is where the request named the monitor, for error messages. */
    record Entry(long monitorId, String group, String field) {}
}
