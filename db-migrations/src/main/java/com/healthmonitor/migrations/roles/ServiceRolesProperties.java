package com.healthmonitor.migrations.roles;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The database roles of the services, created and granted by the migration task when {@code enabled}
 * ({@code DATABASE_SERVICE_ROLES}): with {@code iamAuth} they log in with RDS IAM tokens, otherwise with the
 * passwords given here ({@code DATABASE_API_PASSWORD}, ...), which the deployment keeps in Secrets Manager.
 */
@ConfigurationProperties("health-monitor.database.service-roles")
record ServiceRolesProperties(boolean enabled, boolean iamAuth, Role api, Role scheduler, Role worker) {

    /** What PostgreSQL accepts unquoted; the names are spliced into the roles script as placeholders. */
    private static final Pattern ROLE_NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

    private static final int MIN_PASSWORD_LENGTH = 16;

    ServiceRolesProperties {
        if (enabled) {
            for (Map.Entry<String, Role> entry :
                    byService(api, scheduler, worker).entrySet()) {
                validate(entry.getKey(), entry.getValue(), iamAuth);
            }
        }
    }

    /** The roles by service name (api, scheduler, worker). */
    Map<String, Role> roles() {
        return byService(api, scheduler, worker);
    }

    private static Map<String, Role> byService(Role api, Role scheduler, Role worker) {
        Map<String, Role> roles = new LinkedHashMap<>();
        roles.put("api", api);
        roles.put("scheduler", scheduler);
        roles.put("worker", worker);
        return roles;
    }

    private static void validate(String service, Role role, boolean iamAuth) {
        String variable = "DATABASE_" + service.toUpperCase(java.util.Locale.ROOT);
        if (role == null
                || role.name() == null
                || !ROLE_NAME.matcher(role.name()).matches()) {
            throw new IllegalArgumentException(variable + "_ROLE must be a lowercase PostgreSQL role name");
        }
        if (!iamAuth && (role.password() == null || role.password().length() < MIN_PASSWORD_LENGTH)) {
            throw new IllegalArgumentException(variable + "_PASSWORD must be set (at least " + MIN_PASSWORD_LENGTH
                    + " characters) when DATABASE_SERVICE_ROLES is on without DATABASE_SERVICE_ROLES_IAM_AUTH");
        }
    }

    /** One service's login role; the password is null with IAM authentication. */
    record Role(String name, String password) {

        @Override
        public String toString() {
            return "Role[name=" + name + ", password=" + (password == null ? "none" : "****") + "]";
        }
    }
}
