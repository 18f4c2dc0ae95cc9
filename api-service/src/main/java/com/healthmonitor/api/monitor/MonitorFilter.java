package com.healthmonitor.api.monitor;

import com.healthmonitor.api.web.MonitorTags;
import com.healthmonitor.common.monitor.MonitorStatus;
import java.util.List;

/**
 * What {@code GET /monitors} lists; every filter given must hold.
 *
 * @param status one stored status, or null for any
 * @param tags tags that must all match ({@link MonitorTags}); none: any
 * @param search a case-insensitive substring of the name or the target; null: any
 */
record MonitorFilter(MonitorStatus status, List<String> tags, String search) {

    MonitorFilter {
        tags = List.copyOf(tags);
    }
}
