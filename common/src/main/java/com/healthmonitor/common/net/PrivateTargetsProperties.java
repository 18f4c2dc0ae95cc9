package com.healthmonitor.common.net;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Whether the SSRF guards let monitors, channels and webhooks reach private addresses ({@link PrivateAddresses}),
 * bound once from {@code health-monitor.allow-private-targets} ({@code ALLOW_PRIVATE_TARGETS}, mapped in
 * health-monitor.yml) for the api's validators and the worker's guard alike.
 *
 * @param allowPrivateTargets accept loopback/private targets and {@code http://} webhooks, for local testing
 */
@ConfigurationProperties("health-monitor")
public record PrivateTargetsProperties(boolean allowPrivateTargets) {}
