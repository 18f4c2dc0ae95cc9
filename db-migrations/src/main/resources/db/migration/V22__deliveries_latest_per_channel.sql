-- The channels list shows each channel's newest delivery: one index probe per channel instead of a pass over the
-- deliveries of 90 days, which grow with the alerts sent.
CREATE INDEX deliveries_channel_latest_idx ON deliveries (channel_id, id DESC);
