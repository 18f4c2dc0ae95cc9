package com.healthmonitor.api.summary;

import com.healthmonitor.api.channel.Channels;
import com.healthmonitor.api.web.FieldChecks;
import com.healthmonitor.api.web.FieldViolation;
import com.healthmonitor.api.web.InvalidRequestException;
import java.sql.Time;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The daily summary's settings row: read, and replaced after validation (every broken rule named at once). */
@Service
class DailySummaryService {

    private final JdbcClient jdbc;
    private final Channels channels;

    DailySummaryService(JdbcClient jdbc, Channels channels) {
        this.jdbc = jdbc;
        this.channels = channels;
    }

    @Transactional(readOnly = true)
    DailySummarySettings get() {
        return jdbc.sql("SELECT enabled, send_time, time_zone, channel_ids FROM daily_summary_settings")
                .query((rs, n) -> new DailySummarySettings(
                        rs.getBoolean("enabled"),
                        rs.getTime("send_time").toLocalTime().toString(),
                        rs.getString("time_zone"),
                        List.of((Long[]) rs.getArray("channel_ids").getArray())))
                .single();
    }

    @Transactional
    DailySummarySettings replace(DailySummarySettings request) {
        List<FieldViolation> violations = new ArrayList<>();
        LocalTime time = null;
        if (request.time() == null) {
            violations.add(new FieldViolation("time", "is required, e.g. \"09:00\""));
        } else {
            try {
                time = LocalTime.parse(request.time().strip());
            } catch (DateTimeParseException e) {
                violations.add(new FieldViolation("time", "must be a time of day such as \"09:00\""));
            }
        }
        String zone = FieldChecks.timeZone(request.timeZone(), violations);
        List<Long> ids = FieldChecks.channelIds(request.channelIds(), Integer.MAX_VALUE, channels::missing, violations);
        boolean enabled = request.enabled() == null || request.enabled();
        if (enabled && ids.isEmpty() && violations.isEmpty()) {
            violations.add(new FieldViolation("channel_ids", "must name at least one channel when enabled"));
        }
        if (!violations.isEmpty()) {
            throw new InvalidRequestException(violations);
        }
        jdbc.sql("""
                        UPDATE daily_summary_settings
                        SET enabled = :enabled, send_time = :time, time_zone = :zone, channel_ids = :ids,
                            updated_at = now()""")
                .param("enabled", enabled)
                .param("time", Time.valueOf(time))
                .param("zone", zone)
                .param("ids", ids.toArray(Long[]::new))
                .update();
        return get();
    }
}
