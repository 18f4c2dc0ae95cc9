package com.healthmonitor.api.channel;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the channel API.
 *
 * @param testTimeout how long {@code POST /channels/{id}/test} waits for a worker to send the test message before
 *     answering 202 with the delivery still PENDING
 */
@ConfigurationProperties("health-monitor.channels")
record ChannelProperties(@DefaultValue("30s") Duration testTimeout) {}
