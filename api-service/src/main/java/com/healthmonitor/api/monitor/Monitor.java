package com.healthmonitor.api.monitor;

import static com.healthmonitor.common.database.Timestamps.instant;

import com.healthmonitor.api.history.Uptimes;
import com.healthmonitor.common.check.CheckSettingsJson;
import com.healthmonitor.common.check.CheckTarget;
import com.healthmonitor.common.check.MonitorType;
import com.healthmonitor.common.check.StatusCodes;
import com.healthmonitor.common.monitor.MonitorStatus;
import com.healthmonitor.common.secret.Secrets;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.hibernate.annotations.ColumnTransformer;
import org.hibernate.annotations.DynamicUpdate;
import org.hibernate.annotations.Fetch;
import org.hibernate.annotations.FetchMode;
import org.hibernate.annotations.OptimisticLock;

/**
 * A monitor as the API sees it. The API writes only the configuration; the operational state belongs to the
 * worker and the scheduling to the scheduler, so those columns are mapped read-only and an API update can never
 * overwrite them (only changed columns are written).
 */
@Entity
@Table(name = "monitors")
@DynamicUpdate
class Monitor {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    private String name;
    private String url;
    private int checkInterval;
    private int timeout;
    private Integer expectedStatusCode;
    private String webhookUrl;
    private boolean enabled;

    private String method;

    // JSON columns are written as text and cast by PostgreSQL; CheckSettingsJson owns their shape.
    @Column(name = "request_headers", columnDefinition = "jsonb")
    @ColumnTransformer(write = "CAST(? AS jsonb)")
    private String requestHeaders;

    @Column(columnDefinition = "text")
    private String requestBody;

    private String requestContentType;
    private String[] expectedStatusCodes;

    @Column(columnDefinition = "jsonb")
    @ColumnTransformer(write = "CAST(? AS jsonb)")
    private String assertions;

    private boolean followRedirects;
    private int tlsExpiryDays;
    private Integer failThreshold;
    private Integer successThreshold;

    /** http, tcp, dns ({@link MonitorType#id}). */
    private String type;

    /** The settings of a monitor of another type than HTTP ({@link CheckSettingsJson#writeTarget}), null for HTTP. */
    @Column(columnDefinition = "jsonb")
    @ColumnTransformer(write = "CAST(? AS jsonb)")
    private String target;

    /** Bumped by every configuration change; a concurrent change of the same monitor fails instead of merging. */
    @Version
    private long configVersion;

    private Instant nextCheckAt;

    /**
     * A heartbeat's ping token, as its SHA-256 ({@link PingTokens}); null for the other types. Not configuration:
     * rotating it bumps no version.
     */
    @OptimisticLock(excluded = true)
    private byte[] pingTokenHash;

    /**
     * When the worker records a heartbeat's next missed period. The worker moves it on with every ping and miss; the
     * API sets it only when the wait starts again (creation, a changed period or grace, re-enabling).
     */
    @OptimisticLock(excluded = true)
    private Instant pingDeadline;

    @Column(insertable = false, updatable = false)
    private Instant lastPingAt;

    /** Where alerts go besides webhook_url. Not part of the check's configuration: changing it bumps no version. */
    @ElementCollection
    @CollectionTable(name = "monitor_channels", joinColumns = @JoinColumn(name = "monitor_id"))
    @Column(name = "channel_id")
    @Fetch(FetchMode.SUBSELECT)
    @OptimisticLock(excluded = true)
    private Set<Long> channelIds = new HashSet<>();

    /** Minutes between reminders while DOWN, 0 = none. Alerting only: bumps no version. */
    @OptimisticLock(excluded = true)
    private int remindEvery;

    @Enumerated(EnumType.STRING)
    @Column(insertable = false, updatable = false)
    private MonitorStatus status;

    @Column(insertable = false, updatable = false)
    private int consecutiveFailures;

    @Column(insertable = false, updatable = false)
    private int consecutiveSuccesses;

    @Column(insertable = false, updatable = false)
    private Instant lastCheckedAt;

    @Column(insertable = false, updatable = false)
    private Integer lastStatusCode;

    @Column(insertable = false, updatable = false)
    private Integer lastLatencyMs;

    @Column(insertable = false, updatable = false)
    private String lastError;

    @Column(insertable = false, updatable = false)
    private Instant lastStatusChangeAt;

    @Column(updatable = false)
    private Instant createdAt;

    private Instant updatedAt;

    protected Monitor() {}

    static Monitor create(MonitorSettings settings, Instant now) {
        Monitor monitor = new Monitor();
        monitor.configVersion = 1;
        monitor.apply(settings);
        monitor.nextCheckAt = now;
        monitor.pingDeadline = monitor.firstPingDeadline(now);
        monitor.createdAt = now;
        monitor.updatedAt = now;
        return monitor;
    }

    /**
     * A monitor read from a row of {@code monitors} with its {@code channel_ids} as an array, detached: for pages
     * that are only shown (see {@link MonitorPages}). Every mapped column is read, so that it shows exactly as an
     * entity loaded by Hibernate.
     */
    static Monitor read(ResultSet rs) throws SQLException {
        Monitor monitor = new Monitor();
        monitor.id = rs.getLong("id");
        monitor.name = rs.getString("name");
        monitor.url = rs.getString("url");
        monitor.checkInterval = rs.getInt("check_interval");
        monitor.timeout = rs.getInt("timeout");
        monitor.expectedStatusCode = rs.getObject("expected_status_code", Integer.class);
        monitor.webhookUrl = rs.getString("webhook_url");
        monitor.enabled = rs.getBoolean("enabled");
        monitor.method = rs.getString("method");
        monitor.requestHeaders = rs.getString("request_headers");
        monitor.requestBody = rs.getString("request_body");
        monitor.requestContentType = rs.getString("request_content_type");
        Array codes = rs.getArray("expected_status_codes");
        monitor.expectedStatusCodes = codes == null ? null : (String[]) codes.getArray();
        monitor.assertions = rs.getString("assertions");
        monitor.followRedirects = rs.getBoolean("follow_redirects");
        monitor.tlsExpiryDays = rs.getInt("tls_expiry_days");
        monitor.failThreshold = rs.getObject("fail_threshold", Integer.class);
        monitor.successThreshold = rs.getObject("success_threshold", Integer.class);
        monitor.type = rs.getString("type");
        monitor.target = rs.getString("target");
        monitor.configVersion = rs.getLong("config_version");
        monitor.nextCheckAt = instant(rs, "next_check_at");
        monitor.pingTokenHash = rs.getBytes("ping_token_hash");
        monitor.pingDeadline = instant(rs, "ping_deadline");
        monitor.lastPingAt = instant(rs, "last_ping_at");
        monitor.channelIds = Set.of((Long[]) rs.getArray("channel_ids").getArray());
        monitor.remindEvery = rs.getInt("remind_every");
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
     * Replaces the configuration. A changed configuration, or a monitor switched back on, is checked again right
     * away instead of waiting out the old interval.
     */
    void replace(MonitorSettings settings, Instant now) {
        if (settings.equals(settings())) {
            return;
        }
        boolean reenabled = settings.enabled() && !enabled;
        boolean checkChanged = !settings.checkDefinition().equals(settings().checkDefinition());
        apply(settings);
        updatedAt = now;
        if (reenabled || checkChanged) {
            nextCheckAt = now;
            pingDeadline = firstPingDeadline(now);
        }
        if (!(settings.target() instanceof CheckTarget.Heartbeat)) {
            pingTokenHash = null; // no longer a heartbeat: its URL pings nothing
        }
    }

    /** A heartbeat waits a full period and its grace for the first ping; the other types have no deadline. */
    private Instant firstPingDeadline(Instant now) {
        return settings().target() instanceof CheckTarget.Heartbeat heartbeat
                ? now.plusSeconds((long) heartbeat.period() + heartbeat.grace())
                : null;
    }

    /** Whether the monitor is a heartbeat without a ping token yet (new, or changed into one). */
    boolean needsPingToken() {
        return MonitorType.HEARTBEAT.id().equals(type) && pingTokenHash == null;
    }

    /** Replaces the ping token's hash: the previous token pings nothing from the commit on. */
    void pingToken(byte[] hash) {
        if (!MonitorType.HEARTBEAT.id().equals(type)) {
            throw new IllegalStateException("only a heartbeat has a ping token");
        }
        pingTokenHash = hash.clone();
    }

    MonitorType type() {
        return monitorType();
    }

    private void apply(MonitorSettings settings) {
        name = settings.name();
        url = settings.url();
        checkInterval = settings.checkInterval();
        timeout = settings.timeout();
        expectedStatusCode = settings.expectedStatusCode();
        webhookUrl = settings.webhookUrl();
        enabled = settings.enabled();
        method = settings.method();
        requestHeaders = CheckSettingsJson.writeHeaders(settings.headers());
        requestBody = settings.body();
        requestContentType = settings.contentType();
        expectedStatusCodes = settings.expectedStatusCodes() == null
                ? null
                : settings.expectedStatusCodes().toArray(String[]::new);
        assertions = CheckSettingsJson.writeAssertions(settings.assertions());
        followRedirects = settings.followRedirects();
        tlsExpiryDays = settings.tlsExpiryDays();
        failThreshold = settings.failThreshold();
        successThreshold = settings.successThreshold();
        type = settings.type().id();
        target = settings.target() == null ? null : CheckSettingsJson.writeTarget(settings.target());
    }

    /** Replaces where alerts go; the monitor's check configuration is untouched. */
    void alerting(MonitorAlerting alerting, Instant now) {
        if (alerting.equals(alerting())) {
            return;
        }
        if (!channelIds.equals(Set.copyOf(alerting.channelIds()))) {
            channelIds.clear();
            channelIds.addAll(alerting.channelIds());
        }
        remindEvery = alerting.remindEvery();
        updatedAt = now;
    }

    MonitorAlerting alerting() {
        return new MonitorAlerting(channelIds.stream().sorted().toList(), remindEvery);
    }

    MonitorSettings settings() {
        return new MonitorSettings(
                name,
                url,
                checkInterval,
                timeout,
                expectedStatusCode,
                webhookUrl,
                enabled,
                method,
                CheckSettingsJson.readHeaders(requestHeaders),
                requestBody,
                requestContentType,
                expectedStatusCodes == null ? null : List.of(expectedStatusCodes),
                CheckSettingsJson.readAssertions(assertions),
                followRedirects,
                tlsExpiryDays,
                failThreshold,
                successThreshold,
                monitorType(),
                target == null ? null : CheckSettingsJson.readTarget(target));
    }

    private MonitorType monitorType() {
        return MonitorType.of(type).orElseThrow();
    }

    Long id() {
        return id;
    }

    String url() {
        return url;
    }

    String webhookUrl() {
        return webhookUrl;
    }

    Map<String, String> headers() {
        return CheckSettingsJson.readHeaders(requestHeaders);
    }

    /** @param inMaintenance a maintenance window covers the monitor now: its status shows as MAINTENANCE */
    MonitorResponse toResponse(Uptimes uptimes, boolean inMaintenance) {
        return toResponse(uptimes, inMaintenance, null);
    }

    /** @param pingUrl a heartbeat's ping URL, when the response issues its token; null otherwise */
    MonitorResponse toResponse(Uptimes uptimes, boolean inMaintenance, String pingUrl) {
        List<Long> channels = channelIds.stream().sorted().toList();
        CheckTarget checked = target == null ? null : CheckSettingsJson.readTarget(target);
        boolean http = checked == null;
        List<String> codes = !http
                ? null
                : expectedStatusCodes == null
                        ? List.of(Integer.toString(expectedStatusCode))
                        : List.of(expectedStatusCodes);
        int single = http ? StatusCodes.parse(codes).singleCode() : -1;
        Map<String, String> maskedHeaders = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers().forEach((header, value) -> maskedHeaders.put(header, Secrets.mask(value)));
        // The HTTP fields show null for the other types, whose columns only hold their defaults.
        return new MonitorResponse(
                id,
                monitorType(),
                name,
                Secrets.maskUrlCredentials(url),
                checkInterval,
                timeout,
                single < 0 ? null : single,
                codes,
                http ? method : null,
                http ? maskedHeaders : null,
                requestBody,
                requestContentType,
                http ? CheckSettingsJson.readAssertions(assertions) : null,
                http ? followRedirects : null,
                checked instanceof CheckTarget.Tcp tcp ? tcp.tlsExpiryDays() : tlsExpiryDays,
                failThreshold,
                successThreshold,
                Secrets.maskUrl(webhookUrl),
                enabled,
                inMaintenance ? MonitorStatus.MAINTENANCE : status,
                consecutiveFailures,
                consecutiveSuccesses,
                lastCheckedAt,
                lastStatusCode,
                lastLatencyMs,
                lastError,
                lastStatusChangeAt,
                enabled && !(checked instanceof CheckTarget.Heartbeat) ? nextCheckAt : null,
                createdAt,
                updatedAt,
                uptimes.uptime24h(),
                uptimes.uptime30d(),
                channels,
                remindEvery,
                checked instanceof CheckTarget.Tcp tcp ? tcp.host() : null,
                checked instanceof CheckTarget.Tcp tcp ? tcp.port() : null,
                checked instanceof CheckTarget.Tcp tcp ? tcp.tls() : null,
                checked instanceof CheckTarget.Dns dns ? dns.hostname() : null,
                checked instanceof CheckTarget.Dns dns ? dns.recordType() : null,
                checked instanceof CheckTarget.Dns dns ? dns.resolver() : null,
                checked instanceof CheckTarget.Dns dns ? dns.expectedValues() : null,
                checked == null ? Secrets.maskUrlCredentials(url) : checked.display(),
                checked instanceof CheckTarget.Heartbeat heartbeat ? heartbeat.period() : null,
                checked instanceof CheckTarget.Heartbeat heartbeat ? heartbeat.grace() : null,
                pingUrl,
                lastPingAt,
                checked instanceof CheckTarget.Heartbeat && enabled ? pingDeadline : null);
    }
}
