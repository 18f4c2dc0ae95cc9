package com.healthmonitor.api.monitor;

import com.healthmonitor.api.channel.Channels;
import com.healthmonitor.api.web.FieldViolation;
import com.healthmonitor.api.web.InvalidRequestException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.springframework.stereotype.Component;

/** {@code channel_ids} must name existing channels; {@code remind_every} is 0 (off) to 10080 minutes (a week). */
@Component
class MonitorAlertingValidator {

    static final int MAX_REMIND_EVERY = 10_080;
    static final int MAX_CHANNELS = 50;

    private final Channels channels;

    MonitorAlertingValidator(Channels channels) {
        this.channels = channels;
    }

    MonitorAlerting validate(MonitorRequest request) {
        List<FieldViolation> violations = new ArrayList<>();
        List<Long> ids = request.channelIds() == null ? List.of() : request.channelIds();
        if (ids.stream().anyMatch(Objects::isNull)) {
            violations.add(new FieldViolation("channel_ids", "must not contain null"));
        } else if (ids.size() > MAX_CHANNELS) {
            violations.add(new FieldViolation("channel_ids", "must have at most 50 channels"));
        } else {
            ids = ids.stream().distinct().sorted().toList();
            List<Long> missing = channels.missing(ids);
            if (!missing.isEmpty()) {
                violations.add(new FieldViolation("channel_ids", "no channel with id " + missing));
            }
        }
        int remindEvery = request.remindEvery() == null ? 0 : request.remindEvery();
        if (remindEvery < 0 || remindEvery > MAX_REMIND_EVERY) {
            violations.add(new FieldViolation("remind_every", "must be between 0 and 10080 minutes"));
        }
        if (!violations.isEmpty()) {
            throw new InvalidRequestException(violations);
        }
        return new MonitorAlerting(ids, remindEvery);
    }
}
