-- Today lists and counts the campaigns that start or end this week (SearchCampaigns with startingOrEnding, and its
-- count): "starts in the range OR ends in the range" is two range seeks, one on ix_campaign_campaigns_starts (0003)
-- and one on this index, which SQLite unions (MULTI-INDEX OR) instead of reading the workspace's campaigns.
CREATE INDEX ix_campaign_campaigns_ends ON campaign_campaigns (workspace_id, ends_on, id);
