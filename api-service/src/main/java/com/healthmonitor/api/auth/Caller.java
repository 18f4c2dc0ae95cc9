package com.healthmonitor.api.auth;

import java.security.Principal;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Who is calling, as the principal of its authentication: a key from {@code API_KEYS} (position only, never the
 * key), a managed key (its id and name), or nobody where the API serves requests without a key. {@link #getName()}
 * is the rate limiter's client name.
 *
 * @param keyId the managed key's id; null for an {@code API_KEYS} key and for anonymous access
 * @param name the managed key's name, or which {@code API_KEYS} key it is; null for anonymous access
 */
public record Caller(Long keyId, String name, Scope scope, boolean anonymous) implements Principal {

    static final Caller ANONYMOUS = new Caller(null, null, Scope.ADMIN, true);

    static Caller environmentKey(int position) {
        return new Caller(null, "API_KEYS key " + position, Scope.ADMIN, false);
    }

    @Override
    public String getName() {
        if (anonymous) {
            return "anonymous";
        }
        return keyId == null ? "environment:" + name : "managed:" + keyId;
    }

    /**
     * The caller of the current request, which the scope rules let through (every such request has one, an
     * anonymous one included, which Spring MVC's own {@code Principal} argument would hide).
     */
    public static Caller current() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication != null && authentication.getPrincipal() instanceof Caller caller) {
            return caller;
        }
        throw new IllegalStateException("the request has no authenticated caller");
    }
}
