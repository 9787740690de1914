-- Raw clicks in one B-tree: WITHOUT ROWID clusters the rows on their id (ULIDs grow with time, so inserts append at the
-- end), where a rowid table wrote the row and, apart, an index of its text id: two B-trees per click. The visitors of a
-- link and day likewise. A click's workspace is its link's (perf_links.workspace_id): the click no longer repeats it.
CREATE TABLE perf_clicks_lean (
    id TEXT NOT NULL PRIMARY KEY,
    link_id TEXT NOT NULL,
    clicked_at TEXT NOT NULL,
    ip_hash TEXT NOT NULL,
    user_agent TEXT NULL,
    user_agent_id INTEGER NULL REFERENCES perf_user_agents (id),
    referrer TEXT NULL,
    is_bot INTEGER NOT NULL
) WITHOUT ROWID;

INSERT INTO perf_clicks_lean (id, link_id, clicked_at, ip_hash, user_agent, user_agent_id, referrer, is_bot)
SELECT id, link_id, clicked_at, ip_hash, user_agent, user_agent_id, referrer, is_bot FROM perf_clicks;

DROP TABLE perf_clicks;

ALTER TABLE perf_clicks_lean RENAME TO perf_clicks;

CREATE TABLE perf_link_day_visitors_lean (
    link_id TEXT NOT NULL,
    day TEXT NOT NULL,
    ip_hash TEXT NOT NULL,
    PRIMARY KEY (link_id, day, ip_hash)
) WITHOUT ROWID;

INSERT INTO perf_link_day_visitors_lean (link_id, day, ip_hash) SELECT link_id, day, ip_hash FROM perf_link_day_visitors;

DROP TABLE perf_link_day_visitors;

ALTER TABLE perf_link_day_visitors_lean RENAME TO perf_link_day_visitors;
