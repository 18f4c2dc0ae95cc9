package com.healthmonitor.migrations;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/** V23 gives the tag objectives already there an id and a key made from their tag, and new ones a key on insert. */
class TagSloKeysMigrationTest {

    @Test
    void existingTagObjectivesGetKeysFromTheirTagsAndNewOnesGetOneOnInsert() {
        DatabaseInUse database = DatabaseInUse.at("22");
        JdbcClient jdbc = database.jdbc;
        jdbc.sql("""
                        INSERT INTO tag_slos (tag, objective, period)
                        VALUES ('team:payments', 99.9, 'month'), ('team-payments', 99.5, 'quarter'),
                               ('critical', 99.99, 'rolling_30d')""").update();

        database.migrateToLatest();

        assertThat(jdbc.sql("SELECT tag || ' ' || key FROM tag_slos ORDER BY id")
                        .query(String.class)
                        .list())
                .containsExactly("team:payments team-payments-1", "team-payments team-payments-2", "critical critical");
        jdbc.sql("INSERT INTO tag_slos (tag, objective, period) VALUES ('env:prod', 99.0, 'month')")
                .update();
        assertThat(jdbc.sql("SELECT key FROM tag_slos WHERE tag = 'env:prod'")
                        .query(String.class)
                        .single())
                .isEqualTo("env-prod");
    }
}
