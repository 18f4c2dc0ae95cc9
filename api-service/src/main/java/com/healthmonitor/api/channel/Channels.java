package com.healthmonitor.api.channel;

import java.util.Collection;
import java.util.List;
import org.springframework.stereotype.Component;

/** What other features (monitors, the daily summary) may ask about channels. */
@Component
public class Channels {

    private final ChannelRepository repository;

    Channels(ChannelRepository repository) {
        this.repository = repository;
    }

    /** The ids among {@code ids} that name no channel, in ascending order. */
    public List<Long> missing(Collection<Long> ids) {
        return repository.missing(ids);
    }
}
