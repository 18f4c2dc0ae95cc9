package com.healthmonitor.migrations.roles;

import java.sql.SQLException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.flywaydb.core.api.Location;
import org.flywaydb.core.api.callback.BaseCallback;
import org.flywaydb.core.api.callback.Callback;
import org.flywaydb.core.api.callback.Context;
import org.flywaydb.core.api.callback.Event;
import org.postgresql.PGConnection;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.flyway.autoconfigure.FlywayConfigurationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Adds the service roles script ({@code db/service-roles}) to the migration when
 * {@code health-monitor.database.service-roles.enabled}, and sets the roles' passwords after it. Off by default, so
 * local runs and tests keep one user for everything.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty("health-monitor.database.service-roles.enabled")
@EnableConfigurationProperties(ServiceRolesProperties.class)
class ServiceRolesConfiguration {

    static final String LOCATION = "classpath:db/service-roles";

    @Bean
    FlywayConfigurationCustomizer serviceRolesScript(ServiceRolesProperties roles) {
        return configuration -> {
            configuration.locations(
                    Stream.concat(Arrays.stream(configuration.getLocations()), Stream.of(new Location(LOCATION)))
                            .toArray(Location[]::new));
            Map<String, String> placeholders = new HashMap<>(configuration.getPlaceholders());
            roles.roles().forEach((service, role) -> placeholders.put(service + "_role", role.name()));
            placeholders.put("iam_auth", Boolean.toString(roles.iamAuth()));
            // A new value on every run changes the script's checksum, so Flyway applies it on every run.
            placeholders.put("run_id", UUID.randomUUID().toString());
            configuration.placeholders(placeholders);
        };
    }

    @Bean
    Callback serviceRolePasswords(ServiceRolesProperties roles) {
        return new ServiceRolePasswords(roles);
    }

    /**
     * Sets each role's password after the migration, on every run, so a password changed in Secrets Manager takes
     * effect with the next migration task. The driver sends only the SCRAM verifier it computes: the password itself
     * appears in no statement, server log or error message.
     */
    static final class ServiceRolePasswords extends BaseCallback {

        private final ServiceRolesProperties roles;

        ServiceRolePasswords(ServiceRolesProperties roles) {
            this.roles = roles;
        }

        @Override
        public boolean supports(Event event, Context context) {
            return event == Event.AFTER_MIGRATE && !roles.iamAuth();
        }

        @Override
        public boolean canHandleInTransaction(Event event, Context context) {
            return true;
        }

        @Override
        public void handle(Event event, Context context) {
            try {
                PGConnection connection = context.getConnection().unwrap(PGConnection.class);
                for (ServiceRolesProperties.Role role : roles.roles().values()) {
                    connection.alterUserPassword(role.name(), role.password().toCharArray(), "scram-sha-256");
                }
            } catch (SQLException e) {
                throw new IllegalStateException("could not set the service roles' passwords: " + e.getMessage(), e);
            }
        }

        @Override
        public String getCallbackName() {
            return "service role passwords";
        }
    }
}
