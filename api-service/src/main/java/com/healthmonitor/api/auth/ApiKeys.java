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
 * Spring Security's authentication manager: the keys of {@code API_KEYS} (admin keys, compared in constant time),
 * then the managed keys ({@link ManagedKeys}). The principal is a {@link Caller}, never the key itself, so the key
 * stays out of logs and rate-limit buckets.
 */
@Component
class ApiKeys implements AuthenticationManager {

    private final List<byte[]> keys;
    private final ManagedKeys managed;

    ApiKeys(ApiKeyProperties properties, ManagedKeys managed) {
        this.managed = managed;
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
        Caller caller;
        if (match >= 0) {
            caller = Caller.environmentKey(match + 1);
        } else if (ApiKeySecrets.looksManaged(key)) {
            caller = managed.find(key).orElseThrow(() -> new BadCredentialsException("unknown API key"));
        } else {
            throw new BadCredentialsException("unknown API key");
        }
        return new PreAuthenticatedAuthenticationToken(
                caller, null, AuthorityUtils.createAuthorityList(caller.scope().authority()));
    }
}
