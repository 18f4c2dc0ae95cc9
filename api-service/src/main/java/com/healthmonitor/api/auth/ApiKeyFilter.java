package com.healthmonitor.api.auth;

import com.healthmonitor.api.config.ApiProperties;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * API key authentication for the monitor and statistics API ({@code API_KEYS}). Keys are accepted as
 * {@code Authorization: Bearer <key>} or {@code X-API-Key: <key>}. With no key configured the API is open, as in
 * the seed, and a warning says so at startup. Health endpoints stay open for load balancers.
 */
@Component
class ApiKeyFilter extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(ApiKeyFilter.class);
    private static final List<String> PROTECTED_PREFIXES = List.of("/monitors", "/stats", "/status-pages", "/events");

    private final List<byte[]> keys;

    ApiKeyFilter(ApiProperties properties) {
        this.keys = properties.apiKeys().stream()
                .map(key -> key.getBytes(StandardCharsets.UTF_8))
                .toList();
        if (keys.isEmpty()) {
            log.warn("[AUTH] API_KEYS is not set: the monitor API accepts unauthenticated requests");
        } else {
            log.info("[AUTH] API key authentication enabled ({} keys)", keys.size());
        }
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI();
        return keys.isEmpty() || PROTECTED_PREFIXES.stream().noneMatch(path::startsWith);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (isAuthorised(presentedKey(request))) {
            chain.doFilter(request, response);
            return;
        }
        response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
        response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
        response.setContentType("application/problem+json");
        response.getWriter()
                .write("{\"type\":\"about:blank\",\"title\":\"Unauthorized\",\"status\":401,"
                        + "\"detail\":\"A valid API key is required (Authorization: Bearer <key> or X-API-Key).\","
                        + "\"instance\":\"" + request.getRequestURI().replace("\"", "") + "\"}");
    }

    private static String presentedKey(HttpServletRequest request) {
        String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return authorization.substring(7).trim();
        }
        return request.getHeader("X-API-Key");
    }

    private boolean isAuthorised(String presented) {
        if (presented == null || presented.isEmpty()) {
            return false;
        }
        byte[] candidate = presented.getBytes(StandardCharsets.UTF_8);
        boolean match = false;
        for (byte[] key : keys) {
            // Constant-time comparison, and no early exit, so timing reveals nothing about the keys.
            match |= MessageDigest.isEqual(key, candidate);
        }
        return match;
    }
}
