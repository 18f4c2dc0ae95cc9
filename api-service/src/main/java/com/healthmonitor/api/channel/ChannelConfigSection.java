package com.healthmonitor.api.channel;

import com.healthmonitor.api.config.ConfigKeys;
import com.healthmonitor.api.config.ConfigSection;
import com.healthmonitor.api.config.ConfigSections;
import com.healthmonitor.common.secret.Secrets;
import java.util.List;
import java.util.Set;
import org.springframework.stereotype.Component;
import tools.jackson.databind.node.ObjectNode;

/** Channels in the configuration document: as {@code POST /channels} takes them, url and secret masked. */
@Component
class ChannelConfigSection implements ConfigSection {

    private final ChannelRepository channels;
    private final ChannelService service;
    private final ChannelValidator validator;
    private final ConfigSections sections;

    ChannelConfigSection(
            ChannelRepository channels, ChannelService service, ChannelValidator validator, ConfigSections sections) {
        this.channels = channels;
        this.service = service;
        this.validator = validator;
        this.sections = sections;
    }

    @Override
    public Kind kind() {
        return new Kind("channels", 0, Set.of("url", "secret"));
    }

    @Override
    public List<Stored> stored(ConfigKeys keys) {
        return channels.list(0, Integer.MAX_VALUE).stream()
                .map(channel -> new Stored(
                        channel.id(),
                        document(channel.settings()),
                        channel.updatedAt().toString()))
                .toList();
    }

    @Override
    public Prepared prepare(ObjectNode entry, Stored stored, ConfigKeys keys) {
        ChannelRequest request = sections.request(entry, ChannelRequest.class);
        ChannelSettings existing =
                stored == null ? null : channels.find(stored.id()).orElseThrow().settings();
        ChannelSettings settings = validator.validate(request, existing);
        return new Prepared() {
            @Override
            public ObjectNode document() {
                return ChannelConfigSection.this.document(settings);
            }

            @Override
            public boolean changed() {
                return !settings.equals(existing);
            }

            @Override
            public long write() {
                return stored == null
                        ? service.create(request).id()
                        : service.replace(stored.id(), request).id();
            }
        };
    }

    @Override
    public void delete(long id) {
        service.delete(id);
    }

    private ObjectNode document(ChannelSettings settings) {
        return sections.document(new ChannelRequest(
                settings.name(),
                settings.type().id(),
                Secrets.maskUrl(settings.url()),
                Secrets.mask(settings.secret()),
                settings.recipients()));
    }
}
