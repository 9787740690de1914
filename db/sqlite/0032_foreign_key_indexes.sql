-- Every foreign key leads an index: without one, deleting a referenced row (the webhook purge deletes deliveries and
-- events, erasure deletes requests) scans the whole referencing table and locks it, and every join on the key scans.
-- The click pipeline's totals read the campaign-day rollups by workspace, which no index led (a scan of every
-- workspace's rollups per call).
CREATE INDEX ix_platform_webhook_attempts_delivery ON platform_webhook_attempts (delivery_id);
CREATE INDEX ix_platform_webhook_deliveries_event ON platform_webhook_deliveries (event_id);
CREATE INDEX ix_perf_link_history_link ON perf_link_history (link_id);
CREATE INDEX ix_ugc_request_replies_request ON ugc_request_replies (request_id);
CREATE INDEX ix_perf_campaign_daily_workspace ON perf_campaign_daily (workspace_id, day);
CREATE INDEX ix_campaign_deliverables_roster ON campaign_deliverables (roster_id);
CREATE INDEX ix_ugc_usages_asset ON ugc_usages (asset_id);
CREATE INDEX ix_campaign_disclosure_verdicts_by_campaign ON campaign_disclosure_verdicts (campaign_id);
CREATE INDEX ix_platform_webhook_events_workspace ON platform_webhook_events (workspace_id);
CREATE INDEX ix_platform_webhook_deliveries_workspace ON platform_webhook_deliveries (workspace_id);
CREATE INDEX ix_platform_webhook_attempts_workspace ON platform_webhook_attempts (workspace_id);
