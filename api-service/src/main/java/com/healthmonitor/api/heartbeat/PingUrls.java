package com.healthmonitor.api.heartbeat;

import org.springframework.stereotype.Component;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/** The absolute URL a job pings: {@code PUBLIC_BASE_URL} or the current request's origin, then the token. */
@Component
public class PingUrls {

    private final HeartbeatProperties properties;

    PingUrls(HeartbeatProperties properties) {
        this.properties = properties;
    }

    /** Called while serving the request that issues the token. */
    public String of(String token) {
        String base = properties.publicBaseUrl() != null
                ? properties.publicBaseUrl()
                : ServletUriComponentsBuilder.fromCurrentContextPath().build().toUriString();
        return base + "/ping/" + token;
    }
}
