-- Raw clicks keyed by an integer, as on SQLite (see ClickIds: a block reserved per instance and start, a counter within
-- it; the public id, the icid, is that integer encrypted, so it would scatter inserts across the clustered index if it
-- were the key — the number grows with each instance's counter and appends). Clicks stored before keep their text ids
-- answering conversions through perf_click_legacy_ids. The old user_agent text column goes: its agents are numbered.
CREATE TABLE dbo.perf_click_id_blocks (
    block BIGINT IDENTITY(1, 1) NOT NULL CONSTRAINT pk_perf_click_id_blocks PRIMARY KEY,
    reserved_at DATETIME2(7) NOT NULL
);

INSERT INTO dbo.perf_user_agents (user_agent)
SELECT DISTINCT c.user_agent COLLATE Latin1_General_100_BIN2 FROM dbo.perf_clicks c
WHERE c.user_agent_id IS NULL AND c.user_agent IS NOT NULL
    AND NOT EXISTS (SELECT 1 FROM dbo.perf_user_agents u WHERE u.user_agent = c.user_agent COLLATE Latin1_General_100_BIN2);

UPDATE c SET user_agent_id = u.id
FROM dbo.perf_clicks c JOIN dbo.perf_user_agents u ON u.user_agent = c.user_agent COLLATE Latin1_General_100_BIN2
WHERE c.user_agent_id IS NULL AND c.user_agent IS NOT NULL;

-- Clicks stored before this migration take block 0 (blocks start at 1).
CREATE TABLE dbo.perf_click_legacy_ids (
    legacy_id NVARCHAR(40) NOT NULL CONSTRAINT pk_perf_click_legacy_ids PRIMARY KEY,
    click_id BIGINT NOT NULL
);

CREATE TABLE dbo.perf_clicks_numbered (
    id BIGINT NOT NULL CONSTRAINT pk_perf_clicks_numbered PRIMARY KEY,
    link_id NVARCHAR(40) NOT NULL,
    clicked_at DATETIME2(7) NOT NULL,
    ip_hash NCHAR(64) NOT NULL,
    user_agent_id BIGINT NULL CONSTRAINT fk_perf_clicks_numbered_user_agent REFERENCES dbo.perf_user_agents (id),
    referrer NVARCHAR(1024) NULL,
    is_bot BIT NOT NULL
);
GO

INSERT INTO dbo.perf_click_legacy_ids (legacy_id, click_id)
SELECT id, ROW_NUMBER() OVER (ORDER BY id) FROM dbo.perf_clicks;

INSERT INTO dbo.perf_clicks_numbered (id, link_id, clicked_at, ip_hash, user_agent_id, referrer, is_bot)
SELECT m.click_id, c.link_id, c.clicked_at, c.ip_hash, c.user_agent_id, c.referrer, c.is_bot
FROM dbo.perf_clicks c JOIN dbo.perf_click_legacy_ids m ON m.legacy_id = c.id;

DROP TABLE dbo.perf_clicks;

EXEC sp_rename 'dbo.perf_clicks_numbered', 'perf_clicks';
