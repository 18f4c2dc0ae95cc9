package com.healthmonitor.api.auth;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpHeaders;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.AuthenticationConverter;
import org.springframework.security.web.authentication.preauth.PreAuthenticatedAuthenticationToken;

/** Reads the presented key from {@code Authorization: Bearer <key>} or {@code X-API-Key: <key>}. */
class ApiKeyConverter implements AuthenticationConverter {

    static final String API_KEY_HEADER = "X-API-Key";
    private static final String BEARER = "Bearer ";

    @Override
    public Authentication convert(HttpServletRequest request) {
        String key = null;
        String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (authorization != null && authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            key = authorization.substring(BEARER.length()).trim();
        } else if (request.getHeader(API_KEY_HEADER) != null) {
            key = request.getHeader(API_KEY_HEADER).trim();
        }
        // No key at all: anonymous, and the authorisation rules decide (401 for a protected route).
        return key == null ? null : new PreAuthenticatedAuthenticationToken("api-key", key);
    }
}
