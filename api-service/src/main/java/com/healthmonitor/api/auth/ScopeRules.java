package com.healthmonitor.api.auth;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.PathContainer;
import org.springframework.http.server.RequestPath;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
import org.springframework.web.util.ServletRequestPathUtils;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * Which scope a request needs, and whether its authentication has it. The one place that says so: reading (GET,
 * HEAD) needs {@code read}; any other method needs {@code write}; API keys (every method) and changing settings need
 * {@code admin}, except that every scope may ask who it is ({@code GET /api-keys/current}). Paths are matched as
 * the other security rules match them: Spring's decoded, normalised path against path patterns.
 */
final class ScopeRules implements AuthorizationManager<RequestAuthorizationContext> {

    private static final PathPattern CURRENT = pattern("/api-keys/current");
    private static final List<PathPattern> KEY_MANAGEMENT = List.of(pattern("/api-keys"), pattern("/api-keys/**"));
    private static final List<PathPattern> SETTINGS = List.of(pattern("/settings"), pattern("/settings/**"));

    static Scope required(HttpServletRequest request) {
        return required(request.getMethod(), pathOf(request));
    }

    /** For a path as the API description writes it ({@code /api-keys/{id}}) as well as for a request's. */
    static Scope required(String method, PathContainer path) {
        boolean reading = HttpMethod.GET.matches(method) || HttpMethod.HEAD.matches(method);
        if (reading && CURRENT.matches(path)) {
            return Scope.READ;
        }
        if (matches(KEY_MANAGEMENT, path)) {
            return Scope.ADMIN;
        }
        if (reading) {
            return Scope.READ;
        }
        return matches(SETTINGS, path) ? Scope.ADMIN : Scope.WRITE;
    }

    /** The widest scope among the authentication's authorities; none for an anonymous caller without a grant. */
    static Optional<Scope> scopeOf(Authentication authentication) {
        if (authentication == null) {
            return Optional.empty();
        }
        return authentication.getAuthorities().stream()
                .map(GrantedAuthority::getAuthority)
                .map(Scope::ofAuthority)
                .flatMap(Optional::stream)
                .max(Enum::compareTo);
    }

    @Override
    public AuthorizationResult authorize(
            Supplier<? extends Authentication> authentication, RequestAuthorizationContext context) {
        Scope needed = required(context.getRequest());
        return new AuthorizationDecision(
                scopeOf(authentication.get()).filter(s -> s.includes(needed)).isPresent());
    }

    /** The path within the application, as Spring Security's PathPatternRequestMatcher reads it. */
    private static PathContainer pathOf(HttpServletRequest request) {
        if (ServletRequestPathUtils.hasParsedRequestPath(request)) {
            return ServletRequestPathUtils.getParsedRequestPath(request).pathWithinApplication();
        }
        RequestPath path = ServletRequestPathUtils.parseAndCache(request);
        ServletRequestPathUtils.clearParsedRequestPath(request);
        return path.pathWithinApplication();
    }

    private static boolean matches(List<PathPattern> patterns, PathContainer path) {
        return patterns.stream().anyMatch(p -> p.matches(path));
    }

    private static PathPattern pattern(String pattern) {
        return PathPatternParser.defaultInstance.parse(pattern);
    }
}
