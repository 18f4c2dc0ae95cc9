package com.healthmonitor.migrations.roles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.healthmonitor.migrations.MigrationApplication;
import com.healthmonitor.testing.TestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.jdbc.DataSourceBuilder;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The service roles the migration task creates in a deployment: each logs in and does what its service does, and
 * is refused DDL and the tables its service does not use. Roles belong to the whole (embedded) server, so every
 * test names its own.
 */
class ServiceRolesMigrationTest {

    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    private static final String PASSWORD_PREFIX = "s3cret-password-of-";

    @BeforeAll
    static void passwordsCheckedAndRdsIamStandIn() throws IOException {
        JdbcClient server = admin(TestDatabase.server().getJdbcUrl(TestDatabase.USERNAME, "postgres"));
        // RDS has this role; the embedded server needs a stand-in for the IAM case.
        server.sql("DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'rds_iam') THEN"
                        + " CREATE ROLE rds_iam NOLOGIN; END IF; END $$")
                .update();
        // The embedded server trusts every login; make it check the passwords of this test's roles (names starting
        // with svc_), and only theirs, so that the other tests sharing the server are not affected.
        Path hba = Path.of(server.sql("SHOW hba_file").query(String.class).single());
        String rules = Files.readString(hba);
        String passwordRule = "host all /^svc_ all scram-sha-256\n";
        if (!rules.startsWith(passwordRule)) {
            Files.writeString(hba, passwordRule + rules);
            server.sql("SELECT pg_reload_conf()").query().listOfRows();
        }
    }

    @Test
    void apiRoleManagesTheConfigurationReadsHistoryAndIsRefusedTheRest() throws SQLException {
        Stack stack = migratedWithRoles();
        JdbcClient api = stack.login("api");

        long monitor = api.sql("""
                        INSERT INTO monitors (name, url, check_interval, timeout, expected_status_code)
                        VALUES ('m', 'https://example.com', 60, 5, 200) RETURNING id""").query(Long.class).single();
        api.sql("UPDATE monitors SET name = 'renamed' WHERE id = :id")
                .param("id", monitor)
                .update();
        api.sql("SELECT id FROM monitors WHERE id = :id FOR SHARE")
                .param("id", monitor)
                .query()
                .listOfRows();
        long channel = api.sql("""
                        INSERT INTO channels (name, type, url) VALUES ('c', 'slack', 'https://hooks.slack.com/x') RETURNING id""").query(Long.class).single();
        api.sql("INSERT INTO monitor_channels (monitor_id, channel_id) VALUES (:m, :c)")
                .param("m", monitor)
                .param("c", channel)
                .update();
        api.sql("SELECT * FROM channels WHERE id = :id FOR UPDATE")
                .param("id", channel)
                .query()
                .listOfRows();
        api.sql("""
                        INSERT INTO deliveries (kind, channel_id, channel_type, channel_name, stream, message, status,
                                                next_attempt_at)
                        VALUES ('TEST', :id, 'slack', 'c', 'channel:' || :id, '{}', 'PENDING', now())""").param("id", channel).update();
        api.sql("UPDATE daily_summary_settings SET channel_ids = array_remove(channel_ids, 1)")
                .update();
        api.sql("INSERT INTO status_pages (slug, title) VALUES ('status', 'Status')")
                .update();
        api.sql("INSERT INTO heartbeat_pings (monitor_id, kind, received_at) VALUES (:id, 'success', now())")
                .param("id", monitor)
                .update();
        assertRefused(api, "SELECT count(*) FROM heartbeat_pings");
        api.sql("SELECT * FROM monitor_downtime(NULL, now() - interval '1 day', now())")
                .query()
                .listOfRows();
        for (String read : List.of(
                "check_results",
                "check_rollups_hourly",
                "check_rollups_daily",
                "history_horizons",
                "status_changes",
                "maintenance_windows",
                "maintenance_window_monitors",
                "status_page_monitors")) {
            api.sql("SELECT count(*) FROM " + read).query(Long.class).single();
        }
        // Deleting a monitor runs the status_changes trigger with the api's rights, and the cascades.
        api.sql("DELETE FROM monitors WHERE id = :id").param("id", monitor).update();

        assertRefused(api, "CREATE TABLE stolen (id INT)");
        assertRefused(api, "DROP TABLE monitors");
        assertRefused(api, "ALTER TABLE monitors ADD COLUMN x INT");
        assertRefused(api, "TRUNCATE monitors");
        assertRefused(api, "SELECT count(*) FROM daily_summaries");
        assertRefused(api, "SELECT count(*) FROM flyway_schema_history");
        assertRefused(
                api,
                "INSERT INTO check_results (monitor_id, slot, checked_at, config_version, success,"
                        + " latency_ms) VALUES (1, now(), now(), 1, TRUE, 1)");
        assertRefused(api, "DELETE FROM check_rollups_daily");
        assertRefused(api, "SELECT create_check_results_partition(CURRENT_DATE + 20)");
    }

    @Test
    void schedulerRoleClaimsAndAdvancesMonitorsOnly() throws SQLException {
        Stack stack = migratedWithRoles();
        long monitor = stack.owner().sql("""
                        INSERT INTO monitors (name, url, check_interval, timeout, expected_status_code)
                        VALUES ('m', 'https://example.com', 60, 5, 200) RETURNING id""").query(Long.class).single();
        JdbcClient scheduler = stack.login("scheduler");

        assertThat(scheduler.sql("""
                                SELECT id FROM monitors WHERE enabled AND next_check_at <= now() + interval '1 day'
                                ORDER BY next_check_at LIMIT 10 FOR UPDATE SKIP LOCKED""").query(Long.class).list()).containsExactly(monitor);
        assertThat(scheduler.sql("""
                                UPDATE monitors SET next_check_at = next.slot
                                FROM unnest(CAST(ARRAY[:id] AS bigint[]), ARRAY[now() + interval '1 minute'])
                                    AS next (id, slot)
                                WHERE monitors.id = next.id""").param("id", monitor).update()).isEqualTo(1);
        // It registers the locations it has queues for, which the api reads.
        assertThat(scheduler.sql("""
                                INSERT INTO locations (name) SELECT unnest(CAST(ARRAY['eu-west-1'] AS text[]))
                                ON CONFLICT (name) DO UPDATE SET registered_at = now()""").update()).isEqualTo(1);
        assertThat(stack.login("api")
                        .sql("SELECT name FROM locations ORDER BY name")
                        .query(String.class)
                        .list())
                .containsExactly("default", "eu-west-1");

        assertRefused(scheduler, "UPDATE monitors SET url = 'http://169.254.169.254/'");
        assertRefused(scheduler, "DELETE FROM monitors");
        assertRefused(scheduler, "SELECT count(*) FROM channels");
        assertRefused(scheduler, "SELECT count(*) FROM check_results");
        assertRefused(scheduler, "CREATE TABLE stolen (id INT)");
    }

    @Test
    void workerRoleRecordsResultsAndMaintainsPartitionsThroughTheOwnersFunctions() throws SQLException {
        Stack stack = migratedWithRoles();
        long monitor = stack.owner().sql("""
                        INSERT INTO monitors (name, url, check_interval, timeout, expected_status_code)
                        VALUES ('m', 'https://example.com', 60, 5, 200) RETURNING id""").query(Long.class).single();
        JdbcClient worker = stack.login("worker");

        worker.sql("SELECT id FROM monitors WHERE id = ANY (ARRAY[:id]) ORDER BY id FOR UPDATE")
                .param("id", monitor)
                .query()
                .listOfRows();
        worker.sql("UPDATE monitors SET status = 'UP', consecutive_successes = 2 WHERE id = :id")
                .param("id", monitor)
                .update();
        worker.sql("""
                        INSERT INTO check_results (monitor_id, slot, checked_at, config_version, success, latency_ms)
                        VALUES (:id, now(), now(), 1, TRUE, 12) ON CONFLICT (monitor_id, slot, location) DO NOTHING""").param("id", monitor).update();
        worker.sql("""
                        INSERT INTO status_changes (monitor_id, old_status, new_status, changed_at, slot, reason,
                                                    delivery)
                        VALUES (:id, 'UNKNOWN', 'UP', now(), now(), 'first check', 'NONE')""").param("id", monitor).update();
        worker.sql("SELECT daily_rollups_until FROM history_horizons FOR UPDATE")
                .query()
                .listOfRows();
        worker.sql("DELETE FROM check_results_default WHERE ctid IN (SELECT ctid FROM check_results_default"
                        + " WHERE slot < now() - interval '400 days' LIMIT 10 FOR UPDATE SKIP LOCKED)")
                .update();
        worker.sql("INSERT INTO daily_summaries (summary_date, sent_by) VALUES (CURRENT_DATE, 'w')"
                        + " ON CONFLICT (summary_date) DO NOTHING")
                .update();
        worker.sql("DELETE FROM heartbeat_pings WHERE monitor_id = ANY (SELECT monitor_id FROM heartbeat_pings)")
                .update();
        for (String read : List.of(
                "channels",
                "monitor_channels",
                "deliveries",
                "maintenance_windows",
                "maintenance_window_monitors",
                "daily_summary_settings",
                "check_rollups_hourly",
                "check_rollups_daily")) {
            worker.sql("SELECT count(*) FROM " + read).query(Long.class).single();
        }

        LocalDate day = LocalDate.now(ZoneOffset.UTC).plusDays(40);
        String partition = worker.sql("SELECT create_check_results_partition(:day)")
                .param("day", day)
                .query(String.class)
                .single();
        assertThat(partition).isEqualTo("check_results_" + day.toString().replace("-", ""));
        assertThat(worker.sql("SELECT drop_check_results_partition(:p)")
                        .param("p", partition)
                        .query(Boolean.class)
                        .single())
                .isTrue();
        assertThat(stack.owner()
                        .sql("SELECT to_regclass(:p) IS NULL")
                        .param("p", partition)
                        .query(Boolean.class)
                        .single())
                .isTrue();

        assertRefused(worker, "SELECT drop_check_results_partition('monitors')");
        assertRefused(worker, "DROP TABLE check_results_default");
        assertRefused(worker, "CREATE TABLE stolen (id INT)");
        assertRefused(
                worker,
                "INSERT INTO monitors (name, url, check_interval, timeout, expected_status_code)"
                        + " VALUES ('x', 'https://example.com', 60, 5, 200)");
        assertRefused(worker, "UPDATE channels SET name = 'x'");
        assertRefused(worker, "SELECT count(*) FROM status_pages");
    }

    @Test
    void everyTableOfTheSchemaIsGrantedToAServiceOrDeliberatelyToNone() {
        Stack stack = migratedWithRoles();

        List<String> ungranted = stack.owner()
                .sql("""
                        SELECT c.relname FROM pg_class c
                        WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'p')
                          AND NOT c.relispartition AND c.relname <> 'flyway_schema_history'
                          AND NOT EXISTS (SELECT 1 FROM unnest(CAST(:roles AS text[])) AS r (name)
                                          WHERE has_table_privilege(r.name, c.oid, 'SELECT'))
                        ORDER BY 1""")
                .param("roles", stack.roles().toArray(String[]::new))
                .query(String.class)
                .list();

        // A table no service may read is either dead or missing from db/service-roles/R__service_roles.sql.
        assertThat(ungranted).isEmpty();
    }

    @Test
    void grantsAreAppliedAgainOnEveryRunSoALostGrantComesBack() throws SQLException {
        Stack stack = migratedWithRoles();
        stack.owner()
                .sql("REVOKE ALL ON monitors FROM " + stack.role("scheduler"))
                .update();
        assertRefused(stack.login("scheduler"), "SELECT count(*) FROM monitors");

        assertThat(MigrationApplication.run(stack.args())).isZero();

        stack.login("scheduler")
                .sql("SELECT count(*) FROM monitors")
                .query(Long.class)
                .single();
        assertThat(stack.owner()
                        .sql("SELECT count(*) FROM flyway_schema_history"
                                + " WHERE script = 'R__service_roles.sql' AND success")
                        .query(Long.class)
                        .single())
                .isEqualTo(2);
    }

    @Test
    void withIamAuthenticationTheRolesAreInRdsIamAndHaveNoPassword() {
        int n = SEQUENCE.incrementAndGet();
        String url = TestDatabase.newEmptyDatabase();
        List<String> args = new ArrayList<>(List.of(datasource(url)));
        args.add("--health-monitor.database.service-roles.enabled=true");
        args.add("--health-monitor.database.service-roles.iam-auth=true");
        for (String service : List.of("api", "scheduler", "worker")) {
            args.add("--health-monitor.database.service-roles." + service + ".name=svc_iam_" + service + "_" + n);
        }

        assertThat(MigrationApplication.run(args.toArray(String[]::new))).isZero();

        JdbcClient owner = admin(url);
        for (String service : List.of("api", "scheduler", "worker")) {
            String role = "svc_iam_" + service + "_" + n;
            assertThat(owner.sql("SELECT pg_has_role(:r, 'rds_iam', 'MEMBER')")
                            .param("r", role)
                            .query(Boolean.class)
                            .single())
                    .as(role)
                    .isTrue();
            assertThat(owner.sql("SELECT rolpassword IS NULL FROM pg_authid WHERE rolname = :r")
                            .param("r", role)
                            .query(Boolean.class)
                            .single())
                    .as(role)
                    .isTrue();
        }
    }

    @Test
    void offByDefaultSoLocalRunsKeepTheirSingleUser() {
        String url = TestDatabase.newEmptyDatabase();

        assertThat(MigrationApplication.run(datasource(url))).isZero();

        assertThat(admin(url)
                        .sql("SELECT count(*) FROM flyway_schema_history WHERE script LIKE 'R__%'")
                        .query(Long.class)
                        .single())
                .isZero();
    }

    @Test
    void refusesToRunWithRolesOnButWithoutTheirPasswords() {
        String url = TestDatabase.newEmptyDatabase();
        List<String> args = new ArrayList<>(List.of(datasource(url)));
        args.add("--health-monitor.database.service-roles.enabled=true");

        assertThat(MigrationApplication.run(args.toArray(String[]::new))).isEqualTo(1);
        assertThat(admin(url)
                        .sql("SELECT to_regclass('flyway_schema_history') IS NULL")
                        .query(Boolean.class)
                        .single())
                .isTrue();
    }

    private static Stack migratedWithRoles() {
        Stack stack = new Stack(TestDatabase.newEmptyDatabase(), SEQUENCE.incrementAndGet());
        assertThat(MigrationApplication.run(stack.args())).isZero();
        return stack;
    }

    private static void assertRefused(JdbcClient client, String sql) {
        assertThatThrownBy(() -> {
                    if (sql.startsWith("SELECT")) {
                        client.sql(sql).query().listOfRows();
                    } else {
                        client.sql(sql).update();
                    }
                })
                .as(sql)
                .rootCause()
                .hasMessageMatching("(?s).*(permission denied|must be owner|not a daily partition).*");
    }

    private static String[] datasource(String url) {
        return new String[] {
            "--spring.datasource.url=" + url,
            "--spring.datasource.username=" + TestDatabase.USERNAME,
            "--spring.datasource.password=" + TestDatabase.PASSWORD
        };
    }

    private static JdbcClient admin(String url) {
        return JdbcClient.create(DataSourceBuilder.create()
                .url(url)
                .username(TestDatabase.USERNAME)
                .password(TestDatabase.PASSWORD)
                .build());
    }

    /** A database migrated with its own three roles, named {@code svc_<service>_<n>}. */
    private record Stack(String url, int n) {

        String role(String service) {
            return "svc_" + service + "_" + n;
        }

        List<String> roles() {
            return List.of(role("api"), role("scheduler"), role("worker"));
        }

        String[] args() {
            List<String> args = new ArrayList<>(List.of(datasource(url)));
            args.add("--health-monitor.database.service-roles.enabled=true");
            for (String service : List.of("api", "scheduler", "worker")) {
                String prefix = "--health-monitor.database.service-roles." + service;
                args.add(prefix + ".name=" + role(service));
                args.add(prefix + ".password=" + PASSWORD_PREFIX + role(service));
            }
            return args.toArray(String[]::new);
        }

        JdbcClient owner() {
            return admin(url);
        }

        /** Logs in as the service's role with its password, as the service would. */
        JdbcClient login(String service) throws SQLException {
            String role = role(service);
            // The test database's URL names its superuser; a service's URL names no user.
            String serviceUrl = url.replaceAll("([?&])user=[^&]*&?", "$1").replaceAll("[?&]$", "");
            assertThatThrownBy(() -> DriverManager.getConnection(serviceUrl, role, "wrong-password-of-" + role))
                    .as("the server checks the role's password")
                    .hasMessageContaining("password authentication failed");
            try (Connection ignored = DriverManager.getConnection(serviceUrl, role, PASSWORD_PREFIX + role)) {
                // logged in with the password the migration set
            }
            return JdbcClient.create(DataSourceBuilder.create()
                    .url(serviceUrl)
                    .username(role)
                    .password(PASSWORD_PREFIX + role)
                    .build());
        }
    }
}
