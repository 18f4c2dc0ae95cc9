package com.healthmonitor.api.monitor;

import com.healthmonitor.api.channel.Channels;
import com.healthmonitor.api.web.FieldChecks;
import com.healthmonitor.api.web.FieldViolation;
import com.healthmonitor.api.web.InvalidRequestException;
import java.util.ArrayList;
import java.util.List;
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
        List<Long> ids = FieldChecks.channelIds(request.channelIds(), MAX_CHANNELS, channels::missing, violations);
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
