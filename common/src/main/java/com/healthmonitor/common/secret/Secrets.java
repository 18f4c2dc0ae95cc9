package com.healthmonitor.common.secret;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/** Renders secrets (webhook URLs, passwords in URLs) in a form that is safe for logs and responses. */
public final class Secrets {

    private static final String MASK = "****";

    /** Query parameter names (lower case, without {@code -}, {@code _} and {@code .}) whose values are secrets. */
    private static final Set<String> SECRET_PARAMETERS = Set.of(
            "token",
            "key",
            "apikey",
            "secret",
            "password",
            "passwd",
            "pwd",
            "sig",
            "signature",
            "auth",
            "accesstoken",
            "authtoken",
            "clientsecret",
            "privatekey",
            "sessionid");

    private static final List<String> SECRET_SUFFIXES = List.of("token", "secret", "password", "apikey", "signature");

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

    /**
     * A URL that is not a secret as a whole (a monitored URL) with the parts that are: its userinfo and the values
     * of secret-looking query parameters ({@code token}, {@code api_key}, {@code sig}, ...) become {@link #mask}s;
     * everything else stays readable. Masking a masked URL changes nothing.
     */
    public static String maskUrlCredentials(String url) {
        if (url == null) {
            return null;
        }
        UrlParts parts = UrlParts.parse(url);
        String userinfo =
                parts.userinfo() == null || isMasked(parts.userinfo()) ? parts.userinfo() : mask(parts.userinfo());
        return parts.with(userinfo, maskParameters(parts.query()), maskParameters(parts.fragment()));
    }

    /**
     * True when {@code candidate} shows any credential of {@code stored} as {@link #maskUrlCredentials} masks it:
     * a client echoed what it was shown and means "keep the stored value".
     */
    public static boolean echoesMaskedCredentials(String candidate, String stored) {
        return candidate != null
                && stored != null
                && !restoreMaskedCredentials(candidate, stored).equals(candidate);
    }

    /** {@code candidate} with every credential echoed masked (see {@link #echoesMaskedCredentials}) put back. */
    public static String restoreMaskedCredentials(String candidate, String stored) {
        if (candidate == null || stored == null) {
            return candidate;
        }
        UrlParts given = UrlParts.parse(candidate);
        UrlParts kept = UrlParts.parse(stored);
        String userinfo = given.userinfo() != null && isMaskOfValue(given.userinfo(), kept.userinfo())
                ? kept.userinfo()
                : given.userinfo();
        return given.with(
                userinfo,
                restoreParameters(given.query(), kept.query()),
                restoreParameters(given.fragment(), kept.fragment()));
    }

    /**
     * True when both URLs reach the same server: scheme, host and port (the scheme's default when absent) are
     * equal. A stored secret may only be kept for a request that still goes there.
     */
    public static boolean sameOrigin(String one, String other) {
        URI a = uri(one);
        URI b = uri(other);
        return a != null
                && b != null
                && a.getScheme().equalsIgnoreCase(b.getScheme())
                && a.getHost().equalsIgnoreCase(b.getHost())
                && port(a) == port(b);
    }

    /** {@link #sameOrigin} and the same path. */
    public static boolean sameEndpoint(String one, String other) {
        return sameOrigin(one, other) && path(uri(one)).equals(path(uri(other)));
    }

    private static URI uri(String url) {
        if (url == null) {
            return null;
        }
        try {
            URI uri = new URI(url);
            return uri.getScheme() == null || uri.getHost() == null ? null : uri;
        } catch (URISyntaxException e) {
            return null;
        }
    }

    private static int port(URI uri) {
        if (uri.getPort() != -1) {
            return uri.getPort();
        }
        return switch (uri.getScheme().toLowerCase(Locale.ROOT)) {
            case "http" -> 80;
            case "https" -> 443;
            default -> -1;
        };
    }

    private static String path(URI uri) {
        return uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
    }

    private static boolean isMasked(String value) {
        return value.startsWith(MASK);
    }

    static boolean isSecretParameter(String name) {
        String normalized = name.toLowerCase(Locale.ROOT).replaceAll("[-_.]", "");
        return SECRET_PARAMETERS.contains(normalized)
                || SECRET_SUFFIXES.stream().anyMatch(normalized::endsWith);
    }

    private static String maskParameters(String query) {
        if (query == null) {
            return null;
        }
        List<String> out = new ArrayList<>();
        for (String pair : query.split("&", -1)) {
            int eq = pair.indexOf('=');
            if (eq > 0 && eq < pair.length() - 1 && isSecretParameter(pair.substring(0, eq))) {
                String value = pair.substring(eq + 1);
                out.add(pair.substring(0, eq + 1) + (isMasked(value) ? value : mask(value)));
            } else {
                out.add(pair);
            }
        }
        return String.join("&", out);
    }

    private static String restoreParameters(String given, String stored) {
        if (given == null || stored == null) {
            return given;
        }
        // The n-th occurrence of a name restores from the n-th stored occurrence of that name.
        Map<String, List<String>> storedValues = new HashMap<>();
        for (String pair : stored.split("&", -1)) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                storedValues
                        .computeIfAbsent(pair.substring(0, eq), name -> new ArrayList<>())
                        .add(pair.substring(eq + 1));
            }
        }
        Map<String, Integer> seen = new HashMap<>();
        List<String> out = new ArrayList<>();
        for (String pair : given.split("&", -1)) {
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                out.add(pair);
                continue;
            }
            String name = pair.substring(0, eq);
            String value = pair.substring(eq + 1);
            int index = seen.merge(name, 1, Integer::sum) - 1;
            List<String> candidates = storedValues.getOrDefault(name, List.of());
            String old = index < candidates.size() ? candidates.get(index) : null;
            boolean echoed =
                    isSecretParameter(name) && old != null && !Objects.equals(value, old) && isMaskOfValue(value, old);
            out.add(echoed ? name + "=" + old : pair);
        }
        return String.join("&", out);
    }

    /** A URL cut at its userinfo, query and fragment by plain string rules, so that odd URLs survive unchanged. */
    private record UrlParts(String head, String userinfo, String rest, String query, String fragment) {

        static UrlParts parse(String url) {
            String fragment = null;
            String beforeFragment = url;
            int hash = url.indexOf('#');
            if (hash >= 0) {
                fragment = url.substring(hash + 1);
                beforeFragment = url.substring(0, hash);
            }
            String query = null;
            String beforeQuery = beforeFragment;
            int question = beforeFragment.indexOf('?');
            if (question >= 0) {
                query = beforeFragment.substring(question + 1);
                beforeQuery = beforeFragment.substring(0, question);
            }
            int authority = beforeQuery.indexOf("://");
            if (authority < 0) {
                return new UrlParts(beforeQuery, null, "", query, fragment);
            }
            int start = authority + 3;
            int slash = beforeQuery.indexOf('/', start);
            int end = slash < 0 ? beforeQuery.length() : slash;
            int at = beforeQuery.lastIndexOf('@', end - 1);
            if (at < start) {
                return new UrlParts(beforeQuery, null, "", query, fragment);
            }
            return new UrlParts(
                    beforeQuery.substring(0, start),
                    beforeQuery.substring(start, at),
                    beforeQuery.substring(at + 1),
                    query,
                    fragment);
        }

        String with(String newUserinfo, String newQuery, String newFragment) {
            return head
                    + (newUserinfo == null ? "" : newUserinfo + "@")
                    + rest
                    + (newQuery == null ? "" : "?" + newQuery)
                    + (newFragment == null ? "" : "#" + newFragment);
        }
    }
}
