package com.healthmonitor.worker.testing;

import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Inserts channels and links them to monitors with plain SQL, as the API would. */
public final class Channels {

    private final JdbcClient jdbc;

    public Channels(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public long webhook(String type, String name, String url, String secret) {
        return jdbc.sql("""
                        INSERT INTO channels (name, type, url, secret) VALUES (:name, :type, :url, :secret)
                        RETURNING id""")
                .param("name", name)
                .param("type", type)
                .param("url", url)
                .param("secret", secret)
                .query(Long.class)
                .single();
    }

    public long email(String name, List<String> recipients) {
        return jdbc.sql("""
                        INSERT INTO channels (name, type, recipients) VALUES (:name, 'email', :recipients)
                        RETURNING id""")
                .param("name", name)
                .param("recipients", recipients.toArray(String[]::new))
                .query(Long.class)
                .single();
    }

    public void link(long monitorId, long... channelIds) {
        for (long channelId : channelIds) {
            jdbc.sql("INSERT INTO monitor_channels (monitor_id, channel_id) VALUES (:m, :c)")
                    .param("m", monitorId)
                    .param("c", channelId)
                    .update();
        }
    }
}
