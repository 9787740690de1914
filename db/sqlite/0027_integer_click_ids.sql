-- Raw clicks keyed by an integer, SQLite's rowid: the writer appends each click to one B-tree with an integer key where
-- a 29-character text key was compared, encoded and stored (see ClickIds: a block reserved per instance and start, a
-- counter within it; the public id, the icid, is that integer encrypted). The click's time is Unix milliseconds and its
-- visitor hash 32 bytes, not 28 and 64 characters of text; the old user_agent text column goes, its agents numbered.
-- A raw click row goes from about 170 bytes to about 70. The agent's id has no foreign key: with SQLite's foreign keys on,
-- every insert opened a cursor on perf_user_agents to look it up; the writer takes ids only from that table (added in
-- the same transaction, or remembered once committed), so the check cost every click and caught nothing.
CREATE TABLE perf_click_id_blocks (
    block INTEGER PRIMARY KEY AUTOINCREMENT,
    reserved_at TEXT NOT NULL
);

-- Clicks stored before this migration take block 0 (AUTOINCREMENT starts at 1); their text ids keep answering
-- conversions through perf_click_legacy_ids.
CREATE TABLE perf_clicks_numbered (
    id INTEGER PRIMARY KEY,
    link_id TEXT NOT NULL,
    clicked_at INTEGER NOT NULL,
    ip_hash BLOB NOT NULL,
    user_agent_id INTEGER NULL,
    referrer TEXT NULL,
    is_bot INTEGER NOT NULL
);

INSERT INTO perf_user_agents (user_agent)
SELECT DISTINCT user_agent FROM perf_clicks WHERE user_agent_id IS NULL AND user_agent IS NOT NULL
ON CONFLICT (user_agent) DO NOTHING;

CREATE TABLE perf_click_legacy_ids (
    legacy_id TEXT NOT NULL PRIMARY KEY,
    click_id INTEGER NOT NULL
) WITHOUT ROWID;

INSERT INTO perf_click_legacy_ids (legacy_id, click_id)
SELECT id, ROW_NUMBER() OVER (ORDER BY id) FROM perf_clicks;

-- Times cut to the millisecond, as the writer's ToUnixTimeMilliseconds does (rounding could move a click at 23:59:59.9995
-- to the next day, away from its rollups); stored times are fixed-width UTC text (yyyy-MM-ddTHH:mm:ss.fffffffZ).
INSERT INTO perf_clicks_numbered (id, link_id, clicked_at, ip_hash, user_agent_id, referrer, is_bot)
SELECT m.click_id, c.link_id, unixepoch(substr(c.clicked_at, 1, 19)) * 1000 + CAST(substr(c.clicked_at, 21, 3) AS INTEGER), unhex(c.ip_hash),
    COALESCE(c.user_agent_id, (SELECT u.id FROM perf_user_agents u WHERE u.user_agent = c.user_agent)), c.referrer, c.is_bot
FROM perf_clicks c JOIN perf_click_legacy_ids m ON m.legacy_id = c.id;

DROP TABLE perf_clicks;

ALTER TABLE perf_clicks_numbered RENAME TO perf_clicks;

CREATE TABLE perf_link_day_visitors_binary (
    link_id TEXT NOT NULL,
    day TEXT NOT NULL,
    ip_hash BLOB NOT NULL,
    PRIMARY KEY (link_id, day, ip_hash)
) WITHOUT ROWID;

INSERT INTO perf_link_day_visitors_binary (link_id, day, ip_hash) SELECT link_id, day, unhex(ip_hash) FROM perf_link_day_visitors;

DROP TABLE perf_link_day_visitors;

ALTER TABLE perf_link_day_visitors_binary RENAME TO perf_link_day_visitors;
