package com.healthmonitor.worker.alert.channel;

import com.healthmonitor.common.alert.ChannelType;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** The one sender of each channel type. */
public final class ChannelSenders {

    private final Map<ChannelType, ChannelSender> byType = new EnumMap<>(ChannelType.class);

    ChannelSenders(List<ChannelSender> senders) {
        senders.forEach(sender -> byType.put(sender.type(), sender));
        for (ChannelType type : ChannelType.values()) {
            if (!byType.containsKey(type)) {
                throw new IllegalStateException("no sender for channel type " + type.id());
            }
        }
    }

    public ChannelSender get(ChannelType type) {
        return byType.get(type);
    }
}
