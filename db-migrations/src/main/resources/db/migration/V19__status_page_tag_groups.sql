-- A status-page group may name a tag instead of listing monitors: its members are the monitors carrying the tag
-- (V13's monitor_tag_terms, as the list's ?tag= filter) when the page is read, so a monitor tagged later appears on
-- the page without editing it.
CREATE TABLE status_page_tag_groups (
    status_page_id BIGINT       NOT NULL REFERENCES status_pages (id) ON DELETE CASCADE,
    -- Where the group stands among the page's listed monitors: before the status_page_monitors row of this position.
    position       INTEGER      NOT NULL CHECK (position >= 0),
    -- The group's index in the page as written: orders tag groups that stand at the same position.
    ordinal        INTEGER      NOT NULL CHECK (ordinal >= 0),
    name           VARCHAR(100) NOT NULL CHECK (char_length(btrim(name)) BETWEEN 1 AND 100),
    tag            VARCHAR(200) NOT NULL,
    PRIMARY KEY (status_page_id, name)
);
