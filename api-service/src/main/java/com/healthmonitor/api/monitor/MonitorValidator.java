package com.healthmonitor.api.monitor;

import com.healthmonitor.api.monitor.CheckSettingsValidator.CheckSettings;
import com.healthmonitor.api.web.FieldChecks;
import com.healthmonitor.api.web.FieldViolation;
import com.healthmonitor.api.web.InvalidRequestException;
import com.healthmonitor.api.web.MonitorTags;
import com.healthmonitor.api.web.TargetUrls;
import com.healthmonitor.common.check.CheckTarget;
import com.healthmonitor.common.check.MonitorType;
import com.healthmonitor.common.check.StatusCodes;
import com.healthmonitor.common.net.PrivateTargetsProperties;
import java.util.ArrayList;
import java.util.List;
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

    MonitorValidator(MonitorProperties properties, PrivateTargetsProperties privateTargets) {
        this.properties = properties;
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
                tags);
    }

    private void checkUrl(String field, String value, boolean httpsOnly, List<FieldViolation> violations) {
        TargetUrls.check(field, value, httpsOnly, allowPrivateTargets, violations);
    }

    private static int valueOr(Integer value, int defaultValue) {
        return value == null ? defaultValue : value;
    }
}
