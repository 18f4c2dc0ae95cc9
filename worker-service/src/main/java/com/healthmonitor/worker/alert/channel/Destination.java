package com.healthmonitor.worker.alert.channel;

import com.healthmonitor.common.alert.ChannelType;
import java.util.List;

/**
 * Where one delivery goes, as read when it is sent.
 *
 * @param type the channel type
 * @param name the channel's name (for logs and test messages)
 * @param url the webhook URL (a secret), null for email
 * @param secret the generic webhook's HMAC secret, null when none
 * @param recipients email addresses, empty for webhooks
 */
public record Destination(ChannelType type, String name, String url, String secret, List<String> recipients) {}
