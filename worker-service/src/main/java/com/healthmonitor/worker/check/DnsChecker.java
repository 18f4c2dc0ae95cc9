package com.healthmonitor.worker.check;

import com.healthmonitor.common.check.CheckTarget;
import com.healthmonitor.common.check.HostPort;
import com.healthmonitor.worker.http.HttpErrors;
import com.healthmonitor.worker.http.TargetGuard;
import com.healthmonitor.worker.result.CheckResult;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.ResolverConfig;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * A DNS check (dnsjava): one query for the name's records of the type, to the monitor's resolver or the system's
 * first one. UP when the answer is NOERROR, has records of the type and holds every expected value. A resolver the
 * monitor names goes through the SSRF guard like any target; the latency is the query's time.
 */
final class DnsChecker implements Checker<CheckTarget.Dns> {

    private final TargetGuard guard;
    private final Clock clock;

    DnsChecker(TargetGuard guard, Clock clock) {
        this.guard = guard;
        this.clock = clock;
    }

    @Override
    public Class<CheckTarget.Dns> targetType() {
        return CheckTarget.Dns.class;
    }

    @Override
    public CheckResult check(CheckTarget.Dns target, int timeoutSeconds) {
        Instant checkedAt = clock.instant().truncatedTo(ChronoUnit.MICROS);
        long start = System.nanoTime();
        long deadline = start + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        try {
            SimpleResolver resolver = new SimpleResolver(server(target, deadline));
            long remaining = deadline - System.nanoTime();
            if (remaining <= 0) {
                throw new TimeoutException("deadline passed");
            }
            resolver.setTimeout(Duration.ofNanos(remaining));
            int type = Type.value(target.recordType());
            Record question = Record.newRecord(Name.fromString(target.hostname(), Name.root), type, DClass.IN);
            long queried = System.nanoTime();
            Message answer = resolver.send(Message.newQuery(question));
            int latency = CheckFailures.millisSince(queried);
            return CheckResult.answered(checkedAt, latency, failure(answer, type, target), null);
        } catch (Exception e) {
            return CheckFailures.unanswered(e, checkedAt, start, () -> describe(e, timeoutSeconds));
        }
    }

    /** The resolver to ask: the monitor's, approved by the guard, or the system's first. */
    private InetSocketAddress server(CheckTarget.Dns target, long deadline) throws Exception {
        if (target.resolver() == null) {
            return ResolverConfig.getCurrentConfig().server();
        }
        HostPort resolver = HostPort.parse(target.resolver(), 53);
        InetAddress[] addresses = guard.approve(resolver.host(), Duration.ofNanos(deadline - System.nanoTime()));
        return new InetSocketAddress(addresses[0], resolver.port());
    }

    /** Why the answer fails the check, null when it passes. */
    private static String failure(Message answer, int type, CheckTarget.Dns target) {
        int rcode = answer.getRcode();
        if (rcode != Rcode.NOERROR) {
            return Rcode.string(rcode);
        }
        List<String> values = new ArrayList<>();
        for (Record record : answer.getSection(Section.ANSWER)) {
            if (record.getType() == type) {
                values.add(value(record));
            }
        }
        if (values.isEmpty()) {
            return "no " + target.recordType() + " records";
        }
        boolean text = type == Type.TXT;
        List<String> missing = target.expectedValues().stream()
                .filter(expected -> !values.contains(text ? expected : normalise(expected)))
                .toList();
        if (missing.isEmpty()) {
            return null;
        }
        return "answer " + String.join(", ", values) + " lacks expected " + String.join(", ", missing);
    }

    /** A record's data as users write it: {@code 203.0.113.7}, {@code 10 mail.example.com}, a TXT's text. */
    private static String value(Record record) {
        if (record instanceof TXTRecord txt) {
            return String.join("", txt.getStrings());
        }
        return normalise(record.rdataToString());
    }

    /** Names compare without the root's dot and case-insensitively, as DNS compares them. */
    private static String normalise(String value) {
        return value.strip().replaceAll("\\.(\\s|$)", "$1").toLowerCase(Locale.ROOT);
    }

    private static String describe(Exception e, int timeoutSeconds) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof TextParseException) {
                return "invalid name: " + t.getMessage();
            }
        }
        if (e instanceof IOException && e.getMessage() != null && e.getMessage().contains("Timed out")) {
            return "timeout after " + timeoutSeconds + "s";
        }
        return HttpErrors.describe(e, timeoutSeconds);
    }
}
