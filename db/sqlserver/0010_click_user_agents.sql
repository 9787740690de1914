-- A click names its user agent by id: the same few hundred browser strings recur across millions of clicks, and storing
-- each once makes every raw click about 40 % smaller (and the click writer's work with it). Clicks stored before keep
-- their text in perf_clicks.user_agent; new clicks fill user_agent_id. Binary collation: user agents differing only in
-- case are different strings, as on SQLite.
CREATE TABLE dbo.perf_user_agents (
    id BIGINT IDENTITY(1, 1) NOT NULL CONSTRAINT pk_perf_user_agents PRIMARY KEY,
    user_agent NVARCHAR(512) COLLATE Latin1_General_100_BIN2 NOT NULL CONSTRAINT uq_perf_user_agents UNIQUE
);

ALTER TABLE dbo.perf_clicks ADD user_agent_id BIGINT NULL CONSTRAINT fk_perf_clicks_user_agent REFERENCES dbo.perf_user_agents (id);
