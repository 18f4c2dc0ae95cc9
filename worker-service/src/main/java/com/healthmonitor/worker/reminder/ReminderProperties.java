package com.healthmonitor.worker.reminder;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Reminders while a monitor stays DOWN.
 *
 * @param maxReminders reminders per incident at most (ALERT_MAX_REMINDERS)
 * @param checkInterval how often due reminders are looked for
 */
@ConfigurationProperties("health-monitor.reminder")
record ReminderProperties(
        int maxReminders, @DefaultValue("30s") Duration checkInterval) {

    public ReminderProperties {
        if (maxReminders < 0) {
            throw new IllegalArgumentException("max reminders cannot be negative");
        }
    }
}
