package com.healthmonitor.api.web;

import com.healthmonitor.common.net.PrivateAddresses;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;

/**
 * The API's SSRF rule for URLs the services will call (channel webhooks): an absolute http(s) URL naming a host
 * that is not obviously loopback, private or link-local. Names are not resolved here (slow and flaky); the worker
 * checks the resolved address again before every request.
 */
public final class TargetUrls {

    public static final int MAX_LENGTH = 2048;

    private TargetUrls() {}

    /** Adds a violation for {@code field} when {@code value} breaks the rule; http is allowed only with private targets. */
    public static void check(String field, String value, boolean allowPrivateTargets, List<FieldViolation> violations) {
        check(field, value, !allowPrivateTargets, allowPrivateTargets, violations);
    }

    /** Adds a violation for {@code field} when {@code value} (stripped) breaks the rule. */
    public static void check(
            String field,
            String value,
            boolean httpsOnly,
            boolean allowPrivateTargets,
            List<FieldViolation> violations) {
        if (value.length() > MAX_LENGTH) {
            violations.add(new FieldViolation(field, "must be at most 2048 characters"));
            return;
        }
        URI uri;
        try {
            uri = new URI(value.strip());
        } catch (URISyntaxException e) {
            violations.add(new FieldViolation(field, "must be an absolute http or https URL"));
            return;
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (httpsOnly ? !scheme.equals("https") : !(scheme.equals("http") || scheme.equals("https"))) {
            violations.add(
                    new FieldViolation(field, httpsOnly ? "must be an https URL" : "must be an http or https URL"));
            return;
        }
        if (uri.getHost() == null || uri.getHost().isBlank()) {
            violations.add(new FieldViolation(field, "must name a host"));
            return;
        }
        if (!allowPrivateTargets && isPrivateHost(uri.getHost())) {
            violations.add(new FieldViolation(field, "must not point at a loopback or private address"));
        }
    }

    static boolean isPrivateHost(String host) {
        return PrivateAddresses.isPrivateHost(host);
    }
}
