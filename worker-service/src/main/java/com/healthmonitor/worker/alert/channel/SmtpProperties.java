package com.healthmonitor.worker.alert.channel;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The SMTP server email channels send through.
 *
 * @param host SMTP_HOST; blank: email channels fail with "SMTP is not configured"
 * @param port SMTP_PORT
 * @param username SMTP_USERNAME, blank for no authentication
 * @param password SMTP_PASSWORD
 * @param from SMTP_FROM, the sender address
 * @param starttls SMTP_STARTTLS: require STARTTLS (on by default; off only for a local test server)
 * @param timeout connect, read and write timeout of one SMTP exchange
 */
@ConfigurationProperties("health-monitor.smtp")
public record SmtpProperties(
        String host,
        int port,
        String username,
        String password,
        String from,
        boolean starttls,
        @DefaultValue("10s") Duration timeout) {

    boolean configured() {
        return host != null && !host.isBlank();
    }

    @Override
    public String toString() {
        return "SmtpProperties[host=" + host + ", port=" + port + ", username=" + username + ", from=" + from
                + ", starttls=" + starttls + "]";
    }
}
