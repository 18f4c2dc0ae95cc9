package com.healthmonitor.api.web;

import jakarta.servlet.http.HttpServletResponse;

/**
 * The browser hardening headers of every response. The dashboard and the status pages load only their own scripts,
 * styles and data (no inline script or style, no {@code on…=} handler, no {@code style=} attribute), so the policy
 * allows nothing but the API's own origin; the API key the dashboard keeps in {@code sessionStorage} cannot be read
 * by injected script or sent to another origin, and no page can frame the dashboard. Swagger UI sets inline styles
 * and data: images, so it alone gets those.
 */
final class SecurityHeaders {

    static final String CONTENT_SECURITY_POLICY =
            "default-src 'self'; object-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

    static final String SWAGGER_UI_CONTENT_SECURITY_POLICY = "default-src 'self'; style-src 'self' 'unsafe-inline';"
            + " img-src 'self' data:; object-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

    private SecurityHeaders() {}

    /**
     * Sets the headers ({@code setHeader}, so never twice). {@code X-Content-Type-Options} is Spring Security's too;
     * its header writer leaves a header already set alone, and this one covers the answers it never sees.
     */
    static void write(HttpServletResponse response, String path) {
        response.setHeader(
                "Content-Security-Policy",
                path != null && path.startsWith("/swagger-ui")
                        ? SWAGGER_UI_CONTENT_SECURITY_POLICY
                        : CONTENT_SECURITY_POLICY);
        response.setHeader("Referrer-Policy", "no-referrer");
        response.setHeader("X-Content-Type-Options", "nosniff");
    }
}
