package com.healthmonitor.worker.result;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * What a check learned about the server's certificate chain: the earliest expiry in it and which certificate that
 * is, so an expiry warning can be sent once per certificate. (The TLS stack itself refuses expired, untrusted and
 * wrong-host certificates; those fail the check before this is looked at.)
 *
 * @param expiresAt the earliest {@code notAfter} in the chain
 * @param certificate SHA-256 fingerprint (hex) of the certificate that expires first
 */
public record TlsInspection(Instant expiresAt, String certificate) {

    /** Empty for a plain-http exchange (no certificates). */
    public static Optional<TlsInspection> of(List<X509Certificate> chain) {
        return chain.stream()
                .min(Comparator.comparing(X509Certificate::getNotAfter))
                .map(first -> new TlsInspection(first.getNotAfter().toInstant(), fingerprint(first)));
    }

    /** {@code certificate expires in 3 days (…)} when the expiry is within {@code days} of {@code now}; 0 = off. */
    public Optional<String> warning(Instant now, int days) {
        if (days <= 0) {
            return Optional.empty();
        }
        Duration left = Duration.between(now, expiresAt);
        if (left.compareTo(Duration.ofDays(days)) >= 0) {
            return Optional.empty();
        }
        long daysLeft = left.toDays();
        String when = daysLeft >= 1 ? "in " + daysLeft + (daysLeft == 1 ? " day" : " days") : "in less than a day";
        return Optional.of("certificate expires " + when + " (" + expiresAt.truncatedTo(ChronoUnit.SECONDS) + ")");
    }

    private static String fingerprint(X509Certificate certificate) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
        } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
            throw new IllegalStateException("cannot fingerprint a certificate", e);
        }
    }
}
