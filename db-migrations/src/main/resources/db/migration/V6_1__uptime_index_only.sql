-- The monitor list shows each monitor's 30-day uptime, summed from about 30 daily rollups per monitor. With checks and
-- failures in the primary key's index the sum is an index-only scan of a few adjacent index pages, instead of one heap
-- page per day (a day's rollups of all monitors are written together, so one monitor's rows are spread over the
-- table). Daily rows are written once, so the wider index costs no HOT updates.
ALTER TABLE check_rollups_daily DROP CONSTRAINT check_rollups_daily_pkey;
ALTER TABLE check_rollups_daily ADD PRIMARY KEY (monitor_id, day) INCLUDE (checks, failures);
