package com.healthmonitor.api.monitor;

import com.healthmonitor.api.web.FieldViolation;
import com.healthmonitor.api.web.InvalidRequestException;
import java.util.ArrayList;
import java.util.List;

/** A create or replace request that passed both validations: its settings, defaults applied, and its alerting. */
record Validated(MonitorSettings settings, MonitorAlerting alerting) {

    /** Both validations of a request, every broken rule reported at once. */
    static Validated of(
            MonitorRequest request, MonitorValidator validator, MonitorAlertingValidator alertingValidator) {
        List<FieldViolation> violations = new ArrayList<>();
        MonitorSettings settings = null;
        MonitorAlerting alerting = null;
        try {
            settings = validator.validate(request);
        } catch (InvalidRequestException e) {
            violations.addAll(e.violations());
        }
        try {
            alerting = alertingValidator.validate(request);
        } catch (InvalidRequestException e) {
            violations.addAll(e.violations());
        }
        if (!violations.isEmpty()) {
            throw new InvalidRequestException(violations);
        }
        return new Validated(settings, alerting);
    }
}
