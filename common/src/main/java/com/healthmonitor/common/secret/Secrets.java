package com.healthmonitor.common.secret;

import java.net.URI;

/** Renders secrets (webhook URLs, passwords in URLs) in a form that is safe for logs and responses. */
public final class Secrets {

    private static final String MASK = "****";

    private Secrets() {}

    /**
     * Keeps the scheme, host and the last four characters of a secret-bearing URL, enough to tell two webhooks
     * apart, and hides the rest: {@code https://hooks.slack.com/services/T0/B0/abcdWXYZ} becomes
     * {@code https://hooks.slack.com/****WXYZ}.
     */
    public static String maskUrl(String url) {
        if (url == null) {
            return null;
        }
        String tail = url.length() > 12 ? url.substring(url.length() - 4) : "";
        try {
            URI uri = URI.create(url);
            if (uri.getScheme() != null && uri.getHost() != null) {
                return uri.getScheme() + "://" + uri.getHost() + "/" + MASK + tail;
            }
        } catch (IllegalArgumentException ignored) {
            // not a URL: fall through to masking it whole
        }
        return MASK + tail;
    }

    /** True when {@code candidate} is what {@link #maskUrl} shows for {@code secretUrl}. */
    public static boolean isMaskOf(String candidate, String secretUrl) {
        return candidate != null && secretUrl != null && candidate.equals(maskUrl(secretUrl));
    }

    /** A secret value (a request header's token): {@code ****} and, for long values, their last four characters. */
    public static String mask(String value) {
        if (value == null) {
            return null;
        }
        return MASK + (value.length() > 12 ? value.substring(value.length() - 4) : "");
    }

    /** True when {@code candidate} is what {@link #mask} shows for {@code secret}. */
    public static boolean isMaskOfValue(String candidate, String secret) {
        return candidate != null && secret != null && candidate.equals(mask(secret));
    }
}
