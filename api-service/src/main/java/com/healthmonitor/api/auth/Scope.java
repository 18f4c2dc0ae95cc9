package com.healthmonitor.api.auth;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * What an API key may do; each scope includes the ones before it. {@code read}: GET and HEAD; {@code write}: also
 * every change except the admin routes; {@code admin}: also API keys and settings ({@link ScopeRules}).
 */
public enum Scope {
    READ,
    WRITE,
    ADMIN;

    private static final String AUTHORITY_PREFIX = "SCOPE_";

    /** As the API writes it: {@code read}, {@code write}, {@code admin}. */
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean includes(Scope other) {
        return compareTo(other) >= 0;
    }

    public static Optional<Scope> parse(String value) {
        return Arrays.stream(values()).filter(s -> s.value().equals(value)).findFirst();
    }

    /** The Spring Security authority an authentication with this scope carries. */
    String authority() {
        return AUTHORITY_PREFIX + value();
    }

    static Optional<Scope> ofAuthority(String authority) {
        return authority != null && authority.startsWith(AUTHORITY_PREFIX)
                ? parse(authority.substring(AUTHORITY_PREFIX.length()))
                : Optional.empty();
    }
}
