package com.healthmonitor.api.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Managed keys: {@code hm_} and 43 base64url characters of 32 bytes from {@link SecureRandom} (256 bits), stored as
 * their SHA-256 only. The prefix marks a key as ours (secret scanners can look for it), and a presented key without
 * it is not looked up in the database at all.
 */
public final class ApiKeySecrets {

    static final String PREFIX = "hm_";

    /** How much of a key is shown to recognise it: the prefix and 5 random characters (30 of its 256 bits). */
    static final int SHOWN_LENGTH = PREFIX.length() + 5;

    private static final SecureRandom RANDOM = new SecureRandom();

    private ApiKeySecrets() {}

    /** A new key: the secret to show once, what is shown of it later, and what is stored. */
    public record NewKey(String secret, String prefix, byte[] hash) {}

    public static NewKey generate() {
        byte[] random = new byte[32];
        RANDOM.nextBytes(random);
        String secret = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        return new NewKey(secret, secret.substring(0, SHOWN_LENGTH), sha256(secret));
    }

    static boolean looksManaged(String presented) {
        return presented.startsWith(PREFIX);
    }

    static byte[] sha256(String key) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
