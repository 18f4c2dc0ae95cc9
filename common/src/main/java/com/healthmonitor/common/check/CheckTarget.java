package com.healthmonitor.common.check;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.List;
import java.util.Objects;

/**
 * What a monitor checks and how, one record per {@link MonitorType}: the per-type settings a worker needs to run the
 * check. The API validates them, the database keeps them ({@code monitors.target}, except HTTP's, which has columns
 * of its own from before types existed), the scheduler sends them in the check message.
 *
 * <p>In JSON a target names its type ({@code {"type": "tcp", "host": "db.internal", "port": 5432}}). HTTP is not
 * written this way: its wire form is the {@code url} and {@code check} fields that every message version carries, so
 * that workers that predate types keep reading HTTP checks.
 *
 * <p>A new type is a new record here (with its {@link JsonSubTypes} entry), a {@code Checker} in the worker and a
 * validator in the API; see docs/monitor-types.md.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = CheckTarget.Tcp.class, name = "tcp"),
    @JsonSubTypes.Type(value = CheckTarget.Dns.class, name = "dns"),
    @JsonSubTypes.Type(value = CheckTarget.Heartbeat.class, name = "heartbeat")
})
public sealed interface CheckTarget {

    @JsonIgnore
    MonitorType type();

    /** How alerts and pages show the target: the URL, {@code tcp://host:port}, {@code dns:name?type=A}. */
    @JsonIgnore
    String display();

    /** The host whose address the check connects to first (the SSRF guard's subject); a Tcp's is a component. */
    String host();

    /**
     * How many days before its certificate expires a target warns (0: never, as for types without TLS). Static, not
     * an instance method, so that it never becomes a JSON property of the targets.
     */
    static int tlsExpiryDays(CheckTarget target) {
        return switch (target) {
            case Http http -> http.spec().tlsExpiryDays();
            case Tcp tcp -> tcp.tlsExpiryDays();
            case Dns dns -> 0;
            case Heartbeat heartbeat -> 0;
        };
    }

    /**
     * An HTTP(S) request and what counts as a healthy response.
     *
     * @param url absolute http(s) URL
     * @param spec what to send and expect
     */
    record Http(String url, CheckSpec spec) implements CheckTarget {

        public Http {
            Objects.requireNonNull(url, "url");
            Objects.requireNonNull(spec, "spec");
        }

        @Override
        public MonitorType type() {
            return MonitorType.HTTP;
        }

        @Override
        public String display() {
            return url;
        }

        @Override
        public String host() {
            return java.net.URI.create(url).getHost();
        }
    }

    /**
     * A TCP connection to {@code host:port}, optionally followed by a TLS handshake.
     *
     * @param tls whether to complete a TLS handshake (certificate checked as for https)
     * @param tlsExpiryDays warn when the certificate chain expires within this many days; 0 = off, only with TLS
     */
    record Tcp(String host, int port, boolean tls, int tlsExpiryDays) implements CheckTarget {

        public Tcp {
            Objects.requireNonNull(host, "host");
            if (port < 1 || port > 65_535) {
                throw new IllegalArgumentException("port must be within 1-65535");
            }
        }

        @Override
        public MonitorType type() {
            return MonitorType.TCP;
        }

        @Override
        public String display() {
            return "tcp://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
        }
    }

    /**
     * A DNS query for {@code hostname}'s records of {@code recordType}.
     *
     * @param recordType A, AAAA, CNAME, MX, NS, TXT or SOA
     * @param resolver {@code host} or {@code host:port} of the DNS server to ask; null: the system's resolver
     * @param expectedValues values that must all be in the answer (none: any NOERROR answer with records)
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Dns(String hostname, String recordType, String resolver, List<String> expectedValues)
            implements CheckTarget {

        public static final List<String> RECORD_TYPES = List.of("A", "AAAA", "CNAME", "MX", "NS", "TXT", "SOA");

        public Dns {
            Objects.requireNonNull(hostname, "hostname");
            Objects.requireNonNull(recordType, "recordType");
            expectedValues = expectedValues == null ? List.of() : List.copyOf(expectedValues);
        }

        @Override
        public MonitorType type() {
            return MonitorType.DNS;
        }

        @Override
        public String display() {
            return "dns:" + (resolver == null ? "" : "//" + resolver + "/") + hostname + "?type=" + recordType;
        }

        /** The resolver's host (the guarded address), null for the system resolver. */
        @Override
        public String host() {
            if (resolver == null) {
                return null;
            }
            return HostPort.parse(resolver, 53).host();
        }
    }

    /**
     * A job that reports in: nothing is polled; the job pings its URL at least every {@code period} seconds, and a
     * silence longer than {@code period + grace} is a failed check. Its results come from the pings (API) and the
     * worker's silence detector, not from a checker.
     *
     * @param period seconds between the job's runs
     * @param grace seconds a ping may be late (and a started run may take) before the silence counts
     */
    record Heartbeat(int period, int grace) implements CheckTarget {

        public Heartbeat {
            if (period < 1 || grace < 0) {
                throw new IllegalArgumentException("period must be positive and grace not negative");
            }
        }

        @Override
        public MonitorType type() {
            return MonitorType.HEARTBEAT;
        }

        @Override
        public String display() {
            return "heartbeat every " + span(period) + ", grace " + span(grace);
        }

        /** None: a heartbeat connects nowhere. */
        @Override
        public String host() {
            return null;
        }

        /** {@code 1 d 1 h}, {@code 5 min}, {@code 30 s}: a number of seconds as people read it, to the second. */
        public static String span(long seconds) {
            if (seconds == 0) {
                return "0 s";
            }
            StringBuilder text = new StringBuilder();
            long[] units = {86_400, 3_600, 60, 1};
            String[] names = {"d", "h", "min", "s"};
            long rest = seconds;
            for (int i = 0; i < units.length; i++) {
                if (rest >= units[i]) {
                    text.append(text.isEmpty() ? "" : " ")
                            .append(rest / units[i])
                            .append(' ')
                            .append(names[i]);
                    rest %= units[i];
                }
            }
            return text.toString();
        }
    }
}
