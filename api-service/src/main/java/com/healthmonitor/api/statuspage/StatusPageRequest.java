package com.healthmonitor.api.statuspage;

import java.util.List;

/**
 * A status page as clients write it: {@code monitor_ids} are shown first, ungrouped, then each group in order. Either
 * may be omitted. A group lists its monitors or names a {@code tag}: then it shows the monitors carrying that tag
 * when the page is read.
 */
record StatusPageRequest(
        String slug, String title, String description, List<Long> monitorIds, List<GroupRequest> groups) {

    record GroupRequest(String name, List<Long> monitorIds, String tag) {}
}
