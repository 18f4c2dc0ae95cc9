package com.healthmonitor.api.monitor;

import com.healthmonitor.api.channel.Channels;
import com.healthmonitor.api.web.FieldChecks;
import com.healthmonitor.api.web.FieldViolation;
import com.healthmonitor.api.web.InvalidRequestException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.springframework.stereotype.Component;

/**
 * {@code channel_ids} must name existing channels; {@code remind_every} is 0 (off) to 10080 minutes (a week);
 * {@code depends_on} names at most 50 existing monitors (a cycle is found where the monitor's id is known, in
 * {@link MonitorService}).
 */
@Component
class MonitorAlertingValidator {

    static final int MAX_REMIND_EVERY = 10_080;
    static final int MAX_CHANNELS = 50;
    static final int MAX_DEPENDENCIES = 50;

    private final Channels channels;
    private final MonitorDependencies dependencies;

    MonitorAlertingValidator(Channels channels, MonitorDependencies dependencies) {
        this.channels = channels;
        this.dependencies = dependencies;
    }

    MonitorAlerting validate(MonitorRequest request) {
        List<FieldViolation> violations = new ArrayList<>();
        List<Long> ids = FieldChecks.channelIds(request.channelIds(), MAX_CHANNELS, channels::missing, violations);
        int remindEvery = request.remindEvery() == null ? 0 : request.remindEvery();
        if (remindEvery < 0 || remindEvery > MAX_REMIND_EVERY) {
            violations.add(new FieldViolation("remind_every", "must be between 0 and 10080 minutes"));
        }
        List<Long> dependsOn = dependsOn(request.dependsOn(), violations);
        if (!violations.isEmpty()) {
            throw new InvalidRequestException(violations);
        }
        return new MonitorAlerting(ids, remindEvery, dependsOn);
    }

    private List<Long> dependsOn(List<Long> value, List<FieldViolation> violations) {
        List<Long> ids = value == null ? List.of() : value;
        if (ids.stream().anyMatch(Objects::isNull)) {
            violations.add(new FieldViolation("depends_on", "must not contain null"));
            return ids;
        }
        if (ids.size() > MAX_DEPENDENCIES) {
            violations.add(new FieldViolation("depends_on", "must have at most " + MAX_DEPENDENCIES + " monitors"));
            return ids;
        }
        ids = ids.stream().distinct().sorted().toList();
        List<Long> unknown = dependencies.missing(ids);
        if (!unknown.isEmpty()) {
            violations.add(new FieldViolation("depends_on", "no monitor with id " + unknown));
        }
        return ids;
    }
}
