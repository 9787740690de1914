-- The calendar reads a month's deliverables: those due in it (workspace, due date: ix_campaign_deliverables_overdue, 0049) and
-- those published in it, which no index led. With this index the optimiser can seek both ranges and union them.
-- Filtered: only published deliverables have a publication time.
CREATE INDEX ix_campaign_deliverables_published ON dbo.campaign_deliverables (workspace_id, published_at) WHERE published_at IS NOT NULL;
