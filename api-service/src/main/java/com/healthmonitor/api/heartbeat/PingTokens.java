package com.healthmonitor.api.heartbeat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * A heartbeat's ping token: 24 bytes from {@link SecureRandom} (192 bits) as 32 base64url characters, stored as its
 * SHA-256 only, as API keys are. A token only reports for its monitor, but a reported success silences the alert the
 * monitor exists for, so a database reader (or a read-scoped API key) must not be able to ping; the URL is therefore
 * shown only when it is issued, and lost it is replaced by rotating.
 */
public final class PingTokens {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Pattern FORM = Pattern.compile("[A-Za-z0-9_-]{32}");

    private PingTokens() {}

    /** A new token: the secret to show once and the hash to store. */
    public record NewToken(String secret, byte[] hash) {}

    public static NewToken generate() {
        byte[] random = new byte[24];
        RANDOM.nextBytes(random);
        String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        return new NewToken(secret, hash(secret));
    }

    /** Whether {@code presented} can be a token at all; anything else is not looked up. */
    static boolean wellFormed(String presented) {
        return presented != null && FORM.matcher(presented).matches();
    }

    static byte[] hash(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
