-- A campaign may set its own attribution window for click-attributed conversions (null = the installation default).
ALTER TABLE dbo.campaign_campaigns ADD attribution_window_days INT NULL;
