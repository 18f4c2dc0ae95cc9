package com.healthmonitor.api.statuspage;

import java.time.Instant;
import java.util.List;

/** A status page in API responses, in the shape it was written; {@code key} names it in {@code /config}. */
record StatusPageResponse(
        long id,
        String key,
        String slug,
        String title,
        String description,
        List<Long> monitorIds,
        List<Group> groups,
        String publicUrl,
        Instant createdAt,
        Instant updatedAt) {

    /** A listed group has {@code monitor_ids}, a tag group its {@code tag} (and no ids: they change with the tags). */
    record Group(String name, List<Long> monitorIds, String tag) {}
}
