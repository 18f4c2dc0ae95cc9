package com.healthmonitor.api.statuspage;

import com.healthmonitor.api.statuspage.StatusPageSettings.TagGroup;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The order of a page's groups as they were written: a listed group stands where its first monitor was written, a tag
 * group at the position it was written at (before the listed monitor written next, so first on a tie).
 */
final class PageLayout {

    /** A group in page order: {@code tag} is null for a listed group. */
    record Placed(String name, String tag) {}

    private PageLayout() {}

    /** @param listedStarts each listed group's name and the position of its first monitor */
    static List<Placed> order(Map<String, Integer> listedStarts, List<TagGroup> tagGroups) {
        record Keyed(Placed group, int position, int tie) {}
        List<Keyed> keyed = new ArrayList<>();
        listedStarts.forEach((name, start) -> keyed.add(new Keyed(new Placed(name, null), start, 1)));
        tagGroups.forEach(group -> keyed.add(new Keyed(new Placed(group.name(), group.tag()), group.position(), 0)));
        return keyed.stream()
                .sorted(Comparator.comparingInt(Keyed::position).thenComparingInt(Keyed::tie))
                .map(Keyed::group)
                .toList();
    }
}
