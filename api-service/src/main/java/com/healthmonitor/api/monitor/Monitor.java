package com.healthmonitor.api.monitor;

import static com.healthmonitor.common.database.Timestamps.instant;

import com.healthmonitor.api.history.Uptimes;
import com.healthmonitor.common.check.CheckSettingsJson;
import com.healthmonitor.common.check.CheckTarget;
import com.healthmonitor.common.check.MonitorType;
import com.healthmonitor.common.check.StatusCodes;
import com.healthmonitor.common.monitor.MonitorStatus;
import com.healthmonitor.common.secret.Secrets;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A monitor as the API sees it: its configuration and alerting, which the API owns, and what the worker and the
 * scheduler last wrote, which it only shows. {@link MonitorRepository} reads and writes it.
 */
final class Monitor {

    /** What {@link #replace} changed. */
    enum Change {
        NONE,
        /** The name, webhook or thresholds: nothing a check does. */
        CONFIGURATION,
        /** What a check does, or a monitor switched back on: checked (or waited for) anew from now. */
        RESTART
    }

    private Long id;
    /** The stable name of a configuration document ({@code config}); set by the database when not chosen. */
    private String key;

    private MonitorSettings settings;
    private MonitorAlerting alerting = new MonitorAlerting(List.of(), 0);

    /** Bumped by every configuration change; a concurrent change of the same monitor fails instead of merging. */
    private long configVersion;

    private Instant nextCheckAt;

    /** A heartbeat's ping token, as its SHA-256 ({@code PingTokens}); null for the other types. */
    private byte[] pingTokenHash;

    /**
     * When the worker records a heartbeat's next missed period. The worker moves it on with every ping and miss; the
     * API sets it only when the wait starts again (creation, a changed period or grace, re-enabling).
     */
    private Instant pingDeadline;

    private Instant lastPingAt;
    private MonitorStatus status;
    private int consecutiveFailures;
    private int consecutiveSuccesses;
    private Instant lastCheckedAt;
    private Integer lastStatusCode;
    private Integer lastLatencyMs;
    private String lastError;
    private Instant lastStatusChangeAt;
    private Instant createdAt;
    private Instant updatedAt;

    /** The locations that failed the last decided slot, as the worker wrote them. */
    private List<String> failingLocations = List.of();

    private Monitor() {}

    static Monitor create(MonitorSettings settings, Instant now) {
        Monitor monitor = new Monitor();
        monitor.configVersion = 1;
        monitor.settings = settings;
        monitor.nextCheckAt = now;
        monitor.pingDeadline = monitor.firstPingDeadline(now);
        monitor.createdAt = now;
        monitor.updatedAt = now;
        return monitor;
    }

    /** A monitor read from a row of {@code monitors} with its {@code channel_ids} and {@code depends_on} as arrays. */
    static Monitor read(ResultSet rs) throws SQLException {
        Monitor monitor = new Monitor();
        monitor.id = rs.getLong("id");
        monitor.key = rs.getString("key");
        Array codes = rs.getArray("expected_status_codes");
        String target = rs.getString("target");
        monitor.settings = new MonitorSettings(
                rs.getString("name"),
                rs.getString("url"),
                rs.getInt("check_interval"),
                rs.getInt("timeout"),
                rs.getObject("expected_status_code", Integer.class),
                rs.getString("webhook_url"),
                rs.getBoolean("enabled"),
                rs.getString("method"),
                CheckSettingsJson.readHeaders(rs.getString("request_headers")),
                rs.getString("request_body"),
                rs.getString("request_content_type"),
                codes == null ? null : List.of((String[]) codes.getArray()),
                CheckSettingsJson.readAssertions(rs.getString("assertions")),
                rs.getBoolean("follow_redirects"),
                rs.getInt("tls_expiry_days"),
                rs.getObject("fail_threshold", Integer.class),
                rs.getObject("success_threshold", Integer.class),
                MonitorType.of(rs.getString("type")).orElseThrow(),
                target == null ? null : CheckSettingsJson.readTarget(target),
                List.of((String[]) rs.getArray("tags").getArray()),
                List.of((String[]) rs.getArray("locations").getArray()),
                rs.getInt("min_failing_locations"));
        monitor.failingLocations =
                List.of((String[]) rs.getArray("failing_locations").getArray());
        monitor.alerting = new MonitorAlerting(
                List.of((Long[]) rs.getArray("channel_ids").getArray()), rs.getInt("remind_every"), List.of((Long[])
                        rs.getArray("depends_on").getArray()));
        monitor.configVersion = rs.getLong("config_version");
        monitor.nextCheckAt = instant(rs, "next_check_at");
        monitor.pingTokenHash = rs.getBytes("ping_token_hash");
        monitor.pingDeadline = instant(rs, "ping_deadline");
        monitor.lastPingAt = instant(rs, "last_ping_at");
        monitor.status = MonitorStatus.valueOf(rs.getString("status"));
        monitor.consecutiveFailures = rs.getInt("consecutive_failures");
        monitor.consecutiveSuccesses = rs.getInt("consecutive_successes");
        monitor.lastCheckedAt = instant(rs, "last_checked_at");
        monitor.lastStatusCode = rs.getObject("last_status_code", Integer.class);
        monitor.lastLatencyMs = rs.getObject("last_latency_ms", Integer.class);
        monitor.lastError = rs.getString("last_error");
        monitor.lastStatusChangeAt = instant(rs, "last_status_change_at");
        monitor.createdAt = instant(rs, "created_at");
        monitor.updatedAt = instant(rs, "updated_at");
        return monitor;
    }

    /**
     * Replaces the configuration. A changed check, or a monitor switched back on, is checked again right away
     * instead of waiting out the old interval.
     */
    Change replace(MonitorSettings replacement, Instant now) {
        if (replacement.equals(settings)) {
            return Change.NONE;
        }
        boolean reenabled = replacement.enabled() && !settings.enabled();
        boolean checkChanged = !replacement.checkDefinition().equals(settings.checkDefinition());
        settings = replacement;
        updatedAt = now;
        if (!(replacement.target() instanceof CheckTarget.Heartbeat)) {
            pingTokenHash = null; // no longer a heartbeat: its URL pings nothing
        }
        if (reenabled || checkChanged) {
            nextCheckAt = now;
            pingDeadline = firstPingDeadline(now);
            return Change.RESTART;
        }
        return Change.CONFIGURATION;
    }

    /** A heartbeat waits a full period and its grace for the first ping; the other types have no deadline. */
    private Instant firstPingDeadline(Instant now) {
        return settings.target() instanceof CheckTarget.Heartbeat heartbeat
                ? now.plusSeconds((long) heartbeat.period() + heartbeat.grace())
                : null;
    }

    /** Whether the monitor is a heartbeat without a ping token yet (new, or changed into one). */
    boolean needsPingToken() {
        return type() == MonitorType.HEARTBEAT && pingTokenHash == null;
    }

    /** Replaces the ping token's hash: the previous token pings nothing from the commit on. */
    void pingToken(byte[] hash) {
        if (type() != MonitorType.HEARTBEAT) {
            throw new IllegalStateException("only a heartbeat has a ping token");
        }
        pingTokenHash = hash.clone();
    }

    /** Replaces where alerts go; the monitor's check configuration is untouched. Whether anything changed. */
    boolean alerting(MonitorAlerting replacement, Instant now) {
        if (replacement.equals(alerting)) {
            return false;
        }
        alerting = replacement;
        updatedAt = now;
        return true;
    }

    MonitorAlerting alerting() {
        return alerting;
    }

    MonitorSettings settings() {
        return settings;
    }

    MonitorType type() {
        return settings.type();
    }

    Long id() {
        return id;
    }

    long configVersion() {
        return configVersion;
    }

    Instant nextCheckAt() {
        return nextCheckAt;
    }

    byte[] pingTokenHash() {
        return pingTokenHash == null ? null : pingTokenHash.clone();
    }

    Instant pingDeadline() {
        return pingDeadline;
    }

    Instant createdAt() {
        return createdAt;
    }

    Instant updatedAt() {
        return updatedAt;
    }

    /**
     * The request that creates this monitor again, as an export shows it: its secrets masked as responses mask them
     * (a masked value re-created stays a mask), and only the fields of its type, so that it passes validation.
     */
    MonitorRequest toRequest() {
        MonitorSettings s = settings;
        CheckTarget checked = s.target();
        boolean http = checked == null;
        boolean polled = !(checked instanceof CheckTarget.Heartbeat);
        Map<String, String> maskedHeaders = maskedHeaders();
        TargetFields t = new TargetFields(checked);
        return new MonitorRequest(
                s.name(),
                http ? Secrets.maskUrlCredentials(s.url()) : null,
                polled ? s.checkInterval() : null,
                polled ? s.timeout() : null,
                http ? s.expectedStatusCode() : null,
                Secrets.maskUrl(s.webhookUrl()),
                s.enabled(),
                http ? s.method() : null,
                http && !maskedHeaders.isEmpty() ? maskedHeaders : null,
                s.body(),
                s.contentType(),
                http ? s.expectedStatusCodes() : null,
                http && !s.assertions().isEmpty() ? s.assertions() : null,
                http ? s.followRedirects() : null,
                http
                        ? Integer.valueOf(s.tlsExpiryDays())
                        : checked instanceof CheckTarget.Tcp tcp && tcp.tls()
                                ? Integer.valueOf(tcp.tlsExpiryDays())
                                : null,
                s.failThreshold(),
                s.successThreshold(),
                alerting.channelIds(),
                alerting.remindEvery(),
                s.type().id(),
                t.host(),
                t.port(),
                t.tls(),
                t.hostname(),
                t.recordType(),
                t.resolver(),
                t.expectedValues() == null || t.expectedValues().isEmpty() ? null : t.expectedValues(),
                t.period(),
                t.grace(),
                s.tags(),
                s.locations(),
                s.minFailingLocations(),
                // Ids of this installation: re-created elsewhere they name other monitors, or none.
                alerting.dependsOn().isEmpty() ? null : alerting.dependsOn());
    }

    /** @param inMaintenance a maintenance window covers the monitor now: its status shows as MAINTENANCE */
    MonitorResponse toResponse(Uptimes uptimes, boolean inMaintenance) {
        return toResponse(uptimes, inMaintenance, null);
    }

    /** @param pingUrl a heartbeat's ping URL, when the response issues its token; null otherwise */
    MonitorResponse toResponse(Uptimes uptimes, boolean inMaintenance, String pingUrl) {
        MonitorSettings s = settings;
        CheckTarget checked = s.target();
        boolean http = checked == null;
        List<String> codes = !http
                ? null
                : s.expectedStatusCodes() == null
                        ? List.of(Integer.toString(s.expectedStatusCode()))
                        : s.expectedStatusCodes();
        int single = http ? StatusCodes.parse(codes).singleCode() : -1;
        TargetFields t = new TargetFields(checked);
        // The HTTP fields show null for the other types, whose columns only hold their defaults.
        return new MonitorResponse(
                id,
                key,
                s.type(),
                s.name(),
                Secrets.maskUrlCredentials(s.url()),
                s.checkInterval(),
                s.timeout(),
                single < 0 ? null : single,
                codes,
                http ? s.method() : null,
                http ? maskedHeaders() : null,
                s.body(),
                s.contentType(),
                http ? s.assertions() : null,
                http ? s.followRedirects() : null,
                checked instanceof CheckTarget.Tcp tcp ? tcp.tlsExpiryDays() : s.tlsExpiryDays(),
                s.failThreshold(),
                s.successThreshold(),
                Secrets.maskUrl(s.webhookUrl()),
                s.enabled(),
                inMaintenance ? MonitorStatus.MAINTENANCE : status,
                consecutiveFailures,
                consecutiveSuccesses,
                lastCheckedAt,
                lastStatusCode,
                lastLatencyMs,
                lastError,
                lastStatusChangeAt,
                s.enabled() && !(checked instanceof CheckTarget.Heartbeat) ? nextCheckAt : null,
                createdAt,
                updatedAt,
                uptimes.uptime24h(),
                uptimes.uptime30d(),
                alerting.channelIds(),
                alerting.remindEvery(),
                s.tags(),
                t.host(),
                t.port(),
                t.tls(),
                t.hostname(),
                t.recordType(),
                t.resolver(),
                t.expectedValues(),
                checked == null ? Secrets.maskUrlCredentials(s.url()) : checked.display(),
                t.period(),
                t.grace(),
                pingUrl,
                lastPingAt,
                checked instanceof CheckTarget.Heartbeat && s.enabled() ? pingDeadline : null,
                s.locations(),
                s.minFailingLocations(),
                // Failing somewhere, but in fewer locations than it takes to count: no DOWN, but worth showing.
                !failingLocations.isEmpty() && failingLocations.size() < s.minFailingLocations(),
                failingLocations,
                alerting.dependsOn());
    }

    /** The request headers with their values masked, as responses and exports show them. */
    private Map<String, String> maskedHeaders() {
        Map<String, String> masked = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        settings.headers().forEach((header, value) -> masked.put(header, Secrets.mask(value)));
        return masked;
    }

    /**
     * The fields of the types with a target of their own (tcp, dns, heartbeat), as the request and the response both
     * show them: each null unless the monitor is of its type.
     */
    private record TargetFields(CheckTarget target) {

        String host() {
            return target instanceof CheckTarget.Tcp tcp ? tcp.host() : null;
        }

        Integer port() {
            return target instanceof CheckTarget.Tcp tcp ? tcp.port() : null;
        }

        Boolean tls() {
            return target instanceof CheckTarget.Tcp tcp ? tcp.tls() : null;
        }

        String hostname() {
            return target instanceof CheckTarget.Dns dns ? dns.hostname() : null;
        }

        String recordType() {
            return target instanceof CheckTarget.Dns dns ? dns.recordType() : null;
        }

        String resolver() {
            return target instanceof CheckTarget.Dns dns ? dns.resolver() : null;
        }

        List<String> expectedValues() {
            return target instanceof CheckTarget.Dns dns ? dns.expectedValues() : null;
        }

        Integer period() {
            return target instanceof CheckTarget.Heartbeat heartbeat ? heartbeat.period() : null;
        }

        Integer grace() {
            return target instanceof CheckTarget.Heartbeat heartbeat ? heartbeat.grace() : null;
        }
    }
}
