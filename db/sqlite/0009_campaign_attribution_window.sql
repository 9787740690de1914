-- A campaign may set its own attribution window for click-attributed conversions (null = the installation default).
ALTER TABLE campaign_campaigns ADD COLUMN attribution_window_days INTEGER NULL;
