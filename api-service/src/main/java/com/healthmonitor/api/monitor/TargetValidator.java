package com.healthmonitor.api.monitor;

import com.healthmonitor.api.web.FieldViolation;
import com.healthmonitor.common.check.CheckSpec;
import com.healthmonitor.common.check.CheckTarget;
import com.healthmonitor.common.check.HostPort;
import com.healthmonitor.common.check.MonitorType;
import com.healthmonitor.common.net.PrivateAddresses;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The rules of each monitor type's own fields, one method per type, each broken rule naming its field; and which
 * request fields belong to which types, so that a field of another type is refused instead of silently ignored. HTTP's
 * fields are validated by {@link MonitorValidator} and {@link CheckSettingsValidator}, which predate types.
 */
final class TargetValidator {

    static final int MAX_HOST_LENGTH = 253;
    static final int MAX_EXPECTED_VALUES = 20;
    static final int MAX_EXPECTED_VALUE_LENGTH = 1000;

    private static final Set<MonitorType> HTTP = EnumSet.of(MonitorType.HTTP);
    private static final Set<MonitorType> TCP = EnumSet.of(MonitorType.TCP);
    private static final Set<MonitorType> DNS = EnumSet.of(MonitorType.DNS);
    private static final Set<MonitorType> HEARTBEAT = EnumSet.of(MonitorType.HEARTBEAT);
    private static final Set<MonitorType> POLLED = EnumSet.complementOf(EnumSet.of(MonitorType.HEARTBEAT));

    /** A heartbeat's longest period: monthly jobs, with a day to spare. */
    static final int MAX_PERIOD = 31 * 86_400;

    /** The grace of a heartbeat that names none: an hour, or its period when shorter. */
    static final int DEFAULT_GRACE = 3_600;

    /** The fields that only some types have, with those types. Fields every type has are not listed. */
    /** What only a heartbeat's responses carry (no request sends them). */
    private static final Set<String> HEARTBEAT_RESPONSE_FIELDS = Set.of("ping_url", "ping_deadline", "last_ping_at");

    private static final Map<String, Field> TYPED_FIELDS = fields(
            // A heartbeat is not polled: it has no interval or timeout.
            new Field("check_interval", POLLED, MonitorRequest::checkInterval),
            new Field("timeout", POLLED, MonitorRequest::timeout),
            new Field("url", HTTP, MonitorRequest::url),
            new Field("expected_status_code", HTTP, MonitorRequest::expectedStatusCode),
            new Field("expected_status_codes", HTTP, MonitorRequest::expectedStatusCodes),
            new Field("method", HTTP, MonitorRequest::method),
            new Field("headers", HTTP, MonitorRequest::headers),
            new Field("body", HTTP, MonitorRequest::body),
            new Field("content_type", HTTP, MonitorRequest::contentType),
            new Field("assertions", HTTP, MonitorRequest::assertions),
            new Field("follow_redirects", HTTP, MonitorRequest::followRedirects),
            new Field("tls_expiry_days", EnumSet.of(MonitorType.HTTP, MonitorType.TCP), MonitorRequest::tlsExpiryDays),
            new Field("host", TCP, MonitorRequest::host),
            new Field("port", TCP, MonitorRequest::port),
            new Field("tls", TCP, MonitorRequest::tls),
            new Field("hostname", DNS, MonitorRequest::hostname),
            new Field("record_type", DNS, MonitorRequest::recordType),
            new Field("resolver", DNS, MonitorRequest::resolver),
            new Field("expected_values", DNS, MonitorRequest::expectedValues),
            new Field("period", HEARTBEAT, MonitorRequest::period),
            new Field("grace", HEARTBEAT, MonitorRequest::grace));

    // A DNS name: labels of letters, digits, hyphens and underscores (SRV-style names), at most 63 each.
    private static final Pattern HOST_NAME = Pattern.compile(
            "(?i)(?=.{1,253}\\.?$)([a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?)(\\.[a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?)*\\.?");

    private final boolean allowPrivateTargets;
    private final int minPeriod;

    /** @param minPeriod a heartbeat's shortest period, MIN_CHECK_INTERVAL as for polled monitors */
    TargetValidator(boolean allowPrivateTargets, int minPeriod) {
        this.allowPrivateTargets = allowPrivateTargets;
        this.minPeriod = minPeriod;
    }

    /** The request's type, HTTP when absent; null (and a violation) for an unknown one. */
    static MonitorType type(MonitorRequest request, List<FieldViolation> violations) {
        if (request.type() == null) {
            return MonitorType.HTTP;
        }
        return MonitorType.of(request.type()).orElseGet(() -> {
            violations.add(new FieldViolation(
                    "type",
                    "must be one of "
                            + String.join(
                                    ", ",
                                    java.util.Arrays.stream(MonitorType.values())
                                            .map(MonitorType::id)
                                            .toList())));
            return null;
        });
    }

    /** Adds a violation for every field the request sends that {@code type} does not have. */
    static void refuseForeignFields(MonitorType type, MonitorRequest request, List<FieldViolation> violations) {
        TYPED_FIELDS.forEach((name, field) -> {
            if (!field.types().contains(type) && field.value().apply(request) != null) {
                violations.add(new FieldViolation(name, "is not a field of " + type.id() + " monitors"));
            }
        });
    }

    /** Whether {@code field} (a request or response property) is one of {@code type}'s: all but other types' own. */
    static boolean isFieldOf(String field, MonitorType type) {
        if (HEARTBEAT_RESPONSE_FIELDS.contains(field)) {
            return type == MonitorType.HEARTBEAT;
        }
        Field typed = TYPED_FIELDS.get(field);
        return typed == null || typed.types().contains(type);
    }

    /** The target of a monitor of any type but HTTP, or null when a rule is broken. */
    CheckTarget validate(MonitorType type, MonitorRequest request, List<FieldViolation> violations) {
        return switch (type) {
            case HTTP -> throw new IllegalArgumentException("HTTP monitors are validated by MonitorValidator");
            case TCP -> tcp(request, violations);
            case DNS -> dns(request, violations);
            case HEARTBEAT -> heartbeat(request, violations);
        };
    }

    private CheckTarget.Heartbeat heartbeat(MonitorRequest request, List<FieldViolation> violations) {
        Integer period = request.period();
        if (period == null) {
            violations.add(new FieldViolation("period", "is required"));
            return null;
        }
        if (period < minPeriod || period > MAX_PERIOD) {
            violations.add(new FieldViolation(
                    "period", "must be between " + minPeriod + " and " + MAX_PERIOD + " seconds (31 days)"));
            return null;
        }
        int grace = request.grace() == null ? Math.min(period, DEFAULT_GRACE) : request.grace();
        if (grace < 0 || grace > period) {
            violations.add(new FieldViolation("grace", "must be between 0 and period (" + period + ") seconds"));
            return null;
        }
        return new CheckTarget.Heartbeat(period, grace);
    }

    private CheckTarget.Tcp tcp(MonitorRequest request, List<FieldViolation> violations) {
        int before = violations.size();
        String host = host("host", request.host(), violations);
        if (request.port() == null) {
            violations.add(new FieldViolation("port", "is required"));
        } else if (request.port() < 1 || request.port() > 65_535) {
            violations.add(new FieldViolation("port", "must be between 1 and 65535"));
        }
        boolean tls = Boolean.TRUE.equals(request.tls());
        Integer days = request.tlsExpiryDays();
        if (days != null && !tls) {
            violations.add(new FieldViolation("tls_expiry_days", "needs \"tls\": true"));
        } // its range: CheckSettingsValidator, as for HTTP
        if (violations.size() > before) {
            return null;
        }
        int tlsExpiryDays = !tls ? 0 : days == null ? CheckSpec.DEFAULT_TLS_EXPIRY_DAYS : days;
        return new CheckTarget.Tcp(host, request.port(), tls, tlsExpiryDays);
    }

    private CheckTarget.Dns dns(MonitorRequest request, List<FieldViolation> violations) {
        int before = violations.size();
        String hostname = request.hostname() == null ? null : request.hostname().strip();
        if (hostname == null || hostname.isEmpty()) {
            violations.add(new FieldViolation("hostname", "is required"));
        } else if (!HOST_NAME.matcher(hostname).matches()) {
            violations.add(new FieldViolation("hostname", "must be a DNS name like shop.example.com"));
        }
        String recordType = request.recordType() == null
                ? null
                : request.recordType().strip().toUpperCase(Locale.ROOT);
        if (recordType == null) {
            violations.add(new FieldViolation("record_type", "is required"));
        } else if (!CheckTarget.Dns.RECORD_TYPES.contains(recordType)) {
            violations.add(new FieldViolation(
                    "record_type", "must be one of " + String.join(", ", CheckTarget.Dns.RECORD_TYPES)));
        }
        String resolver = request.resolver() == null || request.resolver().isBlank()
                ? null
                : request.resolver().strip();
        if (resolver != null) {
            try {
                HostPort address = HostPort.parse(resolver, 53);
                host("resolver", address.host(), violations);
            } catch (IllegalArgumentException e) {
                violations.add(new FieldViolation("resolver", "must be host or host:port (" + e.getMessage() + ")"));
            }
        }
        List<String> expected = new ArrayList<>();
        if (request.expectedValues() != null) {
            if (request.expectedValues().size() > MAX_EXPECTED_VALUES) {
                violations.add(
                        new FieldViolation("expected_values", "must have at most " + MAX_EXPECTED_VALUES + " entries"));
            }
            for (int i = 0; i < request.expectedValues().size(); i++) {
                String value = request.expectedValues().get(i);
                if (value == null || value.isBlank()) {
                    violations.add(new FieldViolation("expected_values[" + i + "]", "must be a non-empty string"));
                } else if (value.length() > MAX_EXPECTED_VALUE_LENGTH) {
                    violations.add(new FieldViolation(
                            "expected_values[" + i + "]",
                            "must be at most " + MAX_EXPECTED_VALUE_LENGTH + " characters"));
                } else {
                    expected.add(value.strip());
                }
            }
        }
        if (violations.size() > before) {
            return null;
        }
        return new CheckTarget.Dns(hostname, recordType, resolver, expected);
    }

    /** A host name or address literal that is not obviously private (unless private targets are allowed). */
    private String host(String field, String value, List<FieldViolation> violations) {
        String host = value == null ? null : value.strip();
        if (host == null || host.isEmpty()) {
            violations.add(new FieldViolation(field, "is required"));
            return null;
        }
        boolean literal = host.contains(":") || host.startsWith("[");
        if (literal) {
            host = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
            try {
                java.net.InetAddress.ofLiteral(host);
            } catch (IllegalArgumentException e) {
                violations.add(new FieldViolation(field, "must be a host name or an IP address"));
                return null;
            }
        } else if (host.length() > MAX_HOST_LENGTH || !HOST_NAME.matcher(host).matches()) {
            violations.add(new FieldViolation(field, "must be a host name or an IP address"));
            return null;
        }
        if (!allowPrivateTargets && PrivateAddresses.isPrivateHost(host)) {
            violations.add(new FieldViolation(field, "must not point at a loopback or private address"));
            return null;
        }
        return host;
    }

    private record Field(String name, Set<MonitorType> types, Function<MonitorRequest, Object> value) {}

    private static Map<String, Field> fields(Field... fields) {
        Map<String, Field> byName = new java.util.LinkedHashMap<>();
        for (Field field : fields) {
            byName.put(field.name(), field);
        }
        return java.util.Collections.unmodifiableMap(byName);
    }
}
