package com.healthmonitor.api.channel;

import com.healthmonitor.common.alert.ChannelType;
import java.util.List;

/** A channel's validated settings, as stored. */
record ChannelSettings(String name, ChannelType type, String url, String secret, List<String> recipients) {}
