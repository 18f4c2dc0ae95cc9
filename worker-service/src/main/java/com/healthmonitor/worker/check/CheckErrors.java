package com.healthmonitor.worker.check;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.net.http.HttpTimeoutException;
import java.util.Locale;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLException;

/** Turns what went wrong in a check into the short, cause-naming text stored and shown in alerts. */
public final class CheckErrors {

    private CheckErrors() {}

    public static String unexpectedStatus(int actual, int expected) {
        return "unexpected status " + actual + " (expected " + expected + ")";
    }

    public static String describe(Throwable failure, int timeoutSeconds) {
        // The JDK client wraps causes (ExecutionException, IOException around ConnectException, ...): the
        // innermost meaningful one decides.
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof TimeoutException || t instanceof HttpTimeoutException) {
                return "timeout after " + timeoutSeconds + "s";
            }
            if (t instanceof BlockedTargetException) {
                return "blocked private address";
            }
            if (t instanceof UnknownHostException) {
                return "DNS failure";
            }
            if (t instanceof SSLException) {
                return "TLS error: " + message(t);
            }
            if (t instanceof TooManyRedirectsException) {
                return t.getMessage();
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
        if (failure instanceof IllegalArgumentException) {
            return "invalid URL: " + message(failure);
        }
        Throwable root = failure;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return "I/O error: " + message(root);
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

    /** More redirects than the worker follows. */
    static final class TooManyRedirectsException extends java.io.IOException {
        TooManyRedirectsException(int max) {
            super("too many redirects (more than " + max + ")");
        }
    }
}
