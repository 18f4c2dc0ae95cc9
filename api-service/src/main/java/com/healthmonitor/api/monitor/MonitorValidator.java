package com.healthmonitor.api.monitor;

import com.healthmonitor.api.monitor.CheckSettingsValidator.CheckSettings;
import com.healthmonitor.api.web.FieldChecks;
import com.healthmonitor.api.web.FieldViolation;
import com.healthmonitor.api.web.InvalidRequestException;
import com.healthmonitor.api.web.MonitorTags;
import com.healthmonitor.api.web.TargetUrls;
import com.healthmonitor.common.check.CheckTarget;
import com.healthmonitor.common.check.Locations;
import com.healthmonitor.common.check.MonitorType;
import com.healthmonitor.common.check.StatusCodes;
import com.healthmonitor.common.net.PrivateTargetsProperties;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * The rules a monitor's configuration must follow. Every broken rule is reported at once, each naming its
 * field; the database's CHECK constraints mirror these rules.
 */
@Component
class MonitorValidator {

    static final int DEFAULT_CHECK_INTERVAL = 60;
    static final int DEFAULT_TIMEOUT = 5;
    static final int DEFAULT_EXPECTED_STATUS = 200;
    static final int MAX_NAME_LENGTH = 200;
    static final int MAX_TIMEOUT = 60;

    private final MonitorProperties properties;
    private final boolean allowPrivateTargets;
    private final CheckSettingsValidator checkSettings = new CheckSettingsValidator();
    private final TargetValidator targets;
    private final KnownLocations knownLocations;

    MonitorValidator(
            MonitorProperties properties, PrivateTargetsProperties privateTargets, KnownLocations knownLocations) {
        this.properties = properties;
        this.knownLocations = knownLocations;
        this.allowPrivateTargets = privateTargets.allowPrivateTargets();
        this.targets = new TargetValidator(allowPrivateTargets, properties.minCheckInterval());
    }

    /** Validates a request and applies the defaults. */
    MonitorSettings validate(MonitorRequest request) {
        List<FieldViolation> violations = new ArrayList<>();
        MonitorType type = TargetValidator.type(request, violations);
        if (type != null) {
            TargetValidator.refuseForeignFields(type, request, violations);
        }
        String name = FieldChecks.requiredName(request.name(), MAX_NAME_LENGTH, violations);

        CheckTarget target = null;
        if (type == MonitorType.HTTP) {
            if (request.url() == null || request.url().isBlank()) {
                violations.add(new FieldViolation("url", "is required"));
            } else {
                checkUrl("url", request.url(), false, violations);
            }
        } else if (type != null) {
            target = targets.validate(type, request, violations);
        }

        int checkInterval = valueOr(request.checkInterval(), DEFAULT_CHECK_INTERVAL);
        boolean intervalValid =
                checkInterval >= properties.minCheckInterval() && checkInterval <= MonitorProperties.MAX_CHECK_INTERVAL;
        if (!intervalValid) {
            violations.add(new FieldViolation(
                    "check_interval",
                    "must be between " + properties.minCheckInterval() + " and " + MonitorProperties.MAX_CHECK_INTERVAL
                            + " seconds"));
        }

        int timeout = valueOr(request.timeout(), DEFAULT_TIMEOUT);
        if (timeout < 1 || timeout > MAX_TIMEOUT) {
            violations.add(new FieldViolation("timeout", "must be between 1 and 60 seconds"));
        } else if (intervalValid && timeout >= checkInterval) {
            violations.add(new FieldViolation("timeout", "must be less than check_interval (" + checkInterval + ")"));
        }

        Integer expectedStatusCode = null;
        List<String> expectedStatusCodes = null;
        if (request.expectedStatusCode() != null && request.expectedStatusCodes() != null) {
            violations.add(new FieldViolation(
                    "expected_status_codes", "cannot be sent together with expected_status_code; send one"));
        } else if (request.expectedStatusCodes() != null) {
            expectedStatusCodes = request.expectedStatusCodes().stream()
                    .map(code -> code == null ? null : code.strip())
                    .toList();
            try {
                StatusCodes.parse(expectedStatusCodes);
            } catch (IllegalArgumentException e) {
                violations.add(new FieldViolation("expected_status_codes", e.getMessage()));
            }
        } else {
            expectedStatusCode = valueOr(request.expectedStatusCode(), DEFAULT_EXPECTED_STATUS);
            if (expectedStatusCode < 100 || expectedStatusCode > 599) {
                violations.add(new FieldViolation("expected_status_code", "must be between 100 and 599"));
            }
        }

        String webhookUrl = request.webhookUrl() == null || request.webhookUrl().isBlank()
                ? null
                : request.webhookUrl().strip();
        if (webhookUrl != null) {
            checkUrl("webhook_url", webhookUrl, !allowPrivateTargets, violations);
        }

        CheckSettings check = checkSettings.validate(request, violations);
        List<String> tags = MonitorTags.validate(request.tags(), violations);
        List<String> locations = locations(request.locations(), type, violations);
        int minFailingLocations = valueOr(request.minFailingLocations(), 1);
        if (locations != null && (minFailingLocations < 1 || minFailingLocations > locations.size())) {
            violations.add(new FieldViolation(
                    "min_failing_locations",
                    "must be between 1 and the number of locations (" + locations.size() + ")"));
        }

        if (!violations.isEmpty()) {
            throw new InvalidRequestException(violations);
        }
        boolean enabled = request.enabled() == null || request.enabled();
        boolean heartbeat = type == MonitorType.HEARTBEAT;
        return new MonitorSettings(
                name,
                type == MonitorType.HTTP ? request.url().strip() : null,
                checkInterval,
                timeout,
                expectedStatusCode,
                webhookUrl,
                enabled,
                check.method(),
                check.headers(),
                check.body(),
                check.contentType(),
                expectedStatusCodes,
                check.assertions(),
                check.followRedirects(),
                check.tlsExpiryDays(),
                // A heartbeat reports once a period: its first missed period or reported failure is the incident.
                heartbeat && check.failThreshold() == null ? Integer.valueOf(1) : check.failThreshold(),
                heartbeat && check.successThreshold() == null ? Integer.valueOf(1) : check.successThreshold(),
                type,
                target,
                tags,
                locations,
                minFailingLocations);
    }

    /** The locations as given, or {@code [default]}; null (and a violation) when they break a rule. */
    private List<String> locations(List<String> given, MonitorType type, List<FieldViolation> violations) {
        if (given == null) {
            return List.of(Locations.DEFAULT);
        }
        int before = violations.size();
        if (given.isEmpty() || given.size() > Locations.MAX_PER_MONITOR) {
            violations.add(
                    new FieldViolation("locations", "must list 1 to " + Locations.MAX_PER_MONITOR + " locations"));
        }
        Set<String> seen = new HashSet<>();
        for (String name : given) {
            if (!Locations.isValid(name)) {
                violations.add(new FieldViolation(
                        "locations",
                        "'" + name + "' is not a location name: 1-32 lowercase letters, digits and hyphens"));
            } else if (!seen.add(name)) {
                violations.add(new FieldViolation("locations", "lists '" + name + "' twice"));
            }
        }
        if (type == MonitorType.HEARTBEAT && !given.equals(List.of(Locations.DEFAULT))) {
            violations.add(
                    new FieldViolation("locations", "a heartbeat receives its pings in one place: only [\"default\"]"));
        }
        if (violations.size() == before) {
            List<String> unknown = knownLocations.unknown(given);
            if (!unknown.isEmpty()) {
                violations.add(new FieldViolation(
                        "locations",
                        "no scheduler has a queue for " + String.join(", ", unknown) + " (LOCATION_QUEUES)"));
            }
        }
        return violations.size() == before ? List.copyOf(given) : null;
    }

    private void checkUrl(String field, String value, boolean httpsOnly, List<FieldViolation> violations) {
        TargetUrls.check(field, value, httpsOnly, allowPrivateTargets, violations);
    }

    private static int valueOr(Integer value, int defaultValue) {
        return value == null ? defaultValue : value;
    }
}
