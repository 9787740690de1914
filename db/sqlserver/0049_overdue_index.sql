-- Today counts the overdue deliverables on every visit (a COUNT of those past due and not published, in open campaigns):
-- keyed by workspace, due date and id like ix_campaign_deliverables_due, with status and campaign included, the count
-- reads the index alone and seeks each campaign (it loaded the whole overdue list, up to 2,001 rows, and their
-- creators' names). It serves every read of the index it replaces: one index to keep up, not two.
CREATE INDEX ix_campaign_deliverables_overdue ON dbo.campaign_deliverables (workspace_id, due_on, id) INCLUDE (status, campaign_id);
DROP INDEX ix_campaign_deliverables_due ON dbo.campaign_deliverables;
