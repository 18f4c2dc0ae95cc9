package com.healthmonitor.worker.http;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.util.Locale;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLException;

/**
 * Turns what went wrong in an HTTP exchange (check or webhook) into the short, cause-naming text stored and shown in
 * alerts. The one place that knows how the HTTP client reports its failures.
 */
public final class HttpErrors {

    private HttpErrors() {}

    public static String describe(Throwable failure, int timeoutSeconds) {
        // Clients wrap causes (an UnknownHostException around the guard's refusal, SSLHandshakeException around a
        // certificate problem, ...): the innermost meaningful one decides.
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof BlockedTargetException) {
                return "blocked private address";
            }
        }
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof TimeoutException
                    || t instanceof java.net.SocketTimeoutException
                    || t instanceof org.apache.hc.client5.http.ConnectTimeoutException) {
                return "timeout after " + timeoutSeconds + "s";
            }
            if (t instanceof UnknownHostException) {
                return "DNS failure";
            }
            if (t instanceof SSLException) {
                return "TLS error: " + tlsReason(failure, t);
            }
            if (t instanceof NoRouteToHostException) {
                return "no route to host";
            }
        }
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ConnectException) {
                String text = chainMessages(failure);
                return text.contains("refused") || t.getMessage() == null
                        ? "connection refused"
                        : "connection failed: " + message(t);
            }
        }
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof org.apache.hc.core5.http.MessageConstraintException) {
                return "response headers too large: " + message(t);
            }
        }
        if (failure instanceof IllegalArgumentException) {
            return "invalid URL: " + message(failure);
        }
        Throwable root = failure;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return "I/O error: " + message(root);
    }

    /** Names the certificate problem a user can act on, rather than the TLS stack's wording. */
    private static String tlsReason(Throwable failure, Throwable ssl) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof CertificateExpiredException) {
                return "certificate expired";
            }
            if (t instanceof CertificateNotYetValidException) {
                return "certificate not yet valid";
            }
        }
        String messages = chainMessages(failure);
        if (messages.contains("no subject alternative")
                || messages.contains("doesn't match")
                || messages.contains("no name matching")) {
            return "certificate does not match the host name (" + message(ssl) + ")";
        }
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof CertPathBuilderException || t instanceof CertPathValidatorException) {
                return "certificate not trusted (" + message(t) + ")";
            }
        }
        return message(ssl);
    }

    private static String chainMessages(Throwable failure) {
        StringBuilder text = new StringBuilder();
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t.getMessage() != null) {
                text.append(t.getMessage().toLowerCase(Locale.ROOT)).append(' ');
            }
        }
        return text.toString();
    }

    private static String message(Throwable t) {
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }
}
