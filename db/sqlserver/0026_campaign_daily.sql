-- Clicks per campaign and day, written by the click writer with the link-day rollups (same transaction): the report and
-- its page grouped by day read 90 rows for a 90-day campaign instead of summing 90,000 link-day rollups. Unique visitors
-- are per link and day, summed, as in the link rollups.
CREATE TABLE dbo.perf_campaign_daily (
    campaign_id NVARCHAR(40) NOT NULL,
    day DATE NOT NULL,
    workspace_id NVARCHAR(40) NOT NULL,
    clicks BIGINT NOT NULL,
    human_clicks BIGINT NOT NULL,
    unique_visitors BIGINT NOT NULL,
    CONSTRAINT pk_perf_campaign_daily PRIMARY KEY (campaign_id, day)
);

INSERT INTO dbo.perf_campaign_daily (campaign_id, day, workspace_id, clicks, human_clicks, unique_visitors)
SELECT l.campaign_id, d.day, l.workspace_id, SUM(d.clicks), SUM(d.human_clicks), SUM(d.unique_visitors)
FROM dbo.perf_link_daily d JOIN dbo.perf_links l ON l.id = d.link_id
GROUP BY l.campaign_id, d.day, l.workspace_id;
