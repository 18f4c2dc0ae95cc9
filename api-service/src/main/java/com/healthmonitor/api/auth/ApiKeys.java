package com.healthmonitor.api.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.web.authentication.preauth.PreAuthenticatedAuthenticationToken;
import org.springframework.stereotype.Component;

/**
 * The configured API keys ({@code API_KEYS}) as Spring Security's authentication manager. An authenticated
 * caller's principal is {@code api-key-N} (the key's position in the list), never the key itself, so the key
 * stays out of logs and rate-limit buckets.
 */
@Component
class ApiKeys implements AuthenticationManager {

    private final List<byte[]> keys;

    ApiKeys(ApiKeyProperties properties) {
        List<String> configured = properties.apiKeys();
        for (int i = 0; i < configured.size(); i++) {
            if (configured.get(i).length() < ApiKeyProperties.MIN_KEY_LENGTH) {
                // Its position only: the key itself, or even its length, stays out of the message and the log.
                throw new InvalidApiKeysException(
                        "API_KEYS: key number " + (i + 1) + " of " + configured.size()
                                + " is shorter than " + ApiKeyProperties.MIN_KEY_LENGTH
                                + " characters",
                        "Replace it with a long random key, e.g. from `openssl rand -hex 24`.");
            }
        }
        this.keys = configured.stream()
                .map(key -> key.getBytes(StandardCharsets.UTF_8))
                .toList();
    }

    int count() {
        return keys.size();
    }

    @Override
    public Authentication authenticate(Authentication presented) {
        if (!(presented.getCredentials() instanceof String key) || key.isEmpty()) {
            throw new BadCredentialsException("no API key");
        }
        byte[] candidate = key.getBytes(StandardCharsets.UTF_8);
        int match = -1;
        for (int i = 0; i < keys.size(); i++) {
            // Every key is compared, in constant time, so timing reveals neither a key nor which one matched.
            if (MessageDigest.isEqual(keys.get(i), candidate)) {
                match = i;
            }
        }
        if (match < 0) {
            throw new BadCredentialsException("unknown API key");
        }
        return new PreAuthenticatedAuthenticationToken("api-key-" + (match + 1), null, AuthorityUtils.NO_AUTHORITIES);
    }
}
