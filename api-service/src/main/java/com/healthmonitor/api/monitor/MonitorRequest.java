package com.healthmonitor.api.monitor;

import com.healthmonitor.common.check.CheckAssertion;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import java.util.Map;

/**
 * The body of {@code POST /monitors} and {@code PUT /monitors/{id}}, as the seed's examples send it plus the check
 * settings. Wrapper types tell an absent field (default applies) from a given one; unknown fields are refused by
 * the JSON mapper. One flat object for every {@code type}: the fields of each type are listed in
 * {@link TargetValidator}, which refuses those of another type.
 */
record MonitorRequest(
        @Schema(description = "Display name, 1-200 characters", example = "Orders API")
        String name,

        @Schema(
                description =
                        "Absolute http or https URL to check. Its userinfo and secret-looking query parameters (token, api_key, sig, ...) are shown masked; a masked value sent back keeps the stored one while scheme, host, port and path are unchanged",
                example = "https://orders.example.com/health")
        String url,

        @Schema(description = "Seconds between checks (MIN_CHECK_INTERVAL-3600, default 60)", example = "60")
        Integer checkInterval,

        @Schema(
                description =
                        "Seconds the whole exchange may take, redirects included (1-60, below check_interval, default 5)",
                example = "5")
        Integer timeout,

        @Schema(
                description =
                        "The one status that counts as success (100-599, default 200); not together with expected_status_codes",
                example = "200")
        Integer expectedStatusCode,

        @Schema(
                description =
                        "Slack incoming webhook (https); shown masked, a masked value sent back keeps the stored one",
                example = "https://hooks.slack.com/services/T000/B000/XXXX")
        String webhookUrl,

        @Schema(description = "Whether the monitor is checked (default true)", example = "true")
        Boolean enabled,

        @Schema(description = "HTTP method: GET (default), HEAD, POST, PUT, PATCH, DELETE, OPTIONS", example = "POST")
        String method,

        @Schema(
                description =
                        "Request headers (at most 20; no Host, hop-by-hop, Content-Length or Content-Type; no CR/LF). Values are secrets: shown masked, a masked value sent back keeps the stored one while the url's scheme, host and port are unchanged",
                example = "{\"Authorization\": \"Bearer s3cr3t-token-value\"}")
        Map<String, String> headers,

        @Schema(description = "Request body, at most 64 KiB; not with GET or HEAD", example = "{\"probe\": true}")
        String body,

        @Schema(
                description = "Media type of the body (default text/plain; charset=UTF-8); only with a body",
                example = "application/json")
        String contentType,

        @Schema(
                description =
                        "Codes and inclusive ranges that count as success (1-20 entries within 100-599); not together with expected_status_code",
                example = "[\"200-299\", \"301\"]")
        List<String> expectedStatusCodes,

        @Schema(
                description =
                        "Conditions the response must all meet (at most 20): body_contains/body_not_contains {value}, json_path {path, and one of equals, exists, less_than/greater_than}, max_latency_ms {value}",
                example =
                        "[{\"type\": \"json_path\", \"path\": \"$.status\", \"equals\": \"UP\"}, {\"type\": \"max_latency_ms\", \"value\": 1500}]")
        List<CheckAssertion> assertions,

        @Schema(
                description = "Follow redirects, at most 10 hops, each through the SSRF guard (default true)",
                example = "true")
        Boolean followRedirects,

        @Schema(
                description =
                        "Warn once per certificate when an https target's certificate chain expires within this many days (0 = off, at most 365, default 14)",
                example = "14")
        Integer tlsExpiryDays,

        @Schema(
                description = "Consecutive failures before DOWN (1-10); absent: the worker's FAIL_THRESHOLD",
                example = "3")
        Integer failThreshold,

        Integer successThreshold,

        @Schema(
                description = "Channels (ids from /channels) that get this monitor's alerts, besides webhook_url",
                example = "[1, 2]")
        List<Long> channelIds,

        @Schema(
                description = "Minutes between reminders while DOWN (0-10080, default 0 = no reminders)",
                example = "30")
        Integer remindEvery,

        @Schema(description = "What the monitor checks: http (default), tcp, dns or heartbeat", example = "http")
        String type,

        @Schema(description = "tcp: the host name or address to connect to", example = "db.example.com")
        String host,

        @Schema(description = "tcp: the port (1-65535)", example = "5432")
        Integer port,

        @Schema(
                description = "tcp: complete a TLS handshake and check the certificate as for https (default false)",
                example = "false")
        Boolean tls,

        @Schema(description = "dns: the name to query", example = "shop.example.com")
        String hostname,

        @Schema(description = "dns: A, AAAA, CNAME, MX, NS, TXT or SOA", example = "A")
        String recordType,

        @Schema(
                description = "dns: the DNS server to ask, host or host:port (default: the system's resolver)",
                example = "1.1.1.1:53")
        String resolver,

        @Schema(description = "dns: values that must all be in the answer (at most 20)", example = "[\"203.0.113.7\"]")
        List<String> expectedValues,

        @Schema(
                description = "heartbeat: seconds between the job's pings (MIN_CHECK_INTERVAL to 2678400 = 31 days)",
                example = "86400")
        Integer period,

        @Schema(
                description =
                        "heartbeat: seconds a ping may be late, and a run started with /start may take, before the silence counts (0 to period; default 3600 or period when shorter)",
                example = "3600")
        Integer grace,

        @Schema(
                description =
                        "Labels, at most 20, each key or key:value: the key 1-63 of a-z 0-9 _ . - (starting with a letter or digit), the value 1-128 characters without control characters; duplicates are dropped",
                example = "[\"team:payments\", \"env:prod\", \"critical\"]")
        List<String> tags,

        @Schema(
                description =
                        "Locations that check the monitor each slot (1-10 distinct names of 1-32 lowercase letters, digits and hyphens, each one a scheduler has a queue for; default [\"default\"]); a heartbeat has only default",
                example = "[\"eu-west-1\", \"us-east-1\"]")
        List<String> locations,

        @Schema(
                description =
                        "How many locations must fail a slot before it counts as failed (1 to the number of locations, default 1); fewer failing locations show the monitor as degraded",
                example = "2")
        Integer minFailingLocations,

        @Schema(
                description =
                        "Ids of the monitors this one depends on (at most 50, no cycles): while one of them is DOWN, this monitor's alerts are held back and its DOWN is listed in theirs",
                example = "[7]")
        List<Long> dependsOn) {}
