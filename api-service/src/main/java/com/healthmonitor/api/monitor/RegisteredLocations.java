package com.healthmonitor.api.monitor;

import com.healthmonitor.common.check.Locations;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The locations the schedulers registered at start-up (table {@code locations}); {@code default} is always known, so
 * monitors that list nothing else never depend on it.
 */
@Repository
class RegisteredLocations implements KnownLocations {

    private final JdbcClient jdbc;

    RegisteredLocations(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public List<String> unknown(Collection<String> names) {
        List<String> others =
                names.stream().filter(name -> !name.equals(Locations.DEFAULT)).toList();
        if (others.isEmpty()) {
            return List.of();
        }
        Set<String> known = Set.copyOf(jdbc.sql("SELECT name FROM locations WHERE name = ANY (CAST(:names AS text[]))")
                .param("names", others.toArray(String[]::new))
                .query(String.class)
                .list());
        return others.stream().filter(name -> !known.contains(name)).toList();
    }
}
