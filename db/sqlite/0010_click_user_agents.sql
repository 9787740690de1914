-- A click names its user agent by id: the same few hundred browser strings recur across millions of clicks, and storing
-- each once makes every raw click about 40 % smaller (and the click writer's work with it). Clicks stored before keep
-- their text in perf_clicks.user_agent; new clicks fill user_agent_id.
CREATE TABLE perf_user_agents (
    id INTEGER NOT NULL PRIMARY KEY,
    user_agent TEXT NOT NULL UNIQUE
);

ALTER TABLE perf_clicks ADD COLUMN user_agent_id INTEGER NULL REFERENCES perf_user_agents (id);
