-- Checks from several locations (issue 24). A monitor lists the locations that check it and how many of them must
-- fail a slot before the slot counts as failed; each location records its own result of a slot.
ALTER TABLE monitors
    ADD COLUMN locations TEXT[] NOT NULL DEFAULT ARRAY['default']
        CHECK (cardinality(locations) BETWEEN 1 AND 10 AND array_position(locations, NULL) IS NULL),
    ADD COLUMN min_failing_locations INTEGER NOT NULL DEFAULT 1,
    -- The locations that failed the monitor's last decided slot (empty when none did): a monitor failing in fewer
    -- than min_failing_locations of them is degraded, not DOWN.
    ADD COLUMN failing_locations TEXT[] NOT NULL DEFAULT '{}',
    ADD CONSTRAINT monitors_min_failing_locations_in_range
        CHECK (min_failing_locations BETWEEN 1 AND cardinality(locations));

-- A result per slot and location: a redelivered check of one location is still recognised by the primary key, the
-- other locations' results of the slot are not duplicates. The constant default keeps the ALTER free of a rewrite.
ALTER TABLE check_results ADD COLUMN location TEXT NOT NULL DEFAULT 'default';
ALTER TABLE check_results DROP CONSTRAINT check_results_pkey;
ALTER TABLE check_results ADD PRIMARY KEY (monitor_id, slot, location);

-- The locations a scheduler has a queue for, registered at its start, so that the API refuses a monitor listing a
-- location nothing would check. 'default' always has one.
CREATE TABLE locations (
    name          TEXT        PRIMARY KEY CHECK (name ~ '^[a-z0-9-]{1,32}$'),
    registered_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
INSERT INTO locations (name) VALUES ('default');
