package com.healthmonitor.api.auth;

import java.net.InetAddress;
import java.net.UnknownHostException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.env.Environment;

/**
 * Whether the API may answer requests that carry no key. Only when asked for: with {@code ALLOW_ANONYMOUS=true},
 * or in the standalone while it listens on loopback only. Otherwise, without {@code API_KEYS}, the API does not
 * start, so that no deployment is open by omission.
 */
final class AnonymousAccess {

    private static final Logger log = LoggerFactory.getLogger(AnonymousAccess.class);

    private AnonymousAccess() {}

    /** True when requests without a key are to be served; throws when there are no keys and no permission. */
    static boolean permitted(ApiKeyProperties properties, Environment environment) {
        if (!properties.apiKeys().isEmpty()) {
            return false;
        }
        if (properties.allowAnonymous()) {
            log.warn("[AUTH] API_KEYS is not set and ALLOW_ANONYMOUS=true: the API accepts requests without a key");
            return true;
        }
        String address = environment.getProperty("server.address");
        if (properties.anonymousOnLoopback() && isLoopback(address)) {
            log.info(
                    "[AUTH] API_KEYS is not set: the API accepts requests without a key because it listens on {}"
                            + " (loopback) only",
                    address);
            return true;
        }
        String standalone = properties.anonymousOnLoopback()
                ? " (the standalone serves without keys only on a loopback SERVER_ADDRESS such as 127.0.0.1)"
                : "";
        throw new InvalidApiKeysException(
                "API_KEYS is not set and ALLOW_ANONYMOUS is not true: the API would accept every request without a"
                        + " key" + standalone,
                "Set API_KEYS to comma-separated keys of at least " + ApiKeyProperties.MIN_KEY_LENGTH
                        + " characters each (e.g. from `openssl rand -hex 24`), or set ALLOW_ANONYMOUS=true if an"
                        + " open API is really meant.");
    }

    /** Unset means every interface; a host name counts when it resolves to a loopback address. */
    private static boolean isLoopback(String address) {
        if (address == null || address.isBlank()) {
            return false;
        }
        try {
            return InetAddress.getByName(address.trim()).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
